import { MAP_FULL_ERRORS } from '../../knowledge/agent-messages.js';
import type { LogSignalHit } from '../../types/state.js';
import { ERROR_SAMPLE } from '../../state/agents.js';
import { firstLines, flag, lastLine, plural } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

/** Whether a policy map update line says the map is full (E2BIG, max entries), not some other failure. */
const full = (hit: LogSignalHit): boolean => [hit.msg, ...Object.values(hit.fields)].some((t) => MAP_FULL_ERRORS.some((e) => t.includes(e)));

export const rule: Rule = {
  meta: {
    name: 'policy-map-full',
    specId: 'HLT-13',
    severity: 'error',
    title: 'An endpoint policy map is full',
    meaning:
      'The per-endpoint policy map (bpf-policy-map-max entries, default 16384) cannot hold one entry per selected identity, ' +
      'port and direction: new entries are not installed, so traffic the policy allows is dropped (or the endpoint is ' +
      'locked down), and regenerations fail.',
    checkNext: 'Policy cardinality (identities selected × ports), identity-relevant labels, bpf-policy-map-max, the cilium_bpf_map_pressure metric.',
    reads: ['L', 'C'],
    messages: {
      full:
        'Expected every policy map update to succeed; {{failures}} could not be written because the policy map is full{{endpoints}}. ' +
        'Allowed traffic to those endpoints is dropped until the map fits: reduce the identities the policies select or raise ' +
        'bpf-policy-map-max{{max}}.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      const signalled = agent.log.signals['policy-map-update-failed'] ?? [];
      const hits = signalled.filter(full);
      if (hits.length === 0) continue;
      const endpoints = [...new Set(hits.map((h) => h.fields['endpointID']).filter((e): e is string => e !== undefined))];
      // The regenerations these failed updates made fail (`syncPolicyMap failed`) are the same finding.
      const regenerations = signalled.filter((h) => !full(h) && endpoints.includes(h.fields['endpointID'] ?? ''));
      const max = flag(agent, 'bpf-policy-map-max');
      drafts.push({
        messageId: 'full',
        data: {
          failures: plural(hits.length, 'update'),
          endpoints: endpoints.length > 0 ? ` (${plural(endpoints.length, 'endpoint')}: ${endpoints.slice(0, 5).join(', ')}${endpoints.length > 5 ? ', …' : ''})` : '',
          max: max ? ` (now ${max.value})` : '',
        },
        node: agent.node?.value ?? null,
        // As many lines as the error groups sample, so agent-log-errors leaves them to this finding.
        evidence: [...firstLines(hits, ERROR_SAMPLE), ...firstLines(regenerations, ERROR_SAMPLE), ...(max ? lastLine(max) : [])],
      });
    }
    return drafts;
  },
};
