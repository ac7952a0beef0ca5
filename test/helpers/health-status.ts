/**
 * `cilium-health status [--probe]` text for composing rule-test inputs, as ≤1.16 prints it
 * (status.md §2.2): one block per node, one line per path, one line per ICMP / HTTP probe.
 */

/** One probed path: the address and what the ICMP and HTTP probes printed. */
export interface ProbedPath {
  ip: string;
  icmp: string;
  http: string;
}

export interface HealthNode {
  name: string;
  localhost?: boolean;
  host?: ProbedPath;
  /** Printed inside the host block (verbose, or when a secondary address is unhealthy). */
  secondary?: ProbedPath;
  endpoint?: ProbedPath;
}

/** A successful probe result. */
export const ok = (rtt: string) => `OK, RTT=${rtt}`;

function path(indent: string, title: string, p: ProbedPath): string[] {
  return [`${indent}${title} ${p.ip}:`, `${indent}  ICMP to stack:   ${p.icmp}`, `${indent}  HTTP to agent:   ${p.http}`];
}

/** The output's lines: the probe time, then every node in the given order. */
export function ciliumHealthStatus(probeTime: string, ...nodes: HealthNode[]): string[] {
  return [
    `Probe time:   ${probeTime}`,
    'Nodes:',
    ...nodes.flatMap((n) => [
      `  ${n.name}${n.localhost ? ' (localhost)' : ''}:`,
      ...(n.host ? path('    ', 'Host connectivity to', n.host) : []),
      ...(n.secondary ? path('      ', 'Secondary connectivity to', n.secondary) : []),
      ...(n.endpoint ? path('    ', 'Endpoint connectivity to', n.endpoint) : []),
    ]),
  ];
}
