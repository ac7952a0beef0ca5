import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HubbleFlow, HubbleNotice } from '../../src/types/hubble.js';
import { fixture } from '../helpers/analyze.js';
import { feed } from './helpers.js';

/** The records of a fixture's hubble lines; every line the sniffer gives to hubble must parse. */
function records(name: string): { flows: HubbleFlow[]; notices: HubbleNotice[] } {
  const fed = feed(readFileSync(fixture('hubble', name), 'utf8').trimEnd().split('\n'), true);
  expect([...fed.refused]).toEqual([]);
  return {
    flows: fed.records.filter((r): r is HubbleFlow => r.kind === 'hubble-flow'),
    notices: fed.records.filter((r): r is HubbleNotice => r.kind === 'hubble-notice'),
  };
}

describe('Hubble 0.5 (Cilium 1.8): default table, compact with [node], port names', () => {
  const { flows } = records('release-0.5.txt');

  it('reads the table rows at the header columns, port names and all', () => {
    expect(flows.slice(0, 5).map((f) => f.form)).toEqual(Array(5).fill('table'));
    expect(flows[0]).toMatchObject({
      time: 'Jul  9 08:02:44.812', daySeconds: 28964.812, node: null, eventType: 'trace', obsPoint: 'to-endpoint',
      source: { namespace: 'payments', name: 'ledger-84c9f6d7b-2mqzt', port: 51022, identity: null },
      destination: { name: 'vault-0', port: 80 }, tcpFlags: 'ACK,PSH', isReply: null,
    });
    expect(flows[2]).toMatchObject({ eventType: 'drop', dropCode: 133, source: { ip: '10.0.0.12', port: 58344 } });
    expect(flows[3]).toMatchObject({ protocol: 'icmp', icmpType: 8, source: { port: null }, destination: { ip: '10.0.0.12', port: null } });
    expect(flows[4]).toMatchObject({ obsPoint: 'from-host', source: { port: 4240 } });
  });

  it('reads compact lines with the node always printed and no arrow variants', () => {
    expect(flows.slice(5).map((f) => [f.form, f.node, f.isReply])).toEqual(Array(4).fill(['compact', 'k8s-node-2', null]));
    expect(flows[6]!.l7).toMatchObject({ protocol: 'http', type: 'response', httpCode: 200, latencyMs: 4, httpMethod: 'GET' });
    expect(flows[7]!.l7).toMatchObject({ protocol: 'dns', dnsSource: null, dnsQuery: 'vault-0.payments.svc.cluster.local.' });
    expect(flows[7]!.destination.port).toBe(53);
  });
});

describe('Hubble 0.6: -o json printed bare Flow objects', () => {
  const { flows } = records('release-0.6-json.txt');

  it('reads drops by numeric reason, reply by the old bool, DNS names of the destination', () => {
    expect(flows.map((f) => f.form)).toEqual(['json', 'json', 'json']);
    expect(flows[0]).toMatchObject({ obsPoint: 'to-overlay', protocol: 'udp', isReply: null, source: { endpointId: 1903, identity: 31542 } });
    expect(flows[1]).toMatchObject({
      eventType: 'drop', dropCode: 181, dropReason: 'Policy denied by denylist', dropReasonName: 'POLICY_DENY',
      destination: { identity: 2, identityName: 'world', dnsNames: ['s3.eu-west-1.amazonaws.com'] },
    });
    expect(flows[2]).toMatchObject({ isReply: true, obsPoint: 'to-endpoint', eventSubType: 0 });
  });
});

