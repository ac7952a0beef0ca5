/**
 * A pasted client command names the service the user addressed; the capture after it shows the
 * backend it was translated to.
 */
import { describe, expect, it } from 'vitest';
import { clientTarget } from '../../src/knowledge/client-commands.js';
import { analyze, tempFile } from '../helpers/analyze.js';
import { agentLog, NODE_A, NODE_B, nodeList, TUNNEL_VXLAN } from '../helpers/cluster-inputs.js';
import { lines } from '../helpers/rule-tester.js';

describe('clientTarget', () => {
  it.each([
    ['kubectl exec -it shop-client-5d9f -- curl -I 10.96.14.20:8080', { tool: 'curl', host: '10.96.14.20', port: 8080, proto: 'tcp' }],
    ['kubectl -n shop exec deploy/client -- curl -s -H "Host: a" -o /dev/null http://shop-api.shop:8080/health', { tool: 'curl', host: 'shop-api.shop', port: 8080 }],
    ['curl https://[fd00:10:96::a]/', { tool: 'curl', host: 'fd00:10:96::a', port: 443 }],
    ['kubectl exec pod-x -- wget -qO- -T 2 http://billing', { tool: 'wget', host: 'billing', port: 80 }],
    ['kubectl exec pod-x -- nc -zv -w 3 10.96.0.10 53', { tool: 'nc', host: '10.96.0.10', port: 53, proto: 'tcp' }],
    ['kubectl exec pod-x -- nc -u 10.96.0.10 53', { tool: 'nc', proto: 'udp' }],
    ['kubectl exec pod-x -- ping -c 3 10.42.2.40', { tool: 'ping', host: '10.42.2.40', port: null, proto: 'icmp' }],
  ])('%s', (command, expected) => {
    expect(clientTarget(command)).toMatchObject(expected);
  });

  it.each(['kubectl get pods -o wide', 'cilium status', 'nc -l 8080', 'curl', 'nc 10.0.0.1 99999'])('%s is no client target', (command) => {
    expect(clientTarget(command)).toBeNull();
  });
});

describe('a client command before a capture', () => {
  const cluster = {
    'agent-a.log': agentLog(NODE_A, '1.15.6', TUNNEL_VXLAN),
    'agent-b.log': agentLog(NODE_B, '1.15.6', TUNNEL_VXLAN),
    'k8s.txt': lines(
      ...nodeList(NODE_A, NODE_B).split('\n').filter(Boolean),
      '$ kubectl get pods -A -o wide',
      'NAMESPACE   NAME                        READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES',
      'shop        shop-client-5d9f7c-x2kq8    1/1     Running   0          3d    10.42.1.15   edge-a   <none>           <none>',
      'shop        shop-api-7b6c4d-9fjw2       1/1     Running   0          3d    10.42.2.40   edge-b   <none>           <none>',
      '$ kubectl get svc -n shop',
      'NAME       TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)    AGE',
      'shop-api   ClusterIP   10.96.14.20    <none>        8080/TCP   3d',
    ),
  };
  const capture = (command: string) =>
    lines(
      `$ ${command}`,
      'HTTP/1.1 200 OK',
      `root@${NODE_A.name}:~# nsenter -t 48211 -n tcpdump -nn -i eth0`,
      '11:20:04.100211 IP 10.42.1.15.51544 > 10.42.2.40.8080: Flags [S], seq 1882200117, win 64860, options [mss 1410,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0',
      '11:20:04.100790 IP 10.42.2.40.8080 > 10.42.1.15.51544: Flags [S.], seq 77120041, ack 1882200118, win 64308, options [mss 1410,sackOK,TS val 2 ecr 1,nop,wscale 7], length 0',
    );
  const run = (command: string) => analyze(Object.entries({ ...cluster, 'session.txt': capture(command) }).map(([n, t]) => tempFile(n, t)));

  it('makes the pod the client addressed a backend of the service: the flow is F4 and names it', async () => {
    const report = await run('kubectl -n shop exec shop-client-5d9f7c-x2kq8 -- curl -s http://shop-api.shop:8080/health');
    const flow = report.flows.find((f) => f.tuple.sport === 51544)!;
    expect(flow.class).toBe('F4');
    expect(flow.service).toMatchObject({ vip: '10.96.14.20', port: 8080, name: 'shop/shop-api' });
  });

  it('leaves a flow without a command addressing a service a pod-to-pod flow', async () => {
    const report = await run('kubectl -n shop exec shop-client-5d9f7c-x2kq8 -- curl -s http://10.42.2.40:8080/health');
    const flow = report.flows.find((f) => f.tuple.sport === 51544)!;
    expect(flow.class).toBe('F2');
    expect(flow.service).toBeNull();
  });
});
