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

/**
 * The command a bugtool file name stands for (its extension removed). A run of k ≥ 2 dashes is a
 * space and a flag's k - 1 dashes (`---verbose` → ` --verbose`), four are ` -- `; a lone dash is a
 * space, except inside a long flag (`--time-format`) and a dashed tool name.
 */
export function bugtoolCommand(stem: string): string {
  const tool = DASHED_TOOLS.find((t) => stem === t || stem.startsWith(`${t}-`));
  let out = tool ?? '';
  let inLongFlag = false;
  for (let i = out.length; i < stem.length; ) {
    if (stem[i] !== '-') {
      out += stem[i];
      i++;
      continue;
    }
    let run = 0;
    while (stem[i + run] === '-') run++;
    i += run;
    if (run === 1) out += inLongFlag ? '-' : ' ';
    else if (run === 4) {
      out += ' -- ';
      inLongFlag = false;
    } else {
      out += ` ${'-'.repeat(run - 1)}`;
      inLongFlag = run === 3;
    }
  }
  return out.trim();
}

export type CommandHandling = 'read' | 'unsupported';

export interface CommandClass {
  handling: CommandHandling;
  /** Why a recognised command's output is not read. */
  reason?: string;
}

const CILIUM = String.raw`(?:cilium|cilium-dbg)`;
const HEALTH = String.raw`(?:cilium-health|cilium-dbg-health)`;
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
  new RegExp(`^${CILIUM} bpf (?:lb|ipcache|tunnel|ct) list\\b`),
  new RegExp(`^${CILIUM} config\\b`),
  new RegExp(`^${CILIUM} version\\b`),
];

/** Tools bugtool runs whose output no grammar reads (yet). */
const KNOWN_TOOLS = new RegExp(
  `^(?:${CILIUM}|${HEALTH}|bpftool|tc|ss|ps|top|uptime|uname|hostname|dmesg|sysctl|taskset|lsmod|ls|cat|ethtool|gops|ipset|nft|` +
    'ip6?tables(?:-legacy|-nft)?(?:-save)?|kubectl|curl|hubble|cilium-envoy|mount|df|journalctl)\\b',
);

/** How the output of a bugtool command is handled; null for a command this table does not know. */
export function classifyBugtoolCommand(command: string): CommandClass | null {
  if (/^ip\s/.test(command)) {
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
  if (new RegExp(`^(?:${CILIUM}|${HEALTH})\\s`).test(command) && JSON_OUTPUT.test(command)) {
    return { handling: 'unsupported', reason: 'JSON output of the Cilium CLI is not read yet (its text form is)' };
  }
  if (READ.some((r) => r.test(command))) return { handling: 'read' };
  const tool = KNOWN_TOOLS.exec(command);
  if (tool) return { handling: 'unsupported', reason: `output of \`${command.split(/\s+/).slice(0, 3).join(' ')}\` is not modelled` };
  return null;
}
