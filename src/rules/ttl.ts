/** TTL comparisons shared by `ttl-not-decremented` (PKT-01) and `ttl-extra-decrement` (PKT-02). */
import type { ExpectedHop, FlowVariant, ObservedHop, ReplayedFlow } from '../types/flows.js';
import type { ClusterState } from '../types/state.js';
import { isLinuxSender } from '../model/index.js';
import { configAt, inEveryVariant, matched } from './flow-queries.js';

export interface TtlMismatch {
  hop: ObservedHop;
  index: number;
  expected: ExpectedHop;
}

/**
 * Whether TTL predictions apply to the flow (datapath-model.md PKT-01, R36): a Linux pod or a
 * node of the cluster (Cilium runs on Linux only) sends it, no proxy re-originates it, and no
 * encryption sends it through the stack.
 */
export function ttlApplies(flow: ReplayedFlow, state: ClusterState): boolean {
  if (!isLinuxSender(flow.client.kind)) return false;
  if (flow.observations.some((o) => o.point === 'to-proxy' || o.point === 'from-proxy')) return false;
  const encrypted = (place: string | null): boolean => {
    const e = configAt(state, place).encryption;
    return e === 'wireguard' || e === 'ipsec';
  };
  return !encrypted(flow.client.node) && !encrypted(flow.server.node);
}

function firstMismatch(v: FlowVariant, sign: 1 | -1): TtlMismatch | null {
  for (const m of matched(v)) {
    if (m.hop.ttl === null || m.expected.ttl === null) continue;
    const delta = m.hop.ttl - m.expected.ttl;
    if (delta !== 0) return Math.sign(delta) === sign ? m : null;
  }
  return null;
}

/** The first hop whose TTL is above (`1`) or below (`-1`) the prediction, in every variant. */
export function ttlMismatch(flow: ReplayedFlow, sign: 1 | -1): TtlMismatch | null {
  return inEveryVariant(flow, (v) => firstMismatch(v, sign));
}
