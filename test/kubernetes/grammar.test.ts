import { describe, expect, it } from 'vitest';
import { kubernetesGrammar } from '../../grammars/kubernetes.js';
import { splitFlattenedTable } from '../../src/ingest/table-repair.js';
import { recordsOf, ofKind } from './helpers.js';

describe('kubectl tables', () => {
  it('cuts aligned rows at the header columns, keeping multi-word cells and empty trailing columns', () => {
    const records = recordsOf(kubernetesGrammar, [
      'NAMESPACE     NAME                 READY   STATUS    RESTARTS        AGE   IP            NODE     NOMINATED NODE   READINESS GATES',
      'kube-system   cilium-4hq9v         1/1     Running   3 (41m ago)     12d   172.20.3.4    edge-3   <none>           <none>',
      'default       nginx-8f458dc5b-7k   0/1     Pending   0               5s    <none>        <none>   <none>           <none>',
    ]);
    expect(ofKind(records, 'kube-table')[0]).toMatchObject({ resource: 'pods' });
    const pods = ofKind(records, 'kube-pod');
    expect(pods[0]).toMatchObject({ namespace: 'kube-system', name: 'cilium-4hq9v', node: 'edge-3', ips: ['172.20.3.4'], restarts: 3, phase: 'Running', ready: '1/1' });
    expect(pods[1]).toMatchObject({ name: 'nginx-8f458dc5b-7k', node: null, ips: [], phase: 'Pending' });
  });

  it('fits rows whose padding collapsed by the value shape of each column (OS image of several words)', () => {
    const [, node] = recordsOf(kubernetesGrammar, [
      'NAME STATUS ROLES AGE VERSION INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME',
      'edge-3 Ready,SchedulingDisabled worker 3d2h v1.27.9 172.20.0.13 203.0.113.9 Rocky Linux 9.3 (Blue Onyx) 5.14.0-362.8.1.el9_3.x86_64 cri-o://1.27.1',
    ]);
    expect(node).toMatchObject({
      kind: 'kube-node', name: 'edge-3', status: 'Ready,SchedulingDisabled', internalIPs: ['172.20.0.13'], externalIPs: ['203.0.113.9'],
      osImage: 'Rocky Linux 9.3 (Blue Onyx)', kernelVersion: '5.14.0-362.8.1.el9_3.x86_64', containerRuntime: 'cri-o://1.27.1',
    });
  });

  it('reads services, endpoints, CiliumNodes, CiliumEndpoints and events tables', () => {
    const records = recordsOf(kubernetesGrammar, [
      'NAME         TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)                      AGE',
      'ingress-gw   NodePort    10.43.12.200   <none>        80:31080/TCP,443:31443/TCP   40d',
      'NAME         ENDPOINTS                                         AGE',
      'ingress-gw   10.44.1.7:8443,10.44.2.9:8443 + 1 more...         40d',
      'NAME     CILIUMINTERNALIP   INTERNALIP     AGE',
      'edge-3   10.44.3.201        172.20.0.13    12d',
      'NAME                 SECURITY IDENTITY   ENDPOINT STATE   IPV4         IPV6',
      'nginx-8f458dc5b-7k   40211               ready            10.44.3.77',
      'LAST SEEN   TYPE      REASON      OBJECT             MESSAGE',
      '3m          Warning   Unhealthy   pod/cilium-4hq9v   Readiness probe failed: Get "http://127.0.0.1:9879/healthz": dial tcp 127.0.0.1:9879: connect: connection refused',
    ]);
    expect(ofKind(records, 'kube-service')[0]).toMatchObject({
      name: 'ingress-gw', type: 'NodePort', clusterIPs: ['10.43.12.200'],
      ports: [{ port: 80, nodePort: 31080, protocol: 'TCP' }, { port: 443, nodePort: 31443, protocol: 'TCP' }],
    });
    expect(ofKind(records, 'kube-endpoints')[0]).toMatchObject({ service: 'ingress-gw', ports: [{ port: 8443 }] });
    expect(ofKind(records, 'kube-endpoints')[0]!.addresses.map((a) => a.ip)).toEqual(['10.44.1.7', '10.44.2.9']);
    expect(ofKind(records, 'kube-node')[0]).toMatchObject({ object: 'ciliumnode', ciliumInternalIP: '10.44.3.201', internalIPs: ['172.20.0.13'] });
    expect(ofKind(records, 'kube-cilium-endpoint')[0]).toMatchObject({ identity: 40211, state: 'ready', ipv4: '10.44.3.77', ipv6: null });
    expect(ofKind(records, 'kube-event')[0]).toMatchObject({ type: 'Warning', reason: 'Unhealthy', object: 'pod/cilium-4hq9v' });
    expect(ofKind(records, 'kube-event')[0]!.message).toContain('connection refused');
  });

  it('splits a table whose line breaks were lost into header and rows, text after it kept apart', () => {
    const line =
      '$ kubectl get po -o wide NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE READINESS GATES ' +
      'api-7d9f 1/1 Running 0 3h 10.8.1.4 n-a <none> <none> db-0 1/1 Running 2 (5h ago) 9d 10.8.2.6 n-b <none> <none> then it hung';
    expect(splitFlattenedTable(line)).toEqual([
      '$ kubectl get po -o wide',
      'NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE READINESS GATES',
      'api-7d9f 1/1 Running 0 3h 10.8.1.4 n-a <none> <none>',
      'db-0 1/1 Running 2 (5h ago) 9d 10.8.2.6 n-b <none> <none>',
      'then it hung',
    ]);
    expect(splitFlattenedTable('NAME   READY   STATUS   RESTARTS   AGE')).toBeNull();
  });
});

