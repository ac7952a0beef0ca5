/**
 * Helm commands (`helm install|upgrade|template … --set k=v --set-string k=v`) and cilium-cli's
 * `cilium install|upgrade --set k=v` / `--helm-set k=v`, also continued over `\` lines:
 *
 *   helm upgrade cilium cilium/cilium --version 1.16.5 -n kube-system \
 *     --set routingMode=native,ipv4NativeRoutingCIDR=10.40.0.0/16 \
 *     --set-string MTU=1450
 *
 * Each set value becomes a `config-value` with origin `helm`; state maps the Helm path to its flag.
 */
import type { ConfigValue } from '../src/types/kubernetes.js';

const SET_FLAGS = new Set(['--set', '--set-string', '--helm-set', '--helm-set-string']);

/** Shell words, honouring single and double quotes (values like `--set devices='{eth0,eth1}'`). */
function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:[^\s'"\\]+|'[^']*'|"(?:[^"\\]|\\.)*"|\\.)+/g)) {
    out.push(m[0].replace(/'([^']*)'|"((?:[^"\\]|\\.)*)"|\\(.)/g, (_, a, b, c) => a ?? b ?? c ?? ''));
  }
  return out;
}

/** `a=b,c={x,y},d=e\,f` → pairs (commas inside `{}` or escaped do not separate). */
function setPairs(arg: string): [string, string][] {
  const pairs: [string, string][] = [];
  let depth = 0;
  let start = 0;
  const push = (end: number) => {
    const part = arg.slice(start, end).replace(/\\,/g, ',');
    const eq = part.indexOf('=');
    if (eq > 0) pairs.push([part.slice(0, eq), part.slice(eq + 1)]);
  };
  for (let i = 0; i < arg.length; i++) {
    const ch = arg[i];
    if (ch === '\\') i++;
    else if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (ch === ',' && depth === 0) {
      push(i);
      start = i + 1;
    }
  }
  push(arg.length);
  return pairs;
}

export interface HelmLine {
  values: ConfigValue[];
  /** `--version X` on this line. */
  chartVersion: string | null;
  /** The line ends with `\`: the command continues. */
  continues: boolean;
}

/** The set values of one line of a Helm command (the command line itself or a continuation). */
export function helmLine(text: string, chartVersion: string | null): HelmLine {
  // A command pasted onto one line keeps its `\` continuation marks between the flags.
  const args = words(text.replace(/\s>\s*\S+\s*$/, '').replace(/\\\s+/g, ' '));
  let version = chartVersion;
  const sets: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const flag = eq > 0 && a.startsWith('--') ? a.slice(0, eq) : a;
    const inline = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : null;
    if (flag === '--version') version = inline ?? args[++i] ?? version;
    else if (SET_FLAGS.has(flag)) {
      const v = inline ?? args[++i];
      if (v !== undefined) sets.push(v);
    }
  }
  const values: ConfigValue[] = sets.flatMap(setPairs).map(([key, value]) => ({
    kind: 'config-value',
    origin: 'helm',
    flag: null,
    value,
    helmKey: key,
    chartVersion: version ? version.replace(/^v/, '') : null,
  }));
  return { values, chartVersion: version, continues: /\\\s*$/.test(text) };
}
