import { NODE_POD_CIDR_MISSING } from '../../knowledge/agent-messages.js';
import { carrying, firstLines, flag } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

/** What assigns a node its pod CIDR, by IPAM mode, and where to look when it did not. */
const ASSIGNED_BY: Readonly<Record<string, string>> = {
  kubernetes:
    'With `ipam: kubernetes` the pod CIDR is the Node\'s `spec.podCIDR`, which kube-controller-manager sets only with ' +
    '`--allocate-node-cidrs=true` and a `--cluster-cidr`: enable it, or switch to `ipam: cluster-pool`',
  'cluster-pool':
    'With `ipam: cluster-pool` the operator writes the pod CIDR into the CiliumNode: check that cilium-operator runs and that ' +
    '`cluster-pool-ipv4-cidr` has a free block of `cluster-pool-ipv4-mask-size` left for this node',
};

export const rule: Rule = {
  meta: {
    name: 'node-pod-cidr-missing',
    severity: 'error',
    title: 'The agent waits for a pod CIDR its node does not have',
    meaning:
      'The agent needs a pod CIDR for its node before it can allocate pod addresses and logs `Waiting for k8s node information` ' +
      'with `required IPv4 PodCIDR not available` (≤1.9: `… pod CIDR not present in node resource`) until one appears: nothing ' +
      'assigned the node a pod CIDR. With `ipam: kubernetes` kube-controller-manager must allocate node CIDRs; with cluster-pool ' +
      'the operator must, from a pool with room left. Pods on the node stay in ContainerCreating.',
    checkNext:
      '`kubectl get node <node> -o jsonpath={.spec.podCIDR}` (ipam kubernetes: kube-controller-manager `--allocate-node-cidrs`) or ' +
      '`kubectl get ciliumnode <node> -o yaml` `spec.ipam.podCIDRs` and the cilium-operator log (cluster-pool).',
    reads: ['L', 'C'],
    messages: {
      missing:
        '{{agent}} waits for its node\'s {{family}} pod CIDR ({{count}} time(s): "{{error}}"): nothing assigned one, so the agent ' +
        'cannot allocate pod addresses. {{assignedBy}}.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      const waits = (agent.log.signals['node-pod-cidr-missing'] ?? []).filter((h) => h.level !== 'debug');
      if (waits.length === 0) continue;
      const error = carrying(waits[0]!, NODE_POD_CIDR_MISSING);
      const ipam = flag(agent, 'ipam')?.value.toLowerCase() ?? '';
      drafts.push({
        messageId: 'missing',
        data: {
          agent: agent.node?.value ?? agent.pod ?? 'The agent',
          family: /IPv6/.test(error) ? 'IPv6' : 'IPv4',
          count: waits.length,
          error,
          assignedBy:
            ASSIGNED_BY[ipam] ??
            `Check who assigns the node's pod CIDR: kube-controller-manager's \`--allocate-node-cidrs\` (ipam kubernetes) or cilium-operator (cluster-pool)`,
        },
        node: agent.node?.value ?? null,
        evidence: firstLines(waits, 2),
      });
    }
    return drafts;
  },
};