describe('objects', () => {
  it('streams a YAML List item by item; each record cites its metadata.name line', () => {
    const records = recordsOf(kubernetesGrammar, [
      'apiVersion: v1',
      'items:',
      '- apiVersion: cilium.io/v2',
      '  kind: CiliumNode',
      '  metadata:',
      '    name: edge-4',
      '  spec:',
      '    addresses:',
      '    - ip: 172.20.0.14',
      '      type: InternalIP',
      '    - ip: 10.44.4.12',
      '      type: CiliumInternalIP',
      '    health:',
      '      ipv4: 10.44.4.90',
      '    ipam:',
      '      podCIDRs:',
      '      - 10.44.4.0/24',
      '- apiVersion: v1',
      '  kind: Pod',
      '  metadata:',
      '    name: cilium-r2kd8',
      '    namespace: kube-system',
      '  spec:',
      '    hostNetwork: true',
      '    nodeName: edge-4',
      '    containers:',
      '    - name: cilium-agent',
      '      image: quay.io/cilium/cilium:v1.12.19',
      '  status:',
      '    phase: Running',
      '    podIP: 172.20.0.14',
      '    containerStatuses:',
      '    - name: cilium-agent',
      '      restartCount: 2',
      '      ready: true',
      '      state:',
      '        running:',
      '          startedAt: "2024-03-02T10:00:00Z"',
      '      lastState:',
      '        terminated:',
      '          exitCode: 137',
      '          reason: OOMKilled',
      'kind: List',
      'metadata:',
      '  resourceVersion: ""',
    ]);
    expect(ofKind(records, 'kube-node')[0]).toMatchObject({
      name: 'edge-4', internalIPs: ['172.20.0.14'], ciliumInternalIP: '10.44.4.12', healthIP: '10.44.4.90', podCIDRs: ['10.44.4.0/24'],
      at: { line: 6 },
    });
    const pod = ofKind(records, 'kube-pod')[0]!;
    expect(pod).toMatchObject({ name: 'cilium-r2kd8', node: 'edge-4', hostNetwork: true, ips: ['172.20.0.14'], restarts: 2, at: { line: 21 } });
    expect(pod.containers[0]).toMatchObject({
      image: 'quay.io/cilium/cilium:v1.12.19', state: 'Running', lastState: { reason: 'OOMKilled', exitCode: 137 },
    });
  });

  it('reads the cilium-config ConfigMap (YAML) key by key, each at its own line', () => {
    const values = ofKind(
      recordsOf(kubernetesGrammar, [
        'apiVersion: v1',
        'data:',
        '  tunnel: geneve',
        '  enable-ipv4-masquerade: "true"',
        '  monitor-aggregation: medium',
        'kind: ConfigMap',
        'metadata:',
        '  name: cilium-config',
      ]),
      'config-value',
    );
    expect(values.map((v) => [v.flag, v.value, v.origin, v.at?.line])).toEqual([
      ['tunnel', 'geneve', 'configmap', 3],
      ['enable-ipv4-masquerade', 'true', 'configmap', 4],
      ['monitor-aggregation', 'medium', 'configmap', 5],
    ]);
  });

  it('ignores ConfigMaps of other names', () => {
    expect(ofKind(recordsOf(kubernetesGrammar, ['apiVersion: v1', 'data:', '  Corefile: ".:53 {}"', 'kind: ConfigMap', 'metadata:', '  name: coredns']), 'config-value')).toEqual([]);
  });

  it('reads a Service and an EndpointSlice printed as JSON', () => {
    const records = recordsOf(kubernetesGrammar, [
      '{',
      '    "apiVersion": "discovery.k8s.io/v1",',
      '    "kind": "EndpointSlice",',
      '    "metadata": { "name": "grafana-x7p2q", "namespace": "mon", "labels": { "kubernetes.io/service-name": "grafana" } },',
      '    "addressType": "IPv4",',
      '    "endpoints": [ { "addresses": ["10.9.3.3"], "conditions": { "ready": true }, "nodeName": "m-2" } ],',
      '    "ports": [ { "name": "web", "port": 3000, "protocol": "TCP" } ]',
      '}',
    ]);
    expect(ofKind(records, 'kube-endpoints')[0]).toMatchObject({
      namespace: 'mon', service: 'grafana', addresses: [{ ip: '10.9.3.3', node: 'm-2', ready: true }], ports: [{ name: 'web', port: 3000 }],
      at: { line: 4 },
    });
  });
});

