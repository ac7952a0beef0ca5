/**
 * Agent log lines for composing rule-test inputs, in each generation the agent prints
 * (agent-log.md §3–4): logrus text without and with `time=`, slog text, logrus JSON and slog JSON.
 * Status and monitor text is written out in the tests themselves, where its layout is the point.
 */

export type LogGeneration = 'logrus' | 'logrus-ts' | 'slog' | 'logrus-json' | 'slog-json';
export type Level = 'debug' | 'info' | 'warning' | 'error' | 'fatal';

const TIME = '2025-02-03T11:42:07Z';
const SLOG_TIME = '2025-02-03T11:42:07.218734Z';

/** logrus quotes a value holding anything but `[A-Za-z0-9-._/@^+]`; an empty value stays bare. */
function logrusValue(v: string): string {
  return /^[\w\-./@^+]*$/.test(v) ? v : JSON.stringify(v);
}

/** slog quotes an empty value and one holding a space, `=`, `"` or a control character. */
function slogValue(v: string): string {
  return v === '' || /[\s="\p{Cc}]/u.test(v) ? JSON.stringify(v) : v;
}

/**
 * One log line. logrus sorts the fields and writes `warning`; slog keeps the given order and
 * writes `warn`.
 */
export function logLine(gen: LogGeneration, level: Level, msg: string, fields: Record<string, string> = {}): string {
  const slogLevel = level === 'warning' ? 'warn' : level;
  const sorted = Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1));
  switch (gen) {
    case 'logrus':
    case 'logrus-ts': {
      const time = gen === 'logrus-ts' ? `time="${TIME}" ` : '';
      const rest = sorted.map(([k, v]) => ` ${k}=${logrusValue(v)}`).join('');
      return `${time}level=${level} msg=${logrusValue(msg)}${rest}`;
    }
    case 'slog':
      return [`time=${SLOG_TIME}`, `level=${slogLevel}`, `msg=${slogValue(msg)}`, ...Object.entries(fields).map(([k, v]) => `${k}=${slogValue(v)}`)].join(' ');
    case 'logrus-json':
      return JSON.stringify(Object.fromEntries([['level', level], ['msg', msg], ...sorted].sort(([a], [b]) => (a! < b! ? -1 : 1))));
    case 'slog-json':
      return JSON.stringify({ time: SLOG_TIME, level: slogLevel, msg, ...fields });
  }
}

/** A line of the start-up flag dump (agent-log.md §6.2). */
export function flag(name: string, value: string, gen: LogGeneration = 'logrus'): string {
  return logLine(gen, 'info', `  --${name}='${value}'`, { subsys: 'daemon' });
}

/** The start-up flag dump of `flags`, in order. */
export function flagDump(flags: Readonly<Record<string, string>>, gen: LogGeneration = 'logrus'): string[] {
  return Object.entries(flags).map(([name, value]) => flag(name, value, gen));
}

/** A logrus line of the daemon subsystem, as most of the agent's start-up decisions are logged. */
export function daemonLine(level: Level, msg: string, fields: Record<string, string> = {}): string {
  return logLine('logrus', level, msg, { ...fields, subsys: 'daemon' });
}

/** The Go release each Cilium minor was built with (the banner prints it). */
const GO_OF_MINOR: Readonly<Record<number, string>> = {
  9: 'go1.15.15', 10: 'go1.16.15', 11: 'go1.17.13', 12: 'go1.18.10', 13: 'go1.19.12', 14: 'go1.20.14',
  15: 'go1.21.13', 16: 'go1.22.12', 17: 'go1.23.8', 18: 'go1.24.4',
};

/** The version banner of an agent of release `version` (agent-log.md §6.3). */
export function banner(version: string, gen: LogGeneration = 'logrus'): string {
  const minor = Number(version.split('.')[1]);
  const revision = `${version.replace(/\D/g, '')}c0ffee`.slice(0, 8);
  const go = GO_OF_MINOR[minor] ?? 'go1.24.4';
  return logLine(gen, 'info', `Cilium ${version} ${revision} 2024-10-17T09:21:44+00:00 go version ${go} linux/amd64`, { subsys: 'daemon' });
}

/** The agent learning its own node name (1.9–1.17 wording; 1.18 logs it as own node information). */
export function nodeName(node: string, gen: LogGeneration = 'logrus'): string {
  return gen === 'slog' || gen === 'slog-json'
    ? logLine(gen, 'info', 'Received own node information from API server', { module: 'agent.controlplane.k8s', nodeName: node, ipv4: '172.18.0.4' })
    : logLine(gen, 'info', 'Retrieved node information from kubernetes node', { nodeName: node, subsys: 'k8s' });
}

/** `kubectl logs --prefix`: every line under `[pod/POD/cilium-agent]`. */
export function prefixed(pod: string, ...lines: string[]): string[] {
  return lines.map((l) => `[pod/${pod}/cilium-agent] ${l}`);
}

/**
 * What a user pastes about one agent: `kubectl logs POD` with (part of) its log, then
 * `kubectl exec POD -- <cli> status` with its output. Either part may be empty.
 */
export function podPaste(pod: string, log: readonly string[], status: readonly string[], cli = 'cilium'): string[] {
  return [
    ...(log.length > 0 ? [`$ kubectl -n kube-system logs ${pod} -c cilium-agent`, ...log] : []),
    ...(status.length > 0 ? [`$ kubectl -n kube-system exec ${pod} -c cilium-agent -- ${cli} status --verbose`, ...status] : []),
  ];
}
