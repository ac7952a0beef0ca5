/**
 * The source / destination columns of `hubble observe`'s text forms. The printer (Hostname)
 * prints, with IP translation on (the default): `namespace/pod` or `namespace/service`, else the
 * DNS names it knows joined by `,`, else the address; then `:port` when the port is not 0
 * (`[v6]:port` for a bare IPv6 address). Frames without an IP header print their MAC addresses.
 * 0.5 with `--port-translation` printed `80(http)`. The compact form (0.10+) adds the identity in
 * parentheses: `(ID:12345)`, or the reserved name (`(world)`).
 *
 *   kube-system/coredns-5d78c9869d-x2n4p:53   10.0.2.15:47822   [fd00:10:244::7]:8080
 *   api.example.com,cdn.example.com:443       fd00:10:244::7    0a:58:0a:f4:00:01
 */
import { reservedIdentityName, reservedIdentityNumber } from '../src/knowledge/hubble/index.js';
import type { HubbleEndpoint } from '../src/types/hubble.js';

export function emptyEndpoint(): HubbleEndpoint {
  return {
    ip: null, port: null, identity: null, identityName: null, labels: null, namespace: null, name: null, pod: null,
    service: null, dnsNames: null, workloads: null, cluster: null, endpointId: null, mac: null,
  };
}

const MAC = /^[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV6 = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*(?:\d{1,3}(?:\.\d{1,3}){3})?$/;
const PORT = /^(\d{1,5})(?:\([\w-]+\))?$/;
const BRACKETED = /^\[([0-9a-fA-F:.]+)\]:(.+)$/;

function isIpv6(text: string): boolean {
  return IPV6.test(text) && (text.includes('::') || text.split(':').length === 8);
}

/** Splits `host:port`; a bare IPv6 address has colons but no port. */
function splitPort(printed: string): { host: string; port: number | null } | null {
  const bracketed = BRACKETED.exec(printed);
  if (bracketed) {
    const port = PORT.exec(bracketed[2]!);
    return port ? { host: bracketed[1]!, port: Number(port[1]) } : null;
  }
  if (MAC.test(printed) || isIpv6(printed)) return { host: printed, port: null };
  const colon = printed.lastIndexOf(':');
  if (colon === -1) return { host: printed, port: null };
  const port = PORT.exec(printed.slice(colon + 1));
  return port ? { host: printed.slice(0, colon), port: Number(port[1]) } : null;
}

/** An endpoint from its printed host column; null when the text is no host the printer makes. */
export function readHost(printed: string): HubbleEndpoint | null {
  const e = emptyEndpoint();
  if (printed === '') return e;
  const split = splitPort(printed);
  if (!split || split.host === '' || /\s/.test(split.host)) return null;
  const { host, port } = split;
  e.port = port;
  if (MAC.test(host)) e.mac = host.toLowerCase();
  else if (IPV4.test(host) || isIpv6(host)) e.ip = host;
  else if (host.includes('/')) {
    const slash = host.indexOf('/');
    e.namespace = host.slice(0, slash);
    e.name = host.slice(slash + 1);
  } else e.dnsNames = host.split(',');
  return e;
}

const IDENTITY = /^\((?:ID:(\d+)|(\d+)|([a-z][a-z0-9-]*))\)$/;

/** Sets the identity of a compact-form `(ID:…)` / `(world)` column; false when it is none. */
export function readIdentity(printed: string, e: HubbleEndpoint): boolean {
  const m = IDENTITY.exec(printed);
  if (!m) return false;
  if (m[3] !== undefined) {
    e.identityName = m[3];
    e.identity = reservedIdentityNumber(m[3]);
  } else {
    e.identity = Number(m[1] ?? m[2]);
    e.identityName = reservedIdentityName(e.identity);
  }
  return true;
}
