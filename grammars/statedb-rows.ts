/**
 * Typed rows of the StateDB tables the cluster state reads, from their printed cells: each table's
 * `TableRow()` (cilium pkg/datapath/tables, pkg/loadbalancer[/experimental]) in the text form, and
 * the object's JSON fields (Go field names) mapped onto the same columns for the JSON forms, so one
 * reading serves both.
 *
 *   devices          Name Index Selected Type MTU HWAddr Flags Addresses
 *   routes           Destination Source Gateway LinkIndex Table Scope
 *   node-addresses   Address NodePort Primary DeviceName
 *   frontends        Address Type ServiceName PortName Backends [RedirectTo] Status Since Error
 *   backends         Address State Source ReferencedBy | Address Instances Shadows NodeName
 *   services         Name Source … ExtTrafficPolicy | TrafficPolicy …
 */
import { NET_FLAGS } from '../src/knowledge/statedb-tables.js';
import type { StatedbTypedRow } from '../src/types/statedb.js';
import { topLevelItems } from './status-values.js';

type Cells = Readonly<Record<string, string>>;
type JsonObject = Record<string, unknown>;

const text = (v: string | undefined): string | null => (v === undefined || v === '' ? null : v);
const int = (v: string | undefined): number | null => (v !== undefined && /^-?\d+$/.test(v) ? Number(v) : null);
const bool = (v: string | undefined): boolean | null => (v === 'true' ? true : v === 'false' ? false : null);
const list = (v: string | undefined, sep: string): string[] => (v ? v.split(sep).map((s) => s.trim()).filter((s) => s.length > 0) : []);

/** `10.0.1.5:80/TCP (active), [fd00::5]:80/TCP (terminating)` */
function backendList(v: string | undefined): { address: string; state: string | null }[] {
  return topLevelItems(v ?? '').map((item) => {
    const m = /^(\S+)(?: \(([^)]*)\))?$/.exec(item);
    return { address: m ? m[1]! : item, state: m?.[2] ?? null };
  });
}

/** `Local`, `Cluster`, or 1.17's `Ext=Local, Int=Cluster`. */
function externalPolicy(v: string | undefined): 'Cluster' | 'Local' | null {
  const ext = /(?:^|Ext=)(Cluster|Local)\b/.exec(v ?? '');
  return ext ? (ext[1] as 'Cluster' | 'Local') : null;
}

/** Service names of a backend: 1.18 `Instances` (`default/web [quarantined] (http), …`), 1.16 `ReferencedBy`, or `Service`. */
function backendServices(c: Cells): string[] {
  if (c['Instances'] !== undefined) return topLevelItems(c['Instances']).map((i) => i.split(' ')[0]!);
  if (c['ReferencedBy'] !== undefined) return list(c['ReferencedBy'], ',');
  return c['Service'] ? [c['Service']] : [];
}

const TYPED: Readonly<Record<string, (c: Cells) => StatedbTypedRow | null>> = {
  devices: (c) =>
    c['Name']
      ? {
          table: 'devices', name: c['Name'], index: int(c['Index']), mtu: int(c['MTU']), selected: bool(c['Selected']), type: text(c['Type']),
          mac: text(c['HWAddr']), flags: list(c['Flags'], '|'), addresses: list(c['Addresses'], ','),
        }
      : null,
  routes: (c) =>
    c['Destination']
      ? {
          table: 'routes', dst: c['Destination'], src: text(c['Source']), gateway: text(c['Gateway']), linkIndex: int(c['LinkIndex']),
          routeTable: int(c['Table']), scope: int(c['Scope']),
        }
      : null,
  'node-addresses': (c) =>
    c['Address']
      ? { table: 'node-addresses', address: c['Address'], nodePort: bool(c['NodePort']), primary: bool(c['Primary']), device: text(c['DeviceName']) }
      : null,
  frontends: (c) =>
    c['Address']
      ? {
          table: 'frontends', address: c['Address'], type: text(c['Type']), service: text(c['ServiceName']), portName: text(c['PortName']),
          backends: backendList(c['Backends']), status: text(c['Status']),
        }
      : null,
  backends: (c) => (c['Address'] ? { table: 'backends', address: c['Address'], state: text(c['State']), services: backendServices(c) } : null),
  services: (c) =>
    c['Name']
      ? { table: 'services', name: c['Name'], source: text(c['Source']), externalTrafficPolicy: externalPolicy(c['ExtTrafficPolicy'] ?? c['TrafficPolicy']) }
      : null,
};

/** The typed row of a known table from its cells; null for another table or a row without its key column. */
export function typedRow(table: string | null, cells: Cells): StatedbTypedRow | null {
  const build = table ? TYPED[table] : undefined;
  return build ? build(cells) : null;
}

// ---- JSON objects ---------------------------------------------------------------------------

const str = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** `{"Namespace":"default","Name":"web"}` or `"default/web"`. */
function serviceName(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as JsonObject;
    if (typeof o['Name'] === 'string') return o['Namespace'] ? `${str(o['Namespace'])}/${o['Name']}` : o['Name'];
  }
  return str(v);
}

/** loadbalancer.BackendState, printed as a number in JSON. */
const BACKEND_STATES = ['active', 'terminating', 'quarantined', 'maintenance'];
const backendState = (v: unknown): string => (typeof v === 'number' ? (BACKEND_STATES[v] ?? String(v)) : str(v));

function netFlags(v: unknown): string {
  if (typeof v !== 'number') return str(v);
  return NET_FLAGS.filter((_, bit) => (v & (1 << bit)) !== 0).join('|');
}

const objects = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter((x): x is JsonObject => !!x && typeof x === 'object') : []);

/** A known table's JSON fields (Go field names) as the cells its text form prints. */
const JSON_CELLS: Readonly<Record<string, (o: JsonObject) => Record<string, string>>> = {
  devices: (o) => ({
    Name: str(o['Name']), Index: str(o['Index']), Selected: str(o['Selected']), Type: str(o['Type']), MTU: str(o['MTU']),
    HWAddr: str(o['HardwareAddr']), Flags: netFlags(o['Flags']), Addresses: objects(o['Addrs']).map((a) => str(a['Addr'])).join(', '),
  }),
  routes: (o) => ({
    Destination: str(o['Dst']), Source: str(o['Src']), Gateway: str(o['Gw']), LinkIndex: str(o['LinkIndex']), Table: str(o['Table']),
    Scope: str(o['Scope']),
  }),
  'node-addresses': (o) => ({ Address: str(o['Addr']), NodePort: str(o['NodePort']), Primary: str(o['Primary']), DeviceName: str(o['DeviceName']) }),
  frontends: (o) => ({
    Address: str(o['Address']), Type: str(o['Type']), ServiceName: serviceName(o['ServiceName']), PortName: str(o['PortName']),
    Backends: objects(o['Backends']).map((b) => `${str(b['Address'])} (${backendState(b['State'])})`).join(', '),
    Status: str((o['Status'] as JsonObject | undefined)?.['Kind'] ?? ''),
  }),
  backends: (o) => ({ Address: str(o['Address'] ?? o['L3n4Addr']), State: backendState(o['State']) }),
  services: (o) => ({ Name: serviceName(o['Name']), Source: str(o['Source']), ExtTrafficPolicy: str(o['ExtTrafficPolicy']) }),
};

/** The cells of a JSON object: a known table's columns, else its top-level fields (nested values as JSON text). */
export function jsonCells(table: string | null, o: JsonObject): Record<string, string> {
  const known = table ? JSON_CELLS[table] : undefined;
  if (known) return known(o);
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, str(v)]));
}
