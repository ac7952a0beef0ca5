/**
 * Line shapes of the status family's other outputs (status.md §2–§9): `cilium-health status`,
 * cilium-cli `cilium status`, the agent's list commands, `cilium config` and `cilium version`.
 * The sniffer recognises lines with them and the grammar reads them with the same expressions
 * (capture groups are the grammar's; the sniffer only tests).
 */

/** Header lines of the list commands, by the block they open. */
export const LIST_HEADERS = [
  { block: 'node-list', pattern: /^Name\s+IPv4 Address\s+Endpoint CIDR\s+IPv6 Address\s+Endpoint CIDR(?:\s+Source)?\s*$/ },
  { block: 'endpoint-list', pattern: /^ENDPOINT\s+POLICY \(ingress\)\s+POLICY \(egress\)\s+IDENTITY\s+LABELS/ },
  { block: 'service-list', pattern: /^ID\s+Frontend\s+Service Type\s+Backend\s*$/ },
  { block: 'bpf-lb-list', pattern: /^(?:SERVICE ADDRESS|ID)\s+(?:BACKEND ADDRESS \(REVNAT_ID\) \(SLOT\)|BACKEND ID|BACKEND ADDRESS)\s*$/ },
  { block: 'bpf-ipcache-list', pattern: /^IP PREFIX\/ADDRESS\s+IDENTITY\s*$/ },
  { block: 'bpf-tunnel-list', pattern: /^TUNNEL\s+VALUE\s*$/ },
  { block: 'identity-list', pattern: /^ID\s+LABELS(?:\s+REFCOUNT)?\s*$/ },
  { block: 'ip-list', pattern: /^IP\s+IDENTITY\s+SOURCE(?:\s+HOST\s+ENCRYPT_KEY)?\s*$/ },
  // `cilium bpf policy get`: POLICY (1.9 →), IDENTITY with `-n`, AUTH TYPE (1.14 →), PREFIX, COOKIE (1.17 →).
  { block: 'bpf-policy-get', pattern: /^(?:POLICY\s+)?DIRECTION\s+(?:LABELS \(source:key\[=value\]\)|IDENTITY)\s+PORT\/PROTO\s+PROXY PORT\b/ },
  { block: 'map-list', pattern: /^Name\s+Num entries\s+Num errors\s+Cache enabled\s*$/ },
  { block: 'endpoint-log', pattern: /^Timestamp\s+Status\s+State\s+Message\s*$/ },
] as const;

/**
 * A `cilium endpoint log` row (1: time, 2: status, 3: state, 4: message). Ingest takes a leading
 * RFC 3339 time for a log wrapper's (`kubectl logs --timestamps`) and keeps it as the line's context:
 * the row may come without it.
 */
export const ENDPOINT_LOG_ROW = /^\s*(?:(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\S*)\s+)?(OK|Failure|Warning|Disabled)\s+([a-z][\w-]*)\s+(\S.*?)\s*$/;

/** A `cilium map list` row (1: map, 2: cached entries, 3: entries whose last sync failed, 4: cache enabled). */
export const MAP_LIST_ROW = /^(cilium_\w+|\S+)\s+(\d+)\s+(\d+)\s+(true|false)\s*$/;

/**
 * A `cilium bpf nat list` entry (pkg/maps/nat: the CT tuple, then `XLATE_SRC|XLATE_DST ADDR:PORT
 * Created=Nsec` and `HostLocal=N` (≤1.11) or `NeedsCT=N` (1.12 →); 1: proto, 2: direction, 3: source,
 * 4: destination, 5: SRC/DST, 6: translated address, 7: seconds, 8: HostLocal/NeedsCT, 9: its value).
 */
export const NAT_ROW = /^(TCP|UDP|ICMP|ICMPv6|SCTP) (IN|OUT) (\S+) -> (\S+) XLATE_(SRC|DST) (\S+) Created=(?:(\d+)sec|\S+)(?: (HostLocal|NeedsCT)=(\d+))?\s*$/;

/** cilium-cli `cilium connectivity test` (and `cilium connectivity perf`' sibling is not read). */
export const CONNECTIVITY_TEST_COMMAND = /(?:^|\s)cilium\s+connectivity\s+test\b/;

/**
 * Lines of `cilium connectivity test` (cilium-cli connectivity/check and tests, v0.10 → v0.18): the
 * `[=] Test` / `[-] Scenario` / `[.] Action` headers (from v0.15 with the test namespace and `[i/n]`),
 * results led by ✅ ❌ 🔥, the `📋 Test Report` with its summary and failed actions, the closing error,
 * the debug feature list, and the other emoji-led progress lines.
 */
