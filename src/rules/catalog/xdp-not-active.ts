import { firstLines, flag, lastLine } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    name: 'xdp-not-active',
    specId: 'CFG-18',
    severity: 'error',
    title: 'XDP acceleration requested but not active',
    meaning: 'The driver lacks native XDP, or several devices were selected on an old release.',
    checkNext: '`ethtool -i <device>` (driver), the KPR device list.',
    reads: ['C', 'S', 'L'],
    messages: {
      statusDisabled:
        "Expected native XDP acceleration ({{flag}}=native); the KPR details report XDP Acceleration: Disabled. Check the device driver's native XDP support.",
      logged:
        'Expected XDP acceleration to attach; the agent logged "Cannot set NodePort acceleration". Check the device driver\'s native XDP support.',
    },
  },
  check({ state }) {
    const findings: FindingDraft[] = [];
    for (const agent of state.agents) {
      const node = agent.node?.value ?? null;
      const xdp = agent.status?.facts.xdp;
      const requested = flag(agent, 'bpf-lb-acceleration');
      if (xdp && requested?.value === 'native' && xdp.value === 'disabled') {
        findings.push({ messageId: 'statusDisabled', data: { flag: requested.name }, node, evidence: [...lastLine(requested), ...xdp.evidence] });
        continue;
      }
      const logged = agent.log.signals['xdp-acceleration-failed'];
      if (logged) findings.push({ messageId: 'logged', node, evidence: firstLines(logged, 3) });
    }
    return findings;
  },
};
