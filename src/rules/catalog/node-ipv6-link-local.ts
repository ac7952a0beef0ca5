import { NODEPORT_IPV6_MISSING } from '../../knowledge/agent-messages.js';
import type { AgentState, ClusterState, LinkState, LogSignalHit } from '../../types/state.js';
import { firstLines } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

/** `[fe80::…]:PORT` in a listen/bind error: the address the agent tried to serve on. */
const LINK_LOCAL_LISTEN = /\[(fe[89ab][0-9a-f]?:[0-9a-f:]*)\]:(\d+)/i;
const LINK_LOCAL = /^fe[89ab][0-9a-f]?:/i;
const DEVICE = new RegExp(`${NODEPORT_IPV6_MISSING}(\\S+)`);

const texts = (h: LogSignalHit): string[] => [h.msg, ...Object.values(h.fields)];
const failing = (h: LogSignalHit): boolean => h.level === 'error' || h.level === 'fatal';
const agentName = (agent: AgentState): string => agent.node?.value ?? agent.pod ?? 'this agent';

/** The node's devices of that name as `ip addr` listed them (a dump not placed on any node counts for a lone agent). */
function devicesOf(state: ClusterState, agent: AgentState, name: string): LinkState[] {
  const node = agent.node?.value ?? null;
  const alone = state.agents.length === 1;
  return state.links.filter((l) => l.name === name && l.origin !== 'statedb' && (l.node === node || (l.node === null && alone)));
}

export const rule: Rule = {
  meta: {
    name: 'node-ipv6-link-local',
    severity: 'error',
    title: 'The node\'s IPv6 address is link-local',
    meaning:
      'Cilium uses the node\'s IPv6 address (its InternalIP, or the address of its native device) to serve the health API, ' +
      'for NodePort and as the tunnel endpoint. A link-local address (fe80::/10) is only valid together with its interface: ' +
      'binding to it fails (`bind: invalid argument`) and peers cannot route to it. The agent then fails to serve health ' +
      '(peers see the node unreachable) or, for NodePort, finds no IPv6 address on its device and exits.',
    checkNext:
      'The node\'s addresses (`kubectl get node -o yaml`: status.addresses; k3s/kubelet `--node-ip`) and `ip -6 addr` on the ' +
      'device: give the node a global or ULA IPv6 address, or leave IPv6 out of its node IPs / disable IPv6 in Cilium.',
    reads: ['L', 'R'],
    messages: {
      bind:
        '{{agent}}: the agent could not listen on the link-local address {{address}} (port {{port}}): "{{error}}". The node\'s ' +
        'IPv6 address Cilium uses is link-local, usually a node IP set to an fe80:: address (kubelet/k3s `--node-ip`): give the ' +
        'node a global or ULA IPv6 address or leave IPv6 out of its node IPs.',
      device:
        '{{agent}}: "{{message}}" and `ip addr` shows only link-local IPv6 on {{device}} ({{addresses}}): the device has no ' +
        'address Cilium can use for IPv6. Add a global or ULA IPv6 address to {{device}}, choose another device, or disable IPv6.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      const node = agent.node?.value ?? null;
      const bind = (agent.log.signals['bind-refused'] ?? []).filter(failing).find((h) => texts(h).some((t) => LINK_LOCAL_LISTEN.test(t)));
      if (bind) {
        const m = texts(bind).map((t) => LINK_LOCAL_LISTEN.exec(t)).find((x) => x !== null)!;
        const error = bind.fields['error'] ?? bind.msg;
        drafts.push({ messageId: 'bind', data: { agent: agentName(agent), address: m[1]!, port: m[2]!, error }, node, evidence: firstLines([bind], 1) });
        continue;
      }
      for (const hit of (agent.log.signals['nodeport-ipv6-missing'] ?? []).filter(failing)) {
        const line = texts(hit).find((t) => DEVICE.test(t))!;
        const device = DEVICE.exec(line)![1]!;
        const links = devicesOf(state, agent, device);
        const addresses = links.flatMap((l) => l.addresses).filter((a) => a.includes(':'));
        if (addresses.length === 0 || !addresses.every((a) => LINK_LOCAL.test(a))) continue;
        drafts.push({
          messageId: 'device',
          data: { agent: agentName(agent), message: line, device, addresses: addresses.join(', ') },
          node,
          evidence: [...firstLines([hit], 1), ...links.flatMap((l) => l.evidence)],
        });
        break;
      }
    }
    return drafts;
  },
};
