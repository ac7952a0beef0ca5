import type { Evidence } from '../types/evidence.js';
import type { AgentState } from '../types/state.js';
import { flag, lastLine } from './agents.js';

/**
 * The lines saying the agent selects service backends with Maglev (the configured algorithm, else
 * status `Backend Selection: Maglev`), or null. Maglev is validated and used only with BPF NodePort.
 */
export function maglevSelected(agent: AgentState): Evidence[] | null {
  if (agent.nodePort?.value === false) return null;
  const algorithm = flag(agent, 'bpf-lb-algorithm');
  if (algorithm) return algorithm.value.toLowerCase() === 'maglev' ? lastLine(algorithm) : null;
  const printed = agent.status?.facts.lbAlgorithm;
  return printed?.value === 'maglev' ? printed.evidence : null;
}