describe('Hubble 0.8: arrows, --print-node-name, --time-format, dict blocks', () => {
  const { flows } = records('release-0.8.txt');

  it('reads RFC 3339 stamps with trimmed fractions', () => {
    expect(flows.slice(0, 5).map((f) => [f.isoTime, f.daySeconds])).toEqual([
      ['2021-06-03T11:40:12.208Z', 42012.208],
      ['2021-06-03T11:40:12.209Z', 42012.209],
      ['2021-06-03T11:40:12.5Z', 42012.5],
      ['2021-06-03T11:40:13Z', 42013],
      ['2021-06-03T11:40:13.04Z', 42013.04],
    ]);
  });

  it('swaps a reply back, leaves <> unknown, reads a bare match type as a policy verdict', () => {
    expect(flows[1]).toMatchObject({ isReply: true, source: { name: 'postgres-0', port: 5432 }, destination: { port: 52114 } });
    expect(flows[2]).toMatchObject({ isReply: null, dropCode: 151, dropReason: 'Stale or unroutable IP' });
    // Without identities `->` was also the only arrow before 0.8: it does not say "not a reply".
    expect(flows[0]!.isReply).toBeNull();
    expect(flows[3]).toMatchObject({ eventType: 'policy-verdict', policyMatch: 'L3-L4', verdict: 'FORWARDED', policyAction: 'ALLOWED' });
  });

  it('reads dict blocks whose separator was glued to the next TIMESTAMP (0.7 – 0.8)', () => {
    expect(flows.slice(5).map((f) => [f.form, f.line, f.obsPoint, f.tcpFlags])).toEqual([
      ['dict', 8, 'to-endpoint', 'ACK,FIN'],
      ['dict', 14, 'to-stack', 'ACK'],
    ]);
  });
});

describe('Hubble 0.10: identities, policy verdicts without direction, jsonpb', () => {
  const { flows, notices } = records('release-0.10.txt');

  it('reads identities and policy verdicts', () => {
    expect(flows[0]).toMatchObject({
      eventType: 'policy-verdict', policyMatch: 'L3-L4', trafficDirection: null, policyAction: 'ALLOWED', verdict: null, isReply: false,
      source: { identity: 40211, identityName: null }, destination: { identity: 7715 },
    });
    expect(flows[2]).toMatchObject({ policyMatch: 'none', policyAction: 'DENIED', verdict: 'DROPPED', source: { identityName: 'host', identity: 1 } });
    expect(flows[5]).toMatchObject({
      isReply: true, icmpName: 'EchoReply', icmpType: 0, source: { ip: '10.128.0.45', identityName: 'remote-node' },
    });
  });

  it('reads jsonpb flows, capture events and node status on stderr', () => {
    expect(flows[6]).toMatchObject({
      form: 'jsonpb', obsPoint: 'to-stack', ifName: 'eth0', ifIndex: 17, destination: { identity: 7, identityName: 'kube-apiserver' },
    });
    expect(flows[7]).toMatchObject({ eventType: 'capture', point: 'DBG_CAPTURE_DELIVERY', protocol: 'tcp', tcpFlags: null, node: 'gke-media-pool-1-3f2a' });
    expect(notices.map((n) => [n.form, n.type, n.name, n.nodes])).toEqual([
      ['compact', 'node-status', 'NODE_UNAVAILABLE', ['gke-media-pool-1-9c0d']],
      ['jsonpb', 'node-status', 'NODE_UNAVAILABLE', ['gke-media-pool-1-9c0d']],
    ]);
  });
});

