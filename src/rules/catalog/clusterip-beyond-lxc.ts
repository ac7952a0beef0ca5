import { evidenceOf, flowLabel, nodeOfFlow } from '../flow-queries.js';
import { frontendSightings } from '../services.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'clusterip-beyond-lxc',
    specId: 'PKT-04',
    severity: 'error',
    title: 'Service frontend still addressed beyond the pod\'s lxc',
    meaning:
      'No service translation happened in the pod program: the service is missing from `cilium service list` ' +
      '(`Service backend not found` drops), kube-proxy replacement is off without a kube-proxy, or external access to a ' +
      'ClusterIP/ExternalIP is blocked.',
    checkNext: '`cilium service list` for the frontend, kube-proxy presence, drops `Service backend not found`.',
    reads: ['T', 'M', 'C', 'S'],
    messages: {
      beyond:
        'Expected the pod program to translate {{vip}} to a backend before the packet leaves it ({{flow}}); {{where}} still ' +
        'carries the frontend. Check `cilium service list` for it and kube-proxy.',
    },
  },
  flows: 'each',
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      const found = frontendSightings(flow, state);
      // Without per-packet LB in the pod program, socket-LB was the only translation: PKT-03 is the root cause.
      if (!found || !found.perPacket || !found.configKnown) continue;
      const beyond = found.sightings.find((s) => s.where === 'beyond');
      if (!beyond) continue;
      drafts.push({
        messageId: 'beyond',
        data: {
          vip: `${flow.service!.vip}${flow.service!.port !== null ? `:${flow.service!.port}` : ''}`,
          flow: flowLabel(flow),
          where: `${beyond.observation.device ?? beyond.observation.point}${beyond.observation.node ? ` on ${beyond.observation.node}` : ''}`,
        },
        node: nodeOfFlow(flow, 'client'),
        evidence: evidenceOf(beyond.observation),
        flow: { id: flow.id, hop: beyond.index },
      });
    }
    return drafts;
  },
};
