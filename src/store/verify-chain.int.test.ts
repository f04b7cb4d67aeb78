// Tamper evidence: each kind of direct SQL mutation is detected by `secmod verify`, which
// names the first bad position. Each case runs on its own fresh database.
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { openServices, type Services } from '../app/services.ts';
import { loadConfig } from '../config.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { verifyChain } from './verify-chain.ts';

const config = loadConfig({ NODE_ENV: 'test' });
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function freshLog(): Promise<{ services: Services; database: TestDatabase; positions: number[] }> {
  const database = await createTestDatabase();
  const services = await openServices(config, database.url, { poolSize: 2 });
  cleanup = async () => {
    await services.close();
    await database.drop();
  };
  const { events } = await services.store.append({
    streamId: 'tamper-test',
    expectedVersion: 0,
    events: [1, 2, 3, 4].map((n) => ({ type: 'TestHappened', data: { n } })),
  });
  return { services, database, positions: events.map((e) => e.position) };
}

async function tamper(services: Services, statements: string[]): Promise<void> {
  await services.database.db.connection().execute(async (db) => {
    await sql`SET session_replication_role = replica`.execute(db);
    for (const s of statements) await sql.raw(s).execute(db);
    await sql`SET session_replication_role = origin`.execute(db);
  });
}

describe('secmod verify detects tampering', () => {
  it('detects a modified event', async () => {
    const { services, positions } = await freshLog();
    const p = positions[1]!;
    await tamper(services, [`UPDATE events SET type = 'Forged' WHERE position = ${p}`]);
    expect(await verifyChain(services.database.db, config.chainKey)).toMatchObject({ ok: false, firstBadPosition: p });
  });

  it('detects a deleted event', async () => {
    const { services, positions } = await freshLog();
    await tamper(services, [`DELETE FROM events WHERE position = ${positions[1]}`]);
    expect(await verifyChain(services.database.db, config.chainKey)).toMatchObject({ ok: false, firstBadPosition: positions[2] });
  });

  it('detects reordered events (two events swap places)', async () => {
    const { services, positions } = await freshLog();
    const [a, b] = [positions[1]!, positions[2]!];
    await tamper(services, [
      `UPDATE events SET position = -1 WHERE position = ${a}`,
      `UPDATE events SET position = ${a} WHERE position = ${b}`,
      `UPDATE events SET position = ${b} WHERE position = -1`,
    ]);
    expect(await verifyChain(services.database.db, config.chainKey)).toMatchObject({ ok: false, firstBadPosition: a });
  });

  it('detects events removed from the end of the log', async () => {
    const { services, positions } = await freshLog();
    await tamper(services, [`DELETE FROM events WHERE position = ${positions[3]}`]);
    const result = await verifyChain(services.database.db, config.chainKey);
    expect(result.ok).toBe(false);
    expect(result.firstBadPosition).toBe(positions[3]);
  });

  it('the `secmod verify` command exits 1 and names the tampered position', async () => {
    const { services, database, positions } = await freshLog();
    const p = positions[0]!;
    await tamper(services, [`UPDATE events SET data = '{"n": 42}' WHERE position = ${p}`]);
    const run = promisify(execFile);
    const failure = await run('node', ['bin/secmod.js', 'verify'], { env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: 'test' } }).catch((e: { code: number; stdout: string }) => e);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stdout: string }).stdout).toContain(`TAMPERED at position ${p}`);
  });
});
