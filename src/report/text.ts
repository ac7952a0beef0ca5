import type { Evidence } from '../types/evidence.js';
import type { UnparsedShape } from '../types/inputs.js';
import { shapeLines } from './coverage.js';
import type { FlowJson } from './flows.js';
import type { AgentReport, ReportHead } from './model.js';
import type { Style } from './style.js';
import type { MonitorDropReport } from '../types/state.js';
import { kubernetesPods } from './text-kubernetes.js';
import { agentSummary, clip, clusterHealth, flowSummary, monitorDrops, packetCaptures, table } from './text-sections.js';

/** Findings of one rule and severity the text report prints in full; the rest are counted. */
const FINDINGS_PER_RULE = 5;

function where(e: Evidence): string {
  return `${e.source}:${e.line}`;
}

/** `file:12, file:40, …` with repeated lines (records of one repaired line) cited once. */
function citeLines(evidence: Evidence[], max = 2): string {
  const unique = [...new Set(evidence.map(where))];
  return `${unique.slice(0, max).join(', ')}${unique.length > max ? ', …' : ''}`;
}


/** Provenance of each known effective setting; agents with nothing known are left to the summary. */
function agentSection(a: AgentReport, s: Style): string[] {
  const known = Object.entries(a.effective).filter(([, v]) => v !== null);
  if (known.length === 0 && a.conflicts.length === 0) return [];
  const title = [a.node ?? '(node unknown)', a.pod ? `pod ${a.pod}` : a.key.replace(/^source:/, 'input '), a.version ? `Cilium ${a.version}` : 'version unknown'];
  const out = [s.bold(`Agent ${title.join(' · ')}`)];
  const rows = known.map(([k, v]) => {
    const p = a.provenance[k];
    return [`  ${k}`, String(v), p ? s.dim(`${p.origin}: ${citeLines(p.evidence)}`) : ''];
  });
  if (rows.length > 0) out.push(...table(rows));
  for (const c of a.conflicts) {
    out.push(`  ${s.severity('warning', 'conflict')} ${c.key}: ${c.values.map((v) => `${String(v.value)} (${v.origin}: ${citeLines(v.evidence)})`).join(' vs ')}`);
  }
  out.push('');
  return out;
}

/**
 * What became of an input: its formats when wholly parsed, else its coverage first; a bundle member
 * recognised but deliberately not read is "not analysed", with the reason; one no pattern knows says so.
 */
function inputCoverage(i: ReportHead['inputs'][number]): string {
  if (i.skipped) return `${i.coverage === 'unsupported' ? 'not analysed' : (i.coverage ?? 'skipped')}: ${i.skipped}`;
  const formats = Object.entries(i.formats).map(([f, n]) => `${f} ${n}`).join(', ');
  const coverage = i.coverage === 'partly-parsed' ? `partly parsed: ${formats}` : i.coverage === 'unparsed' ? 'not parsed' : formats;
  return `${i.member === 'unknown' ? 'unknown member; ' : ''}${coverage}${i.note ? ` (${i.note})` : ''}`;
}

/** The human-readable report: agents, nodes, findings with evidence, parse coverage and what it missed most. */
export function renderText(report: ReportHead, flows: Iterable<FlowJson>, drops: MonitorDropReport, unparsed: readonly UnparsedShape[], s: Style): string {
  const out: string[] = [];
  out.push(s.bold(`cilium-analyze ${report.tool.version}`), '');
  out.push(...agentSummary(report, s));
  for (const a of report.agents) out.push(...agentSection(a, s));
  if (report.nodes.length > 0) {
    out.push(s.bold('Nodes'));
    out.push(
      ...table([
        ['  name', 'internal IPs', 'cilium internal IP', 'health IP', 'pod CIDRs'],
        ...report.nodes.map((n) => [`  ${n.name}`, n.internalIPs.join(',') || '-', n.ciliumInternalIP ?? '-', n.healthIP ?? '-', n.podCIDRs.join(',') || '-']),
      ]),
      '',
    );
  }
  out.push(...kubernetesPods(report, s));
  out.push(...clusterHealth(report, s), ...monitorDrops(report, drops, s), ...packetCaptures(report, s), ...flowSummary(flows, s));
  out.push(s.bold(`Findings (${report.findings.length})`));
  if (report.findings.length === 0) out.push('  none');
  // Findings are sorted by severity and rule: a rule that fired in hundreds of flows shows its first few.
  const shown = new Map<string, number>();
  const count = new Map<string, number>();
  for (const f of report.findings) count.set(`${f.severity} ${f.rule}`, (count.get(`${f.severity} ${f.rule}`) ?? 0) + 1);
  for (const f of report.findings) {
    const group = `${f.severity} ${f.rule}`;
    const n = (shown.get(group) ?? 0) + 1;
    shown.set(group, n);
    if (n > FINDINGS_PER_RULE) {
      if (n === FINDINGS_PER_RULE + 1) out.push(s.dim(`  … ${count.get(group)! - FINDINGS_PER_RULE} more ${f.severity} ${f.rule} finding(s): all of them in --format json`));
      continue;
    }
    out.push(`  ${s.severity(f.severity, f.severity.toUpperCase().padEnd(8))} ${s.bold(f.rule)}${f.node ? ` [${f.node}]` : ''}: ${f.title}`);
    out.push(`    ${f.message}`);
    for (const e of f.evidence) out.push(s.dim(`    ${where(e)}  ${clip(e.text, 140)}`));
  }
  out.push('', s.bold('Inputs'));
  out.push(
    ...table([
      ['  source', 'lines', 'parsed', 'unparsed', 'formats'],
      ...report.inputs.map((i) => [
        `  ${i.source}`,
        String(i.lines),
        String(i.parsed),
        String(i.unparsed),
        inputCoverage(i),
      ]),
    ]),
  );
  if (unparsed.length > 0) out.push('', '  Most frequent unparsed lines (per format: `cilium-analyze coverage`)', ...shapeLines(unparsed, '  '));
  return `${out.join('\n')}\n`;
}
