/** Service frontends seen on the wire (PKT-03, PKT-04). */
import { perPacketLb } from '../model/index.js';
import type { Observation, ReplayedFlow } from '../types/flows.js';
import type { ClusterState } from '../types/state.js';
import { captureRole, configAt } from './flow-queries.js';

const POD_SIDE = new Set(['pod-eth0', 'lxc']);
const BEYOND_POD = new Set(['overlay', 'native', 'cilium_host', 'wireguard']);
const BEYOND_POINTS = new Set(['to-overlay', 'to-network', 'to-stack', 'from-network', 'from-overlay', 'to-endpoint']);

export interface FrontendSighting {
  observation: Observation;
  index: number;
  /** The pod's own interfaces, or anywhere after bpf_lxc. */
  where: 'pod' | 'beyond';
}

/**
 * Request packets of a pod still addressed to a service frontend: TCP/UDP to a port the service
 * defines, the service not load-balanced by the L7 proxy; with whether socket-LB should have
 * translated them at connect() (on for the client, not limited to the host namespace) and whether
 * the pod program translates per packet.
 */
export function frontendSightings(
  flow: ReplayedFlow,
  state: ClusterState,
): { sightings: FrontendSighting[]; socketLb: boolean; perPacket: boolean; configKnown: boolean } | null {
  const vip = flow.service;
  if (!vip || flow.client.kind !== 'pod' || (flow.tuple.proto !== 'tcp' && flow.tuple.proto !== 'udp')) return null;
  const config = configAt(state, flow.client.node);
  if (vip.l7LoadBalancer) return null;
  const sightings: FrontendSighting[] = [];
  flow.observed.forEach((hop, index) => {
    const o = hop.observation;
    if (hop.leg !== 'request' || o.tuple?.dst !== vip.vip || (vip.port !== null && o.tuple.dport !== vip.port)) return;
    const role = captureRole(o);
    if (role && POD_SIDE.has(role)) sightings.push({ observation: o, index, where: 'pod' });
    else if ((role && BEYOND_POD.has(role)) || (o.point && BEYOND_POINTS.has(o.point))) sightings.push({ observation: o, index, where: 'beyond' });
    else if (o.point === 'from-endpoint') sightings.push({ observation: o, index, where: 'pod' });
  });
  const configKnown = config.agent !== null && config.kprMode !== null;
  return { sightings, socketLb: config.socketLB === true && !config.socketLBHostnsOnly, perPacket: perPacketLb(config), configKnown };
}
