import { anyOf } from '../knowledge/alternation.js';
import type { FormatSniffer } from './types.js';

/** Commands whose output the analyzer reads; a `# cmd` line with one of them is a root prompt. */
const KNOWN_COMMANDS =
  'kubectl|k|oc|cilium|cilium-dbg|cilium-health|cilium-bugtool|hubble|tcpdump|docker|crictl|nerdctl|nsenter|ip|tc|helm|journalctl|systemctl|cat|tail|grep|zcat|sudo|ping|curl|wget|dig|nslookup|nc|traceroute|mtr|ss|iptables|bpftool|ethtool|uname|netstat|ifconfig|route|arp|conntrack|sysctl|kubeadm|watch|jq|ls|dps|dok';

/** A known command at the start of the rest of a line (a prompt's command). */
const COMMAND = `(?:${KNOWN_COMMANDS})\\b.*`;

/** Glyphs prompt themes end with: zsh/oh-my-zsh, starship and pure (`❯`), fish, lambda themes. */
const PROMPT_GLYPHS = '❯➜➤→»▶λ⚡%$#>';

/** Powerline and Nerd Font segment separators (private use area) between prompt segments. */
const POWERLINE_SEPARATOR = '[\\uE0B0-\\uE0B7\\uE0BC-\\uE0BF\\uE0C0-\\uE0C7]';

/**
 * A directory as oh-my-zsh's default theme prints it before the command when its `➜` was lost in
 * the paste (`cilium-mesh kubectl exec …`): a path-like word (it holds `-`, `.`, `_`, `/`, a digit,
 * or is `~`), optionally `git:(branch)` and `✗`. Only a command line with a flag or a pipe follows,
 * so that a sentence such as `run kubectl get pods` stays prose.
 */
const BARE_DIRECTORY_PROMPT = new RegExp(
  `^((?=\\S*[-._/~\\d])[\\w.~/-]+(?:\\s+git:\\([^)]*\\))?(?:\\s+✗)?)\\s+((?:${KNOWN_COMMANDS})\\s.*(?:\\s--?\\w|\\|).*)$`,
);

/** A command pasted without its prompt: a known command line with a flag or a pipe (the prompt is empty). */
const BARE_COMMAND = new RegExp(`^()((?:${KNOWN_COMMANDS})\\s+\\S.*(?:\\s--?\\w|\\s\\|\\s).*)$`);

/** A Cilium CLI's subcommand alone on a line, as a paste's caption (`cilium-health status`, `cilium bpf lb list`). */
const BARE_CILIUM_COMMAND = new RegExp(
  String.raw`^()((?:(?:cilium|cilium-dbg) (?:status|monitor|endpoint|service|bpf|node|identity|policy|config|version|ip|map|encrypt|fqdn|lrp|statedb|troubleshoot|sysdump|connectivity|clustermesh)|cilium-health (?:status|get|ping)|hubble (?:observe|status|list|version))(?: [a-z][a-z0-9-]*){0,3})$`,
);

