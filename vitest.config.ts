import { defineConfig } from 'vitest/config';

// Test kinds by suffix (architecture.md "Testing"): unit (pure), int (routes through
// app.inject on PostgreSQL), e2e (a real browser). Integration tests run on the embedded
// PostgreSQL, and again on a PostgreSQL server when DATABASE_URL is set (CI does both).
const serverUrl = process.env.DATABASE_URL;

const intProject = (name: string, target: 'embedded' | 'server', groupOrder: number) => ({
  test: {
    name,
    sequence: { groupOrder },
    include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
    globalSetup: ['test/support/database-setup.ts'],
    provide: { databaseTarget: target },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});

export default defineConfig({
  test: {
    reporters: process.env.VITEST_JSON_REPORT
      ? ['default', ['json', { outputFile: process.env.VITEST_JSON_REPORT }]]
      : ['default'],
    projects: [
      { test: { name: 'unit', sequence: { groupOrder: 0 }, include: ['src/**/*.unit.test.ts', 'test/**/*.unit.test.ts'] } },
      intProject('int-embedded', 'embedded', 1),
      ...(serverUrl ? [intProject('int-server', 'server', 2)] : []),
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 3 },
          include: ['test/**/*.e2e.test.ts'],
          globalSetup: ['test/support/database-setup.ts'],
          provide: { databaseTarget: 'embedded' },
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
