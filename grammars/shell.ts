/**
 * Shell prompts and the commands users paste before command output (the prompt shapes are the
 * shell sniffer's, `matchPrompt`), and what such a command tells about the output that follows:
 * the tool that printed it, the pod it ran in or read from, a tcpdump's capture point.
 */
import { netnsOf, podNetns, tcpdumpCapture, type TcpdumpCapture } from '../src/knowledge/tcpdump-command.js';
import { isCommandFrame, matchPrompt, type PromptMatch } from '../src/sniff/text.js';
import type { Grammar, GrammarSample } from '../src/types/grammar.js';
import type { ShellCommand } from '../src/types/records.js';

/** What a pasted shell command tells about the output that follows it. */
export interface CommandContext {
  /** The tool and subcommand, e.g. `kubectl logs`, `cilium status`, `tcpdump`. */
  tool: string;
  /** The pod the command ran in or read from, when it names one. */
  pod: string | null;
  /** For a tcpdump command: the interface and network namespace it captured in. */
  capture?: TcpdumpCapture;
}

const CILIUM_CLIS: ReadonlySet<string> = new Set(['cilium', 'cilium-dbg', 'cilium-health']);
const MAX_SUBCOMMANDS = 4;

const KUBECTL_FLAG_WITH_VALUE = /^-(?:n|c|l|-namespace|-container|-selector|-tail|-since|-context)$/;

/** Chat tools turn `--` into a dash (`kubectl exec -it pod — ping`, `—namespace`); it is still `--`. */
const TYPOGRAPHIC_DASH = /^[—–]-?(?=\w|$)/;

function tokens(command: string): string[] {
  return command
    .split('|')[0]!
    .trim()
    .split(/\s+/)
    .filter((t) => t.length > 0)
    .map((t) => t.replace(TYPOGRAPHIC_DASH, '--'));
}

