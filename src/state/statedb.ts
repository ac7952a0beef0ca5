/**
 * What the agent's StateDB says of its node, as another source of the facts host dumps and CLI
 * listings give: `devices` are links (with the agent's selection of native devices), `routes` are
 * routes of the node's host namespace, `node-addresses` the node's own addresses, and the
 * load-balancer tables (`frontends` with their backends, `backends`, `services`) are service
 * frontends of that agent. Every fact cites the line of the dump that printed it; an object printed
 * again (a later dump of the same agent) replaces the earlier one and keeps both lines.
 */
import { ROUTE_SCOPE_NAMES, ROUTE_TABLE_NAMES } from '../knowledge/statedb-tables.js';
import type { CaseDb } from '../store/db.js';
import { isLinkLocal } from './host.js';
import type { Evidence } from '../types/evidence.js';
import type { StatedbBackend, StatedbDevice, StatedbFrontend, StatedbNodeAddress, StatedbRoute, StatedbService, StatedbTypedRow } from '../types/statedb.js';
import type { LinkState, NodeState, RouteState, ServiceState } from '../types/state.js';

interface TypedFact<T extends StatedbTypedRow> {
  agent: string;
  row: T;
  /** Cells as printed (which columns the release printed). */
  cells: Record<string, string>;
  evidence: Evidence[];
}

/** The typed rows of each agent, by table, the last printing of an object winning. */
class AgentTables {
  private readonly byTable = new Map<string, Map<string, TypedFact<StatedbTypedRow>>>();

  add(agent: string, row: StatedbTypedRow, cells: Record<string, string>, evidence: Evidence): void {
    let rows = this.byTable.get(row.table);
    if (!rows) this.byTable.set(row.table, (rows = new Map()));
    const key = `${agent}\u0000${objectKey(row)}`;
    const earlier = rows.get(key);
    rows.delete(key);
    rows.set(key, { agent, row, cells, evidence: [...(earlier?.evidence ?? []), evidence] });
  }

  of<T extends StatedbTypedRow>(table: T['table']): TypedFact<T>[] {
    return [...(this.byTable.get(table)?.values() ?? [])] as TypedFact<T>[];
  }
}

/** The primary key of each table's objects. */
function objectKey(row: StatedbTypedRow): string {
  switch (row.table) {
    case 'devices':
      return row.name;
    case 'routes':
      return `${row.routeTable}:${row.linkIndex}:${row.dst}`;
    case 'node-addresses':
      return `${row.address}:${row.device}`;
    case 'frontends':
    case 'backends':
      return row.address;
    case 'services':
      return row.name;
  }
}

function readTables(db: CaseDb): AgentTables {
  const rows = db
    .prepare(
      `SELECT r.agent, r.cells, r.typed, s.name AS source, r.first_line AS line FROM statedb_rows r JOIN sources s ON s.id = r.source_id
       WHERE r.typed IS NOT NULL ORDER BY r.source_id, r.line, r.id`,
    )
    .all() as { agent: string; cells: string; typed: string; source: string; line: number }[];
  const tables = new AgentTables();
  for (const r of rows) tables.add(r.agent, JSON.parse(r.typed) as StatedbTypedRow, JSON.parse(r.cells) as Record<string, string>, { source: r.source, line: r.line });
  return tables;
}

const DEFAULT_ROUTE = new Set(['0.0.0.0/0', '::/0']);

function links(devices: readonly TypedFact<StatedbDevice>[], nodeOf: (agent: string) => string | null): LinkState[] {
  return devices.map(({ agent, row, evidence }) => ({
    node: nodeOf(agent),
    netns: 'host',
    name: row.name,
    ifindex: row.index,
    mtu: row.mtu,
    mac: row.mac,
    // netlink names a physical device `device`; iproute2 prints no kind for it.
    kind: row.type === 'device' ? null : row.type,
    tunnel: null,
    addresses: row.addresses,
    selected: row.selected,
    origin: 'statedb',
    evidence,
  }));
}

const onHost = (l: LinkState): boolean => l.netns === 'host' || l.netns === null;

/**
 * The host's links (ip link / ip addr) with the agent's StateDB devices: a device both list on one
 * node is one link, as iproute2 printed it, with what only StateDB says (the agent's selection,
 * fields iproute2 did not print) and both citations; the other devices are links of their own.
 */
