/**
 * Generalisation sweep of the flows stage and the reference model: composed pastes that vary what
 * the worked scenarios hold fixed (address family, tunnel protocol and port, native routing,
 * NodePort in DSR and SNAT mode, externalTrafficPolicy, host-network clients, masquerading,
 * services without backends, policy drops, WireGuard, releases 1.10 to 1.18 and their printed
 * forms). Each case states first what a Cilium maintainer expects — the class and disposition of
 * each flow, the findings above info — and checks that every capture and trace of a predicted path
 * sits on a predicted hop. Mutations of the healthy cases then fault them the way real faults look
 * and check that the matching rule fires on the mutated line, and nothing else new above info.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/model.js';
import type { Severity } from '../../src/types/findings.js';
import { analyze, fixture, tempDir } from '../helpers/analyze.js';

type Kind = 'delivered' | 'dropped' | 'forwarded-to-world' | 'unknown';

interface ExpectedFlow {
  /** `proto src → dst` of the flow's client and server (after any translation). */
  parties: string;
  class: string | null;
  disposition: { expected: Kind; observed: Kind; detail?: string };
  /** The service frontend `vip:port` the flow names. */
  service?: string;
  /** The request as the client sent it (`proto src:port → dst:port`), where a translation follows. */
  request?: string;
}

interface Variant {
  dir: string;
  title: string;
  flows: ExpectedFlow[];
  /** Findings above info a maintainer expects (rule name and severity); any other must be info. */
  findings?: { rule: string; severity: Severity }[];
  mustNotFire?: string[];
}

const PER_PACKET = ['ttl-not-decremented', 'ttl-extra-decrement', 'trace-sequence-mismatch', 'missing-encapsulation', 'unexpected-encapsulation', 'wrong-tunnel-port', 'vni-identity-mismatch', 'mss-exceeds-route-mtu'];

