import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/model.js';
import { analyze, analyzeText, fileLine, fixture, runCli, seed } from '../helpers/analyze.js';

describe('seed 001: the Kubernetes side of a pasted ticket', () => {
  const path = seed('001');
  let report: JsonReport;
  beforeAll(async () => {
    report = await analyze([path]);
  });

  it('parses the node table, the pod tables, the Helm command and the ConfigMap lines', async () => {
    const { createCaseDb } = await import('../../src/store/db.js');
    const { loadInputs } = await import('../../src/store/load.js');
    const { stdinOf } = await import('../helpers/analyze.js');
    const db = createCaseDb();
    await loadInputs(db, [path], stdinOf(null));
    const unparsed = new Set((db.prepare('SELECT line FROM unparsed').pluck().all() as number[]));
    for (const line of [4, 5, 6, 7, 12, 13, 14, 15, 16, 18, 19, 20, 24, 31, 58, 59, 60, 61, 86, 87, 88, 102, 103, 104]) {
      expect(unparsed.has(line), `line ${line}: ${fileLine(path, line)}`).toBe(false);
    }
    db.close();
  });

  it('places the pods on dev1 and dev3, and knows the nodes with their addresses and kernels', () => {
    const pods = Object.fromEntries(report.pods.map((p) => [p.name, p.node]));
    expect(pods).toEqual({
      'cni-client-7ccd98bdb8-kt9m4': 'dev1',
      'cni-same-7d599bc5d8-cgbgs': 'dev1',
      'cni-server-7559c58f9-h72mw': 'dev3',
    });
    expect(report.nodes.find((n) => n.name === 'dev3')).toMatchObject({
      internalIPs: ['192.168.2.33'], kernelVersion: '5.15.8-1.el7.elrepo.x86_64', evidence: [{ source: path, line: 7 }],
    });
  });

  it("every agent's requested flags hold what the ConfigMap and --set say, with their origins", () => {
    expect(report.agents.length).toBeGreaterThan(0);
    for (const agent of report.agents) {
      const r = agent.requested;
      expect(r['tunnel']).toMatchObject({ value: 'disabled', origin: 'configmap', evidence: [{ line: 31 }] });
      expect(r['monitor-aggregation']).toMatchObject({ value: 'none', origin: 'configmap' });
      expect(r['enable-bpf-masquerade']).toMatchObject({ value: 'true', origin: 'configmap' });
      expect(r['debug-verbose']).toMatchObject({ value: 'datapath', origin: 'configmap' });
      expect(r['kube-proxy-replacement']).toEqual({ value: 'strict', origin: 'helm', evidence: [{ source: path, line: 14 }] });
      expect(r['enable-bpf-masquerade']!.evidence.map((e) => e.line)).toEqual([24, 61]);
      expect(fileLine(path, 14)).toContain('--set kubeProxyReplacement=strict');
    }
  });
});

