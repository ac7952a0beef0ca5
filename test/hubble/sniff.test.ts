import { describe, expect, it } from 'vitest';
import { splitJoinedRecords } from '../../src/ingest/repair.js';
import { Sniffer } from '../../src/sniff/index.js';

const classify = (text: string) => new Sniffer().classify(text);

describe('the hubble sniffer', () => {
  it.each([
    ['compact, StampMilli', 'Feb  3 09:12:44.031: infra/vault-0:8200 (ID:9120) <> 10.3.0.9:51552 (world) Policy denied DROPPED (TCP Flags: SYN)'],
    ['compact with node, RFC 3339 nano', '2023-02-03T09:12:44.031920114Z [edge-3]: infra/vault-0:8200 (ID:9120) -> 10.3.0.9:51552 (world) to-stack FORWARDED (TCP Flags: ACK)'],
    ['compact without identities (0.8)', 'Feb  3 09:12:44.031: infra/vault-0:8200 <- 10.3.0.9:51552 to-stack FORWARDED (TCP Flags: ACK)'],
    ['compact of 0.5', 'Feb  3 09:12:44.031 [edge-3]: infra/vault-0:8200 -> 10.3.0.9:51552 to-stack FORWARDED (TCP Flags: ACK)'],
    ['RFC1123Z compact', 'Fri, 03 Feb 2023 09:12:44 +0000: infra/vault-0:8200 (ID:9120) -> 10.3.0.9:51552 (world) to-stack FORWARDED (UDP)'],
    ['lost events', 'EVENTS LOST: OBSERVER_EVENTS_QUEUE CPU(0) 5'],
    ['table header', 'TIMESTAMP             SOURCE          DESTINATION    TYPE            VERDICT   SUMMARY'],
    ['table row', 'Feb  3 09:12:44.031   10.3.0.9:51552   infra/vault-0:8200   Policy denied   DROPPED   TCP Flags: SYN'],
    ['dict first key', '  TIMESTAMP: Feb  3 09:12:44.031'],
    ['dict key at the printer padding', '    VERDICT: DROPPED'],
    ['jsonpb', '{"flow":{"time":"2023-02-03T09:12:44.031920114Z","verdict":"DROPPED"},"node_name":"edge-3"}'],
    ['protojson with spaces', '{"flow": {"time": "2023-02-03T09:12:44.031920114Z", "verdict": "DROPPED"}}'],
    ['bare Flow', '{"time":"2023-02-03T09:12:44.031920114Z","verdict":"FORWARDED","IP":{}}'],
    ['pretty member', '  "flow": {'],
    ['relay node status', 'Feb  3 09:12:40.000 [relay]: Receiving flows from 3 nodes: edge-1, edge-2, edge-3'],
  ])('%s', (_label, text) => {
    expect(classify(text)).toBe('hubble');
  });

  it.each([
    ['monitor trace', '-> endpoint 811 flow 0x0 , identity 2->20561 state new ifindex 0 orig-ip 0.0.0.0: 203.0.113.77:51514 -> 10.20.1.33:8080 tcp SYN'],
    ['tcpdump', '09:12:44.031920 IP 10.3.0.9.51552 > 10.3.1.4.8200: Flags [S], seq 1, win 64240, length 0'],
    ['a sentence with a time', 'Feb  3 09:12:44.031 is when the drops started, see below.'],
    ['kubectl JSON', '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"}}'],
    ['agent slog JSON', '{"time":"2023-02-03T09:12:44.031Z","level":"INFO","msg":"Policy imported"}'],
  ])('leaves %s alone', (_label, text) => {
    expect(classify(text)).not.toBe('hubble');
  });

  it('continues dict blocks and pretty JSON after a hubble line, and nothing else', () => {
    const sniffer = new Sniffer();
    const lines = ['  TIMESTAMP: Feb  3 09:12:44.031', 'SOURCE: infra/vault-0:8200', '------------', '}', '  "IP": {', 'We then restarted the agent.'];
    expect(lines.map((l) => sniffer.classify(l))).toEqual(['hubble', 'hubble', 'hubble', 'hubble', 'hubble', 'prose']);
  });
});

describe('hubble record starts in flattened pastes', () => {
  it('splits compact lines joined into one, keeping text before them apart', () => {
    const a = 'Feb  3 09:12:44.031: infra/vault-0:8200 (ID:9120) <> 10.3.0.9:51552 (world) Policy denied DROPPED (TCP Flags: SYN)';
    const b = 'Feb 3 09:12:44.090 [edge-3]: 10.3.0.9:51552 (world) -> infra/vault-0:8200 (ID:9120) from-network FORWARDED (TCP Flags: SYN)';
    expect(splitJoinedRecords(`see: ${a} ${b} EVENTS LOST: HUBBLE_RING_BUFFER CPU(1) 4`)).toEqual([
      'see:', a, b, 'EVENTS LOST: HUBBLE_RING_BUFFER CPU(1) 4',
    ]);
  });

  it('splits joined JSON objects but not a Flow inside its response', () => {
    const a = '{"flow": {"time": "2023-02-03T09:12:44Z", "verdict": "FORWARDED"}, "node_name": "edge-3"}';
    const b = '{"time":"2023-02-03T09:12:45Z","verdict":"DROPPED","drop_reason":133}';
    expect(splitJoinedRecords(`${a} ${b} ${a}`)).toEqual([a, b, a]);
  });

  it('splits flattened dict blocks at their TIMESTAMP, not a padded dict line', () => {
    expect(splitJoinedRecords('  TIMESTAMP: Feb  3 09:12:44.031')).toEqual(['  TIMESTAMP: Feb  3 09:12:44.031']);
    expect(splitJoinedRecords('  TIMESTAMP: Feb  3 09:12:44.031      SOURCE: 10.3.0.9:51552    SUMMARY: UDP ------------ TIMESTAMP: x'))
      .toEqual(['  TIMESTAMP: Feb  3 09:12:44.031      SOURCE: 10.3.0.9:51552    SUMMARY: UDP ------------', 'TIMESTAMP: x']);
  });

  it('does not split prose that mentions a date', () => {
    const text = 'On Feb  3 09:12:44 the node rebooted; hubble showed nothing until Feb 3 09:20.';
    expect(splitJoinedRecords(text)).toEqual([text]);
  });
});
