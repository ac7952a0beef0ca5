/**
 * `cilium-analyze coverage`: per format the share of lines parsed and the most frequent unparsed
 * message shapes, each with an example line, so a maintainer sees at once what to teach next.
 */
import type { CaseCoverage, UnparsedShape } from '../types/inputs.js';
import { clip, table } from './text-sections.js';

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** Three lines per shape: count, format and shape; the reason; an example with its source and line. */
export function shapeLines(shapes: readonly UnparsedShape[], indent: string): string[] {
  return shapes.flatMap((s) => [
    `${indent}${String(s.count).padStart(5)}  ${s.format}: ${clip(s.shape, 110)}`,
    `${indent}       ${clip(s.reason, 110)}`,
    `${indent}       e.g. ${s.example.source}:${s.example.line}  ${clip(s.example.text, 110)}`,
  ]);
}

export function renderCoverage(coverage: CaseCoverage, format: 'text' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(coverage, null, 2)}\n`;
  const out = [`Coverage: ${coverage.parsed} of ${coverage.lines} lines parsed (${percent(coverage.share)}) in ${coverage.inputs} input(s)`];
  if (coverage.formats.length > 0) {
    out.push(
      '',
      ...table([
        ['  format', 'lines', 'parsed', 'unparsed', 'share'],
        ...coverage.formats.map((f) => [`  ${f.format}`, String(f.lines), String(f.parsed), String(f.unparsed), percent(f.share)]),
      ]),
    );
  }
  for (const f of coverage.formats.filter((x) => x.shapes.length > 0)) {
    out.push('', `Unparsed ${f.format} lines, most frequent shapes first`, ...shapeLines(f.shapes, '  '));
  }
  return `${out.join('\n')}\n`;
}
