/**
 * A drop printed twice — by `cilium monitor` and `hubble observe`, or as monitor text and
 * `cilium monitor -j` — counts once in the state, citing both lines; drops that only look alike
 * (another reason, a distant time, another node) stay apart.
 */
import { describe, expect, it } from 'vitest';
import { selectMonitorGroups } from '../../src/state/monitor.js';
import type { ClusterState } from '../../src/types/state.js';
import { cite, stateOn } from '../helpers/case.js';
import { lines } from '../helpers/rule-tester.js';

const monitorDrop = (reason: string, sport: number, flags = 'SYN', endpoint = 2211) =>
  `xx drop (${reason}) flow 0x0 to endpoint ${endpoint}, ifindex 14, file bpf_lxc.c:2055, , identity 17342->60231: 10.88.3.21:${sport} -> 10.88.5.14:5432 tcp ${flags}`;
const hubbleDrop = (time: string, node: string, reason: string, sport: number, flags = 'SYN') =>
  `Jun  2 ${time} [${node}]: 10.88.3.21:${sport} (ID:17342) <> 10.88.5.14:5432 (ID:60231) ${reason} DROPPED (TCP Flags: ${flags})`;
const hubbleJson = (time: string, sport: number, code = 133) =>
  JSON.stringify({
    time, verdict: 'DROPPED', drop_reason: code, IP: { source: '10.88.3.21', destination: '10.88.5.14', ipVersion: 'IPv4' },
    l4: { TCP: { source_port: sport, destination_port: 5432, flags: { SYN: true } } }, source: { identity: 17342 }, destination: { identity: 60231 },
    Type: 'L3_L4', node_name: 'pool-c-7', event_type: { type: 1, sub_type: code }, Summary: 'TCP Flags: SYN',
  });
const monitorJson = (sport: number, id: number) =>
  JSON.stringify({
    cpu: 'CPU 02:', type: 'drop', mark: '0x3e1a', reason: 'Policy denied', source: 904, bytes: 74, srcLabel: 24410, dstLabel: 48213, dstID: 904,
    Line: 2055, File: 1, ExtError: 0, Ifindex: 9,
    summary: {
      ipv4: `IPv4\t{Contents=[..20..] Payload=[..40..] Version=4 IHL=5 TOS=0 Length=60 Id=${id} Flags=DF FragOffset=0 TTL=63 Protocol=TCP Checksum=0 SrcIP=172.21.4.9 DstIP=172.21.7.30 Options=[] Padding=[]}`,
      tcp: `TCP\t{Contents=[..40..] Payload=[] SrcPort=${sport} DstPort=9090 Seq=1 Ack=0 DataOffset=10 FIN=false SYN=true RST=false PSH=false ACK=false URG=false ECE=false CWR=false NS=false Window=64240 Checksum=0 Urgent=0 Options=[] Padding=[]}`,
    },
  });
const monitorText = (sport: number) =>
  `xx drop (Policy denied) flow 0x3e1a to endpoint 904, ifindex 9, file bpf_lxc.c:2055, , identity 24410->48213: 172.21.4.9:${sport} -> 172.21.7.30:9090 tcp SYN`;

/** Policy drops of source ports 40118 and 40122, printed by the monitor (wrapper times) and by hubble (`-o json`) at the times given. */
const timedDrops = (monitorAt: [string, string], hubbleAt: [string, string]) =>
  stateOn({
    'monitor.log': lines(`${monitorAt[0]} ${monitorDrop('Policy denied', 40118)}`, `${monitorAt[1]} ${monitorDrop('Policy denied', 40122)}`),
    'flows.json': lines(hubbleJson(hubbleAt[0], 40118), hubbleJson(hubbleAt[1], 40122)),
  });

/** Drops per reason as the rules count them, with every line they cite. */
function dropsByReason(state: ClusterState) {
  return selectMonitorGroups(state.monitor.groups, { types: ['drop'] }, ['drop_reason'], 25).map((g) => ({
    reason: g.key.drop_reason,
    count: g.count,
    lines: g.evidence.map(cite),
  }));
}

const sameDrops = (state: ClusterState) => state.monitor.sameDrops.map((d) => [cite(d.evidence), ...d.also.map(cite)]);

