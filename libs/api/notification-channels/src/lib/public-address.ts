import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';

/** Ranges a webhook must not reach: the server's own machine and network, and addresses no public host has. */
const NON_PUBLIC_RANGES: [network: string, prefix: number, family: 'ipv4' | 'ipv6', kind: string][] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'shared (carrier-grade NAT)'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'reserved'],
  ['192.0.2.0', 24, 'ipv4', 'reserved'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'reserved'],
  ['198.51.100.0', 24, 'ipv4', 'reserved'],
  ['203.0.113.0', 24, 'ipv4', 'reserved'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  // IPv4-compatible (deprecated) addresses; IPv4-mapped ones (::ffff:a.b.c.d) are checked by BlockList against the IPv4 ranges.
  ['::', 96, 'ipv6', 'reserved'],
  ['64:ff9b:1::', 48, 'ipv6', 'private'],
  ['100::', 64, 'ipv6', 'reserved'],
  ['2001:db8::', 32, 'ipv6', 'reserved'],
  ['fc00::', 7, 'ipv6', 'unique-local'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fec0::', 10, 'ipv6', 'site-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const RANGES_BY_KIND = new Map<string, BlockList>();
for (const [network, prefix, family, kind] of NON_PUBLIC_RANGES) {
  if (!RANGES_BY_KIND.has(kind)) RANGES_BY_KIND.set(kind, new BlockList());
  RANGES_BY_KIND.get(kind)?.addSubnet(network, prefix, family);
}

/** The translation prefix of NAT64 (RFC 6052): the IPv4 address in its last 32 bits is the one really reached. */
const NAT64 = new BlockList();
NAT64.addSubnet('64:ff9b::', 96, 'ipv6');

/** What kind of non-public address `address` is ("loopback", "private"…), or null for a public one (or not an address). */
export function nonPublicKind(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return null;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const [kind, ranges] of RANGES_BY_KIND) if (ranges.check(address, type)) return kind;
  if (type === 'ipv6' && NAT64.check(address, 'ipv6')) return nonPublicKind(embeddedIpv4(address));
  return null;
}

/** The IPv4 address in the last 32 bits of an IPv6 one. */
function embeddedIpv4(address: string): string {
  const tail = address.slice(address.lastIndexOf(':') + 1);
  if (tail.includes('.')) return tail;
  const groups = address.split(':');
  const [high, low] = [groups.at(-2) ?? '0', groups.at(-1) ?? '0'].map((group) => parseInt(group || '0', 16));
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** A host resolved (or was) an address a webhook must not reach. The message names the address, never the URL. */
export class NonPublicAddressError extends Error {
  readonly code = 'ELILUXNONPUBLIC';
  constructor(
    readonly address: string,
    readonly kind: string,
  ) {
    super(`${address} is a ${kind} address`);
    this.name = 'NonPublicAddressError';
  }
}

/** The host part of a URL as `net` wants it: IPv6 literals without their brackets. */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Every address `host` resolves to, each checked: one non-public address refuses the host, since a later lookup may
 * pick it. An address literal is checked as it is.
 */
export async function publicAddressesOf(host: string): Promise<LookupAddress[]> {
  const addresses: LookupAddress[] = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolveAll(host);
  for (const { address } of addresses) {
    const kind = nonPublicKind(address);
    if (kind !== null) throw new NonPublicAddressError(address, kind);
  }
  return addresses;
}

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `http.request` that refuses non-public addresses at the moment of connecting: the address checked
 * is the address connected to, so a DNS answer that changed since the settings were saved (rebinding) is caught.
 * (`net` skips `lookup` for address literals; the sender checks those itself.)
 */
export function publicOnlyLookup(host: string, options: { all?: boolean }, callback: LookupCallback): void {
  publicAddressesOf(host).then(
    (addresses) => (options.all ? callback(null, addresses) : callback(null, addresses[0].address, addresses[0].family)),
    (error: NodeJS.ErrnoException) => callback(error, options.all ? [] : ''),
  );
}
