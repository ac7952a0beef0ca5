/**
 * Captures of one connection on two nodes whose clocks differ: the packets both printed give the
 * offset (the median of their differences, each packet's first copy at each node), and the flow's
 * observations are ordered on one clock.
 */
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/model.js';
import { agentLog, NODE_A, NODE_B, nodeList, TUNNEL_VXLAN } from '../helpers/cluster-inputs.js';
import { analyze, tempFile } from '../helpers/analyze.js';
import { lines } from '../helpers/rule-tester.js';

const CLIENT = '10.42.1.37';
const SERVER = '10.42.2.91';

const CLUSTER = {
  'agent-a.log': agentLog(NODE_A, '1.16.3', TUNNEL_VXLAN),
  'agent-b.log': agentLog(NODE_B, '1.16.3', TUNNEL_VXLAN),
  'nodes.txt': nodeList(NODE_A, NODE_B),
};

/** A capture on a node's eth0 of these packets: [time, ip id, direction, tcpdump flags]. */
function capture(node: string, packets: [string, number, 'request' | 'reply', string][]): string {
  return lines(
    `root@${node}:~# tcpdump -nn -v -i eth0 host ${SERVER}`,
    ...packets.flatMap(([time, id, leg, flags]) => [
      `${time} IP (tos 0x0, ttl 63, id ${id}, offset 0, flags [DF], proto TCP (6), length 52)`,
      leg === 'request'
        ? `    ${CLIENT}.40112 > ${SERVER}.6379: Flags [${flags}], cksum 0x1c2e (correct), seq 1, ack 1, win 502, length 0`
        : `    ${SERVER}.6379 > ${CLIENT}.40112: Flags [${flags}], cksum 0x7d01 (correct), seq 1, ack 1, win 509, length 0`,
    ]),
  );
}

async function flowOf(captures: Record<string, string>): Promise<JsonReport['flows'][number]> {
  const report = await analyze(Object.entries({ ...CLUSTER, ...captures }).map(([name, text]) => tempFile(name, text)));
  expect(report.flows).toHaveLength(1);
  return report.flows[0]!;
}

describe('clock offsets between captures', () => {
  it('is the median difference of the packets both nodes printed, with the number of packets', async () => {
    const flow = await flowOf({
      // edge-b's clock runs 3.2 s ahead; the wire adds 40 to 90 µs.
      'eth0-a.txt': capture(NODE_A.name, [
        ['11:02:07.100000', 4101, 'request', '.'],
        ['11:02:07.100400', 7702, 'reply', '.'],
        ['11:02:07.101000', 4102, 'request', 'P.'],
        ['11:02:07.102000', 4103, 'request', '.'],
      ]),
      'eth0-b.txt': capture(NODE_B.name, [
        ['11:02:10.300050', 4101, 'request', '.'],
        ['11:02:10.300310', 7702, 'reply', '.'],
        ['11:02:10.301090', 4102, 'request', 'P.'],
        // A copy printed again (a second pass of the capture) does not count.
        ['11:02:10.305000', 4102, 'request', 'P.'],
        ['11:02:10.302060', 4103, 'request', '.'],
      ]),
    });
    // Differences a − b: −3.20005, −3.19991, −3.20009, −3.20006; the median of four is the mean of the middle two.
    expect(flow.clock).toEqual([{ from: NODE_A.name, to: NODE_B.name, seconds: -3.200055, packets: 4 }]);
  });

  it('puts the two captures on one clock: the reply printed at the server comes before its copy at the client', async () => {
    const flow = await flowOf({
      'eth0-b.txt': capture(NODE_B.name, [
        ['08:40:00.500080', 311, 'request', '.'],
        ['08:40:00.500500', 912, 'reply', '.'],
      ]),
      'eth0-a.txt': capture(NODE_A.name, [
        ['08:39:58.000000', 311, 'request', '.'],
        ['08:39:58.000600', 912, 'reply', '.'],
      ]),
    });
    expect(flow.clock).toEqual([{ from: NODE_A.name, to: NODE_B.name, seconds: -2.49999, packets: 2 }]);
    expect(flow.observed.map((h) => [h.node, h.leg])).toEqual([
      [NODE_A.name, 'request'],
      [NODE_B.name, 'request'],
      [NODE_B.name, 'reply'],
      [NODE_A.name, 'reply'],
    ]);
  });
});
