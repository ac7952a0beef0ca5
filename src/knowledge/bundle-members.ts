/**
 * The members of support bundles (spec bundles.md): what a `cilium sysdump` and a `cilium-bugtool`
 * archive hold, keyed on name patterns (sysdump names carry pods and a `20060102-150405` timestamp,
 * bugtool names the command that printed a file), and how each is handled: read through the
 * grammars, recognised but not supported (with the reason), or a command's stderr. A member no
 * pattern knows is `null` here: the ingest reads it like any text and lists it as unknown.
 */
import { bugtoolCommand, classifyBugtoolCommand, podFile } from './bugtool-commands.js';

export type MemberHandling = 'read' | 'unsupported' | 'stderr';

export interface MemberClass {
  /** Stable name of the member family: `agent-log`, `hubble-flows`, `kubernetes`, `bugtool-command`… */
  kind: string;
  /** What the member holds, for the coverage listing: the command, the resource, the container. */
  what: string;
  handling: MemberHandling;
  /** Why an `unsupported` member is not read. */
  reason?: string;
  /** The pod the member was collected from (its lines belong to that pod's agent). */
  pod: string | null;
  container: string | null;
}

/** sysdump's timestamp (`timeFormat = "20060102-150405"`). */
const TS = String.raw`\d{8}-\d{6}`;

/** Containers of the agent DaemonSet's pod: its logs are the agent's. */
const AGENT_CONTAINERS = [
  'cilium-agent',
  'config',
  'mount-cgroup',
  'apply-sysctl-overwrites',
  'mount-bpf-fs',
  'clean-cilium-state',
  'install-cni-binaries',
  'install-portmap-cni-plugin',
  'wait-for-node-init',
  'wait-for-kube-proxy',
  'block-wireserver',
  'systemd-networkd-overrides',
] as const;

/** Containers of the other pods sysdump collects logs of (operator, Hubble, Envoy, clustermesh, SPIRE, Tetragon). */
const OTHER_CONTAINERS = [
  'cilium-operator',
  'hubble-relay',
  'hubble-ui',
  'frontend',
  'backend',
  'cilium-envoy',
  'clustermesh-apiserver',
  'apiserver',
  'kvstoremesh',
  'etcd-init',
  'etcd',
  'node-init',
  'spire-server',
  'spire-agent',
  'tetragon-operator',
  'tetragon',
  'export-stdout',
  'init',
] as const;

const KNOWN_CONTAINERS = [...AGENT_CONTAINERS, ...OTHER_CONTAINERS].sort((a, b) => b.length - a.length);
const AGENT_CONTAINER_SET: ReadonlySet<string> = new Set(AGENT_CONTAINERS);

/** `<pod>-<container>` of a sysdump log name: a known container name ends it, else the pod's generated suffix. */
function podAndContainer(rest: string): { pod: string; container: string } | null {
  const known = KNOWN_CONTAINERS.find((c) => rest.endsWith(`-${c}`) && rest.length > c.length + 1);
  if (known) return { pod: rest.slice(0, -(known.length + 1)), container: known };
  const m = /^(.+-[a-z0-9]{5})-([a-z][a-z0-9-]*)$/.exec(rest);
  return m ? { pod: m[1]!, container: m[2]! } : null;
}

interface SysdumpFile {
  name: RegExp;
  kind: string;
  what: string | ((m: RegExpExecArray) => string);
  handling: MemberHandling;
  reason?: string;
}

const read = (name: RegExp, kind: string, what: SysdumpFile['what']): SysdumpFile => ({ name, kind, what, handling: 'read' });
const unsupported = (name: RegExp, what: SysdumpFile['what'], reason: string): SysdumpFile => ({ name, kind: 'unsupported', what, handling: 'unsupported', reason });
const named = (pattern: string) => new RegExp(`^${pattern}$`);

/** Commands cilium-cli runs in the operator's and clustermesh-apiserver's containers (`<pod>-<container>-<task>-<ts>.<ext>`). */
const COMPONENT_TASKS = 'statedb-dump|status-clustermesh|status|troubleshoot-kvstore|troubleshoot-clustermesh|troubleshoot|kvstore-list|version';

