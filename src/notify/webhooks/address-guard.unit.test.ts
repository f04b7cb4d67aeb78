import { describe, expect, it } from 'vitest';
import { WebhookAddressGuard } from './address-guard.ts';

const resolver = (answers: Record<string, string[]>) => async (host: string) => {
  const a = answers[host];
  if (!a) throw new Error('ENOTFOUND');
  return a.map((address) => ({ address, family: (address.includes(':') ? 6 : 4) as 4 | 6 }));
};
const strict = new WebhookAddressGuard({ allowHttp: false, allowedAddresses: [] }, resolver({ 'hooks.example.org': ['93.184.216.34'], 'internal.example.org': ['10.1.2.3'], 'mixed.example.org': ['93.184.216.34', '192.168.1.1'] }));

describe('webhook targets (SSRF)', () => {
  it('only public addresses: private, loopback, link-local, metadata, shared and mapped forms are refused', () => {
    for (const a of ['10.0.0.1', '127.0.0.1', '127.9.9.9', '169.254.169.254', '172.16.0.1', '172.31.255.255', '192.168.0.1', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd00:ec2::254', 'fc00::1', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe', '64:ff9b::10.0.0.1']) {
      expect(strict.addressAllowed(a), a).toBe(false);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111']) expect(strict.addressAllowed(a), a).toBe(true);
  });

  it('https only, unless http is allowed by configuration', async () => {
    expect(await strict.urlProblem('http://hooks.example.org/x')).toMatch(/https/);
    expect(await strict.urlProblem('https://hooks.example.org/x')).toBeUndefined();
    const dev = new WebhookAddressGuard({ allowHttp: true, allowedAddresses: [] }, resolver({ 'hooks.example.org': ['93.184.216.34'] }));
    expect(await dev.urlProblem('http://hooks.example.org/x')).toBeUndefined();
  });

  it('a host name is refused when any address it resolves to is not public, or when it does not resolve', async () => {
    expect(await strict.urlProblem('https://internal.example.org/x')).toMatch(/internal\.example\.org resolves to 10\.1\.2\.3/);
    expect(await strict.urlProblem('https://mixed.example.org/x')).toMatch(/192\.168\.1\.1/);
    expect(await strict.urlProblem('https://nowhere.example.org/x')).toMatch(/does not resolve/);
    expect(await strict.urlProblem('https://[::1]:8443/x')).toMatch(/::1/);
    expect(await strict.urlProblem('https://169.254.169.254/latest/meta-data')).toMatch(/169\.254\.169\.254/);
  });

  it('the allow-list admits named addresses and ranges, and nothing else', async () => {
    const tests = new WebhookAddressGuard({ allowHttp: true, allowedAddresses: ['127.0.0.1/32', '10.20.0.0/16'] }, resolver({}));
    expect(tests.addressAllowed('127.0.0.1')).toBe(true);
    expect(tests.addressAllowed('10.20.3.4')).toBe(true);
    expect(tests.addressAllowed('127.0.0.2')).toBe(false);
    expect(tests.addressAllowed('10.21.0.1')).toBe(false);
    expect(() => new WebhookAddressGuard({ allowHttp: false, allowedAddresses: ['not-an-ip'] })).toThrow(/not an address/);
  });

  it('the connection-time lookup refuses a non-public answer (DNS rebinding after registration)', async () => {
    const answers: Record<string, string[]> = { 'flip.example.org': ['93.184.216.34'] };
    const guard = new WebhookAddressGuard({ allowHttp: false, allowedAddresses: [] }, resolver(answers));
    expect(await guard.urlProblem('https://flip.example.org/')).toBeUndefined();
    answers['flip.example.org'] = ['127.0.0.1'];
    const error = await new Promise<Error | null>((resolve) => guard.lookup()('flip.example.org', {}, (err) => resolve(err)));
    expect(error?.message).toMatch(/webhook refused/);
  });
});
