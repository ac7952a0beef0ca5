/**
 * Records of the agent's StateDB as `cilium-dbg` prints it: the aligned text table of
 * `statedb <table>` / `shell -- db/show <table>` (a header row, then one row per object), and the
 * JSON of `statedb dump` (every table, one object per line) or of one table (`-o json`).
 */

/** The printed form a row was read from. */
export type StatedbForm = 'table' | 'json';

/** A table's header row (text form) or the opening `"name": [` of a table in a JSON dump. */
export interface StatedbHeader {
  kind: 'statedb-header';
  /** The table's name: from the command, the dump, or known columns; null when nothing tells it. */
  table: string | null;
  form: StatedbForm;
  /** Column names as printed (`TableHeader()`); empty for a JSON table. */
  columns: string[];
}

/** A device of the `devices` table. */
export interface StatedbDevice {
  table: 'devices';
  name: string;
  index: number | null;
  mtu: number | null;
  /** Selected by the agent as a native (external-facing) device. */
  selected: boolean | null;
  /** netlink's link type: `device` (physical), `veth`, `vxlan`, `geneve`, `bridge`… */
  type: string | null;
  mac: string | null;
  flags: string[];
  /** Addresses without prefix length, as the table prints them. */
  addresses: string[];
}

export interface StatedbRoute {
  table: 'routes';
  dst: string;
  src: string | null;
  gateway: string | null;
  linkIndex: number | null;
  /** The kernel routing table number (254 main, 255 local). */
  routeTable: number | null;
  scope: number | null;
}

export interface StatedbNodeAddress {
  table: 'node-addresses';
  address: string;
  nodePort: boolean | null;
  primary: boolean | null;
  device: string | null;
}

/** A load-balancer frontend (`frontends`): its address, service and the backends it selected. */
export interface StatedbFrontend {
  table: 'frontends';
  /** `10.96.0.10:53/UDP` */
  address: string;
  type: string | null;
  /** `namespace/name` */
  service: string | null;
  portName: string | null;
  backends: { address: string; state: string | null }[];
  /** Reconciliation status (`Done`, `Pending`, `Error`). */
  status: string | null;
}

/** A load-balancer backend (`backends`) and the services that reference it. */
export interface StatedbBackend {
  table: 'backends';
  address: string;
  state: string | null;
  services: string[];
}

/** A load-balancer service (`services`). */
export interface StatedbService {
  table: 'services';
  name: string;
  source: string | null;
  externalTrafficPolicy: 'Cluster' | 'Local' | null;
}

export type StatedbTypedRow = StatedbDevice | StatedbRoute | StatedbNodeAddress | StatedbFrontend | StatedbBackend | StatedbService;

/** One object of a table: every printed value by column (or JSON field), typed where the table is known. */
export interface StatedbRow {
  kind: 'statedb-row';
  table: string | null;
  form: StatedbForm;
  /** Cells by column name; for JSON the object's top-level fields (objects and arrays as JSON text). */
  values: Record<string, string>;
  typed: StatedbTypedRow | null;
  /** Line where a JSON object printed over several lines starts (the record is read at its last). */
  firstLine?: number;
}

export type StatedbRecord = StatedbHeader | StatedbRow;
