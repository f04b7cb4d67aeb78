// Kysely over pg, on the embedded PostgreSQL or a PostgreSQL server (architecture.md).
import { createHash } from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
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

/**
 * Ends a statement that runs as a named prepared statement: parsed and planned once on each
 * connection instead of at every execution. Planning is most of what a short statement costs
 * PostgreSQL (in an ad hoc pgbench run, a statement of the append's shape took 0.7-0.9 ms
 * unnamed against 0.2-0.3 ms prepared). Only for
 * statements of a fixed text whose good plan does not depend on the parameters' values (after
 * five executions PostgreSQL may keep one generic plan); never for a search.
 */
export const PREPARED_MARK = '/* secmod:prepared */';
/** The mark as a Kysely fragment, for `sql` templates and `.modifyEnd(prepared)`. */
export const prepared = sql.raw(` ${PREPARED_MARK}`);

const statementNames = new Map<string, string>();
const statementName = (text: string): string => {
  let name = statementNames.get(text);
  if (!name) {
    name = `secmod_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
};

type QueryFn = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/** Sends a marked statement (see PREPARED_MARK) under its name; every other query as it is. */
function prepareMarkedStatements(client: pg.PoolClient): void {
  const query = (client.query as QueryFn).bind(client);
  (client as unknown as { query: QueryFn }).query = (config, values, callback) =>
    typeof config === 'string' && config.endsWith(PREPARED_MARK) ? query({ name: statementName(config), text: config, values }, callback) : query(config, values, callback);
}

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
  pool.on('connect', (client) => {
    client.on('error', () => {});
    prepareMarkedStatements(client);
  });
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
