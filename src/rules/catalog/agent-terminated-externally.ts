import { before, fatalLines, initKill, podEvents } from '../agent-lifecycle.js';
import type { FindingDraft, Rule } from '../types.js';

/** What stops an agent from outside: the kubelet's or an operator's SIGTERM, an interrupt, a hang-up. */
const EXTERNAL_SIGNALS = new Set(['terminated', 'interrupt', 'hangup']);
/** Kubelet events that explain an outside stop. */
const STOP_REASONS = new Set(['Killing', 'Unhealthy', 'Preempting', 'Evicted']);

export const rule: Rule = {
  meta: {
    name: 'agent-terminated-externally',
    severity: 'warning',
    title: 'The agent was stopped by a signal, not by a crash',
    meaning:
      'The agent logged that it received a termination signal (`Exiting due to signal` ≤1.13, `Signal received` 1.14+) and shut ' +
      'down with no fatal line before it. The agent did not crash: something stopped it — the kubelet after failed liveness or ' +
      'readiness probes, a DaemonSet rollout, a node drain or an operator.',
    checkNext:
      '`kubectl -n kube-system describe pod <agent>` (Unhealthy / Killing events, restart count), `kubectl -n kube-system rollout ' +
      'history ds/cilium`, and what ran against the node at that time.',
    reads: ['L', 'K'],
    messages: {
      signal:
        '{{agent}}: the agent received `{{signal}}`{{time}}{{phase}} and shut down with no fatal error before it — not a crash. ' +
        'Something stopped it{{cause}}. Check `kubectl -n kube-system describe pod {{pod}}` for probe failures and kills, and ' +
        'the DaemonSet\'s rollout history.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      if (initKill(agent)) continue;
      const fatal = fatalLines(agent);
      const hits = (agent.log.signals['signal-received'] ?? []).filter(
        (h) => EXTERNAL_SIGNALS.has(h.fields['signal'] ?? 'terminated') && !fatal.some((f) => before(f, h)),
      );
      const hit = hits[0];
      if (!hit) continue;
      const events = agent.pod ? podEvents(state, agent.pod).filter((e) => e.reason !== null && STOP_REASONS.has(e.reason)) : [];
      const phase = agent.startupComplete ? (before(agent.startupComplete, hit) ? ' after its start-up had completed' : '') : ' before its start-up completed';
      drafts.push({
        messageId: 'signal',
        data: {
          agent: agent.node?.value ?? agent.pod ?? 'this agent',
          signal: hit.fields['signal'] ?? hit.msg,
          time: hit.time ? ` at ${hit.time}` : '',
          phase,
          cause: events.length > 0 ? ` (the kubelet reports: ${events.map((e) => `${e.reason} ${e.message}`).slice(0, 2).join('; ')})` : ' (the kubelet after failed probes, a rollout, a drain or an operator)',
          pod: agent.pod ?? '<agent pod>',
        },
        node: agent.node?.value ?? null,
        evidence: [{ source: hit.source, line: hit.line }, ...events.slice(0, 2).flatMap((e) => e.evidence.slice(0, 1))],
      });
    }
    return drafts;
  },
};
