/**
 * BPF map facts: the display names `cilium status --verbose` prints in its `BPF Maps` table and the
 * auto-minimums dynamic sizing never goes below (pkg/option/config.go `LimitTableAuto*Min`, HLT-11).
 */
export const MAP_AUTO_MINIMUMS: Readonly<Record<string, number>> = {
  'TCP connection tracking': 131072,
  'Non-TCP connection tracking': 65536,
  NAT: 131072,
};