const VARIANTS: Variant[] = [
  {
    dir: 'v01-dualstack-same-node-icmpv6',
    title: 'dual-stack pods, ICMPv6 echo on one node (1.16, one-line monitor, pod capture of the listed IPv4 pod)',
    flows: [{ parties: 'icmp6 fd00:10:160:1::3a → fd00:10:160:1::7', class: 'F1', disposition: { expected: 'delivered', observed: 'delivered' } }],
    mustNotFire: PER_PACKET,
  },
  {
    dir: 'v02-ipv6-only-native-hubble',
    title: 'IPv6-only native routing across nodes, hubble observe with cluster-prefixed node names (1.15)',
    flows: [{ parties: 'tcp fd00:10:160:1::b2 → fd00:10:160:2::4e', class: 'F3', disposition: { expected: 'delivered', observed: 'delivered' } }],
    mustNotFire: PER_PACKET,
  },
  {
    dir: 'v03-geneve-custom-port',
    title: 'Geneve on tunnel port 7081 (1.14): tunnel packets tcpdump does not decode are no divergence',
    flows: [
      { parties: 'udp 172.22.8.31 → 172.22.8.32', class: null, disposition: { expected: 'unknown', observed: 'unknown' } },
      { parties: 'udp 172.22.8.32 → 172.22.8.31', class: null, disposition: { expected: 'unknown', observed: 'unknown' } },
      { parties: 'tcp 10.88.1.57 → 10.88.2.103', class: 'F2', disposition: { expected: 'delivered', observed: 'delivered' } },
    ],
    mustNotFire: PER_PACKET,
  },
  {
    dir: 'v04-nodeport-dsr-external',
    title: 'external client to a NodePort in DSR mode (1.15): client IP kept, reply leaves the backend node',
    flows: [
      {
        parties: 'tcp 198.51.100.77 → 10.244.5.201', class: 'F6', disposition: { expected: 'delivered', observed: 'delivered' }, service: '192.0.2.11:31443',
        request: 'tcp 198.51.100.77:40122 → 192.0.2.11:31443',
      },
    ],
    mustNotFire: [...PER_PACKET, 'client-ip-lost-with-etp-local', 'dsr-not-effective', 'dsr-option-dropped', 'reply-missing'],
  },
  {
    dir: 'v05-nodeport-snat-tunnel-1.13',
    title: 'external client to a NodePort in SNAT mode over VXLAN (1.13, jumbo MTU not stated)',
    flows: [{ parties: 'tcp 203.0.113.200 → 10.0.2.77', class: 'F6', disposition: { expected: 'delivered', observed: 'delivered' }, service: '172.31.44.10:30500' }],
    mustNotFire: [...PER_PACKET, 'unexpected-snat-nodeport-local'],
  },
  {
    dir: 'v06-etp-local-local-backend',
    title: 'LoadBalancer with externalTrafficPolicy Local reaching the backend node (1.17, hubble prints the backend first)',
    flows: [
      {
        parties: 'tcp 192.168.77.14 → 100.64.2.33', class: 'F6', disposition: { expected: 'delivered', observed: 'delivered' }, service: '10.11.0.6:30808',
        request: 'tcp 192.168.77.14:61022 → 10.11.0.6:30808',
      },
    ],
    mustNotFire: [...PER_PACKET, 'unexpected-snat-nodeport-local', 'client-ip-lost-with-etp-local'],
  },
  {
    dir: 'v07-hostnetwork-to-remote-pod',
    title: 'host-network pod to a pod on another node and its reply (1.14 native)',
    flows: [{ parties: 'tcp 10.240.0.7 → 10.128.2.54', class: 'F8', disposition: { expected: 'delivered', observed: 'delivered' } }],
    mustNotFire: [...PER_PACKET, 'wrong-source-for-host-to-remote-pod'],
  },
  {
    dir: 'v08-pod-to-world-bpf-masq',
    title: 'pod to world with BPF masquerading (1.16): the wire copy joins the pod side',
    flows: [{ parties: 'tcp 10.52.7.190 → 52.216.32.68', class: 'F7', disposition: { expected: 'forwarded-to-world', observed: 'forwarded-to-world' } }],
    mustNotFire: [...PER_PACKET, 'missing-masquerade-to-world'],
  },
  {
    dir: 'v09-pod-to-world-iptables-1.10',
    title: 'pod ping to world, iptables masquerade on legacy host routing (1.10 print forms, echo id absent in the monitor)',
    flows: [{ parties: 'icmp 10.10.3.142 → 151.101.2.132', class: 'F7', disposition: { expected: 'forwarded-to-world', observed: 'forwarded-to-world' } }],
    findings: [{ rule: 'host-routing-fallback-logged', severity: 'warning' }],
    mustNotFire: [...PER_PACKET, 'missing-masquerade-to-world'],
  },
  {
    dir: 'v10-service-no-backends-1.18',
    title: 'ClusterIP without backends, per-packet LB (hostns-only socket LB, 1.18 slog agent log): dropped and rejected',
    flows: [
      {
        parties: 'tcp 10.60.1.92 → 10.96.77.5',
        class: 'F4',
        disposition: { expected: 'dropped', observed: 'dropped', detail: 'Service backend not found' },
        service: '10.96.77.5:80',
      },
    ],
    findings: [{ rule: 'datapath-drops', severity: 'warning' }],
    mustNotFire: PER_PACKET,
  },
  {
    dir: 'v11-policy-denied-1.13',
    title: 'policy drops at the server\'s ingress and the client\'s egress (1.13)',
    flows: [
      { parties: 'tcp 10.201.0.45 → 10.201.1.9', class: 'F2', disposition: { expected: 'delivered', observed: 'dropped', detail: 'Policy denied' } },
      { parties: 'tcp 10.201.0.45 → 203.0.113.10', class: 'F7', disposition: { expected: 'forwarded-to-world', observed: 'dropped', detail: 'Policy denied' } },
    ],
    mustNotFire: PER_PACKET,
  },
  {
    dir: 'v12-wireguard-native-1.16',
    title: 'WireGuard between nodes in native routing (1.16): plain packets on cilium_wg0, UDP 51871 on eth0',
    flows: [
      { parties: 'tcp 10.72.1.38 → 10.72.2.205', class: 'F3', disposition: { expected: 'delivered', observed: 'delivered' } },
      { parties: 'udp 10.30.7.11 → 10.30.7.12', class: null, disposition: { expected: 'unknown', observed: 'delivered' } },
    ],
    mustNotFire: [...PER_PACKET, 'missing-encapsulation'],
  },
];

