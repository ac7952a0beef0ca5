/**
 * Version-specific known issues of Cilium's datapath (datapath-model.md §6.5, revision 2026-12):
 * which releases and configurations each applies to, what it does, what observation confirms it, and
 * the upstream reference. The `known-issues` rule evaluates the conditions by their keys.
 */
import type { VersionRange } from './versions.js';

/** Configuration (and node) conditions an issue needs, all of them; evaluated against an agent's state. */
export type KnownIssueCondition =
  | 'tunnel'
  | 'bpf-host-routing'
  /** BPF host routing asked for: `enable-host-legacy-routing` printed and not true. */
  | 'bpf-host-routing-wanted'
  | 'bpf-nodeport'
  | 'xdp-acceleration'
  | 'bpf-masquerade'
  | 'socket-lb'
  /** LB mode `dsr` or `hybrid` (TCP goes DSR in both). */
  | 'dsr'
  | 'bpf-hostport'
  /** One backend address behind the ClusterIPs of several services (`cilium service list`). */
  | 'shared-backend'
  /** The node's kernel has the veth RX-queue recording (edbea9220251) without its fix (710ad98c363a). */
  | 'kernel-veth-queue-recording'
  /** The node's kernel is not known to carry the kernel_connect / sock_sendmsg address fixes. */
  | 'kernel-without-connect-fix'
  /** The host firewall is enabled (`Host firewall: Enabled`, `enable-host-firewall`). */
  | 'host-firewall';

/** Observations that show an issue happening. */
export type KnownIssueObservation =
  | 'pod-to-world-via-stack'
  | 'host-routing-legacy'
  | 'nfs-smb-mount-failures'
  | 'hostport-collision-logged'
  /** The `health-ip-stale` signature: peers probe a health IP the node no longer has. */
  | 'health-ip-stale'
  /** The `ct-entries-lost` signature: mid-stream segments dropped for lack of a conntrack entry. */
  | 'ct-entries-lost'
  /** The `identity-world-for-cluster-ip` signature: a cluster address resolved to reserved:world. */
  | 'identity-world-for-cluster-ip'
  /** Start-up failed listing the proxy's routing rules: the kernel has no IPv6. */
  | 'routing-rules-af-unsupported'
  /** Start-up failed with the ENI allocator's `unable to find ENI` while the IPAM mode is not `eni`. */
  | 'eni-error-outside-eni';

export interface KnownIssueClause {
  releases: VersionRange;
  when: readonly KnownIssueCondition[];
}

export interface KnownIssue {
  id: string;
  title: string;
  /** The issue applies where any clause matches (release and every condition). */
  appliesTo: readonly KnownIssueClause[];
  /** Releases nobody checked: reported as possibly affected. */
  unverified?: readonly VersionRange[];
  /** Where it is fixed, in words; null when it is a lasting limitation. */
  fixedIn: string | null;
  /**
   * The part of "Applies to" that only the workload shows (NFS mounts, pods with a hostPort): the
   * inputs rarely contain it, so the issue is reported only when its observation is seen.
   */
  workload?: string;
  effect: string;
  observation: { key: KnownIssueObservation; text: string } | null;
  references: readonly string[];
  /** Why the id is no longer evaluated. */
  withdrawn?: string;
}

/** Kernel releases in which veth records the RX queue (5.12, backported to 5.11.11) and that lack the fix (5.17). */
export const VETH_QUEUE_RECORDING_KERNELS: VersionRange = { from: '5.11.11', to: '5.16' };
/** First mainline kernel with the kernel_connect / sock_sendmsg fixes (stable and distribution backports exist). */
export const CONNECT_FIX_KERNEL = '6.6';

