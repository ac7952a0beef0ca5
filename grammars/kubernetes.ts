/**
 * Kubernetes-side text wherever it appears (a ticket, a pasted terminal session, a bundle member):
 *
 *   NAME    STATUS   ROLES           AGE   VERSION   INTERNAL-IP    …          kubectl get nodes -o wide
 *   apiVersion: v1 / kind: List / items: / - apiVersion: v1 …                 kubectl get … -o yaml
 *   { "apiVersion": "v1", "kind": "Pod", … }                                  kubectl get … -o json
 *   Name:  cilium-q4z8m / Containers: / Events: …                             kubectl describe pod
 *   enable-bpf-masquerade: "true"        (a cilium-config ConfigMap excerpt, among prose)
 *   routing-mode                      native   (cilium config view)
 *   helm upgrade cilium cilium/cilium --set routingMode=native \  (Helm)
 *
 * YAML and JSON documents are buffered until they end (the next line that is not theirs, a pasted
 * command, a gap in the input, or the end of the source) and parsed with the `yaml` library; List
 * items are parsed one at a time, so a sysdump's `k8s-pods.yaml` never sits in memory whole. Their
 * records carry `at`, the line each fact was printed on.
 */
import { isCollection, LineCounter, parseDocument, visit, type Document as YamlDocument } from 'yaml';
import { kubectlGetTable, kubeTableHeader, type KubeTableSpec } from '../src/knowledge/kube-tables.js';
import {
  configLine,
  configViewRow,
  DESCRIBE_START,
  FLAG_CONTINUATION,
  FLAG_SHAPED_KEY,
  HELM_COMMAND,
  HELM_VALUES_HEADER,
  helmValuesLine,
  keyColumnRow,
  keyValueLine,
  OBJECT_START,
} from '../src/sniff/kubernetes.js';
import { matchPrompt } from '../src/sniff/text.js';
import type { FeedResult, Grammar, GrammarSample, GrammarSession } from '../src/types/grammar.js';
import type { LogicalLine } from '../src/types/lines.js';
import type { ConfigValue, KubernetesRecord, LineRef } from '../src/types/kubernetes.js';
import type { FormatRecord } from '../src/types/records.js';
import { helmLine } from './helm.js';
import { shellCommand } from './shell.js';
import { Description } from './kube-describe.js';
import { documentRecords } from './kube-objects.js';
import { openTable, tableRow, type OpenTable } from './kube-rows.js';

/** Lines a block may skip (blank lines are not fed to the session) and still continue. */
const MAX_GAP = 2;
/** A single object longer than this is parsed in pieces (its records may be incomplete). */
const MAX_DOCUMENT_LINES = 50_000;

interface Document {
  json: boolean;
  lines: LineRef[];
  /** JSON: open braces and brackets; the document ends when they are closed. */
  depth: number;
  /** YAML List: lines of the current item (after a top-level `items:`), else null. */
  item: LineRef[] | null;
  seenApiVersion: boolean;
}

/**
 * Deeper than any Kubernetes object nests. The YAML library recurses per level (and aborts the
 * process on some depths far beyond this), so a line or JSON document nested deeper is refused.
 */
const MAX_NESTING = 100;

/** Net `{[` minus `}]` outside JSON strings, and the deepest nesting reached on the way. */
export function bracketDepth(text: string): { net: number; deepest: number } {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') deepest = Math.max(deepest, ++depth);
    else if (ch === '}' || ch === ']') depth--;
  }
  return { net: depth, deepest };
}

