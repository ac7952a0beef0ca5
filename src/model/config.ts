/**
 * The normalised datapath configuration of one node (datapath-model.md §1.1), derived from the
 * agent's state: its effective settings, its requested flags (by current name) and what status
 * printed. A dimension nobody stated is null: the model then evaluates its variants.
 */
import { parseVersion, type CiliumVersion } from '../knowledge/versions.js';
import type { Evidence } from '../types/evidence.js';
import type { AgentState, Fact } from '../types/state.js';

export type Aggregation = 'none' | 'lowest' | 'low' | 'medium' | 'maximum';
const AGGREGATIONS: readonly Aggregation[] = ['none', 'lowest', 'low', 'medium', 'maximum'];

export interface DatapathConfig {
  agent: string | null;
  node: string | null;
  version: CiliumVersion | null;
  routing: 'tunnel' | 'native' | null;
  tunnelProtocol: 'vxlan' | 'geneve' | null;
  /** The tunnel's UDP port: `tunnel-port`, else the protocol's default. */
  tunnelPort: number | null;
  hostRouting: 'bpf' | 'legacy' | null;
  endpointRoutes: boolean | null;
  /** CNI chaining plugs pods like endpoint routes do (no `ENABLE_ROUTING`). */
  cniChaining: boolean | null;
  kprMode: string | null;
  nodePort: boolean | null;
  socketLB: boolean | null;
  socketLBHostnsOnly: boolean;
  /** Envoy config / L7 load-balancing on (compiles per-packet LB into the pod program, ≥1.12). */
  envoyConfig: boolean;
  lbMode: string | null;
  dsrDispatch: string | null;
  lbAlgorithm: string | null;
  maglevTableSize: number | null;
  acceleration: string | null;
  masquerade: boolean | null;
  masqueradeImpl: 'bpf' | 'iptables' | 'none' | null;
  masqueradeDevices: string[];
  ipMasqAgent: boolean;
  nativeRoutingCIDR: string | null;
  autoDirectNodeRoutes: boolean | null;
  encryption: 'none' | 'ipsec' | 'wireguard' | null;
  policyEnforcement: string | null;
  monitorAggregation: Aggregation | null;
  /** MTU of the native device the agent uses (the `mtu` flag overrides). */
  deviceMtu: number | null;
  ipam: string | null;
  /** The lines each setting was read from. */
  evidence: Partial<Record<keyof DatapathConfig, Evidence[]>>;
}

function bool(f: Fact<string> | undefined | null): boolean | null {
  if (!f) return null;
  const v = f.value.toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : null;
}

const DEFAULT_TUNNEL_PORTS = { vxlan: 8472, geneve: 6081 } as const;

