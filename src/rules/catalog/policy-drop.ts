import { groupMonitorEvents, type MonitorGroup } from '../../state/monitor.js';
import { agentNode } from '../agent-log-queries.js';
import { agentLabel, identityPair, plural, portOf } from '../monitor-queries.js';
import type { FindingDraft, Rule } from '../types.js';

const POLICY_DROP_CODES = [133, 181];
const HEALTH_IDENTITY = 4;
const HEALTH_PORT = 4240;
const DNS_PORT = 53;

/** Health probes and DNS lookups being denied break the cluster, not just one application. */
function isInfrastructure(g: MonitorGroup): boolean {
  return (
    g.key.src_identity_num === HEALTH_IDENTITY ||
    g.key.dst_identity_num === HEALTH_IDENTITY ||
    g.key.dst_port === HEALTH_PORT ||
    g.key.dst_port === DNS_PORT
  );
}

const GROUP_BY = ['agent', 'drop_reason', 'src_identity', 'dst_identity', 'src_identity_num', 'dst_identity_num', 'dest_ep', 'protocol', 'dst_port'] as const;
const VERDICT_GROUP_BY = ['agent', 'src_identity', 'dst_identity', 'src_identity_num', 'dst_identity_num', 'dest_ep', 'source_ep', 'protocol', 'dst_port'] as const;

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
  },
  check({ state, db }) {
    const drops = groupMonitorEvents(db, { types: ['drop'], dropCodes: POLICY_DROP_CODES }, GROUP_BY);
    const verdicts = groupMonitorEvents(db, { types: ['policy-verdict'], policyActions: ['deny'] }, VERDICT_GROUP_BY).filter(
      (v) => !coveredBy(v, drops),
    );
    const drafts: FindingDraft[] = [];
    for (const g of drops) {
      const endpoint = g.key.dest_ep ? ` at endpoint ${g.key.dest_ep}` : '';
      const port = portOf(g);
      drafts.push({
        node: agentNode(state.agents, String(g.key.agent)),
        severity: isInfrastructure(g) ? 'warning' : 'info',
        message:
          `${plural(g.count, 'packet')} dropped (${g.key.drop_reason}) ${agentLabel(g.key.agent)}: ${identityPair(g)}` +
          `${port ? ` ${port}` : ''}${endpoint}. Expected the policy to allow the flow if it is wanted; ` +
          `check which rule selects endpoint${endpoint ? ` ${g.key.dest_ep}` : 's'} and whether it allows this peer identity and port.`,
        evidence: g.evidence,
      });
    }
    for (const g of verdicts) {
      const port = portOf(g);
      const local = g.key.dest_ep ?? g.key.source_ep;
      drafts.push({
        node: agentNode(state.agents, String(g.key.agent)),
        severity: isInfrastructure(g) ? 'warning' : 'info',
        message:
          `${plural(g.count, 'policy verdict')} with action deny ${agentLabel(g.key.agent)}: ${identityPair(g)}` +
          `${port ? ` ${port}` : ''}${local !== null && local !== undefined ? ` (local endpoint ${local})` : ''}. ` +
          'Check which rule selects the local endpoint and whether it allows this peer identity and port.',
        evidence: g.evidence,
      });
    }
    return drafts;
  },
};