export function withStatedbLinks(host: readonly LinkState[], statedb: readonly LinkState[]): LinkState[] {
  const merged = host.map((l) => ({ ...l }));
  const rest: LinkState[] = [];
  for (const device of statedb) {
    const same = device.node === null ? undefined : merged.find((l) => l.node === device.node && onHost(l) && l.name === device.name);
    if (!same) {
      rest.push(device);
      continue;
    }
    same.selected ??= device.selected;
    same.ifindex ??= device.ifindex;
    same.mtu ??= device.mtu;
    same.mac ??= device.mac;
    if (same.addresses.length === 0) same.addresses = device.addresses;
    same.evidence = [...same.evidence, ...device.evidence];
  }
  return [...merged, ...rest];
}

function routes(rows: readonly TypedFact<StatedbRoute>[], devices: readonly TypedFact<StatedbDevice>[], nodeOf: (agent: string) => string | null): RouteState[] {
  const device = (agent: string, index: number | null): string | null =>
    devices.find((d) => d.agent === agent && d.row.index === index)?.row.name ?? null;
  return rows.map(({ agent, row, evidence }) => ({
    node: nodeOf(agent),
    netns: 'host',
    table: row.routeTable === null ? null : row.routeTable in ROUTE_TABLE_NAMES ? ROUTE_TABLE_NAMES[row.routeTable]! : String(row.routeTable),
    dst: DEFAULT_ROUTE.has(row.dst) ? 'default' : row.dst,
    via: row.gateway,
    dev: device(agent, row.linkIndex),
    src: row.src,
    mtu: null,
    proto: null,
    scope: row.scope === null ? null : row.scope in ROUTE_SCOPE_NAMES ? ROUTE_SCOPE_NAMES[row.scope]! : String(row.scope),
    origin: 'statedb',
    evidence,
  }));
}

/** The node's own addresses (its primary ones where the release prints `Primary`). */
function nodes(rows: readonly TypedFact<StatedbNodeAddress>[], nodeOf: (agent: string) => string | null): NodeState[] {
  const byName = new Map<string, NodeState>();
  for (const { agent, row, evidence } of rows) {
    const name = nodeOf(agent);
    if (!name || row.primary === false || isLinkLocal(row.address)) continue;
    const node = byName.get(name) ?? { name, internalIPs: [], ciliumInternalIP: null, healthIP: null, podCIDRs: [], evidence: [] };
    if (!node.internalIPs.includes(row.address)) node.internalIPs.push(row.address);
    node.evidence.push(...evidence);
    byName.set(name, node);
  }
  return [...byName.values()];
}

/**
 * Frontends with their backends and their service's traffic policy. A release whose frontends
 * print no `Backends` column gives them through the backends that name the service.
 */
function services(
  frontends: readonly TypedFact<StatedbFrontend>[],
  backends: readonly TypedFact<StatedbBackend>[],
  named: readonly TypedFact<StatedbService>[],
  nodeOf: (agent: string) => string | null,
): ServiceState[] {
  return frontends.map(({ agent, row, cells, evidence }) => {
    const service = named.find((s) => s.agent === agent && s.row.name === row.service);
    const referencing = 'Backends' in cells || !row.service ? [] : backends.filter((b) => b.agent === agent && b.row.services.includes(row.service!));
    return {
      id: null,
      frontend: row.address,
      type: row.type ?? 'unknown',
      backends: 'Backends' in cells ? row.backends : referencing.map((b) => ({ address: b.row.address, state: b.row.state })),
      agent,
      node: nodeOf(agent),
      name: row.service,
      externalTrafficPolicy: service?.row.externalTrafficPolicy ?? null,
      evidence: [...evidence, ...(service?.evidence ?? []), ...referencing.flatMap((b) => b.evidence)],
    };
  });
}

export interface StatedbFacts {
  links: LinkState[];
  routes: RouteState[];
  nodes: NodeState[];
  services: ServiceState[];
}

/** The facts of every agent's StateDB dumps; `nodeOf` places an agent (pod or bugtool run) on its node. */
export function readStatedb(db: CaseDb, nodeOf: (agent: string) => string | null): StatedbFacts {
  const tables = readTables(db);
  const devices = tables.of<StatedbDevice>('devices');
  return {
    links: links(devices, nodeOf),
    routes: routes(tables.of<StatedbRoute>('routes'), devices, nodeOf),
    nodes: nodes(tables.of<StatedbNodeAddress>('node-addresses'), nodeOf),
    services: services(tables.of<StatedbFrontend>('frontends'), tables.of<StatedbBackend>('backends'), tables.of<StatedbService>('services'), nodeOf),
  };
}