function inputs(dir: string): string[] {
  const path = fixture('model-variants', dir);
  return readdirSync(path).sort().map((f) => join(path, f));
}

const parties = (f: JsonReport['flows'][number]): string => `${f.tuple.proto} ${f.client.ip} → ${f.server.ip}`;

function checkFlows(report: JsonReport, v: Variant): void {
  expect(report.flows.map(parties)).toEqual(v.flows.map((f) => f.parties));
  v.flows.forEach((want, i) => {
    const got = report.flows[i]!;
    expect(got.class, `class of ${want.parties}`).toBe(want.class);
    expect(got.disposition.expected.kind, `expected disposition of ${want.parties}`).toBe(want.disposition.expected);
    expect(got.disposition.observed.kind, `observed disposition of ${want.parties}`).toBe(want.disposition.observed);
    if (want.disposition.detail) expect(got.disposition.observed.detail).toBe(want.disposition.detail);
    if (want.service) expect(got.service && `${got.service.vip}:${got.service.port}`).toBe(want.service);
    const t = got.tuple;
    if (want.request) expect(`${t.proto} ${t.src}:${t.sport} → ${t.dst}:${t.dport}`).toBe(want.request);
    // Every capture and trace of a predicted path is a sighting of a predicted hop.
    if (got.expected.length === 0) return;
    const unplaced = got.observed.filter((h) => (h.kind === 'capture' || h.kind === 'trace') && h.expected === null);
    expect(unplaced.map((h) => h.evidence.map((e) => `${basename(e.source)}:${e.line}`).join()), `hops of ${want.parties} on no predicted hop`).toEqual([]);
  });
}