const PROMPTS: RegExp[] = [
  // [root@dev3 ~]# cmd      root@fedora:/home/cilium# cmd      user@host:~$ cmd      (venv) user@host:~$ cmd
  /^((?:\([\w.-]+\)\s+)?\[?([\w.-]+)@([\w.-]+)(?:[ :][^\]#$>]*)?\]?\s?[#$%])\s*(.*)$/,
  // oh-my-zsh: ➜  cilium-mesh kubectl get pod -owide      ➜  infra git:(main) ✗ kubectl get pods
  new RegExp(`^(➜)\\s+\\S+(?:\\s+git:\\([^)]*\\))?(?:\\s+✗)?\\s+(${COMMAND})$`),
  // <root@PROD-FE-K8S-WN1 ~># cmd
  /^(<([\w.-]+)@([\w.-]+)[^>]*>\s?[#$%])\s*(.*)$/,
  // $ cmd   # kubectl …   ❯ kubectl …   λ cilium status   % hubble observe   ✦ ❯ kubectl … (a theme's symbol before the glyph)
  new RegExp(`^((?:[^\\w\\s\`]\\s+)?[${PROMPT_GLYPHS}])\\s+(${COMMAND})$`),
  // Cilium's Ginkgo helpers log each command they run: cmd: kubectl exec -n kube-system cilium-x -- cilium endpoint list
  new RegExp(`^(cmd:)\\s+(${COMMAND})$`),
  // Powerline segments:  ~/lab   main  kubectl get pods
  new RegExp(`^(.*${POWERLINE_SEPARATOR})\\s*(${COMMAND})$`),
  // The second line of a two-line theme (powerlevel10k): ╰─❯ kubectl get pods
  new RegExp(`^([╰└]─+\\s*[${PROMPT_GLYPHS}]?)\\s*(${COMMAND})$`),
  // bash-5.1# cilium status      sh-4.4$ cilium-dbg monitor
  /^((?:ba|z|k|da)?sh-\d+(?:\.\d+)*[#$])\s*(\S.*)$/,
  // PS C:\Users\ops> kubectl get pods
  /^(PS [A-Za-z]:\\[^>]*>)\s*(\S.*)$/,
  BARE_DIRECTORY_PROMPT,
  BARE_COMMAND,
  BARE_CILIUM_COMMAND,
];

/** Markdown around a pasted prompt: a blockquote marker, inline code, bold (any text between: a stray `\r` too). */
const MARKDOWN_WRAPPER = /^(?:>\s?)*(?:\*\*|`+)?\s*(.*?)\s*(?:`+|\*\*)?\s*$/s;

export interface PromptMatch {
  prompt: string;
  host: string | null;
  command: string;
}

const ANY_PROMPT = anyOf(PROMPTS);

function promptOf(text: string): PromptMatch | null {
  if (!ANY_PROMPT.test(text)) return null;
  for (const re of PROMPTS) {
    const m = re.exec(text);
    if (!m) continue;
    if (m.length === 3) return { prompt: m[1]!, host: null, command: m[2]!.trim() };
    return { prompt: m[1]!, host: m[3] ?? null, command: (m[4] ?? '').trim() };
  }
  return null;
}

/** A pasted shell prompt and its command, also inside markdown (`> $ cmd`, `` `$ cmd` ``). */
export function matchPrompt(text: string): PromptMatch | null {
  const found = promptOf(text);
  if (found || !/^[>`*]/.test(text)) return found;
  const inner = MARKDOWN_WRAPPER.exec(text)![1]!;
  return inner !== text ? promptOf(inner) : null;
}

/**
 * The frame Cilium's Ginkgo helpers print between a `cmd:` line and its output (`Exitcode: 0`,
 * `Stdout:`, `Stderr:`): part of the pasted command, so the output after it is still that command's.
 */
const COMMAND_FRAME = /^(?:Exitcode: -?\d+|Stdout:|Stderr:)\s*$/;

export function isCommandFrame(text: string): boolean {
  return COMMAND_FRAME.test(text);
}

export const shellSniffer: FormatSniffer = {
  format: 'shell',
  match: (text) => (matchPrompt(text) || isCommandFrame(text) ? 0.9 : 0),
  ceiling: 0.9,
};

// CJK, Hangul, Cyrillic, Greek, Arabic, Hebrew, Thai: natural-language text in our inputs.
const NATURAL_SCRIPT = /[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0e00-\u0e7f\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/;
const MARKDOWN =
  /^(?:#{1,6}\s|[-*+]\s+\S|\d+[.)]\s+\S|>(?:\s|$)|```|~~~|-{3,}\s*$|\*\*|\[[ xX]\]|!\[|`\s*$|<\/?(?:details|summary|pre|code|br|p|div|b|i|kbd|sub|sup)\b[^>]*>)/;

/** A heading without markdown: one to four capitalised words (`Native-Routing`, `Requirements on the network`). */
const BARE_HEADING = /^(?:[A-Z][a-z]+(?:[- ][A-Za-z][a-z]+){0,3}:?|[A-Z][A-Z0-9_-]*:)$/;
/** A markdown table row or separator: `a | b |`, `---|---|`. */
const MARKDOWN_TABLE = /^\|?(?:[^|]*\|){2,}[^|]*$|^:?-{3,}:?(?:\s*\|\s*:?-{3,}:?)+\s*\|?$/;
const WORD = /^[("'“‘]?[A-Za-z][a-z]*(?:['’-][a-z]+)*[)"'”’,.;:!?]*$/;
/** An acronym in a sentence (`(GKE,`): a word only among lower-case words, not in an upper-case table header. */
const ACRONYM = /^[("'“‘]?[A-Z]{2,}s?[)"'”’,.;:!?]*$/;

/** Natural-language text: a sentence, a heading, markdown structure, non-Latin prose. */
export function isProse(text: string): boolean {
  if (NATURAL_SCRIPT.test(text)) return true;
  const trimmed = text.trim();
  if (MARKDOWN.test(trimmed) || BARE_HEADING.test(trimmed) || (trimmed.includes('|') && MARKDOWN_TABLE.test(trimmed))) return true;
  const tokens = trimmed.split(/\s+/);
  if (tokens.length < 3) return tokens.length === 2 && /[:.]$/.test(trimmed) && tokens.every((t) => WORD.test(t));
  const sentence = /[a-z]/.test(trimmed);
  let words = 0;
  for (const t of tokens) if (WORD.test(t) || (sentence && ACRONYM.test(t))) words++;
  return words / tokens.length >= 0.7;
}

export const proseSniffer: FormatSniffer = {
  format: 'prose',
  match: (text) => (isProse(text) ? 0.3 : 0),
  ceiling: 0.3,
};

// Source code and scripts pasted next to Cilium output (datapath C, install scripts, call outlines).
const C_LINE =
  /^(?:#\s*(?:define|include|if|ifdef|ifndef|endif|else|elif|undef)\b|\/\/|\/\*|\*\/|\*(?:\s|$)|[{}]\s*;?$|\}\s*else\b|.*[;{]\s*(?:\/\/.*|\/\*.*\*\/)?$|(?:static|int|void|bool|struct|union|enum|const|__u\d+|u\d+|if|else|for|while|switch|return|case|default|goto)\b.*[(),]\s*$)/;
const SHELL_SCRIPT_LINE =
  /^(?:#!|#\/bin\/|[A-Z_][A-Z0-9_]*=\S|(?:if|then|else|fi|for|do|done|while|case|esac|export)\b|(?:curl|sudo|rm|tar|shasum|nsenter|echo|cd|mkdir|chmod|wget|apt-get|yum)\s)/;
/**
 * C statements that end without `;` or `{`: goto labels and `default:`, designated initialisers
 * (`.reason = TRACE_REASON_UNKNOWN,`), calls and macros alone or continued on the next line
 * (`__section("to-netdev")`, `send_trace_notify(ctx, …,`), a parameter closing a signature
 * (`__s8 *ext_err)`), `return X` in pseudo-code.
 */
const C_STATEMENT =
  /^(?:[a-z_][a-z0-9_]*:|\.[A-Za-z_]\w*\s*=\s*\S.*|(?:[A-Za-z_]\w*\s*=\s*)?[A-Za-z_][\w.>-]*\s*\(.*[),]|(?:const\s+)?(?:__[su]\d+|u\d+|int|void|bool|struct\s+\w+)\s*\**\s*\w+\s*[,)]|return\b(?:\s+\w+)?)$/;
/** An indented call outline: one identifier per line, optionally `x = call` and a `//` or `#` comment. */
const OUTLINE_LINE = /^\s*[A-Za-z_]\w*(?:\s*=\s*[A-Za-z_][\w.]*(?:\(\w*\))?)?(?:\s*(?:\/\/|#\s).*)?$/;
/** An outline's identifier at column 0: a C name with an underscore (`handle_ipv4_from_lxc`, `HAVE_ENCAP`). */
const C_IDENTIFIER = /^(?:[a-z_][a-z0-9_]*_[a-z0-9_]+|[A-Z][A-Z0-9]*_[A-Z0-9_]+)$/;

export function isCode(text: string): boolean {
  const trimmed = text.trim();
  return (
    C_LINE.test(trimmed) ||
    C_STATEMENT.test(trimmed) ||
    C_IDENTIFIER.test(trimmed) ||
    SHELL_SCRIPT_LINE.test(trimmed) ||
    (/^\s/.test(text) && OUTLINE_LINE.test(text))
  );
}

export const codeSniffer: FormatSniffer = {
  format: 'code',
  match: (text) => (isCode(text) ? 0.35 : 0),
  ceiling: 0.35,
};
