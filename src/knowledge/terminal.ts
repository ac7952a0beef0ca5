/**
 * What terminals and the people pasting from them add to command output: the echo of Ctrl-C, the
 * marks of lines cut out of a paste, markdown's inline code around a whole line.
 */

/**
 * A whole line wrapped in markdown's inline code (1: the line), or opened by a backtick whose
 * closing one is on the next line (2: the line) — not a backtick before a dot or a space, which
 * starts tcpdump -A's dump of an IPv6 packet (its first byte, 0x60).
 */
export const INLINE_CODE_LINE = /^`(?!`)(?:([^`]*)`\s*|(?![.\s])([^`]+?)\s*)$/;

/** The terminal's echo of Ctrl-C on a line of its own, ending the command that was running. */
export const INTERRUPT_ECHO = /^\^C\s*$/;

/**
 * A line standing for lines the user cut: `...`, `…`, `(...)`, `[...]`, `<...>`, `<snip>`,
 * `[snip]`, `-- snip --`, `# ...`, `... (42 lines omitted)`, `[truncated]`.
 */
export const ELISION =
  /^\s*(?:#\s*)?(?:\.{3,}|…|[([<{]\s*(?:\.{3,}|…)\s*[)\]>}]|[<[(]?(?:snip(?:ped)?|truncated|omitted|cut)[>\])]?|[-=~]{2,}\s*(?:snip(?:ped)?|cut)\s*[-=~]{2,}|(?:\.{3}|…)\s*\(?\d*\s*(?:more\s+)?(?:lines?\s+)?(?:omitted|truncated|skipped|elided|snipped)\)?)\s*$/i;

/**
 * A placeholder typed in place of an address or a name to hide it: `x.x.x.x`, `10.x.x.x`,
 * `172.16.0.xxx`, `<redacted>`, `<node-ip>`, `[REDACTED]`, `***`. Not kubectl's and Go's own
 * markers for a missing value (`<none>`, `<unknown>`, `<nil>`, …), which are data.
 */
export const REDACTED = String.raw`(?:<(?!(?:none|unknown|invalid|pending|unset|nil|no value)>)[A-Za-z][\w .:/-]*>|\[(?:REDACTED|redacted|hidden|removed|masked)\]|REDACTED|redacted|\*{3,}|[xX*]{1,3}(?:\.[xX*]{1,3}){3}|\d{1,3}\.(?:\d{1,3}|[xX*]{1,3})\.(?:\d{1,3}|[xX*]{1,3})\.[xX*]{1,3}|\d{1,3}\.[xX*]{1,3}\.[xX*]{1,3}\.\d{1,3})`;

const REDACTED_WHOLE = new RegExp(`^${REDACTED}$`);

/** Whether a value is a redaction placeholder rather than what was printed. */
export function isRedacted(value: string): boolean {
  return REDACTED_WHOLE.test(value);
}
