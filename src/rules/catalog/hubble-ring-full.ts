import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'hubble-ring-full',
    specId: 'HLT-07',
    severity: 'info',
    title: 'Hubble flow ring buffer is full',
    meaning:
      'Normal steady state of a ring buffer once warm; a problem only together with lost events, or when flows/s × the ' +
      'retention you need exceeds the capacity.',
    checkNext: '`hubble-event-buffer-capacity` if older flows are needed; monitor-events-lost findings.',
    reads: ['S'],
    messages: {
      full:
        'Hubble holds {{current}}/{{max}} flows ({{rate}} flows/s): the ring buffer is full, ' +
        'which is expected once it has wrapped. Raise hubble-event-buffer-capacity only if older flows are needed.',
    },
  },
  check({ state }) {
    return state.agents.flatMap((agent) => {
      const h = agent.status?.facts.hubble;
      if (!h || h.value.max === null || h.value.max === 0 || h.value.current !== h.value.max) return [];
      return [
        {
          messageId: 'full',
          data: { current: h.value.current ?? '?', max: h.value.max, rate: h.value.flowsPerSecond ?? '?' },
          node: agent.node?.value ?? null,
          evidence: h.evidence,
        },
      ];
    });
  },
};
