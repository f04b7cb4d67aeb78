// Deciders for the Significant Code Review record and the Authority-Led Variation record
// (sec-process.md §6.7, R-A-08). Only the Authority acts on either: it gives notice of an
// SCR (A1.1), issues D5.7 backstop and D9A.2 directions, publishes conclusions and decides
// an ALV under D9A.11 — which ends the linked SCR Phase (limb (b)).
import { isIsoDate, type IsoDate } from '../calendar/iso-date.ts';
import type { Actor } from '../modification/context.ts';
import { calendarOf } from '../modification/timers.ts';
import type { Rulebook } from '../rulebook/rulebook.ts';
import { accept, refuse, type Decision, type Refusal } from '../shared/decision.ts';
import type { AlvCommand, ScrCommand, ScrPayloadOf, ScrStartBasis } from './commands.ts';
import { alvEvent, scrEvent, type AlvEvent, type ScrEvent } from './events.ts';
import { isExempted, phaseOf, type AlvState, type ScrLinks, type ScrState } from './state.ts';

export interface RecordContext {
  readonly now: Date;
  readonly rulebook: Rulebook;
  readonly actor: Actor;
}

export const START_CLAUSE: Readonly<Record<ScrStartBasis, string>> = { notice: 'A1.1', 'backstop-direction': 'D5.7', 'alv-direction': 'D9A.2' };
const COMMAND_CLAUSE: Readonly<Record<Exclude<ScrCommand['type'], 'start'>, string>> = {
  'record-backstop-direction': 'D5.7',
  'record-alv-direction': 'D9A.2',
  'record-conclusion': 'A1.1',
  'record-no-modification-conclusion': 'A1.1',
  'exempt-proposal': 'A1.1',
};

export const isAuthority = (actor: Actor): boolean => actor.roles.some((r) => r.role === 'authority-decision-maker');
export const todayIn = (ctx: Pick<RecordContext, 'now' | 'rulebook'>): IsoDate => calendarOf(ctx.rulebook).toLocalDate(ctx.now);

const onlyAuthority = (what: string, clause: string): Refusal =>
  refuse('not-entitled', `Only the Authority may ${what}`, clause, { status: 403 });

/** A date in a record: a real calendar date, not after today and (optionally) not before `notBefore`. */
const badDate = (label: string, date: string, today: IsoDate, clause: string, notBefore?: { date: IsoDate; label: string }): Refusal | undefined => {
  if (!isIsoDate(date)) return refuse('invalid-input', `${label} must be a calendar date like 2026-03-01`, clause, { status: 422 });
  if (date > today) return refuse('invalid-input', `${label} (${date}) cannot be later than today (${today})`, clause, { status: 422 });
  if (notBefore && date < notBefore.date) return refuse('invalid-input', `${label} (${date}) cannot be earlier than ${notBefore.label} (${notBefore.date})`, clause, { status: 422 });
  return undefined;
};

/** `POST /significant-code-reviews`: the Authority's notice starts the phase (A1.1), including a D5.7 or D9A.2 direction. */
export function decideStart(p: ScrPayloadOf<'start'>, scrId: string, ctx: RecordContext): Decision<ScrEvent> {
  const clause = START_CLAUSE[p.startBasis] ?? 'A1.1';
  if (!isAuthority(ctx.actor)) return onlyAuthority('give notice of a Significant Code Review', clause);
  const bad = badDate('The notice date', p.noticeDate, todayIn(ctx), clause);
  if (bad) return bad;
  return accept(scrEvent('ScrStarted', {
    at: ctx.now.toISOString(), scrId, subject: p.subject, noticeDate: p.noticeDate, startBasis: p.startBasis, scope: p.scope ?? [],
    ...(p.noticeDocumentId ? { noticeDocumentId: p.noticeDocumentId } : {}),
  }, [...new Set([clause, 'A1.1'])]));
}

/** The proposal an `exempt-proposal` command names, as the app found it (undefined: no such proposal). */
export interface NamedProposal {
  /** Every reference the proposal is known by (its DP reference, and its MP reference once converted). */
  readonly references: readonly string[];
  readonly suspendedFor?: string;
}