/**
 * sysdump's own files, first match wins: cilium-cli's constants.go of each release, and the Python
 * cilium-sysdump before it (`nodes-<ts>.json`, `cep-<ts>.yaml`, `<name>-ds-<ts>.yaml`…). Every
 * Kubernetes dump is `<resource>-<ts>.yaml` and new resources come with each release, so after the
 * ones read, any such name is a resource recognised but not modelled.
 */
const SYSDUMP_FILES: readonly SysdumpFile[] = [
  read(named(`(?:k8s-)?(nodes|pods|services|endpoints|endpointslices|events)-${TS}\\.(?:yaml|json)`), 'kubernetes', (m) => `Kubernetes ${m[1]}`),
  read(named(`(?:k8s-)?pods-${TS}\\.txt`), 'kubernetes', 'kubectl get pods -o wide'),
  read(named(`(ciliumnodes|ciliumendpoints|cep)-${TS}\\.(?:yaml|json)`), 'kubernetes', (m) => `Cilium ${m[1] === 'cep' ? 'ciliumendpoints' : m[1]}`),
  // cilium-cli 0.8 wrote `cilium-config-configmap-<ts>.yaml`.
  read(named(`cilium-(?:config-)?configmap-${TS}\\.yaml`), 'configmap', 'the cilium-config ConfigMap'),
  read(named(`cilium-helm-values-${TS}\\.yaml`), 'helm-values', 'Helm values of the cilium release'),
  unsupported(named(`k8s-events-${TS}\\.html`), 'Kubernetes events (HTML summary)', 'the HTML summary repeats k8s-events YAML'),
  unsupported(named(`k8s-([a-z-]+)-${TS}\\.(?:yaml|json|txt)`), (m) => `Kubernetes ${m[1]}`, 'this resource is not modelled'),
  unsupported(named(`metrics-(.+)-${TS}\\.txt`), (m) => `Prometheus metrics of ${m[1]}`, 'metrics are not read yet'),
  unsupported(named(`(.+)-metrics-${TS}\\.yaml`), (m) => `Prometheus metrics (${m[1]})`, 'metrics are not read yet'),
  // `gops-<pod>-<container>-<ts>-<stat>.txt`; the Python sysdump had no `gops-`.
  unsupported(named(`(?:gops-)?(.+)-${TS}-(memstats|stack|stats)\\.txt`), (m) => `gops ${m[2]} of ${m[1]}`, 'Go runtime statistics are not modelled'),
  unsupported(named(`cniconf-(.+)-${TS}\\.txt`), (m) => `CNI configuration ${m[1]}`, 'CNI configuration files are not read'),
  unsupported(/\.(?:pprof|trace)$/, 'Go profile', 'binary Go profiles are not read'),
  unsupported(/^kvstore-[a-z]+\.json$/, 'kvstore dump', 'kvstore dumps are not read'),
  unsupported(named(`(.+)-(${COMPONENT_TASKS})-${TS}\\.(?:txt|json)`), (m) => `\`${m[2]}\` in ${m[1]}`, 'command output of the operator and the clustermesh-apiserver is not modelled'),
  unsupported(named(`tetragon-([a-z0-9-]+)-${TS}\\.(?:yaml|json)`), (m) => `Tetragon ${m[1]}`, 'Tetragon is not modelled'),
  unsupported(named(`([a-z0-9][a-z0-9.-]*?)-${TS}\\.(?:yaml|json)`), (m) => `Kubernetes or Cilium resource ${m[1]}`, 'this resource is not modelled'),
  unsupported(/^cilium-sysdump\.log$/, "the sysdump collector's log", "the collector's own log is not read"),
];

