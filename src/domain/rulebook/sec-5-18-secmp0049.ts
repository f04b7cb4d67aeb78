// Rulebook `sec-5.18+secmp0049`: Section D as amended by SECMP0049 and the DCC assessment
// provisions, in force from 1 November 2018 (sec-process.md §1.3).
import { ARTEFACTS } from './artefacts.ts';
import { SECMP0049_CLAUSE_MAP } from './clause-map.ts';
import { deepFreeze } from './deep-freeze.ts';
import { ENTITLEMENTS } from './entitlements.ts';
import { GUARDS } from './guards.ts';
import { SECMP0049_PARAMETERS } from './parameters.ts';
import {
  APPEAL_GROUNDS, FAST_TRACK_CRITERIA, MR_REQUIRED_SECTIONS, PARTY_CATEGORIES, PATH_2_CRITERIA, PATHS,
  PROCESS_VARIANTS, SCOPE_DCCKI, SCOPE_SMKI_SEC_DOCUMENTS, SCOPE_SOAA, SEC_OBJECTIVES,
} from './reference-data.ts';
import type { Rulebook } from './rulebook.ts';
import { STATES } from './states.ts';
import { TIMERS } from './timers.ts';
import { TRANSITIONS } from './transitions.ts';

export const SEC_5_18_SECMP0049_ID = 'sec-5.18+secmp0049';

export const SEC_5_18_SECMP0049: Rulebook = deepFreeze({
  metadata: {
    id: SEC_5_18_SECMP0049_ID,
    title: 'SEC Section D modification process as amended by SECMP0049 (Section D Review)',
    effectiveFrom: SECMP0049_PARAMETERS.rulebook.effectiveFrom.value,
    secBaseline: '5.18',
    usage: 'executable',
    sources: [
      'SECMP0049 "Section D Review: Amendments to the Modification Process", draft legal text v0.4, 6 July 2018 (shared/seeds/SECMP0049-draft-legal-text.txt)',
      '[Public: C4] SEC Newsletter August 2018: start early November 2018',
      '[Public: C20] Section D DCC analysis provisions, implemented 1 November 2018',
      'secmod domain specification sec-process.md',
    ],
    summary: 'Draft Proposals and the Development Stage under the Change Sub-Committee; conversion at the Panel\'s initial consideration (D3.11); Refinement and Report Phases; Change Board decision or recommendation; D5 Significant Code Reviews and D9A Authority-Led Variations.',
  },
  clauseMap: SECMP0049_CLAUSE_MAP,
  states: STATES,
  guards: GUARDS,
  transitions: TRANSITIONS,
  timers: TIMERS,
  entitlements: ENTITLEMENTS,
  parameters: SECMP0049_PARAMETERS,
  reference: {
    secObjectives: SEC_OBJECTIVES,
    partyCategories: PARTY_CATEGORIES,
    paths: PATHS,
    path2Criteria: PATH_2_CRITERIA,
    appealGrounds: APPEAL_GROUNDS,
    fastTrackCriteria: FAST_TRACK_CRITERIA,
    mrRequiredSections: MR_REQUIRED_SECTIONS,
    scopeSets: { 'scope.soaa': SCOPE_SOAA, 'scope.smkiSecDocuments': SCOPE_SMKI_SEC_DOCUMENTS, 'scope.dccki': SCOPE_DCCKI },
  },
  processVariants: PROCESS_VARIANTS,
  artefacts: ARTEFACTS,
});
