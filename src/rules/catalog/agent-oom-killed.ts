import type { Evidence } from '../../types/evidence.js';
import type { ContainerState } from '../../types/state.js';
import { AGENT_CONTAINER, agentPods, podEvents } from '../agent-lifecycle.js';
import { firstLines } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

/** The kubelet's reason for a container the kernel's OOM killer stopped at its memory limit. */
const OOM_KILLED = 'OOMKilled';

/**
 * The node problem detector's event of a kernel OOM kill (`OOMKilling`, on the Node): the kernel's
 * `Memory cgroup out of memory: Killed process PID (comm)` (a container limit) or `Out of memory: …` (the node).
 */
const KERNEL_OOM_KILL = /^(Memory cgroup out of memory|Out of memory)\b.*?Killed process \d+ \(cilium-agent\)/;

/** The agent's container of the pod (the only one when the listing names none). */
function agentContainer(containers: readonly ContainerState[]): ContainerState | null {
  return containers.find((c) => c.name === AGENT_CONTAINER) ?? (containers.length === 1 ? containers[0]! : null);
}

export const rule: Rule = {
  meta: {
    name: 'agent-oom-killed',
    severity: 'error',
    title: 'The agent container was OOM-killed',
    meaning:
      'Kubernetes reports the agent container terminated `OOMKilled` (exit code 137): the kernel\'s OOM killer stopped it at ' +
      'its memory limit (or the node ran out of memory). The agent restarts, loses its in-memory state and, repeated, crash-loops. ' +
      'Not a Cilium crash: the limit is too small for the cluster\'s identities, endpoints, services and policies, or memory grows ' +
      'over time (a leak, fixed in a later patch release).',
    checkNext:
      '`kubectl -n kube-system describe pod <agent>` (Limits, Last State) and `kubectl top pod -n kube-system`; raise the agent\'s ' +
      'memory limit (Helm `resources.limits.memory`) or remove it, and compare the memory growth with the release notes of newer ' +
      'patch releases.',
    reads: ['K'],
    messages: {
      kernel:
        '{{node}}: the kernel\'s OOM killer killed cilium-agent ({{where}}). {{advice}}',
      oomKilled:
        '{{pod}}: the {{container}} container {{when}} OOMKilled{{restarts}}: the kernel killed the agent at its memory limit. ' +
        'Raise or remove the limit (Helm `resources.limits.memory`) and watch its memory (`kubectl top pod -n kube-system {{pod}}`); ' +
        'if it keeps growing, check the release notes of newer patch releases for a memory fix.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const pod of agentPods(state)) {
      const container = agentContainer(pod.containers);
      const now = container?.reason === OOM_KILLED || (container === null && pod.phase === OOM_KILLED);
      const last = container?.lastState?.reason === OOM_KILLED;
      const listed = pod.phase === OOM_KILLED;
      if (!now && !last && !listed) continue;
      const events = podEvents(state, pod.name).filter((e) => /\bOOM/.test(e.reason ?? '') || /\bOOMKill/.test(e.message));
      const evidence: Evidence[] = [...firstLines(container && (now || last) ? container.evidence : pod.evidence, 1), ...events.slice(0, 2).flatMap((e) => firstLines(e.evidence, 1))];
      const restarts = container?.restarts ?? pod.restarts;
      drafts.push({
        messageId: 'oomKilled',
        data: {
          pod: pod.name,
          container: container?.name ?? AGENT_CONTAINER,
          when: now || (listed && !last) ? 'is' : 'last terminated',
          restarts: restarts ? ` (restarted ${restarts} times)` : '',
        },
        node: pod.node,
        evidence,
      });
    }
    for (const e of state.events) {
      const kill = e.reason === 'OOMKilling' ? KERNEL_OOM_KILL.exec(e.message) : null;
      if (!kill) continue;
      const node = e.object?.replace(/^node\//i, '') ?? null;
      const same = drafts.find((d) => d.node !== null && d.node === node);
      if (same) {
        same.evidence.push(...firstLines(e.evidence, 1));
        continue;
      }
      const cgroup = kill[1] === 'Memory cgroup out of memory';
      drafts.push({
        messageId: 'kernel',
        data: {
          node: node ?? 'A node',
          where: cgroup ? 'at its container\'s memory limit' : 'the node ran out of memory',
          advice: cgroup
            ? 'Raise or remove the agent\'s memory limit (Helm `resources.limits.memory`) and watch its memory.'
            : 'The node ran out of memory as a whole: find what uses it (`kubectl top pods -A --sort-by=memory`) and reserve memory for system pods.',
        },
        node,
        evidence: firstLines(e.evidence, 1),
      });
    }
    return drafts;
  },
};
