/**
 * A capture taken without -n prints host names where the addresses were: the text does not say
 * which address a name stands for, so such a packet keeps its names (packets.detail) and joins no
 * flow, while a packet whose ends are addresses with port names (`.https`) joins its flow with the
 * port numbers the names stand for.
 */
import { describe, expect, it } from 'vitest';
import { analyzeWithDb, tempFile } from '../helpers/analyze.js';
import { lines } from '../helpers/rule-tester.js';

const CAPTURE = lines(
  '$ tcpdump -i ens4 tcp port 443 or arp',
  '07:15:40.118200 IP web-0.web.shop.svc.cluster.local.51872 > metrics-api.monitoring.svc.cluster.local.https: Flags [S], seq 7001, win 64240, options [mss 1410], length 0',
  '07:15:40.118390 IP metrics-api.monitoring.svc.cluster.local.https > web-0.web.shop.svc.cluster.local.51872: Flags [S.], seq 1201, ack 7002, win 65160, options [mss 1410], length 0',
  '07:15:40.118512 ARP, Request who-has node-7 tell web-0.web.shop.svc.cluster.local, length 28',
  '07:15:41.002310 IP 172.31.9.14.60210 > 172.31.2.8.https: Flags [S], seq 88, win 64240, length 0',
  '07:15:41.002511 IP 172.31.2.8.https > 172.31.9.14.60210: Flags [S.], seq 91, ack 89, win 65160, length 0',
);

describe('tcpdump without -n: host names and port names', () => {
  it('keeps the names of a packet, stitches no flow on them, and maps port names to numbers', async () => {
    const { report, db } = await analyzeWithDb([tempFile('no-n.txt', CAPTURE)]);
    const rows = db
      .prepare(`SELECT src, dst, sport, dport, protocol, json_extract(detail, '$.srcName') AS srcName, json_extract(detail, '$.dstName') AS dstName, json_extract(detail, '$.dportName') AS dportName FROM packets ORDER BY line`)
      .all();
    db.close();
    expect(rows).toEqual([
      { src: null, dst: null, sport: 51872, dport: 443, protocol: 'tcp', srcName: 'web-0.web.shop.svc.cluster.local', dstName: 'metrics-api.monitoring.svc.cluster.local', dportName: 'https' },
      { src: null, dst: null, sport: 443, dport: 51872, protocol: 'tcp', srcName: 'metrics-api.monitoring.svc.cluster.local', dstName: 'web-0.web.shop.svc.cluster.local', dportName: null },
      { src: null, dst: null, sport: null, dport: null, protocol: 'arp', srcName: 'web-0.web.shop.svc.cluster.local', dstName: 'node-7', dportName: null },
      { src: '172.31.9.14', dst: '172.31.2.8', sport: 60210, dport: 443, protocol: 'tcp', srcName: null, dstName: null, dportName: 'https' },
      { src: '172.31.2.8', dst: '172.31.9.14', sport: 443, dport: 60210, protocol: 'tcp', srcName: null, dstName: null, dportName: null },
    ]);
    expect(report.flows.map((f) => f.tuple)).toEqual([{ proto: 'tcp', src: '172.31.9.14', sport: 60210, dst: '172.31.2.8', dport: 443 }]);
    expect(report.flows[0]!.observed).toHaveLength(2);
  });
});
