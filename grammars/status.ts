/**
 * `cilium status` / `cilium-dbg status` (brief, default, --verbose), `cilium-health status` (old and
 * new layouts), cilium-cli `cilium status` and the agent's CLI dumps (spec: status.md). Their line
 * shapes are data in src/knowledge (status-labels.ts, status-lines.ts), shared with the sniffer; the
 * samples of every block and table, with the records they give, are in status-samples.ts.
 *
 * The session knows which block (which command's output) and which nested table a line belongs to:
 * table rows, KubeProxyReplacement details and health probe results are read in that context. A
 * flattened paste arrives here already split into lines by the ingest repair step
 * (FLATTENED_STATUS_START), single-spaced; every parser accepts single spaces as column gaps.
 */
import {
  AGENT_API_UNREACHABLE,
  STATUS_ROWS,
  STATUS_TABLE_HEADERS,
  kprDetailLine,
  kprServiceLine,
  nestedTable,
  normaliseStatusValue,
  statusLabelLine,
  statusValueFits,
  unknownLabelLine,
  type LabelledLine,
  type StatusLabelName,
  type StatusNestedTable,
} from '../src/knowledge/status-labels.js';
import {
  BRIEF_COMMAND,
  CLUSTERMESH_STATUS_COMMAND,
  CONFIG_COMMAND,
  CONNECTIVITY_ROWS,
  CONNECTIVITY_TEST_COMMAND,
  BRIEF_ERROR,
  BRIEF_OK,
  CONFIG_HEADER,
  CLUSTER_PODS,
  ELLIPSIS,
  ENCRYPT_STATUS_COMMAND,
  ENCRYPT_STATUS_ROWS,
  ENDPOINT_LIST_HEADER_2,
  LB_ROW,
  LIST_HEADERS,
  LOGO,
  PROBE_NODE,
  PROBE_NODES,
  PROBE_PATH,
  PROBE_RESULT,
  PROBE_TIME,
  POLICY_GET_COMMAND,
  POLICY_MAP_ENDPOINT,
  POLICY_MAP_PATH,
  cliStatusLine,
} from '../src/knowledge/status-lines.js';
import { isRedacted } from '../src/knowledge/terminal.js';
import type { FeedResult, Grammar, GrammarSession } from '../src/types/grammar.js';
import { samples } from './status-samples.js';
import type { LogicalLine } from '../src/types/lines.js';
import type {
  HealthPath,
  HealthProbe,
  StatusBlockKind,
  StatusDetail,
  StatusField,
  StatusRecord,
  StatusSection,
} from '../src/types/status.js';
import {
  clusterMeshStatusRow,
  configRow,
  connectivityRow,
  containerPhases,
  ctRow,
  endpointLogRow,
  endpointRow,
  imageRow,
  ipcacheRow,
  lbRow,
  lbValue,
  mapListRow,
  natRow,
  nodeListRow,
  policyMapRow,
  serviceBackendRow,
  serviceRow,
  tunnelRow,
  versionRow,
  workloadRow,
} from './status-lists.js';
import { durationMicros, KPR_DETAIL_VALUES, LABEL_VALUES, monitorLost, parseServiceType, remoteCluster } from './status-values.js';

/** The nested part of an agent status block that indented / unlabelled lines belong to. */
type StatusTable = 'none' | StatusNestedTable | 'nat46' | 'annotations';

const CLI_MESSAGE = /^\s*(\S+)\s+(\S+)\s+(.+)$/;

/** Lines that only `cilium connectivity test` prints: they open its block without the command pasted. */
const CONNECTIVITY_OPENERS = [CONNECTIVITY_ROWS.test, CONNECTIVITY_ROWS.skipped, CONNECTIVITY_ROWS.report, CONNECTIVITY_ROWS.failedSummary, CONNECTIVITY_ROWS.passedSummary];

