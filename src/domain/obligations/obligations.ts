// The mandatory Draft Proposal obligations tracker (sec-process.md §6.9; R-L-07, R-L-10,
// R-L-11, R-AG-01). An item has an owner (the DCC or the Panel), a trigger, a deadline and
// reminders every `obligations.reminderIntervalWd` Working Days, and stays open until a
// Draft Proposal with the right submission basis exists — or, for the Panel's L10.24(c)
// consideration, until the Panel records a decision not to submit one.
import { isIsoDate, type IsoDate } from '../calendar/iso-date.ts';
import type { Actor } from '../modification/context.ts';
import { id, intIn, isoDate, obj, oneOf, str, text, type JsonSchemaObject, type Static } from '../modification/schema-builder.ts';
import { calendarOf } from '../modification/timers.ts';
import type { RoleId } from '../parties/roles.ts';
import type { Rulebook } from '../rulebook/rulebook.ts';
import { accept, refuse, type Decision } from '../shared/decision.ts';

export const OBLIGATION_KINDS = ['l8.11', 'l13.55', 'ag3.2.4', 'l10.24c'] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

export interface ObligationDefinition {
  readonly owner: 'dcc' | 'panel';
  readonly clause: string;
  /** The Draft Proposal submission basis that discharges it. */
  readonly basis: ObligationKind;
  readonly title: string;
  readonly deadline: 'as-soon-as-reasonably-practicable' | 'next-panel-meeting';
}

export const OBLIGATIONS: Readonly<Record<ObligationKind, ObligationDefinition>> = {
  'l8.11': { owner: 'dcc', clause: 'L8.11', basis: 'l8.11', deadline: 'as-soon-as-reasonably-practicable', title: 'Submit a Draft Proposal with rules for prioritising Certificate Signing Requests for Device Certificates' },
  'l13.55': { owner: 'dcc', clause: 'L13.55(b)(i)', basis: 'l13.55', deadline: 'as-soon-as-reasonably-practicable', title: 'Submit a Draft Proposal to change a DCCKI SEC Document following a DCCKI PMA Functions recommendation' },
  'ag3.2.4': { owner: 'dcc', clause: 'AG 3.2.4', basis: 'ag3.2.4', deadline: 'as-soon-as-reasonably-practicable', title: 'Submit a Draft Proposal for the Code change a Problem requires' },
  'l10.24c': { owner: 'panel', clause: 'L10.24(c)', basis: 'l10.24c', deadline: 'next-panel-meeting', title: 'Consider whether to submit a Draft Proposal on the Charging Methodology (Recovery Costs above the threshold)' },
};

export const TRIGGERS = ['dccki-recommendation', 'problem-code-change', 'recovery-costs-threshold-exceeded'] as const;
export type TriggerKind = (typeof TRIGGERS)[number];
const KIND_OF_TRIGGER: Readonly<Record<TriggerKind, ObligationKind>> = {
  'dccki-recommendation': 'l13.55', 'problem-code-change': 'ag3.2.4', 'recovery-costs-threshold-exceeded': 'l10.24c',
};
/** Who records each trigger (§3.2): the DCC its own duties (the CA may log a Problem), the Panel (or its Secretariat) Recovery Costs. */
export const RECORDERS: Readonly<Record<TriggerKind, readonly RoleId[]>> = {
  'dccki-recommendation': ['dcc-user'],
  'problem-code-change': ['dcc-user', 'code-administrator'],
  'recovery-costs-threshold-exceeded': ['panel-chair', 'panel-member', 'secretariat', 'code-administrator'],
};
export const PANEL_DECIDERS: readonly RoleId[] = ['panel-chair', 'panel-member', 'secretariat'];

export const OBLIGATION_PAYLOAD_SCHEMAS = {
  'record-trigger': obj({
    trigger: oneOf(TRIGGERS),
    summary: text(20_000),
    recommendationRef: id('dccki-recommendation: the DCCKI PMA Functions notification or recommendation'),
    documentKind: oneOf(['dccki-sec-document', 'dccki-cps'] as const, 'dccki-recommendation: a DCCKI CPS change follows L13.42, never Section D'),
    problemRef: id('problem-code-change: the Problem (Appendix AG) flagged "Code change required"'),
    recoveryCostsGbp: intIn(0, 1_000_000_000_000),
    thresholdGbp: intIn(0, 1_000_000_000_000),
    panelMeetingOn: isoDate('recovery-costs-threshold-exceeded: the next Panel meeting (the deadline)'),
  }, ['recommendationRef', 'documentKind', 'problemRef', 'recoveryCostsGbp', 'thresholdGbp', 'panelMeetingOn']),
  'record-decision': obj({ decision: oneOf(['submit', 'not-submit'] as const), reasons: text(20_000), minutesDocumentId: str(200) }, ['minutesDocumentId']),
};
export type ObligationPayloadOf<C extends keyof typeof OBLIGATION_PAYLOAD_SCHEMAS> = Static<(typeof OBLIGATION_PAYLOAD_SCHEMAS)[C]>;
export const OBLIGATION_SCHEMAS: Readonly<Record<keyof typeof OBLIGATION_PAYLOAD_SCHEMAS, JsonSchemaObject>> = OBLIGATION_PAYLOAD_SCHEMAS;

