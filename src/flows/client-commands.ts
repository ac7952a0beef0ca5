/**
 * A client command pasted before a capture says which service the user addressed: `kubectl exec
 * POD -- curl VIP:PORT` followed by a capture of that pod opening a connection to another address
 * (socket LB translated it before the wire) makes that address a backend of the frontend. The
 * service must be known (a Service, `cilium service list`); the command and the first packet are
 * the evidence.
 */
import { clientTarget, type ClientTarget } from '../knowledge/client-commands.js';
import type { CaseDb } from '../store/db.js';
import type { Evidence } from '../types/evidence.js';
import type { Tuple } from '../types/flows.js';
import type { ClusterState } from '../types/state.js';
import type { ServiceFrontend, ServiceMap } from './services.js';
import { HANDSHAKE_SYN, type Sightings } from './sightings.js';

export interface ClientCommand {
  target: ClientTarget;
  /** The client's address: the pod's, from the state. */
  client: string;
  evidence: Evidence;
}

/** Client commands run in a pod the state knows the address of, in input order. */
export function readClientCommands(db: CaseDb, state: ClusterState): ClientCommand[] {
  const rows = db
    .prepare(`SELECT s.name AS source, c.line, c.command, c.pod FROM shell_commands c JOIN sources s ON s.id = c.source_id WHERE c.pod IS NOT NULL ORDER BY c.source_id, c.line`)
    .all() as { source: string; line: number; command: string; pod: string }[];
  const commands: ClientCommand[] = [];
  for (const r of rows) {
    const target = clientTarget(r.command);
    const client = state.pods.find((p) => p.name === r.pod)?.ips[0];
    if (target && client) commands.push({ target, client, evidence: { source: r.source, line: r.line } });
  }
  return commands;
}

/** The frontend a target names: `VIP:port`, or a Service by name (`web`, `web.shop`, `web.shop.svc.cluster.local`). */
function frontendOf(target: ClientTarget, services: ServiceMap): ServiceFrontend | null {
  const byAddress = services.frontend(target.host, target.port);
  if (byAddress) return byAddress;
  const [name, namespace] = target.host.split('.');
  return services.all().find((f) => f.name !== null && f.port === target.port && f.vip !== '*' && serviceNamed(f.name, name!, namespace)) ?? null;
}

function serviceNamed(full: string, name: string, namespace: string | undefined): boolean {
  const [ns, own] = full.includes('/') ? full.split('/') : [null, full];
  return own === name && (namespace === undefined || ns === null || ns === namespace);
}

/**
 * The first connection the client opens after the command, in the same input, that goes elsewhere
 * than the frontend: its destination is the backend the frontend was translated to. `evidenceAt`
 * gives an observation's evidence by its input order.
 */
export function backendsFromClientCommands(
  commands: readonly ClientCommand[], services: ServiceMap, sightings: Sightings, evidenceAt: (seq: number) => Evidence,
): void {
  for (const c of commands) {
    if (c.target.proto === 'icmp') continue;
    const frontend = frontendOf(c.target, services);
    if (!frontend || frontend.backends.size > 0) continue;
    let opening: { seq: number; line: number; tuple: Tuple } | null = null;
    for (let seq = 0; seq < sightings.count; seq++) {
      const tuple = sightings.tupleAt(seq);
      const line = sightings.lineAt(seq);
      if (
        tuple?.proto === c.target.proto &&
        tuple.src === c.client &&
        tuple.dst !== frontend.vip &&
        line > c.evidence.line &&
        (opening === null || line < opening.line) &&
        sightings.sourceAt(seq) === c.evidence.source &&
        (c.target.proto !== 'tcp' || sightings.handshakeAt(seq) === HANDSHAKE_SYN)
      ) opening = { seq, line, tuple };
    }
    if (!opening) continue;
    services.addBackend(frontend, `${opening.tuple.dst}:${opening.tuple.dport ?? '*'}`);
    frontend.evidence.push(c.evidence, evidenceAt(opening.seq));
  }
}
