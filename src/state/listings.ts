/**
 * What the agents' CLI listings say (`cilium endpoint list`, `service list`, `identity list`,
 * `node list`) plus the node facts of `cilium status` and cluster health. Origin `cli`/`status`,
 * every row with the line it was printed on.
 */
import type { CaseDb } from '../store/db.js';
import type { Evidence } from '../types/evidence.js';
import type { EndpointState, HealthReport, IdentityState, NodeState, ServiceState } from '../types/state.js';
import { kprDeviceAddresses, type StatusOwner } from './status.js';

function ev(row: { source: string; line: number }): Evidence {
  return { source: row.source, line: row.line };
}

/** `cilium identity list` rows with every label printed for each identity. */
export function readIdentities(db: CaseDb): IdentityState[] {
  const rows = db
    .prepare(
      `SELECT i.identity, i.label, s.name AS source, i.line FROM list_identities i JOIN sources s ON s.id = i.source_id
       UNION ALL
       SELECT CAST(l.owner AS INTEGER), l.label, s.name, l.line FROM list_labels l JOIN sources s ON s.id = l.source_id
        WHERE l.list = 'identity'
       ORDER BY 1, 3, 4`,
    )
    .all() as { identity: number; label: string; source: string; line: number }[];
  const byId = new Map<number, IdentityState>();
  for (const r of rows) {
    let id = byId.get(r.identity);
    if (!id) {
      id = { id: r.identity, labels: [], evidence: [] };
      byId.set(r.identity, id);
    }
    if (!id.labels.includes(r.label)) id.labels.push(r.label);
    if (!id.evidence.some((e) => e.source === r.source && e.line === r.line)) id.evidence.push(ev(r));
  }
  return [...byId.values()];
}

/** `cilium endpoint list` rows with their labels. */
export function readEndpoints(db: CaseDb, nodes: ReadonlyMap<string, string>): EndpointState[] {
  const rows = db
    .prepare(
      `SELECT e.block_id, e.endpoint_id, e.identity, e.ipv4, e.ipv6, e.policy_ingress, e.policy_egress, e.status, e.agent,
              s.name AS source, e.line FROM list_endpoints e JOIN sources s ON s.id = e.source_id ORDER BY e.id`,
    )
    .all() as {
      block_id: number; endpoint_id: number; identity: number | null; ipv4: string | null; ipv6: string | null;
      policy_ingress: string; policy_egress: string; status: string; agent: string; source: string; line: number;
    }[];
  const labels = db.prepare(
    `SELECT l.label, s.name AS source, l.line FROM list_labels l JOIN sources s ON s.id = l.source_id
     WHERE l.block_id = ? AND l.list = 'endpoint' AND l.owner = ? ORDER BY l.id`,
  );
  return rows.map((r) => {
    const ls = labels.all(r.block_id, String(r.endpoint_id)) as { label: string; source: string; line: number }[];
    return {
      id: r.endpoint_id,
      identity: r.identity,
      ipv4: r.ipv4,
      ipv6: r.ipv6,
      labels: ls.map((l) => l.label),
      policyIngress: r.policy_ingress,
      policyEgress: r.policy_egress,
      status: r.status,
      agent: r.agent,
      node: nodes.get(r.agent) ?? null,
      evidence: [ev(r), ...ls.filter((l) => l.line !== r.line).map(ev)],
    };
  });
}

