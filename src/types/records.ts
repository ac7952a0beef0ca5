import type { LogicalLine } from './lines.js';
import type { FormatId } from './formats.js';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warning' | 'error' | 'fatal' | 'panic';

/** The logging generation a line was printed by (agent-log.md §3, §4). */
export type LogGeneration = 'logrus-text' | 'logrus-json' | 'slog-text' | 'slog-json';

export type FieldValue = string | number | boolean | null | FieldValue[] | { [key: string]: FieldValue };

/** One structured agent / operator log line. */
export interface AgentLogEvent {
  kind: 'agent-log';
  generation: LogGeneration;
  /** Application time (`time=`), as printed; null when the line has none. */
  time: string | null;
  /** Normalised level: slog's `warn` becomes `warning`. */
  level: LogLevel;
  msg: string;
  subsys: string | null;
  module: string | null;
  /** Every attribute except time, level and msg, in printed order. */
  fields: Record<string, FieldValue>;
  /** Free text after the last field (commentary pasted after a log line). */
  trailing?: string;
  /** Set when the line was only partly parseable (e.g. truncated inside a quoted value). */
  note?: string;
  /** Structured meaning of a flag-dump line, the version banner or an addressing-block line. */
  detail?: AgentDetail;
}

export type AgentDetail =
  | { type: 'flag'; name: string; value: string }
  | {
      type: 'banner';
      component: 'agent' | 'operator';
      version: string;
      revision: string;
      date: string;
      goVersion: string;
      platform: string;
    }
  | { type: 'addressing'; key: string; value: string };

export type AgentRawCategory =
  | 'panic'
  | 'goroutine'
  | 'stack'
  | 'verifier'
  | 'klog'
  | 'init'
  | 'kubectl-notice'
  /** Envoy's own log format, as the cilium-envoy DaemonSet prints it (`[time][thread][level][logger] [file:line] msg`). */
  | 'envoy';

/** A non-logfmt line that agent output contains (§5): panics, verifier dumps, klog, init output. */
export interface AgentRawLine {
  kind: 'agent-raw';
  category: AgentRawCategory;
  text: string;
  /** Severity implied by the line (panic → panic, klog E → error), null when none. */
  level: LogLevel | null;
}

/** A shell prompt / command the user pasted; it tells which command printed what follows. */
export interface ShellCommand {
  kind: 'shell-command';
  prompt: string;
  command: string;
  /** Host name from the prompt (`root@dev1`), when present. */
  host: string | null;
  /** The tool and subcommand that prints what follows (`kubectl logs`, `cilium status`); null for an empty command. */
  tool: string | null;
  /** The pod the command ran in or read from, when it names one. */
  pod: string | null;
}

export type FormatRecord = AgentLogEvent | AgentRawLine | ShellCommand | import('./status.js').StatusRecord | import('./monitor.js').MonitorRecord | import('./tcpdump.js').TcpdumpRecord | import('./hubble.js').HubbleRecord | import('./kubernetes.js').KubernetesRecord | import('./host.js').HostRecord | import('./statedb.js').StatedbRecord | ExtensionRecord;

/** Records of format families added later carry their own `kind`. */
export interface ExtensionRecord {
  kind: `x-${string}`;
  [key: string]: unknown;
}

/** A record together with the logical line it was read from (its evidence). */
export interface LocatedRecord<R extends FormatRecord = FormatRecord> {
  record: R;
  at: LogicalLine;
  format: FormatId;
}
