// The append-only, hash-chained event store (architecture.md "Persistence").
// One transaction per append: events + projections + outbox + idempotency record.
import { sql, type Transaction } from 'kysely';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';
import { eventHash } from './event-hash.ts';
import { canonicalJson } from './canonical-json.ts';

export type EventData = Record<string, unknown>;
export type EventMetadata = Record<string, unknown>;

export interface NewEvent {
  readonly type: string;
  readonly data: EventData;
  readonly metadata?: EventMetadata;
}

export interface StoredEvent {
  readonly position: number;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly data: EventData;
  readonly metadata: EventMetadata;
  readonly recordedAt: Date;
  readonly prevHash: string;
  readonly hash: string;
}

/** The stream version the caller saw; 0 means "the stream must not exist yet". */
export type ExpectedVersion = number | 'any';

export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`stream ${streamId} is at version ${actual}, not the expected ${expected}`);
  }
}

export class IdempotencyKeyReusedError extends Error {
  constructor(readonly key: string) {
    super(`the Idempotency-Key "${key}" was already used for a different request`);
  }
}

export type Trx = Transaction<Database>;

/** What an idempotency key keeps of the first result. */
export interface StoredResponse {
  readonly streamVersion: number;
  readonly responseJson: string;
}

export const storedResponse = <R>(stored: StoredResponse | null | undefined): R | undefined =>
  stored ? ((JSON.parse(stored.responseJson) as R | null) ?? undefined) : undefined;

/** Keeps a read model up to date in the append transaction; rebuildable from the events. */
export interface Projector {
  readonly name: string;
  /** Tables this projector owns; `secmod rebuild` empties them before replaying. */
  readonly tables: readonly (keyof Database & string)[];
  /**
   * Set when each row depends on one stream only and `apply` re-folds that stream up to the
   * event it is given: applying a stream's last event then yields what applying every event in
   * turn does, so a rebuild applies only each stream's last event.
   */
  readonly foldsWholeStream?: boolean;
  /**
   * `stream`, when given, is the event's stream from its first event up to this one, as the
   * appender read it in this transaction (so a whole-stream fold need not read it again).
   */
  apply(trx: Trx, event: StoredEvent, stream?: readonly StoredEvent[]): Promise<void>;
  /**
   * Optional: a rebuild's own path (`secmod rebuild` only; appends always use `apply`). It is
   * handed every event of the log, page by page in position order, and must leave its tables
   * exactly as applying each event in turn does; it may hold rows in memory and write them in
   * bulk at any point up to `finish`. A projector reads only the events and its own tables, so
   * the rebuild may run projectors page by page rather than event by event.
   */
  rebuild?(context: RebuildContext): ProjectorRebuild;
}

/** What a rebuild knows before its first page. */
export interface RebuildContext {
  /** Each stream's last version when the rebuild began; a stream not in it is skipped by whole-stream folds. */
  readonly lastVersion: ReadonlyMap<string, number>;
}

/** One projector's share of one rebuild. */
export interface ProjectorRebuild {
  /** The next page of the log, in position order. */
  page(trx: Trx, events: readonly StoredEvent[]): Promise<void>;
  /** After the last page: writes whatever is still held. */
  finish(trx: Trx): Promise<void>;
}

export interface OutboxMessage {
  readonly deliveryKey: string;
  readonly channel: string;
  readonly recipient: string;
  readonly payload: Record<string, unknown>;
}

/** Derives notices from appended events (declarative rules live in src/notify). */
export type OutboxPolicy = (events: readonly StoredEvent[], trx: Trx) => Promise<readonly (OutboxMessage & { eventPosition: number })[]>;

