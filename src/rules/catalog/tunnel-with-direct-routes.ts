import { versionWithin } from '../../knowledge/versions.js';
import { datapathConfig } from '../../model/index.js';
import type { Evidence } from '../../types/evidence.js';
import type { AgentState } from '../../types/state.js';
import { agentRelease, agentVersion, firstLines, flag, lastLine } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

/** CFG-08 from the configuration: effective tunnel routing and `auto-direct-node-routes=true`. */
function configured(agent: AgentState): Evidence[] | null {
  const adnr = flag(agent, 'auto-direct-node-routes');
  const cfg = datapathConfig(agent);
  if (adnr?.value !== 'true' || cfg.routing !== 'tunnel') return null;
  return [...lastLine(adnr), ...(cfg.evidence.routing ?? [])];
}

/** Which message a configured (not logged) combination gets on this agent's release. */
function configuredMessage(agent: AgentState): string {
  const v = agentVersion(agent);
  if (v === null) return 'unknownRelease';
  return versionWithin(v, { to: '1.9.4' }) ? 'bypass' : 'fatal';
}

export const rule: Rule = {
  meta: {
    name: 'tunnel-with-direct-routes',
    specId: 'CFG-08',
    severity: 'error',
    title: 'auto-direct-node-routes together with tunnel routing',
    meaning:
      'Direct node routes belong to native routing. From 1.9.5 / 1.10 the agent refuses to start with both; on 1.9.0–1.9.4 ' +
      'the installed routes could send pod traffic past the tunnel.',
    checkNext: 'Choose one mode: routing-mode=native with auto-direct-node-routes, or tunnel routing without it.',
    reads: ['C', 'L'],
    messages: {
      logged:
        'The agent refused to start: auto-direct-node-routes is set while routing is tunnel. Use native routing with direct ' +
        'node routes, or tunnel routing without them.',
      fatal:
        'Expected either tunnel routing or auto-direct-node-routes; both are configured, which {{release}} refuses at ' +
        'start-up ("auto-direct-node-routes cannot be used with tunneling"). Choose one mode.',
      bypass:
        'Expected either tunnel routing or auto-direct-node-routes; both are configured on {{release}}, which accepts them: ' +
        'direct routes to the other nodes\' PodCIDRs can carry pod traffic past the tunnel. Choose one mode.',
      unknownRelease:
        'Expected either tunnel routing or auto-direct-node-routes; both are configured. From 1.9.5 / 1.10 the agent refuses ' +
        'to start; on 1.9.0–1.9.4 pod traffic can bypass the tunnel (the release is unknown). Choose one mode.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      const node = agent.node?.value ?? null;
      const logged = agent.log.signals['adnr-with-tunnel'];
      const fromConfig = configured(agent);
      if (logged) drafts.push({ messageId: 'logged', node, evidence: [...firstLines(logged, 3), ...(fromConfig ?? [])] });
      else if (fromConfig) {
        const release = agentRelease(agent);
        const evidence = release ? [...fromConfig, ...lastLine(release)] : fromConfig;
        drafts.push({ messageId: configuredMessage(agent), data: { release: release?.value ?? '' }, node, evidence });
      }
    }
    return drafts;
  },
};