describe('a composed 1.16 ticket: nodes, pods, ConfigMap, Helm, service, describe, ip dumps', () => {
  const path = fixture('k8s', 'cluster-1.16.txt');
  let report: JsonReport;
  beforeAll(async () => {
    report = await analyze([path]);
  });

  it('reads every line', () => {
    expect(report.inputs[0]).toMatchObject({ unparsed: 0 });
    expect(report.inputs[0]!.formats['kubernetes']).toBeGreaterThan(60);
  });

  it('the agent pod gets its node from the pod table; the flag dump wins over the ConfigMap, both kept', () => {
    const agent = report.agents.find((a) => a.key === 'cilium-7mq2d')!;
    expect(agent.node).toBe('cp-01');
    expect(agent.requested['tunnel-protocol']).toMatchObject({ value: 'geneve', origin: 'flag' });
    expect(agent.conflicts).toContainEqual({
      key: 'requested.tunnel-protocol',
      values: [
        { value: 'geneve', origin: 'flag', evidence: [{ source: path, line: 97 }] },
        { value: 'vxlan', origin: 'configmap', evidence: [{ source: path, line: 20 }] },
      ],
    });
    expect(agent.requested['routing-mode']).toMatchObject({ value: 'native', origin: 'configmap' });
    expect(agent.requested['routing-mode']!.evidence.map((e) => e.line)).toEqual([27, 15]);
    // Helm values the ConfigMap does not hold: mapped to their flags (encryption.type picks the flag).
    expect(agent.requested['enable-wireguard']).toMatchObject({ value: 'true', origin: 'helm' });
    expect(agent.requested['auto-direct-node-routes']).toMatchObject({ value: 'true', origin: 'helm' });
    expect(agent.requested['mtu']).toMatchObject({ value: '1450', origin: 'helm' });
    expect(agent.effective).toMatchObject({ routingMode: 'native', mtu: 1450, kubeProxyReplacement: 'true' });
  });

  it('reads the crash-looping agent pod from describe: OOMKilled, exit code 137, 9 restarts, the BackOff event', () => {
    const pod = report.pods.find((p) => p.name === 'cilium-zx8rt')!;
    expect(pod).toMatchObject({ namespace: 'kube-system', node: 'wk-02', restarts: 9 });
    expect(pod.containers[0]).toMatchObject({ name: 'cilium-agent', state: 'Waiting', reason: 'CrashLoopBackOff', lastState: { reason: 'OOMKilled', exitCode: 137 } });
    expect(report.events).toContainEqual(expect.objectContaining({ object: 'Pod/cilium-zx8rt', reason: 'BackOff', count: 41 }));
  });

  it('an agent known only by its pod gets its node from the pod table and its version from the image', () => {
    expect(report.agents.find((a) => a.key === 'cilium-zx8rt')).toMatchObject({ node: 'wk-02', version: '1.16.3' });
  });

  it('the text report lists the crash-looping pod with its last state', async () => {
    const { stdout } = await runCli([path, '--no-color']);
    expect(stdout).toMatch(/^Kubernetes: 3 pods on 2 nodes$/m);
    expect(stdout).toMatch(/^ {2}kube-system\/cilium-zx8rt +wk-02 +CrashLoopBackOff +9 +OOMKilled, exit 137 /m);
  });

  it('the service frontend gets its backend from the Endpoints port of the same name', () => {
    expect(report.services).toContainEqual(
      expect.objectContaining({ name: 'shop/orders', frontend: '10.96.41.7:80', backends: [{ address: '10.200.1.37:8080', state: null }] }),
    );
  });

  it('routes from an agent pod are the node host netns; a device from an app pod is that pod netns', () => {
    expect(report.routes.map((r) => [r.node, r.netns, r.dst, r.via, r.dev])).toEqual([
      ['cp-01', 'host', 'default', '10.30.0.1', 'ens5'],
      ['cp-01', 'host', '10.200.0.0/24', '10.200.0.201', 'cilium_host'],
      ['cp-01', 'host', '10.200.1.0/24', '10.30.0.12', 'ens5'],
    ]);
    expect(report.links).toEqual([
      expect.objectContaining({ node: 'wk-02', netns: 'pod/orders-6c9d7f5b8-lk2pq', name: 'eth0', ifindex: 17, mtu: 1450, kind: 'veth', mac: '6a:21:0f:9e:3c:51' }),
    ]);
  });
});

describe('a pod description whose container message is a log', () => {
  it("reads the log lines of a multi-line `Message:` and the container's fields after them", async () => {
    const report = await analyzeText(
      [
        'admin@jump:~$ kubectl -n cilium describe pod cilium-q4m8w',
        'Name:             cilium-q4m8w',
        'Namespace:        cilium',
        'Node:             edge-3/172.22.4.13',
        'Containers:',
        '  cilium-agent:',
        '    Image:         quay.io/cilium/cilium:v1.16.5',
        '    State:         Waiting',
        '      Reason:      CrashLoopBackOff',
        '    Last State:    Terminated',
        '      Reason:      Error',
        '      Message:     time="2025-06-11T08:02:41Z" level=info msg="Started gops server" subsys=gops',
        '                   time="2025-06-11T08:03:12Z" level=fatal msg="failed to start: daemon creation failed" subsys=daemon',
        '      Exit Code:   1',
        '      Finished:    Wed, 11 Jun 2025 08:03:12 +0000',
        '    Ready:         False',
        '    Restart Count: 7',
      ].join('\n') + '\n',
    );
    expect(report.inputs[0]).toMatchObject({ lines: 17, unparsed: 0 });
    expect(report.inputs[0]!.formats).toMatchObject({ 'agent-log': 1 });
    expect(report.pods[0]!.containers[0]).toMatchObject({ name: 'cilium-agent', ready: false, restarts: 7, lastState: { reason: 'Error', exitCode: 1 } });
  });
});