export type ClosedBy =
  | { readonly kind: 'draft-proposal'; readonly reference: string }
  | { readonly kind: 'decision'; readonly decision: 'not-submit' };

export interface Trigger {
  readonly kind: TriggerKind | 'go-live';
  readonly summary: string;
  readonly recordedBy?: string;
  readonly recoveryCostsGbp?: number;
  readonly thresholdGbp?: number;
}

export interface ObligationEventDataMap {
  ObligationOpened: {
    obligationId: string; kind: ObligationKind; owner: 'dcc' | 'panel'; clause: string; title: string; openedOn: IsoDate; trigger: Trigger;
    problemRef?: string; recommendationRef?: string; panelMeetingOn?: IsoDate;
  };
  ObligationDecisionRecorded: { decision: 'submit' | 'not-submit'; reasons: string; minutesDocumentId?: string; byUserId: string };
  ObligationClosed: { closedBy: ClosedBy };
}
export type ObligationEventType = keyof ObligationEventDataMap;
export type ObligationEvent = {
  [T in ObligationEventType]: { readonly type: T; readonly data: Readonly<ObligationEventDataMap[T]> & { readonly at: string }; readonly clauseRefs: readonly string[] }
}[ObligationEventType];
export const OBLIGATION_EVENT_TYPES: readonly ObligationEventType[] = ['ObligationOpened', 'ObligationDecisionRecorded', 'ObligationClosed'];

const event = <T extends ObligationEventType>(type: T, data: ObligationEventDataMap[T] & { at: string }, clauseRefs: readonly string[]): ObligationEvent =>
  ({ type, data, clauseRefs: [...clauseRefs] }) as unknown as ObligationEvent;

export interface ObligationState {
  readonly id: string;
  readonly kind: ObligationKind;
  readonly owner: 'dcc' | 'panel';
  readonly clause: string;
  readonly title: string;
  readonly openedOn: IsoDate;
  readonly trigger: Trigger;
  readonly problemRef?: string;
  readonly recommendationRef?: string;
  readonly panelMeetingOn?: IsoDate;
  readonly status: 'open' | 'closed';
  readonly decisions: readonly { readonly decision: 'submit' | 'not-submit'; readonly reasons: string; readonly at: string; readonly byUserId: string }[];
  readonly closedAt?: string;
  readonly closedBy?: ClosedBy;
  readonly version: number;
}

export const evolveObligation = (s: ObligationState | undefined, e: ObligationEvent): ObligationState | undefined => {
  if (e.type === 'ObligationOpened') {
    const { at: _at, obligationId, ...d } = e.data;
    return { id: obligationId, ...d, status: 'open', decisions: [], version: 1 };
  }
  if (!s) return s;
  const version = s.version + 1;
  if (e.type === 'ObligationDecisionRecorded') {
    return { ...s, decisions: [...s.decisions, { decision: e.data.decision, reasons: e.data.reasons, at: e.data.at, byUserId: e.data.byUserId }], version };
  }
  return { ...s, status: 'closed', closedAt: e.data.at, closedBy: e.data.closedBy, version };
};

export const replayObligation = (events: readonly ObligationEvent[]): ObligationState | undefined => events.reduce<ObligationState | undefined>(evolveObligation, undefined);

export interface ObligationContext {
  readonly now: Date;
  readonly rulebook: Rulebook;
  readonly actor: Actor;
}

const has = (actor: Actor, roles: readonly RoleId[]) => actor.roles.some((r) => roles.includes(r.role));
const todayOf = (ctx: Pick<ObligationContext, 'now' | 'rulebook'>) => calendarOf(ctx.rulebook).toLocalDate(ctx.now);

/**
 * R-L-07: the L8.11 item exists from go-live (the rulebook's effective date); it is closed at
 * once when a Draft Proposal with basis `l8.11` is already recorded.
 */
