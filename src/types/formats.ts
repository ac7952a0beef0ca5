/**
 * Format families the sniffer can assign to a logical line. Text formats (prose, shell, blank)
 * count as recognised: they are not parse failures of any format.
 */
export type FormatId =
  | 'agent-log'
  | 'shell'
  | 'prose'
  | 'code'
  | 'blank'
  | (string & { readonly __extension?: never });

export const TEXT_FORMATS: ReadonlySet<string> = new Set(['shell', 'prose', 'code', 'blank']);
