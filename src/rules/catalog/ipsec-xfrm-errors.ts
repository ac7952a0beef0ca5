import { XFRM_COUNTERS } from '../../knowledge/xfrm-errors.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'ipsec-xfrm-errors',
    severity: 'error',
    title: 'IPsec packets are dropped by the kernel (XFRM errors)',
    meaning:
      '`cilium encrypt status` prints the kernel\'s non-zero XFRM error counters under `Errors:` when IPsec is on. Each counts ' +
      'packets the kernel dropped while encrypting or decrypting; apart from `XfrmFwdHdrError` they mean the nodes\' keys, ' +
      'states or policies disagree (a key changed without a new SPI, a rotation half done, states lost on a restart) or the ' +
      'output sequence ran out. Traffic between the affected nodes is lost while they grow.',
    checkNext:
      'Run `cilium encrypt status` again to see whether the counters grow, compare `ip -s xfrm state` / `ip xfrm policy` and ' +
      '`Keys in use` across nodes (1, or 2 only during a rotation), and rotate the IPsec key properly (increment the SPI).',
    reads: ['S'],
    messages: {
      errors:
        '{{agent}}: `cilium encrypt status` counts {{errors}} XFRM errors ({{counters}}). {{first}}: {{meaning}}; usually {{cause}}.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      const encrypt = agent.status?.facts.encryptStatus;
      if (!encrypt || encrypt.value.mode.toLowerCase() !== 'ipsec') continue;
      const faults = Object.entries(encrypt.value.xfrmErrors)
        .filter(([name, n]) => n > 0 && !XFRM_COUNTERS[name]?.benign)
        .sort((a, b) => b[1] - a[1]);
      if (faults.length === 0) continue;
      const [first] = faults[0]!;
      const known = XFRM_COUNTERS[first];
      drafts.push({
        messageId: 'errors',
        data: {
          agent: agent.node?.value ?? agent.pod ?? 'this agent',
          errors: encrypt.value.errors ?? faults.reduce((sum, [, n]) => sum + n, 0),
          counters: faults.map(([name, n]) => `${name} ${n}`).join(', '),
          first,
          meaning: known?.meaning ?? 'a kernel XFRM error counter',
          cause: known?.cause ?? 'a disagreement between the nodes\' IPsec states; see `ip -s xfrm state`',
        },
        node: agent.node?.value ?? null,
        evidence: encrypt.evidence,
      });
    }
    return drafts;
  },
};
