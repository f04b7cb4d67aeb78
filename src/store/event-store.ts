// The append-only, hash-chained event store (architecture.md "Persistence").
// One transaction per append: events + projections + outbox + idempotency record (an append
// with none of the others, at a chain head the process knows, is one autocommit statement).
import { sql, type Transaction } from 'kysely';
import { prepared, type Db } from './database.ts';
import type { Database } from './schema.ts';
import { eventHashOfCanonical } from './event-hash.ts';
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

/**
 * Events read with their columns named as StoredEvent names its fields: pg builds each row as a
 * StoredEvent, so a read of a stream or a page of the log allocates one object per event, not
 * two (a row, then its StoredEvent).
 */
export const selectStoredEvents = (db: Db | Trx) =>
  db
    .selectFrom('events')
    .select(['position', 'stream_id as streamId', 'stream_version as streamVersion', 'type', 'data', 'metadata', 'recorded_at as recordedAt', 'prev_hash as prevHash', 'hash'])
    .$castTo<StoredEvent>();

/**
 * A stream's events in version order, up to and including `upTo` when given: what a projector
 * folds, and what readStream returns.
 */
export function streamEventsUpTo(db: Db | Trx, streamId: string, upTo?: number): Promise<StoredEvent[]> {
  let q = selectStoredEvents(db).where('stream_id', '=', streamId);
  if (upTo !== undefined) q = q.where('stream_version', '<=', upTo);
  return q.orderBy('stream_version').modifyEnd(prepared).execute();
}

export interface EventStoreOptions {
  readonly chainKey: string;
  readonly now: () => Date;
  readonly projectors?: readonly Projector[];
  readonly outbox?: OutboxPolicy;
}

/** An event chained by an append, with the JSON text of its data and metadata as hashed. */
interface ChainedEvent {
  readonly event: StoredEvent;
  readonly dataJson: string;
  readonly metadataJson: string;
}

/**
 * Appends of at most this many events run as prepared statements (one text per count; see
 * PREPARED_MARK); a bulk append is planned once, as it runs once.
 */
const PREPARED_APPEND_MAX_EVENTS = 8;

/** Chained events as VALUES rows, typed so that they can also feed an INSERT … SELECT. */
const eventValues = (chained: readonly ChainedEvent[]) =>
  sql.join(
    chained.map(
      ({ event: e, dataJson, metadataJson }) =>
        sql`(${e.position}::bigint, ${e.streamId}::text, ${e.streamVersion}::integer, ${e.type}::text, ${dataJson}::jsonb, ${metadataJson}::jsonb, ${e.recordedAt}::timestamptz, ${e.prevHash}::text, ${e.hash}::text)`,
    ),
  );
const preparedIfSmall = (chained: readonly ChainedEvent[]) => (chained.length <= PREPARED_APPEND_MAX_EVENTS ? prepared : sql``);

/** The chain head as this process last wrote or read it: a hint, checked by the statement that uses it. */
interface ChainHead {
  readonly position: number;
  readonly hash: string;
}

export class EventStore {
  private readonly projectors: readonly Projector[];
  private head: ChainHead | undefined;

  constructor(
    private readonly db: Db,
    private readonly options: EventStoreOptions,
  ) {
    this.projectors = options.projectors ?? [];
  }

  async append<R = undefined>(request: AppendRequest<R>): Promise<AppendResult<R>> {
    // With nothing else to write atomically, an append at a known head is one autocommit
    // statement; otherwise (or when the head has moved) it runs in a transaction.
    if (this.projectors.length === 0 && !this.options.outbox && !request.idempotency) {
      const appended = await this.appendAtKnownHead(this.db, request, this.options.now());
      if (appended) return this.appendedResult(request, appended);
    }
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

    const fast = await this.appendAtKnownHead(trx, request, now);
    const { appended, current } = fast ? { appended: fast, current: request.expectedVersion as number } : await this.appendUnderLock(trx, request, now);
    if (appended.length === 0) return { events: [], streamVersion: current, replayed: false, response: request.respond?.([], current) };

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

    const result = this.appendedResult(request, appended);
    if (request.idempotency) {
      await trx
        .updateTable('idempotency_keys')
        // The response is kept as its JSON text: jsonb would reorder its keys, and a replay must
        // answer byte for byte what the first request answered.
        .set({ response: JSON.stringify({ streamVersion: result.streamVersion, responseJson: JSON.stringify(result.response ?? null) } satisfies StoredResponse) })
        .where('scope', '=', request.idempotency.scope)
        .where('key', '=', request.idempotency.key)
        .execute();
    }
    return result;
  }

