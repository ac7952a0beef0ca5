import ipaddr from 'ipaddr.js';

/** A parsed CIDR: its network address and prefix length. */
export type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

const parsed = new Map<string, Cidr | null>();

/** The CIDR `text` names, or null when it names none; parsed once per text (the model asks per address). */
export function parseCidr(text: string): Cidr | null {
  let cidr = parsed.get(text);
  if (cidr === undefined) {
    try {
      cidr = ipaddr.parseCIDR(text);
    } catch {
      cidr = null;
    }
    parsed.set(text, cidr);
  }
  return cidr;
}
