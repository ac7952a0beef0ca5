import { plural } from '../agents.js';
import { deadConversations, mayBeDead, MIN_ATTEMPTS, type DeadKind } from '../conversations.js';
import type { FindingDraft, Rule } from '../types.js';

/** What was sent and what should have answered it, per kind of conversation. */
const ASKED: Readonly<Record<DeadKind, { sent: string; reply: string }>> = {
  syn: { sent: 'TCP SYN retransmitted with the same sequence number', reply: 'SYN-ACK' },
  synack: { sent: 'SYN-ACK sent again', reply: 'ACK from the client' },
  echo: { sent: 'ICMP echo request', reply: 'echo reply' },
  dns: { sent: 'DNS query', reply: 'DNS response' },
  udp: { sent: 'UDP request', reply: 'reply datagram' },
  arp: { sent: 'ARP request', reply: 'ARP reply' },
};

export const rule: Rule = {
  meta: {
    name: 'reply-missing',
    severity: 'warning',
    title: 'Requests without replies at a capture that would see them',
    meaning:
      'At a capture point the replies would pass, a request was sent at least three times and never answered there: a TCP SYN ' +
      'retransmitted with the same sequence number and no SYN-ACK, a SYN-ACK never ACKed, ICMP echo requests without replies, ' +
      'DNS (or other UDP) queries without responses, or ARP requests for one address never answered. The conversation dies ' +
      'beyond this point: the request is lost on the way, the server does not answer, or the reply is lost on the way back.',
    checkNext:
      'Capture at the next hop the model names (towards the server for the request, back from it for the reply): `cilium monitor ' +
      '-t drop` on both nodes, the server pod\'s own capture, routes and security groups on the way.',
    reads: ['T'],
    messages: {
      dead:
        '{{subject}} at {{place}}: {{attempts}} ({{sent}}) over {{span}}, and no {{reply}} seen there{{copies}}. The conversation dies ' +
        'beyond this capture. {{next}}',
    },
  },
  flows: mayBeDead,
  check({ state, flows }) {
    return deadConversations(state, flows).map((d): FindingDraft => {
      const asked = ASKED[d.kind];
      const times = d.attempts.map((a) => a.time).filter((t): t is number => t !== null);
      const span = times.length > 1 ? `${(Math.max(...times) - Math.min(...times)).toFixed(1)} s` : 'the capture';
      return {
        messageId: 'dead',
        data: {
          subject: d.subject,
          place: d.node ?? d.place,
          attempts: plural(d.attempts.length, 'attempt'),
          sent: asked.sent,
          span,
          reply: asked.reply,
          copies: d.copies > 0 ? ` (${d.copies} ${d.copies === 1 ? 'copy' : 'copies'} of the same packets on other devices of the \`-i any\` capture not counted)` : '',
          next: d.next
            ? `Check next ${d.next}: it should have seen the reply.`
            : d.kind === 'synack'
              ? 'The client received the SYN-ACK but never answered it: check the client side (its capture, its node\'s drops).'
              : 'Capture towards the server next (its node, its pod) to see whether the request arrives and a reply leaves.',
        },
        node: d.node,
        evidence: d.attempts.slice(0, MIN_ATTEMPTS + 1).map((a) => a.evidence),
        ...(d.flowId !== null ? { flow: { id: d.flowId, hop: null } } : {}),
      };
    });
  },
};
