// R-A-08: a Significant Code Review Phase ends on the earliest of limbs (a) to (d) of the
// A1.1 definition: (a) an SCR Draft Proposal submitted; (b) an Authority-Led Variation
// decided (D9A.11); (c) a "no modification required" conclusion; (d) the conclusion document
// date plus `scr.phaseEndAfterConclusionDays` (28) calendar days — never Working Days.
import { addCalendarDays, compareIsoDates, type IsoDate } from '../calendar/iso-date.ts';
import { CURRENT_RULEBOOK } from '../rulebook/registry.ts';
import type { Rulebook } from '../rulebook/rulebook.ts';

export interface ScrPhaseRecord {
  readonly conclusionDocumentDate?: IsoDate;
  readonly noModificationConclusionDate?: IsoDate;
  /** Creation date of a DP with basis `scr` linked to the SCR (limb (a)). */
  readonly scrDraftProposalDate?: IsoDate;
  /** D9A.11 decision date of a linked ALV (limb (b)). */
  readonly alvDecisionDate?: IsoDate;
}

export const scrPhaseEnd = (record: ScrPhaseRecord, rulebook: Rulebook = CURRENT_RULEBOOK): IsoDate | undefined => {
  const limbD = record.conclusionDocumentDate
    ? addCalendarDays(record.conclusionDocumentDate, rulebook.parameters.scr.phaseEndAfterConclusionDays.value)
    : undefined;
  const candidates = [record.scrDraftProposalDate, record.alvDecisionDate, record.noModificationConclusionDate, limbD]
    .filter((d): d is IsoDate => d !== undefined);
  return candidates.sort(compareIsoDates)[0];
};
