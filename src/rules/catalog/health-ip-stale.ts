import { plural } from '../agents.js';
import { evidenceOf } from '../flow-queries.js';
import { staleHealthIps, staleHealthProbeDrops } from '../health-ips.js';
import { append } from '../../types/collections.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'health-ip-stale',
    severity: 'warning',
    title: 'Peers probe a health-endpoint IP the node no longer has',
    meaning:
      'Reporters probe different health-endpoint IPs for one node, or an IP the node itself does not have (its own health report, ' +
      '`(health)` address or CiliumNode say otherwise), or the node drops health probes (TCP 4240, ICMP from other nodes) as ' +
      '`Not a local target address` / `Stale or unroutable IP`. The node\'s agent restarted and got a new health IP while its ' +
      'peers kept the old one: its endpoints look unreachable though the network is fine (a known 1.11 regression, fixed in 1.11.7).',
    checkNext:
      'Compare the health IPs: `kubectl get ciliumnode <node> -o jsonpath={.spec.health}`, `cilium endpoint list` (reserved:health) ' +
      'on the node, `cilium-health status --probe` on each reporter; restarting the stale reporters\' agents refreshes them.',
    reads: ['S', 'K', 'M'],
    messages: {
      differs:
        '{{reporters}} {{verb}} the health endpoint of {{node}} at {{stale}}, but the node\'s own health IP is {{own}}: the peers ' +
        'cache an old health IP (the node\'s agent restarted). Its endpoints look unreachable from them though the network may be ' +
        'fine; compare `kubectl get ciliumnode {{node}} -o yaml` (spec.health) and restart the stale reporters\' agents.',
      disagree:
        'Reporters probe different health-endpoint IPs for {{node}} ({{probed}}): some cache an old IP after the node\'s agent ' +
        'restarted. Compare with `kubectl get ciliumnode {{node}} -o yaml` (spec.health) and `cilium endpoint list` on {{node}}.',
      drops:
        '{{where}} dropped {{count}} to {{targets}} as a stale or non-local address: peers probe a health-endpoint IP this node ' +
        'no longer has. Compare the CiliumNode health IP with what the peers probe (`cilium-health status --probe`).',
    },
  },
  flows: (flow, state) => staleHealthProbeDrops(state, [flow]).length > 0,
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    for (const s of staleHealthIps(state)) {
      const reporters = s.stale.map((p) => p.reporter);
      drafts.push(
        s.own
          ? {
              messageId: 'differs',
              data: {
                reporters: reporters.join(', '),
                verb: reporters.length === 1 ? 'probes' : 'probe',
                node: s.node,
                stale: [...new Set(s.stale.map((p) => p.ip))].join(', '),
                own: s.own.ip,
              },
              node: s.node,
              evidence: [...s.stale.map((p) => p.evidence), ...s.own.evidence],
            }
          : {
              messageId: 'disagree',
              data: { node: s.node, probed: s.probed.map((p) => `${p.reporter}: ${p.ip}`).join(', ') },
              node: s.node,
              evidence: s.probed.map((p) => p.evidence),
            },
      );
    }
    const drops = staleHealthProbeDrops(state, flows);
    const byPlace = new Map<string, typeof drops>();
    for (const o of drops) append(byPlace, o.place, o);
    for (const [place, list] of byPlace) {
      const node = list[0]!.node;
      drafts.push({
        messageId: 'drops',
        data: {
          where: node ?? place.replace(/^agent:/, ''),
          count: plural(list.length, 'health probe'),
          targets: [...new Set(list.map((o) => o.tuple!.dst))].join(', '),
        },
        node,
        evidence: evidenceOf(...list.slice(0, 5)),
      });
    }
    return drafts;
  },
};
