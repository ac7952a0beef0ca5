/** What rules ask of a node's `ip route` dump and of the other nodes' PodCIDRs. */
import type { AgentState, ClusterState, NodeState, RouteState } from '../types/state.js';
import { isIPv4Cidr } from './cidrs.js';

/**
 * Routes of the agent's node in the host network namespace's main table. A dump that names no node
 * belongs to the only agent of the case.
 */
export function hostRoutes(state: ClusterState, agent: AgentState): RouteState[] {
  const node = agent.node?.value ?? null;
  const only = state.agents.length === 1;
  return state.routes.filter(
    (r) =>
      (r.node === null ? only : r.node === node) &&
      (r.netns === null || r.netns === 'host') &&
      (r.table === null || r.table === 'main'),
  );
}

/** A route's destination as a CIDR (`10.0.1.5` → `10.0.1.5/32`); null for `default`. */
export function routeCidr(r: RouteState): string | null {
  if (r.dst === 'default') return null;
  if (r.dst.includes('/')) return r.dst;
  return r.dst.includes(':') ? `${r.dst}/128` : `${r.dst}/32`;
}

export function defaultRoute(routes: readonly RouteState[]): RouteState | null {
  return routes.find((r) => r.dst === 'default' || r.dst === '0.0.0.0/0') ?? null;
}

/** The IPv4 PodCIDRs of every node but the agent's own (unknown when the agent's node is). */
export function remotePodCidrs(state: ClusterState, agent: AgentState): { node: NodeState; cidr: string }[] {
  const own = agent.node?.value.toLowerCase();
  if (own === undefined) return [];
  return state.nodes
    .filter((n) => n.name.toLowerCase() !== own)
    .flatMap((node) => node.podCIDRs.filter(isIPv4Cidr).map((cidr) => ({ node, cidr })));
}