/** `cilium service list` rows with their backends. */
export function readServices(db: CaseDb, nodes: ReadonlyMap<string, string>): ServiceState[] {
  const rows = db
    .prepare(
      `SELECT v.block_id, v.service_id, v.frontend, v.type, v.agent, s.name AS source, v.line
       FROM list_services v JOIN sources s ON s.id = v.source_id ORDER BY v.id`,
    )
    .all() as { block_id: number; service_id: number; frontend: string; type: string; agent: string; source: string; line: number }[];
  const backends = db.prepare(
    `SELECT b.address, b.state, s.name AS source, b.line FROM list_service_backends b JOIN sources s ON s.id = b.source_id
     WHERE b.block_id = ? AND b.service_id = ? ORDER BY b.backend_index`,
  );
  return rows.map((r) => {
    const bs = backends.all(r.block_id, r.service_id) as { address: string; state: string | null; source: string; line: number }[];
    return {
      id: r.service_id,
      frontend: r.frontend,
      type: r.type,
      backends: bs.map((b) => ({ address: b.address, state: b.state })),
      agent: r.agent,
      node: nodes.get(r.agent) ?? null,
      evidence: [ev(r), ...bs.filter((b) => b.line !== r.line).map(ev)],
    };
  });
}

/**
 * Nodes printed by `cilium node list` and cluster health, plus what an agent's status says about its
 * own node: the router and health addresses (`Allocated addresses`) and the IPAM pod CIDR.
 */
export function readStatusNodes(db: CaseDb, owners: readonly StatusOwner[], health: readonly HealthReport[]): NodeState[] {
  const nodes = new Map<string, NodeState>();
  const get = (name: string): NodeState => {
    let n = nodes.get(name);
    if (!n) {
      n = { name, internalIPs: [], ciliumInternalIP: null, healthIP: null, podCIDRs: [], evidence: [] };
      nodes.set(name, n);
    }
    return n;
  };
  const add = (list: string[], v: string | null): void => {
    if (v && !list.includes(v)) list.push(v);
  };
  const cite = (n: NodeState, e: Evidence): void => {
    if (!n.evidence.some((x) => x.source === e.source && x.line === e.line)) n.evidence.push(e);
  };
  const listed = db
    .prepare(
      `SELECT n.name, n.ipv4, n.ipv4_cidr, n.ipv6, n.ipv6_cidr, s.name AS source, n.line FROM list_nodes n
       JOIN sources s ON s.id = n.source_id ORDER BY n.id`,
    )
    .all() as { name: string; ipv4: string | null; ipv4_cidr: string | null; ipv6: string | null; ipv6_cidr: string | null; source: string; line: number }[];
  for (const r of listed) {
    const n = get(r.name);
    add(n.internalIPs, r.ipv4);
    add(n.internalIPs, r.ipv6);
    add(n.podCIDRs, r.ipv4_cidr);
    add(n.podCIDRs, r.ipv6_cidr);
    cite(n, ev(r));
  }
  for (const report of health) {
    for (const peer of report.nodes) {
      const n = get(peer.name);
      if (peer.ip !== 'Unavailable') add(n.internalIPs, peer.ip);
      cite(n, peer.evidence);
    }
    for (const p of report.probes) {
      if (p.path === 'endpoint' && p.ip) {
        const n = get(p.node);
        const by = report.reporter !== null && p.node === report.reporter ? 'node' : 'peer';
        if (n.healthIP === null || (n.healthIPBy === 'peer' && by === 'node')) {
          n.healthIP = p.ip;
          n.healthIPBy = by;
        }
        cite(n, p.evidence);
      }
    }
  }
  for (const owner of owners) {
    if (!owner.node) continue;
    const n = get(owner.node.value);
    for (const a of owner.status.addresses) {
      if (a.owner === 'router') n.ciliumInternalIP ??= a.ip;
      else if (a.owner === 'health') {
        if (n.healthIP === null || n.healthIPBy === 'peer') [n.healthIP, n.healthIPBy] = [a.ip, 'node'];
      }
      else continue;
      cite(n, ev(a));
    }
    const own = kprDeviceAddresses(owner.status.fields);
    for (const ip of own.ips) add(n.internalIPs, ip);
    if (own.ips.length > 0) for (const e of own.evidence) cite(n, e);
    const ipam = owner.status.facts.ipam;
    for (const pool of ipam?.value.pools ?? []) {
      if (pool.from && /\/\d+$/.test(pool.from)) {
        add(n.podCIDRs, pool.from);
        for (const e of ipam!.evidence) cite(n, e);
      }
    }
  }
  return [...nodes.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
