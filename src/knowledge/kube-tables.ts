/**
 * kubectl's table printers (k8s.io/kubernetes pkg/printers/internalversion, CRD printer columns of
 * Cilium's CiliumNode / CiliumEndpoint) as data: the columns each resource prints, with `-o wide` and
 * `-A` variants, and the shape of each column's values. The row grammar and the repair of tables
 * whose line breaks or column padding were lost both read this one table.
 */
/** The resources whose kubectl tables are read (types/kubernetes.ts names them KubeResource; tsc checks they agree). */
type KubeResource = 'pods' | 'nodes' | 'services' | 'endpoints' | 'endpointslices' | 'ciliumnodes' | 'ciliumendpoints' | 'events';
import { REDACTED } from './terminal.js';

/** Column names printed in two words; a header is tokenised with these joined. */
const MULTI_WORD_COLUMNS = [
  'NOMINATED NODE',
  'READINESS GATES',
  'LAST SEEN',
  'FIRST SEEN',
  'SECURITY IDENTITY',
  'ENDPOINT STATE',
  'ENDPOINT ID',
  'IDENTITY ID',
  'INGRESS ENFORCEMENT',
  'EGRESS ENFORCEMENT',
  'VISIBILITY POLICY',
];

const AGE = String.raw`(?:\d+(?:y|d|h|m|s|ms))+|<invalid>|<unknown>`;
const IPV4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;
const IPV6 = String.raw`[0-9a-fA-F]*:[0-9a-fA-F:.]*`;
/** An address column's value; a pasted one may be a redaction placeholder (`x.x.x.x`, `<node-ip>`). */
const IP = `(?:${IPV4}|${IPV6}|${REDACTED})`;

/** How the values of one column look. `words`: a value may hold spaces (OS-IMAGE, MESSAGE). */
export interface ColumnShape {
  pattern: RegExp;
  words?: boolean;
  /** May be printed empty (then it disappears when spacing collapses). */
  empty?: boolean;
}

const any: ColumnShape = { pattern: /^\S+$/ };
const shape = (re: string, extra: Omit<ColumnShape, 'pattern'> = {}): ColumnShape => ({ pattern: new RegExp(`^(?:${re})$`), ...extra });

/** Shapes by column name; a column of another resource with the same name can override them. */
const SHAPES: Readonly<Record<string, ColumnShape>> = {
  NAMESPACE: shape(String.raw`[a-z0-9][a-z0-9-]*`),
  NAME: shape(String.raw`[a-zA-Z0-9][\w.:/-]*|${REDACTED}`),
  READY: shape(String.raw`\d+/\d+`),
  RESTARTS: shape(String.raw`\d+(?: \(\S+ ago\))?`, { words: true }),
  AGE: shape(AGE),
  IP: shape(`${IP}|<none>`),
  NODE: shape(String.raw`[a-zA-Z0-9][\w.-]*|<none>|${REDACTED}`),
  'NOMINATED NODE': shape(String.raw`<none>|[a-zA-Z0-9][\w.-]*`),
  'READINESS GATES': shape(String.raw`<none>|\d+/\d+`),
  ROLES: shape(String.raw`<none>|[\w.,/-]+`),
  VERSION: shape(String.raw`v\d+\.\d+\S*`),
  'INTERNAL-IP': shape(`${IP}|<none>`),
  'OS-IMAGE': { pattern: /^\S.*$/, words: true },
  'KERNEL-VERSION': shape(String.raw`\d+\.\d+\S*|<unknown>`),
  'CONTAINER-RUNTIME': shape(String.raw`[\w-]+://\S+|<unknown>`),
  'CLUSTER-IP': shape(`${IP}|None`),
  'PORT(S)': shape(String.raw`<none>|(?:\d+(?::\d+)?/(?:TCP|UDP|SCTP),?)+`),
  SELECTOR: shape(String.raw`<none>|\S+`),
  ENDPOINTS: shape(String.raw`<none>|<unset>|\S+(?: \+ \d+ more\.\.\.)?`, { words: true }),
  ADDRESSTYPE: shape('IPv4|IPv6|FQDN'),
  PORTS: shape(String.raw`<unset>|\S+`),
  CILIUMINTERNALIP: shape(IP, { empty: true }),
  INTERNALIP: shape(IP, { empty: true }),
  'SECURITY IDENTITY': shape(String.raw`\d+`, { empty: true }),
  'ENDPOINT ID': shape(String.raw`\d+`, { empty: true }),
  'IDENTITY ID': shape(String.raw`\d+`, { empty: true }),
  'ENDPOINT STATE': shape(String.raw`[a-z][\w-]*`, { empty: true }),
  'INGRESS ENFORCEMENT': shape('true|false|<status disabled>|<none>', { empty: true }),
  'EGRESS ENFORCEMENT': shape('true|false|<status disabled>|<none>', { empty: true }),
  'VISIBILITY POLICY': shape(String.raw`\S+`, { empty: true }),
  IPV4: shape(IPV4, { empty: true }),
  IPV6: shape(IPV6, { empty: true }),
  'LAST SEEN': shape(`${AGE}|\\d+[smhd] \\(x\\d+ over ${AGE}\\)`, { words: true }),
  'FIRST SEEN': shape(AGE),
  COUNT: shape(String.raw`\d+`),
  OBJECT: shape(String.raw`[\w.-]+/\S+`),
  SUBOBJECT: shape(String.raw`\S*`, { empty: true }),
  SOURCE: shape(String.raw`\S+(?:, \S+)?`, { words: true }),
  REASON: shape(String.raw`[A-Za-z][\w-]*`),
  MESSAGE: { pattern: /^.*$/, words: true, empty: true },
  KIND: shape(String.raw`[A-Z]\w*`),
  LABELS: shape(String.raw`<none>|\S+`),
};