export const CONNECTIVITY_ROWS = {
  test: /^\[=\] (?:\[[^\]]+\] )?Test \[([^\]]+)\](?: \[\d+\/\d+\])?\s*$/,
  skipped: /^\[=\] (?:\[[^\]]+\] )?Skipping [Tt]est \[([^\]]+)\](?: \[\d+\/\d+\])?(?: \((.*)\))?\s*$/,
  scenario: /^\s*\[-\] Scenario \[([^\]]+)\]\s*$/,
  action: /^\s*\[\.\] Action \[([^:\]]+)(?:: (.*))?\]\s*$/,
  report: /^\s*📋 Test Report\s*$/,
  failedSummary: /^\s*❌ (\d+)\/(\d+) tests failed \((\d+)\/(\d+) actions\)(.*)$/,
  passedSummary: /^\s*✅ (?:\[[^\]]+\] )?All (\d+) tests \((\d+) actions\) successful(.*)$/,
  reportTest: /^Test \[([^\]]+)\]:\s*$/,
  failedAction: /^\s+❌ (\S+\/\S+): (.*?)\s*$/,
  // (🔥 and 🟥 are astral: alternatives, not a class, keep the expression free of the `u` flag)
  result: /^\s*(✅|❌|🔥|🟥)\s*(.*?)\s*$/,
  feature: /^🐛\s+([\w-]+): (\S.*?)\s*$/,
  failure: /^connectivity test failed: (.*?)\s*$/,
  progress: /^\s*\.+\s*$/,
  note: /^\s*(?:ℹ\uFE0F?|⚠\uFE0F?|[✨⌛🔭🏃📄📜🔌🐛🔥🧹🚀🔑🔍⏩⏭💥🔀✔])\s*(.*?)\s*$/u,
};

/** `cilium encrypt status` / `cilium-dbg encrypt status` (1.11 →). */
export const ENCRYPT_STATUS_COMMAND = /(?:^|\s)cilium(?:-dbg)?\s+encrypt\s+status\b/;

/**
 * Lines of `cilium encrypt status` (cilium-dbg/cmd/encrypt_status.go): the mode (`Encryption:%-26s`,
 * before 1.12 without the space), then for IPsec the decryption interfaces (1.14 →), keys in use, the
 * highest output sequence number, the XFRM error total and one tab-indented `Name: N` per non-zero
 * counter; for WireGuard one `Interface:` with its tab-indented public key and peer count.
 */
export const ENCRYPT_STATUS_ROWS = {
  mode: /^\s*Encryption: ?(IPsec|Wireguard|WireGuard|Disabled|ipsec|wireguard|disabled)\s*$/,
  field: /^\s*(Decryption interface\(s\)|Keys in use|Max Seq\. Number|Errors|Interface): ?(.*?)\s*$/,
  detail: /^\s+(Public key|Number of peers): (\S+)\s*$/,
  xfrm: /^\s+(Xfrm\w+):? +(\d+)\s*$/,
};

/**
 * A `cilium bpf policy get` row (1: Allow / Deny where printed, 2: direction, 3: the first label or
 * the identity, 4: port/protocol, 5: proxy port, 6: auth type where printed, 7: bytes, 8: packets,
 * 9: prefix length, 10: cookie). Bytes and packets are `-` where the map keeps no statistics.
 */
export const POLICY_ROW =
  /^(?:(Allow|Deny)\s+)?(Ingress|Egress)\s+(\S+)\s+(\S+)\s+(NONE|\d+)\s+(?:([a-z][\w-]*)\s+)?(\d+|-)\s+(\d+|-)(?:\s+(\d+))?(?:\s+(\d+))?\s*$/;

/** Second header line of `cilium endpoint list`. */
export const ENDPOINT_LIST_HEADER_2 = /^\s+ENFORCEMENT\s+ENFORCEMENT\s*$/;

/** `##### Read-write configurations #####` of `cilium config` (1: write / only). */
export const CONFIG_HEADER = /^#{4,5} Read-(write|only) configurations #{4,5}\s*$/;

/** `cilium version` rows (1: component, 2: version, 3: revision where printed). */
export const VERSION_ROWS: readonly RegExp[] = [
  /^(Client|Daemon): (\d+\.\d+\.\d+\S*) ([0-9a-f]{7,})\b/,
  /^(cilium-cli): v?(\d+\.\d+\.\d+\S*)/,
  /^(cilium image \((?:default|stable|running)\)): (.*)$/,
  // `hubble version`: `hubble v1.16.5@HEAD-8b0f4ad compiled with go1.23.4 on linux/amd64`.
  /^(hubble) v?(\d+\.\d+\.\d+[^\s@]*)(?:@\S*?-([0-9a-f]{7,}))?\S* compiled with /,
];

