// Who may produce or take away a proposal's artefacts (sec-process.md §8 "Artefacts per
// stage"): the Code Administrator drafts legal text and generates documents; designating a
// Code version is the Code Administrator's (or an operator's) act; a proposal's complete
// record goes to the Authority, the Code Administrator or the Proposer's side. Kept here, with
// the other entitlement rules, so routes only translate the refusal.
import { refuse, type Refusal } from '../shared/decision.ts';
import type { RoleId } from './roles.ts';

export interface ArtefactActor {
  readonly userId: string;
  readonly organisationId?: string;
  readonly roles: readonly { readonly role: RoleId }[];
}

const has = (a: ArtefactActor, role: RoleId): boolean => a.roles.some((r) => r.role === role);

export function mayStoreCodeVersion(a: ArtefactActor): Refusal | undefined {
  return has(a, 'code-administrator') || has(a, 'system-administrator') ? undefined : refuse('not-entitled', 'Only the Code Administrator may store a Code version.', undefined, { status: 403 });
}

export function mayDraftLegalText(a: ArtefactActor): Refusal | undefined {
  return has(a, 'code-administrator') ? undefined : refuse('not-entitled', 'Only the Code Administrator drafts legal text.', undefined, { status: 403 });
}

export function mayGenerateDocuments(a: ArtefactActor): Refusal | undefined {
  return has(a, 'code-administrator') ? undefined : refuse('not-entitled', 'Only the Code Administrator generates the documents of a proposal (sec-process.md §8).', undefined, { status: 403 });
}

export function mayExportRecord(a: ArtefactActor, proposer: { readonly userId: string; readonly organisationId?: string }): Refusal | undefined {
  const proposerSide = (a.organisationId !== undefined && a.organisationId === proposer.organisationId) || a.userId === proposer.userId;
  return has(a, 'authority-decision-maker') || has(a, 'code-administrator') || proposerSide
    ? undefined
    : refuse('not-entitled', 'Only the Authority, the Code Administrator or the Proposer’s organisation may export a proposal’s full record.', undefined, { status: 403 });
}
