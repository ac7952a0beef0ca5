/**
 * `hubble observe` output of every Hubble CLI release (0.5 / Cilium 1.8 → newest), in each of its
 * output forms, into one HubbleFlow per flow:
 *
 *   May  2 10:11:12.345 [worker-1]: shop/cart-7d9f8c6b5-xk2lp:43120 (ID:31877) -> shop/redis-0:6379 (ID:12044) to-endpoint FORWARDED (TCP Flags: SYN)
 *   TIMESTAMP             SOURCE                 DESTINATION      TYPE          VERDICT     SUMMARY
 *     TIMESTAMP: May  2 10:11:12.345            (-o dict, one key per line)
 *   {"flow":{"time":"2024-05-02T10:11:12.345678Z","verdict":"FORWARDED",…},"node_name":"worker-1",…}
 *
 * The forms and their release differences are described in hubble-text.ts (compact, table, dict)
 * and hubble-json.ts (json, jsonpb). Lines that carry no record of their own (the table header,
 * dict keys, the lines of a pretty-printed JSON object) become HubbleLine records pointing at
 * their block; the flow of a block is emitted with its last line and names its first.
 * hubble-samples.ts shows every form with the records it gives.
 */
import type { HubbleFlow, HubbleLine, HubbleLineType, HubbleNotice, HubbleRecord } from '../src/types/hubble.js';
import type { FeedResult, Grammar, GrammarSession } from '../src/types/grammar.js';
import type { LogicalLine } from '../src/types/lines.js';
import { ServerStatus } from './hubble-status.js';
import { JSON_MEMBER, JSON_OPENING, JsonBlock, type BlockStep } from './hubble-json-block.js';
import { recordFromJson } from './hubble-json.js';
import { samples } from './hubble-samples.js';
import {
  DICT_LINE,
  DICT_SEPARATOR,
  DictBlock,
  dictFields,
  readCompact,
  readTableRow,
  splitTableRow,
  squeezedTableRow,
  TableLayout,
  type TextOrigin,
  type TextResult,
} from './hubble-text.js';

function lineRecord(type: HubbleLineType, blockLine: number, blockSegment: number): HubbleLine {
  return { kind: 'hubble-line', type, blockLine, blockSegment };
}

function fail(reason: string): FeedResult {
  return { ok: false, reason };
}

/** The records of a text-form result, after the line records that come with it. */
function withResult(result: TextResult, records: HubbleRecord[]): FeedResult {
  if (result === null) return records.length > 0 ? { ok: true, records } : fail('not a hubble observe line shape');
  if ('reason' in result) return records.length > 0 ? { ok: true, records } : fail(result.reason);
  return { ok: true, records: [...records, result] };
}

/**
 * The line as printed. An RFC 3339 `--time-format` stamp followed by a space looks like a runtime
 * timestamp to the ingest stage, which moves it to the line's context: a compact line with node
 * (`2024-05-02T10:11:12.345Z [worker-1]: …`) or a table row is left without its time.
 */
function withPeeledTimestamp(line: LogicalLine): string {
  const { text, context } = line;
  const peeled = context.time !== undefined && (text.startsWith('[') || text.startsWith(' '));
  return peeled ? `${context.time} ${text}` : text;
}

class HubbleSession implements GrammarSession {
  private readonly status = new ServerStatus();
  private table: TableLayout | null = null;
  private dict: DictBlock | null = null;
  private json: JsonBlock | null = null;