/** Lists whose rows stand alone: each row is one record, read without context. */
const STANDALONE_ROWS: Partial<Record<StatusBlockKind, (text: string) => StatusRecord | null>> = {
  'node-list': nodeListRow,
  'bpf-ipcache-list': ipcacheRow,
  'bpf-tunnel-list': tunnelRow,
  version: versionRow,
  'bpf-ct-list': ctRow,
  'clustermesh-status': clusterMeshStatusRow,
  'bpf-nat-list': natRow,
  'map-list': mapListRow,
};

interface ProbeContext {
  node: string;
  localhost: boolean;
  primary: 'host' | 'endpoint' | null;
  path: HealthPath | null;
  ip: string | null;
}

type CliRow = 'containers' | 'images' | 'error' | 'warning' | 'configuration' | null;

/** Before 1.9 the table printed whether every probe of a path succeeded: `true` / `false`. */
function reachability(printed: string): string {
  return printed === 'true' ? 'reachable' : printed === 'false' ? 'unreachable' : printed;
}

/** More `[` / `(` opened than closed: a value cut before its end. */
function unclosed(value: string): boolean {
  const count = (re: RegExp): number => value.match(re)?.length ?? 0;
  return count(/[[(]/g) > count(/[\])]/g);
}

function field(section: StatusSection, line: LabelledLine, detail: StatusField['detail'], note?: string): StatusField {
  const f: StatusField = { kind: 'status-field', section, label: line.label, value: line.value, detail };
  if (note) f.note = note;
  return f;
}

class StatusSession implements GrammarSession {
  private block: StatusBlockKind | null = null;
  /** A block opened by a line that failed to parse: its record goes out with the next good line. */
  private pending: StatusBlockKind | null = null;
  private table: StatusTable = 'none';
  private readonly seen = new Set<string>();
  private probe: ProbeContext | null = null;
  private cliRow: CliRow = null;
  /** The row continuation lines belong to: endpoint id, service id, identity id, IP, lb frontend. */
  private owner: string | null = null;
  private configReadOnly = false;
  private configParent: string | null = null;
  /** Column of the `Modules Health` tree root. */
  private treeBase: number | null = null;
  /** The last pasted command was `cilium status --brief`. */
  private briefCommand = false;
  /** The last labelled line, while its value has a bracket the terminal's wrap may close on the next line. */
  private wrapOpen: LabelledLine<StatusLabelName> | null = null;
  /** The last pasted command was `cilium encrypt status`: its `Encryption: MODE` opens its block. */
  private encryptCommand = false;
  /** The endpoint a pasted `cilium bpf policy get ID` names: its first table's. */
  private policyEndpoint: number | null = null;
  /** The endpoint of the policy map being read, and whether `--all`'s `Endpoint ID:` just named it. */
  private mapEndpoint: number | null = null;
  private mapNamed = false;

  onCommand(command: string): void {
    this.briefCommand = BRIEF_COMMAND.test(command);
    this.encryptCommand = ENCRYPT_STATUS_COMMAND.test(command);
    // Rows of `cilium config` may come without their section header (filtered by a pipe).
    if (CONFIG_COMMAND.test(command)) this.open('config');
    else if (CLUSTERMESH_STATUS_COMMAND.test(command)) this.open('clustermesh-status');
    else if (CONNECTIVITY_TEST_COMMAND.test(command)) this.open('connectivity-test');
    const policy = POLICY_GET_COMMAND.exec(command);
    this.policyEndpoint = policy ? Number(policy[1]) : null;
  }

