// `npm run bench [-- suite …]`: performance figures as ratios against peers measured in the
// same run, written to bench/results.json. Suites: event-store, http, redline, and the proof
// suite's cast-vote, rebuild, search, two-processes (default: all).
// The database suites run on the embedded PostgreSQL (or DATABASE_URL), each proof-suite bench
// on a fresh database of its own.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeResults, type Comparison } from './harness.ts';

const suites = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const wants = (name: string) => suites.length === 0 || suites.includes(name);
const comparisons: Comparison[] = [];

if (wants('event-store') || wants('http')) {
  const { loadConfig } = await import('../src/config.ts');
  const { openServices, prepareDatabase } = await import('../src/app/services.ts');
  const { startEmbeddedPostgres } = await import('../src/store/embedded-postgres.ts');
  const { eventStoreBench } = await import('./event-store.bench.ts');
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'secmod-bench-'));
  const server = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres(tmp, { database: 'secmod_bench' });
  const url = process.env.DATABASE_URL ?? server!.url;
  const services = await openServices({ ...loadConfig({ NODE_ENV: 'test' }), databaseUrl: url }, url, { poolSize: 4 });
  try {
    await prepareDatabase(services, () => {}, { seedDemo: false });
    if (wants('event-store')) comparisons.push(...(await eventStoreBench(services)));
    if (wants('http')) {
      const { seedDemo } = await import('../src/app/services.ts');
      await seedDemo(services);
      const { httpBench } = await import('./http.bench.ts');
      comparisons.push(...(await httpBench(services)));
    }
  } finally {
    await services.close();
    await server?.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

if (wants('redline')) {
  const { redlineBench } = await import('./redline.bench.ts');
  comparisons.push(...(await redlineBench()));
}

const proofSuites = ['cast-vote', 'rebuild', 'search', 'two-processes'].filter(wants);
if (proofSuites.length > 0) {
  const { benchServices, stopBenchDatabase } = await import('./bench-database.ts');
  try {
    for (const suite of proofSuites) {
      const manual: Record<string, string> = suite === 'cast-vote' || suite === 'rebuild' ? { SECMOD_CLOCK: 'manual' } : {};
      const { services, url } = await benchServices(suite.replace('-', '_'), manual);
      try {
        if (suite === 'cast-vote') comparisons.push(...(await (await import('./cast-vote.bench.ts')).castVoteBench(services)));
        if (suite === 'rebuild') comparisons.push(...(await (await import('./rebuild.bench.ts')).rebuildBench(services, Number(process.env.BENCH_REBUILD_EVENTS ?? 100_000))));
        if (suite === 'search') comparisons.push(...(await (await import('./register-search.bench.ts')).registerSearchBench(services)));
        if (suite === 'two-processes') comparisons.push(...(await (await import('./two-processes.bench.ts')).twoProcessBench(services, url)));
      } finally {
        await services.close();
      }
    }
  } finally {
    await stopBenchDatabase();
  }
}

await writeResults(comparisons);
for (const c of comparisons) {
  process.stdout.write(`${c.met ? 'MET ' : 'MISS'} ${c.name}: ratio ${c.ratio} (target ${c.target}); ${c.subject.medianMs} ms vs ${c.peer.medianMs} ms\n`);
}
process.exit(0);
