// Webhook targets cannot point secmod at its own network (SSRF): loopback, the cloud metadata
// address and a host name that resolves to a private address are refused at registration with
// a problem+json 422; plain http is refused unless configuration allows it; and a host whose DNS
// answer turns private after registration is refused again at delivery, before connecting.
// Host names are answered by a stubbed resolver: nothing here leaves the machine.
import dns from 'node:dns';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { ApiCast, DRAFT } from '../scenarios/api-client.ts';

const answers = new Map<string, string>([
  ['hooks.partner.example', '93.184.216.34'],
  ['internal.partner.example', '10.20.30.40'],
]);

let dev: TestApp;
let strict: TestApp;

beforeAll(async () => {
  vi.spyOn(dns.promises, 'lookup').mockImplementation((async (hostname: string) => {
    const address = answers.get(hostname);
    if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return [{ address, family: 4 }];
  }) as never);
  // Development settings: http allowed, but no address allow-list.
  dev = await startTestApp({ SECMOD_WEBHOOK_ALLOW_HTTP: 'true', SECMOD_PUBLIC_URL: 'https://secmod.test' });
  strict = await startTestApp({ SECMOD_PUBLIC_URL: 'https://secmod.test' });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await dev?.close();
  await strict?.close();
});

const register = (t: TestApp, url: string) => new ApiCast(t.app).raw('proposer@large-supplier.example', 'POST', '/api/v1/webhooks', { url });

describe('webhook targets (SSRF)', () => {
  it('loopback, the metadata address, private ranges and a host resolving to 10.x are refused with a problem+json 422', async () => {
    for (const [url, why] of [
      ['http://127.0.0.1/hook', /127\.0\.0\.1/],
      ['http://127.0.0.1:8080/hook', /127\.0\.0\.1/],
      ['http://localhost:3000/hook', /does not resolve|127\.0\.0\.1|::1/],
      ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254/],
      ['http://[::1]/hook', /::1/],
      ['http://[::ffff:169.254.169.254]/hook', /::ffff:a9fe:a9fe|169\.254/],
      ['http://192.168.1.10/hook', /192\.168\.1\.10/],
      ['https://internal.partner.example/hook', /internal\.partner\.example resolves to 10\.20\.30\.40/],
      ['https://nowhere.partner.example/hook', /does not resolve/],
    ] as const) {
      const res = await register(dev, url);
      expect(res.status, url).toBe(422);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(res.body.detail, url).toMatch(why);
    }
    expect(await dev.services.database.db.selectFrom('webhook_endpoints').selectAll().execute()).toEqual([]);
  });

  it('http is refused unless configuration allows it; https to a public host is accepted', async () => {
    const http = await register(strict, 'http://hooks.partner.example/hook');
    expect(http.status).toBe(422);
    expect(http.body.detail).toMatch(/https/);
    expect((await register(strict, 'https://hooks.partner.example/hook')).status).toBe(201);
    expect((await register(dev, 'http://hooks.partner.example/hook')).status).toBe(201);
  });

  it('a host that resolves to a private address after registration is refused at delivery, before connecting', async () => {
    answers.set('hooks.partner.example', '10.0.0.7');
    await new ApiCast(strict.app).raise('proposer@large-supplier.example', { ...DRAFT, title: 'Rebinding' });
    const run = await strict.services.deliveryWorker!.runOnce();
    expect(run.failed).toBeGreaterThanOrEqual(1);
    const row = await strict.services.database.db.selectFrom('outbox').select(['last_error', 'delivered_at', 'attempts']).where('channel', '=', 'webhook').executeTakeFirstOrThrow();
    expect(row.delivered_at).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/webhook refused: .*hooks\.partner\.example resolves to 10\.0\.0\.7/);
  });
});
