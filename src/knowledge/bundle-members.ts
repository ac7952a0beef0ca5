/**
 * The members of support bundles (spec bundles.md): what a `cilium sysdump` and a `cilium-bugtool`
 * archive hold, keyed on name patterns (sysdump names carry pods and a `20060102-150405` timestamp,
 * bugtool names the command that printed a file), and how each is handled: read through the
 * grammars, recognised but not supported (with the reason), or a command's stderr. A member no
 * pattern knows is `null` here: the ingest reads it like any text and lists it as unknown.
 */
import { bugtoolCommand, classifyBugtoolCommand } from './bugtool-commands.js';

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
const unsupported = (name: RegExp, what: string, reason: string): SysdumpFile => ({ name, kind: 'unsupported', what, handling: 'unsupported', reason });

/** sysdump's own files (cilium-cli/sysdump/constants.go), first match wins. */
const SYSDUMP_FILES: readonly SysdumpFile[] = [
  read(new RegExp(`^k8s-(nodes|pods|services|endpoints|endpointslices|events)-${TS}\\.yaml$`), 'kubernetes', (m) => `Kubernetes ${m[1]}`),
  read(new RegExp(`^k8s-pods-${TS}\\.txt$`), 'kubernetes', 'kubectl get pods -o wide'),
  read(new RegExp(`^(ciliumnodes|ciliumendpoints)-${TS}\\.yaml$`), 'kubernetes', (m) => `Cilium ${m[1]}`),
  read(new RegExp(`^cilium-configmap-${TS}\\.yaml$`), 'configmap', 'the cilium-config ConfigMap'),
  read(new RegExp(`^cilium-helm-values-${TS}\\.yaml$`), 'helm-values', 'Helm values of the cilium release'),
  unsupported(new RegExp(`^k8s-events-${TS}\\.html$`), 'Kubernetes events (HTML summary)', 'the HTML summary repeats k8s-events YAML'),
  unsupported(new RegExp(`^k8s-[a-z-]+-${TS}\\.(?:yaml|txt)$`), 'Kubernetes resources', 'this resource is not modelled'),
  unsupported(new RegExp(`^(?:cilium|gatewayapi-|ingressclasses)[a-z0-9-]*-${TS}\\.yaml$`), 'Kubernetes or Cilium resources', 'this resource is not modelled'),
  unsupported(new RegExp(`^(?:hubble|clustermesh|cni|aws|gke|tetragon)[a-z0-9-]*-${TS}\\.yaml$`), 'deployment manifest', 'deployment manifests are not read'),
  unsupported(new RegExp(`^metrics-.+-${TS}\\.txt$`), 'Prometheus metrics', 'metrics are not read yet'),
  unsupported(new RegExp(`^gops-.+-${TS}-[a-z]+\\.txt$`), 'gops runtime statistics', 'Go runtime statistics are not modelled'),
  unsupported(new RegExp(`^cniconf-.+-${TS}\\.txt$`), 'CNI configuration', 'CNI configuration files are not read'),
  unsupported(/\.(?:pprof|trace)$/, 'Go profile', 'binary Go profiles are not read'),
  unsupported(/^kvstore-[a-z]+\.json$/, 'kvstore dump', 'kvstore dumps are not read'),
  unsupported(new RegExp(`^(?:cilium-spire|clustermesh|tetragon)[a-z0-9-]*-${TS}\\.(?:json|txt|log)$`), 'component dump', 'not modelled'),
  unsupported(/^cilium-sysdump\.log$/, "the sysdump collector's log", "the collector's own log is not read"),
];

/** A path segment naming a bugtool run: sysdump's `cilium-bugtool-<pod>-<ts>` (folder or tarball), or bugtool's own. */
const BUGTOOL_SEGMENT = /^(?:(?<prefix>.+)-)?cilium-bugtool-(?<rest>.+?)(?:\.tar\.gz|\.tgz|\.tar)?$/;

