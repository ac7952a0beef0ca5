import { flagFindings } from '../flag-verdicts.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'flag-invalid-for-version',
    specId: 'CFG-06',
    severity: 'error',
    title: 'Flag or value not valid for this Cilium release',
    meaning:
      'The configuration uses a flag or value the running release removed (e.g. tunnel on ≥1.15, ' +
      'kube-proxy-replacement=strict on ≥1.16): it was generated for an older release.',
    checkNext: 'Migrate the ConfigMap / Helm values to the names of the running release (datapath-model.md §1.2).',
    reads: ['C', 'L'],
    messages: {
      invalid:
        "--{{flag}}='{{value}}' is configured, but Cilium {{version}} no longer accepts it (gone since 1.{{since}}): " +
        '{{effect}}.{{instead}}',
    },
  },
  check: ({ state }) => flagFindings(state.agents, 'invalid'),
};
