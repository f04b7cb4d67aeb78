// Kysely over pg, on the embedded PostgreSQL or a PostgreSQL server (architecture.md).
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.ts';

// PostgreSQL bigint (int8, e.g. event positions) as JS numbers: positions stay far below 2^53.
pg.types.setTypeParser(20, (value) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${value} is beyond the safe integer range`);
  return n;
});
// `date` columns stay ISO calendar dates (no time-zone shifts).
pg.types.setTypeParser(1082, (value) => value);

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  readonly db: Db;
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

export function openDatabase(url: string, options: { max?: number } = {}): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 10_000 });
  // An idle client losing its server (PostgreSQL restarted) must not crash the process.
  pool.on('error', () => {});
  // Nor may a checked-out one: pg-pool listens for a client's 'error' only while it is idle,
  // and a client in use between two queries (e.g. mid-transaction, hashing an event) that
  // loses its server emits 'error' with no listener — which ended the whole process when
  // PostgreSQL stopped (test/proof/crash.int.test.ts). The query in flight fails by itself,
  // and the pool discards the broken client when it is released.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    pool,
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
