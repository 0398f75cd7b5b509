// Where a webhook may deliver. An admin's URL is an instruction to make requests from inside the
// newsroom's network, so without a check a hook reaches loopback, link-local (cloud metadata at
// 169.254.169.254) and private services, and the delivery log (status, timing) scans their ports.
// Every spelling of an address is covered because the check runs on what a connection would use:
// the WHATWG URL parser turns decimal, hex and octal IPv4 (http://2130706433/, http://0x7f.1/) into
// dotted form, names are resolved and *every* address they resolve to is checked inside the lookup
// the connection itself uses (so a second, different DNS answer cannot slip in: no rebinding), and
// redirects are never followed. Intranet receivers are allowed explicitly: WEBHOOK_ALLOWED_NETWORKS.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const NON_PUBLIC_V4 = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24',
  '192.0.2.0/24', '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
];
// IPv4-mapped, -compatible and translated forms (::ffff:0:0/96, ::/96, 64:ff9b::/96) are refused
// whole: a real receiver is reached by its plain address, and these only smuggle IPv4 ranges past a v6 check.
const NON_PUBLIC_V6 = [
  '::/96', '::ffff:0:0/96', '64:ff9b::/96', '64:ff9b:1::/48', '100::/64', '2001::/23', '2001:db8::/32', '2002::/16',
  'fc00::/7', 'fe80::/10', 'fec0::/10', 'ff00::/8',
];

// Two lists, checked by the address's family: a BlockList also matches IPv4 addresses against IPv6
// subnets such as ::ffff:0:0/96, which would make every public IPv4 address look mapped.
function listOf(ranges: readonly string[], type: 'ipv4' | 'ipv6'): BlockList {
  const list = new BlockList();
  for (const range of ranges) list.addSubnet(range.split('/')[0] ?? '', Number(range.split('/')[1]), type);
  return list;
}
const nonPublic = { ipv4: listOf(NON_PUBLIC_V4, 'ipv4'), ipv6: listOf(NON_PUBLIC_V6, 'ipv6') };

/** The networks an installation allows besides the public internet (WEBHOOK_ALLOWED_NETWORKS, parsed by shared/networks.ts). */
export type AllowedNetworks = BlockList;

/** Whether a hook may connect to this IP address: public, or inside an allowed network. */
export function mayConnectTo(address: string, allowed: AllowedNetworks): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return !nonPublic[type].check(address, type) || allowed.check(address, type);
}

/** Thrown (as a lookup error) when a destination resolves to an address a hook may not reach. */
export class RefusedDestinationError extends Error {
  readonly code = 'EREFUSEDDESTINATION';
  constructor() {
    super('refused: the destination is not a public address (see WEBHOOK_ALLOWED_NETWORKS)');
  }
}

/** A DNS lookup for http.request that fails unless every address the name resolves to may be reached. */
export function checkedLookup(allowed: AllowedNetworks): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0, hints: options.hints }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      if (addresses.length === 0 || addresses.some((entry) => !mayConnectTo(entry.address, allowed))) {
        return callback(new RefusedDestinationError() as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses as [LookupAddress];
      callback(null, first.address, first.family);
    });
  };
}

/** The host of a URL as an IP literal (brackets removed), or null for a name. */
export function ipLiteralOf(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) === 0 ? null : host;
}

/**
 * Whether a webhook URL may be registered: an IP literal must be reachable, and a name that resolves
 * now must resolve only to reachable addresses. A name that does not resolve yet is accepted: every
 * delivery checks again, so it can never reach inside later either.
 */
export async function isAllowedDestination(url: URL, allowed: AllowedNetworks): Promise<boolean> {
  const literal = ipLiteralOf(url);
  if (literal !== null) return mayConnectTo(literal, allowed);
  return new Promise((resolve) => {
    checkedLookup(allowed)(url.hostname, { all: true }, (error) => resolve(!(error instanceof RefusedDestinationError)));
  });
}
