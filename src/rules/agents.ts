/** Small questions rules ask of an agent's state. */
import { parseVersion, minorAtLeast, type CiliumVersion } from '../knowledge/versions.js';
import type { Evidence } from '../types/evidence.js';
import type { AgentState, ClusterState, Fact, LogSignalHit, RequestedFlag } from '../types/state.js';

/** A configured flag by its current name (the state resolved renames). */
export function flag(agent: AgentState, name: string): RequestedFlag | null {
  return agent.requested[name] ?? null;
}

/** The agent's release as printed: what its status printed, else its log banner. */
export function agentRelease(agent: AgentState): Fact<string> | null {
  return agent.status?.version ?? agent.version ?? null;
}

/** The agent's release, parsed. */
export function agentVersion(agent: AgentState): CiliumVersion | null {
  const text = agentRelease(agent)?.value;
  return text ? parseVersion(text) : null;
}

/** Whether the agent runs at least minor release `minor` (false when its version is unknown). */
export function atLeast(agent: AgentState, minor: number): boolean {
  const v = agentVersion(agent);
  return v !== null && minorAtLeast(v, minor);
}

export function factEvidence(...facts: Fact<unknown>[]): Evidence[] {
  return facts.flatMap((f) => f.evidence);
}

/** The last line a fact was read from (a flag printed twice cites where it was printed last). */
export function lastLine(f: Fact<unknown>): Evidence[] {
  return f.evidence.slice(-1).map(({ source, line }) => ({ source, line }));
}

/** The node of the agent with this key (monitor and log records carry agent keys). */
export function nodeOfAgent(state: ClusterState, key: string): string | null {
  return state.agents.find((a) => a.key === key)?.node?.value ?? null;
}

/** At most `max` evidence lines, without their extra properties. */
export function firstLines(lines: readonly Evidence[], max = 5): Evidence[] {
  return lines.slice(0, max).map((l) => ({ source: l.source, line: l.line }));
}

/** `3 drops` / `1 drop`. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The message or field of a log line that carries one of `texts` (fatal errors often arrive wrapped in `error=`). */
export function carrying(hit: LogSignalHit, texts: readonly string[]): string {
  return [hit.msg, ...Object.values(hit.fields)].find((t) => texts.some((x) => t.includes(x))) ?? hit.msg;
}
