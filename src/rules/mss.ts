/** TCP MSS against the route MTU of the sender (MTU-01, MTU-03; datapath-model.md §1.3). */
import { isSyn, isSynAck } from '../flows/index.js';
import { mssHeaders, routeMtu, type DatapathConfig } from '../model/index.js';
import type { Observation, ReplayedFlow } from '../types/flows.js';
import type { ClusterState } from '../types/state.js';
import { configAt } from './flow-queries.js';

export interface MssSighting {
  observation: Observation;
  index: number;
  mss: number;
  /** The sender's route MTU in every routing mode the inputs leave open (lowest and highest). */
  mtu: { low: number; high: number; basis: string; assumed: boolean };
  config: DatapathConfig;
  sender: 'client' | 'server';
}

/**
 * The SYN (and SYN-ACK) MSS a pod sent, with the route MTU of its node. A SYN carries its sender's
 * MSS; a node or a router may clamp it later, so the first sighting counts.
 */
export function mssSightings(flow: ReplayedFlow, state: ClusterState): MssSighting[] {
  const found: MssSighting[] = [];
  for (const sender of ['client', 'server'] as const) {
    const end = flow[sender];
    if (end.kind !== 'pod') continue;
    const index = flow.observed.findIndex(
      (h) => h.observation.mss !== null && h.observation.tuple?.src === end.ip && (sender === 'client' ? isSyn(h.observation.tcpFlags) : isSynAck(h.observation.tcpFlags)),
    );
    if (index === -1) continue;
    const o = flow.observed[index]!.observation;
    const config = configAt(state, end.node);
    const routings = config.routing ? [config.routing] : (['tunnel', 'native'] as const);
    const mtus = routings.map((r) => routeMtu({ ...config, routing: r })!);
    const values = mtus.map((m) => m.mtu);
    found.push({
      observation: o,
      index,
      mss: o.mss!,
      mtu: { low: Math.min(...values), high: Math.max(...values), basis: mtus.map((m) => m.basis).join(' or '), assumed: mtus.some((m) => m.assumed) },
      config,
      sender,
    });
  }
  return found;
}

export function headers(o: Observation): number {
  return mssHeaders(o.tuple?.src.includes(':') ?? false);
}
