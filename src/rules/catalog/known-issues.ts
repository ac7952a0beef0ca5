import {
  CONNECT_FIX_KERNEL,
  KNOWN_ISSUES,
  VETH_QUEUE_RECORDING_KERNELS,
  type KnownIssue,
  type KnownIssueClause,
  type KnownIssueCondition,
  type KnownIssueObservation,
} from '../../knowledge/known-issues.js';
import { describeRange, parseVersion, versionWithin, type CiliumVersion } from '../../knowledge/versions.js';
import { datapathConfig, type DatapathConfig } from '../../model/index.js';
import type { Evidence } from '../../types/evidence.js';
import type { Observation, ObservedHop, ReplayedFlow } from '../../types/flows.js';
import type { AgentState, ClusterState, Fact, NodeState } from '../../types/state.js';
import { agentRelease, agentVersion, firstLines, flag, lastLine } from '../agents.js';
import { evidenceOf } from '../flow-queries.js';
import { staleHealthIps, staleHealthProbeDrops } from '../health-ips.js';
import { dropsMidStream, lostState, lostStateEvidence, seesWorld, worldSightings, type LostState, type WorldSighting } from '../lost-state.js';
import type { FindingDraft, Rule } from '../types.js';

/** One agent and what the conditions read about it. */
interface Subject {
  agent: AgentState;
  cfg: DatapathConfig;
  state: ClusterState;
  flows: FlowFacts;
}

/** What the conditions read of the flows, taken in one pass over them (each pass replays them again). */
interface FlowFacts {
  staleProbeDrops: Observation[];
  lost: LostState[];
  world: WorldSighting[];
  /** Request hops of pod→world flows that went up the stack, with the node of the flow's client. */
  viaStack: { clientNode: string | null; hop: ObservedHop }[];
}

function flowFacts(state: ClusterState, flows: Iterable<ReplayedFlow>): FlowFacts {
  const facts: FlowFacts = { staleProbeDrops: [], lost: [], world: [], viaStack: [] };
  for (const f of flows) {
    facts.staleProbeDrops.push(...staleHealthProbeDrops(state, [f]));
    facts.lost.push(...lostState(state, [f]));
    facts.world.push(...worldSightings(state, [f]));
    if (f.class !== 'F7') continue;
    for (const hop of f.observed) {
      const upTheStack = (hop.at.kind === 'trace' && hop.at.point === 'to-stack') || (hop.at.kind === 'capture' && hop.at.device === 'native' && hop.ttl === 62);
      if (hop.leg === 'request' && upTheStack) facts.viaStack.push({ clientNode: f.client.node, hop });
    }
  }
  return facts;
}

/** The lines that show a condition holds (empty when it holds by default), or null when it does not (or is unknown). */
type Probe = (s: Subject) => Evidence[] | null;

const setting = (f: Fact<unknown> | null | undefined): Evidence[] => (f ? lastLine(f) : []);

function kprForcesOn(agent: AgentState): Evidence[] | null {
  const kpr = flag(agent, 'kube-proxy-replacement');
  return kpr && ['strict', 'true'].includes(kpr.value.toLowerCase()) ? lastLine(kpr) : null;
}

function nodeOf(s: Subject): NodeState | null {
  const name = s.agent.node?.value.toLowerCase();
  return s.state.nodes.find((n) => n.name.toLowerCase() === name) ?? null;
}

function kernelOf(s: Subject): { version: CiliumVersion; evidence: Evidence[] } | null {
  const node = nodeOf(s);
  const version = node?.kernelVersion ? parseVersion(node.kernelVersion) : null;
  return node && version ? { version, evidence: node.evidence.slice(0, 1) } : null;
}

/** Backends behind the ClusterIPs of several services in the agent's listing (every listing when it is the only agent). */
function sharedBackends(s: Subject): Evidence[] | null {
  const { agent, state } = s;
  const own = state.services.filter((v) => v.type === 'ClusterIP' && (state.agents.length === 1 || v.agent === null || v.agent === agent.key || v.agent === agent.status?.key));
  const byBackend = new Map<string, Map<string, Evidence>>();
  for (const v of own) {
    const vip = v.vip ?? v.frontend.replace(/:\d+$/, '');
    for (const b of v.backends) {
      const vips = byBackend.get(b.address) ?? new Map<string, Evidence>();
      vips.set(vip, v.evidence[0]!);
      byBackend.set(b.address, vips);
    }
  }
  const shared = [...byBackend.values()].filter((vips) => vips.size > 1);
  return shared.length > 0 ? shared.flatMap((vips) => [...vips.values()]).slice(0, 6) : null;
}