/** A path segment naming a bugtool run: sysdump's `cilium-bugtool-<pod>-<ts>` (folder or tarball), or bugtool's own. */
const BUGTOOL_SEGMENT = /^(?:(?<prefix>.+)-)?cilium-bugtool-(?<rest>.+?)(?:\.tar\.gz|\.tgz|\.tar)?$/;
/** The Python cilium-sysdump's folder of a bugtool run, unpacked without its top folder. */
const PYTHON_BUGTOOL_SEGMENT = new RegExp(`^bugtool-(.+)-${TS}$`);
const ENDS_WITH_TS = named(`(.+)-${TS}`);
/** sysdump's `tetragon-bugtool-<pod>-<ts>` (folder or tarball). */
const TETRAGON_BUGTOOL_SEGMENT = new RegExp(`^tetragon-bugtool-(.+)-${TS}(?:\\.tar\\.gz)?$`);

/** The pod of a bugtool segment, when the name carries one. */
function bugtoolPod(segment: string): string | null | undefined {
  const python = PYTHON_BUGTOOL_SEGMENT.exec(segment);
  if (python) return python[1]!;
  const m = BUGTOOL_SEGMENT.exec(segment);
  if (!m) return undefined;
  // `--archive-prefix` is the pod name by convention (`<pod>-cilium-bugtool-<ts>-<rand>`).
  if (m.groups!['prefix']) return m.groups!['prefix'];
  const withPod = ENDS_WITH_TS.exec(m.groups!['rest']!);
  return withPod && !/^\d/.test(withPod[1]!) ? withPod[1]! : null;
}

const HUBBLE_OBSERVE = named(`hubble-observe-(.+)-${TS}\\.log`);
// cilium-cli's `logs-<pod>-<container>-<ts>[-prev].log`, the Python sysdump's `<pod>-<container>-<ts>[-previous].log`.
const CONTAINER_LOG = named(`(?:logs-)?(.+)-${TS}(-prev|-previous)?\\.log`);
const HUBBLE_FLOWS = named(`hubble-flows-(.+)-${TS}\\.json`);

function sysdumpMember(file: string): MemberClass | null {
  const observe = HUBBLE_OBSERVE.exec(file);
  if (observe) return { kind: 'stderr', what: `stderr of hubble observe in ${observe[1]}`, handling: 'stderr', pod: observe[1]!, container: null };
  const log = CONTAINER_LOG.exec(file);
  if (log) {
    const pc = podAndContainer(log[1]!);
    if (!pc) return null;
    return containerLog(pc.pod, pc.container, log[2] !== undefined);
  }
  const flows = HUBBLE_FLOWS.exec(file);
  if (flows) return { kind: 'hubble-flows', what: `Hubble flows of ${flows[1]}`, handling: 'read', pod: flows[1]!, container: null };
  for (const f of SYSDUMP_FILES) {
    const m = f.name.exec(file);
    if (!m) continue;
    const what = typeof f.what === 'function' ? f.what(m) : f.what;
    return { kind: f.kind, what, handling: f.handling, ...(f.reason ? { reason: f.reason } : {}), pod: null, container: null };
  }
  return null;
}

/** A container's log: the agent pod's containers are read, the other components' listed. */
function containerLog(pod: string, container: string | null, previous: boolean): MemberClass {
  const what = `${container ?? 'container'} log of ${pod}${previous ? ' (previous container)' : ''}`;
  if (container === null || AGENT_CONTAINER_SET.has(container)) return { kind: 'agent-log', what, handling: 'read', pod, container };
  return { kind: 'component-log', what, handling: 'unsupported', reason: 'only the agent pods are modelled', pod, container };
}

const BUGTOOL_EXTENSIONS = /\.(?:md|json|txt|html|log)$/;

/** Files of a bugtool run that are not command outputs (first match wins). */
const BUGTOOL_FILES: readonly SysdumpFile[] = [
  read(/^cilium(?:-dbg)?-debuginfo-\d{8}-.*\.md$/, 'bugtool-command', 'cilium debuginfo (markdown)'),
  unsupported(/^cilium(?:-dbg)?-debuginfo-\d{8}-.*\.json$/, 'cilium debuginfo (JSON)', 'the JSON form of debuginfo is not read (its markdown form is)'),
  // `--get-pprof` downloads (bugtool/cmd/root.go `pprofTraces`; the dump tasks' `pprof/` folder).
  unsupported(/^pprof-(cpu|heap|trace|profile)$/, (m) => `Go ${m[1]} profile`, 'binary Go profiles are not read'),
  unsupported(/^envoy-config(?:\.json)?$/, "Envoy's configuration dump", "Envoy's configuration is not modelled"),
  unsupported(/_headers\.json$/, 'HTTP headers of a download', 'the headers of a download are not read'),
  // The dump tasks' `ip --json route show table N` for every table.
  unsupported(/^ip([46])-route-tables\.json$/, (m) => `ip -${m[1]} route show table … (JSON)`, 'JSON output of iproute2 is not read (its text form is)'),
];

