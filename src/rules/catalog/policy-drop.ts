import { CILIUM_PORTS, DNS_PORT } from '../../knowledge/ports.js';
import { dropCodesOf, reservedIdentity } from '../../knowledge/monitor/index.js';
import { selectMonitorGroups, type MonitorGroup } from '../../state/monitor.js';
import type { MonitorGroupKey } from '../../types/state.js';
import { nodeOfAgent, plural } from '../agents.js';
import { agentLabel, identityPair, portOf } from '../monitor-queries.js';
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

const GROUP_BY: readonly MonitorGroupKey[] = ['agent', 'drop_reason', 'src_identity', 'dst_identity', 'src_identity_num', 'dst_identity_num', 'dest_ep', 'protocol', 'dst_port'];
const VERDICT_GROUP_BY: readonly MonitorGroupKey[] = ['agent', 'src_identity', 'dst_identity', 'src_identity_num', 'dst_identity_num', 'dest_ep', 'source_ep', 'protocol', 'dst_port'];

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
        '{{packets}} dropped ({{reason}}) {{where}}: {{identities}}{{port}}{{endpoint}}. Expected the policy to allow the flow if it is wanted; ' +
        'check which rule selects endpoint{{endpointNoun}} and whether it allows this peer identity and port.',
      denied:
        '{{verdicts}} with action deny {{where}}: {{identities}}{{port}}{{local}}. ' +
        'Check which rule selects the local endpoint and whether it allows this peer identity and port.',
    },
    covers: { dropCodes: POLICY_DROPS, identities: [HEALTH_IDENTITY], ports: INFRASTRUCTURE_PORTS },
  },
  check({ state }) {
    const { groups } = state.monitor;
    const drops = selectMonitorGroups(groups, { types: ['drop'], dropCodes: POLICY_DROPS }, GROUP_BY);
    const verdicts = selectMonitorGroups(groups, { types: ['policy-verdict'], policyActions: ['deny'] }, VERDICT_GROUP_BY).filter(
      (v) => !coveredBy(v, drops),
    );
    const drafts: FindingDraft[] = [];
    for (const g of drops) {
      const port = portOf(g);
      drafts.push({
        messageId: 'dropped',
        data: {
          packets: plural(g.count, 'packet'),
          reason: g.key.drop_reason ?? 'unknown',
          where: agentLabel(g.key.agent),
          identities: identityPair(g),
          port: port ? ` ${port}` : '',
          endpoint: g.key.dest_ep ? ` at endpoint ${g.key.dest_ep}` : '',
          endpointNoun: g.key.dest_ep ? ` ${g.key.dest_ep}` : 's',
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
          identities: identityPair(g),
          port: port ? ` ${port}` : '',
          local: local !== null && local !== undefined ? ` (local endpoint ${local})` : '',
        },
        node: nodeOfAgent(state, String(g.key.agent)),
        severity: isInfrastructure(g) ? 'warning' : 'info',
        evidence: g.evidence,
      });
    }
    return drafts;
  },
};
