// The SCR and ALV records folded from their streams, and the SCR Phase computed from them
// plus the links the app looks up (limb (a): a DP with basis `scr`; limb (b): an ALV decision).
import { type IsoDate } from '../calendar/iso-date.ts';
import { scrPhaseEnd } from '../modification/scr.ts';
import type { Rulebook } from '../rulebook/rulebook.ts';
import type { ScrStartBasis } from './commands.ts';
import type { AlvEvent, ScrEvent } from './events.ts';

export interface ScrState {
  readonly id: string;
  readonly subject: string;
  readonly noticeDate: IsoDate;
  readonly startBasis: ScrStartBasis;
  readonly scope: readonly string[];
  readonly noticeDocumentId?: string;
  readonly backstopDirections: readonly { readonly directionDate: IsoDate; readonly documentId: string; readonly summary?: string }[];
  readonly alvs: readonly { readonly alvId: string; readonly title: string; readonly directionDate: IsoDate }[];
  readonly conclusion?: { readonly conclusionDocumentDate: IsoDate; readonly documentId: string; readonly summary?: string };
  readonly noModificationConclusion?: { readonly conclusionDate: IsoDate; readonly documentId: string; readonly reasons: string };
  /** Proposals the Authority has exempted; each entry names both references (DP and MP) of the proposal. */
  readonly exemptions: readonly { readonly reference: string; readonly references: readonly string[]; readonly reasons: string; readonly documentId?: string; readonly at: string }[];
  /** Set once the System has noted the end of the phase (tasks raised for suspended proposals). */
  readonly phaseEndNoted?: { readonly phaseEnd: IsoDate; readonly endedBy: ScrLimb; readonly suspendedProposals: readonly string[]; readonly at: string };
  readonly version: number;
}

/** Whether the Authority has exempted the proposal known by any of `references`. */
export const isExempted = (s: ScrState, references: readonly string[]): boolean =>
  (s.exemptions ?? []).some((x) => x.references.some((r) => references.includes(r)));

/** What ended (or will end) the phase, found outside the SCR's own stream. */
export interface ScrLinks {
  /** Limb (a): the first DP with basis `scr` linked to this SCR. */
  readonly scrDraftProposal?: { readonly reference: string; readonly date: IsoDate };
  /** Limb (b): the D9A.11 decision dates of linked ALVs. */
  readonly alvDecisionDates?: readonly IsoDate[];
}

export type ScrLimb = 'a' | 'b' | 'c' | 'd';

export interface ScrPhase {
  readonly started: boolean;
  /** The earliest of limbs (a) to (d), when one is known (R-A-08). */
  readonly phaseEnd?: IsoDate;
  readonly endedBy?: ScrLimb;
  /** Started and not ended on `today`. */
  readonly live: boolean;
  readonly ended: boolean;
}

export const limbDates = (s: ScrState, links: ScrLinks, rulebook?: Rulebook): Partial<Record<ScrLimb, IsoDate>> => {
  const alv = [...(links.alvDecisionDates ?? [])].sort()[0];
  const out: Partial<Record<ScrLimb, IsoDate>> = {};
  if (links.scrDraftProposal) out.a = links.scrDraftProposal.date;
  if (alv) out.b = alv;
  if (s.noModificationConclusion) out.c = s.noModificationConclusion.conclusionDate;
  if (s.conclusion) out.d = scrPhaseEnd({ conclusionDocumentDate: s.conclusion.conclusionDocumentDate }, rulebook);
  return out;
};

/** The phase on a London calendar date; the phase has ended on its `phaseEnd` day. */
export const phaseOf = (s: ScrState, links: ScrLinks, today: IsoDate, rulebook?: Rulebook): ScrPhase => {
  const limbs = limbDates(s, links, rulebook);
  const phaseEnd = scrPhaseEnd({
    ...(limbs.a ? { scrDraftProposalDate: limbs.a } : {}),
    ...(limbs.b ? { alvDecisionDate: limbs.b } : {}),
    ...(s.noModificationConclusion ? { noModificationConclusionDate: s.noModificationConclusion.conclusionDate } : {}),
    ...(s.conclusion ? { conclusionDocumentDate: s.conclusion.conclusionDocumentDate } : {}),
  }, rulebook);
  const endedBy = phaseEnd ? (['a', 'b', 'c', 'd'] as const).find((l) => limbs[l] === phaseEnd) : undefined;
  const started = s.noticeDate <= today;
  const ended = phaseEnd !== undefined && phaseEnd <= today;
  return { started, ...(phaseEnd ? { phaseEnd } : {}), ...(endedBy ? { endedBy } : {}), live: started && !ended, ended };
};

