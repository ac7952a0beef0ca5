/**
 * Where a pasted tcpdump command captured: its `-i` interface and the network namespace the
 * wrapper put it in (`nsenter -t PID -n`, `ip netns exec NAME`, `docker exec C`, a
 * `nsenter.sh CONTAINER -n` helper script, `kubectl exec POD --`).
 */
export interface TcpdumpCapture {
  iface: string | null;
  /** `pid/N`, `netns/NAME`, `container/ID`, `pod/NAME`, `host`; null when the command does not say. */
  netns: string | null;
  /** `-S`: TCP sequence numbers are printed absolute, not relative. */
  absoluteSeq: boolean;
  /** The `-t` count: which stamp every packet line starts with (util-print.c ts_print). */
  timestamps: 'time-of-day' | 'none' | 'epoch' | 'delta-previous' | 'date-time' | 'delta-first';
}

const TIMESTAMP_MODES: TcpdumpCapture['timestamps'][] = [
  'time-of-day', 'none', 'epoch', 'delta-previous', 'date-time', 'delta-first',
];

/** Short options of tcpdump that take a value (`-i eth0`, `-c 10`, `-w f.pcap`…). */
const WITH_VALUE = new Set([...'BcCDEFGiIjMQrsTVwWyzZ']);
const LONG_WITH_VALUE = /^--(?:interface|count|snapshot-length|time-stamp-type|time-stamp-precision|direction)$/;

/**
 * tcpdump's options as getopt reads them: short-flag clusters (`-nni eth0`, `-ieth0`, `-nnS`,
 * `-ttt`), each occurrence with its value (null for a switch); long options as `--name`.
 */
function* options(args: string[]): Generator<[string, string | null]> {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq >= 0) yield [a.slice(0, eq), a.slice(eq + 1)];
      else if (LONG_WITH_VALUE.test(a)) yield [a, args[++i] ?? null];
      else yield [a, null];
      continue;
    }
    if (!/^-[A-Za-z#]+/.test(a)) continue;
    for (let j = 1; j < a.length; j++) {
      const f = a[j]!;
      if (!WITH_VALUE.has(f)) {
        yield [f, null];
        continue;
      }
      const rest = a.slice(j + 1);
      yield [f, rest !== '' ? rest : (args[++i] ?? null)];
      break;
    }
  }
}

/** Option `flag` (long form `long`): its value, `true` for a switch, null when absent. */
function optionOf(args: string[], flag: string, long: string): string | true | null {
  for (const [name, value] of options(args)) if (name === flag || name === long) return value ?? true;
  return null;
}

/** How often a switch is given (`-tt`, `-t -t`, `-nttt`). */
function countOf(args: string[], flag: string): number {
  let n = 0;
  for (const [name] of options(args)) if (name === flag) n++;
  return n;
}

/** The network namespace a command prefix (the wrapper before the real command) puts it in. */
export function netnsOf(prefix: string[]): string | null {
  const at = (name: string): number => prefix.findIndex((a) => a === name || a.endsWith(`/${name}`));
  const nsenter = at('nsenter');
  if (nsenter >= 0) {
    const args = prefix.slice(nsenter + 1);
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const target = /^(?:-t|--target)(?:=?(\d+))?$/.exec(a) ?? /^-t(\d+)$/.exec(a);
      if (target) return `pid/${target[1] ?? args[i + 1] ?? ''}`;
      const net = /^(?:--net|-n)=(\S+)$/.exec(a);
      if (net) return `netns/${net[1]!.split('/').pop()}`;
    }
    return null;
  }
  const ip = at('ip');
  if (ip >= 0 && prefix[ip + 1] === 'netns' && prefix[ip + 2] === 'exec' && prefix[ip + 3]) return `netns/${prefix[ip + 3]}`;
  if (ip >= 0 && prefix[ip + 1] === '-n' && prefix[ip + 2]) return `netns/${prefix[ip + 2]}`;
  for (const runtime of ['docker', 'crictl', 'nerdctl', 'podman']) {
    const r = at(runtime);
    if (r >= 0 && prefix[r + 1] === 'exec') {
      const container = prefix.slice(r + 2).find((a) => !a.startsWith('-'));
      if (container) return `container/${container}`;
    }
  }
  // Helper scripts around nsenter: `bash nsenter.sh 061adb799d0c -n tcpdump …`.
  const script = prefix.findIndex((a) => /ns(?:enter)?[\w-]*\.sh$/.test(a));
  if (script >= 0) {
    const container = prefix.slice(script + 1).find((a) => !a.startsWith('-'));
    if (container) return `container/${container}`;
  }
  return null;
}

/** The capture of a command line's tcpdump invocation; null when it runs no tcpdump. */
export function tcpdumpCapture(args: readonly string[]): TcpdumpCapture | null {
  const at = args.findIndex((a) => a === 'tcpdump' || a.endsWith('/tcpdump'));
  if (at < 0) return null;
  const options = args.slice(at + 1);
  return {
    iface: (optionOf(options, 'i', '--interface') as string | null) ?? null,
    netns: netnsOf(args.slice(0, at)),
    absoluteSeq: optionOf(options, 'S', '--absolute-tcp-sequence-numbers') === true,
    timestamps: TIMESTAMP_MODES[Math.min(countOf(options, 't'), 5)]!,
  };
}

/**
 * The network namespace of a pod tcpdump was exec'd into: Cilium agent pods run in the host
 * network namespace (hostNetwork), every other pod in its own.
 */
export function podNetns(pod: string): string {
  return /^cilium-(?!operator)[a-z0-9]{5}$/.test(pod) ? 'host' : `pod/${pod}`;
}