const STATUS_OF: Partial<Record<KubeResource, ColumnShape>> = {
  nodes: shape(String.raw`(?:Ready|NotReady|Unknown)(?:,SchedulingDisabled)?`),
  pods: shape(String.raw`[A-Za-z][\w:/.-]*`),
};
const TYPE_OF: Partial<Record<KubeResource, ColumnShape>> = {
  services: shape('ClusterIP|NodePort|LoadBalancer|ExternalName'),
  events: shape(String.raw`Normal|Warning|[A-Z]\w*`),
};
const EXTERNAL_IP_OF: Partial<Record<KubeResource, ColumnShape>> = {
  nodes: shape(`${IP}|<none>`),
  services: shape(String.raw`<none>|<pending>|\S+`),
};

/** The shape of a column of a resource's table. */
export function columnShape(resource: KubeResource, column: string): ColumnShape {
  if (column === 'STATUS') return STATUS_OF[resource] ?? any;
  if (column === 'TYPE') return TYPE_OF[resource] ?? any;
  if (column === 'EXTERNAL-IP') return EXTERNAL_IP_OF[resource] ?? any;
  return SHAPES[column] ?? any;
}

/** Which resource a header lists, decided by the columns only that resource prints. */
const RESOURCE_COLUMNS: { resource: KubeResource; first: string; has: readonly string[] }[] = [
  { resource: 'pods', first: 'NAME', has: ['READY', 'STATUS', 'RESTARTS'] },
  { resource: 'nodes', first: 'NAME', has: ['STATUS', 'ROLES', 'VERSION'] },
  { resource: 'services', first: 'NAME', has: ['TYPE', 'CLUSTER-IP', 'PORT(S)'] },
  { resource: 'endpointslices', first: 'NAME', has: ['ADDRESSTYPE', 'ENDPOINTS'] },
  { resource: 'endpoints', first: 'NAME', has: ['ENDPOINTS', 'AGE'] },
  { resource: 'ciliumnodes', first: 'NAME', has: ['CILIUMINTERNALIP'] },
  { resource: 'ciliumendpoints', first: 'NAME', has: ['ENDPOINT STATE'] },
  { resource: 'events', first: 'LAST SEEN', has: ['REASON', 'MESSAGE'] },
];

/** Every column name any known table prints. */
const KNOWN_COLUMNS = new Set([...Object.keys(SHAPES), 'STATUS', 'TYPE', 'EXTERNAL-IP']);

export interface KubeTableSpec {
  resource: KubeResource;
  columns: string[];
}

/** The column names of a header line (`NOMINATED NODE` is one column). */
export function headerColumns(text: string): string[] {
  const tokens = text.trim().split(/\s+/);
  const columns: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const pair = `${tokens[i]} ${tokens[i + 1] ?? ''}`;
    if (MULTI_WORD_COLUMNS.includes(pair)) {
      columns.push(pair);
      i++;
    } else columns.push(tokens[i]!);
  }
  return columns;
}

/** The table a header line opens, or null when it is not the header of a known kubectl table. */
export function kubeTableHeader(text: string): KubeTableSpec | null {
  if (!/^\s*(?:NAMESPACE|NAME|LAST SEEN)\s/.test(text)) return null;
  const columns = headerColumns(text);
  if (columns.length < 2 || !columns.every((c) => KNOWN_COLUMNS.has(c))) return null;
  const first = columns[0] === 'NAMESPACE' ? columns[1] : columns[0];
  const spec = RESOURCE_COLUMNS.find((r) => r.first === first && r.has.every((c) => columns.includes(c)));
  if (spec) return { resource: spec.resource, columns };
  const cut = first === 'NAME' ? cutTableResource(columns) : null;
  return cut ? { resource: cut, columns } : null;
}

