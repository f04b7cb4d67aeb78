// The obligations tracker (sec-process.md §6.9): recording triggers and the Panel's
// L10.24(c) decision, listing items with their reminders (TM14). The L8.11 item exists from
// go-live; it is opened when the database is prepared (`openGoLiveObligations`), never by a read:
// a GET changes nothing.
import { onceIn, type RecordIdempotency } from '../record-idempotency.ts';
import { sql } from 'kysely';
import type { Db } from '../../store/database.ts';
import { ConcurrencyError, type EventStore, type StoredEvent, type Trx } from '../../store/event-store.ts';
import type { Actor } from '../../domain/modification/index.ts';
import {
  decideDecision, decideTrigger, openGoLive, reminderStatus, OBLIGATIONS, replayObligation,
  type ObligationEvent, type ObligationPayloadOf, type ObligationState, type ReminderStatus,
} from '../../domain/obligations/index.ts';
import { CURRENT_RULEBOOK, rulebookFor, type Rulebook } from '../../domain/rulebook/index.ts';
import type { Decision } from '../../domain/shared/decision.ts';
import { RecordNotFoundError, RecordRefusedError } from '../scr/record-errors.ts';
import { toRecordEvent } from '../scr/scr-projector.ts';
import { obligationStream } from './obligations-projector.ts';

export const GO_LIVE_OBLIGATION_ID = 'OBL-L8-11';

export type ObligationView = ObligationState & { readonly definition: (typeof OBLIGATIONS)[keyof typeof OBLIGATIONS]; readonly reminders: ReminderStatus; readonly streamVersion: number };

const rulebookAt = (now: Date): Rulebook => rulebookFor(now) ?? CURRENT_RULEBOOK;
const lockLog = (trx: Trx) => sql`SELECT 1 FROM event_chain_head WHERE id = 1 FOR UPDATE`.execute(trx);

export interface ObligationOutcome {
  readonly id: string;
  readonly streamVersion: number;
  readonly events: readonly { readonly position: number; readonly type: string; readonly clauseRefs: readonly string[] }[];
  readonly obligation: ObligationView;
}

export class Obligations {
  constructor(
    private readonly db: Db,
    private readonly store: EventStore,
    private readonly now: () => Date,
  ) {}

  private async append(trx: Trx, id: string, expectedVersion: number, events: readonly ObligationEvent[], actor: Actor | undefined, command: string, rulebook: Rulebook) {
    return this.store.appendIn(trx, {
      streamId: obligationStream(id), expectedVersion,
      events: events.map((e) => ({
        type: e.type, data: e.data as unknown as Record<string, unknown>,
        metadata: { ...(actor ? { actor: { userId: actor.userId, ...(actor.organisationId ? { organisationId: actor.organisationId } : {}), roles: actor.roles.map((r) => r.role) } } : { actor: { userId: 'system' } }), command, rulebookVersion: rulebook.metadata.id, clauseRefs: [...e.clauseRefs] },
      })),
    });
  }

  private accepted<E>(d: Decision<E>): readonly E[] {
    if (d.kind === 'refusal') throw new RecordRefusedError(d);
    return d.events;
  }

  /** R-L-07: the DCC's L8.11 item, open from go-live (closed at once if an l8.11 Draft Proposal exists). Idempotent. */
  async ensureGoLive(): Promise<void> {
    const exists = await this.db.selectFrom('obligations').select('id').where('id', '=', GO_LIVE_OBLIGATION_ID).executeTakeFirst();
    if (exists) return;
    try {
      await this.db.transaction().execute(async (trx) => {
        await lockLog(trx);
        const now = this.now();
        const rulebook = rulebookAt(now);
        const dp = await trx.selectFrom('modification_register').select('reference').where(sql<string>`state->>'submissionBasis'`, '=', 'l8.11').orderBy('number').executeTakeFirst();
        await this.append(trx, GO_LIVE_OBLIGATION_ID, 0, openGoLive(GO_LIVE_OBLIGATION_ID, { now, rulebook }, dp ? { reference: dp.reference } : undefined), undefined, 'open-go-live', rulebook);
      });
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
    }
  }

