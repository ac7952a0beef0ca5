import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseCaptureOption } from '../../src/cli/capture-option.js';
import { describeCommand } from '../../grammars/shell.js';
import { readPacketSummary } from '../../src/state/packets.js';
import { applyCaptureOption } from '../../src/store/capture-option.js';
import { createCaseDb } from '../../src/store/db.js';
import { loadInputs } from '../../src/store/load.js';

describe('the capture context of a pasted tcpdump command', () => {
  test.each([
    ['tcpdump -pne -i lxc89c8c94364d6', 'tcpdump', null, { iface: 'lxc89c8c94364d6', netns: null }],
    ['sudo tcpdump -w /tmp/x.pcap -nni eth1 port 53', 'tcpdump', null, { iface: 'eth1', netns: null }],
    ['tcpdump -ieth0 -c 10', 'tcpdump', null, { iface: 'eth0', netns: null }],
    ['tcpdump --interface=cilium_vxlan -n', 'tcpdump', null, { iface: 'cilium_vxlan', netns: null }],
    ['nsenter -t 4242 -n tcpdump -nn -i eth0', 'tcpdump', null, { iface: 'eth0', netns: 'pid/4242' }],
    ['nsenter --net=/var/run/netns/cni-5e6f tcpdump -i eth0', 'tcpdump', null, { iface: 'eth0', netns: 'netns/cni-5e6f' }],
    ['bash nsenter.sh 061adb799d0c -n tcpdump -n -i eth0', 'tcpdump', null, { iface: 'eth0', netns: 'container/061adb799d0c' }],
    ['ip netns exec cni-1234 tcpdump -i eth0', 'tcpdump', null, { iface: 'eth0', netns: 'netns/cni-1234' }],
    ['docker exec -it 3f2a tcpdump -i eth0', 'tcpdump', null, { iface: 'eth0', netns: 'container/3f2a' }],
    [
      'kubectl -n default exec -it nginx-7c5ddbdf54-abcde -- tcpdump -i eth0 -nn',
      'tcpdump',
      'nginx-7c5ddbdf54-abcde',
      { iface: 'eth0', netns: 'pod/nginx-7c5ddbdf54-abcde' },
    ],
    ['kubectl -n kube-system exec cilium-x7k2p -- tcpdump -i any', 'tcpdump', 'cilium-x7k2p', { iface: 'any', netns: 'host' }],
  ])('%s', (command, tool, pod, capture) => {
    expect(describeCommand(command)).toEqual({ tool, pod, capture: { ...capture, absoluteSeq: false, timestamps: 'time-of-day' } });
  });

  test.each([
    ['tcpdump -S -i eth0', true],
    ['tcpdump -nnS -i eth0', true],
    ['tcpdump -Si eth0 -nn', true],
    ['tcpdump --absolute-tcp-sequence-numbers -i eth0', true],
    ['tcpdump -i S -nn', false],
    ['tcpdump -w S.pcap -nn', false],
  ])('%s prints absolute sequence numbers: %s', (command, absolute) => {
    expect(describeCommand(command)?.capture?.absoluteSeq).toBe(absolute);
  });

  test.each([
    ['tcpdump -i eth0', 'time-of-day'],
    ['tcpdump -t -i eth0', 'none'],
    ['tcpdump -ntt -i eth0', 'epoch'],
    ['tcpdump -nnttt -i eth0', 'delta-previous'],
    ['tcpdump -t -t -t -t -i eth0', 'date-time'],
    ['tcpdump -ttttt -i eth0', 'delta-first'],
    ['tcpdump -i t -w t.pcap -c 5', 'time-of-day'],
  ])('%s stamps packets as %s', (command, mode) => {
    expect(describeCommand(command)?.capture?.timestamps).toBe(mode);
  });

  test('other commands keep their description and have no capture', () => {
    expect(describeCommand('kubectl -n kube-system logs cilium-x7k2p')).toEqual({ tool: 'kubectl logs', pod: 'cilium-x7k2p' });
    expect(describeCommand('ip link')?.capture).toBeUndefined();
  });
});

