import type { LogGeneration, LogLevel } from '../types/records.js';

/** `log_lines.level` codes: the index of the level in this list (most verbose first). */
export const LOG_LEVEL_CODES: readonly LogLevel[] = ['trace', 'debug', 'info', 'warning', 'error', 'fatal', 'panic'];

/** `log_lines.generation` codes. */
export const LOG_GENERATIONS: readonly LogGeneration[] = ['logrus-text', 'logrus-json', 'slog-text', 'slog-json'];

const LEVEL_CODE = new Map(LOG_LEVEL_CODES.map((l, i) => [l, i]));
const GENERATION_CODE = new Map(LOG_GENERATIONS.map((g, i) => [g, i]));

export const levelCode = (level: LogLevel): number => LEVEL_CODE.get(level)!;
export const generationCode = (generation: LogGeneration): number => GENERATION_CODE.get(generation)!;
