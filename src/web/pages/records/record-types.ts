// The records kept beside the proposals, as the portal shows them: Significant Code Reviews
// and Authority-Led Variations (§6.7), the obligations tracker (§6.9), body decisions not to
// submit (G7.20(b), L1.19(b)) and the governance records (R-C-03 … R-M-05). Each type says
// which commands exist (with the schema that also validates the API), who may see each
// command offered (from the same role rules the domain checks), and how to run one through
// the app services. The domain still decides every command: a refusal comes back with its clause.
import type { FastifyInstance } from 'fastify';
import { ACTS_FOR, BODIES, BODY_CLAUSE, BODY_DECISION_SCHEMA } from '../../../app/body-decisions/body-decisions.ts';
import type { RecordIdempotency } from '../../../app/record-idempotency.ts';
import { entitledTo } from '../../../domain/governance/decide-record.ts';
import { actionsOf, GOVERNANCE_KINDS, GOVERNANCE_RULES, schemaOf, type GovernanceKind } from '../../../domain/governance/record-kinds.ts';
import type { Actor, JsonSchemaObject } from '../../../domain/modification/index.ts';
import { OBLIGATION_SCHEMAS, PANEL_DECIDERS, RECORDERS, type ObligationPayloadOf } from '../../../domain/obligations/index.ts';
import { assignmentActiveOn, type RoleId } from '../../../domain/parties/roles.ts';
import { ALV_COMMAND_NAMES, ALV_SCHEMAS, isAuthority, SCR_ACTION_NAMES, SCR_SCHEMAS, type AlvCommand, type ScrCommand, type ScrPayloadOf } from '../../../domain/scr/index.ts';

export interface RecordAction {
  readonly command: string;
  readonly label: string;
  readonly clause: string;
  readonly schema: JsonSchemaObject;
}

export interface RecordSummary {
  readonly id: string;
  readonly title: string;
  readonly status: string;
}

export interface RecordDetail extends RecordSummary {
  readonly record: Readonly<Record<string, unknown>>;
  readonly streamVersion?: number;
}

export interface RunRequest {
  readonly actor: Actor;
  readonly today: string;
  readonly command: string;
  readonly payload: Record<string, unknown>;
  readonly id?: string;
  readonly expectedVersion?: number;
  readonly idempotency: RecordIdempotency;
}

export interface RecordType {
  readonly slug: string;
  readonly label: string;
  readonly intro: string;
  readonly create?: RecordAction;
  readonly actions: readonly RecordAction[];
  /** Whether the portal offers `command` to this actor (the domain decides when it is run). */
  mayRun(actor: Actor, today: string, command: string, record?: RecordDetail): boolean;
  list(app: FastifyInstance): Promise<RecordSummary[]>;
  get(app: FastifyInstance, id: string): Promise<RecordDetail | undefined>;
  run(app: FastifyInstance, r: RunRequest): Promise<{ readonly id: string }>;
}

const holds = (actor: Actor, today: string, roles: readonly RoleId[]): boolean =>
  actor.roles.some((r) => roles.includes(r.role) && assignmentActiveOn(r, today));
const labelOf = (command: string): string => command.charAt(0).toUpperCase() + command.slice(1).replace(/-/g, ' ');
const asRecord = (v: unknown): Readonly<Record<string, unknown>> => v as Readonly<Record<string, unknown>>;

const scrType: RecordType = {
  slug: 'significant-code-reviews',
  label: 'Significant Code Reviews',
  intro: 'The Authority gives notice of a Significant Code Review; in-scope proposals may be held while its phase is live. The phase ends at the earliest of the four limbs of the A1.1 definition.',
  create: { command: 'start', label: 'Give notice of a Significant Code Review', clause: 'A1.1', schema: SCR_SCHEMAS.start },
  actions: SCR_ACTION_NAMES.map((command) => ({ command, label: labelOf(command), clause: command === 'record-backstop-direction' ? 'D5.7' : command === 'record-alv-direction' ? 'D9A.2' : 'A1.1', schema: SCR_SCHEMAS[command] })),
  mayRun: (actor) => isAuthority(actor),
  list: async (app) => (await app.services.significantCodeReviews.list()).map((s) => ({ id: s.id, title: s.subject, status: s.ended ? `Phase ended ${s.phaseEnd ?? ''}` : s.live ? 'Phase live' : 'Not started' })),
  get: async (app, id) => {
    const s = await app.services.significantCodeReviews.get(id);
    return s ? { id: s.id, title: s.subject, status: s.ended ? `Phase ended ${s.phaseEnd ?? ''} (limb (${s.endedBy ?? '?'}))` : s.live ? 'Phase live' : 'Not started', record: asRecord(s), streamVersion: s.streamVersion } : undefined;
  },
  run: async (app, r) => {
    const scrs = app.services.significantCodeReviews;
    if (r.command === 'start') return scrs.start(r.payload as ScrPayloadOf<'start'>, r.actor, r.idempotency);
    return scrs.act(r.id!, { type: r.command, payload: r.payload } as Exclude<ScrCommand, { type: 'start' }>, r.actor, r.expectedVersion, r.idempotency);
  },
};

const alvType: RecordType = {
  slug: 'authority-led-variations',
  label: 'Authority-Led Variations',
  intro: 'Directed by the Authority on a Significant Code Review (D9A.2) and decided by it (D9A.11); the decision ends the SCR Phase. Record a direction from the Significant Code Review page.',
  actions: ALV_COMMAND_NAMES.map((command) => ({ command, label: labelOf(command), clause: command === 'submit-for-decision' ? 'D9A.2' : 'D9A.11', schema: ALV_SCHEMAS[command] })),
  mayRun: (actor) => isAuthority(actor),
  list: async (app) => (await app.services.significantCodeReviews.listAlvs()).map((a) => ({ id: a.id, title: a.title, status: a.state })),
  get: async (app, id) => {
    const a = await app.services.significantCodeReviews.getAlv(id);
    return a ? { id: a.id, title: a.title, status: a.state, record: asRecord(a), streamVersion: a.streamVersion } : undefined;
  },
  run: async (app, r) => app.services.significantCodeReviews.actOnAlv(r.id!, { type: r.command, payload: r.payload } as AlvCommand, r.actor, r.expectedVersion, r.idempotency),
};

