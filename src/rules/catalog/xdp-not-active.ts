import { byAgent, linesContaining } from '../agent-log-queries.js';
import { flagEvidence, requestedFlag, statusAgents, statusNode } from '../status-queries.js';
import type { FindingDraft, Rule } from '../types.js';

const ACCELERATION_FAILED = 'Cannot set NodePort acceleration';

export const rule: Rule = {
  meta: {
    name: 'xdp-not-active',
    specId: 'CFG-18',
    severity: 'error',
    title: 'XDP acceleration requested but not active',
    meaning: 'The driver lacks native XDP, or several devices were selected on an old release.',
    checkNext: '`ethtool -i <device>` (driver), the KPR device list.',
    reads: ['C', 'S', 'L'],
  },
  check({ state, db }) {
    const findings: FindingDraft[] = [];
    const reported = new Set<string>();
    for (const s of statusAgents(db)) {
      const xdp = s.extra.xdp;
      const flag = requestedFlag(state.agents, s, 'bpf-lb-acceleration', 'node-port-acceleration');
      if (!xdp || !flag || flag.value !== 'native' || xdp.value !== 'disabled') continue;
      reported.add(s.key);
      findings.push({
        node: statusNode(state.agents, s),
        message: `Expected native XDP acceleration (${flag.name}=native); the KPR details report XDP Acceleration: Disabled. Check the device driver's native XDP support.`,
        evidence: [flagEvidence(flag), ...xdp.evidence],
      });
    }
    for (const [agent, lines] of byAgent(linesContaining(db, ACCELERATION_FAILED))) {
      if (reported.has(agent)) continue;
      findings.push({
        node: state.agents.find((a) => a.key === agent)?.node?.value ?? null,
        message: `Expected XDP acceleration to attach; the agent logged "${ACCELERATION_FAILED}". Check the device driver's native XDP support.`,
        evidence: lines.slice(0, 3),
      });
    }
    return findings;
  },
};
