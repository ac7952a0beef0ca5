/**
 * What the parse worker hands the writer for one block of a source. Cloning parsed records
 * between threads costs more than parsing them (≈21 µs per agent-log line to serialize and
 * deserialize, against 13 µs to read and parse it), so the commonest record — an agent-log line
 * that can be read back from its source — crosses as ten integers, its names and message as ids
 * into string tables the batch extends. Every other op crosses as it is, placed among the rows.
 */
import { ownedCopy } from './message-shape.js';
import type { AgentLogEvent } from '../types/records.js';
import type { LoadOp } from './source-parser.js';
import { logLineColumns, type LogLineIds, type LogLines } from './writer.js';

/** Integers per log row: line, segment, agent, pod, container, level, generation, subsys, message, signal. */
const ROW_WIDTH = 10;
/** Strings a table holds before it starts over (the writer's own caches are bounded alike). */
const TABLE_LIMIT = 20_000;

export interface ParsedBatch {
  /** Physical lines the block held. */
  lines: number;
  /** ROW_WIDTH integers per row; -1 for a missing name. */
  rows: Int32Array<ArrayBuffer>;
  rowCount: number;
  /** The string tables started over before this batch's strings. */
  reset: boolean;
  /** Strings new in this batch, their ids following on the table's. */
  names: string[];
  messages: string[];
  /** The other ops, each to be written after `before` rows. */
  ops: { before: number; op: LoadOp }[];
}

type RecordOp = Extract<LoadOp, { op: 'record' }>;

/** Ids for strings, handing out each string once; `fresh` collects the new ones. */
class StringTable {
  private readonly ids = new Map<string, number>();
  fresh: string[] = [];

  id(value: string | null | undefined): number {
    if (value == null) return -1;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.ids.size;
      // A slice would keep its whole block of text alive as long as the table holds it.
      const owned = ownedCopy(value);
      this.ids.set(owned, id);
      this.fresh.push(owned);
    }
    return id;
  }

  get full(): boolean {
    return this.ids.size >= TABLE_LIMIT;
  }

  /** Forgets the strings handed out when `all`, and the ones new in the last batch. */
  startBatch(all: boolean): void {
    if (all) this.ids.clear();
    this.fresh = [];
  }
}

/** Worker side: turns one block's ops into a batch. */
export class BatchEncoder {
  private readonly names = new StringTable();
  private readonly messages = new StringTable();
  private rows: Int32Array<ArrayBuffer> = new Int32Array(0);
  private rowCount = 0;
  private ops: ParsedBatch['ops'] = [];
  private reset = false;
  private readonly ids: LogLineIds<number> = {
    nameId: (name) => this.names.id(name),
    messageId: (msg) => this.messages.id(msg),
  };

  begin(lines: number): void {
    this.reset = this.names.full || this.messages.full;
    this.names.startBatch(this.reset);
    this.messages.startBatch(this.reset);
    this.rows = new Int32Array((lines + 16) * ROW_WIDTH);
    this.rowCount = 0;
    this.ops = [];
  }

  add(ops: readonly LoadOp[]): void {
    for (const op of ops) {
      const record = op.op === 'record' ? op.record : null;
      // A line that cannot be read back keeps its lazy columns, a detail its own rows: both cross whole.
      if (record?.kind === 'agent-log' && record.detail === undefined && op.recoverable) this.row(op as RecordOp, record);
      else this.ops.push({ before: this.rowCount, op });
    }
  }

  private row({ at, agent }: RecordOp, record: AgentLogEvent): void {
    if ((this.rowCount + 1) * ROW_WIDTH > this.rows.length) {
      const grown = new Int32Array(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
    this.rows.set(logLineColumns(this.ids, record, at, agent), this.rowCount++ * ROW_WIDTH);
  }

  finish(lines: number): ParsedBatch {
    return {
      lines,
      rows: this.rows.subarray(0, this.rowCount * ROW_WIDTH),
      rowCount: this.rowCount,
      reset: this.reset,
      names: this.names.fresh,
      messages: this.messages.fresh,
      ops: this.ops,
    };
  }
}

/**
 * Writer side: writes a source's batches in order, the rows to `log_lines`, the other ops to
 * `write`. A string gets its case id when a row first uses it, so ids are handed out in the order
 * a parse on this thread would have.
 */
export class BatchDecoder {
  private names: string[] = [];
  private messages: string[] = [];
  private nameIds: (number | undefined)[] = [];
  private messageIds: (number | undefined)[] = [];

  constructor(
    private readonly sourceId: number,
    private readonly logLines: LogLines,
    private readonly write: (op: LoadOp) => void,
  ) {}

  apply(batch: ParsedBatch): void {
    if (batch.reset) {
      this.names = [];
      this.messages = [];
      this.nameIds = [];
      this.messageIds = [];
    }
    for (const name of batch.names) this.names.push(name);
    for (const msg of batch.messages) this.messages.push(msg);
    const { rows, ops } = batch;
    let next = 0;
    for (let row = 0; row < batch.rowCount; row++) {
      while (next < ops.length && ops[next]!.before === row) this.write(ops[next++]!.op);
      const o = row * ROW_WIDTH;
      const columns = [
        rows[o]!, rows[o + 1]!, this.name(rows[o + 2]!), this.name(rows[o + 3]!), this.name(rows[o + 4]!),
        rows[o + 5]!, rows[o + 6]!, this.name(rows[o + 7]!), this.message(rows[o + 8]!), rows[o + 9]!,
      ];
      this.logLines.add(this.sourceId, columns, null);
    }
    while (next < ops.length) this.write(ops[next++]!.op);
  }

  private name(id: number): number | null {
    return id < 0 ? null : (this.nameIds[id] ??= this.logLines.nameId(this.names[id])!);
  }

  private message(id: number): number {
    return (this.messageIds[id] ??= this.logLines.messageId(this.messages[id]!));
  }
}
