import type { FormatSniffer } from './types.js';

/** Commands whose output the analyzer reads; a `# cmd` line with one of them is a root prompt. */
const KNOWN_COMMANDS =
  'kubectl|k|cilium|cilium-dbg|cilium-health|cilium-bugtool|hubble|tcpdump|docker|crictl|nsenter|ip|helm|journalctl|cat|tail|grep|zcat|sudo|ping|curl|ss|iptables|bpftool|ethtool|uname|netstat|ifconfig|dps|dok';

const PROMPTS: RegExp[] = [
  // [root@dev3 ~]# cmd      root@fedora:/home/cilium# cmd      user@host:~$ cmd
  /^(\[?([\w.-]+)@([\w.-]+)(?:[ :][^\]#$>]*)?\]?\s?[#$%])\s*(.*)$/,
  // oh-my-zsh: ➜  cilium-mesh kubectl get pod -owide
  new RegExp(`^(➜)\\s+\\S+\\s+((?:${KNOWN_COMMANDS})\\b.*)$`),
  // <root@PROD-FE-K8S-WN1 ~># cmd
  /^(<([\w.-]+)@([\w.-]+)[^>]*>\s?[#$%])\s*(.*)$/,
  // $ cmd   /   # kubectl …
  new RegExp(`^(\\$|#|>)\\s+((?:${KNOWN_COMMANDS})\\b.*)$`),
];

export interface PromptMatch {
  prompt: string;
  host: string | null;
  command: string;
}

export function matchPrompt(text: string): PromptMatch | null {
  for (const re of PROMPTS) {
    const m = re.exec(text);
    if (!m) continue;
    if (m.length === 3) return { prompt: m[1]!, host: null, command: m[2]!.trim() };
    return { prompt: m[1]!, host: m[3] ?? null, command: (m[4] ?? '').trim() };
  }
  return null;
}

export const shellSniffer: FormatSniffer = {
  format: 'shell',
  match: (text) => (matchPrompt(text) ? 0.9 : 0),
};

// CJK, Hangul, Cyrillic, Greek, Arabic, Hebrew, Thai: natural-language text in our inputs.
const NATURAL_SCRIPT = /[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0e00-\u0e7f\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/;
const MARKDOWN = /^(?:#{1,6}\s|[-*+]\s+\S|\d+[.)]\s*\S|>\s|```|~~~|-{3,}\s*$|\*\*|\[[ xX]\]|!\[)/;
/** A markdown table row or separator: `a | b |`, `---|---|`. */
const MARKDOWN_TABLE = /^\|?(?:[^|]*\|){2,}[^|]*$|^:?-{3,}:?(?:\s*\|\s*:?-{3,}:?)+\s*\|?$/;
const WORD = /^[("'“‘]?[A-Za-z][a-z]*(?:['’-][a-z]+)*[)"'”’,.;:!?]*$/;

/** Natural-language text: a sentence, a heading, markdown structure, non-Latin prose. */
export function isProse(text: string): boolean {
  if (NATURAL_SCRIPT.test(text)) return true;
  const trimmed = text.trim();
  if (MARKDOWN.test(trimmed) || (trimmed.includes('|') && MARKDOWN_TABLE.test(trimmed))) return true;
  const tokens = trimmed.split(/\s+/);
  if (tokens.length < 3) return tokens.length === 2 && /[:.]$/.test(trimmed) && tokens.every((t) => WORD.test(t));
  let words = 0;
  for (const t of tokens) if (WORD.test(t)) words++;
  return words / tokens.length >= 0.7;
}

export const proseSniffer: FormatSniffer = {
  format: 'prose',
  match: (text) => (isProse(text) ? 0.3 : 0),
};

// Source code and scripts pasted next to Cilium output (datapath C, install scripts, call outlines).
const C_LINE =
  /^(?:#\s*(?:define|include|if|ifdef|ifndef|endif|else|elif|undef)\b|\/\/|\/\*|\*\/|\*(?:\s|$)|[{}]\s*;?$|\}\s*else\b|.*[;{]\s*(?:\/\/.*|\/\*.*\*\/)?$|(?:static|int|void|bool|struct|union|enum|const|__u\d+|u\d+|if|else|for|while|switch|return|case|default|goto)\b.*[(),]\s*$)/;
const SHELL_SCRIPT_LINE =
  /^(?:#!|#\/bin\/|[A-Z_][A-Z0-9_]*=\S|(?:if|then|else|fi|for|do|done|while|case|esac|export)\b|(?:curl|sudo|rm|tar|shasum|nsenter|echo|cd|mkdir|chmod|wget|apt-get|yum)\s)/;
/** An indented call outline: one identifier per line, optionally `x = call` and a // comment. */
const OUTLINE_LINE = /^\s*[A-Za-z_]\w*(?:\s*=\s*[A-Za-z_][\w.]*(?:\(\w*\))?)?(?:\s*\/\/.*)?$/;

export function isCode(text: string): boolean {
  const trimmed = text.trim();
  return C_LINE.test(trimmed) || SHELL_SCRIPT_LINE.test(trimmed) || (/^\s/.test(text) && OUTLINE_LINE.test(text));
}

export const codeSniffer: FormatSniffer = {
  format: 'code',
  match: (text) => (isCode(text) ? 0.35 : 0),
};
