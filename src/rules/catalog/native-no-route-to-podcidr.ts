import { datapathConfig } from '../../model/index.js';
import { firstLines, flag, lastLine } from '../agents.js';
import { cidrWithin } from '../cidrs.js';
import { defaultRoute, hostRoutes, remotePodCidrs, routeCidr } from '../routes.js';
import type { FindingDraft, Rule } from '../types.js';

/** IPAM modes whose pod addresses are cloud-network addresses, routed by the cloud fabric. */
const CLOUD_IPAM = new Set(['eni', 'azure', 'alibabacloud']);

export const rule: Rule = {
  meta: {
    name: 'native-no-route-to-podcidr',
    specId: 'CFG-16',
    severity: 'warning',
    title: 'Native routing without a route to another node’s PodCIDR',
    meaning:
      'In native routing the node must route every remote PodCIDR: auto-direct-node-routes installs them on a shared L2, ' +
      'otherwise BGP, cloud routes or the default gateway must. Without a route cross-node pod traffic follows the default ' +
      'route, and is black-holed or dropped (`FIB lookup failed`) unless that gateway knows the PodCIDRs.',
    checkNext: 'Enable auto-direct-node-routes (nodes on one L2 segment), or announce PodCIDRs with BGP / cloud routes; check the gateway.',
    reads: ['C', 'R', 'K', 'S'],
    messages: {
      viaDefault:
        'Expected a route to every remote PodCIDR on {{node}} (native routing, no auto-direct-node-routes); {{missing}} {{have}} none, ' +
        'so that traffic follows the default route via {{gateway}}. This works only if {{gateway}} routes PodCIDRs (cloud routes, BGP); ' +
        'otherwise enable auto-direct-node-routes or announce the PodCIDRs.',
      noRoute:
        'Expected a route to every remote PodCIDR on {{node}} (native routing, no auto-direct-node-routes); {{missing}} {{have}} none ' +
        'and there is no default route: cross-node pod traffic is dropped (FIB lookup failed). Enable auto-direct-node-routes or announce the PodCIDRs.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      const cfg = datapathConfig(agent);
      if (cfg.routing !== 'native' || cfg.autoDirectNodeRoutes !== false || (cfg.ipam !== null && CLOUD_IPAM.has(cfg.ipam))) continue;
      const routes = hostRoutes(state, agent);
      if (routes.length === 0) continue;
      const covered = routes.map(routeCidr).filter((c): c is string => c !== null);
      const missing = remotePodCidrs(state, agent).filter((p) => !covered.some((c) => cidrWithin(p.cidr, c)));
      if (missing.length === 0) continue;
      const gateway = defaultRoute(routes);
      const adnr = flag(agent, 'auto-direct-node-routes');
      drafts.push({
        messageId: gateway ? 'viaDefault' : 'noRoute',
        data: {
          node: agent.node!.value,
          missing: missing.map((m) => `${m.cidr} (${m.node.name})`).join(', '),
          have: missing.length === 1 ? 'has' : 'have',
          gateway: gateway ? (gateway.via ?? `dev ${gateway.dev ?? '?'}`) : '',
        },
        node: agent.node!.value,
        evidence: [
          ...(cfg.evidence.routing ?? []),
          ...(adnr ? lastLine(adnr) : []),
          ...firstLines(gateway ? gateway.evidence : routes[0]!.evidence, 1),
          ...missing.flatMap((m) => m.node.evidence.slice(0, 2)),
        ],
      });
    }
    return drafts;
  },
};