describe('Hubble 1.17: policy names, auth, trace ids, socket LB, L7 verdicts, lost events', () => {
  const { flows, notices } = records('release-1.17.txt');

  it('reads the verdict with the policies that decided it', () => {
    expect(flows[1]).toMatchObject({
      node: 'prod/node-b', trafficDirection: 'ingress', auth: 'SPIRE', summary: 'TCP Flags: SYN',
      policies: [
        { direction: 'ingress', action: 'allowed', name: 'allow-api-to-search', kind: 'CiliumNetworkPolicy' },
        { direction: 'ingress', action: 'allowed', name: 'baseline-ingress', kind: 'CiliumClusterwideNetworkPolicy' },
      ],
    });
    expect(flows[0]!.policies).toEqual([{ direction: 'egress', action: 'allowed', name: 'allow-api-egress', namespace: null, kind: 'CiliumNetworkPolicy' }]);
    expect(flows[2]).toMatchObject({ ipTraceId: 90210, summary: 'TCP Flags: SYN', tcpFlags: 'SYN' });
    expect(flows[11]).toMatchObject({ verdict: 'AUDIT', policyAction: 'AUDITED', policyMatch: 'none', destination: { ip: '192.0.2.60', identityName: 'world' } });
  });

  it('reads socket-LB translations, proxy redirects and L7 verdicts', () => {
    expect(flows[3]).toMatchObject({ eventType: 'sock', point: 'pre-xlate-fwd', verdict: 'TRACED', protocol: 'tcp', source: { port: null }, isReply: null });
    expect(flows[4]).toMatchObject({ point: 'post-xlate-fwd', verdict: 'TRANSLATED', destination: { name: 'redis-cache-7cd6b4f9d-9nq4m' } });
    expect(flows[5]).toMatchObject({ obsPoint: 'to-proxy', verdict: 'REDIRECTED' });
    expect(flows[6]).toMatchObject({ eventType: 'l7', verdict: 'DROPPED', dropCode: null, l7: { httpMethod: 'DELETE' } });
    expect(flows[7]!.l7).toMatchObject({ httpCode: 403, latencyMs: 0 });
    expect(flows[9]!.l7).toMatchObject({ type: 'response', dnsRcode: 3, dnsTtl: 4294967295, dnsIps: null });
  });

  it('reads IPv6 hosts and ICMPv6 codes', () => {
    expect(flows[10]).toMatchObject({
      ipVersion: 6, source: { ip: 'fd00:10:2::5c', port: 8080 }, destination: { ip: 'fd00:10:1::1a', port: 36022, identity: 6 },
    });
    expect(flows[12]).toMatchObject({ protocol: 'icmpv6', icmpType: 1, icmpCode: 4, obsPoint: 'to-network', destination: { port: null } });
  });

  it('reads table and dict forms with lost-event rows', () => {
    expect(flows.slice(13).map((f) => [f.form, f.node, f.obsPoint])).toEqual([
      ['table', 'prod/node-a', 'to-overlay'],
      ['table', 'prod/node-b', 'from-overlay'],
      ['dict', 'prod/node-b', 'to-overlay'],
    ]);
    expect(notices.map((n) => [n.type, n.form, n.name, n.cpu, n.count])).toEqual([
      ['lost-events', 'compact', 'PERF_EVENT_RING_BUFFER', 3, 17],
      ['agent-event', 'compact', 'POLICY_UPDATED', null, null],
      ['debug-event', 'compact', 'DBG_CT_VERDICT', 2, null],
      ['lost-events', 'table', 'HUBBLE_RING_BUFFER', 0, 1290],
      ['lost-events', 'dict', 'OBSERVER_EVENTS_QUEUE', 1, 3],
    ]);
  });
});

describe('pretty-printed JSON (jq)', () => {
  const { flows, notices } = records('pretty-json.txt');

  // The lone `{` after the prompt reads as code: the object starts at its first member line.
  it('gathers an object over its lines and names its first line', () => {
    expect(flows[0]).toMatchObject({
      form: 'jsonpb', line: 4, dropCode: 133, dropReasonName: 'POLICY_DENIED', trafficDirection: 'ingress', node: 'pool-b-7',
      source: { ip: '10.60.3.18', labels: ['k8s:app=pdf-renderer', 'k8s:io.kubernetes.pod.namespace=reports'] },
      destination: { endpointId: 477, workloads: [{ name: 'invoicer', kind: 'Deployment' }] },
    });
    expect(flows[1]).toMatchObject({ form: 'json', dropCode: 133, destination: { endpointId: 477, port: 8443 } });
    expect(notices).toMatchObject([{ type: 'lost-events', name: 'HUBBLE_RING_BUFFER', cpu: 5, count: 2048, node: 'pool-b-7' }]);
  });
});