describe('agents without a log', () => {
  it("takes the running version from cilium-cli's image column when it names one release", async () => {
    const report = await analyzeText(
      [
        '$ kubectl -n kube-system logs cilium-8fz2k',
        'level=info msg="Starting IP identity watcher" subsys=ipcache',
        '$ cilium status',
        'DaemonSet              cilium             Desired: 3, Ready: 3/3, Available: 3/3',
        'Containers:            cilium             Running: 3',
        'Image versions         cilium             quay.io/cilium/cilium:v1.15.10@sha256:4c1d8a30e7e3f7d4b8b7b0f2c77c3ce1a3ce0bd7c1af6f1f0a8f1c8c9d3e2b11: 3',
      ].join('\n') + '\n',
    );
    expect(report.agents.find((a) => a.key === 'cilium-8fz2k')).toMatchObject({ version: '1.15.10' });
  });

  it("takes the running version from cilium-cli's `cilium version`", async () => {
    const report = await analyzeText(
      [
        '$ kubectl -n kube-system logs cilium-p0q7s',
        'level=info msg="Starting IP identity watcher" subsys=ipcache',
        '$ cilium version',
        'cilium-cli: v0.16.4 compiled with go1.22.1 on linux/amd64',
        'cilium image (default): v1.15.3',
        'cilium image (stable): v1.16.1',
        'cilium image (running): 1.14.12',
      ].join('\n') + '\n',
    );
    expect(report.agents.find((a) => a.key === 'cilium-p0q7s')).toMatchObject({ version: '1.14.12' });
  });

  it('a case with only a ConfigMap gets one cluster agent holding it', async () => {
    const report = await analyzeText('kubectl -n kube-system get cm cilium-config -o yaml\napiVersion: v1\ndata:\n  routing-mode: tunnel\n  tunnel-protocol: geneve\nkind: ConfigMap\nmetadata:\n  name: cilium-config\n');
    expect(report.agents).toHaveLength(1);
    expect(report.agents[0]).toMatchObject({ key: 'cluster', pod: null, effective: { routingMode: 'tunnel', tunnelProtocol: 'geneve' } });
  });

  it('takes the agent version from `cilium version` (Daemon) and the node of a pod printed as YAML', async () => {
    const report = await analyzeText(
      [
        '$ kubectl -n kube-system exec cilium-k2v9x -- cilium version',
        'Client: 1.11.20 3b6b1c0a 2023-08-11T13:42:07+02:00 go version go1.20.7 linux/amd64',
        'Daemon: 1.11.20 3b6b1c0a 2023-08-11T13:42:07+02:00 go version go1.20.7 linux/amd64',
        '$ kubectl -n kube-system exec cilium-k2v9x -- cilium status',
        'KVStore:                Ok   Disabled',
        '$ kubectl -n kube-system get pod cilium-k2v9x -o yaml',
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: cilium-k2v9x',
        '  namespace: kube-system',
        'spec:',
        '  nodeName: lab-7',
      ].join('\n') + '\n',
    );
    const agent = report.agents.find((a) => a.key === 'cilium-k2v9x');
    expect(agent).toMatchObject({ node: 'lab-7', version: '1.11.20' });
  });
});

describe('kubectl describe node and pod (1.13 agent)', () => {
  const path = fixture('k8s', 'describe-1.13.txt');
  let report: JsonReport;
  beforeAll(async () => {
    report = await analyze([path]);
  });

  it('reads every line of both descriptions', () => {
    expect(report.inputs[0]).toMatchObject({ unparsed: 0 });
  });

  it('a node description gives its internal IP, PodCIDR and kernel; it is not taken for a pod', () => {
    expect(report.nodes.find((n) => n.name === 'bm-07')).toMatchObject({
      internalIPs: ['10.80.0.57'], podCIDRs: ['10.88.7.0/24'], kernelVersion: '5.14.0-284.11.1.el9_2.x86_64',
    });
    expect(report.pods.map((p) => p.name)).toEqual(['cilium-wq5ts']);
  });

  it('a pod description gives node, image, restarts, last state and events', () => {
    const pod = report.pods[0]!;
    expect(pod).toMatchObject({ namespace: 'kube-system', node: 'bm-07', restarts: 2, ips: ['10.80.0.57'], labels: { 'k8s-app': 'cilium' } });
    expect(pod.containers[0]).toMatchObject({ name: 'cilium-agent', ready: true, state: 'Running', lastState: { reason: 'Error', exitCode: 1 } });
    expect(report.events.map((e) => [e.object, e.reason, e.count])).toEqual([['Pod/cilium-wq5ts', 'Unhealthy', 3]]);
  });
});

describe('helm template output (several YAML documents)', () => {
  it('reads the rendered ConfigMap; the rendered value wins over the --set value it disagrees with', async () => {
    const path = fixture('k8s', 'helm-template-1.14.txt');
    const report = await analyze([path]);
    expect(report.inputs[0]).toMatchObject({ unparsed: 0 });
    const agent = report.agents[0]!;
    expect(agent.key).toBe('cluster');
    expect(agent.requested['ipam']).toMatchObject({ value: 'kubernetes', origin: 'configmap' });
    expect(agent.requested['ipam']!.evidence.map((e) => e.line)).toEqual([1, 12]);
    expect(agent.requested['tunnel-protocol']).toMatchObject({ value: 'vxlan', origin: 'configmap', evidence: [{ line: 14 }] });
    expect(agent.conflicts).toContainEqual({
      key: 'requested.tunnel-protocol',
      values: [
        { value: 'geneve', origin: 'helm', evidence: [{ source: path, line: 1 }] },
        { value: 'vxlan', origin: 'configmap', evidence: [{ source: path, line: 14 }] },
      ],
    });
    expect(agent.effective).toMatchObject({ routingMode: 'tunnel', tunnelProtocol: 'vxlan' });
  });
});
