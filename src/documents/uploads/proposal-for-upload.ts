// The slice of a proposal's folded state that the upload rule reads
// (domain/parties/supporting-document-entitlements.ts), so the rule needs no modification types.
import type { ModificationState } from '../../domain/modification/state.ts';
import type { ProposalForUpload } from '../../domain/parties/supporting-document-entitlements.ts';
import { STATES } from '../../domain/rulebook/states.ts';

export function proposalForUpload(state: ModificationState, reference: string): ProposalForUpload {
  return {
    reference,
    phase: state.phase,
    closed: STATES.find((s) => s.id === state.state)?.terminal === true,
    proposer: { userId: state.proposer.userId, ...(state.proposer.organisationId ? { organisationId: state.proposer.organisationId } : {}), scope: state.proposer.scope },
    ...(state.workingGroup ? { workingGroup: { members: state.workingGroup.members } } : {}),
    dccAssessmentRequested: state.dccAssessments.length > 0,
    consultationOpen: state.consultations.some((c) => c.closedAt === undefined),
  };
}