const CONDITIONS: Readonly<Record<KnownIssueCondition, Probe>> = {
  tunnel: ({ cfg }) => (cfg.routing === 'tunnel' ? (cfg.evidence.routing ?? []) : null),
  'bpf-host-routing': ({ cfg }) => (cfg.hostRouting === 'bpf' ? (cfg.evidence.hostRouting ?? []) : null),
  'bpf-host-routing-wanted': ({ agent }) => {
    const legacy = flag(agent, 'enable-host-legacy-routing');
    return legacy && legacy.value !== 'true' ? lastLine(legacy) : null;
  },
  'bpf-nodeport': ({ cfg, agent }) => (cfg.nodePort === true ? setting(agent.nodePort) : null),
  'xdp-acceleration': ({ cfg, agent }) =>
    cfg.acceleration !== null && cfg.acceleration !== 'disabled' ? setting(agent.status?.facts.xdp ?? flag(agent, 'bpf-lb-acceleration')) : null,
  'bpf-masquerade': ({ cfg }) => (cfg.masqueradeImpl === 'bpf' ? (cfg.evidence.masquerade ?? []) : null),
  'socket-lb': ({ cfg, agent }) =>
    cfg.socketLB === true ? (cfg.evidence.socketLB ?? [...setting(flag(agent, 'bpf-lb-sock')), ...(kprForcesOn(agent) ?? [])]) : null,
  dsr: ({ agent }) => {
    const mode = flag(agent, 'bpf-lb-mode') ?? agent.status?.facts.lbMode ?? null;
    return mode && ['dsr', 'hybrid'].includes(mode.value.toLowerCase()) ? setting(mode) : null;
  },
  'bpf-hostport': ({ agent }) => {
    const printed = agent.status?.facts.hostPort;
    if (printed) return printed.value ? printed.evidence : null;
    const configured = flag(agent, 'enable-host-port');
    return configured?.value === 'true' ? lastLine(configured) : kprForcesOn(agent);
  },
  'shared-backend': sharedBackends,
  'kernel-veth-queue-recording': (s) => {
    const kernel = kernelOf(s);
    return kernel && versionWithin(kernel.version, VETH_QUEUE_RECORDING_KERNELS) ? kernel.evidence : null;
  },
  'host-firewall': ({ agent }) => {
    const printed = agent.status?.facts.hostFirewall;
    if (printed) return printed.value ? printed.evidence : null;
    const configured = flag(agent, 'enable-host-firewall');
    return configured?.value === 'true' ? lastLine(configured) : null;
  },
  'kernel-without-connect-fix': (s) => {
    const kernel = kernelOf(s);
    if (!kernel) return [];
    return versionWithin(kernel.version, { from: CONNECT_FIX_KERNEL }) ? null : kernel.evidence;
  },
};

const CONDITION_LABELS: Readonly<Record<KnownIssueCondition, string>> = {
  tunnel: 'tunnel routing',
  'bpf-host-routing': 'BPF host routing',
  'bpf-host-routing-wanted': 'BPF host routing not disabled',
  'bpf-nodeport': 'BPF NodePort',
  'xdp-acceleration': 'XDP acceleration',
  'bpf-masquerade': 'BPF masquerading',
  'socket-lb': 'socket-LB',
  dsr: 'DSR load balancing',
  'bpf-hostport': 'BPF HostPort',
  'shared-backend': 'a backend behind several service ClusterIPs',
  'kernel-veth-queue-recording': 'a kernel recording the veth RX queue',
  'kernel-without-connect-fix': `a kernel not known to carry the ${CONNECT_FIX_KERNEL} kernel_connect fixes`,
  'host-firewall': 'the host firewall',
};

/** Pod→world flows from this agent's node that went up the stack: `-> stack` traced, or TTL 62 on the native device. */
function podToWorldViaStack(s: Subject): Evidence[] | null {
  const node = s.agent.node?.value ?? null;
  const own = (clientNode: string | null) => (clientNode === null ? s.state.agents.length === 1 : clientNode === node);
  const hops = s.flows.viaStack.filter((v) => own(v.clientNode)).map((v) => v.hop);
  return hops.length > 0 ? evidenceOf(...hops.slice(0, 3).map((h) => h.observation)) : null;
}

