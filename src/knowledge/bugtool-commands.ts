/**
 * cilium-bugtool names each output file after the command that printed it: `/` becomes a space,
 * then every space a `-` (bugtool/cmd/root.go `writeCmdToFile`), with `.md` appended (newer
 * releases' dump tasks add `.json`, and a `.err` file with the command's stderr). So
 * `cilium-dbg status --verbose` is `cilium-dbg-status---verbose.md`, `ip -4 route show table 2004`
 * is `ip--4-route-show-table-2004.md`. The commands move between releases (`cilium` → `cilium-dbg`,
 * `-o json` variants), so members are recognised by the command's shape, never by fixed names.
 */

import { statedbCommand } from './statedb-tables.js';

/** Tools whose own names hold a `-`: kept whole when a file name is turned back into a command (longest first). */
const DASHED_TOOLS = [
  // Newer bugtools run `cilium-dbg-health status` where older ones ran `cilium-health status`.
  'cilium-dbg-health',
  'cilium-dbg',
  'cilium-health',
  'cilium-bugtool',
  'ip6tables-legacy-save',
  'ip6tables-nft-save',
  'iptables-legacy-save',
  'iptables-nft-save',
  'ip6tables-legacy',
  'ip6tables-nft',
  'iptables-legacy',
  'iptables-nft',
  'ip6tables-save',
  'iptables-save',
] as const;

/** The first folder of an absolute path bugtool put in a command (`cat /proc/…`, `bpftool … pinned /sys/fs/bpf/…`). */
const ROOT_FOLDER = /^(?:proc|sys|var|run|etc|tmp|boot|usr|opt|lib|dev|host)(?=-|$)/;

/**
 * The command a bugtool file name stands for (its extension removed). A run of k ≥ 2 dashes is a
 * space and a flag's k - 1 dashes (`---verbose` → ` --verbose`), four are ` -- `; a lone dash is a
 * space, except inside a long flag (`--time-format`), a dashed tool name, a `$(…)` substitution
 * (`$(pidof-cilium-agent)`), and an absolute path, where it was a `/` (`--proc-net-xfrm_stat` →
 * ` /proc/net/xfrm_stat`: the path's own dashes cannot be told from its slashes).
 */
export function bugtoolCommand(stem: string): string {
  const tool = DASHED_TOOLS.find((t) => stem === t || stem.startsWith(`${t}-`));
  let out = tool ?? '';
  let inLongFlag = false;
  let inPath = false;
  for (let i = out.length; i < stem.length; ) {
    if (stem.startsWith('$(', i)) {
      const end = stem.indexOf(')', i);
      const substitution = end < 0 ? stem.slice(i) : stem.slice(i, end + 1);
      out += substitution.replace('-', ' ');
      i += substitution.length;
      continue;
    }
    if (stem[i] !== '-') {
      out += stem[i];
      i++;
      continue;
    }
    let run = 0;
    while (stem[i + run] === '-') run++;
    i += run;
    if (run === 1) out += inPath ? '/' : inLongFlag ? '-' : ' ';
    else if (run === 4) {
      out += ' -- ';
      inLongFlag = inPath = false;
    } else if (run === 2 && ROOT_FOLDER.test(stem.slice(i))) {
      out += ' /';
      inLongFlag = false;
      inPath = true;
    } else {
      out += ` ${'-'.repeat(run - 1)}`;
      inLongFlag = run === 3;
      inPath = false;
    }
  }
  return out.trim();
}

/** What a file of bugtool's `--k8s-mode` (run beside the cluster, every command through kubectl) holds, and the pod it names. */
export type PodFile = { pod: string; stem: string } | { pod: string; log: 'current' | 'previous' };

/** `kubectl exec POD -n NS -- CMD` (bugtool's `podPrefix`): the pod and CMD's own file name. */
const EXEC_FILE = /^kubectl-exec-(.+?)--n-[a-z0-9-]+?----(.+)$/;
/** `kubectl -n NS logs --timestamps [-p] POD`. */
const LOGS_FILE = /^kubectl--n-[a-z0-9-]+?-logs---timestamps(--p)?-(.+)$/;

export function podFile(stem: string): PodFile | null {
  const exec = EXEC_FILE.exec(stem);
  if (exec) return { pod: exec[1]!, stem: exec[2]! };
  const logs = LOGS_FILE.exec(stem);
  return logs ? { pod: logs[2]!, log: logs[1] ? 'previous' : 'current' } : null;
}

export type CommandHandling = 'read' | 'unsupported';

export interface CommandClass {
  handling: CommandHandling;
  /** Why a recognised command's output is not read. */
  reason?: string;
}

const CILIUM = String.raw`(?:cilium|cilium-dbg)`;
const HEALTH = String.raw`(?:cilium-health|cilium-dbg-health)`;
/** bugtool's `-H` (`--host`) is appended to every Cilium command when given. */
const HOST_FLAG = String.raw`(?: -H \S+)?`;
const JSON_OUTPUT = /(?:^|\s)(?:-o|--output)(?:=|\s+)json(?:\s|$)|--output=\S*json/;

/** Objects of `ip` (iproute2 resolves an abbreviation to the first object it prefixes). */
const IP_OBJECTS = ['address', 'route', 'rule', 'link', 'neighbour', 'xfrm', 'netns', 'monitor', 'tunnel', 'maddress'] as const;
const IP_READ: ReadonlySet<string> = new Set(['address', 'route', 'rule', 'link']);