  feed(line: LogicalLine): FeedResult {
    const text = line.text.trimEnd();
    const encrypt = this.encryptLine(text);
    if (encrypt) return encrypt;
    const labelled = statusLabelLine(text);
    if (labelled && statusValueFits(labelled.label, labelled.value)) return this.label(labelled);
    const opened = this.otherBlock(text);
    if (opened) return opened;
    // `...`: output elided by the user, or the truncation mark of the cluster health table.
    if (this.block !== null && ELLIPSIS.test(text)) return this.emit([]);
    switch (this.block) {
      case 'agent-status':
        return this.statusLine(text);
      case 'health-status':
        // `cilium-health status --succinct` lists the nodes as the `Cluster health:` table's rows.
        return this.healthLine(text);
      case 'cli-status':
        return this.cliLine(text);
      case 'endpoint-log': {
        const row = endpointLogRow(text, line.context.time ?? null);
        return row ? this.emit([row]) : { ok: false, reason: 'unrecognised endpoint-log row' };
      }
      case null:
        return { ok: false, reason: 'not inside a cilium status block' };
      default:
        return this.listLine(this.block, text);
    }
  }

  private open(block: StatusBlockKind): void {
    this.block = block;
    this.pending = block;
    this.seen.clear();
    this.table = 'none';
    this.probe = null;
    this.cliRow = null;
    this.owner = null;
    this.configReadOnly = false;
    this.configParent = null;
    if (block === 'bpf-policy-get') [this.mapEndpoint, this.policyEndpoint, this.mapNamed] = [this.policyEndpoint, null, false];
  }

  private emit(records: StatusRecord[]): FeedResult {
    if (this.pending) {
      records.unshift({ kind: 'status-block', block: this.pending });
      this.pending = null;
    }
    return { ok: true, records };
  }

  // ---- cilium status: labelled lines --------------------------------------------------------

  private label(line: LabelledLine<StatusLabelName>): FeedResult {
    const { value, note } = normaliseStatusValue(line.value);
    if (line.label === 'Cluster health' && this.block !== 'agent-status') this.open('health-status');
    else if (this.block !== 'agent-status' || this.seen.has(line.label)) this.open('agent-status');
    this.seen.add(line.label);
    this.table = nestedTable(line.label) ?? 'none';
    if (this.table === 'modules') this.treeBase = null;
    const parsed = LABEL_VALUES[line.label](value);
    this.wrapOpen = unclosed(value) ? { label: line.label, value } : null;
    if (parsed && 'error' in parsed) return { ok: false, reason: `${line.label}: ${parsed.error} "${value}"` };
    return this.emit([field('main', { label: line.label, value }, parsed, note)]);
  }

