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
 */
import type { HubbleFlow, HubbleLine, HubbleLineType, HubbleNotice, HubbleRecord } from '../src/types/hubble.js';
import type { FeedResult, Grammar, GrammarSession } from '../src/types/grammar.js';
import type { LogicalLine } from '../src/types/lines.js';
import { JSON_MEMBER, JSON_OPENING, JsonBlock, type BlockStep } from './hubble-json-block.js';
import { recordFromJson } from './hubble-json.js';
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

/** Sample lines with the fields they must yield: the grammar's doctests (test/hubble walks them). */
export const examples: readonly { lines: readonly string[]; expect: Record<string, unknown> }[] = [
  {
    lines: ['May  2 10:11:12.345 [worker-1]: shop/cart-7d9f8c6b5-xk2lp:43120 (ID:31877) -> shop/redis-0:6379 (ID:12044) to-endpoint FORWARDED (TCP Flags: SYN)'],
    expect: {
      form: 'compact', node: 'worker-1', daySeconds: 36672.345, eventType: 'trace', obsPoint: 'to-endpoint', verdict: 'FORWARDED',
      isReply: false, protocol: 'tcp', tcpFlags: 'SYN',
      source: { namespace: 'shop', name: 'cart-7d9f8c6b5-xk2lp', port: 43120, identity: 31877 },
      destination: { namespace: 'shop', name: 'redis-0', port: 6379, identity: 12044 },
    },
  },
  {
    lines: ['May  2 10:11:12.402: shop/cart-7d9f8c6b5-xk2lp:43120 (ID:31877) <- shop/redis-0:6379 (ID:12044) to-stack FORWARDED (TCP Flags: SYN, ACK)'],
    expect: {
      isReply: true, obsPoint: 'to-stack', tcpFlags: 'SYN,ACK',
      source: { name: 'redis-0', port: 6379 }, destination: { name: 'cart-7d9f8c6b5-xk2lp', port: 43120 },
    },
  },
  {
    lines: ['May  2 10:11:13.001: 198.51.100.40:51514 (world) <> shop/cart-7d9f8c6b5-xk2lp:8080 (ID:31877) Policy denied DROPPED (TCP Flags: SYN)'],
    expect: {
      eventType: 'drop', verdict: 'DROPPED', dropCode: 133, dropReason: 'Policy denied', dropReasonName: 'POLICY_DENIED', isReply: null,
      source: { ip: '198.51.100.40', port: 51514, identity: 2, identityName: 'world' }, ipVersion: 4,
    },
  },
  {
    lines: ['May  2 10:11:13.001: 198.51.100.40:51514 (world) -> shop/cart-7d9f8c6b5-xk2lp:8080 (ID:31877) policy-verdict:none INGRESS DENIED (TCP Flags: SYN)'],
    expect: { eventType: 'policy-verdict', policyMatch: 'none', trafficDirection: 'ingress', policyAction: 'DENIED', verdict: 'DROPPED' },
  },
  {
    lines: ['2024-05-02T10:11:14.25Z [worker-2]: shop/cart-7d9f8c6b5-xk2lp (ID:31877) -> 10.20.3.17 (remote-node) to-overlay FORWARDED (ICMPv4 EchoRequest)'],
    expect: {
      isoTime: '2024-05-02T10:11:14.25Z', daySeconds: 36674.25, protocol: 'icmp', icmpType: 8, icmpCode: 0, icmpName: 'EchoRequest',
      destination: { ip: '10.20.3.17', identity: 6, identityName: 'remote-node' },
    },
  },
  {
    lines: ['May  2 10:11:15.118 [worker-1]: shop/cart-7d9f8c6b5-xk2lp:38122 (ID:31877) -> kube-system/coredns-6f6b679f8f-q7w2d:53 (ID:48810) dns-request proxy FORWARDED (DNS Query redis.shop.svc.cluster.local. A)'],
    expect: { eventType: 'l7', l7: { protocol: 'dns', type: 'request', dnsSource: 'proxy', dnsQuery: 'redis.shop.svc.cluster.local.', dnsQtypes: ['A'] } },
  },
  {
    lines: ['May  2 10:11:16.900: shop/web-5c8d7b-h4k9z:44810 (ID:20561) -> shop/cart-7d9f8c6b5-xk2lp:8080 (ID:31877) policy-verdict:L3-L4 INGRESS ALLOWED BY allow-web (CiliumNetworkPolicy) (TCP Flags: SYN; Auth: SPIRE)'],
    expect: {
      policyAction: 'ALLOWED', verdict: null, policyMatch: 'L3-L4', auth: 'SPIRE', summary: 'TCP Flags: SYN',
      policies: [{ direction: 'ingress', action: 'allowed', name: 'allow-web', kind: 'CiliumNetworkPolicy', namespace: null }],
    },
  },
  { lines: ['EVENTS LOST: HUBBLE_RING_BUFFER CPU(0) 118'], expect: { kind: 'hubble-notice', type: 'lost-events', name: 'HUBBLE_RING_BUFFER', cpu: 0, count: 118 } },
  {
    lines: [
      'TIMESTAMP             NODE       SOURCE                  DESTINATION          TYPE            VERDICT   SUMMARY',
      'May  2 10:11:17.020   worker-1   shop/web-5c8d7b-h4k9z   10.20.1.9:8080       Policy denied   DROPPED   TCP Flags: SYN',
    ],
    expect: { form: 'table', node: 'worker-1', dropCode: 133, destination: { ip: '10.20.1.9', port: 8080 }, source: { name: 'web-5c8d7b-h4k9z', port: null } },
  },
  {
    lines: [
      '{"flow":{"time":"2024-05-02T10:11:18.123456789Z","verdict":"DROPPED","drop_reason":133,"IP":{"source":"10.20.1.33","destination":"10.20.2.71","ipVersion":"IPv4"},' +
        '"l4":{"UDP":{"source_port":40211,"destination_port":5353}},"source":{"ID":811,"identity":20561,"namespace":"shop","pod_name":"web-5c8d7b-h4k9z"},' +
        '"destination":{"identity":9081,"namespace":"ops","pod_name":"mdns-0"},"Type":"L3_L4","node_name":"worker-1","event_type":{"type":1,"sub_type":133},' +
        '"traffic_direction":"EGRESS","drop_reason_desc":"POLICY_DENIED","Summary":"UDP"},"node_name":"worker-1","time":"2024-05-02T10:11:18.123456789Z"}',
    ],
    expect: {
      form: 'jsonpb', isoTime: '2024-05-02T10:11:18.123456789Z', dropCode: 133, dropReasonName: 'POLICY_DENIED', protocol: 'udp', ipVersion: 4,
      trafficDirection: 'egress', source: { ip: '10.20.1.33', port: 40211, endpointId: 811, name: 'web-5c8d7b-h4k9z' }, destination: { port: 5353 },
    },
  },
  {
    lines: ['{"time":"2020-07-14T08:02:44.812377Z","verdict":"FORWARDED","IP":{"source":"10.0.0.12","destination":"10.0.1.9","ipVersion":"IPv4"},"l4":{"TCP":{"source_port":36412,"destination_port":80,"flags":{"ACK":true}}},"source":{"ID":"2110","identity":"5521"},"destination":{"identity":"6"},"Type":"L3_L4","node_name":"k8s2","event_type":{"type":4,"sub_type":4},"Summary":"TCP Flags: ACK"}'],
    expect: { form: 'json', obsPoint: 'to-overlay', tcpFlags: 'ACK', source: { identity: 5521, endpointId: 2110 }, destination: { identityName: 'remote-node' }, isReply: null },
  },
  {
    lines: [
      '  TIMESTAMP: May  2 10:11:19.500',
      '     SOURCE: shop/web-5c8d7b-h4k9z:44812',
      'DESTINATION: shop/cart-7d9f8c6b5-xk2lp:8080',
      '       TYPE: http-request',
      '    VERDICT: FORWARDED',
      '    SUMMARY: HTTP/1.1 GET http://cart:8080/api/items?limit=5',
    ],
    expect: { form: 'dict', line: 1, eventType: 'l7', l7: { protocol: 'http', type: 'request', httpMethod: 'GET', httpUrl: 'http://cart:8080/api/items?limit=5' } },
  },
];

/** Every single-line example: the shared grammar-sample test parses each into records. */
export const samples: readonly string[] = examples.flatMap((e) => (e.lines.length === 1 || e.lines[0]!.startsWith('TIMESTAMP ') ? e.lines : []));

export const hubbleGrammar: Grammar = {
  format: 'hubble',
  samples,
  open: () => new HubbleSession(),
};