  /**
   * The append in one statement, when this process knows the chain head and the caller the
   * stream's version: the events are chained to the known head in JavaScript, and the statement
   * moves the head and inserts them only if the head is still the one they were chained to and
   * the stream is still at the expected version. The head UPDATE takes the chain-head lock (held
   * to commit, as in appendUnderLock) and is re-checked against the newest head once granted,
   * so it matches only if no append committed since the head was learned; then the statement's
   * snapshot already holds every event of the stream and its version check is exact. Undefined
   * when it cannot be used or did not match (a moved head, another process, a rolled-back
   * transaction, a stale expected version): the caller falls back to appendUnderLock, which
   * reports a version conflict.
   */
  private async appendAtKnownHead(db: Db | Trx, request: AppendRequest<unknown>, now: Date): Promise<StoredEvent[] | undefined> {
    const head = this.head;
    const expected = request.expectedVersion;
    if (!head || expected === 'any' || request.events.length === 0) return undefined;
    const chained = this.chain(request, head, expected, now);
    const last = chained[chained.length - 1]!.event;
    const inserted = await sql`
      WITH moved AS (
        UPDATE event_chain_head SET position = ${last.position}, hash = ${last.hash}
        WHERE id = 1 AND position = ${head.position} AND hash = ${head.hash}
          AND (SELECT coalesce(max(stream_version), 0) FROM events WHERE stream_id = ${request.streamId}) = ${expected}
        RETURNING 1
      )
      INSERT INTO events (position, stream_id, stream_version, type, data, metadata, recorded_at, prev_hash, hash)
      SELECT v.* FROM moved CROSS JOIN (VALUES ${eventValues(chained)}) AS v (position, stream_id, stream_version, type, data, metadata, recorded_at, prev_hash, hash)${preparedIfSmall(chained)}`.execute(db);
    if (Number(inserted.numAffectedRows) !== chained.length) return undefined;
    this.head = { position: last.position, hash: last.hash };
    return chained.map((c) => c.event);
  }

  /**
   * The append in two statements: take the chain-head lock and read the head, the stream's
   * version and the positions (migration 041), then write the events and the new head.
   */
  private async appendUnderLock(trx: Trx, request: AppendRequest<unknown>, now: Date): Promise<{ appended: StoredEvent[]; current: number }> {
    const { rows } = await sql<{ head_position: string | number; head_hash: string; current_version: number }>`
      SELECT head_position, head_hash, current_version FROM secmod_chain_reserve(${request.streamId}, ${request.events.length}::int)${prepared}`.execute(trx);
    const reserved = rows[0]!;
    const head = { position: Number(reserved.head_position), hash: reserved.head_hash };
    this.head = head;
    const current = reserved.current_version;
    if (request.expectedVersion !== 'any' && request.expectedVersion !== current) {
      throw new ConcurrencyError(request.streamId, request.expectedVersion, current);
    }
    if (request.events.length === 0) return { appended: [], current };
    const chained = this.chain(request, head, current, now);
    const last = chained[chained.length - 1]!.event;
    await sql`
      WITH appended AS (
        INSERT INTO events (position, stream_id, stream_version, type, data, metadata, recorded_at, prev_hash, hash)
        VALUES ${eventValues(chained)}
      )
      UPDATE event_chain_head SET position = ${last.position}, hash = ${last.hash} WHERE id = 1${preparedIfSmall(chained)}`.execute(trx);
    this.head = { position: last.position, hash: last.hash };
    return { appended: chained.map((c) => c.event), current };
  }

  private appendedResult<R>(request: AppendRequest<R>, appended: readonly StoredEvent[]): AppendResult<R> {
    const streamVersion = appended[appended.length - 1]!.streamVersion;
    return { events: appended, streamVersion, replayed: false, response: request.respond?.(appended, streamVersion) };
  }

  /** The request's events chained after `head`, the stream being at version `current`. */
  private chain(request: AppendRequest<unknown>, head: ChainHead, current: number, now: Date): ChainedEvent[] {
    let prevHash = head.hash;
    return request.events.map((e, i) => {
      // Canonical JSON once: it is what is hashed and what is stored, and parsing it back gives
      // exactly what jsonb returns (no undefined, dates as strings).
      const dataJson = canonicalJson(e.data);
      const metadataJson = canonicalJson(e.metadata ?? {});
      const position = head.position + i + 1;
      const streamVersion = current + i + 1;
      const hash = eventHashOfCanonical(this.options.chainKey, prevHash, { position, streamId: request.streamId, streamVersion, type: e.type, recordedAt: now }, dataJson, metadataJson);
      const event: StoredEvent = {
        position,
        streamId: request.streamId,
        streamVersion,
        type: e.type,
        data: JSON.parse(dataJson) as EventData,
        metadata: JSON.parse(metadataJson) as EventMetadata,
        recordedAt: now,
        prevHash,
        hash,
      };
      prevHash = hash;
      return { event, dataJson, metadataJson };
    });
  }

  async readStream(streamId: string, db: Db | Trx = this.db): Promise<StoredEvent[]> {
    return streamEventsUpTo(db, streamId);
  }

  /** Events in position order after `afterPosition` (keyset pagination). */
  async readAll(afterPosition: number, limit: number, db: Db | Trx = this.db): Promise<StoredEvent[]> {
    return selectStoredEvents(db).where('position', '>', afterPosition).orderBy('position').limit(limit).execute();
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
