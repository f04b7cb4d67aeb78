// Deciding a command on a governance record (record-kinds.ts): who may run it (role; a Party
// user only for its own organisation), then the rule of the kind, reusing the pure rules of
// dispute-links.ts, security-liaison.ts, recovery-costs.ts and change-board-appointment.ts.
// Facts the app looks up (the organisation named in a view, which proposals exist) arrive in
// `facts`; time arrives in `now`.
import { isIsoDate } from '../calendar/iso-date.ts';
import type { Actor } from '../modification/context.ts';
import type { PartyCategory } from '../parties/organisation.ts';
import { assignmentActiveOn, type RoleId } from '../parties/roles.ts';
import { accept, refuse, type Decision } from '../shared/decision.ts';
import { linkExternalDispute } from './dispute-links.ts';
import { GOVERNANCE_RULES, type GovernanceKind, type GovernancePayload } from './record-kinds.ts';
import { determinePaymentDates, setRecoveryCostsThreshold } from './recovery-costs.ts';
import { logAltHanLiaison, recordSscAttendance, requestSscSupport } from './security-liaison.ts';
import type { GovernanceEvent, GovernanceRecord } from './record-state.ts';

export interface GovernanceFacts {
  /** The organisation a `record-view` names, as registered. */
  readonly organisation?: { readonly id: string; readonly partyCategory?: PartyCategory; readonly defaulting: boolean; readonly isParty: boolean };
  /** Proposal references that do not exist (alt-han-liaison links). */
  readonly unknownProposalRefs?: readonly string[];
}

export interface GovernanceContext {
  readonly now: Date;
  /** The London calendar date of `now`. */
  readonly today: string;
  readonly actor: Actor;
  readonly facts: GovernanceFacts;
}

const PROPOSAL_REF = /^(DP|MP)\d{3,9}$/;

const rolesOn = (actor: Actor, today: string): Set<RoleId> =>
  new Set(actor.roles.filter((r) => assignmentActiveOn(r, today)).map((r) => r.role));

/** Step 1: the caller holds one of the command's roles today. */
export function entitledTo(kind: GovernanceKind, command: string, ctx: Pick<GovernanceContext, 'actor' | 'today'>): boolean {
  const rule = GOVERNANCE_RULES[kind].commands[command];
  if (!rule) return false;
  const held = rolesOn(ctx.actor, ctx.today);
  return rule.roles.some((r) => held.has(r));
}

const event = <T extends GovernanceEvent['type']>(type: T, data: Extract<GovernanceEvent, { type: T }>['data'], clause: string): GovernanceEvent =>
  ({ type, data, clauseRefs: [clause] }) as unknown as GovernanceEvent;