export function openGoLive(obligationId: string, ctx: Pick<ObligationContext, 'now' | 'rulebook'>, existing?: { reference: string }): readonly ObligationEvent[] {
  const d = OBLIGATIONS['l8.11'];
  const at = ctx.now.toISOString();
  const opened = event('ObligationOpened', {
    at, obligationId, kind: 'l8.11', owner: d.owner, clause: d.clause, title: d.title, openedOn: ctx.rulebook.metadata.effectiveFrom,
    trigger: { kind: 'go-live', summary: `Rulebook ${ctx.rulebook.metadata.id} in force` },
  }, [d.clause]);
  return existing ? [opened, event('ObligationClosed', { at, closedBy: { kind: 'draft-proposal', reference: existing.reference } }, [d.clause])] : [opened];
}

/** Facts the app looks up: an open item for the same Problem or recommendation (no duplicates). */
export interface TriggerFacts { readonly duplicateOf?: string }

/** `POST /obligations/triggers`: a DCCKI recommendation (L13.55), a Problem needing a Code change (AG 3.2.4) or Recovery Costs above the threshold (L10.24(c)). */
export function decideTrigger(p: ObligationPayloadOf<'record-trigger'>, obligationId: string, ctx: ObligationContext, facts: TriggerFacts = {}): Decision<ObligationEvent> {
  const kind = KIND_OF_TRIGGER[p.trigger];
  const d = OBLIGATIONS[kind];
  if (!has(ctx.actor, RECORDERS[p.trigger])) {
    return refuse('not-entitled', `A ${p.trigger} trigger is recorded by ${RECORDERS[p.trigger].join(', ')}`, d.clause, { status: 403 });
  }
  const missing = (field: string) => refuse('invalid-input', `A ${p.trigger} trigger needs ${field}`, d.clause, { status: 422 });
  const base = { at: ctx.now.toISOString(), obligationId, kind, owner: d.owner, clause: d.clause, title: d.title, openedOn: todayOf(ctx) };
  const trigger = { kind: p.trigger, summary: p.summary, recordedBy: ctx.actor.userId };
  switch (p.trigger) {
    case 'dccki-recommendation': {
      if (!p.recommendationRef) return missing('recommendationRef');
      // §1.4, R-L-11: DCCKI CPS amendments follow L13.42, not Section D: nothing to submit.
      if (p.documentKind === 'dccki-cps') {
        return refuse('invalid-input', 'A DCCKI CPS change follows the L13.42 procedure, not Section D: it creates no Draft Proposal obligation', 'L13.42', { status: 422 });
      }
      if (facts.duplicateOf) return refuse('conflict', `Recommendation ${p.recommendationRef} already has obligation ${facts.duplicateOf}`, d.clause, { status: 409 });
      return accept(event('ObligationOpened', { ...base, trigger, recommendationRef: p.recommendationRef }, [d.clause, 'L13.55']));
    }
    case 'problem-code-change': {
      if (!p.problemRef) return missing('problemRef');
      if (facts.duplicateOf) return refuse('conflict', `Problem ${p.problemRef} already has obligation ${facts.duplicateOf}`, d.clause, { status: 409 });
      return accept(event('ObligationOpened', { ...base, trigger, problemRef: p.problemRef }, [d.clause]));
    }
    case 'recovery-costs-threshold-exceeded': {
      if (p.recoveryCostsGbp === undefined || p.thresholdGbp === undefined) return missing('recoveryCostsGbp and thresholdGbp');
      if (p.recoveryCostsGbp <= p.thresholdGbp) {
        return refuse('invalid-input', `Recovery Costs of £${p.recoveryCostsGbp} do not exceed the Panel's threshold of £${p.thresholdGbp}: no consideration is required`, d.clause, { status: 422 });
      }
      if (p.panelMeetingOn !== undefined && !isIsoDate(p.panelMeetingOn)) return refuse('invalid-input', 'panelMeetingOn must be a calendar date', d.clause, { status: 422 });
      return accept(event('ObligationOpened', {
        ...base, trigger: { ...trigger, recoveryCostsGbp: p.recoveryCostsGbp, thresholdGbp: p.thresholdGbp },
        ...(p.panelMeetingOn ? { panelMeetingOn: p.panelMeetingOn } : {}),
      }, [d.clause, 'L10.24']));
    }
  }
}

