/**
 * Generators of hostile and damaged text for the property tests: every grammar's own sample lines
 * (so each format, and a stream that switches format mid-way) cut, spliced with junk, NULs,
 * replacement characters, carriage returns and deep braces, their numbers pushed out of range, their
 * spacing collapsed; pure junk; the commands that change how a grammar reads what follows.
 */
import fc from 'fast-check';
import { GRAMMARS } from '../../grammars/index.js';

/** Runs per property: a few seconds each by default; `FUZZ_RUNS=5000` for a deeper search. */
export const FUZZ_RUNS = Number(process.env['FUZZ_RUNS'] ?? 0) || undefined;

export const runs = (fallback: number): number => FUZZ_RUNS ?? fallback;

/** Every sample line of every grammar. */
export const SAMPLE_LINES: readonly string[] = [...GRAMMARS.values()].flatMap((g) =>
  g.samples.flatMap((s) => (typeof s === 'string' ? [s] : s.lines)),
);

/** Values no port, TTL, identity, length or counter can take, and number spellings parsers trip on. */
const OUT_OF_RANGE = [
  '65536',
  '99999',
  '999',
  '256',
  '4294967296',
  '1099511627776',
  '18446744073709551616',
  '-1',
  '00000000000000000000000000000001',
  '1e308',
  '0x1ffffffffffffffff',
  '9'.repeat(400),
];

/** Text that decoding, pasting or a hostile input leaves inside a line. */
const JUNK = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.constantFrom('\u0000', '\uFFFD', '\r', '\t', '\u001b[31m', '"', '\\', '=', '{', '}', '[', ']', ': ', ' -> ', '…', '\u200b'),
);

type Edit = (line: string) => string;

const at = (line: string, n: number): number => n % (line.length + 1);

/** One damage done to a line. */
const EDIT: fc.Arbitrary<Edit> = fc.oneof(
  fc.nat().map((n): Edit => (l) => l.slice(0, at(l, n))),
  fc.tuple(fc.nat(), JUNK).map(([n, junk]): Edit => (l) => l.slice(0, at(l, n)) + junk + l.slice(at(l, n))),
  fc.tuple(fc.nat(), fc.constantFrom(...OUT_OF_RANGE)).map(([n, value]): Edit => (l) => {
    const runs = [...l.matchAll(/\d+/g)];
    if (runs.length === 0) return l;
    const run = runs[n % runs.length]!;
    return l.slice(0, run.index) + value + l.slice(run.index + run[0].length);
  }),
  // Deep nesting where the line opens a brace (a -vv dissection), or at a random place.
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 20_000 }), fc.boolean()).map(([n, depth, closed]): Edit => (l) => {
    const i = l.includes('{') ? l.indexOf('{') : at(l, n);
    return l.slice(0, i) + '{'.repeat(depth) + (closed ? '}'.repeat(depth) : '') + l.slice(i);
  }),
  fc.constant<Edit>((l) => l.replace(/ {2,}/g, ' ')),
  fc.constant<Edit>((l) => `${l} ${l}`),
  fc.constant<Edit>((l) => `${l}\r`),
);

/** A sample line of any format, damaged by up to three edits. */
export const damagedLine: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...SAMPLE_LINES), fc.array(EDIT, { maxLength: 3 }))
  .map(([line, edits]) => edits.reduce((l, edit) => edit(l), line));

/** Any line: a sample as printed, a damaged one, or junk. */
export const anyLine: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...SAMPLE_LINES), weight: 2 },
  { arbitrary: damagedLine, weight: 5 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 300 }), weight: 1 },
);

/** Pasted commands that set how grammars read the output after them. */
export const pastedCommand: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'tcpdump -i any -nn -e -vv',
    'tcpdump -ttttt -q -S -XX -i eth0',
    'cilium-dbg monitor -vv --hex',
    'cilium monitor -j',
    'kubectl -n kube-system get pods -o wide',
    'kubectl get nodes --no-headers',
    'cilium-dbg status --verbose --all-health',
    'cilium-health status --probe',
    'hubble observe -o json',
    'ip -d route show table all',
    'helm upgrade cilium cilium/cilium --version 1.16.3 --set tunnel=vxlan \\',
  ),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

/** Lines joined with LF, CRLF or a mix, with or without a final line break. */
export const inputText: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.tuple(anyLine, fc.constantFrom('\n', '\r\n')), { minLength: 1, maxLength: 40 }), fc.boolean())
  .map(([lines, finalBreak]) => {
    const text = lines.map(([l, end]) => l + end).join('');
    return finalBreak ? text : text.replace(/\r?\n$/, '');
  });
