// Where a rebuild's time goes (diagnostic, not a target): `npx tsx bench/rebuild-cpu.ts [events]`.
// Fills a fresh database as the rebuild bench does (default 200,000 events), then for two
// rebuilds and two raw keyset reads prints wall time, this process's CPU time and the CPU time
// of every postgres process (from /proc), so the share of each side can be rerun.
import fs from 'node:fs';
import { benchServices, stopBenchDatabase } from './bench-database.ts';
import { fillLog } from './rebuild.bench.ts';
import { PROJECTORS } from '../src/app/services.ts';
import { rebuildProjections } from '../src/store/rebuild-projections.ts';

/** CPU milliseconds used so far by all postgres processes (utime + stime, 100 ticks a second). */
function postgresCpuMs(): number {
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * 10;
}

async function measure(label: string, work: () => Promise<unknown>): Promise<void> {
  const pg0 = postgresCpuMs();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await work();
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(`${label.padEnd(8)} wall ${(performance.now() - t0).toFixed(0)} ms; node cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; postgres cpu ${postgresCpuMs() - pg0} ms\n`);
}

const { services } = await benchServices('rebuild_cpu', { SECMOD_CLOCK: 'manual' });
const { total } = await fillLog(services, Number(process.argv[2] ?? 200_000));
process.stdout.write(`${total} events\n`);
await rebuildProjections(services.database.db, PROJECTORS);
for (let round = 0; round < 2; round++) {
  await measure('rebuild', () => rebuildProjections(services.database.db, PROJECTORS));
  await measure('read', async () => {
    let after = 0;
    for (;;) {
      const { rows } = await services.database.pool.query<{ position: number }>('SELECT * FROM events WHERE position > $1 ORDER BY position LIMIT 5000', [after]);
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.position;
    }
  });
}
await services.close();
await stopBenchDatabase();
process.exit(0);
