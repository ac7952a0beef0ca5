/**
 * Kubernetes-side text: kubectl tables, `kubectl describe pod`, `-o yaml` / `-o json` objects, and
 * the requested Cilium configuration (the `cilium-config` ConfigMap, `cilium config view`, Helm
 * commands and values). The line shapes here are shared with the grammar.
 *
 * A ConfigMap pasted as bare `key: "value"` lines among prose is recognised when the key is a known
 * `cilium-config` key (agent flag name, knowledge/config-keys.ts) and the value is one YAML scalar
 * (quoted, or plain without `: `), optionally followed by a `# comment`. Lines of unknown keys are
 * read only as part of a block opened by a known one, a `data:` line or an object header.
 */
import { isConfigKey } from '../knowledge/config-keys.js';
import { HELM_TOP_LEVEL_KEYS, HELM_VALUES } from '../knowledge/helm-values.js';
import { columnShape, kubeTableHeader, kubectlDescribe, kubectlGetTable } from '../knowledge/kube-tables.js';
import { fitTokens } from '../knowledge/table-rows.js';
import { matchPrompt } from './text.js';
import type { FormatSniffer } from './types.js';

const HELM_KEYS: ReadonlySet<string> = new Set(HELM_VALUES.map((m) => m.helm));

/** A YAML scalar as a whole value: quoted, or plain without `: ` / ` #` inside. */
const SCALAR = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#&*!|>%@`{}[\],][^#]*?|\{[^{}]*\}|\[[^[\]]*\])$/;

/** Splits `value # comment`; the value must be one YAML scalar. */
function scalarValue(rest: string): string | null {
  const m = /^(.*?)(?:\s+#.*)?$/.exec(rest.trim());
  const value = m ? m[1]!.trim() : '';
  if (value === '' || value.includes(': ') || value.length > 512 || !SCALAR.test(value)) return null;
  return value;
}

/** `"true"` → `true`, `'a'` → `a`. */
export function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) return value.slice(1, -1).replace(/\\(.)/g, '$1');
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replace(/''/g, "'");
  return value;
}

export interface KeyValueLine {
  key: string;
  value: string;
}

/** `key: value` (YAML, any indentation) whose value is one scalar. */
export function keyValueLine(text: string): KeyValueLine | null {
  const m = /^\s*([A-Za-z][\w.-]*):\s+(\S.*)$/.exec(text);
  if (!m) return null;
  const value = scalarValue(m[2]!);
  return value === null ? null : { key: m[1]!, value: unquote(value) };
}

/** A `cilium-config` line: a known key with one scalar value. */
export function configLine(text: string): KeyValueLine | null {
  const kv = keyValueLine(text);
  return kv && isConfigKey(kv.key) ? kv : null;
}

/** A key of agent-flag shape: lower-case words joined by `-` (`enable-bpf-masquerade`). */
export const FLAG_SHAPED_KEY = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/;

/** `key   value` (cilium-cli `cilium config view`: tabwriter, two or more spaces). */
export function keyColumnRow(text: string): KeyValueLine | null {
  const m = /^([a-z][a-z0-9-]*)\s{2,}(\S.*?)\s*$/.exec(text);
  return m ? { key: m[1]!, value: m[2]! } : null;
}

/** A row of `cilium config view` with a known key. */
export function configViewRow(text: string): KeyValueLine | null {
  const row = keyColumnRow(text);
  return row && isConfigKey(row.key) ? row : null;
}

/**
 * A top-level values.yaml line: `routingMode: native`, or `bpf:` opening a nested map (also `ipam:`,
 * a ConfigMap key too: a ConfigMap key always has a value).
 */
export function helmValuesLine(text: string): boolean {
  const m = /^([a-zA-Z][\w]*):(?:\s+(\S.*))?$/.exec(text);
  if (!m) return false;
  if (m[2] === undefined) return HELM_TOP_LEVEL_KEYS.has(m[1]!);
  return !isConfigKey(m[1]!) && HELM_KEYS.has(m[1]!) && scalarValue(m[2]) !== null;
}

/** `helm get values` prints its values under this header (`--all`: the computed ones). */
export const HELM_VALUES_HEADER = /^(?:USER-SUPPLIED|COMPUTED) VALUES:\s*$/;

