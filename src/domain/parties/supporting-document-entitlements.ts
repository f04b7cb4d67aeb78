// Who may attach a supporting document to a Draft or Modification Proposal, and who may read
// one (sec-process.md §8 "Artefacts per stage": every artefact is a versioned document attached
// to the stream by the party that produces it). Those entitled to act on the proposal may add
// to its record:
// * the Proposer, or any user of the Proposer's organisation when it proposes as an
//   organisation (the business case, the Proposed Solution's evidence);
// * the Code Administrator and the Secretariat, who keep the record and the Modification
//   Register [Seed C7.2(f),(i)]; [Public: C8];
// * the Panel, which oversees every proposal (conversion, timetables, reports);
// * the relevant committee: the Change Sub-Committee while it is a Draft Proposal (problem
//   statement development [Public: C1, C2]); the Change Board once it is a Modification
//   Proposal (it votes on the Final Modification Report [Public: C3]);
// * Working Group members, once the proposal has a Working Group (D6);
// * the DCC, once an assessment has been asked of it (Preliminary / Impact Assessment [Public: C20]);
// * the bodies that make representations or give advice on any proposal: the SSC and its
//   members [Seed G7.22], the SMKI PMA [Seed L1.17(k)], TABASC [Seed F1.4] and the Alt HAN
//   Forum [Seed Z1.6(a)];
// * the Authority (decision letters, send-backs, appeals);
// * any Party while a consultation on the proposal is open (evidence for its response).
// A proposal whose record is closed (withdrawn, rejected, implemented or closed) takes no more.
// Uploads are SEC Materials under M5.1 (R-M-01).
import { refuse, type Refusal } from '../shared/decision.ts';
import type { RoleId } from './roles.ts';

export interface UploadActor {
  readonly userId: string;
  readonly organisationId?: string;
  readonly roles: readonly { readonly role: RoleId }[];
}

/** What the rule needs to know of the proposal (a structural slice of its state). */
export interface ProposalForUpload {
  readonly reference: string;
  readonly phase: 'draft' | 'proposal';
  /** The proposal's state is terminal (its record is closed). */
  readonly closed: boolean;
  readonly proposer: { readonly userId: string; readonly organisationId?: string; readonly scope: 'organisation' | 'user' };
  readonly workingGroup?: { readonly members: readonly { readonly userId: string }[] };
  readonly dccAssessmentRequested: boolean;
  readonly consultationOpen: boolean;
}

const has = (a: UploadActor, ...roles: RoleId[]): boolean => a.roles.some((r) => roles.includes(r.role));

/** Whether the actor is on the Proposer's side of this proposal. */
export const isProposerSide = (a: UploadActor, p: ProposalForUpload): boolean =>
  a.userId === p.proposer.userId || (p.proposer.scope === 'organisation' && p.proposer.organisationId !== undefined && a.organisationId === p.proposer.organisationId);

/** Why the actor may attach documents, or undefined when nothing entitles them. */
export function uploadEntitlement(a: UploadActor, p: ProposalForUpload): string | undefined {
  if (isProposerSide(a, p)) return 'proposer';
  if (has(a, 'code-administrator', 'secretariat')) return 'code-administrator';
  if (has(a, 'panel-chair', 'panel-member')) return 'panel';
  if (p.phase === 'draft' && has(a, 'csc-member')) return 'change-sub-committee';
  if (p.phase === 'proposal' && has(a, 'change-board-member')) return 'change-board';
  if (p.workingGroup && (p.workingGroup.members.some((m) => m.userId === a.userId) || has(a, 'working-group-member'))) return 'working-group';
  if (p.dccAssessmentRequested && has(a, 'dcc-user')) return 'dcc';
  if (has(a, 'ssc-representative', 'ssc-member', 'smki-pma-representative', 'smki-pma-member', 'tabasc-representative', 'alt-han-forum-representative')) return 'advisory-body';
  if (has(a, 'authority-decision-maker')) return 'authority';
  if (p.consultationOpen && has(a, 'party-user', 'consumer-body-user')) return 'consultation-respondent';
  return undefined;
}

export function mayAttachSupportingDocument(a: UploadActor, p: ProposalForUpload): Refusal | undefined {
  if (p.closed) {
    return refuse('invalid-state', `The record of ${p.reference} is closed: documents can no longer be attached to it (sec-process.md §8).`, undefined, { status: 409 });
  }
  if (uploadEntitlement(a, p)) return undefined;
  const committee = p.phase === 'draft' ? 'the Change Sub-Committee' : 'the Change Board';
  const consultation = p.consultationOpen ? '' : ' Parties may attach evidence while a consultation on it is open.';
  return refuse(
    'not-entitled',
    `Only the Proposer’s organisation, the Code Administrator, the Panel, ${committee}, its Working Group, the DCC (once asked for an assessment), the advisory bodies and the Authority may attach supporting documents to ${p.reference} (sec-process.md §8).${consultation}`,
    undefined,
    { status: 403 },
  );
}

/**
 * The Modification Register is public (architecture.md "Who uses it"; [Public: C8]), and so is
 * every proposal page: the documents attached to a proposal are on the register with it.
 */
export const MODIFICATION_REGISTER_PUBLIC = true;

/** Whether a viewer (undefined when not signed in) may read a proposal's supporting documents. */
export function maySeeSupportingDocuments(viewer: UploadActor | undefined, registerPublic: boolean = MODIFICATION_REGISTER_PUBLIC): Refusal | undefined {
  if (registerPublic || viewer) return undefined;
  return refuse('not-entitled', 'Sign in to read the documents attached to a proposal: the Modification Register is not public here.', undefined, { status: 403 });
}