describe('lines the grammar refuses, with a reason', () => {
  it('refuses broken JSON and shapes no release prints', () => {
    const fed = feed([
      '{"flow":{"time":"2024-01-01T00:00:00Z","verdict":"FORW',
      '{"kind":"Pod","apiVersion":"v1"}',
      'Jan  1 00:00:00.000: a -> b to-endpoint MAYBE (TCP Flags: SYN)',
    ]);
    expect(fed.records).toEqual([]);
    expect([...fed.refused.values()]).toEqual([
      expect.stringMatching(/^hubble JSON line does not parse/),
      'JSON object is no hubble flow, node status, lost-events or agent/debug event',
      'hubble compact line without SRC -> DST TYPE VERDICT (SUMMARY)',
    ]);
  });

  it('gives up on a pretty object that never closes, at a bound', () => {
    const fed = feed(['{', '  "flow": {', ...Array.from({ length: 6000 }, (_, i) => `    "k${i}": ${i},`)]);
    expect([...fed.refused]).toEqual([[5000, 'JSON object longer than 5000 lines']]);
    expect(fed.records.every((r) => r.kind === 'hubble-line')).toBe(true);
  });

  it('refuses the closing line of a pretty object that does not parse', () => {
    const fed = feed(['{', '  "flow": {', '    "verdict": "FORWARDED",', '  }', '}']);
    expect(fed.refused.get(5)).toMatch(/^JSON object from line 1 does not parse/);
  });
});

describe('a dict block whose line breaks were lost', () => {
  it('reads its keys from one line, separator and all', () => {
    const fed = feed([
      'TIMESTAMP: Jun 11 02:14:57.001 NODE: ops-2 SOURCE: ops/prom-0:39130 DESTINATION: 10.9.2.8:9100 TYPE: to-endpoint VERDICT: FORWARDED SUMMARY: TCP Flags: ACK ------------',
    ]);
    expect(fed.records.map((r) => r.kind)).toEqual(['hubble-line', 'hubble-flow']);
    expect(fed.records[1]).toMatchObject({
      form: 'dict', node: 'ops-2', obsPoint: 'to-endpoint', summary: 'TCP Flags: ACK', destination: { ip: '10.9.2.8', port: 9100 },
    });
  });
});

