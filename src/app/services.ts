// The composition root: every adapter gets its collaborators from here (architecture.md
// "Style": `createApp(services())`).
import type { Config } from '../config.ts';
import { openDatabase, type DatabaseHandle } from '../store/database.ts';
import { migrate } from '../store/migrate.ts';
import { EventStore, type Projector } from '../store/event-store.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from '../store/embedded-postgres.ts';
import { manualClock, systemClock, type Clock } from './clock.ts';
import { Directory } from './identity/directory.ts';
import { Sessions } from './identity/sessions.ts';
import { ApiTokens } from './identity/api-tokens.ts';
import { SignInThrottle } from './identity/sign-in-throttle.ts';
import { identityProjector } from './identity/identity-projector.ts';
import { seedDemoCast } from './demo-cast.ts';
import { registerProjector } from './modifications/register-projector.ts';
import { ModificationCommands } from './modifications/command-handler.ts';
import { sweepDeadlines, type SweepResult } from './deadline-sweeper.ts';
import { LegalTexts } from './legal-text/legal-text-service.ts';
import { legalTextProjector } from './legal-text/legal-text-projector.ts';
import { changeSetProjector } from './legal-text/change-set-projector.ts';
import { ChangeSets } from './legal-text/change-set-service.ts';
import { scrProjector } from './scr/scr-projector.ts';
import { SignificantCodeReviews } from './scr/scr-service.ts';
import { BodyDecisions, bodyDecisionProjector } from './body-decisions/body-decisions.ts';
import { obligationProjector } from './obligations/obligations-projector.ts';
import { governanceProjector } from './governance/governance-projector.ts';
import { GovernanceRecords } from './governance/governance-service.ts';
import { Obligations, openGoLiveObligations } from './obligations/obligations-service.ts';
import fs from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { noticeOutboxPolicy } from '../notify/outbox-policy.ts';
import { DeliveryWorker } from '../notify/delivery-worker.ts';
import { demoInboxMailer, smtpMailer } from '../notify/mailer.ts';
import { fileURLToPath } from 'node:url';
import { GeneratedDocuments } from '../documents/document-service.ts';
import { chromiumPdfRenderer } from '../documents/render-pdf.ts';
import { SupportingDocuments } from '../documents/uploads/supporting-documents.ts';
import { secretBox } from '../notify/webhooks/secret-box.ts';
import { WebhookEndpoints } from '../notify/webhooks/webhook-endpoints.ts';
import { combineOutboxPolicies, webhookOutboxPolicy } from '../notify/webhooks/webhook-policy.ts';
import { webhookSender } from '../notify/webhooks/webhook-sender.ts';
import { WebhookAddressGuard } from '../notify/webhooks/address-guard.ts';
import { notifyServices, type NotifyServices } from '../notify/notify-services.ts';

const wallClock = (): Date => new Date();

export const PROJECTORS: readonly Projector[] = [identityProjector, registerProjector, legalTextProjector, changeSetProjector, scrProjector, bodyDecisionProjector, obligationProjector, governanceProjector];

export interface Services {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly clock: Clock;
  readonly store: EventStore;
  readonly directory: Directory;
  readonly sessions: Sessions;
  readonly apiTokens: ApiTokens;
  readonly signInThrottle: SignInThrottle;
  readonly modifications: ModificationCommands;
  readonly legalTexts: LegalTexts;
  /** Change sets: legal text as operations on addresses (apply, rebase, consolidate). */
  readonly changeSets: ChangeSets;
  /** Delivers outbox notices; absent when no channel is configured. */
  readonly deliveryWorker: DeliveryWorker | undefined;
  readonly significantCodeReviews: SignificantCodeReviews;
  readonly bodyDecisions: BodyDecisions;
  readonly obligations: Obligations;
  readonly governance: GovernanceRecords;
  /** Generated documents (Modification Report etc.) as immutable, versioned artefacts. */
  readonly documents: GeneratedDocuments;
  /** Documents uploaded to a proposal's record, stored by their SHA-256. */
  readonly supportingDocuments: SupportingDocuments;
  /** Per-organisation webhook endpoints (delivered by the delivery worker). */
  readonly webhooks: WebhookEndpoints;
  /** Notification preferences, subscriptions, notice templates and unsubscribe links. */
  readonly notify: NotifyServices;
  /** Fires every hard timer the clock has passed (the deadline sweeper). */
  sweepDeadlines(): Promise<SweepResult>;
  close(): Promise<void>;
}

