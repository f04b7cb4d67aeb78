// `secmod rebuild`: empty every projection table and replay the whole log through the
// projectors, in one transaction (readers see the old or the new read model, never half).
import { sql } from 'kysely';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';
import { selectStoredEvents, type Projector, type ProjectorRebuild, type StoredEvent, type Trx } from './event-store.ts';

export async function rebuildProjections(db: Db, projectors: readonly Projector[], batchSize = 5000): Promise<{ events: number }> {
  return db.transaction().execute(async (trx) => {
    const tables = [...new Set(projectors.flatMap((p) => p.tables))];
    if (tables.length > 0) await sql.raw(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')}`).execute(trx);
    // Projectors that re-fold a whole stream need only its last event: re-folding at every
    // event costs O(length²) per stream (95% of a rebuild's time before). Read after TRUNCATE:
    // an append that commits later waits on the emptied tables' lock and projects itself then.
    const lastVersion = projectors.some((p) => p.foldsWholeStream || p.rebuild)
      ? new Map((await sql<{ s: string; v: number }>`SELECT stream_id AS s, max(stream_version)::int AS v FROM events GROUP BY stream_id`.execute(trx)).rows.map((r) => [r.s, r.v]))
      : new Map<string, number>();
    // Each projector reads only the events and its own tables, so each may take a whole page
    // in turn: through its own rebuild path when it has one (rows folded in memory, written in
    // bulk), else event by event through `apply`, as an append would.
    const runs: { projector: Projector; rebuild: ProjectorRebuild | undefined }[] = projectors.map((projector) => ({ projector, rebuild: projector.rebuild?.({ lastVersion }) }));
    const read = (after: number) => {
      const rows = selectStoredEvents(trx).where('position', '>', after).orderBy('position').limit(batchSize).execute();
      rows.catch(() => {}); // awaited below; not an unhandled rejection while a page is at work
      return rows;
    };
    let next = read(0);
    let count = 0;
    for (;;) {
      const events = await next;
      if (events.length === 0) break;
      // Ask for the next page before folding this one: PostgreSQL reads it meanwhile (the page's
      // writes queue behind it on the connection, and no projector writes the events table).
      next = read(events[events.length - 1]!.position);
      for (const { projector, rebuild } of runs) {
        if (rebuild) {
          await rebuild.page(trx, events);
          continue;
        }
        for (const event of events) {
          if (projector.foldsWholeStream && lastVersion.get(event.streamId) !== event.streamVersion) continue;
          await projector.apply(trx, event);
        }
      }
      count += events.length;
    }
    for (const { rebuild } of runs) await rebuild?.finish(trx);
    return { events: count };
  });
}

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for any projection table. */
const ROWS_PER_INSERT = 1000;

/**
 * Writes rows in multi-row INSERTs, each row as an upsert on `key` that keeps the columns in
 * `keep` (as an append's `INSERT … ON CONFLICT DO UPDATE` does). Rows of one call must have
 * distinct keys: PostgreSQL refuses to update one row twice in one statement.
 */
export async function upsertRows<T extends keyof Database & string>(
  trx: Trx,
  table: T,
  key: keyof Database[T] & string,
  rows: readonly Record<string, unknown>[],
  keep: readonly string[] = [],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).filter((c) => c !== key && !keep.includes(c));
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    // The table is chosen at run time; the rows are the projector's own, typed where built.
    await (trx as unknown as Trx)
      .insertInto(table as 'modification_register')
      .values(rows.slice(i, i + ROWS_PER_INSERT) as never)
      .onConflict((oc) => oc.column(key as 'number').doUpdateSet(Object.fromEntries(columns.map((c) => [c, sql.ref(`excluded.${c}`)])) as never))
      .execute();
  }
}

/**
 * Streams of one kind, each folded in memory from the rebuild's own pages (no stream re-read)
 * until its last version, and then turned into a row. A stream whose events do not arrive one
 * version after another (never seen in a log appended under the chain-head lock) is re-read from
 * the events table at its last event instead, as `apply` would.
 */
export class StreamFolds<S> {
  private readonly open = new Map<string, { state: S | undefined; first: StoredEvent; next: number } | 'reread'>();

  constructor(
    private readonly lastVersion: ReadonlyMap<string, number>,
    private readonly evolve: (state: S | undefined, event: StoredEvent) => S,
  ) {}

  /**
   * Takes the next event of a stream; at the stream's last version returns its folded state
   * (or `reread` when the stream must be read again), else undefined.
   */
  take(event: StoredEvent): { state: S | undefined; first: StoredEvent } | 'reread' | undefined {
    const last = this.lastVersion.get(event.streamId);
    if (last === undefined || event.streamVersion > last) return undefined;
    let fold = this.open.get(event.streamId);
    if (fold === undefined && event.streamVersion === 1) fold = { state: undefined, first: event, next: 1 };
    if (fold === undefined || (fold !== 'reread' && fold.next !== event.streamVersion)) fold = 'reread';
    else if (fold !== 'reread') fold = { state: this.evolve(fold.state, event), first: fold.first, next: fold.next + 1 };
    if (event.streamVersion === last) {
      this.open.delete(event.streamId);
      return fold === 'reread' ? fold : { state: fold.state, first: fold.first };
    }
    this.open.set(event.streamId, fold);
    return undefined;
  }

  /** Streams taken in part and not finished (for tests). */
  get held(): number {
    return this.open.size;
  }
}
