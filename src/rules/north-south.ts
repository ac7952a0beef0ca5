/** External clients reaching a NodePort / LoadBalancer service (F6; PKT-07 … PKT-10, PKT-16). */
import type { ObservedHop, ReplayedFlow } from '../types/flows.js';
import type { ClusterState } from '../types/state.js';
import { captureRole, inCluster, isNodeAddress, receivedByServer } from './flow-queries.js';

export interface NorthSouth {
  /** The node whose address the client addressed. */
  ingressNode: string | null;
  /** Request packets the backend received with a node address as source (client IP lost). */
  snatAtBackend: { hop: ObservedHop; index: number }[];
  backendLocal: boolean | null;
}

/** The flow as an external client → service flow, or null when it is not one. */
export function northSouth(flow: ReplayedFlow, state: ClusterState): NorthSouth | null {
  if (flow.class !== 'F6' || inCluster(flow.client.kind)) return null;
  const ingress = state.nodes.find((n) => n.internalIPs.includes(flow.tuple.dst))?.name ?? null;
  const snatAtBackend = receivedByServer(flow, state).filter(({ hop }) => {
    const src = hop.observation.tuple!.src;
    return src !== flow.client.ip && isNodeAddress(state, src);
  });
  const backendLocal = ingress === null || flow.server.node === null ? null : ingress === flow.server.node;
  return { ingressNode: ingress, snatAtBackend, backendLocal };
}

/** Observations of the flow on a native device of a node. */
export function onNode(flow: ReplayedFlow, node: string | null, leg: 'request' | 'reply'): { hop: ObservedHop; index: number }[] {
  return flow.observed.flatMap((hop, index) =>
    hop.leg === leg && node !== null && hop.observation.node === node && captureRole(hop.observation) === 'native' ? [{ hop, index }] : [],
  );
}
