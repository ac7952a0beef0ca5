import { plural } from '../agents.js';
import { dropsMidStream, lostState, lostStateEvidence, type LostState } from '../lost-state.js';
import { append } from '../../types/collections.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'ct-entries-lost',
    severity: 'error',
    title: 'Established connections lost their conntrack entries',
    meaning:
      'Mid-stream TCP segments (ACK, FIN, RST without SYN) were dropped because no conntrack entry matched them: `CT: Can\'t ' +
      'create entry from packet` / `CT: Missing TCP ACK flag` (older releases), `Unknown connection tracking state`, or a ' +
      '`Policy denied` drop of a reply (a reply passes by its connection\'s entry, never by policy). The connection\'s state was ' +
      'lost: an agent restart without CT restore, a CT flush, GC or map pressure evicting live entries, or an asymmetric return path.',
    checkNext:
      'Agent restarts around the drops (pod restarts, `Exiting due to signal` / `Signal received` in its log), `ct-table-full` ' +
      'and map pressure, `cilium bpf ct list global | grep <tuple>`, whether the reply returns through another node.',
    reads: ['M'],
    messages: {
      lost:
        '{{where}}: {{count}} of established connections dropped for lack of a conntrack entry ({{reasons}}; e.g. {{example}}). ' +
        'The connections\' state was lost — check for an agent restart at that time, `ct-table-full` / map pressure, and an ' +
        'asymmetric return path; `cilium bpf ct list global | grep {{server}}` shows whether the entry exists.',
    },
  },
  flows: dropsMidStream,
  check({ state, flows }) {
    const byPlace = new Map<string, LostState[]>();
    for (const l of lostState(state, flows)) append(byPlace, l.o.place, l);
    const drafts: FindingDraft[] = [];
    for (const [place, lost] of byPlace) {
      const first = lost[0]!;
      const t = first.o.tuple!;
      const reasons = [...new Set(lost.map((l) => (l.why === 'ct' ? l.o.drop!.reason : `${l.o.drop!.reason} on a reply`)))];
      drafts.push({
        messageId: 'lost',
        data: {
          where: first.o.node ?? place.replace(/^agent:/, ''),
          count: plural(lost.length, 'segment'),
          reasons: reasons.join(', '),
          example: `${t.src}:${t.sport} → ${t.dst}:${t.dport} ${first.o.tcpFlags ?? ''}`.trim(),
          server: `${first.flow.server.ip}:${first.flow.server.port ?? ''}`.replace(/:$/, ''),
        },
        node: first.o.node ?? (state.agents.length === 1 ? (state.agents[0]!.node?.value ?? null) : null),
        evidence: lostStateEvidence(lost).slice(0, 5),
        flow: { id: first.flow.id, hop: first.index },
      });
    }
    return drafts;
  },
};
