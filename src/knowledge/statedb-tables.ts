/**
 * The agent's StateDB tables as `cilium-dbg` prints them, across releases:
 *
 * - 1.15: `cilium-dbg statedb dump` (JSON of every table) and `statedb devices` (aligned text);
 * - 1.16: `statedb <table>` for devices, routes, l2-announce, bandwidth-qdiscs, node-addresses,
 *   sysctl (text/tabwriter, header as is);
 * - 1.17: `statedb <table> [-o table|json|yaml]` and `statedb experimental frontends|backends|services`
 *   (header prefixed `# `; JSON one object per line), and `cilium-dbg shell -- db/show <table>`;
 * - 1.18: `statedb` other than `dump` deprecated for `shell -- db/show [--format=table|json|yaml] <table>`
 *   (header as is; JSON pretty-printed, one object after another).
 *
 * bugtool collects `cilium-dbg statedb dump` (`cmd/cilium-dbg-statedb-dump.md`). Every text form is
 * a tabwriter table (padding 3): cells start under their header column.
 */

export type StatedbCommandForm = 'table' | 'json' | 'yaml' | 'dump';

export interface StatedbCommand {
  /** The table the command shows; null for `statedb dump` (all tables). */
  table: string | null;
  form: StatedbCommandForm;
}

const CILIUM = /^(?:\S*\/)?(?:cilium|cilium-dbg)\s+/;

/** `statedb <table>` takes `-o/--output`; `db/show` takes `-f/--format` (`-o` there names a file). */
const STATEDB_FORMAT = /^--?(?:o|output)$/;
const SHOW_FORMAT = /^--?(?:f|format)$/;

/** The output format a `-o json` / `--output=yaml` / `--format=json` / `-f json` flag asks for. */
function formatFlag(args: readonly string[], flag: RegExp): StatedbCommandForm {
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i]!.split('=', 2);
    if (!flag.test(name!)) continue;
    const value = inline ?? args[i + 1];
    if (value === 'json' || value === 'yaml') return value;
  }
  return 'table';
}

/** Flags of `statedb` / `db/show` that take a value (their value is not the table's name). */
const VALUED_FLAGS = /^--?(?:o|output|f|format|w|watch|columns|out)$/;

function tableArgument(args: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUED_FLAGS.test(a)) i++;
    else if (!a.startsWith('-')) return a;
  }
  return null;
}

/** What a `cilium-dbg statedb …` or `cilium-dbg shell -- db/show …` command prints; null for any other command. */
export function statedbCommand(command: string): StatedbCommand | null {
  const m = CILIUM.exec(command.trim());
  if (!m) return null;
  const args = command.trim().slice(m[0].length).split(/\s+/);
  if (args[0] === 'statedb') {
    const rest = args.slice(args[1] === 'experimental' ? 2 : 1);
    if (rest[0] === 'dump') return { table: null, form: 'dump' };
    const table = tableArgument(rest);
    return table ? { table, form: formatFlag(rest, STATEDB_FORMAT) } : null;
  }
  if (args[0] === 'shell' && args[1] === '--' && (args[2] === 'db/show' || (args[2] === 'db' && args[3] === 'show'))) {
    const rest = args.slice(args[2] === 'db' ? 4 : 3);
    const table = tableArgument(rest);
    return table ? { table, form: formatFlag(rest, SHOW_FORMAT) } : null;
  }
  return null;
}

/**
 * Columns that name a table when its header is printed without the command (`TableHeader()` of each
 * release; a table matches when its header holds every column of one of its sets).
 */
export const STATEDB_TABLE_COLUMNS: readonly { table: string; columns: readonly string[] }[] = [
  { table: 'devices', columns: ['Name', 'Index', 'Selected', 'MTU', 'Addresses'] },
  { table: 'routes', columns: ['Destination', 'Gateway', 'LinkIndex', 'Table'] },
  { table: 'node-addresses', columns: ['Address', 'NodePort', 'DeviceName'] },
  { table: 'frontends', columns: ['Address', 'Type', 'ServiceName'] },
  // 1.17 `Address State Instances…` / 1.18 `Address Instances Shadows NodeName`
  { table: 'backends', columns: ['Address', 'Instances'] },
  // 1.16 `Address State Source ReferencedBy`
  { table: 'backends', columns: ['Address', 'State', 'ReferencedBy'] },
  { table: 'services', columns: ['Name', 'Source', 'ExtTrafficPolicy'] },
  { table: 'services', columns: ['Name', 'Source', 'TrafficPolicy'] },
  { table: 'l2-announce', columns: ['IP', 'NetworkInterface'] },
  { table: 'mtu', columns: ['Prefix', 'DeviceMTU', 'RouteMTU'] },
];

/** The table a header's columns belong to, when they are a known table's. */
export function statedbTableOfColumns(columns: readonly string[]): string | null {
  const have = new Set(columns);
  return STATEDB_TABLE_COLUMNS.find((t) => t.columns.every((c) => have.has(c)))?.table ?? null;
}

/** A column name as `TableHeader()` spells them: one CamelCase word (`HWAddr`, `IP`, `RoutePostEncryptMTU`). */
export const STATEDB_COLUMN_NAME = /^[A-Z][A-Za-z0-9]*$/;

/** Go's `net.Flags` bits as `Flags.String()` names them (JSON prints the number). */
export const NET_FLAGS: readonly string[] = ['up', 'broadcast', 'loopback', 'pointtopoint', 'multicast', 'running'];

/** `RT_TABLE_MAIN` / `RT_TABLE_LOCAL`: how `ip route` names them. */
export const ROUTE_TABLE_NAMES: Readonly<Record<number, string | null>> = { 254: null, 255: 'local', 253: 'default' };

/** Route scopes as `ip route` prints them (`RT_SCOPE_*`; universe is not printed). */
export const ROUTE_SCOPE_NAMES: Readonly<Record<number, string | null>> = { 0: null, 200: 'site', 253: 'link', 254: 'host', 255: 'nowhere' };