function bugtoolMember(inside: readonly string[], pod: string | null): MemberClass | null {
  const file = inside.at(-1)!;
  const base = { pod, container: null };
  if (inside.slice(0, -1).some((s) => /(?:^|-)state$/.test(s))) {
    return { ...base, kind: 'unsupported', what: "the agent's state directory", handling: 'unsupported', reason: 'agent state files are not read' };
  }
  // `conf/` of the classic layout, `system/files/` of the dump tasks'.
  if (inside.includes('conf') || (inside[0] === 'system' && inside[1] === 'files')) {
    return { ...base, kind: 'unsupported', what: `copied file ${file}`, handling: 'unsupported', reason: 'copied configuration files are not read' };
  }
  if (inside.length === 1 && /^report\.(?:json|ya?ml)$/.test(file)) {
    return { ...base, kind: 'unsupported', what: "bugtool's report of its run", handling: 'unsupported', reason: "bugtool's report of its own run is not read" };
  }
  for (const f of BUGTOOL_FILES) {
    const m = f.name.exec(file);
    if (!m) continue;
    const what = typeof f.what === 'function' ? f.what(m) : f.what;
    return { ...base, kind: f.kind, what, handling: f.handling, ...(f.reason ? { reason: f.reason } : {}) };
  }
  const stderr = file.endsWith('.err');
  let stem = file.replace(/\.err$/, '').replace(BUGTOOL_EXTENSIONS, '');
  if (stem === file) return null;
  const inPod = podFile(stem);
  if (inPod && 'log' in inPod) return containerLog(inPod.pod, null, inPod.log === 'previous');
  if (inPod) {
    base.pod = inPod.pod;
    stem = inPod.stem;
  }
  const command = bugtoolCommand(stem);
  if (stderr) return { ...base, kind: 'stderr', what: `stderr of \`${command}\``, handling: 'stderr' };
  const c = classifyBugtoolCommand(command, file.endsWith('.json'));
  if (!c) return null;
  return { ...base, kind: 'bugtool-command', what: command, handling: c.handling, ...(c.reason ? { reason: c.reason } : {}) };
}

/** What sysdump's unpacked `tetragon bugtool` holds: Tetragon's own state, not modelled. */
function tetragonMember(segment: string, file: string): MemberClass | null {
  const m = TETRAGON_BUGTOOL_SEGMENT.exec(segment);
  if (!m) return null;
  return { kind: 'unsupported', what: `Tetragon bugtool file ${file}`, handling: 'unsupported', reason: 'Tetragon is not modelled', pod: m[1]!, container: null };
}

/**
 * How a bundle member is handled, from its path inside the bundle (nested archives' names are
 * path segments too: `…/cilium-bugtool-cilium-x7k2p-20240501-101500.tar.gz/cmd/…`). Null when no
 * pattern knows it.
 */
export function classifyMember(path: string): MemberClass | null {
  const segments = path.split('/').filter((s) => s.length > 0);
  for (let i = segments.length - 2; i >= 0; i--) {
    const tetragon = tetragonMember(segments[i]!, segments.at(-1)!);
    if (tetragon) return tetragon;
    const pod = bugtoolPod(segments[i]!);
    if (pod === undefined) continue;
    // The nearest segment that names a pod wins (a bugtool tarball's own top folder names none).
    let named = pod;
    for (let j = i - 1; named === null && j >= 0; j--) named = bugtoolPod(segments[j]!) ?? null;
    return bugtoolMember(segments.slice(i + 1), named);
  }
  return segments.length > 0 ? sysdumpMember(segments.at(-1)!) : null;
}