describe('--capture option', () => {
  test('parses node, iface, netns and source', () => {
    expect(parseCaptureOption('node=dev1,iface=eth0,netns=pod/nginx-7c5ddbdf54-abcde')).toEqual({
      node: 'dev1',
      iface: 'eth0',
      netns: 'pod/nginx-7c5ddbdf54-abcde',
      source: null,
    });
    expect(parseCaptureOption('source=node2.txt, netns=host')).toEqual({ node: null, iface: null, netns: 'host', source: 'node2.txt' });
  });

  test.each([
    ['node', /key=value/],
    ['color=red', /unknown key "color"/],
    ['node=a,node=b', /given twice/],
    ['netns=nginx', /must be host, pod\/NAME/],
    ['source=x.txt', /at least one of node, iface, netns/],
  ])('rejects %s', (value, message) => {
    expect(() => parseCaptureOption(value)).toThrow(message);
  });
});

describe('capture context stored per packet', () => {
  const fixture = fileURLToPath(new URL('../fixtures/tcpdump/capture-context.txt', import.meta.url));

  async function loaded() {
    const db = createCaseDb();
    const stdin = new PassThrough();
    stdin.end();
    await loadInputs(db, [fixture], stdin);
    return db;
  }

  test('from the command, the -i any columns, and an explicit option', async () => {
    const db = await loaded();
    const rows = () =>
      db.prepare('SELECT line, outer_id IS NOT NULL AS inner, capture_node, capture_iface, capture_netns, capture_origin, protocol FROM packets ORDER BY id').all();
    expect(rows()).toEqual([
      { line: 6, inner: 0, capture_node: null, capture_iface: 'eth0', capture_netns: 'pod/nginx-7c5ddbdf54-abcde', capture_origin: 'command', protocol: 'tcp' },
      { line: 7, inner: 0, capture_node: null, capture_iface: 'eth0', capture_netns: 'pod/nginx-7c5ddbdf54-abcde', capture_origin: 'command', protocol: 'tcp' },
      { line: 18, inner: 0, capture_node: 'dev1', capture_iface: 'eth0', capture_netns: null, capture_origin: 'command', protocol: 'udp' },
      { line: 18, inner: 1, capture_node: 'dev1', capture_iface: 'eth0', capture_netns: null, capture_origin: 'command', protocol: 'icmp' },
      { line: 20, inner: 0, capture_node: 'dev1', capture_iface: 'vx0', capture_netns: null, capture_origin: 'command', protocol: 'icmp' },
    ]);
    expect(db.prepare(`SELECT count(*) FROM unparsed`).pluck().get()).toBe(0);

    const summary = readPacketSummary(db);
    expect(summary.total).toBe(4);
    expect(summary.byProtocol).toEqual({ tcp: 2, icmp: 2 });

    expect(applyCaptureOption(db, parseCaptureOption('node=dev2,iface=eth9,netns=host'))).toBe(5);
    const after = rows() as { capture_node: string; capture_iface: string; capture_netns: string }[];
    expect(after.map((r) => [r.capture_node, r.capture_iface, r.capture_netns])).toEqual([
      ['dev2', 'eth9', 'host'],
      ['dev2', 'eth9', 'host'],
      ['dev2', 'eth0', 'host'],
      ['dev2', 'eth0', 'host'],
      ['dev2', 'vx0', 'host'],
    ]);
  });
});

describe('sequence numbers of a -S capture', () => {
  test('are taken as printed, not offset by the first segment', async () => {
    const stdin = new PassThrough();
    stdin.end(
      '$ tcpdump -nnS -i eth0 port 80\n' +
        '12:00:00.000001 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, length 0\n' +
        '12:00:00.000002 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 5000, ack 1001, win 65160, length 0\n' +
        '12:00:00.000003 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 5001, win 502, length 0\n' +
        '12:00:00.000004 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1001:1079, ack 5001, win 502, length 78\n',
    );
    const db = createCaseDb();
    try {
      await loadInputs(db, ['-'], stdin);
      const rows = db.prepare('SELECT seq_abs, ack_abs FROM packets ORDER BY line').all();
      expect(rows).toEqual([
        { seq_abs: 1000, ack_abs: null },
        { seq_abs: 5000, ack_abs: 1001 },
        { seq_abs: null, ack_abs: 5001 },
        { seq_abs: 1001, ack_abs: 5001 },
      ]);
    } finally {
      db.close();
    }
  });
});