  feed(line: LogicalLine): FeedResult {
    const { text } = line;
    if (this.json) {
      if (JSON_MEMBER.test(text)) return this.jsonStep(line, this.json);
      this.json = null; // a line no JSON object holds: the object was cut short
    }
    if (text.trimStart().startsWith('{')) return this.jsonLine(line);
    if (JSON_MEMBER.test(text) && /^\s+"/.test(text)) {
      this.json = new JsonBlock(line.line, line.segment, true);
      return this.jsonStep(line, this.json);
    }
    const dict = DICT_LINE.exec(text);
    if (dict) return this.dictLine(line, dict[1]!, dict[2] ?? '');
    if (DICT_SEPARATOR.test(text)) {
      const records = this.closeDict();
      return withResult(null, [...records, lineRecord('dict-separator', line.line, line.segment)]);
    }
    const header = TableLayout.fromHeader(text);
    if (header) {
      this.table = header;
      return { ok: true, records: [lineRecord('table-header', line.line, line.segment)] };
    }
    const status = this.status.read(text, { line: line.line, segment: line.segment, text });
    if (status) return { ok: true, records: [status] };
    const printed = withPeeledTimestamp(line);
    const origin: TextOrigin = { line: line.line, segment: line.segment, text: printed };
    const compact = readCompact(printed, origin);
    if (compact !== null) return withResult(compact, []);
    return withResult(this.tableRow(printed, origin), []);
  }

  end(): HubbleRecord[] {
    this.json = null;
    return this.closeDict();
  }

  /**
   * A table row: cut at the header's columns, else split at the tabwriter padding, else (the
   * header's column count known) read with its padding squeezed to single spaces.
   */
  private tableRow(text: string, origin: TextOrigin): TextResult {
    const ways = [
      () => this.table?.cells(text) ?? null,
      () => splitTableRow(text, this.table?.hasNode ?? null),
      () => (this.table ? squeezedTableRow(text, this.table.hasNode) : null),
    ];
    let first: TextResult = null;
    for (const way of ways) {
      const cells = way();
      const result = cells ? readTableRow(cells, origin) : null;
      if (result !== null && !('reason' in result)) return result;
      first ??= result;
    }
    return first;
  }

  private jsonLine(line: LogicalLine): FeedResult {
    const { text } = line;
    if (JSON_OPENING.test(text)) {
      this.json = new JsonBlock(line.line, line.segment, false);
      return this.jsonStep(line, this.json);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      return fail(`hubble JSON line does not parse: ${(err as Error).message}`);
    }
    return this.jsonRecord(value, { line: line.line, segment: line.segment, text }, []);
  }

  private jsonStep(line: LogicalLine, block: JsonBlock): FeedResult {
    const step: BlockStep = block.add(line.text);
    const records: HubbleRecord[] = [lineRecord('json-part', block.line, block.segment)];
    if (!step.done) return { ok: true, records };
    this.json = null;
    if ('error' in step) return fail(step.error);
    return this.jsonRecord(step.value, { line: block.line, segment: block.segment, text: step.text }, records);
  }

  private jsonRecord(value: unknown, origin: TextOrigin, records: HubbleRecord[]): FeedResult {
    const record: HubbleFlow | HubbleNotice | null = recordFromJson(value, origin);
    if (!record) return fail('JSON object is no hubble flow, node status, lost-events or agent/debug event');
    return { ok: true, records: [...records, record] };
  }

  private dictLine(line: LogicalLine, key: string, value: string): FeedResult {
    const records: HubbleRecord[] = [];
    let result: TextResult = null;
    for (const [k, v] of dictFields(key, value)) {
      if (k === 'TIMESTAMP' || !this.dict || this.dict.lines >= DictBlock.MAX_LINES) {
        records.push(...this.closeDict());
        this.dict = new DictBlock(line.line, line.segment);
      }
      const block = this.dict!;
      if (block.add(k, v, line)) records.push(lineRecord('dict-field', block.line, block.segment));
      if (!DictBlock.isLast(k)) continue;
      this.dict = null;
      result = block.record();
      // The block's last line is refused when the block is no record, so it is not lost silently.
      if (result !== null && 'reason' in result) return fail(result.reason);
    }
    return withResult(result, records);
  }

  /** The record of a dict block cut short (a new block or the end came before its last key). */
  private closeDict(): HubbleRecord[] {
    const block = this.dict;
    this.dict = null;
    const result = block?.record();
    return result && !('reason' in result) ? [result] : [];
  }
}

export const hubbleGrammar: Grammar = {
  format: 'hubble',
  samples,
  open: () => new HubbleSession(),
};