export const KNOWN_ISSUES: readonly KnownIssue[] = [
  {
    id: 'BUG-01',
    title: 'Tunnel mode with BPF host routing sends pod→world IPv4 through the host stack',
    appliesTo: [{ releases: { from: '1.10', to: '1.16' }, when: ['tunnel', 'bpf-host-routing'] }],
    unverified: [{ from: '1.17', to: '1.17' }],
    fixedIn: '1.18 (cilium/cilium#35098)',
    effect:
      'Pod→world IPv4 packets without a tunnel endpoint are handed to the stack before the FIB redirect (`-> stack`, ' +
      'netfilter traversed) and leave with wire TTL 62: expected on these releases, not a path divergence.',
    observation: { key: 'pod-to-world-via-stack', text: 'a pod→world flow traced `-> stack` or seen with TTL 62 on the native device' },
    references: ['cilium/cilium#35023', 'cilium/cilium#35098'],
  },
  {
    id: 'BUG-02',
    title: 'BPF host routing is not available in tunnel mode',
    appliesTo: [{ releases: { from: '1.9.0', to: '1.9.8' }, when: ['tunnel', 'bpf-host-routing-wanted'] }],
    fixedIn: '1.9.9 and 1.10 (cilium/cilium#15148)',
    effect:
      'The agent runs legacy host routing (1.9.1–1.9.8 log `BPF host routing is only available in native routing mode.`, ' +
      '1.9.0 falls back silently): lxc TX sightings and extra TTL decrements are expected.',
    observation: { key: 'host-routing-legacy', text: 'host routing is legacy' },
    references: ['cilium/cilium#15148'],
  },
  {
    id: 'BUG-03',
    title: 'BPF NodePort forwarding does not decrement the TTL',
    appliesTo: [
      { releases: { to: '1.13' }, when: ['bpf-nodeport'] },
      { releases: { from: '1.14.0', to: '1.14.1' }, when: ['bpf-nodeport', 'xdp-acceleration', 'tunnel'] },
    ],
    fixedIn: '1.14 for tc paths; 1.14.2 and 1.15 for XDP paths that add a tunnel header (cilium/cilium#27299)',
    effect:
      'North-south packets forwarded by BPF NodePort (SNAT/DSR to a remote backend and the reverse NAT of replies) keep ' +
      'their TTL (≤1.13), or XDP decrements the outer instead of the inner header (1.14.0–1.14.1): a TTL that is not ' +
      'decremented on these flows is expected.',
    observation: null,
    references: ['cilium/cilium#27299'],
  },
  {
    id: 'BUG-04',
    title: 'BPF masquerade does not masquerade traffic to node External IPs',
    appliesTo: [{ releases: {}, when: ['bpf-masquerade'] }],
    fixedIn: null,
    effect: 'Pods reaching the External IP of a cluster node keep their pod IP as source: expected, not a missing masquerade.',
    observation: null,
    references: ['cilium/cilium#17177'],
  },
  {
    id: 'BUG-05',
    title: 'Socket-LB breaks NFS/SMB mounts to a ClusterIP on kernels without the kernel_connect fixes',
    appliesTo: [{ releases: {}, when: ['socket-lb', 'kernel-without-connect-fix'] }],
    fixedIn: `kernel ${CONNECT_FIX_KERNEL} (kernel_connect / sock_sendmsg fixes; backported to stable and some distribution kernels, listed in kubeproxy-free.rst)`,
    workload: 'NFS or SMB volumes mounted from a ClusterIP service',
    effect: 'The kernel NFS/SMB client sees the backend address written back into its socket and mounts break or reconnect to a stale server.',
    observation: { key: 'nfs-smb-mount-failures', text: 'NFS/SMB mount failures in the Kubernetes events' },
    references: ['cilium/cilium#21541'],
  },
  {
    id: 'BUG-06',
    title: 'One backend behind several services: conntrack collisions',
    appliesTo: [{ releases: {}, when: ['shared-backend'] }],
    fixedIn: null,
    effect: 'New connections that reuse a source port towards the same backend through another service can collide in conntrack and be dropped intermittently.',
    observation: null,
    references: ['cilium/cilium#11810', 'cilium/cilium#18632'],
  },
  {
    id: 'BUG-07',
    title: 'DSR does not support TCP Fast Open',
    appliesTo: [{ releases: {}, when: ['dsr'] }],
    fixedIn: null,
    effect: 'Clients that use TCP Fast Open fail to connect through services in DSR mode; serve them in SNAT mode.',
    observation: null,
    references: ['kubeproxy-free.rst (limitations)'],
  },
  {
    id: 'BUG-08',
    title: 'Pod egress uses one NIC TX queue (veth RX-queue recording)',
    appliesTo: [
      { releases: { to: '1.9.11' }, when: ['kernel-veth-queue-recording'] },
      { releases: { from: '1.10.0', to: '1.10.6' }, when: ['kernel-veth-queue-recording'] },
      { releases: { from: '1.11.0', to: '1.11.0' }, when: ['kernel-veth-queue-recording'] },
    ],
    // 1.10.7 lists the backport (#18487) in its release notes; 1.9.12 and 1.11.1 follow from the backport dates.
    fixedIn: '1.9.12, 1.10.7, 1.11.1 (cilium/cilium#18388 resets the queue mapping in from-container); kernel fix 710ad98c363a',
    effect: 'All pod egress leaves on a single TX queue of a multi-queue NIC: qdisc drops and retransmissions at high throughput.',
    observation: null,
    references: ['cilium/cilium#18311', 'cilium/cilium#18388'],
  },
  {
    id: 'BUG-09',
    title: 'A hostPort inside the NodePort range is ignored',
    appliesTo: [{ releases: {}, when: ['bpf-hostport'] }],
    fixedIn: null,
    workload: 'a pod asking for a hostPort inside the NodePort range',
    effect: 'The BPF HostPort implementation skips the mapping and logs a warning: the hostPort is not reachable.',
    observation: { key: 'hostport-collision-logged', text: 'the agent logged `… is colliding with the configured NodePort range`' },
    references: ['kubeproxy-free.rst (limitations)'],
  },
  // Regressions recognised in the field (cilium/cilium issues and the release notes that fixed them):
  // reported only where their signature is observed on an affected release.
  {
    id: 'FIELD-01',
    title: 'Peers keep probing a stale health-endpoint IP after a node\'s agent restarted',
    appliesTo: [{ releases: { from: '1.11.0', to: '1.11.6' }, when: [] }],
    fixedIn: '1.11.7 (cilium/cilium#20210, backport #20263: health endpoint changes of nodes whose IPs also come from kube-apiserver reach every agent)',
    workload: 'a node whose agent restarted with a new health IP',
    effect:
      'After a node\'s agent restarts with a new health IP, other agents keep probing the old one: its endpoints show unreachable ' +
      'in cluster health though the network works (regression of 1.11.0).',
    observation: { key: 'health-ip-stale', text: 'peers probe a health IP the node no longer has' },
    references: ['cilium/cilium#18302', 'cilium/cilium#20210'],
  },
  {
    id: 'FIELD-02',
    title: 'Established host connections are interrupted by an agent restart with the host firewall',
    appliesTo: [{ releases: { from: '1.11.0', to: '1.11.5' }, when: ['host-firewall'] }],
    fixedIn: '1.11.6 (cilium/cilium#19998, backport #20111)',
    workload: 'an agent restart while host connections are established',
    effect:
      'With the host firewall on, the agent\'s restart loses the conntrack state of established connections of the host: their ' +
      'next segments are dropped as new connections the host policy does not allow.',
    observation: { key: 'ct-entries-lost', text: 'mid-stream segments dropped for lack of a conntrack entry' },
    references: ['cilium/cilium#19998', 'cilium/cilium#19367'],
  },
  {
    id: 'FIELD-03',
    title: 'CiliumEndpoints of restarted StatefulSet pods removed by other agents',
    appliesTo: [{ releases: { from: '1.11.0', to: '1.11.2' }, when: [] }],
    fixedIn: '1.11.3 (cilium/cilium#18864, backport #19142)',
    workload: 'StatefulSet pods restarted under the same name',
    effect:
      'An agent removes the CiliumEndpoint of a StatefulSet pod that restarted on another node: the other agents lose its ipcache ' +
      'entry and see the pod as reserved:world until the endpoint is re-created — persistent connectivity and policy failures.',
    observation: { key: 'identity-world-for-cluster-ip', text: 'a cluster address resolved to reserved:world' },
    references: ['cilium/cilium#18864'],
  },
  {
    id: 'FIELD-04',
    title: 'The agent fails to start on kernels without IPv6 (L7 proxy routing rules)',
    appliesTo: [{ releases: { from: '1.15.4', to: '1.15.4' }, when: [] }],
    fixedIn: '1.15.5 (cilium/cilium#32007: the proxy skips removing rules of an address family the kernel does not support); workaround: l7Proxy=false',
    workload: 'a node whose kernel has no IPv6 (built without it, or booted with ipv6.disable=1)',
    effect:
      'With the L7 proxy enabled, start-up removes the proxy\'s IPv6 routing rules even when IPv6 is off, and a kernel without IPv6 ' +
      'refuses the listing: the agent exits and crash-loops after an upgrade from 1.15.3 (regression of 1.15.4).',
    observation: { key: 'routing-rules-af-unsupported', text: 'start-up failed `listing routing rules: address family not supported by protocol`' },
    references: ['cilium/cilium#31944', 'cilium/cilium#32448', 'cilium/cilium#32007'],
  },
  {
    id: 'FIELD-05',
    title: 'The agent fails to start with `ipam: crd` (an ENI error in the CRD allocator)',
    appliesTo: [{ releases: { from: '1.10.0', to: '1.10.0' }, when: [] }],
    fixedIn: '1.10.1 (cilium/cilium#16493: the allocation result of the modes without a cloud interface no longer fails with an ENI error)',
    workload: 'an agent in `crd` IPAM mode (addresses listed in its CiliumNode by an external allocator)',
    effect:
      'Allocating the router IP in `crd` mode falls into the ENI branch of the CRD allocator and fails with `unable to find ENI`: ' +
      'the agent exits and crash-loops (regression of 1.10.0).',
    observation: { key: 'eni-error-outside-eni', text: 'start-up failed with `unable to find ENI` while the IPAM mode is not `eni`' },
    references: ['cilium/cilium#16492', 'cilium/cilium#16493'],
  },
  {
    id: 'BUG-10',
    title: 'Endpoint routes with IPv6 force legacy host routing',
    appliesTo: [],
    fixedIn: null,
    effect: '',
    observation: null,
    references: [],
    withdrawn:
      'revision 2026-12: no released version has an "endpoint routes when IPv6 is enabled" host-routing condition; it existed only during 1.14 development',
  },
];