export const evolveScr = (s: ScrState | undefined, e: ScrEvent): ScrState | undefined => {
  if (e.type === 'ScrStarted') {
    const d = e.data;
    return { id: d.scrId, subject: d.subject, noticeDate: d.noticeDate, startBasis: d.startBasis, scope: d.scope, ...(d.noticeDocumentId ? { noticeDocumentId: d.noticeDocumentId } : {}), backstopDirections: [], alvs: [], exemptions: [], version: 1 };
  }
  if (!s) return s;
  const version = s.version + 1;
  switch (e.type) {
    case 'ScrBackstopDirectionRecorded': {
      const { at: _at, ...d } = e.data;
      return { ...s, backstopDirections: [...s.backstopDirections, d], version };
    }
    case 'ScrAlvDirectionRecorded':
      return { ...s, alvs: [...s.alvs, { alvId: e.data.alvId, title: e.data.title, directionDate: e.data.directionDate }], version };
    case 'ScrConclusionRecorded':
      return { ...s, conclusion: { conclusionDocumentDate: e.data.conclusionDocumentDate, documentId: e.data.documentId, ...(e.data.summary ? { summary: e.data.summary } : {}) }, version };
    case 'ScrNoModificationConclusionRecorded':
      return { ...s, noModificationConclusion: { conclusionDate: e.data.conclusionDate, documentId: e.data.documentId, reasons: e.data.reasons }, version };
    case 'ScrProposalExempted': {
      const { reference, references, reasons, documentId, at } = e.data;
      return { ...s, exemptions: [...(s.exemptions ?? []), { reference, references, reasons, ...(documentId ? { documentId } : {}), at }], version };
    }
    case 'ScrPhaseEndNoted':
      return { ...s, phaseEndNoted: { phaseEnd: e.data.phaseEnd, endedBy: e.data.endedBy, suspendedProposals: e.data.suspendedProposals, at: e.data.at }, version };
  }
};

export const replayScr = (events: readonly ScrEvent[]): ScrState | undefined => events.reduce<ScrState | undefined>(evolveScr, undefined);

export const ALV_STATES = ['Directed', 'AwaitingAuthorityDecision', 'Approved', 'Rejected', 'ImplementationScheduled', 'Implemented'] as const;
export type AlvStateName = (typeof ALV_STATES)[number];

export interface AlvState {
  readonly id: string;
  readonly scrId: string;
  readonly title: string;
  readonly directionDate: IsoDate;
  readonly documentId: string;
  readonly state: AlvStateName;
  readonly consultationDocumentId?: string;
  readonly decision?: { readonly outcome: 'approve' | 'reject'; readonly decisionDate: IsoDate; readonly reasons: string; readonly decisionLetterDocumentId: string };
  readonly implementation?: { readonly implementationDate: IsoDate; readonly releaseId?: string; readonly secVersion?: string; readonly implementedOn?: IsoDate };
  readonly version: number;
}

export const evolveAlv = (s: AlvState | undefined, e: AlvEvent): AlvState | undefined => {
  if (e.type === 'AlvDirected') {
    const d = e.data;
    return { id: d.alvId, scrId: d.scrId, title: d.title, directionDate: d.directionDate, documentId: d.documentId, state: 'Directed', version: 1 };
  }
  if (!s) return s;
  const version = s.version + 1;
  switch (e.type) {
    case 'AlvSubmittedForDecision':
      return { ...s, state: 'AwaitingAuthorityDecision', ...(e.data.consultationDocumentId ? { consultationDocumentId: e.data.consultationDocumentId } : {}), version };
    case 'AlvDecided':
      return {
        ...s, state: e.data.outcome === 'approve' ? 'Approved' : 'Rejected', version,
        decision: { outcome: e.data.outcome, decisionDate: e.data.decisionDate, reasons: e.data.reasons, decisionLetterDocumentId: e.data.decisionLetterDocumentId },
      };
    case 'AlvImplementationScheduled':
      return { ...s, state: 'ImplementationScheduled', implementation: { implementationDate: e.data.implementationDate, ...(e.data.releaseId ? { releaseId: e.data.releaseId } : {}) }, version };
    case 'AlvImplemented':
      return { ...s, state: 'Implemented', implementation: { ...(s.implementation ?? { implementationDate: e.data.implementedOn }), secVersion: e.data.secVersion, implementedOn: e.data.implementedOn }, version };
  }
};

export const replayAlv = (events: readonly AlvEvent[]): AlvState | undefined => events.reduce<AlvState | undefined>(evolveAlv, undefined);
