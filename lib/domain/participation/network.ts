/**
 * The network an address belongs to, for the per-network limit: an IPv4 /24 or an IPv6 /48, the
 * blocks one subscriber or one small organisation usually holds. Anything else is its own bucket.
 */
export function networkOf(address: string): string {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(address);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (address.includes(':')) {
    const groups = expandIpv6(address);
    if (groups) return `${groups.slice(0, 3).join(':')}::/48`;
  }
  return address;
}

function expandIpv6(address: string): string[] | null {
  const [head, tail, ...rest] = address.split('::');
  if (rest.length) return null;
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  if (tail === undefined && left.length !== 8) return null;
  const missing = 8 - left.length - right.length;
  if (missing < 0) return null;
  const groups = [...left, ...Array<string>(missing).fill('0'), ...right];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  return groups.map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
}
