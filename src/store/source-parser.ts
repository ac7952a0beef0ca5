import { GRAMMARS } from '../../grammars/index.js';
import type { IngestedLine } from '../ingest/index.js';
import { Sniffer } from '../sniff/index.js';
import { TEXT_FORMATS, type FormatId } from '../types/formats.js';
import type { InputSummary } from '../types/inputs.js';
import type { LogicalLine } from '../types/lines.js';
import type { FormatRecord, ShellCommand } from '../types/records.js';
import { ContainedSession, GrammarFailure } from './contained-session.js';
import { recordOutOfRange } from './record-ranges.js';

/**
 * Lines taken from read to written at once: what one step creates dies young, instead of a whole
 * block's records surviving into the garbage collector's older generation.
 */
export const LINES_PER_STEP = 64;

/**
 * What parsing a source asks the store to write, in input order.
 */
export type LoadOp =
  | { op: 'record'; record: FormatRecord; at: LogicalLine; format: FormatId; agent: string; recoverable: boolean }
  | { op: 'unparsed'; line: number; segment: number; format: FormatId | null; reason: string; text: string; recoverable: boolean };

/**
 * Reads one source's ingested lines: sniffs each logical line's format, feeds it to that format's
 * grammar session, and accounts every physical line as parsed or unparsed.
 */
export class SourceParser {
  private readonly sniffer = new Sniffer();
  /** One per grammar; each opens its session at its format's first line. */
  private readonly sessions = new Map<FormatId, ContainedSession>();
  /** Pod named by the last pasted shell command, until prose or another command. */
  private commandPod: string | null = null;
  private last: { at: LogicalLine; recoverable: boolean } | null = null;
  readonly summary: InputSummary;
  /** The agent of lines nothing else names: the input itself. */
  private readonly sourceAgent: string;

  /** `agent`: the agent of lines that name no pod, when the input tells it (a bugtool run without pod name). */
  constructor(
    source: string,
    private readonly agent?: string,
  ) {
    this.sourceAgent = `source:${source}`;
    this.summary = { source, lines: 0, parsed: 0, unparsed: 0, formats: {}, records: {} };
    for (const [format, grammar] of GRAMMARS) this.sessions.set(format, new ContainedSession(grammar));
  }

  /** Parses the next lines; their ops are appended to `out`. */
  lines(lines: readonly IngestedLine[], out: LoadOp[]): void {
    for (const phys of lines) this.line(phys, out);
  }

  private line(phys: IngestedLine, out: LoadOp[]): void {
    const { summary } = this;
    const recoverable = phys.recoverable;
    summary.lines++;
    if (phys.skipReason) {
      summary.unparsed++;
      out.push({ op: 'unparsed', line: phys.line, segment: 0, format: null, reason: phys.skipReason, text: phys.text, recoverable });
      return;
    }
    if (phys.joinedToNext) {
      this.count('cri-partial');
      return;
    }
    let primary: FormatId | null = null;
    let failed = false;
    const unparsed = (seg: LogicalLine, format: FormatId | null, reason: string): void => {
      failed = true;
      out.push({ op: 'unparsed', line: seg.line, segment: seg.segment, format, reason, text: seg.text, recoverable });
    };
    for (const seg of phys.segments) {
      const format = this.sniffer.classify(seg.text);
      if (format === null) {
        unparsed(seg, null, this.sniffer.unrecognisedReason());
        continue;
      }
      if (format === 'prose') this.commandPod = null;
      const session = this.sessions.get(format);
      if (session) {
        const result = session.feed(seg);
        if (!result.ok) {
          unparsed(seg, format, result.reason);
          continue;
        }
        const agent = this.agentOf(seg);
        for (const record of result.records) {
          const damaged = recordOutOfRange(record);
          if (damaged) {
            unparsed(seg, format, `${format}: ${damaged}`);
            continue;
          }
          const refused = record.kind === 'shell-command' ? this.commandIssued(record) : null;
          out.push({ op: 'record', record, at: seg, format, agent, recoverable });
          if (refused) unparsed(seg, format, refused);
        }
      }
      summary.records[format] = (summary.records[format] ?? 0) + 1;
      if (primary === null || (TEXT_FORMATS.has(primary) && !TEXT_FORMATS.has(format))) primary = format;
    }
    if (failed || primary === null) summary.unparsed++;
    else this.count(primary);
    const lastSegment = phys.segments.at(-1);
    if (lastSegment) this.last = { at: lastSegment, recoverable };
  }

  /** The agent a line belongs to: its kubectl prefix's (or bundle member's) pod, the pasted command's pod, the member's bugtool run, or the input. */
  private agentOf(line: LogicalLine): string {
    return line.context.pod ?? this.commandPod ?? this.agent ?? this.sourceAgent;
  }

  /** Every grammar learns the command; the failure of one that could not take it, if any. */
  private commandIssued(command: ShellCommand): string | null {
    this.commandPod = command.pod;
    let refused: string | null = null;
    for (const s of this.sessions.values()) refused = s.onCommand(command.command)?.reason ?? refused;
    return refused;
  }

  /**
   * End of the source: what sessions still hold (their lines are already counted); a session
   * that fails there is reported at the last line.
   */
  end(out: LoadOp[]): void {
    if (!this.last) return;
    const { at, recoverable } = this.last;
    const agent = this.agentOf(at);
    for (const [format, session] of this.sessions) {
      const held = session.end();
      if (held instanceof GrammarFailure) {
        out.push({ op: 'unparsed', line: at.line, segment: at.segment, format, reason: `end of input: ${held.reason}`, text: at.text, recoverable });
      } else {
        for (const record of held) {
          const damaged = recordOutOfRange(record);
          if (damaged) out.push({ op: 'unparsed', line: at.line, segment: at.segment, format, reason: `end of input: ${format}: ${damaged}`, text: at.text, recoverable });
          else out.push({ op: 'record', record, at, format, agent, recoverable });
        }
      }
    }
  }

  private count(format: FormatId): void {
    this.summary.parsed++;
    this.summary.formats[format] = (this.summary.formats[format] ?? 0) + 1;
  }
}
