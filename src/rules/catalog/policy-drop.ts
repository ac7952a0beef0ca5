import { CILIUM_PORTS, DNS_PORT } from '../../knowledge/ports.js';
import { dropCodesOf, reservedIdentity } from '../../knowledge/monitor/index.js';
import { selectMonitorGroups, type MonitorGroup } from '../../state/monitor.js';
import type { ClusterState, MonitorGroupKey } from '../../types/state.js';
import { nodeOfAgent, plural } from '../agents.js';
import { agentLabel, portOf } from '../monitor-queries.js';
import type { FindingDraft, Rule } from '../types.js';

const HEALTH_IDENTITY = reservedIdentity('health');
const INFRASTRUCTURE_PORTS = [CILIUM_PORTS.health, DNS_PORT];

/** Health probes and DNS lookups being denied break the cluster, not just one application. */
function isInfrastructure(g: MonitorGroup): boolean {
  return (
    g.key.src_identity_num === HEALTH_IDENTITY ||
    g.key.dst_identity_num === HEALTH_IDENTITY ||
    (g.key.dst_port !== null && g.key.dst_port !== undefined && INFRASTRUCTURE_PORTS.includes(g.key.dst_port))
  );
}

const GROUP_BY: readonly MonitorGroupKey[] = ['agent', 'drop_reason', 'drop_code', 'src_identity', 'dst_identity', 'src_identity_num', 'dst_identity_num', 'dest_ep', 'protocol', 'dst_port'];
const VERDICT_GROUP_BY: readonly MonitorGroupKey[] = [
  'agent', 'src_identity', 'dst_identity', 'src_identity_num', 'dst_identity_num', 'dest_ep', 'source_ep', 'protocol', 'dst_port', 'direction', 'policy_match',
];

/** A verdict names only the remote identity; it is covered when a drop group shares it, port and agent. */
function coveredBy(verdict: MonitorGroup, drops: MonitorGroup[]): boolean {
  return drops.some(
    (d) =>
      d.key.agent === verdict.key.agent &&
      d.key.dst_port === verdict.key.dst_port &&
      d.key.protocol === verdict.key.protocol &&
      (verdict.key.src_identity === null || d.key.src_identity === verdict.key.src_identity) &&
      (verdict.key.dst_identity === null || d.key.dst_identity === verdict.key.dst_identity),
  );
}

const POLICY_DROPS = dropCodesOf('Policy denied', 'Policy denied by denylist');
const DENYLIST = POLICY_DROPS[1]!;

/** `22099 (k8s:app=client, …)`: an identity with the labels the inputs give for it. */
function identityWithLabels(state: ClusterState, printed: string | number | null | undefined): string {
  if (printed === null || printed === undefined) return '?';
  const id = typeof printed === 'number' ? printed : /^\d+$/.test(printed) ? Number(printed) : null;
  if (id === null) return String(printed);
  const labels = state.identities.find((i) => i.id === id)?.labels ?? state.endpoints.find((e) => e.identity === id)?.labels ?? [];
  const shown = labels.filter((l) => !l.startsWith('k8s:io.cilium.k8s.policy.')).slice(0, 3);
  return shown.length > 0 ? `${id} (${shown.join(', ')}${labels.length > shown.length ? ', …' : ''})` : String(id);
}

/**
 * What decided a drop: a deny rule, or — for `Policy denied` — the absence of an allowing rule in
 * the direction the verdict (or the drop's destination endpoint) names, with the verdict's match type.
 */
function decision(g: MonitorGroup, verdicts: readonly MonitorGroup[]): string {
  if (g.key.drop_code === DENYLIST) return 'a deny rule matched the flow';
  const verdict = verdicts.find((v) => coveredBy(v, [g]));
  const direction = verdict?.key.direction ?? (g.key.dest_ep ? 'ingress' : 'egress');
  const local = g.key.dest_ep ? `endpoint ${g.key.dest_ep}` : 'the sending endpoint';
  if (!verdict) return `no rule allows it on ${direction} of ${local} (no policy verdict printed: \`cilium monitor -t policy-verdict\` shows the match type)`;
  return verdict.key.policy_match === 'none' || verdict.key.policy_match === null
    ? `no rule allows it on ${direction} of ${local}: default deny (verdict match none)`
    : `the ${direction} policy of ${local} (verdict match ${verdict.key.policy_match})`;
}

