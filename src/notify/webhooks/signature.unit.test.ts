import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './signature.ts';
import { newWebhookSecret, secretBox } from './secret-box.ts';
import { webhookUrlProblem } from './webhook-endpoints.ts';

const secret = 'whsec_test';
const body = '{"event":"ConsultationOpened"}';
const now = Date.UTC(2026, 2, 2, 9, 0, 0);
const ts = String(now / 1000);

describe('webhook signatures', () => {
  it('is sha256=<hex HMAC-SHA256 over "<timestamp>.<body>">', () => {
    expect(signWebhook(secret, ts, body)).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, ts, body, signWebhook(secret, ts, body), now)).toBe(true);
  });

  it('refuses another secret, a changed body, a changed timestamp, and malformed input', () => {
    const sig = signWebhook(secret, ts, body);
    expect(verifyWebhookSignature('whsec_other', ts, body, sig, now)).toBe(false);
    expect(verifyWebhookSignature(secret, ts, `${body} `, sig, now)).toBe(false);
    expect(verifyWebhookSignature(secret, String(Number(ts) + 1), body, sig, now)).toBe(false);
    expect(verifyWebhookSignature(secret, undefined, body, sig, now)).toBe(false);
    expect(verifyWebhookSignature(secret, ts, body, undefined, now)).toBe(false);
    expect(verifyWebhookSignature(secret, '1e9', body, sig, now)).toBe(false);
    expect(verifyWebhookSignature(secret, ts, body, 'sha256=abc', now)).toBe(false);
  });

  it('refuses a replay outside the tolerance, either way, and accepts within it', () => {
    const sig = signWebhook(secret, ts, body);
    expect(verifyWebhookSignature(secret, ts, body, sig, now + 300_000)).toBe(true);
    expect(verifyWebhookSignature(secret, ts, body, sig, now + 301_000)).toBe(false);
    expect(verifyWebhookSignature(secret, ts, body, sig, now - 301_000)).toBe(false);
    expect(verifyWebhookSignature(secret, ts, body, sig, new Date(now + 60_000), 30)).toBe(false);
  });
});

describe('webhook secrets at rest', () => {
  it('round-trip only with the same chain key and endpoint id', () => {
    const s = newWebhookSecret();
    const box = secretBox('key-1');
    const sealed = box.seal(s, 'endpoint-a');
    expect(sealed).not.toContain(s.slice(6));
    expect(box.open(sealed, 'endpoint-a')).toBe(s);
    expect(() => box.open(sealed, 'endpoint-b')).toThrow();
    expect(() => secretBox('key-2').open(sealed, 'endpoint-a')).toThrow();
  });
});

describe('webhook URLs', () => {
  it('accepts http and https only, without credentials or fragments', () => {
    expect(webhookUrlProblem('https://hooks.example.org/secmod')).toBeUndefined();
    expect(webhookUrlProblem('http://127.0.0.1:8080/x')).toBeUndefined();
    for (const bad of ['ftp://x.example/', 'javascript:alert(1)', 'data:text/plain,x', '/relative', 'https://u:p@x.example/', 'https://x.example/#frag']) expect(webhookUrlProblem(bad), bad).toMatch(/./);
  });
});
