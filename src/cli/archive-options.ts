import { Option, type Command } from 'commander';
import { DEFAULT_LIMITS, Expansion, parseByteSize, Progress, type ContainerLimits } from '../ingest/index.js';
import { InputError } from '../types/errors.js';

/** The archive limits and progress options of the commands that read inputs. */
export interface ArchiveOptions {
  maxMembers?: number;
  maxMemberSize?: number;
  maxExpandedSize?: number;
  maxRatio?: number;
  maxDepth?: number;
  maxNestedZipSize?: number;
  progress?: boolean;
  quiet?: boolean;
}

const count = (option: string) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InputError(`${option} takes a positive whole number, not "${value}"`);
  return Number(value);
};
const size = (option: string) => (value: string) => parseByteSize(value, option);
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)}m`;

export function addArchiveOptions(command: Command): Command {
  return command
    .addOption(new Option('--max-members <n>', `refuse archives holding more members in all (default ${DEFAULT_LIMITS.maxMembers})`).argParser(count('--max-members')))
    .addOption(
      new Option('--max-member-size <size>', `refuse an archive member expanding past this (default ${mib(DEFAULT_LIMITS.maxMemberBytes)})`).argParser(
        size('--max-member-size'),
      ),
    )
    .addOption(
      new Option('--max-expanded-size <size>', `refuse archives expanding past this in all (default ${mib(DEFAULT_LIMITS.maxExpandedBytes)})`).argParser(
        size('--max-expanded-size'),
      ),
    )
    .addOption(
      new Option('--max-ratio <n>', `refuse a compressed stream expanding more times its size, a decompression bomb (default ${DEFAULT_LIMITS.maxRatio})`).argParser(
        count('--max-ratio'),
      ),
    )
    .addOption(new Option('--max-depth <n>', `refuse archives nested deeper (default ${DEFAULT_LIMITS.maxDepth})`).argParser(count('--max-depth')))
    .addOption(
      new Option('--max-nested-zip-size <size>', `largest zip inside a compressed member held in memory to be read (default ${mib(DEFAULT_LIMITS.maxNestedZipBytes)})`).argParser(
        size('--max-nested-zip-size'),
      ),
    )
    .option('--progress', 'report progress on stderr (default: when stderr is a terminal)')
    .option('--no-progress', 'no progress on stderr')
    .option('-q, --quiet', 'no progress on stderr, even with --progress');
}

/** The run's archive expansion from the options; progress goes to `stderr`. */
export function expansionFrom(opts: ArchiveOptions, stderr: { write(s: string): unknown; isTTY?: boolean }): Expansion {
  const limits: ContainerLimits = {
    maxMembers: opts.maxMembers ?? DEFAULT_LIMITS.maxMembers,
    maxMemberBytes: opts.maxMemberSize ?? DEFAULT_LIMITS.maxMemberBytes,
    maxExpandedBytes: opts.maxExpandedSize ?? DEFAULT_LIMITS.maxExpandedBytes,
    maxRatio: opts.maxRatio ?? DEFAULT_LIMITS.maxRatio,
    maxDepth: opts.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    maxNestedZipBytes: opts.maxNestedZipSize ?? DEFAULT_LIMITS.maxNestedZipBytes,
  };
  const show = !opts.quiet && (opts.progress ?? stderr.isTTY === true);
  return new Expansion(limits, new Progress(show ? (line) => stderr.write(line) : null));
}