export interface AppendRequest<R> {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly NewEvent[];
  readonly idempotency?: { readonly scope: string; readonly key: string; readonly requestHash: string };
  /** Builds the response stored with the idempotency key, so a replay returns it unchanged. */
  readonly respond?: (appended: readonly StoredEvent[], streamVersion: number) => R;
  /**
   * The stream's events as the caller read them in this transaction, under the chain-head lock
   * (so they are the whole stream when the expected version matches): projectors get them with
   * each appended event instead of reading the stream again.
   */
  readonly priorEvents?: readonly StoredEvent[];
}

export interface AppendResult<R> {
  readonly events: readonly StoredEvent[];
  readonly streamVersion: number;
  readonly replayed: boolean;
  readonly response: R | undefined;
}

interface EventRow {
  position: number;
  stream_id: string;
  stream_version: number;
  type: string;
  data: unknown;
  metadata: unknown;
  recorded_at: Date;
  prev_hash: string;
  hash: string;
}

export const toStoredEvent = (r: EventRow): StoredEvent => ({
  position: r.position,
  streamId: r.stream_id,
  streamVersion: r.stream_version,
  type: r.type,
  data: r.data as EventData,
  metadata: r.metadata as EventMetadata,
  recordedAt: r.recorded_at,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export interface EventStoreOptions {
  readonly chainKey: string;
  readonly now: () => Date;
  readonly projectors?: readonly Projector[];
  readonly outbox?: OutboxPolicy;
}

export class EventStore {
  private readonly projectors: readonly Projector[];

  constructor(
    private readonly db: Db,
    private readonly options: EventStoreOptions,
  ) {
    this.projectors = options.projectors ?? [];
  }

  async append<R = undefined>(request: AppendRequest<R>): Promise<AppendResult<R>> {
    return this.db.transaction().execute(async (trx) => this.appendIn(trx, request));
  }

  /** Appends inside a caller's transaction (e.g. to write related rows atomically). */
  async appendIn<R = undefined>(trx: Trx, request: AppendRequest<R>): Promise<AppendResult<R>> {
    const now = this.options.now();
    if (request.idempotency) {
      const { scope, key, requestHash } = request.idempotency;
      // Blocks while a concurrent request with the same key is in flight, then sees its row.
      const inserted = await trx
        .insertInto('idempotency_keys')
        .values({ scope, key, request_hash: requestHash, response: null, created_at: now })
        .onConflict((oc) => oc.doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!inserted) {
        const existing = await trx
          .selectFrom('idempotency_keys')
          .select(['request_hash', 'response'])
          .where('scope', '=', scope)
          .where('key', '=', key)
          .executeTakeFirstOrThrow();
        if (existing.request_hash !== requestHash) throw new IdempotencyKeyReusedError(key);
        const stored = existing.response as StoredResponse | null;
        return { events: [], streamVersion: stored?.streamVersion ?? 0, replayed: true, response: storedResponse<R>(stored) };
      }
    }

    // Serialise appends on the chain head so positions follow commit order. One round trip
    // takes the lock, then reads the stream's version and takes the positions (migration 040;
    // a refused append leaves a harmless gap in positions).
    const { rows } = await sql<{ head_position: number; head_hash: string; current_version: number; positions: (string | number)[] }>`
      SELECT * FROM secmod_chain_reserve(${request.streamId}, ${request.events.length}::int)`.execute(trx);
    const reserved = rows[0]!;
    const current = reserved.current_version;
    if (request.expectedVersion !== 'any' && request.expectedVersion !== current) {
      throw new ConcurrencyError(request.streamId, request.expectedVersion, current);
    }
    if (request.events.length === 0) {
      return { events: [], streamVersion: current, replayed: false, response: request.respond?.([], current) };
    }

    let prevHash = reserved.head_hash;
    const appended: StoredEvent[] = request.events.map((e, i) => {
      const position = Number(reserved.positions[i]);
      const content = {
        position,
        streamId: request.streamId,
        streamVersion: current + i + 1,
        type: e.type,
        // Normalised through JSON so what is hashed is exactly what jsonb gives back.
        data: JSON.parse(canonicalJson(e.data)) as EventData,
        metadata: JSON.parse(canonicalJson(e.metadata ?? {})) as EventMetadata,
        recordedAt: now,
      };
      const hash = eventHash(this.options.chainKey, prevHash, content);
      const stored: StoredEvent = { ...content, prevHash, hash };
      prevHash = hash;
      return stored;
    });

    // The events and the new chain head in one statement (a data-modifying WITH).
    const last = appended[appended.length - 1]!;
    await trx
      .with('appended', (db) =>
        db.insertInto('events').values(
          appended.map((e) => ({
            position: e.position,
            stream_id: e.streamId,
            stream_version: e.streamVersion,
            type: e.type,
            data: JSON.stringify(e.data),
            metadata: JSON.stringify(e.metadata),
            recorded_at: e.recordedAt,
            prev_hash: e.prevHash,
            hash: e.hash,
          })) as never,
        ),
      )
      .updateTable('event_chain_head')
      .set({ position: last.position, hash: last.hash })
      .where('id', '=', 1)
      .execute();

    // The caller's events are the whole stream only if they end where the stream does.
    const prior = request.priorEvents && request.priorEvents.length === current && (current === 0 || request.priorEvents[current - 1]!.streamVersion === current) ? request.priorEvents : undefined;
    for (const [i, event] of appended.entries()) {
      const stream = prior ? [...prior, ...appended.slice(0, i + 1)] : undefined;
      for (const projector of this.projectors) await projector.apply(trx, event, stream);
    }

    if (this.options.outbox) {
      const messages = await this.options.outbox(appended, trx);
      if (messages.length > 0) {
        await trx
          .insertInto('outbox')
          .values(
            messages.map((m) => ({
              event_position: m.eventPosition,
              delivery_key: m.deliveryKey,
              channel: m.channel,
              recipient: m.recipient,
              payload: JSON.stringify(m.payload),
              // Delivery runs on wall-clock time, even under the manual process clock.
              created_at: sql<Date>`now()`,
              available_at: sql<Date>`now()`,
            })),
          )
          .onConflict((oc) => oc.column('delivery_key').doNothing())
          .execute();
      }
    }

    const streamVersion = last.streamVersion;
    const response = request.respond?.(appended, streamVersion);
    if (request.idempotency) {
      await trx
        .updateTable('idempotency_keys')
        // The response is kept as its JSON text: jsonb would reorder its keys, and a replay must
        // answer byte for byte what the first request answered.
        .set({ response: JSON.stringify({ streamVersion, responseJson: JSON.stringify(response ?? null) } satisfies StoredResponse) })
        .where('scope', '=', request.idempotency.scope)
        .where('key', '=', request.idempotency.key)
        .execute();
    }
    return { events: appended, streamVersion, replayed: false, response };
  }

  async readStream(streamId: string, db: Db | Trx = this.db): Promise<StoredEvent[]> {
    const rows = await db.selectFrom('events').selectAll().where('stream_id', '=', streamId).orderBy('stream_version').execute();
    return rows.map(toStoredEvent);
  }

  /** Events in position order after `afterPosition` (keyset pagination). */
  async readAll(afterPosition: number, limit: number, db: Db | Trx = this.db): Promise<StoredEvent[]> {
    const rows = await db.selectFrom('events').selectAll().where('position', '>', afterPosition).orderBy('position').limit(limit).execute();
    return rows.map(toStoredEvent);
  }

  async streamVersion(streamId: string): Promise<number> {
    return this.versionIn(this.db, streamId);
  }

  private async versionIn(db: Db | Trx, streamId: string): Promise<number> {
    const row = await db
      .selectFrom('events')
      .select((eb) => eb.fn.max('stream_version').as('v'))
      .where('stream_id', '=', streamId)
      .executeTakeFirst();
    return Number(row?.v ?? 0);
  }

  get projectorList(): readonly Projector[] {
    return this.projectors;
  }
}
