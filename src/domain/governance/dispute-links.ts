// Disputes are outside the modification lifecycle (sec-process.md §1.4); secmod keeps their
// links to disputes under other Energy Codes, for the Panel's joint working arrangements
// (C2.3(l)(ii)).
import { accept, refuse, type Decision } from '../shared/decision.ts';

export interface ExternalDisputeRef {
  readonly code: string;
  readonly reference: string;
}

export interface DisputeRecord {
  readonly disputeId: string;
  readonly title: string;
  readonly externalDisputes: readonly ExternalDisputeRef[];
}

export type DisputeEvent =
  | { readonly type: 'DisputeRecorded'; readonly data: { readonly disputeId: string; readonly title: string } }
  | { readonly type: 'ExternalDisputeLinked'; readonly data: ExternalDisputeRef & { readonly disputeId: string } };

export function linkExternalDispute(d: DisputeRecord, ref: ExternalDisputeRef): Decision<DisputeEvent> {
  if (ref.code.trim() === '' || ref.reference.trim() === '') return refuse('invalid-input', 'Name the other Energy Code and its dispute reference', 'C2.3(l)(ii)');
  if (d.externalDisputes.some((x) => x.code === ref.code && x.reference === ref.reference)) return refuse('conflict', `${ref.code} ${ref.reference} is already linked`, 'C2.3(l)(ii)');
  return accept({ type: 'ExternalDisputeLinked', data: { disputeId: d.disputeId, ...ref } });
}

export function evolveDispute(d: DisputeRecord | undefined, e: DisputeEvent): DisputeRecord {
  switch (e.type) {
    case 'DisputeRecorded':
      return { disputeId: e.data.disputeId, title: e.data.title, externalDisputes: [] };
    case 'ExternalDisputeLinked':
      if (!d) throw new Error('link before record');
      return { ...d, externalDisputes: [...d.externalDisputes, { code: e.data.code, reference: e.data.reference }] };
  }
}
