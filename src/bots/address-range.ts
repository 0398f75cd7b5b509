import { isIPv4, isIPv6 } from 'node:net';
import { keyedHash } from '../shared/crypto.js';

/** The eight 16-bit groups of an IPv6 address, `::` expanded. */
function ipv6Groups(address: string): string[] {
  const [head, tail] = address.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) => group.toLowerCase().padStart(4, '0'));
}

const PRIVATE_V4 = [/^10\./, /^127\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^169\.254\./, /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./];

/**
 * The network an address belongs to for burst counting: its /24 (IPv4) or /48 (IPv6, usually one
 * site), as a keyed hash like the stored IP hash. Null for anything that is not a public address:
 * a loopback or private address is the proxy in front (TRUST_PROXY unset), shared by every reader,
 * and counting it as one range would ask the whole readership for proof of work.
 */
export function addressRangeHash(secret: string, ip: string | undefined): string | null {
  if (!ip) return null;
  const mapped = ip.toLowerCase().startsWith('::ffff:') ? ip.slice(7) : ip;
  if (isIPv4(mapped)) {
    if (PRIVATE_V4.some((range) => range.test(mapped))) return null;
    return keyedHash(secret, 'range', `${mapped.split('.').slice(0, 3).join('.')}.0/24`);
  }
  if (isIPv6(ip)) {
    const groups = ipv6Groups(ip.split('%')[0] as string);
    const first = parseInt(groups[0] as string, 16);
    // ::1 and ::, unique-local fc00::/7, link-local fe80::/10.
    if (first === 0 || (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80) return null;
    return keyedHash(secret, 'range', `${groups.slice(0, 3).join(':')}::/48`);
  }
  return null;
}
