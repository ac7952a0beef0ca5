/**
 * tcpdump's packet timestamp, as its ts_print() writes it (util-print.c, 4.9 – 4.99 – 5.x), written
 * once: the lexer's tokens, the sniffer and the record starts of flattened pastes all use it.
 *
 *   default   `HH:MM:SS.ffffff `            time of day (local or UTC)
 *   -t        nothing
 *   -tt       `SSSSSSSSSS.ffffff `          seconds since the epoch
 *   -ttt      ` HH:MM:SS.ffffff `           delta to the previous packet (`-` instead of the space
 *   -ttttt    ` HH:MM:SS.ffffff `           when negative); delta to the first packet; 4.9 prints
 *                                           hours past 99 (`sec / 3600`), 4.99 wraps them (gmtime)
 *   -tttt     `YYYY-MM-DD HH:MM:SS.ffffff ` date and time of day
 *
 * The fraction has 6 digits, 9 with `--nano` (`--time-stamp-precision nano`), more when tcpdump
 * flags it `(invalid us)`.
 */

/** Fraction of a second: micro or nano precision (or an out-of-range one tcpdump flags). */
const FRACTION = String.raw`\.\d{6,10}`;

/** `-tttt`: date and time of day. */
export const DATE_TIME_STAMP = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d${FRACTION}`;
/** Default: time of day. */
export const TIME_STAMP = String.raw`\d\d:\d\d:\d\d${FRACTION}`;
/** `-tt`: seconds since the epoch. */
export const EPOCH_STAMP = String.raw`\d{9,10}${FRACTION}`;
/** A clock reading whose hours may pass 99: a 4.9 delta (`sec / 3600`). */
export const CLOCK_STAMP = String.raw`\d{2,}:\d\d:\d\d${FRACTION}`;
/** `-ttt` / `-ttttt`: the sign column (space or `-`), then the delta. */
export const DELTA_STAMP = `[ -]${CLOCK_STAMP}`;

/** Any absolute stamp (a delta stamp starts with its sign column and is matched apart). */
export const ABSOLUTE_STAMP = `(?:${DATE_TIME_STAMP}|${TIME_STAMP}|${EPOCH_STAMP})`;

/**
 * A line's leading stamp, any mode, with tcpdump's `(invalid us)` mark (5.x, a fraction out of
 * range); the text that follows the stamp starts after one space.
 */
export const LEADING_STAMP = String.raw`(?:${ABSOLUTE_STAMP}|${DELTA_STAMP})(?: \(invalid [mnu]s\))?`;
