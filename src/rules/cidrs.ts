import ipaddr from 'ipaddr.js';

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

function parse(text: string): Cidr | null {
  try {
    return ipaddr.parseCIDR(text);
  } catch {
    return null;
  }
}

export function isIPv4Cidr(text: string): boolean {
  return parse(text)?.[0].kind() === 'ipv4';
}

/** Whether every address of `inner` lies in `outer` (same family, prefix at least as long). */
export function cidrWithin(inner: string, outer: string): boolean {
  const a = parse(inner);
  const b = parse(outer);
  if (!a || !b || a[0].kind() !== b[0].kind() || a[1] < b[1]) return false;
  return a[0].match(b);
}
