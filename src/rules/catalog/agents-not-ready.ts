import type { Evidence } from '../../types/evidence.js';
import type { ClusterState } from '../../types/state.js';
import { agentPods, fatalLines } from '../agent-lifecycle.js';
import type { FindingDraft, Rule } from '../types.js';

/** The agent DaemonSet's name in cilium-cli status. */
const AGENT_DAEMONSET = 'cilium';
/** Pod states of an agent that is not running. */
const DOWN_STATES = /CrashLoopBackOff|^Error$|ImagePullBackOff|ErrImagePull|CreateContainerConfigError/;

/** `3 errors` / `1 errors, 2 warnings` of a cilium-cli summary: the error count. */
function errorCount(summary: string): number {
  const m = /(\d+)\s+errors?\b/.exec(summary);
  return m ? Number(m[1]) : 0;
}

/** What the inputs say is down: the agent DaemonSet's counts, the `Cilium:` summary, pods that crash-loop. */
function notReady(state: ClusterState): { said: string[]; pods: string[]; evidence: Evidence[] } {
  const said: string[] = [];
  const pods: string[] = [];
  const evidence: Evidence[] = [];
  const cli = state.cliStatus.at(-1);
  const ds = cli?.workloads.find((w) => w.kind === 'DaemonSet' && w.name === AGENT_DAEMONSET);
  if (ds && ds.desired !== null && ds.ready !== null && ds.ready < ds.desired) {
    said.push(`the ${AGENT_DAEMONSET} DaemonSet has ${ds.ready}/${ds.desired} agents ready`);
    evidence.push(ds);
  }
  const summary = cli?.components.find((c) => c.name === 'Cilium');
  if (summary && errorCount(summary.summary) > 0) {
    said.push(`cilium-cli reports \`Cilium: ${summary.summary}\``);
    evidence.push(summary);
    for (const m of cli!.messages.filter((x) => x.severity === 'error' && (x.workload === AGENT_DAEMONSET || x.workload === null)).slice(0, 3)) {
      evidence.push(m);
      if (m.pod) pods.push(m.pod);
    }
  }
  for (const pod of agentPods(state)) {
    const down = [pod.phase, ...pod.containers.map((c) => c.reason)].find((s) => s !== null && DOWN_STATES.test(s));
    if (!down) continue;
    said.push(`${pod.name}${pod.node ? ` on ${pod.node}` : ''} is in ${down}`);
    pods.push(pod.name);
    evidence.push(...pod.evidence.slice(0, 1));
  }
  return { said, pods: [...new Set(pods)], evidence };
}

export const rule: Rule = {
  meta: {
    name: 'agents-not-ready',
    severity: 'error',
    title: 'Some Cilium agents are down',
    meaning:
      'cilium-cli status counts fewer ready agents than the DaemonSet wants (`DaemonSet cilium Desired: N, Ready: M/N`), its ' +
      '`Cilium:` summary reports errors, or agent pods crash-loop. Nodes without a running agent do not program new pods, ' +
      'policies or services, and their health reports are stale.',
    checkNext:
      'The last fatal line of the down agents\' logs (`kubectl -n kube-system logs <agent> -p`), `kubectl -n kube-system describe ' +
      'pod <agent>` (last state, exit code, events), `cilium status` Errors rows.',
    reads: ['S', 'K', 'L'],
    messages: {
      down: 'Expected every agent ready; {{said}}.{{fatal}} Read the down agents\' last fatal line (`kubectl -n kube-system logs <agent> -p`) and `kubectl -n kube-system describe pod` for their last state.',
    },
  },
  check({ state }) {
    const { said, pods, evidence } = notReady(state);
    if (said.length === 0) return [];
    // The fatal lines of the agents named as down, or of every agent when none is named.
    const named = state.agents.filter((a) => a.pod !== null && pods.includes(a.pod));
    const fatal = (named.length > 0 ? named : state.agents).flatMap((a) => fatalLines(a).slice(-1).map((e) => ({ agent: a, e })));
    const draft: FindingDraft = {
      messageId: 'down',
      data: {
        said: said.join('; '),
        fatal: fatal.length > 0 ? ` The last fatal line${fatal.length === 1 ? '' : 's'} of ${fatal.map((f) => f.agent.pod ?? f.agent.node?.value ?? f.agent.key).join(', ')} ${fatal.length === 1 ? 'is' : 'are'} quoted.` : '',
      },
      node: null,
      evidence: [...evidence, ...fatal.map((f) => f.e)],
    };
    return [draft];
  },
};
