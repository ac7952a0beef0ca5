/** Cilium's service load-balancing facts (datapath-model.md §1.2, §1.5; kubeproxy-free.rst). */

/** The only Maglev table sizes the agent accepts (`bpf-lb-maglev-table-size`); other values are fatal. */
export const MAGLEV_TABLE_SIZES: readonly number[] = [251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521, 131071];
export const MAGLEV_DEFAULT_TABLE_SIZE = 16381;
/** The Maglev paper's rule: a table larger than 100 × backends keeps reassignment under 1 %. */
export const MAGLEV_TABLE_PER_BACKEND = 100;

/** Service types whose frontends north-south traffic reaches, the traffic Maglev hashes. */
export const NORTH_SOUTH_SERVICE_TYPES: readonly string[] = ['NodePort', 'LoadBalancer', 'ExternalIPs'];

/** The smallest accepted Maglev table size that keeps `backends` within the 1 % rule, or null if none does. */
export function maglevTableFor(backends: number): number | null {
  return MAGLEV_TABLE_SIZES.find((size) => size >= backends * MAGLEV_TABLE_PER_BACKEND) ?? null;
}
