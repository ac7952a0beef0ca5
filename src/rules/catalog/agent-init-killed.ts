import type { Evidence } from '../../types/evidence.js';
import { AGENT_CONTAINER, agentPods, initKill, probeKills } from '../agent-lifecycle.js';
import { firstLines } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

/** Exit code of a container killed by SIGKILL (128 + 9). */
const SIGKILL_EXIT = 137;

export const rule: Rule = {
  meta: {
    name: 'agent-init-killed',
    severity: 'error',
    title: 'The agent was killed during initialisation',
    meaning:
      'The agent did not finish start-up: a datapath child (`bpf/init.sh`, the BPF compiler) was killed, or the datapath set-up ' +
      'was cancelled, before `Daemon initialization completed`; or the agent container exited with 137 after failed startup or ' +
      'liveness probes. The kubelet killed the agent while it was still compiling its BPF programs — a slow compile on a small ' +
      'CPU limit or a startup probe that gives up too early — not a Cilium crash.',
    checkNext:
      '`kubectl -n kube-system describe pod <agent>` (Startup/Liveness probe failures, Last State exit code 137); raise the ' +
      'startupProbe failureThreshold (Helm `startupProbe.failureThreshold`) or the agent\'s CPU request/limit.',
    reads: ['L', 'K'],
    messages: {
      log:
        '{{agent}}: {{what}} before the agent completed its start-up. The agent was stopped mid-initialisation — usually by the ' +
        'kubelet after the startup or liveness probe failed while BPF programs were still compiling. Check the pod\'s probe ' +
        'failures (`kubectl -n kube-system describe pod {{pod}}`) and raise the startup probe threshold or the agent\'s CPU.',
      probe:
        '{{pod}}: the {{container}} container last exited with code 137 (SIGKILL) and the kubelet reports {{probes}}: it was killed ' +
        'by its probe before it became ready. Raise the startup probe threshold (Helm `startupProbe.failureThreshold`) or the ' +
        'agent\'s CPU, and read the previous container\'s log (`kubectl -n kube-system logs {{pod}} -p`) for how far start-up got.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    const reported = new Set<string>();
    for (const agent of state.agents) {
      const kill = initKill(agent);
      if (!kill) continue;
      const pod = agent.pod ?? 'the agent pod';
      const events = agent.pod ? probeKills(state, agent.pod) : [];
      if (agent.pod) reported.add(agent.pod);
      drafts.push({
        messageId: 'log',
        data: { agent: agent.node?.value ?? agent.pod ?? 'this agent', what: kill.what, pod },
        node: agent.node?.value ?? null,
        evidence: [...kill.evidence, ...events.flatMap((e) => e.evidence.slice(0, 1))],
      });
    }
    for (const pod of agentPods(state)) {
      if (reported.has(pod.name)) continue;
      const container = pod.containers.find((c) => c.name === AGENT_CONTAINER) ?? (pod.containers.length === 1 ? pod.containers[0]! : null);
      const last = container?.lastState;
      if (!container || last?.exitCode !== SIGKILL_EXIT || last.reason === 'OOMKilled') continue;
      const events = probeKills(state, pod.name);
      if (events.length === 0) continue;
      const kinds = [...new Set(events.map((e) => (/startup/i.test(e.message) ? 'startup probe failures' : 'liveness probe failures')))];
      const evidence: Evidence[] = [...firstLines(container.evidence, 1), ...events.slice(0, 3).flatMap((e) => e.evidence.slice(0, 1))];
      drafts.push({
        messageId: 'probe',
        data: { pod: pod.name, container: container.name, probes: kinds.join(' and ') },
        node: pod.node,
        evidence,
      });
    }
    return drafts;
  },
};
