import {
  AGENT_API_UNREACHABLE,
  STATUS_ROWS,
  STATUS_TABLE_HEADERS,
  kprDetailLine,
  kprServiceLine,
  statusLabelLine,
  statusValueFits,
} from '../knowledge/status-labels.js';
import type { FormatSniffer } from './types.js';

/** Lines that open or certainly belong to a `cilium status` family output (status.md). */
const STARTS: RegExp[] = [
  /^Probe time:\s+\d{4}-\d\d-\d\dT/,
  /^ *\/¯¯\\|\\__\/(?:¯¯\\)?|^ +\\__\/\s*$/,
  /^(?:DaemonSet|Deployment)\s+\S+\s+(?:Desired|Ready|Available|Unavailable): \d/,
  /^Containers:\s+\S+\s+(?:Running|Pending|Succeeded|Failed|Unknown): \d/,
  /^Cluster Pods:\s+\d+\/\d+ managed by Cilium/,
  /^Image versions\s+\S+\s+\S+: \d+\s*$/,
  /^Name\s+IPv4 Address\s+Endpoint CIDR\s+IPv6 Address\s+Endpoint CIDR/,
  /^ENDPOINT\s+POLICY \(ingress\)\s+POLICY \(egress\)\s+IDENTITY/,
  /^ID\s+Frontend\s+Service Type\s+Backend\s*$/,
  /^(?:SERVICE ADDRESS|ID)\s+(?:BACKEND ADDRESS \(REVNAT_ID\) \(SLOT\)|BACKEND ID|BACKEND ADDRESS)\s*$/,
  /^IP PREFIX\/ADDRESS\s+IDENTITY\s*$/,
  /^TUNNEL\s+VALUE\s*$/,
  /^ID\s+LABELS(?:\s+REFCOUNT)?\s*$/,
  /^IP\s+IDENTITY\s+SOURCE(?:\s+HOST\s+ENCRYPT_KEY)?\s*$/,
  /^#{4,5} Read-(?:write|only) configurations #{4,5}\s*$/,
  /^(?:Client|Daemon): \d+\.\d+\.\d+\S* [0-9a-f]{7,}/,
  /^cilium-cli: v?\d+\.\d+/,
  /^cilium image \((?:default|stable|running)\): /,
  /^(?:TCP|UDP|ICMP|ICMPv6|SCTP) (?:IN|OUT|SVC) \S+ -> \S+ /,
  /^\S+:\d+\S* \(\d+\)\s+(?:\S+:\d+\S* \(\d+\) \(\d+\)|backend \d+ not found)/,
  /^error in (?:kvstore|container runtime|kubernetes|cilium|cilium-health|controller \S+): /,
  AGENT_API_UNREACHABLE.dialError,
  AGENT_API_UNREACHABLE.hint,
];

/** Rows and detail lines that only continue a block opened by a line above. */
const CONTINUATIONS: RegExp[] = [
  ...Object.values(STATUS_TABLE_HEADERS),
  ...Object.values(STATUS_ROWS),
  /^\s*\d+ events lost, \d+ unknown notifications/,
  /^\s*Nodes:\s*$/,
  /^\s+\S.*?(?: \(localhost\))?:$/,
  /^\s*(?:Secondary )?(?:Host|Endpoint) connectivity(?: to \S+:|:\s+nil)\s*$/,
  /^\s*Secondary connectivity to \S+:\s*$/,
  /^\s*(?:ICMP to stack|HTTP to agent):\s+\S/,
  /^\s*\.\.\.\s*$/,
  /^\s*(?:[│├└]|agent\s*$)/,
  /^\s+\S+: (?:ready|not-ready), /,
  /^\s+└ /,
  /^\s+- (?:\S+)\s*$/,
  /^\s*Prefixes:\s/,
  /^\s{2}\S+\s{3,}\S+\s{3,}\d+\s*$/,
  // cilium-cli continuation rows and Errors/Warnings rows
  /^\s{8,}\S+\s{2,}(?:\S+: \d+|\S+:\S+: \d+|(?:Running|Pending|Succeeded|Failed|Unknown): \d)/,
  /^(?:Errors|Warnings|Configuration):\s{2,}\S/,
  /^Helm chart version:/,
  // listings
  /^\d+\s+(?:Enabled|Disabled|Unknown)/,
  /^\s{10,}\S+\s*$/,
  /^\s+ENFORCEMENT\s+ENFORCEMENT\s*$/,
  /^\d+\s+\S+:\d+\S*\s+\S/,
  /^\s+\d+ => \S+/,
  /^\S+:\d+\S* \(\d+\)\s+\S/,
  /^\s+\S+:\d+\S* \(\d+\) \(\d+\)/,
  /^\s+backend \d+ not found/,
  /^[0-9a-fA-F.:]+(?:\/\d+)?(?:@\d+)?\s{2,}\S/,
  /^\d+\s{2,}\S+:\S*/,
  /^\s+\S+:\S*\s*$/,
  /^\S+\s+(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]+:[0-9a-f:]*)?\s+\S+\/\d+/,
  /^[A-Z][A-Za-z0-9]*\s+: /,
  /^\t\S/,
  // a label this analyzer does not know yet: kept in the block so the grammar reports it
  /^\s*[A-Z][\w ./()-]*:\s{2,}\S/,
];

export const statusSniffer: FormatSniffer = {
  format: 'cilium-status',
  match(text) {
    const labelled = statusLabelLine(text);
    if (labelled) return statusValueFits(labelled.label, labelled.value) ? 1 : 0;
    for (const re of STARTS) if (re.test(text)) return 1;
    return 0;
  },
  continues(text) {
    if (kprDetailLine(text) || kprServiceLine(text)) return true;
    for (const re of CONTINUATIONS) if (re.test(text)) return true;
    return false;
  },
};
