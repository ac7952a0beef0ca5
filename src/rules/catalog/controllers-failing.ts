import type { Rule } from '../types.js';

/** Controllers whose failure means the agent cannot program the datapath (HLT-04 escalation). */
const CRITICAL = /^sync-.*map|ipcache|^endpoint-.*-regeneration/;

export const rule: Rule = {
  meta: {
    name: 'controllers-failing',
    specId: 'HLT-04',
    severity: 'warning',
    title: 'Agent controllers are failing',
    meaning: 'The agent cannot program part of its state (Kubernetes API, kvstore, BPF map updates).',
    checkNext: 'The controller message text; agent log errors around the last failure.',
    reads: ['S'],
    messages: {
      failing:
        'Expected all controllers healthy; {{healthy}}{{names}}. Read the controller messages and the agent log errors around them.',
    },
  },
  check({ state }) {
    return state.agents.flatMap((agent) => {
      // The table lists a controller as failing exactly when the summary counts it unhealthy.
      const summary = agent.status?.facts.controllers;
      if (!summary || summary.value.healthy >= summary.value.total) return [];
      const failing = agent.status!.failingControllers;
      const names = failing.map((c) => `${c.name} (${c.count}x: ${c.message})`);
      return [
        {
          messageId: 'failing',
          data: {
            healthy: `${summary.value.healthy}/${summary.value.total} are healthy`,
            names: names.length > 0 ? `: ${names.join('; ')}` : '',
          },
          severity: failing.some((c) => CRITICAL.test(c.name)) ? 'error' : 'warning',
          node: agent.node?.value ?? null,
          evidence: [...summary.evidence, ...failing.map(({ source, line }) => ({ source, line }))],
        },
      ];
    });
  },
};