describe('model variants: healthy and faulty flows beyond the worked scenarios', () => {
  for (const v of VARIANTS) {
    it(`${v.dir}: ${v.title}`, async () => {
      const report = await analyze(inputs(v.dir));
      checkFlows(report, v);
      const above = report.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule}:${f.severity}`);
      expect(above.sort()).toEqual((v.findings ?? []).map((f) => `${f.rule}:${f.severity}`).sort());
      for (const rule of v.mustNotFire ?? []) expect(report.findings.filter((f) => f.rule === rule).map((f) => f.message), `${rule} must not fire`).toEqual([]);
    });
  }
});

interface Mutation {
  base: string;
  title: string;
  /** Line edits of one file of the case: the text of a line (whole) → its replacement lines. */
  file: string;
  edits: [string, string[]][];
  fires: { rule: string; severity: Severity; lines: number[] };
}

const MUTATIONS: Mutation[] = [
  {
    base: 'v01-dualstack-same-node-icmpv6',
    title: 'the echo request arrives in the peer pod with the hop limit it was sent with',
    file: 'captures.txt',
    edits: [[
      '07:14:22.418812 IP6 (flowlabel 0x4e2c1, hlim 63, next-header ICMPv6 (58) payload length: 64) fd00:10:160:1::3a > fd00:10:160:1::7: [icmp6 sum ok] ICMP6, echo request, id 41, seq 1',
      ['07:14:22.418812 IP6 (flowlabel 0x4e2c1, hlim 64, next-header ICMPv6 (58) payload length: 64) fd00:10:160:1::3a > fd00:10:160:1::7: [icmp6 sum ok] ICMP6, echo request, id 41, seq 1'],
    ]],
    fires: { rule: 'ttl-not-decremented', severity: 'error', lines: [3] },
  },
  {
    base: 'v03-geneve-custom-port',
    title: 'Geneve leaves on the default port 6081 although the nodes are configured for 7081',
    file: 'captures.txt',
    edits: [
      ['root@gen-1:~# tcpdump -nn -v -i eth0 udp port 7081', ['root@gen-1:~# tcpdump -nn -i eth0 udp port 6081']],
      ['16:45:02.118204 IP (tos 0x0, ttl 64, id 48810, offset 0, flags [none], proto UDP (17), length 110)', [
        '16:45:02.118204 IP 172.22.8.31.61349 > 172.22.8.32.6081: Geneve, Flags [none], vni 0x325d: IP 10.88.1.57.52214 > 10.88.2.103.5678: Flags [S], seq 1190337410, win 64390, options [mss 1390,sackOK,TS val 2210112 ecr 0,nop,wscale 7], length 0',
      ]],
      ['    172.22.8.31.61349 > 172.22.8.32.7081: UDP, length 82', []],
      ['16:45:02.118790 IP (tos 0x0, ttl 64, id 20931, offset 0, flags [none], proto UDP (17), length 110)', []],
      ['    172.22.8.32.40912 > 172.22.8.31.7081: UDP, length 82', []],
    ],
    fires: { rule: 'wrong-tunnel-port', severity: 'error', lines: [3] },
  },
  {
    base: 'v05-nodeport-snat-tunnel-1.13',
    title: 'the backend\'s reply travels in a VXLAN instance that is not its identity',
    file: 'captures.txt',
    edits: [['    172.31.44.11.39001 > 172.31.44.10.8472: OTV, flags [I] (0x08), overlay 0, instance 40977', ['    172.31.44.11.39001 > 172.31.44.10.8472: OTV, flags [I] (0x08), overlay 0, instance 40976']]],
    fires: { rule: 'vni-identity-mismatch', severity: 'warning', lines: [9] },
  },
  {
    base: 'v08-pod-to-world-bpf-masq',
    title: 'a router on the way cannot forward full-size segments and says so',
    file: 'captures.txt',
    edits: [
      ['    52.216.32.68.443 > 10.2.3.41.35512: Flags [S.], cksum 0x11c2 (correct), seq 600112390, ack 3710224009, win 26847, options [mss 1436,sackOK,TS val 8810021 ecr 990011,nop,wscale 7], length 0', [
        '    52.216.32.68.443 > 10.2.3.41.35512: Flags [S.], cksum 0x11c2 (correct), seq 600112390, ack 3710224009, win 26847, options [mss 1436,sackOK,TS val 8810021 ecr 990011,nop,wscale 7], length 0',
        '21:07:55.412930 IP (tos 0xc0, ttl 61, id 52214, offset 0, flags [none], proto ICMP (1), length 576)',
        '    100.64.12.1 > 10.2.3.41: ICMP 52.216.32.68 unreachable - need to frag (mtu 1400), length 556',
      ]],
    ],
    fires: { rule: 'frag-needed-seen', severity: 'warning', lines: [7] },
  },
  {
    base: 'v08-pod-to-world-bpf-masq',
    title: 'the reply is captured on the pod\'s lxc, a hop BPF host routing delivers past (redirect_peer)',
    file: 'captures.txt',
    edits: [
      ['    52.216.32.68.443 > 10.2.3.41.35512: Flags [S.], cksum 0x11c2 (correct), seq 600112390, ack 3710224009, win 26847, options [mss 1436,sackOK,TS val 8810021 ecr 990011,nop,wscale 7], length 0', [
        '    52.216.32.68.443 > 10.2.3.41.35512: Flags [S.], cksum 0x11c2 (correct), seq 600112390, ack 3710224009, win 26847, options [mss 1436,sackOK,TS val 8810021 ecr 990011,nop,wscale 7], length 0',
        'root@wk-41:~# tcpdump -nn -i lxc0c5d1e77a3b9 host 52.216.32.68',
        '21:07:55.311530 IP 52.216.32.68.443 > 10.52.7.190.35512: Flags [S.], seq 600112390, ack 3710224009, win 26847, options [mss 1436,sackOK,TS val 8810021 ecr 990011,nop,wscale 7], length 0',
      ]],
    ],
    fires: { rule: 'seen-on-bypassed-device', severity: 'warning', lines: [8] },
  },
  {
    base: 'v02-ipv6-only-native-hubble',
    title: 'the server never answers: the client retransmits its SYN and no SYN-ACK comes back',
    file: 'captures.txt',
    edits: [
      ['09:03:11.205391 IP6 (flowlabel 0x61f02, hlim 63, next-header TCP (6) payload length: 40) fd00:10:160:2::4e.7070 > fd00:10:160:1::b2.47310: Flags [S.], cksum 0x1a9c (correct), seq 90112734, ack 2841190073, win 64260, options [mss 1440,sackOK,TS val 771203 ecr 3311230,nop,wscale 7], length 0', [
        '09:03:12.228120 IP6 (flowlabel 0x2b1d4, hlim 63, next-header TCP (6) payload length: 40) fd00:10:160:1::b2.47310 > fd00:10:160:2::4e.7070: Flags [S], cksum 0x6911 (correct), seq 2841190072, win 64800, options [mss 1440,sackOK,TS val 3312254 ecr 0,nop,wscale 7], length 0',
        '09:03:14.276094 IP6 (flowlabel 0x2b1d4, hlim 63, next-header TCP (6) payload length: 40) fd00:10:160:1::b2.47310 > fd00:10:160:2::4e.7070: Flags [S], cksum 0x6111 (correct), seq 2841190072, win 64800, options [mss 1440,sackOK,TS val 3314302 ecr 0,nop,wscale 7], length 0',
      ]],
    ],
    fires: { rule: 'reply-missing', severity: 'warning', lines: [3, 4, 5] },
  },
];

/** The case's files in a fresh directory, one of them edited line by line. */
function mutated(m: Mutation): string[] {
  const dir = join(tempDir(), m.base);
  mkdirSync(dir);
  for (const path of inputs(m.base)) {
    let text = readFileSync(path, 'utf8');
    if (basename(path) === m.file) {
      const lines = text.split('\n');
      for (const [line, replacement] of m.edits) {
        const at = lines.indexOf(line);
        expect(at, `${m.file} holds the line to edit: ${line}`).toBeGreaterThanOrEqual(0);
        lines.splice(at, 1, ...replacement);
      }
      text = lines.join('\n');
    }
    writeFileSync(join(dir, basename(path)), text);
  }
  return readdirSync(dir).sort().map((f) => join(dir, f));
}

const aboveInfo = (r: JsonReport): string[] => r.findings.filter((f) => f.severity !== 'info').map((f) => f.rule);

describe('model variants, mutated the way real faults look', () => {
  for (const m of MUTATIONS) {
    it(`${m.base}: ${m.title} → ${m.fires.rule}`, async () => {
      const [healthy, faulty] = await Promise.all([analyze(inputs(m.base)), analyze(mutated(m))]);
      const fired = faulty.findings.filter((f) => f.rule === m.fires.rule);
      expect(fired.map((f) => f.severity), `${m.fires.rule} fires`).toEqual([m.fires.severity]);
      const cited = fired[0]!.evidence.filter((e) => basename(e.source) === m.file).map((e) => e.line);
      expect(cited.sort((a, b) => a - b)).toEqual(m.fires.lines);
      const added = aboveInfo(faulty).filter((r) => r !== m.fires.rule && !aboveInfo(healthy).includes(r));
      expect(added, 'nothing else new above info').toEqual([]);
    });
  }
});
