/**
 * Format families the sniffer can assign to a logical line. Text formats (prose, shell, code, blank, and
 * elisions where the user cut lines)
 * count as recognised: they are not parse failures of any format.
 */
export type FormatId =
  | 'agent-log'
  | 'shell'
  | 'prose'
  | 'code'
  | 'blank'
  | 'elision'
  | (string & { readonly __extension?: never });

export const TEXT_FORMATS: ReadonlySet<string> = new Set(['shell', 'prose', 'code', 'blank', 'elision']);