function ipObject(command: string): string | null {
  const args = command.split(/\s+/).slice(1);
  const word = args.find((a) => !a.startsWith('-') && !/^\d+$/.test(a));
  if (!word) return null;
  if (word === 'r' || word === 'ro') return 'route';
  return IP_OBJECTS.find((o) => o.startsWith(word)) ?? null;
}

/** Other StateDB commands of the agent's shell (`db` lists the tables, `db/get`, `db/prefix`…). */
const STATEDB_SHELL = new RegExp(`^${CILIUM} (?:statedb\\b|shell -- db)`);

/** Command shapes whose text output the grammars read; the first that matches decides. */
const READ: readonly RegExp[] = [
  new RegExp(`^${CILIUM} status\\b`),
  new RegExp(`^${HEALTH} status\\b`),
  new RegExp(`^${CILIUM} (?:endpoint|node|service|identity|ip) list\\b`),
  new RegExp(`^${CILIUM} bpf (?:ipcache|tunnel|ct) list\\b`),
  new RegExp(`^${CILIUM} bpf lb list${HOST_FLAG}$`),
  new RegExp(`^${CILIUM} bpf policy get\\b`),
  new RegExp(`^${CILIUM} config\\b`),
  new RegExp(`^${CILIUM} version\\b`),
  // Kubernetes tables and `describe pod` (the namespace's own dashes are spaces in the name).
  /^kubectl\b.*?\s(?:get\s+(?:nodes|pods|svc|services|endpoints|endpointslices|events|ciliumnodes|ciliumendpoints)(?:,[a-z]+)*|describe\s+pods?)\b/,
];

/** Tools bugtool runs whose output no grammar reads (yet). */
const KNOWN_TOOLS = new RegExp(
  `^(?:${CILIUM}|${HEALTH}|bpftool|tc|ss|ps|top|uptime|uname|hostname|dmesg|sysctl|taskset|lsmod|ls|cat|ethtool|gops|ipset|nft|` +
    'ip6?tables(?:-legacy|-nft)?(?:-save)?|kubectl|curl|hubble|cilium-envoy|mount|df|journalctl|conntrack|find|bridge|nstat|netstat|free|lscpu)\\b',
);

/** Recognised commands not read, with the reason when more can be said than "not modelled". */
const NOT_READ: readonly { command: RegExp; reason: string }[] = [
  // With `--output-directory` its report goes to the `cilium-debuginfo-<time>.md` file beside it.
  { command: new RegExp(`^${CILIUM} debuginfo\\b`), reason: "debuginfo's own output is not read (its markdown report is)" },
  { command: new RegExp(`^${CILIUM} bpf lb (?!list${HOST_FLAG}$)`), reason: 'only the plain `bpf lb list` is read, not its other listings of the LB maps' },
  { command: /^cp\b/, reason: 'the copy command prints nothing of its own (the copied files are read from conf/ and the state directory)' },
  { command: /^cat\s+\S*cni\.log$/, reason: "the CNI plugin's log is not modelled" },
];

const IP_JSON: CommandClass = { handling: 'unsupported', reason: 'JSON output of iproute2 is not read (its text form is)' };
const CILIUM_JSON: CommandClass = { handling: 'unsupported', reason: 'JSON output of the Cilium CLI is not read yet (its text form is)' };

/**
 * How the output of a bugtool command is handled; null for a command this table does not know.
 * `json`: the file holds JSON whatever the command says (bugtool's dump tasks name `cilium status
 * -o json`'s file `cilium-status.json`, flags left out).
 */
export function classifyBugtoolCommand(command: string, json = false): CommandClass | null {
  if (/^ip\s/.test(command)) {
    if (json || /\s(?:-j|-json|--json)\b/.test(command)) return IP_JSON;
    const object = ipObject(command);
    if (object && IP_READ.has(object)) return { handling: 'read' };
    return { handling: 'unsupported', reason: `iproute2 ${object ?? 'output'} is not modelled` };
  }
  // The agent's StateDB: `statedb dump` (every table, JSON), `statedb <table>`, `shell -- db/show <table>`.
  const statedb = statedbCommand(command);
  if (statedb) {
    return statedb.form === 'yaml' ? { handling: 'unsupported', reason: 'the YAML form of StateDB tables is not read (the table and JSON forms are)' } : { handling: 'read' };
  }
  if (STATEDB_SHELL.test(command)) return { handling: 'unsupported', reason: 'StateDB queries other than a table dump are not read' };
  const notRead = NOT_READ.find((n) => n.command.test(command));
  if (notRead) return { handling: 'unsupported', reason: notRead.reason };
  if (new RegExp(`^(?:${CILIUM}|${HEALTH})\\s`).test(command) && JSON_OUTPUT.test(command)) return CILIUM_JSON;
  if (READ.some((r) => r.test(command))) return json ? CILIUM_JSON : { handling: 'read' };
  const tool = KNOWN_TOOLS.exec(command);
  if (tool) return { handling: 'unsupported', reason: `output of \`${command.split(/\s+/).slice(0, 3).join(' ')}\` is not modelled` };
  return null;
}