describe('kubectl describe pod', () => {
  it('reads the node, containers with their last state (OOMKilled, 137) and the events', () => {
    const records = recordsOf(kubernetesGrammar, [
      'Name:         cilium-operator-5b7c9d-q8m2z',
      'Namespace:    kube-system',
      'Node:         infra-1/192.0.2.21',
      'Status:       Running',
      'IP:           192.0.2.21',
      'Containers:',
      '  cilium-operator:',
      '    Image:          quay.io/cilium/operator-generic:v1.18.1',
      '    State:          Running',
      '      Started:      Wed, 02 Jul 2025 11:04:19 +0200',
      '    Last State:     Terminated',
      '      Reason:       Error',
      '      Exit Code:    1',
      '    Ready:          True',
      '    Restart Count:  1',
      'Events:',
      '  Type     Reason     Age   From               Message',
      '  ----     ------     ----  ----               -------',
      '  Normal   Scheduled  14m   default-scheduler  Successfully assigned kube-system/cilium-operator-5b7c9d-q8m2z to infra-1',
    ]);
    expect(ofKind(records, 'kube-pod')[0]).toMatchObject({
      name: 'cilium-operator-5b7c9d-q8m2z', namespace: 'kube-system', node: 'infra-1', ips: ['192.0.2.21'], restarts: 1, at: { line: 1 },
    });
    expect(ofKind(records, 'kube-pod')[0]!.containers[0]).toMatchObject({
      name: 'cilium-operator', ready: true, state: 'Running', lastState: { reason: 'Error', exitCode: 1 },
    });
    expect(ofKind(records, 'kube-event')[0]).toMatchObject({ type: 'Normal', reason: 'Scheduled', object: 'Pod/cilium-operator-5b7c9d-q8m2z' });
  });
});

describe('requested configuration', () => {
  it('reads bare ConfigMap lines among comments, and cilium config view rows', () => {
    const values = ofKind(
      recordsOf(kubernetesGrammar, [
        "bpf-lb-sock: 'true'   # socket LB for the host namespace only",
        '# enable-l7-proxy: "false"',
        'enable-endpoint-routes: "true"',
        'hubble-export-file-max-backups: "5"',
        'bpf-lb-mode                                       dsr',
        'hubble-export-file-max-size-mb                    10',
      ]),
      'config-value',
    );
    expect(values.map((v) => [v.flag, v.value])).toEqual([
      ['bpf-lb-sock', 'true'],
      ['enable-endpoint-routes', 'true'],
      ['hubble-export-file-max-backups', '5'],
      ['bpf-lb-mode', 'dsr'],
      ['hubble-export-file-max-size-mb', '10'],
    ]);
  });

  it('reads Helm --set values over continued lines, with the chart version', () => {
    const values = ofKind(
      recordsOf(kubernetesGrammar, [
        'helm install cilium cilium/cilium --version 1.13.12 --namespace kube-system \\',
        "  --set devices='{eth0,eth1}',ipam.mode=kubernetes \\",
        '  --set-string bpf.masquerade=true',
      ]),
      'config-value',
    );
    expect(values.map((v) => [v.helmKey, v.value, v.chartVersion])).toEqual([
      ['devices', '{eth0,eth1}', '1.13.12'],
      ['ipam.mode', 'kubernetes', '1.13.12'],
      ['bpf.masquerade', 'true', '1.13.12'],
    ]);
  });

  it('reads a values.yaml excerpt as Helm values under their dotted paths', () => {
    const values = ofKind(
      recordsOf(kubernetesGrammar, ['kubeProxyReplacement: true', 'bpf:', '  masquerade: true', '  hostLegacyRouting: false', 'loadBalancer:', '  mode: hybrid']),
      'config-value',
    );
    expect(values.map((v) => [v.origin, v.helmKey, v.value, v.at?.line])).toEqual([
      ['helm', 'kubeProxyReplacement', 'true', 1],
      ['helm', 'bpf.masquerade', 'true', 3],
      ['helm', 'bpf.hostLegacyRouting', 'false', 4],
      ['helm', 'loadBalancer.mode', 'hybrid', 6],
    ]);
  });

  it('leaves prose that quotes a flag with a colon unread', () => {
    const session = kubernetesGrammar.open();
    expect(session.feed({ source: 't', line: 1, segment: 0, text: 'tunnel: disabled: Enable native routing mode.', context: {} }).ok).toBe(false);
  });
});