export async function openServices(config: Config, databaseUrl: string, options: { poolSize?: number } = {}): Promise<Services> {
  const database = openDatabase(databaseUrl, { max: options.poolSize ?? 10 });
  const { db } = database;
  const clock = config.clockMode === 'manual' ? manualClock(db) : systemClock();
  await clock.refresh().catch(() => {});
  const now = () => clock.now();
  const store = new EventStore(db, { chainKey: config.chainKey, now, projectors: PROJECTORS, outbox: combineOutboxPolicies(noticeOutboxPolicy(), webhookOutboxPolicy(config.publicUrl)) });
  const box = secretBox(config.chainKey);
  // Notices go by SMTP when SMTP_URL is set, to the demo inbox in demo mode, else they wait.
  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : config.demo ? demoInboxMailer(db) : undefined;
  const modifications = new ModificationCommands(db, store, now);
  const scrs = new SignificantCodeReviews(db, store, now);
  const notify = notifyServices(db, config, now);
  const legalTexts = new LegalTexts(db, store);
  const guard = new WebhookAddressGuard({ allowHttp: config.webhookAllowHttp, allowedAddresses: config.webhookAllowedAddresses });
  return {
    config,
    database,
    clock,
    store,
    directory: new Directory(db, store, now),
    // Security timeouts run on wall-clock time: the manual clock moves process time
    // (deadlines, windows), and must not expire or extend sessions and tokens.
    sessions: new Sessions(db, wallClock, config.sessionTtlHours),
    apiTokens: new ApiTokens(db, wallClock),
    signInThrottle: new SignInThrottle(db, wallClock),
    modifications,
    legalTexts,
    changeSets: new ChangeSets(db, store, legalTexts, now),
    // Webhooks are always a configured channel; email only with SMTP or the demo inbox.
    deliveryWorker: new DeliveryWorker(db, mailer, { workerId: `secmod-${process.pid}-${randomUUID().slice(0, 8)}`, baseUrl: config.publicUrl, webhooks: webhookSender(db, box, { guard }), leaseSeconds: config.deliveryLeaseSeconds, ...notify.deliveryOptions }),
    significantCodeReviews: scrs,
    bodyDecisions: new BodyDecisions(db, store, now),
    obligations: new Obligations(db, store, now),
    governance: new GovernanceRecords(db, store, now),
    documents: new GeneratedDocuments(db, store, new LegalTexts(db, store), now, chromiumPdfRenderer()),
    supportingDocuments: new SupportingDocuments(db, store, now, config.uploadLimitBytes),
    webhooks: new WebhookEndpoints(db, store, box, now, guard),
    notify,
    sweepDeadlines: () => sweepDeadlines({ db, store, commands: modifications, clock, scrs }),
    close: () => database.close(),
  };
}

/** Where secmod's data lives: an external server (DATABASE_URL) or the embedded one. */
export interface Platform {
  readonly databaseUrl: string;
  readonly embedded: EmbeddedServer | undefined;
  stop(): Promise<void>;
}

export async function startPlatform(config: Config, log: (message: string) => void): Promise<Platform> {
  if (config.databaseUrl) return { databaseUrl: config.databaseUrl, embedded: undefined, stop: async () => {} };
  log(`starting the embedded PostgreSQL in ${config.dataDir}`);
  const embedded = await startEmbeddedPostgres(config.dataDir, { log: (m) => { if (m.includes('orphan')) log(m); } });
  return { databaseUrl: embedded.url, embedded, stop: () => embedded.stop() };
}

/** Migrates, and seeds the demo cast into an empty database in demo mode. */
export async function prepareDatabase(services: Services, log: (message: string) => void, options: { seedDemo: boolean }): Promise<void> {
  const applied = await migrate(services.database.pool);
  if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
  // The L8.11 duty runs from the rulebook's go-live (sec-process.md §6.9).
  await openGoLiveObligations(services);
  if (options.seedDemo && (await services.directory.isEmpty())) {
    const seeded = await seedDemo(services);
    log(`seeded the demo cast: ${seeded.organisations} organisations, ${seeded.users} users (password secmod-demo)`);
  }
}

/** The Code version shipped for demos: an excerpt of SEC 5.18 (illustrative, not authoritative). */
const DEMO_CODE = { version: '5.18', file: fileURLToPath(new URL('../../seeds/code/sec-5.18.txt', import.meta.url)) };

export async function seedDemo(services: Services): Promise<{ organisations: number; users: number }> {
  const db = services.database.db;
  const organisations = new Set((await db.selectFrom('organisations').select('id').execute()).map((r) => r.id));
  const emails = new Set((await db.selectFrom('users').select('email').execute()).map((r) => r.email));
  const seeded = await seedDemoCast(services.directory, { organisations, emails });
  if (!(await services.legalTexts.knownVersions()).includes(DEMO_CODE.version)) {
    await services.legalTexts.importCodeVersion(DEMO_CODE.version, await fs.readFile(DEMO_CODE.file, 'utf8'), 'system', { excerpt: true });
  }
  return seeded;
}
