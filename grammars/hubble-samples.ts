/**
 * The hubble family's documented samples: `hubble observe` flows in each output form (compact of
 * 0.5 and of 0.10+, `-o table` with and without NODE, `-o dict` with its separators, `-o json` /
 * `-o jsonpb` on one line or pretty-printed by jq), and the notices printed besides flows (lost
 * events, relay node status, agent and debug events), each with the records it parses into
 * (checked by test/grammars).
 */
import type { HubbleLineType } from '../src/types/hubble.js';
import type { ExpectedRecord, GrammarSample } from '../src/types/grammar.js';

const flow = 'hubble-flow' as const;
const notice = 'hubble-notice' as const;

/** The records of `count` lines that belong to the block starting at `blockLine`. */
function blockLines(type: HubbleLineType, blockLine: number, count: number): ExpectedRecord[] {
  return Array.from({ length: count }, () => ({ kind: 'hubble-line', type, blockLine, blockSegment: 0 }));
}

export const samples: readonly GrammarSample[] = [
  // ---- compact -----------------------------------------------------------------------------------
  // 0.10+: identities after the hosts, `->` a non-reply, `<-` a reply printed destination first.
  {
    lines: [
      'May  2 10:11:12.345 [worker-1]: shop/cart-7d9f8c6b5-xk2lp:43120 (ID:31877) -> shop/redis-0:6379 (ID:12044) to-endpoint FORWARDED (TCP Flags: SYN)',
      'May  2 10:11:12.402: shop/cart-7d9f8c6b5-xk2lp:43120 (ID:31877) <- shop/redis-0:6379 (ID:12044) to-stack FORWARDED (TCP Flags: SYN, ACK)',
    ],
    records: [
      {
        kind: flow, form: 'compact', line: 1, time: 'May  2 10:11:12.345', node: 'worker-1', daySeconds: 36672.345, eventType: 'trace',
        obsPoint: 'to-endpoint', verdict: 'FORWARDED', isReply: false, protocol: 'tcp', tcpFlags: 'SYN', summary: 'TCP Flags: SYN',
        source: { namespace: 'shop', name: 'cart-7d9f8c6b5-xk2lp', port: 43120, identity: 31877 },
        destination: { namespace: 'shop', name: 'redis-0', port: 6379, identity: 12044 },
      },
      {
        kind: flow, line: 2, node: null, isReply: true, obsPoint: 'to-stack', tcpFlags: 'SYN,ACK',
        source: { name: 'redis-0', port: 6379, identity: 12044 }, destination: { name: 'cart-7d9f8c6b5-xk2lp', port: 43120 },
      },
    ],
  },
  // `<>`: direction unknown; a drop names its reason in the TYPE column.
  {
    lines: ['May  2 10:11:13.001: 198.51.100.40:51514 (world) <> shop/cart-7d9f8c6b5-xk2lp:8080 (ID:31877) Policy denied DROPPED (TCP Flags: SYN)'],
    records: [{
      kind: flow, eventType: 'drop', verdict: 'DROPPED', dropCode: 133, dropReason: 'Policy denied', dropReasonName: 'POLICY_DENIED', isReply: null,
      source: { ip: '198.51.100.40', port: 51514, identity: 2, identityName: 'world' }, ipVersion: 4,
    }],
  },
  // Policy verdicts: the match type, the direction and the action; 1.17 names the policy and the auth.
  {
    lines: [
      'May  2 10:11:13.001: 198.51.100.40:51514 (world) -> shop/cart-7d9f8c6b5-xk2lp:8080 (ID:31877) policy-verdict:none INGRESS DENIED (TCP Flags: SYN)',
      'May  2 10:11:16.900: shop/web-5c8d7b-h4k9z:44810 (ID:20561) -> shop/cart-7d9f8c6b5-xk2lp:8080 (ID:31877) policy-verdict:L3-L4 INGRESS ALLOWED BY allow-web (CiliumNetworkPolicy) (TCP Flags: SYN; Auth: SPIRE)',
    ],
    records: [
      { kind: flow, eventType: 'policy-verdict', policyMatch: 'none', trafficDirection: 'ingress', policyAction: 'DENIED', verdict: 'DROPPED' },
      {
        kind: flow, policyAction: 'ALLOWED', verdict: null, policyMatch: 'L3-L4', auth: 'SPIRE', summary: 'TCP Flags: SYN',
        policies: [{ direction: 'ingress', action: 'allowed', name: 'allow-web', kind: 'CiliumNetworkPolicy', namespace: null }],
      },
    ],
  },
  // `--time-format RFC3339`; a side without a port; ICMP by its TypeCode name.
  {
    lines: ['2024-05-02T10:11:14.25Z [worker-2]: shop/cart-7d9f8c6b5-xk2lp (ID:31877) -> 10.20.3.17 (remote-node) to-overlay FORWARDED (ICMPv4 EchoRequest)'],
    records: [{
      kind: flow, isoTime: '2024-05-02T10:11:14.25Z', daySeconds: 36674.25, node: 'worker-2', protocol: 'icmp', icmpType: 8, icmpCode: 0, icmpName: 'EchoRequest',
      source: { name: 'cart-7d9f8c6b5-xk2lp', port: null }, destination: { ip: '10.20.3.17', identity: 6, identityName: 'remote-node' },
    }],
  },
  // An IPv6 host in brackets (net.JoinHostPort).
  {
    lines: ['May  2 10:11:21.004: [fd00:10:1::2c]:40222 (world) -> shop/cart-7d9f8c6b5-xk2lp:8080 (ID:31877) to-endpoint FORWARDED (TCP Flags: SYN)'],
    records: [{ kind: flow, ipVersion: 6, source: { ip: 'fd00:10:1::2c', port: 40222, identity: 2 }, destination: { port: 8080, identity: 31877 } }],
  },
  // L7: the DNS proxy's request (0.11+ names its source).
  {
    lines: ['May  2 10:11:15.118 [worker-1]: shop/cart-7d9f8c6b5-xk2lp:38122 (ID:31877) -> kube-system/coredns-6f6b679f8f-q7w2d:53 (ID:48810) dns-request proxy FORWARDED (DNS Query redis.shop.svc.cluster.local. A)'],
    records: [{ kind: flow, eventType: 'l7', l7: { protocol: 'dns', type: 'request', dnsSource: 'proxy', dnsQuery: 'redis.shop.svc.cluster.local.', dnsQtypes: ['A'] } }],
  },
  // 0.5 – 0.6: `TIME [NODE]:` always, no identities, only `->` (which then tells nothing).
  {
    lines: ['Jun 11 09:00:01.118 [k8s-w2]: billing/invoice-6b7c9d-r2x8p:51000 -> billing/postgres-0:5432 to-endpoint FORWARDED (TCP Flags: ACK, PSH)'],
    records: [{
      kind: flow, form: 'compact', time: 'Jun 11 09:00:01.118', daySeconds: 32401.118, node: 'k8s-w2', isReply: null, tcpFlags: 'ACK,PSH',
      source: { namespace: 'billing', name: 'invoice-6b7c9d-r2x8p', port: 51000, identity: null },
      destination: { namespace: 'billing', name: 'postgres-0', port: 5432, identity: null },
    }],
  },
  // What compact prints besides flows: lost events (1.17+), the relay's node status (on stderr),
  // `hubble status` through Relay (0.11 → humanized counts), and a server's own before 0.11.
  {
    lines: [
      'Healthcheck (via relay.example:4245): Ok',
      'Current/Max Flows: 12,285/16,380 (75.00%)',
      'Flows/s: 55.87',
      'Connected Nodes: 4/6',
      'Unavailable Nodes: 2',
      '  - edge-worker-2',
      '  - edge-worker-5',
      'Current/Max Flows: 4095/4095 (100.00%)',
    ],
    records: [
      { kind: notice, type: 'server-status', name: 'Healthcheck', node: 'relay.example:4245', message: 'Ok', count: null },
      { kind: notice, type: 'server-status', name: 'Current/Max Flows', count: 12285, message: '12,285/16,380 (75.00%)' },
      { kind: notice, type: 'server-status', name: 'Flows/s', count: null, message: '55.87' },
      { kind: notice, type: 'server-status', name: 'Connected Nodes', count: 4, message: '4/6' },
      { kind: notice, type: 'server-status', name: 'Unavailable Nodes', count: 2, nodes: null },
      { kind: notice, type: 'server-status', name: 'Unavailable Nodes', nodes: ['edge-worker-2'] },
      { kind: notice, type: 'server-status', name: 'Unavailable Nodes', nodes: ['edge-worker-5'] },
      { kind: notice, type: 'server-status', name: 'Current/Max Flows', count: 4095 },
    ],
  },
  // `hubble observe agent-events` and `debug-events`.
  {
    lines: [
      'EVENTS LOST: HUBBLE_RING_BUFFER CPU(0) 118',
      'May  2 10:11:20.000 [relay-7f9c]: 1 nodes are unavailable: worker-3',
      'May  2 10:11:20.500 [relay-7f9c]: Error "context deadline exceeded" on 2 nodes: worker-3, worker-4',
      'May  2 10:12:00.512 [worker-1]: ENDPOINT_CREATED (id: 1207, namespace: shop, pod name: cart-7d9f8c6b5-xk2lp)',
      'May  2 10:12:01.003 [worker-1]: shop/cart-7d9f8c6b5-xk2lp (ID: 1207) DBG_CT_LOOKUP4_1 MARK: 0x1f2e3d4c CPU: 01 (Conntrack lookup 1/2: src=10.20.1.33:43120 dst=10.20.2.71:6379)',
    ],
    records: [
      { kind: notice, type: 'lost-events', form: 'compact', line: 1, name: 'HUBBLE_RING_BUFFER', cpu: 0, count: 118 },
      { kind: notice, type: 'node-status', form: 'compact', time: 'May  2 10:11:20.000', node: 'relay-7f9c', name: 'NODE_UNAVAILABLE', count: 1, nodes: ['worker-3'] },
      { kind: notice, type: 'node-status', form: 'compact', name: 'NODE_ERROR', message: 'context deadline exceeded', count: 2, nodes: ['worker-3', 'worker-4'] },
      { kind: notice, type: 'agent-event', form: 'compact', node: 'worker-1', name: 'ENDPOINT_CREATED', message: 'id: 1207, namespace: shop, pod name: cart-7d9f8c6b5-xk2lp' },
      { kind: notice, type: 'debug-event', form: 'compact', name: 'DBG_CT_LOOKUP4_1', cpu: 1, message: 'Conntrack lookup 1/2: src=10.20.1.33:43120 dst=10.20.2.71:6379' },
    ],
  },

  // ---- -o table ----------------------------------------------------------------------------------
  {
    lines: [
      'TIMESTAMP             NODE       SOURCE                  DESTINATION          TYPE            VERDICT   SUMMARY',
      'May  2 10:11:17.020   worker-1   shop/web-5c8d7b-h4k9z   10.20.1.9:8080       Policy denied   DROPPED   TCP Flags: SYN',
    ],
    records: [
      { kind: 'hubble-line', type: 'table-header', blockLine: 1 },
      { kind: flow, form: 'table', line: 2, node: 'worker-1', dropCode: 133, destination: { ip: '10.20.1.9', port: 8080 }, source: { name: 'web-5c8d7b-h4k9z', port: null } },
    ],
  },
  // Without NODE; a lost-events row leaves TIMESTAMP, DESTINATION and VERDICT empty.
  {
    lines: [
      'TIMESTAMP             SOURCE                               DESTINATION               TYPE          VERDICT     SUMMARY',
      'Jun 11 09:00:02.004   billing/invoice-6b7c9d-r2x8p:51002   billing/postgres-0:5432   to-endpoint   FORWARDED   TCP Flags: SYN',
      '                      HUBBLE_RING_BUFFER                                             EVENTS LOST               CPU(1) - 37',
    ],
    records: [
      { kind: 'hubble-line', type: 'table-header', blockLine: 1 },
      {
        kind: flow, form: 'table', node: null, time: 'Jun 11 09:00:02.004', obsPoint: 'to-endpoint', verdict: 'FORWARDED', tcpFlags: 'SYN',
        source: { name: 'invoice-6b7c9d-r2x8p', port: 51002 }, destination: { name: 'postgres-0', port: 5432 },
      },
      { kind: notice, type: 'lost-events', form: 'table', line: 3, name: 'HUBBLE_RING_BUFFER', cpu: 1, count: 37 },
    ],
  },

  // ---- -o dict -----------------------------------------------------------------------------------
  // Each line belongs to its block; the record comes with the block's last line and names its first.
  {
    lines: [
      '  TIMESTAMP: May  2 10:11:19.500',
      '     SOURCE: shop/web-5c8d7b-h4k9z:44812',
      'DESTINATION: shop/cart-7d9f8c6b5-xk2lp:8080',
      '       TYPE: http-request',
      '    VERDICT: FORWARDED',
      '    SUMMARY: HTTP/1.1 GET http://cart:8080/api/items?limit=5',
    ],
    records: [
      ...blockLines('dict-field', 1, 6),
      { kind: flow, form: 'dict', line: 1, eventType: 'l7', l7: { protocol: 'http', type: 'request', httpMethod: 'GET', httpUrl: 'http://cart:8080/api/items?limit=5' } },
    ],
  },
  // 0.9+: the separator on its own line; a lost-events block has empty TIMESTAMP and VERDICT.
  {
    lines: [
      '  TIMESTAMP: May  2 10:12:03.100',
      '     SOURCE: shop/web-5c8d7b-h4k9z:44830',
      'DESTINATION: kube-system/coredns-6f6b679f8f-q7w2d:53',
      '       TYPE: dns-response',
      '    VERDICT: FORWARDED',
      '    SUMMARY: DNS Answer "10.20.1.9" TTL: 30 (Proxy redis.shop.svc.cluster.local. A)',
      '------------',
      '  TIMESTAMP: ',
      '     SOURCE: HUBBLE_RING_BUFFER',
      '       TYPE: EVENTS LOST',
      '    VERDICT: ',
      '    SUMMARY: CPU(0) - 12',
    ],
    records: [
      ...blockLines('dict-field', 1, 6),
      {
        kind: flow, form: 'dict', line: 1, daySeconds: 36723.1, eventType: 'l7',
        l7: { protocol: 'dns', type: 'response', dnsQuery: 'redis.shop.svc.cluster.local.', dnsQtypes: ['A'], dnsIps: ['10.20.1.9'], dnsTtl: 30, dnsRcode: 0 },
      },
      { kind: 'hubble-line', type: 'dict-separator', blockLine: 7 },
      ...blockLines('dict-field', 8, 5),
      { kind: notice, type: 'lost-events', form: 'dict', line: 8, time: null, name: 'HUBBLE_RING_BUFFER', cpu: 0, count: 12 },
    ],
  },
  // 0.7 – 0.8 with --print-node-name: the separator glued to the next block's TIMESTAMP.
  {
    lines: [
      '  TIMESTAMP: Jun 11 09:00:03.210',
      '       NODE: k8s-w1',
      '     SOURCE: billing/invoice-6b7c9d-r2x8p:51002',
      'DESTINATION: billing/postgres-0:5432',
      '       TYPE: to-stack',
      '    VERDICT: FORWARDED',
      '    SUMMARY: TCP Flags: ACK, FIN',
      '------------  TIMESTAMP: Jun 11 09:00:03.214',
      '       NODE: k8s-w1',
      '     SOURCE: billing/postgres-0:5432',
      'DESTINATION: billing/invoice-6b7c9d-r2x8p:51002',
      '       TYPE: Policy denied',
      '    VERDICT: DROPPED',
      '    SUMMARY: TCP Flags: RST',
    ],
    records: [
      ...blockLines('dict-field', 1, 7),
      { kind: flow, form: 'dict', line: 1, node: 'k8s-w1', obsPoint: 'to-stack', tcpFlags: 'ACK,FIN', destination: { name: 'postgres-0', port: 5432 } },
      ...blockLines('dict-field', 8, 7),
      { kind: flow, form: 'dict', line: 8, time: 'Jun 11 09:00:03.214', node: 'k8s-w1', eventType: 'drop', dropCode: 133, verdict: 'DROPPED', tcpFlags: 'RST' },
    ],
  },
  // The relay's node status as a dict block; `N/A` for no message.
  {
    lines: [
      '  TIMESTAMP: May  2 10:12:05.000',
      '      STATE: NODE_CONNECTED',
      '      NODES: worker-1, worker-2',
      '    MESSAGE: N/A',
    ],
    records: [
      ...blockLines('dict-field', 1, 4),
      { kind: notice, type: 'node-status', form: 'dict', line: 1, name: 'NODE_CONNECTED', nodes: ['worker-1', 'worker-2'], message: null },
    ],
  },

  // ---- -o json / -o jsonpb -----------------------------------------------------------------------
  // jsonpb (and json since 0.11): a GetFlowsResponse per line; uint64 as strings, enums by name.
  {
    lines: [
      '{"flow":{"time":"2024-05-02T10:11:18.123456789Z","verdict":"DROPPED","drop_reason":133,"IP":{"source":"10.20.1.33","destination":"10.20.2.71","ipVersion":"IPv4"},' +
        '"l4":{"UDP":{"source_port":40211,"destination_port":5353}},"source":{"ID":811,"identity":20561,"namespace":"shop","pod_name":"web-5c8d7b-h4k9z"},' +
        '"destination":{"identity":9081,"namespace":"ops","pod_name":"mdns-0"},"Type":"L3_L4","node_name":"worker-1","event_type":{"type":1,"sub_type":133},' +
        '"traffic_direction":"EGRESS","drop_reason_desc":"POLICY_DENIED","Summary":"UDP"},"node_name":"worker-1","time":"2024-05-02T10:11:18.123456789Z"}',
    ],
    records: [{
      kind: flow, form: 'jsonpb', isoTime: '2024-05-02T10:11:18.123456789Z', dropCode: 133, dropReasonName: 'POLICY_DENIED', protocol: 'udp', ipVersion: 4,
      trafficDirection: 'egress', source: { ip: '10.20.1.33', port: 40211, endpointId: 811, name: 'web-5c8d7b-h4k9z' }, destination: { port: 5353 },
    }],
  },
  // ≤ 0.10 `-o json`: the bare Flow; the trace point by its sub_type code.
  {
    lines: ['{"time":"2020-07-14T08:02:44.812377Z","verdict":"FORWARDED","IP":{"source":"10.0.0.12","destination":"10.0.1.9","ipVersion":"IPv4"},"l4":{"TCP":{"source_port":36412,"destination_port":80,"flags":{"ACK":true}}},"source":{"ID":"2110","identity":"5521"},"destination":{"identity":"6"},"Type":"L3_L4","node_name":"k8s2","event_type":{"type":4,"sub_type":4},"Summary":"TCP Flags: ACK"}'],
    records: [{ kind: flow, form: 'json', obsPoint: 'to-overlay', tcpFlags: 'ACK', source: { identity: 5521, endpointId: 2110 }, destination: { identityName: 'remote-node' }, isReply: null }],
  },
  // The responses besides flows: lost events, node status, agent and debug events.
  {
    lines: [
      '{"lost_events":{"source":"PERF_EVENT_RING_BUFFER","num_events_lost":"44","cpu":3},"node_name":"worker-2","time":"2024-05-02T10:12:07Z"}',
      '{"node_status":{"state_change":"NODE_GONE","node_names":["worker-5"]},"node_name":"relay-7f9c","time":"2024-05-02T10:12:08Z"}',
      '{"agent_event":{"type":"POLICY_UPDATED","policy_update":{"labels":["k8s:io.cilium.k8s.policy.name=allow-web","k8s:io.cilium.k8s.policy.namespace=shop"],"revision":"42","rule_count":"1"}},"node_name":"worker-1","time":"2024-05-02T10:12:09Z"}',
      '{"debug_event":{"type":"DBG_CT_VERDICT","source":{"ID":1207,"identity":31877,"namespace":"shop","pod_name":"cart-7d9f8c6b5-xk2lp"},"hash":530418060,"message":"CT verdict: Reply, revnat=0","cpu":1},"node_name":"worker-1","time":"2024-05-02T10:12:10Z"}',
    ],
    records: [
      { kind: notice, type: 'lost-events', form: 'jsonpb', time: '2024-05-02T10:12:07Z', node: 'worker-2', name: 'PERF_EVENT_RING_BUFFER', cpu: 3, count: 44 },
      { kind: notice, type: 'node-status', form: 'jsonpb', node: 'relay-7f9c', name: 'NODE_GONE', count: 1, nodes: ['worker-5'], message: null },
      { kind: notice, type: 'agent-event', form: 'jsonpb', name: 'POLICY_UPDATED' },
      { kind: notice, type: 'debug-event', form: 'jsonpb', name: 'DBG_CT_VERDICT', cpu: 1, message: 'CT verdict: Reply, revnat=0' },
    ],
  },
  // Pretty-printed by jq: every line is part of the object, the flow comes with the closing brace.
  {
    lines: [
      '{',
      '  "flow": {',
      '    "time": "2024-05-02T10:12:06.250Z",',
      '    "verdict": "FORWARDED",',
      '    "IP": {',
      '      "source": "10.20.2.71",',
      '      "destination": "10.20.1.33",',
      '      "ipVersion": "IPv4"',
      '    },',
      '    "l4": {',
      '      "TCP": {',
      '        "source_port": 6379,',
      '        "destination_port": 43120,',
      '        "flags": {',
      '          "SYN": true,',
      '          "ACK": true',
      '        }',
      '      }',
      '    },',
      '    "source": {',
      '      "identity": 12044,',
      '      "pod_name": "redis-0"',
      '    },',
      '    "Type": "L3_L4",',
      '    "event_type": {',
      '      "type": 4,',
      '      "sub_type": 3',
      '    },',
      '    "is_reply": true,',
      '    "trace_observation_point": "TO_STACK",',
      '    "Summary": "TCP Flags: SYN, ACK"',
      '  },',
      '  "node_name": "worker-2",',
      '  "time": "2024-05-02T10:12:06.250Z"',
      '}',
    ],
    records: [
      ...blockLines('json-part', 1, 35),
      {
        kind: flow, form: 'jsonpb', line: 1, node: 'worker-2', daySeconds: 36726.25, obsPoint: 'to-stack', isReply: true, tcpFlags: 'SYN,ACK',
        source: { ip: '10.20.2.71', port: 6379, identity: 12044, pod: 'redis-0' }, destination: { ip: '10.20.1.33', port: 43120 },
      },
    ],
  },
];