/** The Panel's L10.24(c) decision: "not submit" closes the item; "submit" is noted and the item closes when the DP (basis l10.24c) is created. */
export function decideDecision(p: ObligationPayloadOf<'record-decision'>, s: ObligationState | undefined, ctx: ObligationContext): Decision<ObligationEvent> {
  const clause = OBLIGATIONS['l10.24c'].clause;
  if (!s) return refuse('invalid-state', 'There is no such obligation', clause, { status: 409 });
  if (s.kind !== 'l10.24c') return refuse('invalid-state', `${s.id} is a ${s.clause} duty to submit a Draft Proposal: it closes only when that Draft Proposal exists`, s.clause, { status: 409 });
  if (!has(ctx.actor, PANEL_DECIDERS)) return refuse('not-entitled', 'Only the Panel (or the Secretariat recording its decision) decides whether to submit a Charging Methodology Draft Proposal', clause, { status: 403 });
  if (s.status !== 'open') return refuse('invalid-state', `${s.id} is already closed`, clause, { status: 409 });
  const at = ctx.now.toISOString();
  const recorded = event('ObligationDecisionRecorded', { at, decision: p.decision, reasons: p.reasons, byUserId: ctx.actor.userId, ...(p.minutesDocumentId ? { minutesDocumentId: p.minutesDocumentId } : {}) }, [clause]);
  return p.decision === 'not-submit'
    ? accept(recorded, event('ObligationClosed', { at, closedBy: { kind: 'decision', decision: 'not-submit' } }, [clause]))
    : accept(recorded);
}

/** An open item as the closing rule sees it. */
export interface OpenItem { readonly id: string; readonly kind: ObligationKind; readonly problemRef?: string; readonly recommendationRef?: string; readonly openedAt: string }

/**
 * Which open items a new Draft Proposal discharges: L8.11 every open L8.11 item; AG 3.2.4
 * only the item for the same `problemRef`; L13.55 the item whose recommendation the DP names
 * in `problemRef`, else the oldest; L10.24(c) the oldest open consideration.
 */
export function itemsClosedBy(dp: { submissionBasis: string; problemRef?: string }, open: readonly OpenItem[]): string[] {
  const ofKind = open.filter((o) => o.kind === dp.submissionBasis).sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.id.localeCompare(b.id));
  switch (dp.submissionBasis) {
    case 'l8.11': return ofKind.map((o) => o.id);
    case 'ag3.2.4': return dp.problemRef ? ofKind.filter((o) => o.problemRef === dp.problemRef).map((o) => o.id) : [];
    case 'l13.55': {
      const linked = dp.problemRef ? ofKind.filter((o) => o.recommendationRef === dp.problemRef) : [];
      return (linked.length ? linked : ofKind.slice(0, 1)).map((o) => o.id);
    }
    case 'l10.24c': return ofKind.slice(0, 1).map((o) => o.id);
    default: return [];
  }
}

export interface ReminderStatus {
  readonly deadline: ObligationDefinition['deadline'];
  readonly reminderIntervalWd?: number;
  /** Reminders that fell due since the item opened (TM14); each one is an overdue reminder to the owner and the CA. */
  readonly remindersDue: number;
  readonly nextReminderAt?: string;
  readonly dueOn?: IsoDate;
  readonly overdue: boolean;
}

/** TM14: reminders every `obligations.reminderIntervalWd` Working Days from the day the item opened, while it is open. */
export function reminderStatus(s: ObligationState, now: Date, rulebook: Rulebook): ReminderStatus {
  const def = OBLIGATIONS[s.kind];
  if (def.deadline === 'next-panel-meeting') {
    const today = calendarOf(rulebook).toLocalDate(now);
    return { deadline: def.deadline, remindersDue: 0, ...(s.panelMeetingOn ? { dueOn: s.panelMeetingOn } : {}), overdue: s.status === 'open' && !!s.panelMeetingOn && today > s.panelMeetingOn };
  }
  const interval = rulebook.parameters.obligations.reminderIntervalWd.value;
  if (s.status !== 'open' || interval <= 0) return { deadline: def.deadline, reminderIntervalWd: interval, remindersDue: 0, overdue: false };
  const cal = calendarOf(rulebook);
  let next = cal.endOfDay(cal.addWorkingDays(s.openedOn, interval));
  let due = 0;
  // Bounded: a reminder every 20 WD is about 13 a year.
  while (next.getTime() <= now.getTime() && due < 5000) {
    due++;
    next = cal.endOfDay(cal.addWorkingDays(cal.toLocalDate(next), interval));
  }
  return { deadline: def.deadline, reminderIntervalWd: interval, remindersDue: due, nextReminderAt: next.toISOString(), overdue: due > 0 };
}
