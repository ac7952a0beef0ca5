/**
 * Flows in the report: the JSON contract's `flows[]` (report-json.md) and the side-by-side
 * expected/observed text of `cilium-analyze replay`.
 */
import type { Evidence, QuotedEvidence } from '../types/evidence.js';
import type { ExpectedHop, Hop, ObservedHop, ReplayedFlow } from '../types/flows.js';
import { describeTuple } from '../rules/flow-queries.js';
import type { Style } from './style.js';

export interface HopJson {
  leg: 'request' | 'reply';
  /** Observation point (traces), debug message, or null for captures. */
  point: string | null;
  kind: 'trace' | 'capture' | 'debug' | 'event';
  node: string | null;
  device: string | null;
  direction: 'rx' | 'tx' | null;
  ttl: number | null;
  encapsulation: Hop['encap'];
  nat: string | null;
  src: string | null;
  dst: string | null;
  srcMac: string | null;
  dstMac: string | null;
}

export interface ExpectedHopJson extends HopJson {
  side: ExpectedHop['side'];
  visible: string;
  emitted: string;
  basis: string;
}

export interface ObservedHopJson extends HopJson {
  /** Index of the expected hop it was matched to, or null. */
  expected: number | null;
  tool: string;
  evidence: QuotedEvidence[];
}

export interface FlowJson {
  id: number;
  class: string | null;
  tuple: ReplayedFlow['tuple'];
  service: { vip: string; port: number | null; name: string | null } | null;
  nodes: string[];
  client: { ip: string; kind: string; node: string | null };
  server: { ip: string; kind: string; node: string | null };
  expected: ExpectedHopJson[];
  observed: ObservedHopJson[];
  disposition: ReplayedFlow['disposition'];
  policy: { direction: string | null; action: string; match: string | null; evidence: QuotedEvidence[] }[];
  divergences: string[];
  /** Assumed configurations the model evaluated (labels), and those that predict differently. */
  variants: string[];
  ambiguity: ReplayedFlow['ambiguity'];
  clock: ReplayedFlow['clock'];
}

/** A place label is not a node: `agent:…` / `capture:…` names where it was seen when no node is known. */
const nodeName = (place: string | null): string | null => (place !== null && (place.startsWith('agent:') || place.startsWith('capture:')) ? null : place);

function hopJson(h: Hop): HopJson {
  return {
    leg: h.leg, point: h.at.point, kind: h.at.kind, node: nodeName(h.node), device: h.device ?? h.at.device, direction: h.at.direction,
    ttl: h.ttl, encapsulation: h.encap, nat: h.nat, src: h.src, dst: h.dst, srcMac: h.srcMac, dstMac: h.dstMac,
  };
}

function expectedJson(e: ExpectedHop): ExpectedHopJson {
  const j = hopJson(e) as ExpectedHopJson;
  j.side = e.side;
  j.visible = e.visible;
  j.emitted = e.emitted;
  j.basis = e.basis;
  return j;
}

/**
 * A flow in the JSON report. Expected debug lines (datapath debug output the model predicts) are
 * listed only where one was observed: they are many, and say nothing when debug output is off.
 */
export function flowJson(flow: ReplayedFlow, quote: (e: Evidence[]) => QuotedEvidence[]): FlowJson {
  const observedAt = new Set(flow.observed.map((o) => o.expected));
  const kept = flow.expected.map((e, i) => e.at.kind !== 'debug' || observedAt.has(i));
  // Indexes into the JSON's expected[] (the dropped debug hops shift the later ones).
  const position: number[] = [];
  kept.reduce((n, keep, i) => ((position[i] = n), keep ? n + 1 : n), 0);
  return {
    id: flow.id,
    class: flow.class,
    tuple: flow.tuple,
    service: flow.service ? { vip: flow.service.vip, port: flow.service.port, name: flow.service.name } : null,
    nodes: flow.nodes.map(nodeName).filter((n): n is string => n !== null),
    client: { ip: flow.client.ip, kind: flow.client.kind, node: nodeName(flow.client.node) },
    server: { ip: flow.server.ip, kind: flow.server.kind, node: nodeName(flow.server.node) },
    expected: flow.expected.filter((_, i) => kept[i]).map(expectedJson),
    observed: flow.observed.map((o) => {
      const j = hopJson(o) as ObservedHopJson;
      j.expected = o.expected === null ? null : position[o.expected]!;
      j.tool = o.observation.tool;
      j.evidence = quote([o.observation.evidence]);
      return j;
    }),
    disposition: flow.disposition,
    policy: flow.policy.map((p) => ({ direction: p.direction, action: p.action, match: p.match, evidence: quote([p.evidence]) })),
    divergences: flow.divergences,
    variants: flow.variants.map((v) => v.label).filter(Boolean),
    ambiguity: flow.ambiguity,
    clock: flow.clock,
  };
}

// ---- replay: expected and observed side by side ---------------------------------------------------

