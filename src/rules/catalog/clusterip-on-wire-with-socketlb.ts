import { evidenceOf, flowLabel, nodeOfFlow } from '../flow-queries.js';
import { frontendSightings } from '../services.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'clusterip-on-wire-with-socketlb',
    specId: 'PKT-03',
    severity: 'warning',
    title: 'Service frontend on the wire although socket-LB translates at connect()',
    meaning:
      'Socket-LB did not translate this connection: the pod is excluded (hostns-only), the cgroup programs are attached ' +
      'to a cgroup the pod does not live under (container runtime in a cgroup namespace), UDP on an old kernel, or an ' +
      'application using raw sockets.',
    checkNext: '`bpftool cgroup tree /run/cilium/cgroupv2` on the node vs inside the agent, `bpf-lb-sock-hostns-only`, `cilium monitor -t trace-sock` for the pod.',
    reads: ['T', 'M', 'C', 'S'],
    messages: {
      untranslated:
        'Expected socket-LB to translate {{vip}} at connect() for {{flow}}; the frontend was seen on {{where}}{{next}}. ' +
        'Check where the socket-LB cgroup programs are attached and whether the pod is excluded.',
    },
  },
  flows: 'each',
  check({ state, flows }) {
    const drafts: FindingDraft[] = [];
    for (const flow of flows) {
      const found = frontendSightings(flow, state);
      const first = found?.sightings[0];
      if (!found || !found.socketLb || !first) continue;
      const beyond = found.sightings.some((s) => s.where === 'beyond');
      drafts.push({
        messageId: 'untranslated',
        data: {
          vip: `${flow.service!.vip}${flow.service!.port !== null ? `:${flow.service!.port}` : ''}`,
          flow: flowLabel(flow),
          where: first.where === 'pod' ? `the pod's own interface (${first.observation.device ?? first.observation.point})` : `${first.observation.device ?? first.observation.point}`,
          next: beyond && !found.perPacket ? ', and no per-packet LB in the pod program translated it later either' : '',
        },
        node: nodeOfFlow(flow, 'client'),
        evidence: evidenceOf(...found.sightings.slice(0, 3).map((s) => s.observation)),
        flow: { id: flow.id, hop: first.index },
      });
    }
    return drafts;
  },
};