const POLICY = String.raw`Enabled|Disabled(?: \(Audit\))?|Unknown`;

/**
 * A `cilium endpoint list` row, also pasted without its header (1: id, 2: ingress and 3: egress
 * enforcement, 4: identity, 5: the first label, addresses and status).
 */
export const ENDPOINT_ROW = new RegExp(String.raw`^(\d+)\s+(${POLICY})\s+(${POLICY})\s+(\d+|<no label id>)\s+(.*?)\s*$`);

/**
 * A `cilium bpf lb list` row, also pasted without its header: the frontend (with its backend slot
 * where the key prints it, 1.10–1.14), then the first value: `BACKEND (REVNAT)` (≤1.9), `BACKEND
 * (REVNAT) (SLOT)` (1.10 →), or `backend N not found`.
 */
export const LB_ROW = /^\S+:\d+\S*(?: \(\d+\))?\s+(?:\S+:\d+\S* \(\d+\)(?: \(\d+\))?|backend \d+ not found)/;

/** A `cilium bpf ct list global` entry (1: proto, 2: direction, 3: source, 4: destination, 5: the rest). */
export const CT_ROW = /^(TCP|UDP|ICMP|ICMPv6|SCTP) (IN|OUT|SVC) (\S+) -> (\S+) (.*expires=.*)$/;

/** `cilium status --brief` failure lines (1: component, 2: message). */
export const BRIEF_ERROR = /^error in (kvstore|container runtime|kubernetes|cilium|cilium-health|controller \S+(?: \(\d+\))?): (.*)$/;

/**
 * A pasted `cilium status --brief` (`cilium-dbg`, also run through `kubectl exec … --`): its output
 * is one line, `OK` or a BRIEF_ERROR.
 */
/** `cilium bpf policy get [flags] ENDPOINT` (1: the endpoint whose policy map it prints). */
export const POLICY_GET_COMMAND = /(?:^|\s)cilium(?:-dbg)?\s+bpf\s+policy\s+get\b(?:\s+-\S+)*\s+(\d+)\b/;

/** `cilium bpf policy get --all`: each map's endpoint before its table, then the map's path. */
export const POLICY_MAP_ENDPOINT = /^Endpoint ID: (\d+)\s*$/;
export const POLICY_MAP_PATH = /^Path: \S*cilium_policy_\w+\s*$/;

export const BRIEF_COMMAND = /(?:^|\s)cilium(?:-dbg)?\s+status\b[^|;]*\s--brief\b/;

/** `cilium config [--all]` (not `config view`, the ConfigMap's keys): its rows, also filtered by a pipe (`| grep Ct`). */
export const CONFIG_COMMAND = /(?:^|\s)cilium(?:-dbg)?\s+config(?:\s+(?:--all|-a))?\s*(?:$|\|)/;

/**
 * A `cilium config` row: a CamelCase key (an option or daemon field), or the two kube-client keys
 * `-r`/`--all` print after the daemon fields, ` : `, its value (none for an unset key).
 */
export const CONFIG_KEY = /^(?:[A-Z][A-Za-z0-9]*|k8s-configuration|k8s-endpoint)\s+: /;

/** A `cilium config` row a pipe kept without its section header: a key and a value. */
export const CONFIG_ROW = new RegExp(`${CONFIG_KEY.source}\\S`);

/** cilium-cli `cilium clustermesh status` (not the agent's `cilium-dbg status`). */
export const CLUSTERMESH_STATUS_COMMAND = /(?:^|\s)cilium\s+clustermesh\s+status\b/;

/**
 * Lines of `cilium clustermesh status` (cilium-cli clustermesh/clustermesh.go): `⚠️  1/3 nodes are not
 * connected to all clusters […]` / `✅ All 3 nodes are connected …` (also `KVStoreMesh replicas`), a
 * `- NAME: C/T configured, N/T connected[ - KVStoreMesh: …]` row per remote cluster (indented from
 * v0.15), `❌ POD is not connected to cluster NAME: ERROR` under `❌ N Errors:` (indented from v0.15),
 * and the other emoji-led lines and the `- ADDRESS` rows of the access information.
 */
export const CLUSTERMESH_STATUS_ROWS = {
  connectivity: /^(?:⚠\uFE0F?\s+(\d+)\/(\d+)|✅ All (\d+)) (nodes|KVStoreMesh replicas) are (?:not )?connected to all clusters\b/,
  connection:
    /^\s*- (\S+): (\d+)(?:\/\d+)? configured, (\d+)\/(\d+) connected(?: - KVStoreMesh: (?:(\d+)\/\d+ configured, (\d+)\/(\d+) connected|status not available))?\s*$/,
  error: /^\s*❌ (\S+) is not connected to cluster (\S+?): (.*?)\s*$/,
  note: /^\s*(?:[✅❌🔌🔀⌛✨🔑🔮🪄🔁]|⚠\uFE0F?|ℹ\uFE0F?)\s*(.*?)\s*$/u,
  address: /^\s*- (\S+)\s*$/,
};