describe('a drop printed by the monitor and by hubble', () => {
  it('counts once, citing both lines; another reason of the same tuple stays a drop of its own', async () => {
    const state = await stateOn({
      'paste.txt': lines(
        '$ kubectl -n kube-system exec cilium-q8v4m -- cilium-dbg monitor --type drop',
        monitorDrop('Policy denied', 40118),
        monitorDrop('Policy denied', 40122),
        monitorDrop('Stale or unroutable IP', 40130),
        '$ hubble observe --verdict DROPPED --print-node-name',
        hubbleDrop('08:14:03.512', 'pool-c-7', 'Policy denied', 40118),
        hubbleDrop('08:14:04.019', 'pool-c-7', 'Policy denied', 40122),
        hubbleDrop('08:14:05.301', 'pool-c-7', 'Policy denied', 40130),
      ),
    });
    expect(dropsByReason(state)).toEqual([
      { reason: 'Policy denied', count: 3, lines: ['paste.txt:2', 'paste.txt:6', 'paste.txt:3', 'paste.txt:7', 'paste.txt:8'] },
      { reason: 'Stale or unroutable IP', count: 1, lines: ['paste.txt:4'] },
    ]);
    expect(sameDrops(state)).toEqual([['paste.txt:2', 'paste.txt:6'], ['paste.txt:3', 'paste.txt:7']]);
    expect(state.monitor.drops.total).toBe(4);
  });

  it('pairs by time when both print one: a drop seconds apart is another drop', async () => {
    const state = await timedDrops(['2025-06-02T08:14:03.512904117Z', '2025-06-02T08:14:09.880113502Z'], ['2025-06-02T08:14:03.512771Z', '2025-06-02T08:14:04.019002Z']);
    expect(sameDrops(state)).toEqual([['monitor.log:1', 'flows.json:1']]);
    expect(dropsByReason(state)).toEqual([
      { reason: 'Policy denied', count: 3, lines: ['monitor.log:1', 'flows.json:1', 'monitor.log:2', 'flows.json:2'] },
    ]);
  });

  it('allows half a second between the two prints, not more', async () => {
    const state = await timedDrops(['2025-06-02T08:14:03.100000000Z', '2025-06-02T08:14:03.100000000Z'], ['2025-06-02T08:14:03.550Z', '2025-06-02T08:14:02.550Z']);
    expect(sameDrops(state)).toEqual([['monitor.log:1', 'flows.json:1']]);
    expect(state.monitor.groups.reduce((n, g) => n + g.count, 0)).toBe(3);
  });

  it('keeps drops of two nodes apart, and pairs where either side does not name its node', async () => {
    const state = await stateOn({
      'w3.txt': lines(
        '$ kubectl -n kube-system exec cilium-q8v4m -- cilium-dbg monitor --type drop',
        monitorDrop('Policy denied', 40118),
        '$ kubectl -n kube-system exec cilium-zz81c -- cilium-dbg monitor --type drop',
        monitorDrop('Policy denied', 40118),
      ),
      'nodes.txt': lines(
        'NAME          READY   STATUS    RESTARTS   AGE   IP            NODE       NOMINATED NODE   READINESS GATES',
        'cilium-q8v4m  1/1     Running   0          3d    192.168.9.4   pool-c-7   <none>           <none>',
        'cilium-zz81c  1/1     Running   0          3d    192.168.9.5   pool-c-8   <none>           <none>',
      ),
      'hubble.txt': lines(hubbleDrop('08:14:03.512', 'pool-c-8', 'Policy denied', 40118)),
    });
    expect(sameDrops(state)).toEqual([['w3.txt:4', 'hubble.txt:1']]);
    expect(selectMonitorGroups(state.monitor.groups, { types: ['drop'] }, ['agent']).map((g) => [g.key.agent, g.count])).toEqual([
      ['cilium-q8v4m', 1],
      ['cilium-zz81c', 1],
    ]);
  });
});

describe('a drop printed as monitor text and as `cilium monitor -j`', () => {
  it('pairs the k-th of each form when neither prints a time: three SYNs and two JSON objects are three drops', async () => {
    const state = await stateOn({
      'monitor.txt': lines(monitorText(33010), monitorText(33010), monitorText(33010), monitorJson(33010, 4410), monitorJson(33010, 4411)),
    });
    expect(sameDrops(state)).toEqual([['monitor.txt:1', 'monitor.txt:4'], ['monitor.txt:2', 'monitor.txt:5']]);
    expect(dropsByReason(state)).toEqual([
      { reason: 'Policy denied', count: 3, lines: ['monitor.txt:1', 'monitor.txt:4', 'monitor.txt:2', 'monitor.txt:5', 'monitor.txt:3'] },
    ]);
    expect(state.monitor.summary.drops).toEqual([{ reason: 'Policy denied', code: 133, count: 3 }]);
    expect(state.monitor.summary.byKind).toEqual({ drop: 3 });
    expect(state.monitor.drops.byEndpoint).toEqual([{ endpoint: 904, count: 3 }]);
  });

  it('counts every print of one form: the same drop printed twice as text is two drops', async () => {
    const state = await stateOn({ 'monitor.txt': lines(monitorText(33010), monitorText(33010)) });
    expect(state.monitor.sameDrops).toEqual([]);
    expect(dropsByReason(state)).toEqual([{ reason: 'Policy denied', count: 2, lines: ['monitor.txt:1', 'monitor.txt:2'] }]);
  });
});
