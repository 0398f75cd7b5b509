import { isIPv4, isIPv6 } from 'node:net';
import { keyedHash } from './crypto.js';

const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

function ipv6Groups(address: string): number[] | null {
  let text = address;
  // An embedded IPv4 tail (::1.2.3.4 forms) becomes two hex groups.
  const tail = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = rest === undefined || rest === '' ? [] : rest.split(':');
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (rest === undefined && missing !== 0)) return null;
  const groups = [...left, ...new Array<string>(missing).fill('0'), ...right].map((group) => Number.parseInt(group, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/**
 * The network a client address stands for when counting people: an IPv4 address as it is (an
 * IPv4-mapped IPv6 address too), an IPv6 address cut to its first `ipv6Prefix` bits. One household,
 * phone or server is handed a whole /64 and may pick any address inside it, so counting full IPv6
 * addresses would let one client rotate past every limit. Undefined stays undefined.
 */
export function clientNetwork(ip: string | undefined, ipv6Prefix: number): string | undefined {
  if (ip === undefined) return undefined;
  const address = ip.split('%')[0] ?? ip;
  const mapped = MAPPED_IPV4.exec(address);
  if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(address) || !isIPv6(address)) return address;
  const groups = ipv6Groups(address);
  if (!groups) return address;
  // An IPv4-mapped address written in hex (::ffff:a58:5) is the IPv4 address it maps.
  if (groups.slice(0, 6).join(':') === '0:0:0:0:0:65535') {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  }
  const masked = groups.map((group, index) => {
    const bitsLeft = Math.max(0, Math.min(16, ipv6Prefix - index * 16));
    return bitsLeft === 16 ? group : bitsLeft === 0 ? 0 : group & (0xffff << (16 - bitsLeft)) & 0xffff;
  });
  return `${masked.map((group) => group.toString(16)).join(':')}/${ipv6Prefix}`;
}

/**
 * The key rate limits count a client under: a keyed hash of its network (clientNetwork), so no address is kept in
 * memory or in Redis, where limits are shared; 'unknown' when there is no address.
 */
export function clientKey(secret: string, ip: string | undefined, ipv6Prefix: number): string {
  const network = clientNetwork(ip, ipv6Prefix);
  return network ? keyedHash(secret, 'ip', network) : 'unknown';
}