function describeHop(h: Hop): string {
  const at = h.at;
  const what =
    at.kind === 'trace' || at.kind === 'event'
      ? (at.point ?? '?')
      : at.kind === 'debug'
        ? `debug ${at.point}`
        : `${h.device ?? at.device ?? '?'}${at.direction ? ` ${at.direction}` : ''}`;
  const ttl = h.ttl !== null ? ` ttl ${h.ttl}` : '';
  const encap = h.encap ? ` ${h.encap.protocol}${h.encap.vni !== null ? ` vni ${h.encap.vni}` : ''}` : '';
  const mac = h.srcMac !== null || h.dstMac !== null ? ` ${h.srcMac ?? '?'} > ${h.dstMac ?? '?'}` : '';
  return `${what}${ttl}${encap}${mac}`;
}

/**
 * Where an observed MAC differs from the one predicted there (both known). The spec has no rule
 * comparing MACs (datapath-model.md §6), so this is shown beside the hop, not reported as a divergence.
 */
function macMismatch(e: ExpectedHop, o: ObservedHop): string {
  const differs = (want: string | null, seen: string | null): boolean => want !== null && seen !== null && want !== seen;
  const which = [differs(e.srcMac, o.srcMac) ? 'source' : '', differs(e.dstMac, o.dstMac) ? 'destination' : ''].filter(Boolean);
  return which.length > 0 ? ` (${which.join(' and ')} MAC not as predicted)` : '';
}

function expectedCell(e: ExpectedHop): string {
  const flags = [e.visible === 'no' && e.at.kind === 'capture' ? 'not visible' : '', e.emitted === 'no' && e.at.kind !== 'capture' ? 'not emitted' : '', e.emitted === 'maybe' ? 'may be emitted' : '']
    .filter(Boolean)
    .join(', ');
  return `${e.side.padEnd(6)} ${describeHop(e)}${flags ? ` (${flags})` : ''}`;
}

/** The first observed hop that a finding of this flow points at. */
function firstDivergence(flow: ReplayedFlow, divergentHops: ReadonlySet<number>): number | null {
  for (let i = 0; i < flow.observed.length; i++) if (divergentHops.has(i)) return i;
  return null;
}

/** One flow, its expected path and the observations matched to it; `>>` marks the first divergence. */
export function renderReplay(flow: ReplayedFlow, divergentHops: ReadonlySet<number>, s: Style): string[] {
  const out: string[] = [];
  const tuple = describeTuple(flow);
  out.push(s.bold(`Flow ${flow.id}  ${flow.class ?? 'unclassified'}  ${tuple}${flow.service ? `  via ${flow.service.vip}${flow.service.port !== null ? `:${flow.service.port}` : ''}` : ''}`));
  out.push(`  client ${flow.client.ip} (${flow.client.kind}${flow.client.node ? ` on ${flow.client.node}` : ''}) · server ${flow.server.ip} (${flow.server.kind}${flow.server.node ? ` on ${flow.server.node}` : ''})`);
  if (flow.variants.length > 1) out.push(s.dim(`  ${flow.variants.length} configurations evaluated; shown: ${flow.variants[0]!.label}`));
  if (flow.ambiguity) out.push(s.dim(`  depends on: ${flow.ambiguity.dimensions.join(', ')}`));
  for (const c of flow.clock) out.push(s.dim(`  clock: ${c.to} is ${c.seconds >= 0 ? 'behind' : 'ahead of'} ${c.from} by ${Math.abs(c.seconds)} s (${c.packets} packets)`));
  const first = firstDivergence(flow, divergentHops);
  const byExpected = new Map<number, ObservedHop[]>();
  const unmatched: [number, ObservedHop][] = [];
  flow.observed.forEach((o, i) => {
    if (o.expected === null) unmatched.push([i, o]);
    else byExpected.set(o.expected, [...(byExpected.get(o.expected) ?? []), o]);
  });
  const width = 46;
  for (const leg of ['request', 'reply'] as const) {
    const expected = flow.expected.map((e, i) => [i, e] as const).filter(([, e]) => e.leg === leg);
    const loose = unmatched.filter(([, o]) => o.leg === leg);
    if (expected.length === 0 && loose.length === 0) continue;
    out.push(`  ${leg}`);
    for (const [i, e] of expected) {
      const seen = byExpected.get(i) ?? [];
      const cell = seen.length > 0 ? seen.map((o) => `${describeHop(o)}${macMismatch(e, o)}  ${s.dim(`${o.observation.evidence.source}:${o.observation.evidence.line}`)}`) : [s.dim('—')];
      cell.forEach((c, k) => {
        const index = seen[k] ? flow.observed.indexOf(seen[k]!) : -1;
        const mark = index !== -1 && index === first ? s.severity('error', '>>') : '  ';
        out.push(`  ${mark} ${(k === 0 ? expectedCell(e) : '').padEnd(width)} ${c}`);
      });
    }
    for (const [i, o] of loose) {
      const mark = i === first ? s.severity('error', '>>') : '  ';
      out.push(`  ${mark} ${s.dim('(not predicted)'.padEnd(width))} ${describeHop(o)}  ${s.dim(`${o.observation.evidence.source}:${o.observation.evidence.line}`)}`);
    }
  }
  out.push(`  disposition: expected ${flow.disposition.expected.kind}, observed ${flow.disposition.observed.kind}${flow.disposition.observed.detail ? ` (${flow.disposition.observed.detail})` : ''}`);
  if (flow.divergences.length > 0) out.push(`  divergences: ${flow.divergences.join(', ')}`);
  out.push('');
  return out;
}