/** The pod named by `kubectl [-n ns] logs|exec [flags] POD …` (`pod/NAME` and `ds/NAME` too). */
function kubectlPod(args: string[], verbIndex: number): string | null {
  for (let i = verbIndex + 1; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (KUBECTL_FLAG_WITH_VALUE.test(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    // `ds/cilium`, `deploy/x`: kubectl picks some pod of the workload; which one is not printed.
    if (/^[a-z.]+\//.test(a) && !/^pods?\//.test(a)) return null;
    return a.replace(/^pods?\//, '');
  }
  return null;
}

export function describeCommand(command: string): CommandContext | null {
  const args = tokens(command.replace(/^sudo\s+/, ''));
  const bin = args[0];
  if (!bin) return null;
  if (bin === 'kubectl' || bin === 'k' || bin === 'oc') {
    const verbIndex = args.findIndex((a, i) => i > 0 && (a === 'logs' || a === 'exec' || a === 'get' || a === 'describe'));
    if (verbIndex === -1) return { tool: 'kubectl', pod: null };
    const verb = args[verbIndex]!;
    const pod = verb === 'logs' || verb === 'exec' ? kubectlPod(args, verbIndex) : null;
    if (verb === 'exec') {
      const dash = args.indexOf('--');
      const inner = dash >= 0 ? describeCommand(args.slice(dash + 1).join(' ')) : null;
      const capture = inner?.capture && pod ? { capture: { ...inner.capture, netns: podNetns(pod) } } : {};
      return { tool: inner ? inner.tool : 'kubectl exec', pod, ...capture };
    }
    return { tool: `kubectl ${verb}`, pod };
  }
  const capture = tcpdumpCapture(args);
  if (capture) return { tool: 'tcpdump', pod: null, capture };
  if (bin === 'docker' || bin === 'crictl') return { tool: `${bin} ${args[1] ?? ''}`.trim(), pod: null };
  // The Cilium CLIs name their output by the whole subcommand path: `cilium bpf ct list global`.
  if (CILIUM_CLIS.has(bin)) {
    const path = args.slice(1, 1 + MAX_SUBCOMMANDS);
    const end = path.findIndex((a) => a.startsWith('-'));
    return { tool: [bin, ...(end === -1 ? path : path.slice(0, end))].join(' '), pod: null };
  }
  return { tool: [bin, args[1] && !args[1].startsWith('-') ? args[1] : ''].join(' ').trim(), pod: null };
}

/** The tools whose output the host family reads: iproute2, net-tools, busybox, and the clients. */
const HOST_TOOLS: ReadonlySet<string> = new Set(['ip', 'route', 'netstat', 'arp', 'ifconfig', 'ping', 'curl']);

/**
 * Where a host command (`ip route`, `route -n`, `ifconfig`, `ping`…) ran: in a pod (`kubectl exec POD
 * -- ip …`; an agent pod is the node's host namespace), in a namespace a wrapper entered (`nsenter`,
 * `ip netns exec`, `ip -n`, a helper script given a container), else in the shell's own (host)
 * namespace. Null when the command runs none of those tools.
 */
export function hostCommandContext(command: string): { pod: string | null; netns: string | null } | null {
  const args = tokens(command.replace(/^sudo\s+/, ''));
  let tool = -1;
  for (let i = args.length - 1; i >= 0 && tool < 0; i--) {
    const name = args[i]!.split('/').pop()!;
    if (HOST_TOOLS.has(name) && !(name === 'ip' && args[i + 1] === 'netns')) tool = i;
  }
  if (tool < 0) return null;
  const bin = args[0];
  if (bin === 'kubectl' || bin === 'k' || bin === 'oc') {
    const verbIndex = args.indexOf('exec');
    const pod = verbIndex > 0 ? kubectlPod(args, verbIndex) : null;
    return { pod, netns: pod ? podNetns(pod) : null };
  }
  if (args[tool] === 'ip' && args[tool + 1] === '-n' && args[tool + 2]) return { pod: null, netns: `netns/${args[tool + 2]}` };
  return { pod: null, netns: netnsOf(args.slice(0, tool)) ?? 'host' };
}

/** The record of a pasted prompt and its command. */
export function shellCommand(m: PromptMatch): ShellCommand {
  const described = describeCommand(m.command);
  return { kind: 'shell-command', prompt: m.prompt, command: m.command, host: m.host, tool: described?.tool ?? null, pod: described?.pod ?? null };
}

export const samples: readonly GrammarSample[] = [
  {
    lines: ['[root@dev1 kubernetes]# kubectl -nkube-system logs -f cilium-7h7jl| grep -i falling'],
    records: [{ kind: 'shell-command', prompt: '[root@dev1 kubernetes]#', host: 'dev1', command: 'kubectl -nkube-system logs -f cilium-7h7jl| grep -i falling', tool: 'kubectl logs', pod: 'cilium-7h7jl' }],
  },
  {
    lines: ['root@fedora:/home/cilium# cilium status --verbose'],
    records: [{ kind: 'shell-command', prompt: 'root@fedora:/home/cilium#', host: 'fedora', command: 'cilium status --verbose', tool: 'cilium status', pod: null }],
  },
  {
    lines: ['$ kubectl -n kube-system exec cilium-5kq2p -c cilium-agent -- cilium-dbg bpf ct list global'],
    records: [{ kind: 'shell-command', prompt: '$', host: null, tool: 'cilium-dbg bpf ct list global', pod: 'cilium-5kq2p' }],
  },
  {
    lines: ['<root@PROD-WN3 ~># sudo nsenter -t 41822 -n tcpdump -nni eth0 port 8472'],
    records: [{ kind: 'shell-command', prompt: '<root@PROD-WN3 ~>#', host: 'PROD-WN3', tool: 'tcpdump', pod: null }],
  },
  {
    // oh-my-zsh whose `➜` the paste lost; a chat tool's dash for `--`.
    lines: ['edge-lab kubectl exec -it netshoot-5f7d9 — ping -c 2 10.31.4.9'],
    records: [{ kind: 'shell-command', prompt: 'edge-lab', host: null, command: 'kubectl exec -it netshoot-5f7d9 — ping -c 2 10.31.4.9', tool: 'ping', pod: 'netshoot-5f7d9' }],
  },
  {
    lines: ['╰─❯ kubectl -n kube-system logs cilium-h2x8q --timestamps'],
    records: [{ kind: 'shell-command', prompt: '╰─❯', command: 'kubectl -n kube-system logs cilium-h2x8q --timestamps', tool: 'kubectl logs', pod: 'cilium-h2x8q' }],
  },
  {
    // Cilium's Ginkgo helpers: the command, its frame, then its output.
    lines: ['cmd: kubectl exec -n kube-system cilium-w8x2d -- cilium service list', 'Exitcode: 0 ', 'Stdout:'],
    records: [{ kind: 'shell-command', prompt: 'cmd:', command: 'kubectl exec -n kube-system cilium-w8x2d -- cilium service list', tool: 'cilium service list', pod: 'cilium-w8x2d' }],
  },
  {
    // A theme's symbol before the prompt glyph; a Cilium subcommand alone as a paste's caption.
    lines: ['⎈ ❯ kubectl -n kube-system exec ds/cilium -- cilium-dbg endpoint list', 'cilium-health status'],
    records: [
      { kind: 'shell-command', prompt: '⎈ ❯', command: 'kubectl -n kube-system exec ds/cilium -- cilium-dbg endpoint list', tool: 'cilium-dbg endpoint list', pod: null },
      { kind: 'shell-command', prompt: '', command: 'cilium-health status', tool: 'cilium-health status', pod: null },
    ],
  },
  {
    lines: ['➜  cilium-mesh kubectl get pod -owide'],
    records: [{ kind: 'shell-command', prompt: '➜', host: null, command: 'kubectl get pod -owide', tool: 'kubectl get', pod: null }],
  },
];

export const shellGrammar: Grammar = {
  format: 'shell',
  samples,
  open: () => ({
    feed(line) {
      const m = matchPrompt(line.text);
      if (!m) return isCommandFrame(line.text) ? { ok: true, records: [] } : { ok: false, reason: 'not a shell prompt' };
      return {
        ok: true,
        records: [
          shellCommand(m),
        ],
      };
    },
  }),
};
