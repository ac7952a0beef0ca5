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
import type { Observation } from '../types/flows.js';
import type { ClusterState } from '../types/state.js';
import type { ServiceFrontend, ServiceMap } from './services.js';
import { isSyn } from './tcp-flags.js';

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

function earliest(observations: readonly Observation[]): Observation | undefined {
  return observations.reduce<Observation | undefined>((first, o) => (!first || o.evidence.line < first.evidence.line ? o : first), undefined);
}

/**
 * The first connection the client opens after the command, in the same input, that goes elsewhere
 * than the frontend: its destination is the backend the frontend was translated to.
 */
export function backendsFromClientCommands(commands: readonly ClientCommand[], services: ServiceMap, observations: readonly Observation[]): void {
  for (const c of commands) {
    if (c.target.proto === 'icmp') continue;
    const frontend = frontendOf(c.target, services);
    if (!frontend || frontend.backends.size > 0) continue;
    const opening = earliest(observations.filter(
      (o) =>
        o.evidence.source === c.evidence.source &&
        o.evidence.line > c.evidence.line &&
        o.tuple?.proto === c.target.proto &&
        o.tuple.src === c.client &&
        o.tuple.dst !== frontend.vip &&
        (c.target.proto !== 'tcp' || isSyn(o.tcpFlags)),
    ));
    if (!opening?.tuple) continue;
    services.addBackend(frontend, `${opening.tuple.dst}:${opening.tuple.dport ?? '*'}`);
    frontend.evidence.push(c.evidence, opening.evidence);
  }
}
