/**
 * How an agent's run ended, as its log and Kubernetes tell it: killed during initialisation, stopped
 * by a signal, crashed on a fatal line. Shared by the rules of the agent's life cycle.
 */
import type { Evidence } from '../types/evidence.js';
import type { AgentState, ClusterState, KubeEvent, LogSignalHit, PodState } from '../types/state.js';

/** The agent container's name in the DaemonSet (every release). */
export const AGENT_CONTAINER = 'cilium-agent';
/** Pod names of the agent DaemonSet: `cilium-` and the five-character suffix the DaemonSet controller adds. */
const AGENT_POD = /^cilium-[a-z0-9]{5}$/;

/** Pods of the agent DaemonSet: named like its pods, or running its container. */
export function agentPods(state: ClusterState): PodState[] {
  return state.pods.filter((p) => AGENT_POD.test(p.name) || p.containers.some((c) => c.name === AGENT_CONTAINER));
}

/** Whether `at` comes before `later` in the same input (lines of different inputs cannot be ordered). */
export function before(at: Evidence, later: Evidence): boolean {
  return at.source === later.source && at.line < later.line;
}

/** Whether a line of the agent's log was printed before its start-up completed (or start-up never completed). */
export function duringStartup(agent: AgentState, at: Evidence): boolean {
  return agent.startupComplete === null ? true : before(at, agent.startupComplete);
}

/** The first fatal or panic lines of the agent, in input order. */
export function fatalLines(agent: AgentState): Evidence[] {
  return agent.log.errors
    .filter((g) => g.level === 'fatal' || g.level === 'panic')
    .flatMap((g) => g.evidence)
    .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.line - b.line));
}

/** Texts of a killed child that belongs to start-up: `bpf/init.sh`, the compiler, the datapath loader. */
const DATAPATH_CHILD = /init\.sh|compil|clang|llc|datapath|loader|Command execution/i;

const textsOf = (hit: LogSignalHit): string[] => [hit.msg, ...Object.values(hit.fields)];

export interface InitKill {
  /** The killed child (`signal: killed`) and the fatal line it caused (`context canceled`), in input order. */
  evidence: Evidence[];
  /** What was killed, in words. */
  what: string;
}

/**
 * The agent's start-up was cut short: a datapath child (`bpf/init.sh`, the BPF compiler) killed, or a
 * fatal `context canceled` of the datapath, before `Daemon initialization completed`.
 */
export function initKill(agent: AgentState): InitKill | null {
  const datapath = (hit: LogSignalHit): boolean => duringStartup(agent, hit) && textsOf(hit).some((t) => DATAPATH_CHILD.test(t));
  const killed = (agent.log.signals['child-killed'] ?? []).filter(datapath);
  const canceled = (agent.log.signals['context-canceled'] ?? []).filter((h) => (h.level === 'fatal' || h.level === 'panic') && datapath(h));
  if (killed.length === 0 && canceled.length === 0) return null;
  const first = killed[0] ?? canceled[0]!;
  const child = textsOf(first).find((t) => /init\.sh/.test(t)) ? 'bpf/init.sh' : /compil|clang|llc/i.test(textsOf(first).join(' ')) ? 'the BPF compiler' : 'the datapath loader';
  return {
    evidence: [...killed.slice(0, 2), ...canceled.slice(0, 1)].map((h) => ({ source: h.source, line: h.line })),
    what: killed.length > 0 ? `${child} was killed (\`signal: killed\`)` : 'the datapath set-up was cancelled (`context canceled`)',
  };
}

/** Events of one pod (`Pod/NAME` as kubectl names the object). */
export function podEvents(state: ClusterState, pod: string): KubeEvent[] {
  return state.events.filter((e) => e.object === `Pod/${pod}` || e.object === pod);
}

/** The kubelet's probe failures and the kills they caused, for one pod. */
export function probeKills(state: ClusterState, pod: string): KubeEvent[] {
  return podEvents(state, pod).filter(
    (e) => (e.reason === 'Unhealthy' && /(?:startup|liveness) probe failed/i.test(e.message)) || (e.reason === 'Killing' && /failed (?:startup|liveness) probe/i.test(e.message)),
  );
}

/** The agent's pod, when its name is known. */
export function podOfAgent(state: ClusterState, agent: AgentState): PodState | null {
  return agent.pod === null ? null : (state.pods.find((p) => p.name === agent.pod) ?? null);
}