/** What to inspect next for a group: the policy, the endpoint's policy map, the peer identity. */
function nextSteps(g: MonitorGroup, remote: string | number | null | undefined): string {
  const ep = g.key.dest_ep || g.key.source_ep;
  const parts = ['`cilium policy get`'];
  if (ep) parts.push(`\`cilium bpf policy get ${ep}\``);
  if (remote !== null && remote !== undefined && /^\d+$/.test(String(remote))) parts.push(`\`cilium identity get ${remote}\``);
  return parts.join(', ');
}

export const rule: Rule = {
  meta: {
    name: 'policy-drop',
    specId: 'PKT-14',
    severity: 'info',
    title: 'Traffic dropped by network policy',
    meaning:
      'The datapath dropped packets because no policy rule allows the flow (`Policy denied`) or a deny rule ' +
      'matches it; policy-verdict lines with `action deny` report the same decision.',
    checkNext:
      '`cilium policy get` and `cilium endpoint get <id>` for the endpoint; `cilium identity get` for both identities; ' +
      'policy enforcement mode (`enable-policy`).',
    reads: ['M'],
    messages: {
      dropped:
        '{{packets}} dropped ({{reason}}) {{where}}: {{identities}}{{port}}{{endpoint}}. Decided by: {{decision}}. Expected the policy to ' +
        'allow the flow if it is wanted; check which rule selects endpoint{{endpointNoun}} and whether it allows this peer identity ' +
        'and port: {{next}}.',
      denied:
        '{{verdicts}} with action deny {{where}}: {{identities}}{{port}}{{local}}, {{direction}}, verdict match {{match}}. ' +
        'Check which rule selects the local endpoint and whether it allows this peer identity and port: {{next}}.',
    },
    covers: { dropCodes: POLICY_DROPS, identities: [HEALTH_IDENTITY], ports: INFRASTRUCTURE_PORTS },
  },
  check({ state }) {
    const { groups } = state.monitor;
    const drops = selectMonitorGroups(groups, { types: ['drop'], dropCodes: POLICY_DROPS }, GROUP_BY);
    const allVerdicts = selectMonitorGroups(groups, { types: ['policy-verdict'], policyActions: ['deny'] }, VERDICT_GROUP_BY);
    const verdicts = allVerdicts.filter((v) => !coveredBy(v, drops));
    const drafts: FindingDraft[] = [];
    for (const g of drops) {
      const port = portOf(g);
      drafts.push({
        messageId: 'dropped',
        data: {
          packets: plural(g.count, 'packet'),
          reason: g.key.drop_reason ?? 'unknown',
          where: agentLabel(g.key.agent),
          identities: `identity ${identityWithLabels(state, g.key.src_identity)} -> ${identityWithLabels(state, g.key.dst_identity)}`,
          port: port ? ` ${port}` : '',
          endpoint: g.key.dest_ep ? ` at endpoint ${g.key.dest_ep}` : '',
          endpointNoun: g.key.dest_ep ? ` ${g.key.dest_ep}` : 's',
          decision: decision(g, allVerdicts),
          next: nextSteps(g, g.key.dest_ep ? g.key.src_identity : g.key.dst_identity),
        },
        node: nodeOfAgent(state, String(g.key.agent)),
        severity: isInfrastructure(g) ? 'warning' : 'info',
        evidence: g.evidence,
      });
    }
    for (const g of verdicts) {
      const port = portOf(g);
      const local = g.key.dest_ep ?? g.key.source_ep;
      drafts.push({
        messageId: 'denied',
        data: {
          verdicts: plural(g.count, 'policy verdict'),
          where: agentLabel(g.key.agent),
          identities: `identity ${identityWithLabels(state, g.key.src_identity)} -> ${identityWithLabels(state, g.key.dst_identity)}`,
          port: port ? ` ${port}` : '',
          local: local !== null && local !== undefined ? ` (local endpoint ${local})` : '',
          direction: g.key.direction ?? 'direction not printed',
          match: g.key.policy_match ?? 'not printed',
          next: nextSteps(g, g.key.src_identity ?? g.key.dst_identity),
        },
        node: nodeOfAgent(state, String(g.key.agent)),
        severity: isInfrastructure(g) ? 'warning' : 'info',
        evidence: g.evidence,
      });
    }
    return drafts;
  },
};