export function decideScr(command: Exclude<ScrCommand, { type: 'start' }>, s: ScrState | undefined, ctx: RecordContext, links: ScrLinks = {}, proposal?: NamedProposal): Decision<ScrEvent> {
  const clause = COMMAND_CLAUSE[command.type];
  if (!s) return refuse('invalid-state', 'There is no such Significant Code Review', clause, { status: 409 });
  if (!isAuthority(ctx.actor)) return onlyAuthority(`${command.type.replace(/-/g, ' ')} on a Significant Code Review`, clause);
  const today = todayIn(ctx);
  const at = ctx.now.toISOString();
  const phase = phaseOf(s, links, today, ctx.rulebook);
  const notice = { date: s.noticeDate, label: 'the notice date' };
  const ended = (what: string) => refuse('invalid-state', `The Significant Code Review Phase of ${s.id} ended on ${phase.phaseEnd} (limb (${phase.endedBy})): no ${what} can be recorded`, 'A1.1', { status: 409 });
  switch (command.type) {
    case 'record-backstop-direction': {
      const p = command.payload;
      const bad = badDate('The direction date', p.directionDate, today, clause, notice);
      if (bad) return bad;
      if (phase.ended) return ended('backstop direction');
      return accept(scrEvent('ScrBackstopDirectionRecorded', { at, directionDate: p.directionDate, documentId: p.documentId, ...(p.summary ? { summary: p.summary } : {}) }, [clause, 'A1.1']));
    }
    case 'record-alv-direction': {
      const p = command.payload;
      const bad = badDate('The direction date', p.directionDate, today, clause, notice);
      if (bad) return bad;
      if (phase.ended) return ended('Authority-Led Variation direction');
      const alvId = `${s.id}-ALV-${s.alvs.length + 1}`;
      return accept(scrEvent('ScrAlvDirectionRecorded', { at, alvId, title: p.title, directionDate: p.directionDate, documentId: p.documentId }, [clause, 'A1.1']));
    }
    case 'record-conclusion': {
      const p = command.payload;
      if (s.conclusion) return refuse('invalid-state', `A conclusion document dated ${s.conclusion.conclusionDocumentDate} is already recorded on ${s.id}`, clause, { status: 409 });
      const bad = badDate('The conclusion document date', p.conclusionDocumentDate, today, clause, notice);
      if (bad) return bad;
      const limbDEndsOn = calendarOf(ctx.rulebook).addCalendarDays(p.conclusionDocumentDate, ctx.rulebook.parameters.scr.phaseEndAfterConclusionDays.value);
      return accept(scrEvent('ScrConclusionRecorded', { at, conclusionDocumentDate: p.conclusionDocumentDate, documentId: p.documentId, ...(p.summary ? { summary: p.summary } : {}), limbDEndsOn }, [clause]));
    }
    case 'record-no-modification-conclusion': {
      const p = command.payload;
      if (s.noModificationConclusion) return refuse('invalid-state', `A "no modification required" conclusion is already recorded on ${s.id}`, clause, { status: 409 });
      const bad = badDate('The conclusion date', p.conclusionDate, today, clause, notice);
      if (bad) return bad;
      return accept(scrEvent('ScrNoModificationConclusionRecorded', { at, conclusionDate: p.conclusionDate, documentId: p.documentId, reasons: p.reasons }, [clause]));
    }
    case 'exempt-proposal': {
      const p = command.payload;
      if (!ctx.rulebook.parameters.scr.exemptionsAllowed.value) {
        return refuse('invalid-state', 'Exemptions from a Significant Code Review are switched off in this rulebook (scr.exemptionsAllowed)', clause, { status: 409 });
      }
      if (!proposal) return refuse('invalid-input', `There is no Draft or Modification Proposal ${p.reference}`, clause, { status: 422 });
      if (phase.ended) return ended('exemption');
      if (isExempted(s, proposal.references)) return refuse('conflict', `${p.reference} is already exempted from ${s.id}`, clause, { status: 409 });
      return accept(scrEvent('ScrProposalExempted', { at, reference: p.reference, references: proposal.references, reasons: p.reasons, ...(p.documentId ? { documentId: p.documentId } : {}) }, [clause]));
    }
  }
}

/**
 * TM13 and the other limbs: once the phase has ended, the System notes it once on the SCR's
 * record with the proposals still suspended for it, so that each gets a resume-or-close task
 * ([Default] scr.autoResumeOnPhaseEnd = false). Nothing to note: an empty decision.
 */
