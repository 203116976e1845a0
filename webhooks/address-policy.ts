// Which IP addresses a webhook may not reach unless its host is allow-listed with +private: the
// machine itself, its link (cloud metadata at 169.254.169.254), private networks, and addresses
// that are not unicast destinations at all (the SSRF guard; see README "Webhooks").
import { BlockList, isIPv4 } from 'node:net';

// Two lists: one BlockList holding both families also matches IPv4 addresses against IPv6 rules
// through their mapped form (::ffff:0:0/96 below would then block every IPv4 address).
const blockedV4 = new BlockList();
const blockedV6 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local host on Linux
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blockedV4.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 96], // unspecified, loopback, IPv4-compatible
  ['::ffff:0:0', 96], // IPv4-mapped in hex form ([::ffff:7f00:1] is 127.0.0.1): none is a public webhook host
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated, still routed by some)
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64: may map to any IPv4 address, private ones included
  ['2002::', 16], // 6to4: embeds an IPv4 address
] as const) {
  blockedV6.addSubnet(net, prefix, 'ipv6');
}

/** True for an address a webhook may only reach with +private. `address` is an IP literal (no brackets). */
export function isInternalAddress(address: string): boolean {
  // IPv4-mapped IPv6 (::ffff:10.0.0.1) reaches the IPv4 address: judge that one.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blockedV4.check(mapped[1]!, 'ipv4');
  return isIPv4(address) ? blockedV4.check(address, 'ipv4') : blockedV6.check(address, 'ipv6');
}
