import { CNI_IPAM_FAILURE, IPAM_RANGE_FULL, POD_CIDR_POOL_EMPTY } from '../../knowledge/agent-messages.js';
import type { ClusterState, KubeEvent } from '../../types/state.js';
import { carrying, firstLines } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

/** From this share of the pool allocated on, new pods may soon get no address (HLT-08). */
export const NEARLY_FULL = 0.95;

export const rule: Rule = {
  meta: {
    name: 'ipam-exhausted',
    specId: 'HLT-08',
    severity: 'error',
    title: 'IPAM pool of the node is (nearly) exhausted',
    meaning:
      'New pods on this node cannot get an address: PodCIDR too small for max pods, leaked IPs, or ranges conflicting with the pool.',
    checkNext: '`cilium status --verbose` allocated addresses and their owners; `cluster-pool-ipv4-mask-size`.',
    reads: ['S', 'L', 'K'],
    messages: {
      logged:
        '{{agent}} could not allocate {{what}}: IPAM answered "{{error}}"{{stopped}}.{{routes}} Check the allocated addresses ' +
        '(`cilium status --all-addresses`) and the node\'s pod CIDR size.',
      sandbox:
        '{{count}} pod sandbox creation(s){{node}} failed for lack of an address: the CNI plugin reports the agent\'s IPAM "{{error}}". ' +
        'The node\'s pool is exhausted: check `cilium status --all-addresses` on its agent for leaked owners, the per-node pool ' +
        'size (cluster-pool-ipv4-mask-size, or the node\'s podCIDR) against max pods, and in ENI/Azure/CRD mode the operator\'s ' +
        'pre-allocation and the instance\'s address limits.',
      operatorPool:
        'The operator could not allocate pod CIDRs to {{count}} node(s) ({{nodes}}): "{{error}}". The pool has no CIDR left for ' +
        'them, so their agents wait for a pod CIDR and new pods there get no address: add CIDRs to the pool (CiliumPodIPPool, ' +
        'cluster-pool-ipv4-cidr) or free the CIDRs of removed nodes; check the CiliumNodes\' status.ipam.operator-status.',
      exhausted:
        'Expected free {{family}} addresses; IPAM has {{used}}/{{size}} allocated{{from}}. ' +
        'Check the allocated addresses for leaked owners and the per-node pool size.',
    },
  },
  check({ state }) {
    const findings: FindingDraft[] = [...loggedFull(state), ...sandboxFailures(state), ...operatorPoolEmpty(state)];
    for (const agent of state.agents) {
      const ipam = agent.status?.facts.ipam;
      for (const pool of ipam?.value.pools ?? []) {
        if (pool.size === null || pool.size === 0 || pool.used < NEARLY_FULL * pool.size) continue;
        findings.push({
          messageId: 'exhausted',
          data: { family: pool.family, used: pool.used, size: pool.size, from: pool.from ? ` from ${pool.from}` : '' },
          severity: pool.used >= pool.size ? 'error' : 'warning',
          node: agent.node?.value ?? null,
          evidence: ipam!.evidence,
        });
      }
    }
    return findings;
  },
};

/** Agents whose own log says their IPAM range is full (at start-up, the health endpoint's address). */
function loggedFull(state: ClusterState): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const agent of state.agents) {
    const full = (agent.log.signals['ipam-range-full'] ?? []).filter((h) => h.level === 'error' || h.level === 'fatal' || h.level === 'warning');
    if (full.length === 0) continue;
    const first = full[0]!;
    const routes = agent.log.signals['route-no-alloc'] ?? [];
    const excluded = routes.map((r) => r.fields['route']).filter((r): r is string => Boolean(r));
    drafts.push({
      messageId: 'logged',
      data: {
        agent: agent.node?.value ?? agent.pod ?? 'The agent',
        what: /health/i.test(first.msg) ? 'the address of its health endpoint' : 'a pod address',
        error: carrying(first, IPAM_RANGE_FULL),
        stopped: full.some((h) => h.level === 'fatal') ? ' and exited' : '',
        routes:
          excluded.length > 0
            ? ` The agent excluded the addresses of host routes from IPAM (${[...new Set(excluded)].join(', ')}): a route covering the ` +
              'pod CIDR (another CNI\'s bridge, docker) leaves nothing to allocate; remove it or its CNI configuration under /etc/cni/net.d.'
            : '',
      },
      severity: 'error',
      node: agent.node?.value ?? null,
      evidence: [...firstLines(routes, 1), ...firstLines(full, 2)],
    });
  }
  return drafts;
}

/** The operator's refusals of pod CIDRs because the pool is empty, one finding per operator log. */
function operatorPoolEmpty(state: ClusterState): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const agent of state.agents) {
    const refused = (agent.log.signals['pod-cidr-allocation-failed'] ?? []).filter((h) => POD_CIDR_POOL_EMPTY.test(h.fields['error'] ?? ''));
    if (refused.length === 0) continue;
    const nodes = [...new Set(refused.map((h) => h.fields['nodeName'] ?? h.fields['node'] ?? '').filter((n) => n !== ''))];
    drafts.push({
      messageId: 'operatorPool',
      data: { count: Math.max(nodes.length, 1), nodes: nodes.length > 0 ? nodes.join(', ') : 'not named', error: refused[0]!.fields['error']! },
      severity: 'error',
      node: null,
      evidence: firstLines(refused, 3),
    });
  }
  return drafts;
}

/** The kubelet's sandbox failures where the CNI plugin relayed the agent's IPAM refusal, per node. */
function sandboxFailures(state: ClusterState): FindingDraft[] {
  const failures = state.events.filter(
    (e) => e.reason === 'FailedCreatePodSandBox' && e.message.includes(CNI_IPAM_FAILURE) && IPAM_RANGE_FULL.some((t) => e.message.includes(t)),
  );
  const nodeOf = (e: KubeEvent): string | null => {
    const pod = e.object?.replace(/^pod\//i, '') ?? null;
    return state.pods.find((p) => p.name === pod && (e.namespace === null || p.namespace === null || p.namespace === e.namespace))?.node ?? null;
  };
  const byNode = new Map<string | null, KubeEvent[]>();
  for (const e of failures) byNode.set(nodeOf(e), [...(byNode.get(nodeOf(e)) ?? []), e]);
  return [...byNode].map(([node, events]) => ({
    messageId: 'sandbox',
    data: {
      count: events.reduce((n, e) => n + (e.count ?? 1), 0),
      node: node ? ` on ${node}` : '',
      error: IPAM_RANGE_FULL.find((t) => events[0]!.message.includes(t))!,
    },
    severity: 'error' as const,
    node,
    evidence: events.slice(0, 3).flatMap((e) => firstLines(e.evidence, 1)),
  }));
}