  /** `POST /obligations/triggers`: opens an item (ids run OBL-001, OBL-002 …). */
  async recordTrigger(payload: ObligationPayloadOf<'record-trigger'>, actor: Actor, idempotency?: RecordIdempotency): Promise<ObligationOutcome> {
    return this.db.transaction().execute((trx) => onceIn(trx, idempotency, this.now(), async () => {
      await lockLog(trx);
      const now = this.now();
      const rulebook = rulebookAt(now);
      const count = await trx.selectFrom('obligations').select((eb) => eb.fn.countAll<number>().as('n')).where('id', '!=', GO_LIVE_OBLIGATION_ID).executeTakeFirst();
      const id = `OBL-${String(Number(count?.n ?? 0) + 1).padStart(3, '0')}`;
      let duplicateOf: string | undefined;
      if (payload.trigger === 'problem-code-change' && payload.problemRef) {
        duplicateOf = (await trx.selectFrom('obligations').select('id').where('kind', '=', 'ag3.2.4').where('problem_ref', '=', payload.problemRef).where('status', '=', 'open').executeTakeFirst())?.id;
      } else if (payload.trigger === 'dccki-recommendation' && payload.recommendationRef) {
        duplicateOf = (await trx.selectFrom('obligations').select('id').where('kind', '=', 'l13.55').where('recommendation_ref', '=', payload.recommendationRef).where('status', '=', 'open').executeTakeFirst())?.id;
      }
      const events = this.accepted(decideTrigger(payload, id, { now, rulebook, actor }, duplicateOf ? { duplicateOf } : {}));
      const result = await this.append(trx, id, 0, events, actor, 'record-trigger', rulebook);
      return { id, streamVersion: result.streamVersion, events: summary(result.events), obligation: (await this.viewIn(trx, id, now))! };
    }));
  }

  /** The Panel's L10.24(c) decision. */
  async recordDecision(id: string, payload: ObligationPayloadOf<'record-decision'>, actor: Actor, expectedVersion?: number, idempotency?: RecordIdempotency): Promise<ObligationOutcome> {
    return this.db.transaction().execute((trx) => onceIn(trx, idempotency, this.now(), async () => {
      await lockLog(trx);
      const now = this.now();
      const rulebook = rulebookAt(now);
      const stored = await this.store.readStream(obligationStream(id), trx);
      const replayed = replayObligation(stored.map((e) => toRecordEvent<ObligationEvent>(e)));
      if (!replayed) throw new RecordNotFoundError(`There is no obligation ${id}.`);
      if (expectedVersion !== undefined && expectedVersion !== stored.length) throw new ConcurrencyError(obligationStream(id), expectedVersion, stored.length);
      // A Draft Proposal may have closed it (read model): decide on what readers see.
      const row = await trx.selectFrom('obligations').select('state').where('id', '=', id).executeTakeFirst();
      const state = (row?.state as ObligationState | undefined) ?? replayed;
      const events = this.accepted(decideDecision(payload, state, { now, rulebook, actor }));
      const result = await this.append(trx, id, stored.length, events, actor, 'record-decision', rulebook);
      return { id, streamVersion: result.streamVersion, events: summary(result.events), obligation: (await this.viewIn(trx, id, now))! };
    }));
  }

  private async viewIn(db: Db | Trx, id: string, now: Date): Promise<ObligationView | undefined> {
    const row = await db.selectFrom('obligations').select(['state', 'stream_version']).where('id', '=', id).executeTakeFirst();
    return row ? view(row.state as ObligationState, row.stream_version, now) : undefined;
  }

  async get(id: string): Promise<ObligationView | undefined> {
    return this.viewIn(this.db, id, this.now());
  }

  async list(filter: { status?: string; owner?: string; kind?: string } = {}): Promise<ObligationView[]> {
    let q = this.db.selectFrom('obligations').select(['state', 'stream_version']).orderBy('opened_at').orderBy('id');
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.owner) q = q.where('owner', '=', filter.owner);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    const now = this.now();
    return (await q.execute()).map((r) => view(r.state as ObligationState, r.stream_version, now));
  }
}

const summary = (appended: readonly StoredEvent[]) => appended.map((e) => ({ position: e.position, type: e.type, clauseRefs: (e.metadata.clauseRefs as string[]) ?? [] }));

const view = (s: ObligationState, streamVersion: number, now: Date): ObligationView => ({
  ...s, definition: OBLIGATIONS[s.kind], reminders: reminderStatus(s, now, rulebookAt(now)), streamVersion,
});

/** At start-up (`prepareDatabase`): opens the go-live obligations once. */
export async function openGoLiveObligations(services: { readonly obligations: Obligations }): Promise<void> {
  await services.obligations.ensureGoLive();
}
