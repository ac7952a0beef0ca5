/**
 * What log collectors and viewers put around an agent's log line when people copy it out of them
 * (agent-log.md §1.4): Cloud Logging (GKE Logs Explorer rows and exported LogEntry objects),
 * Grafana Loki's `logcli`, `stern`, docker's json-file and Fluent Bit records. A collector's own
 * severity is derived from the stream, not from the record (GKE files everything on stderr as
 * ERROR), so it is never the record's level: only where the line came from is kept.
 */

/** Container names of Cilium's workloads, as `stern` and log viewers print them. */
export const CILIUM_CONTAINERS = [
  'cilium-agent',
  'cilium-operator',
  'clustermesh-apiserver',
  'kvstoremesh',
  'hubble-relay',
  'cilium-envoy',
  'cilium-node-init',
] as const;

/** Cloud Logging's severities, the first word of a Logs Explorer row. */
export const CLOUD_LOGGING_SEVERITIES = ['DEFAULT', 'DEBUG', 'INFO', 'NOTICE', 'WARNING', 'ERROR', 'CRITICAL', 'ALERT', 'EMERGENCY'] as const;

const RFC3339 = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)`;

/**
 * A Logs Explorer row as copied: `ERROR 2024-08-30T08:12:43.551554643Z [resource.labels.containerName:
 * cilium-agent] APP-LINE`, with any number of `[field: value]` summary fields, or none
 * (1: severity, 2: timestamp, 3: the summary fields).
 */
export const CLOUD_LOGGING_ROW = new RegExp(
  String.raw`^(${CLOUD_LOGGING_SEVERITIES.join('|')}) (${RFC3339}) ((?:\[[\w.]+: [^\]]*\] )*)`,
);

/** One `[field: value]` summary field of a Logs Explorer row (1: field, 2: value). */
export const CLOUD_LOGGING_FIELD = /\[([\w.]+): ([^\]]*)\]/g;

/** `logcli` / Grafana Explore: `TIMESTAMP {label="value", …} APP-LINE` after the timestamp (1: the labels). */
export const LOKI_LABELS = /^\{((?:[\w.]+="[^"]*"(?:, ?)?)+)\} /;

/** One `label="value"` of a Loki label set (1: label, 2: value). */
export const LOKI_LABEL = /([\w.]+)="([^"]*)"/g;

/**
 * A viewer's prefix before a structured log record, recognised only where one follows: `stern`'s
 * `POD CONTAINER APP-LINE` (and k9s' copy of it; 1: pod, 2: container), a Cilium container's name
 * alone (`cilium-agent level=…`, log viewers that print the container only; 3: container), and
 * docker compose's `SERVICE  | APP-LINE` (4: service).
 */
export const STERN_PREFIX = new RegExp(
  String.raw`^(?:([a-z0-9][-a-z0-9.]*) (${CILIUM_CONTAINERS.join('|')}) |(${CILIUM_CONTAINERS.join('|')}) |([a-z0-9][-\w.]*?) +\| )(?=level=|time=|\{")`,
);

/**
 * The margins CI harnesses put before each line of a command's output: Cilium's Ginkgo helpers
 * indent `Stdout:` / `Stderr:` blocks with a tab and a space (` \t ` on the first line), and
 * Jenkins' timestamper adds the clock (`21:14:07 `) before that. A bare `\t ` is a margin only
 * inside such a block: tcpdump indents its detail lines with a tab too (`\t  source link-address
 * option…`).
 */
export const CI_MARGIN = /^(?:\d\d:\d\d:\d\d )? ?\t /;

/** A timestamp a wrapper such as moreutils' `ts` put before a command's output line (1: the time). */
export const BRACKETED_TIME = /^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?)\] /;

/** Names collectors give the pod and the container, Kubernetes' and Cloud Logging's spellings. */
export const POD_KEYS: readonly string[] = ['pod', 'pod_name', 'podName', 'resource.labels.pod_name', 'resource.labels.podName'];
export const CONTAINER_KEYS: readonly string[] = [
  'container',
  'container_name',
  'containerName',
  'resource.labels.container_name',
  'resource.labels.containerName',
];

/**
 * Members of a collector's JSON record that hold the application's line: docker's and Fluent Bit's
 * `log`, a Cloud Logging LogEntry's `textPayload` (text) or `jsonPayload` (a JSON record).
 */
export const ENVELOPE_TEXT_KEYS = ['log', 'textPayload'] as const;
export const ENVELOPE_JSON_KEY = 'jsonPayload';