const obligationType: RecordType = {
  slug: 'obligations',
  label: 'Obligations to submit a Draft Proposal',
  intro: 'Duties that require a Draft Proposal (L8.11, L13.55(b)(i), AG 3.2.4) and the Panel\'s L10.24(c) consideration. An item closes when a Draft Proposal with the matching basis is submitted, or on a recorded decision not to.',
  create: { command: 'record-trigger', label: 'Record a trigger', clause: 'L13.55(b)(i); AG 3.2.4; L10.24(c)', schema: OBLIGATION_SCHEMAS['record-trigger'] },
  actions: [{ command: 'record-decision', label: "Record the Panel's decision", clause: 'L10.24(c)', schema: OBLIGATION_SCHEMAS['record-decision'] }],
  mayRun: (actor, today, command) => (command === 'record-trigger' ? Object.values(RECORDERS).some((roles) => holds(actor, today, roles)) : holds(actor, today, PANEL_DECIDERS)),
  list: async (app) => (await app.services.obligations.list()).map((o) => ({ id: o.id, title: o.title, status: o.status })),
  get: async (app, id) => {
    const o = await app.services.obligations.get(id);
    return o ? { id: o.id, title: o.title, status: o.status, record: asRecord(o), streamVersion: o.streamVersion } : undefined;
  },
  run: async (app, r) => {
    if (r.command === 'record-trigger') return app.services.obligations.recordTrigger(r.payload as ObligationPayloadOf<'record-trigger'>, r.actor, r.idempotency);
    return app.services.obligations.recordDecision(r.id!, r.payload as ObligationPayloadOf<'record-decision'>, r.actor, r.expectedVersion, r.idempotency);
  },
};

const bodyDecisionType: RecordType = {
  slug: 'body-decisions',
  label: 'Decisions not to submit a Draft Proposal',
  intro: 'The Security Sub-Committee (G7.20(b)) or the SMKI PMA (L1.19(b)) records that it decided not to submit a Draft Proposal; a member may then submit one, naming this decision.',
  create: { command: 'record', label: 'Record a decision not to submit', clause: `${BODY_CLAUSE.ssc}; ${BODY_CLAUSE['smki-pma']}`, schema: BODY_DECISION_SCHEMA },
  actions: [],
  mayRun: (actor, today) => holds(actor, today, BODIES.map((b) => ACTS_FOR[b])),
  list: async (app) => (await app.services.bodyDecisions.list()).map((d) => ({ id: d.bodyDecisionId, title: d.subject, status: `${d.body.toUpperCase()}, ${d.decisionDate}` })),
  get: async (app, id) => {
    const d = await app.services.bodyDecisions.get(id);
    return d ? { id: d.bodyDecisionId, title: d.subject, status: `${d.body.toUpperCase()}, ${d.decisionDate}`, record: asRecord(d) } : undefined;
  },
  run: async (app, r) => {
    const d = await app.services.bodyDecisions.record(r.payload as never, r.actor, r.idempotency);
    return { id: d.bodyDecisionId };
  },
};

const TITLE_FIELD: Readonly<Record<GovernanceKind, string>> = {
  disputes: 'title', 'ssc-support-requests': 'bodyRef', 'alt-han-liaison': 'summary', 'recovery-costs-consultations': 'closedOn',
  'recovery-cost-referrals': 'summary', 'change-board-appointment-requests': 'memberName',
};

const governanceType = (kind: GovernanceKind): RecordType => {
  const rules = GOVERNANCE_RULES[kind];
  const summaryOf = (r: Readonly<Record<string, unknown>>): RecordSummary => ({
    id: String(r.id), title: String(r[TITLE_FIELD[kind]] ?? r.id).slice(0, 120), status: `${r.streamVersion ?? 1} event(s)`,
  });
  return {
    slug: kind,
    label: rules.label,
    intro: `Kept under SEC ${rules.clause} (${rules.requirement}).`,
    create: { command: 'create', label: rules.commands.create!.label, clause: rules.commands.create!.clause, schema: schemaOf(kind, 'create')! },
    actions: actionsOf(kind).map((command) => ({ command, label: rules.commands[command]!.label, clause: rules.commands[command]!.clause, schema: schemaOf(kind, command)! })),
    mayRun: (actor, today, command) => entitledTo(kind, command, { actor, today }),
    list: async (app) => (await app.services.governance.list(kind)).map((r) => summaryOf(asRecord(r))),
    get: async (app, id) => {
      const r = await app.services.governance.get(kind, id);
      return r ? { ...summaryOf(asRecord(r)), record: asRecord(r), streamVersion: r.streamVersion } : undefined;
    },
    run: async (app, r) => (r.command === 'create'
      ? app.services.governance.create(kind, r.payload, r.actor, r.idempotency)
      : app.services.governance.act(kind, r.id!, r.command, r.payload, r.actor, r.expectedVersion, r.idempotency)),
  };
};

export const RECORD_TYPES: readonly RecordType[] = [scrType, alvType, obligationType, bodyDecisionType, ...GOVERNANCE_KINDS.map(governanceType)];

export const recordTypeOf = (slug: string): RecordType | undefined => RECORD_TYPES.find((t) => t.slug === slug);