export function decideGovernance(
  kind: GovernanceKind,
  command: string,
  payload: Record<string, unknown>,
  record: GovernanceRecord | undefined,
  recordId: string,
  ctx: GovernanceContext,
): Decision<GovernanceEvent> {
  const rules = GOVERNANCE_RULES[kind];
  const rule = rules.commands[command];
  if (!rule) return refuse('invalid-input', `${command} is not a command of ${rules.label}`, rules.clause, { status: 422 });
  if (!entitledTo(kind, command, ctx)) {
    return refuse('not-entitled', `Only ${rule.roles.join(', ')} may ${rule.label.toLowerCase()}`, rule.clause, { status: 403 });
  }
  if (command === 'create' && record) return refuse('conflict', `${recordId} already exists`, rule.clause, { status: 409 });
  if (command !== 'create' && !record) return refuse('invalid-state', `There is no record ${recordId}`, rule.clause, { status: 409 });
  const at = ctx.now.toISOString();
  const by = ctx.actor.userId;
  switch (`${kind}/${command}`) {
    case 'disputes/create': {
      const p = payload as GovernancePayload<'disputes', 'create'>;
      return accept(event('DisputeRecorded', { disputeId: recordId, title: p.title, ...(p.summary ? { summary: p.summary } : {}), at, by }, rule.clause));
    }
    case 'disputes/link-external-dispute': {
      const p = payload as GovernancePayload<'disputes', 'link-external-dispute'>;
      const d = record as Extract<GovernanceRecord, { kind: 'disputes' }>;
      const decision = linkExternalDispute({ disputeId: d.id, title: d.title, externalDisputes: d.externalDisputes }, { code: p.code.trim(), reference: p.reference.trim() });
      if (decision.kind === 'refusal') return { ...decision, status: decision.code === 'conflict' ? 409 : 422 };
      return accept(event('ExternalDisputeLinked', { ...decision.events[0]!.data, at, by } as never, rule.clause));
    }
    case 'ssc-support-requests/create': {
      const p = payload as GovernancePayload<'ssc-support-requests', 'create'>;
      const input = { requestId: recordId, requestingBody: p.requestingBody, bodyRef: p.bodyRef.trim(), kind: p.kind };
      const decision = requestSscSupport(input);
      if (decision.kind === 'refusal') return { ...decision, status: 422 };
      return accept(event('SscSupportRequested', { ...input, ...(p.summary ? { summary: p.summary } : {}), at, by }, rule.clause));
    }
    case 'ssc-support-requests/record-attendance': {
      const p = payload as GovernancePayload<'ssc-support-requests', 'record-attendance'>;
      const r = record as Extract<GovernanceRecord, { kind: 'ssc-support-requests' }>;
      if (!isIsoDate(p.meetingDate)) return refuse('invalid-input', 'Give the meeting date as a calendar date like 2026-04-01', rule.clause, { status: 422 });
      if (p.meetingDate > ctx.today) return refuse('invalid-input', `Attendance at a meeting on ${p.meetingDate} cannot be recorded before it (today is ${ctx.today})`, rule.clause, { status: 422 });
      const decision = recordSscAttendance({ requestId: r.id, requestingBody: r.requestingBody, bodyRef: r.bodyRef, kind: r.requestKind, attendance: r.attendance }, p.representative.trim(), p.meetingDate);
      if (decision.kind === 'refusal') return { ...decision, status: decision.code === 'conflict' ? 409 : 422 };
      return accept(event('SscAttendanceRecorded', { ...decision.events[0]!.data, at, by }, rule.clause));
    }
    case 'alt-han-liaison/create': {
      const p = payload as GovernancePayload<'alt-han-liaison', 'create'>;
      const refs = (p.proposalRefs ?? []).map((x) => x.trim().toUpperCase());
      const bad = refs.filter((r) => !PROPOSAL_REF.test(r));
      if (bad.length) return refuse('invalid-input', `Link Draft or Modification Proposals by reference, like DP014: ${bad.join(', ')} is not one`, rule.clause, { status: 422 });
      const unknown = ctx.facts.unknownProposalRefs ?? [];
      if (unknown.length) return refuse('invalid-input', `There is no proposal ${unknown.join(', ')}`, rule.clause, { status: 422 });
      const decision = logAltHanLiaison({ entryId: recordId, summary: p.summary, at, proposalRefs: [...new Set(refs)] });
      if (decision.kind === 'refusal') return { ...decision, status: 422 };
      return accept(event('AltHanSecurityLiaisonLogged', { ...decision.events[0]!.data, by }, rule.clause));
    }
    case 'recovery-costs-consultations/create': {
      const p = payload as GovernancePayload<'recovery-costs-consultations', 'create'>;
      if (!isIsoDate(p.closedOn)) return refuse('invalid-input', 'Give the closing date as a calendar date like 2026-01-10', rule.clause, { status: 422 });
      if (p.closedOn > ctx.today) return refuse('invalid-input', `The consultation cannot have closed after today (${ctx.today})`, rule.clause, { status: 422 });
      return accept(event('RecoveryCostsConsultationRecorded', {
        consultationId: recordId, consulted: [...new Set(p.consulted)], closedOn: p.closedOn,
        ...(p.documentId ? { documentId: p.documentId } : {}), ...(p.summary ? { summary: p.summary } : {}), at, by,
      }, rule.clause));
    }
    case 'recovery-costs-consultations/set-threshold': {
      const p = payload as GovernancePayload<'recovery-costs-consultations', 'set-threshold'>;
      const c = record as Extract<GovernanceRecord, { kind: 'recovery-costs-consultations' }>;
      if (c.threshold) return refuse('conflict', `A threshold of £${c.threshold.amountGbp} was already set on this consultation; consult again to change it`, rule.clause, { status: 409 });
      const decision = setRecoveryCostsThreshold(p.amountGbp, { consultationId: c.id, consulted: c.consulted, closedOn: c.closedOn });
      if (decision.kind === 'refusal') return decision;
      return accept(event('RecoveryCostsThresholdSet', { ...decision.events[0]!.data, ...(p.reasons ? { reasons: p.reasons } : {}), at, by }, rule.clause));
    }
    case 'recovery-cost-referrals/create': {
      const p = payload as GovernancePayload<'recovery-cost-referrals', 'create'>;
      return accept(event('RecoveryCostReferralRecorded', { referralId: recordId, referredBy: 'dcc', summary: p.summary, ...(p.documentId ? { documentId: p.documentId } : {}), at, by }, rule.clause));
    }
    case 'recovery-cost-referrals/determine-payment-dates': {
      const p = payload as GovernancePayload<'recovery-cost-referrals', 'determine-payment-dates'>;
      const r = record as Extract<GovernanceRecord, { kind: 'recovery-cost-referrals' }>;
      if (r.determination) return refuse('conflict', 'The Panel has already determined the payment dates on this referral', rule.clause, { status: 409 });
      const rows = p.schedule;
      const ids = rows.map((x) => x.organisationId);
      const twice = ids.find((x, i) => ids.indexOf(x) !== i);
      if (twice) return refuse('invalid-input', `${twice} appears twice in the schedule: give all its instalments in one entry`, rule.clause, { status: 422 });
      const schedule = Object.fromEntries(rows.map((x) => [x.organisationId, x.instalments]));
      const decision = determinePaymentDates({ referralId: r.id, referredBy: 'dcc' }, { referralId: r.id, schedule });
      if (decision.kind === 'refusal') return { ...decision, status: decision.status ?? 422 };
      return accept(event('RecoveryCostPaymentDatesDetermined', { ...decision.events[0]!.data, ...(p.reasons ? { reasons: p.reasons } : {}), at, by }, rule.clause));
    }
    case 'change-board-appointment-requests/create': {
      const p = payload as GovernancePayload<'change-board-appointment-requests', 'create'>;
      return accept(event('ChangeBoardAppointmentRequested', { requestId: recordId, action: p.action, seatCategory: p.seatCategory, memberName: p.memberName, at, by }, rule.clause));
    }
    case 'change-board-appointment-requests/record-view': {
      const p = payload as GovernancePayload<'change-board-appointment-requests', 'record-view'>;
      const r = record as Extract<GovernanceRecord, { kind: 'change-board-appointment-requests' }>;
      const secretariat = [...rolesOn(ctx.actor, ctx.today)].some((x) => x === 'secretariat' || x === 'code-administrator');
      const organisationId = (p.organisationId as string | undefined) ?? ctx.actor.organisationId;
      if (!organisationId) return refuse('invalid-input', 'Name the Party whose view this is', rule.clause, { status: 422 });
      if (!secretariat && organisationId !== ctx.actor.organisationId) return refuse('not-entitled', "A Party user records only its own organisation's view; the Secretariat records others'", rule.clause, { status: 403 });
      const org = ctx.facts.organisation;
      if (!org || org.id !== organisationId || !org.isParty || !org.partyCategory) return refuse('invalid-input', `${organisationId} is not a registered Party`, rule.clause, { status: 422 });
      if (org.partyCategory !== r.seatCategory) return refuse('invalid-input', `${organisationId} is not in the ${r.seatCategory} Party Category whose Change Board Member this request concerns`, rule.clause, { status: 422 });
      if (r.views.some((v) => v.organisationId === organisationId)) return refuse('conflict', `The view of ${organisationId} is already recorded`, rule.clause, { status: 409 });
      return accept(event('ChangeBoardAppointmentViewRecorded', { requestId: r.id, organisationId, partyCategory: org.partyCategory, defaulting: org.defaulting, view: p.view, at, by }, rule.clause));
    }
    default:
      return refuse('invalid-input', `${command} is not a command of ${rules.label}`, rules.clause, { status: 422 });
  }
}
