import { failingControllers, factEvidence, statusAgents, statusNode } from '../status-queries.js';
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
  },
  check({ state, db }) {
    return statusAgents(db).flatMap((s) => {
      const summary = s.extra.controllers;
      const failing = failingControllers(db, s.key);
      if ((!summary || summary.value.healthy >= summary.value.total) && failing.length === 0) return [];
      const names = failing.map((c) => `${c.name} (${c.count}x: ${c.message})`);
      return [
        {
          severity: failing.some((c) => CRITICAL.test(c.name)) ? 'error' : 'warning',
          node: statusNode(state.agents, s),
          message:
            `Expected all controllers healthy; ` +
            (summary ? `${summary.value.healthy}/${summary.value.total} are healthy` : 'failing controllers are listed') +
            (names.length > 0 ? `: ${names.join('; ')}` : '') +
            '. Read the controller messages and the agent log errors around them.',
          evidence: [...factEvidence(summary), ...failing],
        },
      ];
    });
  },
};