/** The first line of a Kubernetes object or List (`kubectl get … -o yaml|json`, sysdump files). */
export const OBJECT_START = /^(?:apiVersion: \S+|- apiVersion: \S+|kind: [A-Z]\w*|\{"(?:apiVersion|kind|items)":.*)\s*$/;
/** A JSON object's own line: `{` alone, or `"apiVersion": "v1",`. */
export const JSON_LINE = /^\s*(?:\{|"(?:apiVersion|kind|metadata|items)":\s*.*)$/;

export const HELM_COMMAND = /^\s*(?:sudo\s+)?(?:helm\s+(?:install|upgrade|template)|cilium(?:-cli)?\s+(?:install|upgrade))\b/;
/** A continuation line of a multi-line command: flags only, optional `\`. */
export const FLAG_CONTINUATION = /^\s*(?:-{1,2}[a-zA-Z][\w-]*(?:[ =]\S+)?\s*)+\\?\s*(?:>\s*\S+)?\s*$/;

export const DESCRIBE_START = /^Name:\s+[a-z0-9][a-z0-9.-]*\s*$/;

/**
 * Lines that continue a YAML or JSON document: `key:` lines (top-level keys in lower case), list
 * items, JSON members and brackets, and the scalars of a JSON array kubectl prints one to a line
 * (`"podCIDRs": [` / `"10.0.1.0/24"`). Indented code and prose (no `key:` shape) stay with their families.
 */
const YAML_CONTINUATION =
  /^(?:\s+[\w./-]+:(?:\s|$)|[a-z][\w.-]*:(?:\s|$)|\s*- (?:[\w./-]+:(?:\s|$)|[\w"'./:@{[-]\S*\s*$)|\s*"[^"]*":|\s*[[\]{}],?\s*$|\s*\{\s*"|---\s*$|\s+(?:"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false|null),?\s*$)/;
/** `kubectl describe` labels, label continuations, Events rows. */
const DESCRIBE_LABELS =
  'Name|Namespace|Priority|Priority Class Name|Runtime Class Name|Service Account|Node|Start Time|Labels|Annotations|Status|Reason|Message|IP|IPs|Controlled By|Init Containers|Containers|Conditions|Volumes|QoS Class|Node-Selectors|Tolerations|Events|Readiness Gates|Nominated Node Name|Topology Spread Constraints|SeccompProfile|' +
  'Roles|CreationTimestamp|Taints|Unschedulable|Lease|Addresses|Capacity|Allocatable|System Info|PodCIDR|PodCIDRs|ProviderID|Non-terminated Pods|Allocated resources';
const DESCRIBE_CONTINUATION = new RegExp(
  [
    `(?:${DESCRIBE_LABELS}):(?:\\s|$)`,
    String.raw`\s+[A-Z][\w -]*:(?:\s|$)`,
    String.raw`\s+[\w./-]+=\S*\s*$`,
    // aligned rows of its tables (Conditions, Events, Non-terminated Pods): two or more gaps
    String.raw`\s+\S+(?: \S+)*(?:\s{2,}\S+(?: \S+)*){1,}\s*$`,
    // `Command:` words, `Mounts:` lines
    String.raw`\s{4,}[\w./:-]+\s*$`,
    String.raw`\s+/\S* from \S+ \((?:rw|ro)[^)]*\)\s*$`,
  ]
    .map((alternative) => `^(?:${alternative})`)
    .join('|'),
);

/** A row of a kubectl table (checked against the header by the grammar). */
const ROW_SHAPE = /^\S+(?:\s+\S+){2,}/;
const ROW_VALUE = /\s(?:\d+\/\d+|(?:\d+[smhd])+|<none>|\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?(?:,\S+)?|Normal|Warning)(?=\s|$)/;

function helmCommand(text: string): boolean {
  if (!text.includes('helm') && !text.includes('install') && !text.includes('upgrade')) return false;
  if (HELM_COMMAND.test(text)) return true;
  const prompt = matchPrompt(text);
  return prompt !== null && HELM_COMMAND.test(prompt.command);
}

export const kubernetesSniffer: FormatSniffer = {
  format: 'kubernetes',
  match(text) {
    if (kubeTableHeader(text) || OBJECT_START.test(text)) return 1;
    if (helmCommand(text)) return 0.95;
    if (/^\s*--(?:helm-)?set(?:-string)?[ =]\S+=/.test(text)) return 0.9;
    // Deeper members are an object's own only inside a document already open (hubble's JSON has `"kind"` too).
    if (/^\s{0,4}"(?:apiVersion|kind)":\s*"/.test(text)) return 0.9;
    if ((text.includes(': ') && configLine(text)) || configViewRow(text)) return 0.8;
    if (DESCRIBE_START.test(text) || /^(?:items|data):\s*$/.test(text) || helmValuesLine(text) || HELM_VALUES_HEADER.test(text)) return 0.6;
    if (/^\{\s*$/.test(text)) return 0.4;
    return 0;
  },
  // `kubectl get pods | grep cilium`, `--no-headers`: rows without their header. A description's
  // fields go on after lines of another format inside it (a container's multi-line `Message:`).
  outputOf(command) {
    if (kubectlDescribe(command)) return (text) => DESCRIBE_CONTINUATION.test(text);
    const spec = kubectlGetTable(command);
    if (!spec) return null;
    const columns = spec.columns.map((name) => ({ name, shape: columnShape(spec.resource, name), start: -1 }));
    return (text) => fitTokens(text.trim().split(/\s+/), columns, true) !== null;
  },
  continues(text) {
    return (
      YAML_CONTINUATION.test(text) ||
      DESCRIBE_CONTINUATION.test(text) ||
      FLAG_CONTINUATION.test(text) ||
      /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+\s{2,}\S/.test(text) ||
      (ROW_SHAPE.test(text) && ROW_VALUE.test(text))
    );
  },
};