  /**
   * The rest of a value the terminal wrapped onto the next line (`… Peers: ` / `2)]`): the field again,
   * whole, read from the line that completes it.
   */
  private wrappedValue(text: string): FeedResult | null {
    const open = this.wrapOpen;
    this.wrapOpen = null;
    if (!open || !/^\S[^:]*[\])]\s*$/.test(text)) return null;
    const value = `${open.value}${/[\s(\[]$/.test(open.value) ? '' : ' '}${text.trim()}`;
    if (unclosed(value)) return null;
    const parsed = LABEL_VALUES[open.label](value);
    if (parsed && 'error' in parsed) return null;
    return this.emit([field('main', { label: open.label, value }, parsed, 'value wrapped onto this line')]);
  }

  private statusLine(text: string): FeedResult {
    const wrapped = this.wrappedValue(text);
    if (wrapped) return wrapped;
    switch (this.table) {
      case 'kpr':
      case 'nat46':
      case 'annotations':
        return this.kprLine(text);
      case 'controllers': {
        if (STATUS_TABLE_HEADERS.controllers.test(text)) return this.emit([]);
        const m = STATUS_ROWS.controller.exec(text);
        if (m) {
          return this.emit([
            { kind: 'status-controller', name: m[1]!, lastSuccess: m[2]!, lastError: m[3]!, count: Number(m[4]), message: m[5] ?? '' },
          ]);
        }
        break;
      }
      case 'addresses': {
        const m = STATUS_ROWS.address.exec(text);
        // Before 1.5 the pools listed bare addresses: no owner.
        if (m) return this.emit([{ kind: 'status-address', ip: m[1]!, owner: m[2] ?? '' }]);
        break;
      }
      case 'maps': {
        if (STATUS_TABLE_HEADERS.maps.test(text)) return this.emit([]);
        const m = STATUS_ROWS.map.exec(text);
        if (m) return this.emit([{ kind: 'status-map', name: m[1]!, size: Number(m[2]) }]);
        break;
      }
      case 'health':
        return this.healthLine(text);
      case 'modules':
        return this.moduleLine(text);
      case 'monitor': {
        const lost = monitorLost(text);
        if (lost) return this.emit([field('main', { label: 'Events lost', value: text.trim() }, lost)]);
        break;
      }
      case 'clustermesh': {
        const m = STATUS_ROWS.clustermesh.exec(text);
        if (m) {
          const f = m[1]
            ? field('clustermesh', { label: m[1], value: `${m[2]}, ${m[3]}` }, remoteCluster(m[2] as 'ready' | 'not-ready', m[3]!))
            : field('clustermesh', { label: '└', value: m[4]! }, null);
          return this.emit([f]);
        }
        break;
      }
      case 'redirects': {
        if (STATUS_TABLE_HEADERS.redirects.test(text)) return this.emit([]);
        const m = STATUS_ROWS.redirect.exec(text);
        if (m) return this.emit([{ kind: 'status-redirect', protocol: m[1]!, name: m[2]!, port: Number(m[3]) }]);
        break;
      }
      case 'none':
        break;
    }
    const unknown = unknownLabelLine(text);
    if (unknown && !unknown.indented) {
      this.table = 'none';
      const { value, note } = normaliseStatusValue(unknown.value);
      return this.emit([field('main', { label: unknown.label, value }, { type: 'unknown-label' }, note)]);
    }
    return { ok: false, reason: `unexpected line in the ${this.table === 'none' ? 'cilium status' : this.table} section` };
  }

  private kprLine(text: string): FeedResult {
    const service = kprServiceLine(text);
    if (service) {
      const { value } = normaliseStatusValue(service.value);
      const nat46 = this.table === 'nat46';
      const parsed = parseServiceType(value);
      if (parsed && 'error' in parsed) return { ok: false, reason: `- ${service.label}: ${parsed.error} "${value}"` };
      return this.emit([field(nat46 ? 'nat46' : 'kpr-services', { label: service.label, value }, parsed)]);
    }
    const detail = kprDetailLine(text);
    if (detail) {
      const { value, note } = normaliseStatusValue(detail.value);
      if (detail.label === 'NAT46/64 Support' && value === '') this.table = 'nat46';
      else if (detail.label === 'Annotations' && value === '') this.table = 'annotations';
      else this.table = 'kpr';
      const parsed = KPR_DETAIL_VALUES[detail.label](value);
      if (parsed && 'error' in parsed) return { ok: false, reason: `${detail.label}: ${parsed.error} "${value}"` };
      return this.emit([field('kpr', { label: detail.label, value }, parsed, note)]);
    }
    const prefixes = STATUS_ROWS.nat46Prefixes.exec(text);
    if (prefixes && this.table === 'nat46') return this.emit([field('nat46', { label: 'Prefixes', value: prefixes[1]! }, null)]);
    const annotation = STATUS_ROWS.annotation.exec(text);
    if (annotation && this.table === 'annotations') {
      return this.emit([field('annotations', { label: 'Annotation', value: annotation[1]! }, null)]);
    }
    const unknown = unknownLabelLine(text);
    if (unknown?.indented) {
      this.table = 'kpr';
      const { value, note } = normaliseStatusValue(unknown.value);
      return this.emit([field('kpr', { label: unknown.label, value }, { type: 'unknown-label' }, note)]);
    }
    return { ok: false, reason: 'unexpected line in KubeProxyReplacement Details' };
  }

  /** `Cluster health:` table rows (≤1.16 words, 1.17+ counts) and the 1.17+ verbose long form. */
  private healthLine(text: string): FeedResult {
    if (STATUS_TABLE_HEADERS.health.test(text) || ELLIPSIS.test(text)) return this.emit([]);
    const m = STATUS_ROWS.health.exec(text);
    if (m) {
      const node = reachability(m[4]!);
      const endpoints = reachability(m[5]!);
      const ips = m[3]!.split(',').filter((ip) => !isRedacted(ip));
      return this.emit([{ kind: 'health-node', name: m[1]!, localhost: m[2] !== undefined, ips, node, endpoints }]);
    }
    return this.probeLine(text);
  }

  /** `cilium-health status` long form: node headers, path headers, ICMP/HTTP results. */
  private probeLine(text: string): FeedResult {
    const time = PROBE_TIME.exec(text);
    if (time) return this.emit([field('main', { label: 'Probe time', value: time[1]! }, null)]);
    if (PROBE_NODES.test(text)) return this.emit([]);
    const result = PROBE_RESULT.exec(text);
    if (result) {
      const p = this.probe;
      if (!p || !p.path) return { ok: false, reason: 'probe result outside a node connectivity block' };
      const printed = result[2]!;
      const ok = /^OK, RTT=(\S+)$/.exec(printed);
      const probe: HealthProbe = {
        kind: 'health-probe',
        node: p.node,
        localhost: p.localhost,
        path: p.path,
        ip: p.ip,
        protocol: result[1]!.startsWith('ICMP') ? 'icmp' : 'http',
        ok: ok !== null,
        rtt: ok ? ok[1]! : null,
        rttMicros: ok ? durationMicros(ok[1]!) : null,
        result: printed,
      };
      return this.emit([probe]);
    }
    const path = PROBE_PATH.exec(text);
    if (path) {
      if (!this.probe) return { ok: false, reason: 'connectivity block outside a node' };
      const kind = path[2]?.trim();
      if (path[1]) {
        const of = kind === 'Host' ? 'host' : kind === 'Endpoint' ? 'endpoint' : this.probe.primary;
        this.probe.path = of === 'endpoint' ? 'secondary-endpoint' : 'secondary-host';
      } else {
        this.probe.primary = kind === 'Endpoint' ? 'endpoint' : 'host';
        this.probe.path = this.probe.primary;
      }
      this.probe.ip = path[3] ?? null;
      return this.emit([]);
    }
    const node = PROBE_NODE.exec(text);
    if (node) {
      this.probe = { node: node[1]!, localhost: node[2] !== undefined, primary: null, path: null, ip: null };
      return this.emit([{ kind: 'health-node', name: node[1]!, localhost: node[2] !== undefined, ips: [], node: null, endpoints: null }]);
    }
    return { ok: false, reason: 'unexpected line in cluster health output' };
  }

  /** A `Modules Health` tree line; depth comes from the name's column relative to the root's. */
  private moduleLine(text: string): FeedResult {
    const nameCol = text.search(/[^\s│├└─]/);
    if (nameCol === -1) return { ok: false, reason: 'unexpected line in Modules Health' };
    const branchCol = text.search(/[├└]/);
    if (branchCol === -1 || branchCol > nameCol) this.treeBase = nameCol;
    else this.treeBase ??= branchCol;
    const depth = Math.max(0, Math.round((nameCol - this.treeBase) / 4));
    const content = text.slice(nameCol).trim();
    const leaf = /^(.*?)\s+\[(\w+)\]\s+(.*)$/.exec(content);
    return this.emit([
      {
        kind: 'status-module',
        depth,
        name: leaf ? leaf[1]! : content,
        level: leaf ? leaf[2]! : null,
        message: leaf ? leaf[3]! : null,
      },
    ]);
  }

  // ---- cilium encrypt status -----------------------------------------------------------------

  /**
   * A line of `cilium encrypt status`. Its first line, `Encryption: MODE`, is also a `cilium status`
   * label: it opens the encrypt block after the pasted command, or outside a status block (inside one,
   * squeezed spacing makes it the status line).
   */
  private encryptLine(text: string): FeedResult | null {
    const mode = ENCRYPT_STATUS_ROWS.mode.exec(text);
    if (mode && (this.encryptCommand || this.block !== 'agent-status')) {
      this.encryptCommand = false;
      this.open('encrypt-status');
      const detail: StatusDetail = { type: 'encryption', mode: mode[1]!, nodeEncryption: null, wireguard: [], message: '' };
      return this.emit([field('encrypt', { label: 'Encryption', value: mode[1]! }, detail)]);
    }
    if (this.block !== 'encrypt-status') return null;
    const counter = ENCRYPT_STATUS_ROWS.xfrm.exec(text);
    if (counter) return this.emit([field('encrypt', { label: counter[1]!, value: counter[2]! }, { type: 'count', count: Number(counter[2]) })]);
    const m = ENCRYPT_STATUS_ROWS.field.exec(text) ?? ENCRYPT_STATUS_ROWS.detail.exec(text);
    if (!m) return null;
    const [, label, value] = m as unknown as [string, string, string];
    const counted = /^(?:Keys in use|Errors|Number of peers)$/.test(label);
    if (counted && !/^\d+$/.test(value)) return { ok: false, reason: `${label}: not a count "${value}"` };
    return this.emit([field('encrypt', { label, value }, counted ? { type: 'count', count: Number(value) } : null)]);
  }

  // ---- other outputs --------------------------------------------------------------------------

  /** Lines that open (or certainly continue) another output: health, cilium-cli, listings, config. */
  private otherBlock(text: string): FeedResult | null {
    if (PROBE_TIME.test(text)) {
      this.open('health-status');
      return this.probeLine(text);
    }
    const logo = LOGO.exec(text);
    if (logo) {
      if (this.block !== 'cli-status' || (!logo[1] && /\/¯¯\\\s*$/.test(text) && !/__/.test(text))) this.open('cli-status');
      if (!logo[1]) return this.emit([]);
      return this.emit([{ kind: 'cli-component', name: logo[1], summary: logo[2]!.trim() }]);
    }
    const workload = workloadRow(text);
    if (workload) {
      if (this.block !== 'cli-status') this.open('cli-status');
      this.cliRow = null;
      return this.emit([workload]);
    }
    if (cliStatusLine(text)?.opens) {
      if (this.block !== 'cli-status') this.open('cli-status');
      return this.cliLine(text);
    }
    for (const h of LIST_HEADERS) {
      if (h.pattern.test(text)) {
        // `--all` named the map's endpoint just before its header: the block is open already.
        if (this.mapNamed && h.block === 'bpf-policy-get') this.mapNamed = false;
        else this.open(h.block);
        return this.emit([]);
      }
    }
    const config = CONFIG_HEADER.exec(text);
    if (config) {
      if (this.block !== 'config') this.open('config');
      this.configReadOnly = config[1] === 'only';
      return this.emit([]);
    }
    if (this.block !== 'bpf-lb-list' && LB_ROW.test(text)) {
      const lb = lbRow(text);
      if (lb) {
        this.open('bpf-lb-list');
        this.owner = `${lb.entry.frontend} ${lb.keySlot ?? ''}`;
        return this.emit([lb.entry]);
      }
    }
    if (this.block !== 'endpoint-list') {
      const endpoint = endpointRow(text);
      if (endpoint) {
        this.open('endpoint-list');
        this.owner = String(endpoint.id);
        return this.emit([endpoint]);
      }
    }
    const mapEndpoint = POLICY_MAP_ENDPOINT.exec(text);
    if (mapEndpoint) {
      this.open('bpf-policy-get');
      this.mapEndpoint = Number(mapEndpoint[1]);
      this.mapNamed = true;
      return this.emit([]);
    }
    if (this.block === 'bpf-policy-get' && POLICY_MAP_PATH.test(text)) return this.emit([]);
    if (this.block !== 'bpf-policy-get') {
      const entry = policyMapRow(text, this.mapEndpoint);
      if (entry) {
        this.open('bpf-policy-get');
        this.owner = `${entry.direction} ${entry.peer} ${entry.port}`;
        return this.emit([entry]);
      }
    }
    if (this.block !== 'connectivity-test' && CONNECTIVITY_OPENERS.some((row) => row.test(text))) {
      this.open('connectivity-test');
      return this.emit([connectivityRow(text)!]);
    }
    const version = versionRow(text);
    if (version) {
      if (this.block !== 'version') this.open('version');
      return this.emit([version]);
    }
    if (this.block !== 'bpf-nat-list') {
      const nat = natRow(text);
      if (nat) {
        this.open('bpf-nat-list');
        return this.emit([nat]);
      }
    }
    if (this.block !== 'bpf-ct-list') {
      const ct = ctRow(text);
      if (ct) {
        this.open('bpf-ct-list');
        return this.emit([ct]);
      }
    }
    if (AGENT_API_UNREACHABLE.dialError.test(text) || AGENT_API_UNREACHABLE.hint.test(text)) return this.unreachable(text);
    const brief = BRIEF_ERROR.exec(text);
    if (brief) {
      this.open('agent-status-brief');
      return this.emit([field('main', { label: 'Brief', value: text }, { type: 'state', state: brief[1]!, message: brief[2]! })]);
    }
    // `OK` alone says nothing by itself: only as the output of a pasted `cilium status --brief`.
    if (this.briefCommand && BRIEF_OK.test(text)) {
      this.briefCommand = false;
      this.open('agent-status-brief');
      return this.emit([field('main', { label: 'Brief', value: 'OK' }, { type: 'state', state: 'OK', message: '' })]);
    }
    return null;
  }

  /** One line of the CLI's failure to reach the agent; a hint line continues the error above it. */
  private unreachable(text: string): FeedResult {
    const dial = AGENT_API_UNREACHABLE.dialError.test(text);
    if (dial || this.block !== 'agent-unreachable') this.open('agent-unreachable');
    const detail: StatusDetail = { type: 'state', state: 'Unreachable', message: dial ? text.replace(/^Error: /, '') : '' };
    return this.emit([field('main', { label: 'Agent API', value: text }, detail)]);
  }

  private cliLine(text: string): FeedResult {
    const labelled = cliStatusLine(text);
    if (labelled) {
      const { label, rest } = labelled;
      if (label === 'Cluster Pods') {
        const m = CLUSTER_PODS.exec(rest.trim());
        if (!m) return { ok: false, reason: `Cluster Pods: unrecognised value "${rest}"` };
        return this.emit([field('cli', { label, value: rest.trim() }, { type: 'ratio', part: Number(m[1]), total: Number(m[2]) })]);
      }
      if (label === 'Helm chart version') return this.emit([field('cli', { label, value: rest.trim() }, null)]);
      if (label === 'Containers') this.cliRow = 'containers';
      else if (label === 'Image versions') this.cliRow = 'images';
      else this.cliRow = label === 'Errors' ? 'error' : label === 'Warnings' ? 'warning' : 'configuration';
      return this.cliRow === 'configuration' ? this.emit([this.cliMessage(rest, true)]) : this.cliContinuation(rest);
    }
    if (/^\s+\S/.test(text)) return this.cliContinuation(text);
    return { ok: false, reason: 'unexpected line in cilium-cli status output' };
  }

  private cliMessage(text: string, whole: boolean): StatusRecord {
    const severity = this.cliRow === 'error' ? 'error' : this.cliRow === 'warning' ? 'warning' : 'configuration';
    const m = whole ? null : CLI_MESSAGE.exec(text);
    return { kind: 'cli-message', severity, workload: m ? m[1]! : null, pod: m ? m[2]! : null, message: m ? m[3]!.trim() : text.trim() };
  }

  private cliContinuation(text: string): FeedResult {
    switch (this.cliRow) {
      case 'containers': {
        const c = containerPhases(text);
        return c ? this.emit([{ kind: 'cli-containers', ...c }]) : { ok: false, reason: 'unrecognised Containers row' };
      }
      case 'images': {
        const image = imageRow(text);
        return image ? this.emit([image]) : { ok: false, reason: 'unrecognised Image versions row' };
      }
      case 'error':
      case 'warning':
      case 'configuration':
        return this.emit([this.cliMessage(text, this.cliRow === 'configuration')]);
      default:
        return { ok: false, reason: 'continuation row outside a cilium-cli status table' };
    }
  }

  private listLine(block: StatusBlockKind, text: string): FeedResult {
    const records = this.listRecords(block, text);
    return records ? this.emit(records) : { ok: false, reason: `unrecognised ${block} row` };
  }

  private listRecords(block: StatusBlockKind, text: string): StatusRecord[] | null {
    const standalone = STANDALONE_ROWS[block];
    if (standalone) {
      const row = standalone(text);
      return row ? [row] : null;
    }
    const label = /^\s+(\S+)\s*$/.exec(text);
    switch (block) {
      case 'endpoint-list': {
        if (ENDPOINT_LIST_HEADER_2.test(text)) return [];
        const row = endpointRow(text);
        if (row) {
          this.owner = String(row.id);
          return [row];
        }
        return label && this.owner ? [{ kind: 'list-label', list: 'endpoint', owner: this.owner, label: label[1]! }] : null;
      }
      case 'service-list': {
        const row = serviceRow(text);
        if (row) {
          this.owner = String(row.service.id);
          return row.backend ? [row.service, row.backend] : [row.service];
        }
        const b = this.owner ? serviceBackendRow(text, Number(this.owner)) : null;
        return b ? [b] : null;
      }
      case 'bpf-lb-list': {
        const row = lbRow(text);
        if (row) {
          this.owner = `${row.entry.frontend} ${row.keySlot ?? ''}`;
          return [row.entry];
        }
        const cont = /^\s+(\S.*?)\s*$/.exec(text);
        if (!cont || !this.owner) return null;
        const [frontend, slot] = this.owner.split(' ') as [string, string];
        const value = lbValue(frontend, slot === '' ? null : Number(slot), cont[1]!);
        return value ? [value] : null;
      }
      case 'bpf-policy-get': {
        const row = policyMapRow(text, this.mapEndpoint);
        if (row) {
          this.owner = `${row.direction} ${row.peer} ${row.port}`;
          return [row];
        }
        return label && this.owner ? [{ kind: 'list-label', list: 'policy', owner: this.owner, label: label[1]! }] : null;
      }
      case 'identity-list': {
        const m = /^(\d+)?\s+(\S+)(?:\s+(\d+))?$/.exec(text);
        if (!m || (!m[1] && !this.owner)) return null;
        if (m[1]) this.owner = m[1];
        return [{ kind: 'identity-entry', id: Number(this.owner), label: m[2]!, refcount: m[3] ? Number(m[3]) : null }];
      }
      case 'ip-list': {
        const m = /^(\S+\/\d+)\s+(\S+)(?:\s+(\S+))?/.exec(text);
        if (m) {
          this.owner = m[1]!;
          return [{ kind: 'ip-entry', cidr: m[1]!, identity: m[2]!, source: m[3] ?? null }];
        }
        return label && this.owner ? [{ kind: 'list-label', list: 'ip', owner: this.owner, label: label[1]! }] : null;
      }
      case 'connectivity-test': {
        // Output an action printed under its result (curl's error, the hint's commands) is the test's too.
        const row = connectivityRow(text) ?? (/^\s+\S/.test(text) ? { kind: 'connectivity-row' as const, row: 'note' as const, name: null, ok: null, counts: null, message: text.trim() } : null);
        return row ? [row] : null;
      }
      case 'config': {
        const row = configRow(text, this.configReadOnly, this.configParent);
        if (!row) return null;
        if (row.parent === null) this.configParent = row.value === '' ? row.name : null;
        return [row];
      }
      default:
        return null;
    }
  }
}

export const statusGrammar: Grammar = {
  format: 'cilium-status',
  samples,
  open: () => new StatusSession(),
};
