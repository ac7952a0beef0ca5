import { flagFindings } from '../flag-verdicts.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'flag-deprecated',
    specId: 'CFG-07',
    severity: 'info',
    title: 'Deprecated flag or value in use',
    meaning: 'The release still accepts it, but the next ones will not: an upgrade will break this configuration.',
    checkNext: 'Plan the migration to the replacement named in the finding.',
    reads: ['C', 'L'],
    messages: {
      deprecated: "--{{flag}}='{{value}}' is deprecated since 1.{{since}} (agent runs {{version}}) and will break on upgrade.{{instead}}",
    },
  },
  check: ({ state }) => flagFindings(state.agents, 'deprecated'),
};
