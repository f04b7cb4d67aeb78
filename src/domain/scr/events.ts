// Events of the SCR record (stream `scr-<id>`) and of the ALV record (stream `alv-<id>`).
// Past-tense names; each carries `at` (ctx.now) and the clauses relied on.
import type { IsoDate } from '../calendar/iso-date.ts';
import type { ScrStartBasis } from './commands.ts';

interface Base { readonly at: string }

export interface ScrEventDataMap {
  ScrStarted: { scrId: string; subject: string; noticeDate: IsoDate; startBasis: ScrStartBasis; scope: readonly string[]; noticeDocumentId?: string };
  ScrBackstopDirectionRecorded: { directionDate: IsoDate; documentId: string; summary?: string };
  ScrAlvDirectionRecorded: { alvId: string; title: string; directionDate: IsoDate; documentId: string };
  ScrConclusionRecorded: { conclusionDocumentDate: IsoDate; documentId: string; summary?: string; limbDEndsOn: IsoDate };
  ScrNoModificationConclusionRecorded: { conclusionDate: IsoDate; documentId: string; reasons: string };
  /** The Authority lets an in-scope proposal proceed during the phase ([Default] scr.exemptionsAllowed). */
  ScrProposalExempted: { reference: string; references: readonly string[]; reasons: string; documentId?: string };
  /** The System notes that the phase has ended and which suspended proposals await a resume or close decision (TM13, scr.autoResumeOnPhaseEnd). */
  ScrPhaseEndNoted: { phaseEnd: IsoDate; endedBy: 'a' | 'b' | 'c' | 'd'; suspendedProposals: readonly string[] };
}
export type ScrEventType = keyof ScrEventDataMap;
export type ScrEvent = { [T in ScrEventType]: { readonly type: T; readonly data: Readonly<ScrEventDataMap[T]> & Base; readonly clauseRefs: readonly string[] } }[ScrEventType];

export interface AlvEventDataMap {
  AlvDirected: { alvId: string; scrId: string; title: string; directionDate: IsoDate; documentId: string };
  AlvSubmittedForDecision: { consultationDocumentId?: string; summary?: string };
  /** D9A.11: ends the linked SCR Phase (limb (b)) on `decisionDate`. */
  AlvDecided: { scrId: string; outcome: 'approve' | 'reject'; decisionDate: IsoDate; reasons: string; decisionLetterDocumentId: string };
  AlvImplementationScheduled: { implementationDate: IsoDate; releaseId?: string };
  AlvImplemented: { secVersion: string; implementedOn: IsoDate };
}
export type AlvEventType = keyof AlvEventDataMap;
export type AlvEvent = { [T in AlvEventType]: { readonly type: T; readonly data: Readonly<AlvEventDataMap[T]> & Base; readonly clauseRefs: readonly string[] } }[AlvEventType];

export const SCR_EVENT_TYPES: readonly ScrEventType[] = ['ScrStarted', 'ScrBackstopDirectionRecorded', 'ScrAlvDirectionRecorded', 'ScrConclusionRecorded', 'ScrNoModificationConclusionRecorded', 'ScrProposalExempted', 'ScrPhaseEndNoted'];
export const ALV_EVENT_TYPES: readonly AlvEventType[] = ['AlvDirected', 'AlvSubmittedForDecision', 'AlvDecided', 'AlvImplementationScheduled', 'AlvImplemented'];

export const scrEvent = <T extends ScrEventType>(type: T, data: ScrEventDataMap[T] & Base, clauseRefs: readonly string[]): ScrEvent =>
  ({ type, data, clauseRefs: [...clauseRefs] }) as unknown as ScrEvent;
export const alvEvent = <T extends AlvEventType>(type: T, data: AlvEventDataMap[T] & Base, clauseRefs: readonly string[]): AlvEvent =>
  ({ type, data, clauseRefs: [...clauseRefs] }) as unknown as AlvEvent;
