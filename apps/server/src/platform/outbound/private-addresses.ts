// Addresses an outbound request (webhooks, later link previews) must not reach unless the operator
// allows it: loopback, private, link-local (cloud metadata at 169.254.169.254), shared, multicast,
// reserved, and IPv6 forms that can wrap an IPv4 address.
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  // NAT64 and 6to4 can carry a private IPv4 address (IPv4-mapped ones are unwrapped below).
  ['64:ff9b::', 96],
  ['2002::', 16],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** True for any address that is not a plain public unicast address. Non-addresses count as private. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return true;
  // BlockList would match IPv4 rules against ::ffff:a.b.c.d only in some forms; unwrap it ourselves.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1] ?? mappedHex(bare);
  if (mapped) return isPrivateAddress(mapped);
  return blocked.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/** ::ffff:7f00:1 → 127.0.0.1 */
function mappedHex(address: string): string | null {
  const m = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!m) return null;
  const [hi, lo] = [Number.parseInt(m[1] as string, 16), Number.parseInt(m[2] as string, 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}
