import { BlockList, isIP } from 'node:net';

/** Parses `10.0.0.0/8, 192.168.1.5, fd00::/8` (CIDR ranges or single addresses) into a list to check addresses against; throws on anything else. */
export function networkList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`"${entry}" is not an IP address or CIDR range`);
    const max = family === 4 ? 32 : 128;
    const prefix = bits === undefined ? max : Number(bits);
    if (!/^\d+$/.test(bits ?? String(max)) || prefix > max) throw new Error(`"${entry}" has an invalid prefix length`);
    list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
}