/** The pod of a bugtool segment, when the name carries one. */
function bugtoolPod(segment: string): string | null | undefined {
  const m = BUGTOOL_SEGMENT.exec(segment);
  if (!m) return undefined;
  // `--archive-prefix` is the pod name by convention (`<pod>-cilium-bugtool-<ts>-<rand>`).
  if (m.groups!['prefix']) return m.groups!['prefix'];
  const withPod = new RegExp(`^(.+)-${TS}$`).exec(m.groups!['rest']!);
  return withPod && !/^\d/.test(withPod[1]!) ? withPod[1]! : null;
}

function sysdumpMember(file: string): MemberClass | null {
  const log = new RegExp(`^logs-(.+)-${TS}(-prev)?\\.log$`).exec(file);
  if (log) {
    const pc = podAndContainer(log[1]!);
    if (!pc) return null;
    const what = `${pc.container} log of ${pc.pod}${log[2] ? ' (previous container)' : ''}`;
    if (AGENT_CONTAINER_SET.has(pc.container)) return { kind: 'agent-log', what, handling: 'read', pod: pc.pod, container: pc.container };
    return { kind: 'component-log', what, handling: 'unsupported', reason: 'only the agent pods are modelled', pod: pc.pod, container: pc.container };
  }
  const flows = new RegExp(`^hubble-flows-(.+)-${TS}\\.json$`).exec(file);
  if (flows) return { kind: 'hubble-flows', what: `Hubble flows of ${flows[1]}`, handling: 'read', pod: flows[1]!, container: null };
  const observe = new RegExp(`^hubble-observe-(.+)-${TS}\\.log$`).exec(file);
  if (observe) return { kind: 'stderr', what: `stderr of hubble observe in ${observe[1]}`, handling: 'stderr', pod: observe[1]!, container: null };
  for (const f of SYSDUMP_FILES) {
    const m = f.name.exec(file);
    if (!m) continue;
    const what = typeof f.what === 'function' ? f.what(m) : f.what;
    return { kind: f.kind, what, handling: f.handling, ...(f.reason ? { reason: f.reason } : {}), pod: null, container: null };
  }
  return null;
}

const BUGTOOL_EXTENSIONS = /\.(?:md|json|txt|html|log)$/;

function bugtoolMember(inside: readonly string[], pod: string | null): MemberClass | null {
  const file = inside.at(-1)!;
  const base = { pod, container: null };
  if (inside.slice(0, -1).some((s) => /(?:^|-)state$/.test(s))) {
    return { ...base, kind: 'unsupported', what: "the agent's state directory", handling: 'unsupported', reason: 'agent state files are not read' };
  }
  if (inside.includes('conf')) {
    return { ...base, kind: 'unsupported', what: `copied file ${file}`, handling: 'unsupported', reason: 'copied configuration files are not read' };
  }
  if (/^cilium-debuginfo-.*\.md$/.test(file)) return { ...base, kind: 'bugtool-command', what: 'cilium debuginfo (markdown)', handling: 'read' };
  const stderr = file.endsWith('.err');
  const stem = file.replace(/\.err$/, '').replace(BUGTOOL_EXTENSIONS, '');
  if (stem === file) return null;
  const command = bugtoolCommand(stem);
  if (stderr) return { ...base, kind: 'stderr', what: `stderr of \`${command}\``, handling: 'stderr' };
  const c = classifyBugtoolCommand(command);
  if (!c) return null;
  return { ...base, kind: 'bugtool-command', what: command, handling: c.handling, ...(c.reason ? { reason: c.reason } : {}) };
}

/**
 * How a bundle member is handled, from its path inside the bundle (nested archives' names are
 * path segments too: `…/cilium-bugtool-cilium-x7k2p-20240501-101500.tar.gz/cmd/…`). Null when no
 * pattern knows it.
 */
export function classifyMember(path: string): MemberClass | null {
  const segments = path.split('/').filter((s) => s.length > 0);
  for (let i = segments.length - 2; i >= 0; i--) {
    const pod = bugtoolPod(segments[i]!);
    if (pod === undefined) continue;
    // The nearest segment that names a pod wins (a bugtool tarball's own top folder names none).
    let named = pod;
    for (let j = i - 1; named === null && j >= 0; j--) named = bugtoolPod(segments[j]!) ?? null;
    return bugtoolMember(segments.slice(i + 1), named);
  }
  return segments.length > 0 ? sysdumpMember(segments.at(-1)!) : null;
}