/** What `cilium status --brief` prints when the agent is healthy. */
export const BRIEF_OK = /^OK\s*$/;

/** An elided part (`...`): the user's cut, or the truncation mark of the cluster health table. */
export const ELLIPSIS = /^\s*\.\.\.\s*$/;

// ---- cilium-health status (status.md §2) ----------------------------------------------------

export const PROBE_TIME = /^Probe time:\s+(\d{4}-\d\d-\d\dT\S*)\s*$/;
export const PROBE_NODES = /^\s*Nodes:\s*$/;
/** `  node-a (localhost):` (1: node, 2: localhost mark). */
export const PROBE_NODE = /^\s+(\S+?)( \(localhost\))?:\s*$/;
/** `    Host connectivity to 192.168.10.11:` (1: secondary, 2: host/endpoint, 3: address). */
export const PROBE_PATH = /^\s*(Secondary )?(Host |Endpoint )?connectivity(?: to (\S+):|:\s+nil)\s*$/;
/** `      ICMP to stack:   OK, RTT=351.805µs`, before 1.5 `ICMP:` / `HTTP via L3:` (1: protocol, 2: result). */
export const PROBE_RESULT = /^\s*(ICMP to stack|HTTP to agent|ICMP|HTTP via L3):\s+(\S.*?)(?:\s+\(Last probed: [^)]*\))?\s*$/;

// ---- cilium-cli cilium status (status.md §4) ------------------------------------------------

/** Logo lines, with the component summary printed beside them (1: component, 2: summary). */
export const LOGO = /^\s*(?=[/\\_]*(?:¯|\\__\/))[/¯\\_]+(?:\s+([A-Za-z][\w ]*?):\s+(.*?))?\s*$/;

const PHASE = String.raw`(?:Running|Pending|Succeeded|Failed|Unknown): \d+`;

/** `DaemonSet   cilium   Desired: 2, Ready: 2/2, Available: 2/2` (1: kind, 2: name, 3: counts). */
export const WORKLOAD_ROW = /^(DaemonSet|Deployment)\s+(\S+)\s+((?:Desired|Ready|Available|Unavailable): \d.*?)\s*$/;
/** `cilium   Running: 2[, Pending: 1]` after `Containers:` (1: name, 2: phases). */
export const CONTAINER_PHASES = new RegExp(String.raw`^\s*(\S+)\s+((?:${PHASE}(?:, )?)+)\s*$`);
/** `cilium   quay.io/cilium/cilium:v1.13.4@sha256:…: 2` after `Image versions` (1: name, 2: image, 3: count). */
export const IMAGE_COUNT = /^\s*(\S+)\s+(\S+): (\d+)\s*$/;

/** `Cluster Pods:   5/5 managed by Cilium` (1: managed, 2: all). */
export const CLUSTER_PODS = /^(\d+)\/(\d+) managed by Cilium\s*$/;

/**
 * Labelled lines of cilium-cli's status (`Image versions` is printed without its colon); `opens`
 * when the line starts that output, the others only continue it.
 */
export const CLI_STATUS_LABELS = [
  { label: 'Containers', opens: true, value: CONTAINER_PHASES },
  { label: 'Cluster Pods', opens: true, value: CLUSTER_PODS },
  { label: 'Image versions', opens: true, value: IMAGE_COUNT },
  { label: 'Helm chart version', opens: true, value: /^/ },
  { label: 'Errors', opens: false, value: /^\S/ },
  { label: 'Warnings', opens: false, value: /^\S/ },
  { label: 'Configuration', opens: false, value: /^\S/ },
] as const;

export type CliStatusLabel = (typeof CLI_STATUS_LABELS)[number]['label'];

const CLI_LABEL_LINE = new RegExp(String.raw`^(${CLI_STATUS_LABELS.map((l) => l.label).join('|')}):?\s+(.*)$`);

/** A labelled cilium-cli status line: its label and the rest, and whether the rest fits the label. */
export function cliStatusLine(text: string): { label: CliStatusLabel; rest: string; fits: boolean; opens: boolean } | null {
  const m = CLI_LABEL_LINE.exec(text);
  if (!m) return null;
  const known = CLI_STATUS_LABELS.find((l) => l.label === m[1])!;
  return { label: known.label, rest: m[2]!, fits: known.value.test(m[2]!), opens: known.opens };
}
