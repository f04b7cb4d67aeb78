// Rulebook `sec-legacy-2013`: the original Section D layout (D1 to D10), in force from SEC
// designation until `sec-5.18+secmp0049` took effect. secmod uses it only to import and
// display legacy records (§5.4 transition rules), so only its metadata is held.
import { deepFreeze } from './deep-freeze.ts';
import type { DeepReadonly } from './deep-freeze.ts';
import type { RulebookMetadata } from './types.ts';

export const SEC_LEGACY_2013_ID = 'sec-legacy-2013';

export const SEC_LEGACY_2013: DeepReadonly<RulebookMetadata> = deepFreeze({
  id: SEC_LEGACY_2013_ID,
  title: 'SEC Section D modification process, original layout (before SECMP0049)',
  // SEC designation: the Smart Energy Code came into force on 23 September 2013.
  effectiveFrom: '2013-09-23',
  effectiveTo: '2018-10-31',
  secBaseline: 'pre-5.18',
  usage: 'import-display-only',
  sources: [
    '[Public: C26] DECC, Stage 1 of the Smart Energy Code, Consultation Draft (2013): D1 to D10',
    '[Public: C1, earlier version] About SEC Change',
    '[Public: C25] Modification Proposal Form v1.0 (2017)',
    '[Public: C10] Alternative Proposal (legacy D6.15)',
  ],
  summary: 'No Draft Proposal stage: records start at AwaitingConversion (the Panel\'s initial consideration of a Modification Proposal). Paths "Authority-led", "Authority Determined", "Self-Governance"; only the Panel raises Fast-Track; Alternative Proposals could be insisted on by the Proposer or the D6.3(b) appointee.',
});
