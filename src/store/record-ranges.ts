import { FIELD_RANGES } from '../knowledge/field-ranges.js';
import type { FormatRecord } from '../types/records.js';

type FieldRange = (typeof FIELD_RANGES)[number];

/** The ranges that bound each field name seen: records repeat a few dozen names millions of times. */
const rangesOf = new Map<string, readonly FieldRange[]>();

function rangesFor(key: string): readonly FieldRange[] {
  let ranges = rangesOf.get(key);
  if (!ranges) {
    ranges = FIELD_RANGES.filter((r) => r.field.test(key));
    if (rangesOf.size < 10_000) rangesOf.set(key, ranges);
  }
  return ranges;
}

/** Why a number cannot be what field `key` holds, or null. */
function numberFault(key: string, value: number): string | null {
  if (!Number.isFinite(value)) return `${key} ${value} is not a number`;
  for (const r of rangesFor(key)) {
    if (value < 0 || value > r.max) return `${key} ${value} out of range for a ${r.what} (0–${r.max})`;
  }
  return null;
}

/**
 * The first number of a record (at any depth) that no printer could have produced — not finite,
 * or outside the range of its field — as a reason; null when every number fits.
 */
export function outOfRange(value: unknown, key = ''): string | null {
  if (typeof value === 'number') return numberFault(key, value);
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const fault = outOfRange(item, key);
      if (fault) return fault;
    }
    return null;
  }
  // Most fields are text or null: no call for them (a record holds dozens), and their names are
  // listed only for an object that holds a number or an object.
  const values = Object.values(value);
  let keys: string[] | null = null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || (typeof v !== 'number' && typeof v !== 'object')) continue;
    keys ??= Object.keys(value);
    const fault = outOfRange(v, keys[i]);
    if (fault) return fault;
  }
  return null;
}

/**
 * `outOfRange` of a parsed record. A logfmt log line prints every value as text: it holds no
 * number to check (and its fields are built only when read).
 */
export function recordOutOfRange(record: FormatRecord): string | null {
  if (record.kind === 'agent-log' && (record.generation === 'logrus-text' || record.generation === 'slog-text')) return null;
  return outOfRange(record);
}