/** The configuration of one agent as far as its state tells it. */
export function datapathConfig(agent: AgentState | null): DatapathConfig {
  const r = agent?.requested ?? {};
  const e = agent?.effective;
  const s = agent?.status?.facts;
  const evidence: DatapathConfig['evidence'] = {};
  const note = <T>(k: keyof DatapathConfig, f: { evidence: Evidence[] } | null | undefined, v: T): T => {
    if (f && v !== null && v !== undefined) evidence[k] = f.evidence;
    return v;
  };
  const versionText = agent?.status?.version?.value ?? agent?.version?.value ?? null;
  const routing = note('routing', e?.routingMode, e?.routingMode?.value ?? null);
  const tunnelProtocol = routing === 'tunnel' ? note('tunnelProtocol', e?.tunnelProtocol, e?.tunnelProtocol?.value ?? 'vxlan') : null;
  const portFlag = r['tunnel-port'];
  const tunnelPort =
    tunnelProtocol === null ? null : portFlag && /^[1-9]\d*$/.test(portFlag.value) ? Number(portFlag.value) : DEFAULT_TUNNEL_PORTS[tunnelProtocol];
  const host = e?.hostRouting?.value;
  const kpr = e?.kubeProxyReplacement?.value ?? null;
  const aggregation = r['monitor-aggregation']?.value.toLowerCase() as Aggregation | undefined;
  const masqImpl = e?.masquerading?.value;
  const known = agent?.configKnown ?? false;
  // Flags a dump prints with their defaults: absent from a known configuration means off.
  const flagOrDefault = (name: string, dflt: boolean | null): boolean | null => bool(r[name]) ?? (known ? dflt : null);
  const mtuFlag = r['mtu'];
  return {
    agent: agent?.key ?? null,
    node: agent?.node?.value ?? null,
    version: versionText ? parseVersion(versionText) : null,
    routing,
    tunnelProtocol,
    tunnelPort,
    hostRouting: note('hostRouting', e?.hostRouting, host === 'BPF' ? 'bpf' : host === 'Legacy' ? 'legacy' : null),
    endpointRoutes: flagOrDefault('enable-endpoint-routes', false),
    cniChaining: r['cni-chaining-mode'] ? !['none', ''].includes(r['cni-chaining-mode'].value) : known ? false : null,
    kprMode: note('kprMode', e?.kubeProxyReplacement, kpr),
    nodePort: note('nodePort', agent?.nodePort, agent?.nodePort?.value ?? null),
    socketLB: note('socketLB', s?.socketLB, s?.socketLB?.value ?? bool(r['bpf-lb-sock']) ?? (kpr === 'strict' || kpr === 'true' ? true : null)),
    socketLBHostnsOnly: bool(r['bpf-lb-sock-hostns-only']) ?? false,
    envoyConfig: bool(r['enable-envoy-config']) ?? false,
    lbMode: s?.lbMode?.value ?? r['bpf-lb-mode']?.value.toLowerCase() ?? null,
    dsrDispatch: s?.dsrDispatch?.value.toLowerCase() ?? r['bpf-lb-dsr-dispatch']?.value.toLowerCase() ?? null,
    lbAlgorithm: s?.lbAlgorithm?.value ?? r['bpf-lb-algorithm']?.value.toLowerCase() ?? null,
    maglevTableSize: s?.maglevTableSize?.value ?? (r['bpf-lb-maglev-table-size'] ? Number(r['bpf-lb-maglev-table-size'].value) : null),
    acceleration: s?.xdp?.value ?? r['bpf-lb-acceleration']?.value.toLowerCase() ?? null,
    masquerade: note('masquerade', e?.masquerading, masqImpl === undefined ? bool(r['enable-ipv4-masquerade']) : masqImpl !== 'disabled'),
    masqueradeImpl: masqImpl === 'BPF' ? 'bpf' : masqImpl === 'iptables' ? 'iptables' : masqImpl === 'disabled' ? 'none' : null,
    masqueradeDevices: s?.masqueradeDevices?.value ?? [],
    ipMasqAgent: bool(r['enable-ip-masq-agent']) ?? s?.ipMasqAgent?.value ?? false,
    nativeRoutingCIDR: r['ipv4-native-routing-cidr']?.value || s?.masqueradeCIDR?.value || null,
    autoDirectNodeRoutes: flagOrDefault('auto-direct-node-routes', false),
    encryption: bool(r['enable-wireguard']) ? 'wireguard' : bool(r['enable-ipsec']) ? 'ipsec' : known ? 'none' : null,
    policyEnforcement: r['enable-policy']?.value ?? null,
    monitorAggregation: aggregation && AGGREGATIONS.includes(aggregation) ? aggregation : null,
    deviceMtu: note('deviceMtu', e?.mtu, e?.mtu?.value ?? null) ?? (mtuFlag && /^[1-9]\d*$/.test(mtuFlag.value) ? note('deviceMtu', mtuFlag, Number(mtuFlag.value)) : null),
    ipam: r['ipam']?.value ?? null,
    evidence,
  };
}

/**
 * What the agents of a cluster agree on, for a node none of them is known to run on: each
 * setting that every agent stating it states alike (the ConfigMap is the cluster's), else null.
 */
export function consensusConfig(configs: readonly DatapathConfig[]): DatapathConfig {
  const result = datapathConfig(null);
  const out = result as unknown as Record<string, unknown>;
  for (const key of Object.keys(result) as (keyof DatapathConfig)[]) {
    if (key === 'agent' || key === 'node' || key === 'evidence') continue;
    const stated = configs.filter((c) => c[key] !== null);
    const values = new Set(stated.map((c) => JSON.stringify(c[key])));
    if (stated.length === 0 || values.size !== 1) continue;
    out[key] = stated[0]![key];
    if (stated[0]!.evidence[key]) result.evidence[key] = stated.flatMap((c) => c.evidence[key] ?? []);
  }
  return result;
}
