import type { Severity } from '../types/findings.js';

/** Terminal styling; everything is plain text when colour is off. */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  severity(sev: Severity, s: string): string;
}

const wrap = (code: string) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;
const SEVERITY_CODES: Record<Severity, string> = { critical: '1;31', error: '31', warning: '33', info: '36' };

export function makeStyle(color: boolean): Style {
  if (!color) return { bold: (s) => s, dim: (s) => s, severity: (_, s) => s };
  return { bold: wrap('1'), dim: wrap('2'), severity: (sev, s) => wrap(SEVERITY_CODES[sev])(s) };
}