function hostRoutingLegacy({ agent }: Subject): Evidence[] | null {
  const printed = agent.status?.printed.hostRouting;
  const logged = (agent.log.signals['host-routing-fallback'] ?? []).filter((l) => l.msg.includes('only available in native routing mode'));
  const evidence = [...(printed?.value === 'Legacy' ? printed.evidence : []), ...firstLines(logged, 1)];
  return evidence.length > 0 ? evidence : null;
}

/** NFS/SMB mount failures of pods on the agent's node (Kubernetes events). */
function nfsSmbMountFailures({ agent, state }: Subject): Evidence[] | null {
  const node = agent.node?.value ?? null;
  const podNode = (object: string | null) => state.pods.find((p) => `Pod/${p.name}` === object)?.node ?? null;
  const failures = state.events.filter(
    (e) =>
      (e.reason === 'FailedMount' || /MountVolume/.test(e.message)) &&
      /\b(?:nfs|cifs|smb)\b/i.test(e.message) &&
      (podNode(e.object) === null ? state.agents.length === 1 : podNode(e.object) === node),
  );
  return failures.length > 0 ? failures.slice(0, 3).flatMap((e) => e.evidence.slice(0, 1)) : null;
}

/** Whether an observation was made on the agent's node (the only agent's, when it is alone). */
function atAgent(s: Subject, place: string, node: string | null): boolean {
  const own = s.agent.node?.value ?? null;
  return (own !== null && (node === own || place === own)) || place === `agent:${s.agent.key}` || (s.state.agents.length === 1 && node === null);
}

/** The health-ip-stale signature where this agent is the one probing a stale IP, or drops probes sent to one. */
function healthIpStale(s: Subject): Evidence[] | null {
  const own = s.agent.node?.value.toLowerCase() ?? null;
  const stale = staleHealthIps(s.state).flatMap((x) => x.stale.filter((p) => own !== null && p.reporter.toLowerCase() === own).map((p) => p.evidence));
  const drops = s.flows.staleProbeDrops.filter((o) => atAgent(s, o.place, o.node));
  const evidence = [...stale, ...evidenceOf(...drops)].slice(0, 3);
  return evidence.length > 0 ? evidence : null;
}

const OBSERVATIONS: Readonly<Record<KnownIssueObservation, Probe>> = {
  'health-ip-stale': healthIpStale,
  'ct-entries-lost': (s) => {
    const lost = s.flows.lost.filter((l) => atAgent(s, l.o.place, l.o.node));
    return lost.length > 0 ? lostStateEvidence(lost).slice(0, 3) : null;
  },
  'identity-world-for-cluster-ip': (s) => {
    const seen = s.flows.world.filter((w) => atAgent(s, w.o.place, w.o.node));
    return seen.length > 0 ? evidenceOf(...seen.slice(0, 3).map((w) => w.o)) : null;
  },
  'pod-to-world-via-stack': podToWorldViaStack,
  'host-routing-legacy': hostRoutingLegacy,
  'nfs-smb-mount-failures': nfsSmbMountFailures,
  'routing-rules-af-unsupported': ({ agent }) => {
    const failed = (agent.log.signals['routing-rules-af-unsupported'] ?? []).filter((h) => h.level === 'error' || h.level === 'fatal');
    return failed.length > 0 ? firstLines(failed, 2) : null;
  },
  'eni-error-outside-eni': ({ agent }) => {
    const mode = flag(agent, 'ipam');
    if (!mode || mode.value === 'eni') return null;
    const failed = (agent.log.signals['eni-not-found'] ?? []).filter((h) => h.level === 'error' || h.level === 'fatal');
    return failed.length > 0 ? [...lastLine(mode), ...firstLines(failed, 1)] : null;
  },
  'hostport-collision-logged': ({ agent }) => {
    const logged = agent.log.signals['hostport-in-nodeport-range'];
    return logged ? firstLines(logged, 3) : null;
  },
};

type ReleaseMatch = 'in' | 'unverified' | 'unknown';

/** Whether the agent's release is one the clause names, one nobody checked, or unknown (null: outside). */
function releaseMatch(issue: KnownIssue, clause: KnownIssueClause, v: CiliumVersion | null): ReleaseMatch | null {
  const everyRelease = clause.releases.from === undefined && clause.releases.to === undefined;
  if (everyRelease) return 'in';
  if (v === null) return 'unknown';
  if (versionWithin(v, clause.releases)) return 'in';
  return issue.unverified?.some((r) => versionWithin(v, r)) ? 'unverified' : null;
}