describe('printer corner cases', () => {
  const one = (text: string): HubbleFlow => {
    const fed = feed([text]);
    expect([...fed.refused]).toEqual([]);
    return fed.records[0] as HubbleFlow;
  };

  it('reads a side without address, a frame without IP header, and names instead of addresses', () => {
    expect(one('N/A:  (ID:58102) <> 10.40.2.9:9200 (ID:22917) pre-xlate-rev TRACED (UDP)')).toMatchObject({
      time: null, daySeconds: null, source: { ip: null, name: null, port: null, identity: 58102 }, point: 'pre-xlate-rev',
    });
    expect(one('Oct  4 21:17:09.001: 0a:58:0a:28:01:0c (ID:58102) <> ff:ff:ff:ff:ff:ff (unknown) to-stack FORWARDED (Ethernet)')).toMatchObject({
      source: { mac: '0a:58:0a:28:01:0c', ip: null }, destination: { mac: 'ff:ff:ff:ff:ff:ff', identity: 0, identityName: 'unknown' },
      protocol: null, summary: 'Ethernet',
    });
    expect(one('Oct  4 21:17:09.002: search/api-5f7b9d8c4-w2xkq:40170 (ID:58102) -> cdn.example.net,static.example.net:443 (ID:16777217) to-stack FORWARDED (TCP Flags: SYN)'))
      .toMatchObject({ destination: { dnsNames: ['cdn.example.net', 'static.example.net'], port: 443, identity: 16777217, identityName: null } });
  });

  it('reads the other --time-format layouts', () => {
    expect(one('Fri, 04 Oct 2024 21:17:09 +0000 [prod/node-a]: 10.40.1.12:40150 (ID:58102) -> 10.40.2.9:9200 (ID:22917) to-overlay FORWARDED (TCP Flags: ACK)'))
      .toMatchObject({ isoTime: '2024-10-04T21:17:09Z', daySeconds: 76629, node: 'prod/node-a' });
    expect(one('2024-10-04T23:17:09.5+02:00: 10.40.1.12:40150 (ID:58102) -> 10.40.2.9:9200 (ID:22917) to-overlay FORWARDED (TCP Flags: ACK)'))
      .toMatchObject({ isoTime: '2024-10-04T23:17:09.5+02:00', daySeconds: 76629.5 });
    expect(one('2024-10-04T21Z: 10.40.1.12:40150 (ID:58102) -> 10.40.2.9:9200 (ID:22917) to-overlay FORWARDED (TCP Flags: ACK)'))
      .toMatchObject({ time: '2024-10-04T21Z', isoTime: null, daySeconds: null });
  });

  it('reads unknown observation points and drop codes as numbers, and an unknown TYPE as a note', () => {
    expect(one('Oct  4 21:17:09.100: 10.40.1.12:1 (ID:58102) -> 10.40.2.9:2 (ID:22917) 14 FORWARDED (TCP Flags: ACK)'))
      .toMatchObject({ eventType: 'trace', eventSubType: 14, obsPoint: null });
    expect(one('Oct  4 21:17:09.101: 10.40.1.12:1 (ID:58102) <> 10.40.2.9:2 (ID:22917) 231 DROPPED (TCP Flags: ACK)'))
      .toMatchObject({ eventType: 'drop', dropCode: 231, dropReason: '231', dropReasonName: null });
    expect(one('Oct  4 21:17:09.102: 10.40.1.12:1 (ID:58102) <> 10.40.2.9:2 (ID:22917) CT: Missing TCP ACK flag DROPPED (TCP Flags: ACK)'))
      .toMatchObject({ dropCode: 136, dropReason: 'Fragmentation needed', dropReasonName: 'CT_MISSING_TCP_ACK_FLAG' });
    expect(one('Oct  4 21:17:09.103: 10.40.1.12:1 (ID:58102) <> 10.40.2.9:2 (ID:22917) to-somewhere FORWARDED (TCP Flags: ACK)'))
      .toMatchObject({ eventType: null, note: 'unknown TYPE column: to-somewhere' });
  });
});

describe('a table whose padding a chat tool squeezed to single spaces', () => {
  it('reads the rows with the columns its header names', () => {
    const fed = feed([
      'TIMESTAMP NODE SOURCE DESTINATION TYPE VERDICT SUMMARY',
      'Oct 4 21:17:08.101 prod/node-a search/api-5f7b9d8c4-w2xkq:40150 search/opensearch-0:9200 Policy denied DROPPED TCP Flags: SYN',
      'HUBBLE_RING_BUFFER EVENTS LOST CPU(0) - 1290',
      'Oct 4 21:17:08.230 prod/node-b 10.40.1.12:40150 10.40.2.9:9200 policy-verdict:L3-L4 INGRESS ALLOWED BY allow-api (CiliumNetworkPolicy) TCP Flags: SYN',
    ], true);
    expect([...fed.refused]).toEqual([]);
    const records = fed.records.filter((r) => r.kind !== 'hubble-line');
    expect(records).toMatchObject([
      { form: 'table', time: 'Oct 4 21:17:08.101', node: 'prod/node-a', dropCode: 133, summary: 'TCP Flags: SYN', destination: { name: 'opensearch-0', port: 9200 } },
      { kind: 'hubble-notice', type: 'lost-events', name: 'HUBBLE_RING_BUFFER', count: 1290 },
      { policyMatch: 'L3-L4', trafficDirection: 'ingress', policies: [{ name: 'allow-api', direction: 'ingress' }], source: { ip: '10.40.1.12' } },
    ]);
  });
});

describe('a dict block that is no flow', () => {
  it('refuses its last line with the reason', () => {
    const fed = feed(['  TIMESTAMP: Oct  4 21:17:09.884', '     SOURCE: search/opensearch-0:9200', '    VERDICT: FORWARDED', '    SUMMARY: UDP']);
    expect([...fed.refused]).toEqual([[4, 'hubble dict block without its DESTINATION, TYPE line']]);
  });
});
