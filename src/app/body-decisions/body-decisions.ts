// Body decisions not to submit a Draft Proposal (sec-process.md §5.5): the Security
// Sub-Committee (G7.20(b)) or the SMKI PMA (L1.19(b)) records that it voted not to submit one
// on a subject, after which one of its members may submit it (guard body-declined-first).
// Recorded by the user who acts for the body; one event per decision on `body-decision-<id>`.
import { onceIn, type RecordIdempotency } from '../record-idempotency.ts';
import { sql } from 'kysely';
import type { Db } from '../../store/database.ts';
import type { EventStore, Projector, StoredEvent, Trx } from '../../store/event-store.ts';
import { isIsoDate } from '../../domain/calendar/iso-date.ts';
import type { Actor } from '../../domain/modification/index.ts';
import { id, isoDate, list, obj, oneOf, text, type Static } from '../../domain/modification/schema-builder.ts';
import type { RoleId } from '../../domain/parties/roles.ts';
import { refuse } from '../../domain/shared/decision.ts';
import { londonDate } from '../london-date.ts';
import { RecordRefusedError } from '../scr/record-errors.ts';

export const BODIES = ['ssc', 'smki-pma'] as const;
export type DecliningBody = (typeof BODIES)[number];
export const ACTS_FOR: Readonly<Record<DecliningBody, RoleId>> = { ssc: 'ssc-representative', 'smki-pma': 'smki-pma-representative' };
export const BODY_CLAUSE: Readonly<Record<DecliningBody, string>> = { ssc: 'G7.20(b)', 'smki-pma': 'L1.19(b)' };

export const BODY_DECISION_SCHEMA = obj({
  body: oneOf(BODIES, 'Defaults to the body the caller acts for'),
  decision: oneOf(['not-to-submit'] as const),
  subject: text(300, 'What the body decided not to submit a Draft Proposal on'),
  affectedProvisions: list(text(100), 200),
  decisionDate: isoDate(),
  minutesDocumentId: id(),
}, ['body', 'affectedProvisions', 'minutesDocumentId']);
export type BodyDecisionInput = Static<typeof BODY_DECISION_SCHEMA>;

export interface BodyDecisionRecorded {
  readonly bodyDecisionId: string;
  readonly body: DecliningBody;
  readonly decision: 'not-to-submit';
  readonly subject: string;
  readonly affectedProvisions: readonly string[];
  readonly decisionDate: string;
  readonly minutesDocumentId?: string;
  readonly recordedBy: string;
}

export interface BodyDecisionView extends BodyDecisionRecorded { readonly recordedAt: string }

export const bodyDecisionProjector: Projector = {
  name: 'body-decisions',
  tables: ['body_decisions'],
  async apply(trx: Trx, e: StoredEvent) {
    if (e.type !== 'BodyDecisionRecorded') return;
    const d = e.data as unknown as BodyDecisionRecorded;
    await trx.insertInto('body_decisions').values({
      id: d.bodyDecisionId, body: d.body, decision: d.decision, subject: d.subject, affected_provisions: JSON.stringify(d.affectedProvisions),
      decision_date: d.decisionDate, minutes_document_id: d.minutesDocumentId ?? null, recorded_by: d.recordedBy, recorded_at: e.recordedAt,
    }).execute();
  },
};

const viewOf = (r: { id: string; body: string; decision: string; subject: string; affected_provisions: unknown; decision_date: string; minutes_document_id: string | null; recorded_by: string; recorded_at: Date }): BodyDecisionView => ({
  bodyDecisionId: r.id, body: r.body as DecliningBody, decision: 'not-to-submit', subject: r.subject, affectedProvisions: r.affected_provisions as string[],
  decisionDate: r.decision_date, ...(r.minutes_document_id ? { minutesDocumentId: r.minutes_document_id } : {}), recordedBy: r.recorded_by, recordedAt: r.recorded_at.toISOString(),
});

/** The `bodyDecision` fact for create-draft-proposal (guard body-declined-first). */
export async function bodyDecisionFact(db: Db | Trx, bodyDecisionId: string): Promise<{ id: string; body: DecliningBody; decision: 'not-to-submit' } | undefined> {
  const row = await db.selectFrom('body_decisions').select(['id', 'body', 'decision']).where('id', '=', bodyDecisionId).executeTakeFirst();
  return row && row.decision === 'not-to-submit' && (BODIES as readonly string[]).includes(row.body) ? { id: row.id, body: row.body as DecliningBody, decision: 'not-to-submit' } : undefined;
}

export class BodyDecisions {
  constructor(
    private readonly db: Db,
    private readonly store: EventStore,
    private readonly now: () => Date,
  ) {}

  /** Only the user acting for the body records its decision (§3.1); ids run BD-001, BD-002 … */
  async record(input: BodyDecisionInput, actor: Actor, idempotency?: RecordIdempotency): Promise<BodyDecisionView> {
    const held = BODIES.filter((b) => actor.roles.some((r) => r.role === ACTS_FOR[b]));
    const body = input.body ?? held[0] ?? 'ssc';
    if (!held.includes(body)) {
      throw new RecordRefusedError(refuse('not-entitled', `Only a user acting for the ${body === 'ssc' ? 'Security Sub-Committee' : 'SMKI PMA'} may record its decision not to submit a Draft Proposal`, BODY_CLAUSE[body], { status: 403 }));
    }
    const now = this.now();
    if (!isIsoDate(input.decisionDate)) throw new RecordRefusedError(refuse('invalid-input', 'The decision date must be a calendar date like 2026-03-01', BODY_CLAUSE[body], { status: 422 }));
    if (input.decisionDate > londonDate(now)) throw new RecordRefusedError(refuse('invalid-input', `The decision date (${input.decisionDate}) cannot be later than today`, BODY_CLAUSE[body], { status: 422 }));
    return this.db.transaction().execute((trx) => onceIn(trx, idempotency, now, async () => {
      await sql`SELECT 1 FROM event_chain_head WHERE id = 1 FOR UPDATE`.execute(trx);
      const count = await trx.selectFrom('body_decisions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      const bodyDecisionId = `BD-${String(Number(count?.n ?? 0) + 1).padStart(3, '0')}`;
      const data: BodyDecisionRecorded = {
        bodyDecisionId, body, decision: 'not-to-submit', subject: input.subject, affectedProvisions: input.affectedProvisions ?? [], decisionDate: input.decisionDate,
        ...(input.minutesDocumentId ? { minutesDocumentId: input.minutesDocumentId } : {}), recordedBy: actor.userId,
      };
      await this.store.appendIn(trx, {
        streamId: `body-decision-${bodyDecisionId}`, expectedVersion: 0,
        events: [{ type: 'BodyDecisionRecorded', data: { ...data }, metadata: { actor: { userId: actor.userId, ...(actor.organisationId ? { organisationId: actor.organisationId } : {}) }, clauseRefs: [BODY_CLAUSE[body]] } }],
      });
      return { ...data, recordedAt: now.toISOString() };
    }));
  }

  async get(bodyDecisionId: string): Promise<BodyDecisionView | undefined> {
    const row = await this.db.selectFrom('body_decisions').selectAll().where('id', '=', bodyDecisionId).executeTakeFirst();
    return row ? viewOf(row) : undefined;
  }

  async list(filter: { body?: string } = {}): Promise<BodyDecisionView[]> {
    let q = this.db.selectFrom('body_decisions').selectAll().orderBy('id');
    if (filter.body) q = q.where('body', '=', filter.body);
    return (await q.execute()).map(viewOf);
  }
}