interface Match {
  release: ReleaseMatch;
  conditions: KnownIssueCondition[];
  evidence: Evidence[];
}

function matchIssue(issue: KnownIssue, s: Subject, v: CiliumVersion | null): Match | null {
  const matches: Match[] = [];
  for (const clause of issue.appliesTo) {
    const release = releaseMatch(issue, clause, v);
    if (release === null) continue;
    const found = clause.when.map((c) => CONDITIONS[c](s));
    if (found.some((e) => e === null)) continue;
    matches.push({ release, conditions: [...clause.when], evidence: found.flatMap((e) => e!) });
  }
  const rank: Record<ReleaseMatch, number> = { in: 0, unverified: 1, unknown: 2 };
  return matches.sort((a, b) => rank[a.release] - rank[b.release])[0] ?? null;
}

const RELEASE_NOTES: Readonly<Record<ReleaseMatch, string>> = {
  in: '',
  unverified: ' This release was not checked against the issue: it may be affected.',
  unknown: ' The release is unknown; the issue applies to {{ranges}}.',
};

export const rule: Rule = {
  meta: {
    name: 'known-issues',
    severity: 'info',
    title: 'A known Cilium issue applies to this configuration and release',
    meaning:
      'Version-specific known issues and limitations BUG-01…BUG-09 (datapath-model.md §6.5) and regressions recognised in the field ' +
      '(FIELD-01…, each with the release that fixed it): reported as info where the configuration and ' +
      'release match, as a warning where an observation shows the issue happening. They explain behaviour that would ' +
      'otherwise look like a divergence.',
    checkNext: 'The issue reference; the release where it is fixed.',
    reads: ['C', 'S', 'L', 'M', 'T', 'K'],
    messages: {
      applies: '{{id}} applies on {{node}} ({{release}}{{conditions}}): {{title}}. {{effect}} Fixed in: {{fixed}}. See {{references}}.{{note}}',
      observed:
        '{{id}} observed on {{node}} ({{release}}{{conditions}}): {{observation}}. {{title}}: {{effect}} Fixed in: {{fixed}}. See {{references}}.{{note}}',
    },
  },
  flows: (flow, state) => flow.class === 'F7' || dropsMidStream(flow) || seesWorld(flow) || staleHealthProbeDrops(state, [flow]).length > 0,
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    const facts = flowFacts(state, flows);
    for (const agent of state.agents) {
      const subject: Subject = { agent, cfg: datapathConfig(agent), state, flows: facts };
      const v = agentVersion(agent);
      const release = agentRelease(agent);
      for (const issue of KNOWN_ISSUES) {
        if (issue.withdrawn) continue;
        const match = matchIssue(issue, subject, v);
        if (!match) continue;
        const observed = issue.observation ? OBSERVATIONS[issue.observation.key](subject) : null;
        // Without its observation, a workload-gated issue, or one whose release is unknown, is not reported.
        if (!observed && (issue.workload || match.release === 'unknown')) continue;
        const evidence = [...match.evidence, ...(release && match.release !== 'unknown' ? lastLine(release) : []), ...(observed ?? [])];
        if (evidence.length === 0) continue;
        const ranges = issue.appliesTo.map((c) => describeRange(c.releases)).join(', ');
        drafts.push({
          messageId: observed ? 'observed' : 'applies',
          severity: observed ? 'warning' : 'info',
          title: `${issue.id}: ${issue.title}`,
          data: {
            id: issue.id,
            title: issue.title,
            node: agent.node?.value ?? agent.pod ?? 'this agent',
            release: release?.value ?? 'release unknown',
            conditions: match.conditions.length > 0 ? `; ${match.conditions.map((c) => CONDITION_LABELS[c]).join(', ')}` : '',
            effect: issue.effect,
            fixed: issue.fixedIn ?? 'not fixed (a limitation)',
            references: issue.references.join(', '),
            observation: issue.observation?.text ?? '',
            note: RELEASE_NOTES[match.release].replace('{{ranges}}', ranges),
          },
          node: agent.node?.value ?? null,
          evidence,
        });
      }
    }
    return drafts;
  },
};
