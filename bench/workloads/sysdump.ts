import { sysdumpMembers, writeSysdumpZip, type SysdumpNode } from '../../test/helpers/sysdump.js';
import type { ArchiveWorkload } from '../workload.js';

const NODES = 10;
/** Agent log lines per node at scale 1: with the flows and the rest, ≈1 GiB of members. */
const LOG_LINES = 520_000;
const FLOWS = 10_000;

function nodes(count: number): SysdumpNode[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `bench-w${String(i + 1).padStart(2, '0')}`,
    ip: `192.168.90.${11 + i}`,
    podCIDR: `10.90.${i + 1}.0/24`,
    ciliumInternalIP: `10.90.${i + 1}.${100 + i}`,
    agent: `cilium-b${String(i).padStart(2, '0')}zq`,
    restarted: i % 4 === 3,
  }));
}

/**
 * A ten-node sysdump zip (1 GiB of members at BENCH_SCALE=1): per node the agent log, Hubble flows
 * and a bugtool folder, plus the cluster-wide Kubernetes lists, as cilium-cli lays it out.
 */
export const workload: ArchiveWorkload = {
  name: 'sysdump',
  archive: true,
  extension: '.zip',
  write(file, scale) {
    const members = sysdumpMembers(nodes(NODES), { logLines: Math.round(LOG_LINES * scale), flows: Math.round(FLOWS * scale) });
    return writeSysdumpZip(file, members);
  },
};
