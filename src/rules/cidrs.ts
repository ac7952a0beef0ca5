import { parseCidr } from '../types/cidr.js';

export function isIPv4Cidr(text: string): boolean {
  return parseCidr(text)?.[0].kind() === 'ipv4';
}

/** Whether every address of `inner` lies in `outer` (same family, prefix at least as long). */
export function cidrWithin(inner: string, outer: string): boolean {
  const a = parseCidr(inner);
  const b = parseCidr(outer);
  if (!a || !b || a[0].kind() !== b[0].kind() || a[1] < b[1]) return false;
  return a[0].match(b);
}