/**
 * The resource of a header whose columns the user cut (`NAME   STATUS   NODE`): the one resource
 * among those kubectl prints whose columns include every column left (NAME and two more).
 */
function cutTableResource(columns: readonly string[]): KubeResource | null {
  if (columns.length < 3) return null;
  const fits = Object.entries(PRINTED_COLUMNS).filter(([, printed]) => {
    const all = new Set(['NAMESPACE', ...printed!.columns, ...printed!.wide, 'LABELS']);
    return columns.every((c) => all.has(c));
  });
  return fits.length === 1 ? (fits[0]![0] as KubeResource) : null;
}

/**
 * A header followed by rows on one line (a flattened paste): the header's text and where the rows
 * start. The header is the longest prefix of known columns that names a table.
 */
export function flattenedHeader(text: string): { spec: KubeTableSpec; rowsAt: number } | null {
  const re = /\S+/g;
  let best: { spec: KubeTableSpec; rowsAt: number } | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (!KNOWN_COLUMNS.has(m[0]) && !MULTI_WORD_COLUMNS.some((c) => c.endsWith(` ${m![0]}`) || c.startsWith(`${m![0]} `))) break;
    const spec = kubeTableHeader(text.slice(0, end));
    if (spec) best = { spec, rowsAt: end };
  }
  return best;
}

/**
 * The columns `kubectl get RESOURCE` prints (k8s.io/kubernetes pkg/printers/internalversion), and
 * the ones `-o wide` adds, for the resources whose rows are pasted without their header (after
 * `| grep`, or with `--no-headers`).
 */
const PRINTED_COLUMNS: Partial<Record<KubeResource, { columns: readonly string[]; wide: readonly string[] }>> = {
  pods: { columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], wide: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] },
  nodes: { columns: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'], wide: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'] },
  services: { columns: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], wide: ['SELECTOR'] },
  endpoints: { columns: ['NAME', 'ENDPOINTS', 'AGE'], wide: [] },
};

/** Resource names and short names kubectl accepts for those resources. */
const RESOURCE_NAMES: Readonly<Record<string, KubeResource>> = {
  po: 'pods', pod: 'pods', pods: 'pods',
  no: 'nodes', node: 'nodes', nodes: 'nodes',
  svc: 'services', service: 'services', services: 'services',
  ep: 'endpoints', endpoints: 'endpoints',
};

/** kubectl flags that take a value as the next argument. */
const FLAG_WITH_VALUE = /^(?:-[nlco]|--(?:namespace|selector|context|cluster|kubeconfig|output|sort-by|field-selector|label-columns|chunk-size))$/;

/**
 * The table a pasted `kubectl get RESOURCE [-o wide] [-A] [--show-labels] …` command prints, or
 * null when it prints something else (`-o yaml`, several resources, another command).
 */
/** `kubectl describe …` (also `k`, `oc`, after `sudo`), before any pipe. */
export function kubectlDescribe(command: string): boolean {
  return /^(?:sudo\s+)?(?:kubectl|k|oc)\s(?:[^|]*\s)?describe\s/.test(command.split('|')[0]!.trim());
}

export function kubectlGetTable(command: string): KubeTableSpec | null {
  const args = command.split('|')[0]!.trim().replace(/^sudo\s+/, '').split(/\s+/);
  if (!['kubectl', 'k', 'oc'].includes(args[0] ?? '')) return null;
  let verb = false;
  let resource: KubeResource | null = null;
  let wide = false;
  let all = false;
  let labels = false;
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    const output = /^(?:-o=?|--output=)(.*)$/.exec(a);
    if (output || a === '--output') {
      const value = output?.[1] || args[++i] || '';
      if (value !== 'wide') return null;
      wide = true;
    } else if (a === '-A' || a === '--all-namespaces') all = true;
    else if (a === '--show-labels') labels = true;
    else if (FLAG_WITH_VALUE.test(a)) i++;
    else if (a.startsWith('-')) continue;
    else if (!verb) {
      if (a !== 'get') return null;
      verb = true;
    } else if (resource === null) {
      resource = RESOURCE_NAMES[a.split('/')[0]!] ?? null;
      if (!resource) return null;
    }
  }
  const printed = resource ? PRINTED_COLUMNS[resource] : undefined;
  if (!resource || !printed) return null;
  const columns = [...(all ? ['NAMESPACE'] : []), ...printed.columns, ...(wide ? printed.wide : []), ...(labels ? ['LABELS'] : [])];
  return { resource, columns };
}
