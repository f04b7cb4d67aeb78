// Webhook targets must not turn secmod into a way into its own network (SSRF): a target URL is
// https (http only when SECMOD_WEBHOOK_ALLOW_HTTP says so, for tests and development), and every
// address its host resolves to must be a public unicast address: not private, loopback,
// link-local (which holds the cloud metadata service, 169.254.169.254 and fd00:ec2::254),
// shared, multicast, reserved or documentation space, unless SECMOD_WEBHOOK_ALLOWED_ADDRESSES
// allows it. Checked at registration and again at delivery, when the connection's own lookup
// checks the addresses it is about to connect to (so a DNS answer that changes in between, as
// in DNS rebinding, is caught).
import dns from 'node:dns';
import net from 'node:net';

export interface WebhookAddressPolicy {
  readonly allowHttp: boolean;
  /** Addresses ("127.0.0.1") or CIDR ranges ("10.0.0.0/8", "::1/128") allowed although not public. */
  readonly allowedAddresses: readonly string[];
}

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

const NOT_PUBLIC: readonly [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network"
  ['10.0.0.0', 8, 'ipv4'], // private
  ['100.64.0.0', 10, 'ipv4'], // shared address space (carrier-grade NAT)
  ['127.0.0.0', 8, 'ipv4'], // loopback
  ['169.254.0.0', 16, 'ipv4'], // link-local, cloud metadata
  ['172.16.0.0', 12, 'ipv4'], // private
  ['192.0.0.0', 24, 'ipv4'], // IETF protocol assignments
  ['192.0.2.0', 24, 'ipv4'], // documentation
  ['192.88.99.0', 24, 'ipv4'], // 6to4 relay anycast
  ['192.168.0.0', 16, 'ipv4'], // private
  ['198.18.0.0', 15, 'ipv4'], // benchmarking
  ['198.51.100.0', 24, 'ipv4'], // documentation
  ['203.0.113.0', 24, 'ipv4'], // documentation
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, broadcast
  ['::', 128, 'ipv6'], // unspecified
  ['::1', 128, 'ipv6'], // loopback
  ['64:ff9b:1::', 48, 'ipv6'], // local-use NAT64
  ['100::', 64, 'ipv6'], // discard
  ['2001:db8::', 32, 'ipv6'], // documentation
  ['fc00::', 7, 'ipv6'], // unique local (holds fd00:ec2::254, a metadata address)
  ['fe80::', 10, 'ipv6'], // link-local
  ['ff00::', 8, 'ipv6'], // multicast
];

const blocked = new net.BlockList();
for (const [address, prefix, type] of NOT_PUBLIC) blocked.addSubnet(address, prefix, type);

/** The IPv4 address inside an IPv4-mapped, IPv4-compatible or NAT64 IPv6 address. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const hi = Number.parseInt(hex[1]!, 16);
    const lo = Number.parseInt(hex[2]!, 16);
    return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
  }
  return undefined;
}

function parseAllowList(entries: readonly string[]): net.BlockList {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const family = net.isIP(address ?? '');
    if (family === 0) throw new Error(`SECMOD_WEBHOOK_ALLOWED_ADDRESSES: "${entry}" is not an address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address!, type);
    else {
      const bits = Number(prefix);
      if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) throw new Error(`SECMOD_WEBHOOK_ALLOWED_ADDRESSES: "${entry}" has a bad prefix length`);
      list.addSubnet(address!, bits, type);
    }
  }
  return list;
}

/** Resolves a host name to every address (the system resolver, as connections use). */
export const systemResolve = async (hostname: string): Promise<ResolvedAddress[]> =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export class WebhookAddressGuard {
  private readonly allowed: net.BlockList;

  constructor(
    readonly policy: WebhookAddressPolicy,
    private readonly resolve: (hostname: string) => Promise<ResolvedAddress[]> = systemResolve,
  ) {
    this.allowed = parseAllowList(policy.allowedAddresses);
  }

  /** Whether secmod may connect to `address` (a public address, or one the allow-list names). */
  addressAllowed(address: string): boolean {
    const family = net.isIP(address);
    if (family === 0) return false;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (this.allowed.check(address, type)) return true;
    const inner = family === 6 ? embeddedIpv4(address) : undefined;
    if (inner !== undefined && this.allowed.check(inner, 'ipv4')) return true;
    return !(blocked.check(address, type) || (inner !== undefined && blocked.check(inner, 'ipv4')));
  }

  /** Why secmod may not connect to `address`, or undefined when it may. */
  addressProblem(address: string, host?: string): string | undefined {
    if (this.addressAllowed(address)) return undefined;
    const where = host && host !== address ? `${host.slice(0, 100)} resolves to ${address}` : address;
    return `A webhook must not reach a private, loopback, link-local or metadata address (${where}).`;
  }

  /** The scheme rule: https, or http where allowed. */
  schemeProblem(url: URL): string | undefined {
    if (url.protocol === 'https:') return undefined;
    if (url.protocol === 'http:' && this.policy.allowHttp) return undefined;
    return 'A webhook URL must use https.';
  }

  /** Why secmod may not deliver to `rawUrl` (resolving its host now), or undefined. */
  async urlProblem(rawUrl: string): Promise<string | undefined> {
    const url = new URL(rawUrl);
    const scheme = this.schemeProblem(url);
    if (scheme) return scheme;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(host) !== 0) return this.addressProblem(host);
    let addresses: ResolvedAddress[];
    try {
      addresses = await this.resolve(host);
    } catch {
      return `The host name ${host.slice(0, 100)} does not resolve.`;
    }
    if (addresses.length === 0) return `The host name ${host.slice(0, 100)} does not resolve.`;
    for (const a of addresses) {
      const problem = this.addressProblem(a.address, host);
      if (problem) return problem;
    }
    return undefined;
  }

  /**
   * A `lookup` for http(s).request that resolves through the guard and refuses a non-public
   * answer at connection time.
   */
  lookup(): net.LookupFunction {
    return ((hostname: string, options: dns.LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void) => {
      this.resolve(hostname).then(
        (addresses) => {
          const problem = addresses.length === 0 ? `${hostname} does not resolve` : addresses.map((a) => this.addressProblem(a.address, hostname)).find((p) => p !== undefined);
          if (problem) {
            callback(Object.assign(new Error(`webhook refused: ${problem}`), { code: 'EWEBHOOKADDRESS' }), '', 0);
            return;
          }
          if (options.all) callback(null, addresses.map((a) => ({ address: a.address, family: a.family })));
          else callback(null, addresses[0]!.address, addresses[0]!.family);
        },
        (error: NodeJS.ErrnoException) => callback(error, '', 0),
      );
    }) as net.LookupFunction;
  }
}
