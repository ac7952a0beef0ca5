import { FIELD_RANGES } from '../knowledge/field-ranges.js';

/** Why a number cannot be what field `key` holds, or null. */
function numberFault(key: string, value: number): string | null {
  if (!Number.isFinite(value)) return `${key} ${value} is not a number`;
  for (const r of FIELD_RANGES) {
    if (r.field.test(key) && (value < 0 || value > r.max)) return `${key} ${value} out of range for a ${r.what} (0–${r.max})`;
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
  for (const k in value) {
    const fault = outOfRange((value as Record<string, unknown>)[k], k);
    if (fault) return fault;
  }
  return null;
}