export function decidePhaseEndNotice(s: ScrState, links: ScrLinks, ctx: Pick<RecordContext, 'now' | 'rulebook'>, suspendedProposals: readonly string[]): Decision<ScrEvent> {
  const phase = phaseOf(s, links, todayIn(ctx), ctx.rulebook);
  if (!phase.ended || !phase.phaseEnd || !phase.endedBy || s.phaseEndNoted) return accept<ScrEvent>();
  return accept(scrEvent('ScrPhaseEndNoted', { at: ctx.now.toISOString(), phaseEnd: phase.phaseEnd, endedBy: phase.endedBy, suspendedProposals: [...suspendedProposals].sort() }, ['A1.1']));
}

/** The first event of the ALV stream, from the SCR's D9A.2 direction (appended in the same transaction). */
export const alvDirectedFrom = (e: Extract<ScrEvent, { type: 'ScrAlvDirectionRecorded' }>, scrId: string): AlvEvent =>
  alvEvent('AlvDirected', { at: e.data.at, alvId: e.data.alvId, scrId, title: e.data.title, directionDate: e.data.directionDate, documentId: e.data.documentId }, ['D9A.2']);

const ALV_FROM: Readonly<Record<AlvCommand['type'], AlvState['state']>> = {
  'submit-for-decision': 'Directed',
  decide: 'AwaitingAuthorityDecision',
  'schedule-implementation': 'Approved',
  'mark-implemented': 'ImplementationScheduled',
};

/** ALV lifecycle: Directed → AwaitingAuthorityDecision → Approved | Rejected → ImplementationScheduled → Implemented. */
export function decideAlv(command: AlvCommand, s: AlvState | undefined, ctx: RecordContext): Decision<AlvEvent> {
  const clause = command.type === 'submit-for-decision' ? 'D9A.2' : 'D9A.11';
  if (!s) return refuse('invalid-state', 'There is no such Authority-Led Variation', clause, { status: 409 });
  if (!isAuthority(ctx.actor)) return onlyAuthority(`${command.type.replace(/-/g, ' ')} an Authority-Led Variation`, clause);
  if (s.state !== ALV_FROM[command.type]) {
    return refuse('invalid-state', `${command.type} is not possible while ${s.id} is ${s.state}`, clause, { status: 409 });
  }
  const at = ctx.now.toISOString();
  const today = todayIn(ctx);
  switch (command.type) {
    case 'submit-for-decision': {
      const p = command.payload;
      if (ctx.rulebook.parameters.alv.consultationStep.value && !p.consultationDocumentId) {
        return refuse('guard-failed', 'Guard failed: alv-consultation-held (the consultation run by the Code Administrator must be attached, alv.consultationStep)', clause, { guards: ['alv-consultation-held'], status: 422 });
      }
      return accept(alvEvent('AlvSubmittedForDecision', { at, ...(p.consultationDocumentId ? { consultationDocumentId: p.consultationDocumentId } : {}), ...(p.summary ? { summary: p.summary } : {}) }, [clause]));
    }
    case 'decide': {
      const p = command.payload;
      return accept(alvEvent('AlvDecided', { at, scrId: s.scrId, outcome: p.outcome, decisionDate: today, reasons: p.reasons, decisionLetterDocumentId: p.decisionLetterDocumentId }, ['D9A.11', 'A1.1']));
    }
    case 'schedule-implementation': {
      const p = command.payload;
      if (!isIsoDate(p.implementationDate)) return refuse('invalid-input', 'The Implementation Date must be a calendar date like 2026-06-25', clause, { status: 422 });
      const decided = s.decision?.decisionDate ?? s.directionDate;
      if (p.implementationDate < decided) return refuse('invalid-input', `The Implementation Date cannot be before the decision (${decided})`, clause, { status: 422 });
      return accept(alvEvent('AlvImplementationScheduled', { at, implementationDate: p.implementationDate, ...(p.releaseId ? { releaseId: p.releaseId } : {}) }, [clause]));
    }
    case 'mark-implemented': {
      const due = s.implementation?.implementationDate;
      if (due && today < due) return refuse('invalid-state', `The Implementation Date (${due}) has not been reached`, clause, { status: 409 });
      return accept(alvEvent('AlvImplemented', { at, secVersion: command.payload.secVersion, implementedOn: today }, [clause]));
    }
  }
}
