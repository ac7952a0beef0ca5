import { plural } from '../agents.js';
import { deadConversations, retransmissions, retransmits } from '../conversations.js';
import { describeTuple, evidenceOf } from '../flow-queries.js';
import type { FindingDraft, Rule } from '../types.js';

/** Segments quoted per finding. */
const MAX_SEGMENTS = 3;

export const rule: Rule = {
  meta: {
    name: 'tcp-retransmissions',
    severity: 'warning',
    title: 'TCP segments retransmitted',
    meaning:
      'The same TCP segment (same direction, sequence number, flags and length) was seen again at the same capture after an ' +
      'RTO-like gap (≥150 ms): the first copy, or its acknowledgement, was lost — packet loss or a black hole (MTU, a drop, a ' +
      'full queue) between this capture and the peer. The same packet seen on two devices of a `-i any` capture microseconds ' +
      'apart is one packet and is not counted.',
    checkNext:
      '`cilium monitor -t drop` on both nodes during the retransmissions, MTU of the path (large segments retransmitted while small ' +
      'ones pass), interface drop counters (`ip -s link`), a capture on the peer\'s side.',
    reads: ['T'],
    messages: {
      retransmitted:
        '{{flow}} at {{place}}: {{segments}} sent again after an RTO-like gap ({{detail}}){{copies}}. The first copy or its ' +
        'acknowledgement was lost between this capture and the peer: check `cilium monitor -t drop` on both nodes and the path MTU.',
    },
  },
  flows: retransmits,
  check({ state, flows }) {
    const dead = deadConversations(state, flows);
    return retransmissions(flows, dead).map((r): FindingDraft => {
      const shown = r.segments.slice(0, MAX_SEGMENTS);
      return {
        messageId: 'retransmitted',
        severity: r.segments.some((s) => s.sent.length >= 3) || r.segments.length >= 3 ? 'warning' : 'info',
        data: {
          flow: describeTuple(r.flow),
          place: r.node ?? r.place,
          segments: plural(r.segments.length, 'segment'),
          detail: shown
            .map((s) => `seq ${s.sent[0]!.tcpSeq}${s.sent[0]!.length ? ` length ${s.sent[0]!.length}` : ''} ${s.sent.length}× over ${s.span.toFixed(2)} s`)
            .join('; '),
          copies: r.copies > 0 ? `; ${r.copies} ${r.copies === 1 ? 'copy' : 'copies'} of the same packets on other devices of the \`-i any\` capture, microseconds apart, are not retransmissions and were not counted` : '',
        },
        node: r.node,
        evidence: evidenceOf(...shown.flatMap((s) => s.sent.slice(0, 3))),
        flow: { id: r.flow.id, hop: null },
      };
    });
  },
};
