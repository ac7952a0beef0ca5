/**
 * Timestamps of `hubble observe`'s text forms. The CLI prints the flow time in UTC with the layout
 * of `--time-format` (0.8+; StampMilli before and by default):
 *
 *   StampMilli              Jan  2 15:04:05.000        (day space-padded; no year)
 *   RFC3339 / Milli / Micro 2006-01-02T15:04:05.123Z   (trailing fraction zeros trimmed)
 *   RFC3339Nano             2006-01-02T15:04:05.123456789Z
 *   RFC1123Z                Mon, 02 Jan 2006 15:04:05 +0000
 *   YearMonthDay[Hour[Minute]] 2006-01-02 / 2006-01-02T15Z / 2006-01-02T15:04Z
 *   N/A                     a flow without a valid time
 */

export interface HubbleTime {
  /** As printed; null for `N/A`. */
  printed: string | null;
  iso: string | null;
  daySeconds: number | null;
  /** Characters of the text the timestamp took. */
  length: number;
}

const MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
const MONTH_NUMBER = new Map(MONTHS.split('|').map((m, i) => [m, String(i + 1).padStart(2, '0')]));

const STAMP_MILLI = new RegExp(String.raw`^(?:${MONTHS})  ?\d{1,2} (\d\d):(\d\d):(\d\d\.\d{3})(?=\s|:|$)`);
const RFC3339 = /^\d{4}-\d\d-\d\dT(\d\d):(\d\d):(\d\d(?:\.\d{1,9})?)(Z|[+-]\d\d:\d\d)(?=\s|:|$)/;
const RFC1123Z = new RegExp(String.raw`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d\d) (${MONTHS}) (\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)(?=\s|:|$)`);
const COARSE = /^\d{4}-\d\d-\d\d(?:T\d\d(?::\d\d)?(?:Z|[+-]\d\d:\d\d))?(?=\s|:|$)/;

/**
 * Seconds since midnight UTC of a time of day printed with a UTC offset of `offsetMinutes`; the
 * fraction is kept as printed (decimal), so `12.345` stays `…12.345` and forms compare equal.
 */
function utcDaySeconds(h: string, m: string, s: string, offsetMinutes: number): number {
  const [whole, fraction] = s.split('.');
  const local = Number(h) * 3600 + Number(m) * 60 + Number(whole);
  const utc = (((local - offsetMinutes * 60) % 86400) + 86400) % 86400;
  return fraction ? Number(`${utc}.${fraction}`) : utc;
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset[0] === '-' ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(-2)));
}

/** Reads the timestamp at the start of `text`; null when none of the layouts starts it. */
export function readHubbleTime(text: string): HubbleTime | null {
  if (text.startsWith('N/A')) return { printed: null, iso: null, daySeconds: null, length: 3 };
  let m = STAMP_MILLI.exec(text);
  if (m) return { printed: m[0], iso: null, daySeconds: utcDaySeconds(m[1]!, m[2]!, m[3]!, 0), length: m[0].length };
  m = RFC3339.exec(text);
  if (m) {
    return { printed: m[0], iso: m[0], daySeconds: utcDaySeconds(m[1]!, m[2]!, m[3]!, offsetMinutes(m[4]!)), length: m[0].length };
  }
  m = RFC1123Z.exec(text);
  if (m) {
    const [, day, month, year, h, mi, s, sign, oh, om] = m;
    const offset = oh === '00' && om === '00' ? 'Z' : `${sign}${oh}:${om}`;
    return {
      printed: m[0],
      iso: `${year}-${MONTH_NUMBER.get(month!)}-${day}T${h}:${mi}:${s}${offset}`,
      daySeconds: utcDaySeconds(h!, mi!, s!, offsetMinutes(offset)),
      length: m[0].length,
    };
  }
  m = COARSE.exec(text);
  if (m) return { printed: m[0], iso: null, daySeconds: null, length: m[0].length };
  return null;
}

/** The time fields of a JSON flow (`"time": "2024-05-02T10:11:12.345678901Z"`, always UTC). */
export function jsonTime(value: unknown): Pick<HubbleTime, 'printed' | 'iso' | 'daySeconds'> {
  if (typeof value !== 'string') return { printed: null, iso: null, daySeconds: null };
  const t = readHubbleTime(value);
  if (t?.iso && t.length === value.length) return { printed: value, iso: t.iso, daySeconds: t.daySeconds };
  return { printed: value, iso: null, daySeconds: null };
}
