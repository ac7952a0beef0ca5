import type { Evidence } from '../../types/evidence.js';
import type { FindingDraft, Rule } from '../types.js';

const OK = new Set(['Ok', 'OK', 'Disabled']);

/** `etcd: 1/1 connected, has-quorum=false: …` (1.5+; 1.8+ may append the quorum error after it). */
const NO_QUORUM = /\bhas-quorum=false\b/;

export const rule: Rule = {
  meta: {
    name: 'agent-not-ok',
    specId: 'HLT-05',
    severity: 'critical',
    title: 'cilium status reports the agent, Kubernetes or the kvstore unhealthy, or cannot reach the agent',
    meaning: 'The agent is degraded: it may not program new endpoints, policies or services.',
    checkNext: 'Agent logs at level=error / fatal; connectivity to the Kubernetes API server or the kvstore.',
    reads: ['S'],
    messages: {
      unhealthy:
        'Expected Cilium, Kubernetes and KVStore Ok; status reports {{problems}}. Check the agent log errors and its API server / kvstore connectivity.',
      unreachable:
        'Expected cilium status to reach the agent; the CLI could not reach its API{{error}}: the agent is not running or not ' +
        'serving (crashing, still starting, or stuck). Check the agent log for a fatal error and the pod restarts.',
    },
  },
  check({ state }) {
    const findings: FindingDraft[] = [];
    for (const agent of state.agents) {
      const facts = agent.status?.facts;
      if (!facts) continue;
      const unreachable = facts.agentUnreachable;
      if (unreachable) {
        const error = unreachable.value.error;
        findings.push({ messageId: 'unreachable', data: { error: error ? ` (${error})` : '' }, node: agent.node?.value ?? null, evidence: unreachable.evidence });
        continue;
      }
      const problems: string[] = [];
      const evidence: Evidence[] = [];
      const { ciliumState: cilium, kubernetesState: k8s, kvstoreState: kvstore } = facts;
      if (cilium && !OK.has(cilium.value.state)) {
        problems.push(`Cilium: ${cilium.value.state}${cilium.value.reason ? ` (${cilium.value.reason})` : ''}`);
        evidence.push(...cilium.evidence);
      }
      if (k8s && !OK.has(k8s.value.state)) {
        problems.push(`Kubernetes: ${k8s.value.state}${k8s.value.message ? ` (${k8s.value.message})` : ''}`);
        evidence.push(...k8s.evidence);
      }
      if (kvstore && kvstore.value.state === 'Failure') {
        problems.push(`KVStore: Failure (${kvstore.value.message})`);
        evidence.push(...kvstore.evidence);
      } else if (kvstore && NO_QUORUM.test(kvstore.value.message)) {
        // Connected is not enough: without quorum etcd takes no writes, so identities and node entries cannot be allocated.
        problems.push(`KVStore: connected but etcd has no quorum (has-quorum=false): identities cannot be allocated, new endpoints wait for one — check the etcd members`);
        evidence.push(...kvstore.evidence);
      }
      if (problems.length === 0) continue;
      findings.push({ messageId: 'unhealthy', data: { problems: problems.join('; ') }, node: agent.node?.value ?? null, evidence });
    }
    return findings;
  },
};
