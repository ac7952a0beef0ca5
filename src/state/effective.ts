import { MTU_MESSAGES } from '../knowledge/agent-messages.js';
import type { Evidence } from '../types/evidence.js';
import type { AgentLog, EffectiveConfig, Fact, RequestedFlag } from '../types/state.js';
import { fact, stringField, type LogFacts } from './log-facts.js';

type Requested = Readonly<Record<string, RequestedFlag>>;

interface Inputs {
  agent: string;
  requested: Requested;
  startupComplete: Evidence | null;
  logs: LogFacts;
  log: AgentLog;
}

export function derived<T>(value: T, ...parts: (Fact<unknown> | Evidence | null)[]): Fact<T> {
  const evidence: Evidence[] = [];
  for (const p of parts) {
    if (!p) continue;
    if ('evidence' in p) evidence.push(...p.evidence);
    else evidence.push(p);
  }
  return { value, origin: 'derived', evidence };
}

/** Step 1 of datapath-model.md §1.4: `routing-mode` (1.14+) wins over the legacy `tunnel` flag. */
function routing({ requested }: Inputs): Pick<EffectiveConfig, 'routingMode' | 'tunnelProtocol'> {
  const mode = requested['routing-mode'];
  if (mode && (mode.value === 'tunnel' || mode.value === 'native')) {
    const proto = requested['tunnel-protocol'];
    const protocol = proto && (proto.value === 'vxlan' || proto.value === 'geneve') ? proto.value : 'vxlan';
    return {
      routingMode: { ...mode, value: mode.value },
      tunnelProtocol: mode.value === 'tunnel' ? (proto ? { ...proto, value: protocol } : derived(protocol, mode)) : null,
    };
  }
  const tunnel = requested['tunnel'];
  if (!tunnel) return { routingMode: null, tunnelProtocol: null };
  if (tunnel.value === 'disabled') return { routingMode: { ...tunnel, value: 'native' }, tunnelProtocol: null };
  // An empty `tunnel` means the vxlan default.
  const protocol = tunnel.value === 'geneve' ? 'geneve' : tunnel.value === 'vxlan' || tunnel.value === '' ? 'vxlan' : null;
  if (!protocol) return { routingMode: null, tunnelProtocol: null };
  return { routingMode: { ...tunnel, value: 'tunnel' }, tunnelProtocol: { ...tunnel, value: protocol } };
}

/** Whether BPF NodePort ends up enabled (Step 2): forced by strict/true, else its own flag. */
export function nodePortFromFlags(requested: Requested): Fact<boolean> | null {
  const kpr = requested['kube-proxy-replacement'];
  const mode = kpr?.value.toLowerCase();
  if (kpr && (mode === 'strict' || mode === 'true')) return derived(true, kpr);
  if (kpr && (mode === 'disabled' || mode === 'false' || mode === 'partial' || mode === 'probe')) {
    if (mode === 'disabled') return derived(false, kpr);
    const np = requested['enable-node-port'];
    if (np) return derived(np.value === 'true', kpr, np);
    return mode === 'probe' ? null : derived(false, kpr);
  }
  return null;
}

/** Step 4: logged fallbacks decide; otherwise the silent downgrades; BPF once start-up completed. */
function hostRouting({ requested, startupComplete, log }: Inputs): Fact<'BPF' | 'Legacy'> | null {
  const fallback = log.signals['host-routing-fallback'] ?? [];
  if (fallback.length > 0) return fact('Legacy', 'log', ...fallback);
  const legacy = requested['enable-host-legacy-routing'];
  if (legacy?.value === 'true') return { ...legacy, value: 'Legacy' };
  const nodePort = nodePortFromFlags(requested);
  if (nodePort && !nodePort.value) return derived('Legacy', nodePort);
  if (legacy && nodePort?.value && startupComplete) return derived('BPF', legacy, nodePort, startupComplete);
  return null;
}

/** Step 5: masquerading off, BPF, or iptables (requested, or after a logged fallback). */
function masquerading({ requested, startupComplete, log }: Inputs): Fact<'BPF' | 'iptables' | 'disabled'> | null {
  const masq = requested['enable-ipv4-masquerade'];
  if (masq?.value === 'false') {
    const v6 = requested['enable-ipv6-masquerade'];
    if (!v6 || v6.value === 'false') return derived('disabled', masq, v6 ?? null);
  }
  const fallback = log.signals['iptables-masq-fallback'] ?? [];
  if (fallback.length > 0) return fact('iptables', 'log', ...fallback);
  const bpf = requested['enable-bpf-masquerade'];
  if (!bpf || !masq) return null;
  if (bpf.value === 'false') return derived('iptables', masq, bpf);
  return startupComplete ? derived('BPF', masq, bpf, startupComplete) : null;
}

function mtu({ agent, logs, requested }: Inputs): Fact<number> | null {
  const lines = logs.withMessage(agent, ...MTU_MESSAGES).filter((r) => stringField(r, 'mtu') !== null);
  const last = lines.at(-1);
  if (last) return fact(Number(stringField(last, 'mtu')), 'log', last);
  const flag = requested['mtu'];
  if (flag && /^\d+$/.test(flag.value) && flag.value !== '0') return { ...flag, value: Number(flag.value) };
  return null;
}

/** Effective configuration of one agent from its flag dump and its start-up log. */
export function effectiveFromLog(inputs: Inputs): EffectiveConfig {
  const kpr = inputs.requested['kube-proxy-replacement'];
  return {
    ...routing(inputs),
    hostRouting: hostRouting(inputs),
    kubeProxyReplacement: kpr ? { ...kpr, value: kpr.value.toLowerCase() } : null,
    masquerading: masquerading(inputs),
    mtu: mtu(inputs),
  };
}