/** A map or list used as a key: no Kubernetes object has one, and converting it takes exponential time. */
function hasCollectionKey(doc: YamlDocument): boolean {
  let found = false;
  visit(doc, {
    Pair(_, pair) {
      if (!isCollection(pair.key)) return undefined;
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

/** Parses buffered lines as one YAML/JSON document; each record gets the line its fact is on. */
function parseLines(lines: readonly LineRef[], dedentItem: boolean): KubernetesRecord[] {
  if (lines.length === 0) return [];
  const texts = lines.map((l, i) => (dedentItem && i === 0 ? l.text.replace(/^- /, '  ') : l.text));
  const counter = new LineCounter();
  const doc = parseDocument(texts.join('\n'), { lineCounter: counter, strict: false, uniqueKeys: false, prettyErrors: false });
  if (hasCollectionKey(doc)) return [];
  const js: unknown = doc.toJS({ maxAliasCount: 100 });
  if (js === null || typeof js !== 'object') return [];
  const at = (path: readonly (string | number)[]): LineRef => {
    for (let p = path.length; p >= 0; p--) {
      const node = doc.getIn(path.slice(0, p), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lines[Math.min(lines.length - 1, counter.linePos(node.range[0]).line - 1)]!;
    }
    return lines[0]!;
  };
  return documentRecords(js as Parameters<typeof documentRecords>[0], at);
}

/** `kubectl get svc -n shop`, `--namespace=shop`, `-nshop` → `shop`; null for other commands and `-A`. */
function kubectlNamespace(command: string): string | null {
  if (!/^\s*(?:kubectl|k|oc)\s/.test(command)) return null;
  const m = /\s(?:-n\s*|--namespace[=\s]+)([a-z0-9][a-z0-9-]*)/.exec(command);
  return m ? m[1]! : null;
}

class KubernetesSession implements GrammarSession {
  private table: OpenTable | null = null;
  /** The namespace the last `kubectl` command named with `-n` / `--namespace`. */
  private commandNamespace: string | null = null;
  private doc: Document | null = null;
  private describe: Description | null = null;
  /** A Helm command continued with `\`: its chart version. */
  private helm: { chartVersion: string | null } | null = null;
  /** Last line this session took (a block ends at a gap). */
  private lastLine = -1;
  /** Records of blocks that ended outside `feed` (a pasted command). */
  private pending: FormatRecord[] = [];
  /** The previous line taken was a bare ConfigMap line: `#` comments continue the excerpt. */
  private configRun = false;
  /** The table the last pasted `kubectl get` prints: its rows may come without their header. */
  private printed: KubeTableSpec | null = null;

  feed(line: LogicalLine): FeedResult {
    const contiguous = line.line - this.lastLine <= MAX_GAP + 1;
    this.lastLine = line.line;
    const ref: LineRef = { line: line.line, segment: line.segment, text: line.text };
    const text = line.text.trimEnd();
    if (!contiguous) this.closeBlocks();
    const inRun = this.configRun && contiguous;
    this.configRun = false;
    if (inRun && /^\s*#/.test(text)) {
      this.configRun = true;
      return this.done([]);
    }
    // Inside an excerpt a known key opened, a key of flag shape is a ConfigMap key too.
    const kv = inRun ? (keyValueLine(text) ?? keyColumnRow(text)) : null;
    if (kv && FLAG_SHAPED_KEY.test(kv.key)) return this.done(this.configValue(kv));
    const { deepest } = bracketDepth(text);
    if (deepest > MAX_NESTING || (this.doc?.json && this.doc.depth + deepest > MAX_NESTING)) {
      // What the document held before this line is still read.
      this.closeBlocks();
      return { ok: false, reason: `brackets nested deeper than ${MAX_NESTING} levels, deeper than any Kubernetes object` };
    }
    const records = this.take(ref, text);
    // Records of blocks this line ended wait for the next line taken (or the end of the source).
    return records === null ? { ok: false, reason: this.reason(text) } : this.done(records);
  }

  end(): FormatRecord[] {
    this.closeBlocks();
    return this.pending.splice(0);
  }

  onCommand(command: string): void {
    this.closeBlocks();
    this.printed = kubectlGetTable(command);
    this.commandNamespace = kubectlNamespace(command);
  }

  private done(records: FormatRecord[]): FeedResult {
    return { ok: true, records: [...this.pending.splice(0), ...records] };
  }

  private reason(text: string): string {
    if (this.table) return `row does not fit the ${this.table.resource} table's columns`;
    if (keyValueLine(text)) return 'unknown cilium-config key outside a ConfigMap block';
    return 'unrecognised Kubernetes line';
  }

  /** Ends every open block; their records go out with the next result. */
  private closeBlocks(): void {
    this.flushDocument();
    if (this.describe) {
      const described = this.describe.finish();
      this.pending.push(...(described ? [described] : []), ...this.describe.takeEvents());
      this.describe = null;
    }
    this.table = null;
    this.helm = null;
  }

  private flushDocument(): void {
    const d = this.doc;
    if (!d) return;
    this.doc = null;
    this.pending.push(...(d.item ? parseLines(d.item, true) : parseLines(d.lines, false)));
  }

  /** The records of a line, or null when no block or line shape takes it. */
  private take(ref: LineRef, text: string): FormatRecord[] | null {
    if (this.doc?.json) return this.jsonLine(ref, text);
    const helm = this.helmLine(text);
    if (helm) return helm;
    if (/^---\s*$/.test(text)) {
      // A YAML document separator (`helm template` output, multi-document files).
      this.flushDocument();
      return [];
    }
    if (this.doc) {
      if (this.yamlContinues(ref, text)) return [];
      this.flushDocument();
    }
    if (this.describe) {
      if (this.describe.line(text)) return this.describe.takeEvents();
      this.closeBlocks();
    }
    const spec = kubeTableHeader(text);
    if (spec) {
      this.closeBlocks();
      this.printed = null;
      this.table = openTable(spec, text, this.commandNamespace);
      return [{ kind: 'kube-table', resource: spec.resource, columns: spec.columns }];
    }
    if (DESCRIBE_START.test(text)) {
      this.closeBlocks();
      this.describe = new Description(text.slice(5).trim(), ref);
      return [];
    }
    if (HELM_VALUES_HEADER.test(text)) {
      this.closeBlocks();
      return [];
    }
    if (this.startDocument(ref, text)) return this.doc?.json === false || !this.doc ? [] : this.jsonLine(ref, text, true);
    if (this.table) {
      const row = tableRow(this.table, text);
      if (row) return [row];
    }
    if (this.printed) {
      // Rows of the pasted command whose header `| grep` or `--no-headers` left out.
      const spec = this.printed;
      const table = openTable(spec, '', this.commandNamespace);
      const row = tableRow(table, text);
      if (row) {
        this.closeBlocks();
        this.table = table;
        this.printed = null;
        return [{ kind: 'kube-table', resource: spec.resource, columns: spec.columns }, row];
      }
    }
    return this.configRecord(text);
  }

  /** A Helm command, a continuation line of one, or a pasted `--set` line. */
  private helmLine(text: string): FormatRecord[] | null {
    const prompt = matchPrompt(text);
    const command = prompt && HELM_COMMAND.test(prompt.command) ? prompt.command : HELM_COMMAND.test(text) ? text : null;
    const continuation = !command && FLAG_CONTINUATION.test(text) && (this.helm !== null || /--(?:helm-)?set/.test(text));
    if (!command && !continuation) return null;
    if (command) this.closeBlocks();
    const read = helmLine(command ?? text, this.helm?.chartVersion ?? null);
    this.helm = read.continues ? { chartVersion: read.chartVersion } : null;
    // A command pasted with its prompt is also a shell command; one pasted bare is only Helm's.
    const shell: FormatRecord[] = prompt?.prompt && command ? [shellCommand(prompt)] : [];
    return [...shell, ...read.values];
  }

  private startDocument(ref: LineRef, text: string): boolean {
    const json = /^\{/.test(text);
    if (!OBJECT_START.test(text) && !json && !/^(?:items|data):\s*$/.test(text) && !helmValuesLine(text)) return false;
    this.closeBlocks();
    this.doc = { json, lines: [ref], depth: 0, item: null, seenApiVersion: /^apiVersion:/.test(text) };
    if (/^- /.test(text)) this.doc.item = [ref];
    return true;
  }

  private jsonLine(ref: LineRef, text: string, first = false): FormatRecord[] | null {
    const d = this.doc!;
    if (!first) {
      if (d.lines.length === 1 && !/^\s*(?:"[^"]*":|[[{]|[}\]],?\s*$)/.test(text)) {
        // A lone `{` that no JSON object followed.
        this.doc = null;
        return this.take(ref, text);
      }
      d.lines.push(ref);
    }
    d.depth += bracketDepth(text).net;
    if (d.depth <= 0 || d.lines.length >= MAX_DOCUMENT_LINES) {
      this.flushDocument();
      return this.pending.splice(0);
    }
    return [];
  }

  /** Whether a YAML line belongs to the open document (and takes it). */
  private yamlContinues(ref: LineRef, text: string): boolean {
    const d = this.doc!;
    const topKey = /^([A-Za-z_][\w.-]*):(?:\s|$)/.exec(text);
    const belongs = /^\s+\S/.test(text) || /^(?:- |#)/.test(text) || topKey !== null;
    if (!belongs || /^---/.test(text)) return false;
    if (topKey?.[1] === 'apiVersion') {
      if (d.seenApiVersion && !d.item) return false;
      d.seenApiVersion = true;
    }
    if (d.item) {
      if (/^- /.test(text)) {
        this.pending.push(...parseLines(d.item, true));
        d.item = [ref];
      } else if (/^\s/.test(text)) d.item.push(ref);
      // Top-level keys after the items (`kind: List`, `metadata:`) belong to the List wrapper.
      return true;
    }
    if (/^- /.test(text) && d.lines.some((l) => /^items:\s*$/.test(l.text))) {
      d.item = [ref];
      return true;
    }
    d.lines.push(ref);
    if (d.lines.length >= MAX_DOCUMENT_LINES) this.flushDocument();
    return true;
  }

  /** A bare ConfigMap line (`key: "value"`, known key) or a `cilium config view` row. */
  private configRecord(text: string): FormatRecord[] | null {
    const kv = configLine(text) ?? configViewRow(text);
    return kv ? this.configValue(kv) : null;
  }

  private configValue(kv: { key: string; value: string }): FormatRecord[] {
    const value: ConfigValue = { kind: 'config-value', origin: 'configmap', flag: kv.key, value: kv.value, helmKey: null, chartVersion: null };
    this.configRun = true;
    return [value];
  }
}

export const samples: readonly GrammarSample[] = [
  {
    lines: [
      'NAME                  READY   STATUS    RESTARTS      AGE   IP           NODE    NOMINATED NODE   READINESS GATES',
      'cilium-7xk2p          1/1     Running   2 (41m ago)   6d    172.16.4.12  wk-02   <none>           <none>',
    ],
    records: [
      { kind: 'kube-table', resource: 'pods' },
      { kind: 'kube-pod', name: 'cilium-7xk2p', node: 'wk-02', ips: ['172.16.4.12'], phase: 'Running', ready: '1/1', restarts: 2 },
    ],
  },
  {
    lines: [
      'NAME    STATUS   ROLES           AGE   VERSION   INTERNAL-IP    EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION     CONTAINER-RUNTIME',
      'wk-01   Ready    <none>          41d   v1.28.4   172.16.4.11    <none>        Ubuntu 22.04.3 LTS   6.5.0-14-generic   containerd://1.7.11',
    ],
    records: [
      { kind: 'kube-table', resource: 'nodes' },
      { kind: 'kube-node', name: 'wk-01', internalIPs: ['172.16.4.11'], kernelVersion: '6.5.0-14-generic', osImage: 'Ubuntu 22.04.3 LTS', kubeletVersion: 'v1.28.4' },
    ],
  },
  {
    lines: ['enable-bpf-masquerade: "true"'],
    records: [{ kind: 'config-value', origin: 'configmap', flag: 'enable-bpf-masquerade', value: 'true' }],
  },
  {
    lines: ['routing-mode                                      native'],
    records: [{ kind: 'config-value', origin: 'configmap', flag: 'routing-mode', value: 'native' }],
  },
  {
    lines: ['helm upgrade cilium cilium/cilium --version 1.16.5 --namespace kube-system --set routingMode=native'],
    records: [{ kind: 'config-value', origin: 'helm', helmKey: 'routingMode', value: 'native', chartVersion: '1.16.5' }],
  },
  {
    lines: ['{"apiVersion":"v1","kind":"Node","metadata":{"name":"wk-03"},"spec":{"podCIDR":"10.42.3.0/24"},"status":{"addresses":[{"type":"InternalIP","address":"172.16.4.13"}]}}'],
    records: [{ kind: 'kube-node', name: 'wk-03', internalIPs: ['172.16.4.13'], podCIDRs: ['10.42.3.0/24'] }],
  },
];

export const kubernetesGrammar: Grammar = {
  format: 'kubernetes',
  samples,
  open: () => new KubernetesSession(),
};
