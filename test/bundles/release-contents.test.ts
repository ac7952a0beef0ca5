/**
 * Issue 12, "bundles never seen": members of older and other layouts reach the grammars, their
 * records carry `archive!/member` evidence and land on the right pod and node — the Python
 * cilium-sysdump of Cilium 1.8 (logs without `logs-`, JSON object dumps, `bugtool-<pod>-<ts>/`),
 * cilium-cli 0.8 (`cilium-config-configmap-`), bugtool's `--k8s-mode` run through kubectl — and
 * the contents whose layout changed across releases: a Kubernetes dump as a List or a stream of
 * documents, the ConfigMap inside a `kind: List`, Hubble flows as `-o json` objects or jsonpb
 * `{"flow": …}` lines, Helm values as bare YAML or `helm get values` output. Names, addresses and
 * releases are this suite's own.
 */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/model.js';
import { analyze, analyzeWithDb, tempDir } from '../helpers/analyze.js';
import { tarGzOf } from '../helpers/sysdump.js';
import { ZipWriter } from '../helpers/zip-writer.js';

interface Node {
  name: string;
  ip: string;
  podCIDR: string;
  agent: string;
}

const KELP: readonly Node[] = [
  { name: 'kelp-a', ip: '172.31.9.4', podCIDR: '10.0.1.0/24', agent: 'cilium-9trqz' },
  { name: 'kelp-b', ip: '172.31.9.5', podCIDR: '10.0.2.0/24', agent: 'cilium-hx4wd' },
];

async function zipOf(file: string, members: Record<string, string>): Promise<string> {
  const zip = new ZipWriter(createWriteStream(file));
  for (const [path, body] of Object.entries(members)) await zip.add(path, body);
  await zip.finish();
  return file;
}

/** `kubectl logs --timestamps` of a 1.8 agent; the node is named only by the pod list. */
function agentLog18(second: number, extra: string[] = []): string {
  const at = (s: number) => `2020-03-12T10:14:${String(s).padStart(2, '0')}.${String(417000123 + s * 7919).padStart(9, '0')}Z`;
  return [
    'level=info msg="Cilium 1.8.2 aa4ae4f 2020-07-21T19:05:17-07:00 go version go1.14.6 linux/amd64" subsys=daemon',
    'level=info msg="  --tunnel=\'geneve\'" subsys=daemon',
    'level=info msg="  --enable-ipv4-masquerade=\'true\'" subsys=daemon',
    ...extra,
  ]
    .map((l, i) => `${at(second + i)} ${l}\n`)
    .join('');
}

function statusBrief18(node: Node): string {
  return [
    'KVStore:                Ok   Disabled',
    'Kubernetes:             Ok   1.18 (v1.18.6) [linux/amd64]',
    'KubeProxyReplacement:   Probe   [eth0 (DR)]',
    'Cilium:                 Ok      OK',
    'NodeMonitor:            Listening for events on 2 CPUs with 64x4096 of shared memory',
    'Cilium health daemon:   Ok',
    `IPAM:                   IPv4: 4/255 allocated from ${node.podCIDR},`,
    'Masquerading:           IPTables',
    'Controller Status:      27/27 healthy',
    `Proxy Status:           OK, ip ${node.podCIDR.replace(/0\/24$/, '112')}, 0 redirects active on ports 10000-20000`,
    'Hubble:                 Ok              Current/Max Flows: 4096/4096 (100.00%), Flows/s: 7.11   Metrics: Disabled',
    'Cluster health:         2/2 reachable   (2020-03-12T10:14:45Z)',
    '',
  ].join('\n');
}

function routes(node: Node): string {
  return [`default via 172.31.0.1 dev eth0 proto dhcp src ${node.ip} metric 1024`, `${node.podCIDR} via ${node.podCIDR.replace(/0\/24$/, '112')} dev cilium_host src ${node.podCIDR.replace(/0\/24$/, '112')}`, ''].join('\n');
}

/** `kubectl get pods -o json --all-namespaces` (kubectl indents with four spaces). */
function podsJson(nodes: readonly Node[]): string {
  const items = nodes.map((n) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: n.agent, namespace: 'kube-system', labels: { 'k8s-app': 'cilium' } },
    spec: { containers: [{ image: 'docker.io/cilium/cilium:v1.8.2', name: 'cilium-agent' }], nodeName: n.name },
    status: { phase: 'Running', podIP: n.ip, hostIP: n.ip },
  }));
  return `${JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '', selfLink: '' } }, null, 4)}\n`;
}

function nodesJson(nodes: readonly Node[]): string {
  const items = nodes.map((n) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: n.name },
    spec: { podCIDR: n.podCIDR, podCIDRs: [n.podCIDR] },
    status: { addresses: [{ address: n.ip, type: 'InternalIP' }, { address: n.name, type: 'Hostname' }] },
  }));
  return `${JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '', selfLink: '' } }, null, 4)}\n`;
}

const PY_TS = '20200312-101502';
const PY_ROOT = `cilium-sysdump-${PY_TS}`;

let python: { file: string; report: JsonReport };

beforeAll(async () => {
  const [a, b] = KELP as [Node, Node];
  const file = await zipOf(join(tempDir(), `${PY_ROOT}.zip`), {
    [`${PY_ROOT}/${a.agent}-cilium-agent-${PY_TS}.log`]: agentLog18(1),
    [`${PY_ROOT}/${b.agent}-cilium-agent-${PY_TS}.log`]: agentLog18(3),
    [`${PY_ROOT}/${b.agent}-cilium-agent-${PY_TS}-previous.log`]: agentLog18(0, [
      'level=fatal msg="Error while creating daemon" error="unable to setup IPAM: no pod CIDR allocated" subsys=daemon',
    ]),
    [`${PY_ROOT}/pods-${PY_TS}.json`]: podsJson(KELP),
    [`${PY_ROOT}/nodes-${PY_TS}.json`]: nodesJson(KELP),
    [`${PY_ROOT}/bugtool-${b.agent}-${PY_TS}/cmd/cilium-status.md`]: statusBrief18(b),
    [`${PY_ROOT}/bugtool-${b.agent}-${PY_TS}/cmd/ip--4-r.md`]: routes(b),
  });
  const { report, db } = await analyzeWithDb([file]);
  db.close();
  python = { file, report };
});

describe('the Python cilium-sysdump of Cilium 1.8', () => {
  it('reads every member, none unknown', () => {
    const members = python.report.inputs.map((i) => [i.source.slice(python.file.length + 2), i.member, i.coverage]);
    expect(members.filter(([, member]) => member === 'unknown')).toEqual([]);
    expect(python.report.inputs.every((i) => i.unparsed === 0)).toBe(true);
  });

  it('places both agents by pods-<ts>.json, named by the log files without `logs-`', () => {
    expect(python.report.agents.map((a) => [a.pod, a.node, a.version]).sort()).toEqual([
      [KELP[0]!.agent, 'kelp-a', '1.8.2'],
      [KELP[1]!.agent, 'kelp-b', '1.8.2'],
    ]);
    expect(python.report.nodes.map((n) => [n.name, n.podCIDRs])).toEqual([
      ['kelp-a', ['10.0.1.0/24']],
      ['kelp-b', ['10.0.2.0/24']],
    ]);
  });

  it("cites each agent's flags in its own log, and the crash of the -previous log on its node", () => {
    const [a, b] = KELP as [Node, Node];
    const tunnel = (pod: string) => python.report.agents.find((x) => x.pod === pod)!.requested['tunnel'];
    expect(tunnel(a.agent)).toMatchObject({ value: 'geneve', evidence: [{ source: `${python.file}!/${PY_ROOT}/${a.agent}-cilium-agent-${PY_TS}.log`, line: 2 }] });
    const fatal = python.report.findings.find((f) => f.rule === 'agent-log-errors');
    expect(fatal).toMatchObject({ node: 'kelp-b' });
    expect(fatal!.evidence[0]).toMatchObject({ source: `${python.file}!/${PY_ROOT}/${b.agent}-cilium-agent-${PY_TS}-previous.log`, line: 4 });
  });

  it("attributes the bugtool folder's status and routes to its pod's agent and node", () => {
    const b = KELP[1]!;
    const source = `${python.file}!/${PY_ROOT}/bugtool-${b.agent}-${PY_TS}/cmd`;
    const agent = python.report.agents.find((x) => x.pod === b.agent)!;
    expect(Object.values(agent.provenance).some((p) => p.evidence.some((e) => e.source === `${source}/cilium-status.md`))).toBe(true);
    expect(python.report.routes.filter((r) => r.dst === 'default').map((r) => [r.node, r.src, r.evidence[0]!.source])).toEqual([['kelp-b', b.ip, `${source}/ip--4-r.md`]]);
  });
});

// ---- contents whose layout changed across releases ---------------------------------------------

const MAKO: readonly Node[] = [
  { name: 'mako-1', ip: '192.168.40.11', podCIDR: '10.40.1.0/24', agent: 'cilium-5wfkd' },
  { name: 'mako-2', ip: '192.168.40.12', podCIDR: '10.40.2.0/24', agent: 'cilium-t8n2c' },
];
const TS = '20230711-181944';
const ROOT = `cilium-sysdump-${TS}`;

function nodeYaml(n: Node, indent: string): string[] {
  return [
    'apiVersion: v1',
    'kind: Node',
    'metadata:',
    `  name: ${n.name}`,
    'spec:',
    `  podCIDR: ${n.podCIDR}`,
    '  podCIDRs:',
    `  - ${n.podCIDR}`,
    'status:',
    '  addresses:',
    `  - address: ${n.ip}`,
    '    type: InternalIP',
  ].map((l, i) => `${indent && i === 0 ? '- ' : indent}${l}`);
}

/** `kubectl get nodes -o yaml`: one List. */
const nodesList = (nodes: readonly Node[]) =>
  ['apiVersion: v1', 'items:', ...nodes.flatMap((n) => nodeYaml(n, '  ')), 'kind: List', 'metadata:', '  resourceVersion: ""', ''].join('\n');
/** The same objects as a stream of documents (`---` between them). */
const nodesStream = (nodes: readonly Node[]) => `${nodes.map((n) => nodeYaml(n, '').join('\n')).join('\n---\n')}\n`;

function configMapYaml(name: string, data: Record<string, string>, indent = ''): string[] {
  return ['apiVersion: v1', 'data:', ...Object.entries(data).map(([k, v]) => `  ${k}: "${v}"`), 'kind: ConfigMap', 'metadata:', `  name: ${name}`, '  namespace: kube-system'].map(
    (l, i) => `${indent && i === 0 ? '- ' : indent}${l}`,
  );
}
const CILIUM_CONFIG = { 'routing-mode': 'native', 'ipv4-native-routing-cidr': '10.40.0.0/16', 'enable-bpf-masquerade': 'true' };
/** Another ConfigMap with keys cilium-config also has: not the agents' configuration. */
const OTHER_CONFIG = { 'routing-mode': 'tunnel', debug: 'true' };
const configMapAlone = () => `${configMapYaml('cilium-config', CILIUM_CONFIG).join('\n')}\n`;
const configMapInList = () =>
  ['apiVersion: v1', 'items:', ...configMapYaml('coredns-extra', OTHER_CONFIG, '  '), ...configMapYaml('cilium-config', CILIUM_CONFIG, '  '), 'kind: List', 'metadata:', '  resourceVersion: ""', ''].join('\n');

/** The 1.14 agent's log: a banner and its node, no flag dump (the ConfigMap and Helm values configure it). */
function agentLog114(n: Node): string {
  return [
    '2023-07-11T18:10:02.118093761Z level=info msg="Cilium 1.14.0 b5013e15 2023-07-27T13:42:16+02:00 go version go1.20.6 linux/amd64" subsys=daemon',
    `2023-07-11T18:10:04.552381904Z level=info msg="Received own node information from API server" ipAddr.ipv4=${n.ip} ipAddr.ipv6="<nil>" k8sNodeIP=${n.ip} labels="map[]" nodeName=${n.name} subsys=k8s v4Prefix=${n.podCIDR} v6Prefix="<nil>"`,
    '',
  ].join('\n');
}

const FLOW = {
  time: '2023-07-11T18:19:40.208115312Z',
  verdict: 'DROPPED',
  drop_reason: 133,
  IP: { source: '10.40.1.77', destination: '10.40.2.19', ipVersion: 'IPv4' },
  l4: { TCP: { source_port: 51522, destination_port: 9090, flags: { SYN: true } } },
  source: { identity: 48213, namespace: 'ledger', labels: ['k8s:app=ui'], pod_name: 'ui-7c5d9f8b6-qz2lp' },
  destination: { identity: 30271, namespace: 'ledger', labels: ['k8s:app=api'], pod_name: 'api-5f7c8d9b4-m8wxr' },
  Type: 'L3_L4',
  node_name: 'mako-1',
  event_type: { type: 1, sub_type: 133 },
  traffic_direction: 'EGRESS',
  drop_reason_desc: 'POLICY_DENIED',
  Summary: 'TCP Flags: SYN',
};
/** hubble observe `-o jsonpb` (sysdump since it collects flows): each flow wrapped in `{"flow": …}`. */
const flowsJsonpb = () => `${JSON.stringify({ flow: FLOW, node_name: FLOW.node_name, time: FLOW.time })}\n`;
/** hubble observe `-o json` of Hubble ≤ 0.8: the bare flow. */
const flowsJson = () => `${JSON.stringify(FLOW)}\n`;

/** values.yaml as the Helm SDK encodes it (keys sorted, so a nested `ipam:` may come first). */
const HELM_VALUES = ['ipam:', '  mode: kubernetes', 'kubeProxyReplacement: true', 'routingMode: native', 'tunnelProtocol: geneve', ''].join('\n');

async function sysdumpOf(members: Record<string, string>): Promise<{ file: string; report: JsonReport; flows: unknown[] }> {
  const file = await zipOf(join(tempDir(), `${ROOT}.zip`), Object.fromEntries(Object.entries(members).map(([p, b]) => [`${ROOT}/${p}`, b])));
  const { report, db } = await analyzeWithDb([file]);
  const flows = db
    .prepare('select s.name as source, f.line, f.node, f.verdict, f.src_ip, f.dst_ip, f.drop_code from hubble_flows f join sources s on s.id = f.source_id order by f.line')
    .all();
  db.close();
  return { file, report, flows };
}

describe('a Kubernetes dump as a List or as a stream of documents', () => {
  it.each([
    ['List', nodesList(MAKO)],
    ['stream', nodesStream(MAKO)],
  ])('%s: every node, cited at its name', async (_form, body) => {
    const { file, report } = await sysdumpOf({ [`k8s-nodes-${TS}.yaml`]: body });
    const lines = body.split('\n');
    expect(report.nodes.map((n) => [n.name, n.internalIPs, n.podCIDRs, n.evidence[0]])).toEqual(
      MAKO.map((n) => [n.name, [n.ip], [n.podCIDR], { source: `${file}!/${ROOT}/k8s-nodes-${TS}.yaml`, line: lines.indexOf(lines.find((l) => l.endsWith(`name: ${n.name}`))!) + 1}]),
    );
    expect(report.inputs[0]).toMatchObject({ member: 'kubernetes', unparsed: 0 });
  });
});

describe('the cilium-config ConfigMap alone or inside a `kind: List`', () => {
  it.each([
    ['alone', `cilium-configmap-${TS}.yaml`, configMapAlone()],
    ['in a List', `cilium-configmap-${TS}.yaml`, configMapInList()],
    ['alone, cilium-cli 0.8 name', `cilium-config-configmap-${TS}.yaml`, configMapAlone()],
  ])('%s (%s): only cilium-config configures the agent', async (_form, name, body) => {
    const { file, report } = await sysdumpOf({ [name]: body, [`logs-${MAKO[0]!.agent}-cilium-agent-${TS}.log`]: agentLog114(MAKO[0]!) });
    const agent = report.agents.find((a) => a.pod === MAKO[0]!.agent)!;
    expect(agent.node).toBe('mako-1');
    const lines = body.split('\n');
    expect(agent.requested['routing-mode']).toEqual({
      value: 'native',
      origin: 'configmap',
      evidence: [{ source: `${file}!/${ROOT}/${name}`, line: lines.findIndex((l) => l.includes('routing-mode: "native"')) + 1}],
    });
    expect(agent.requested['debug']).toBeUndefined();
  });
});

describe('Hubble flows as jsonpb `{"flow": …}` lines or bare `-o json` objects', () => {
  it.each([
    ['jsonpb', flowsJsonpb()],
    ['json', flowsJson()],
  ])('%s: the flow, its drop and its node, cited in the member', async (_form, body) => {
    const pod = MAKO[0]!.agent;
    const { file, flows, report } = await sysdumpOf({ [`hubble-flows-${pod}-${TS}.json`]: body });
    expect(flows).toEqual([
      { source: `${file}!/${ROOT}/hubble-flows-${pod}-${TS}.json`, line: 1, node: 'mako-1', verdict: 'DROPPED', src_ip: '10.40.1.77', dst_ip: '10.40.2.19', drop_code: 133 },
    ]);
    expect(report.inputs[0]).toMatchObject({ member: 'hubble-flows', unparsed: 0 });
  });
});

describe("Helm values as sysdump's bare YAML or `helm get values` output", () => {
  const want = { ipam: 'kubernetes', 'kube-proxy-replacement': 'true', 'routing-mode': 'native', 'tunnel-protocol': 'geneve' };
  const requested = (report: JsonReport) =>
    Object.fromEntries(Object.entries(report.agents.find((a) => a.pod === MAKO[1]!.agent)!.requested).map(([k, v]) => [k, [v.value, v.origin]]));

  it('the cilium-helm-values member, its first key a nested map', async () => {
    const { report } = await sysdumpOf({ [`cilium-helm-values-${TS}.yaml`]: HELM_VALUES, [`logs-${MAKO[1]!.agent}-cilium-agent-${TS}.log`]: agentLog114(MAKO[1]!) });
    expect(requested(report)).toEqual(Object.fromEntries(Object.entries(want).map(([k, v]) => [k, [v, 'helm']])));
    expect(report.inputs.every((i) => i.unparsed === 0)).toBe(true);
  });

  it('`helm get values cilium` saved beside the sysdump: its header is read, not left unparsed', async () => {
    const dir = join(tempDir(), 'ticket');
    mkdirSync(dir);
    writeFileSync(join(dir, 'helm-values.txt'), `USER-SUPPLIED VALUES:\n${HELM_VALUES}`);
    writeFileSync(join(dir, `logs-${MAKO[1]!.agent}-cilium-agent-${TS}.log`), agentLog114(MAKO[1]!));
    const report = await analyze([dir]);
    expect(requested(report)).toEqual(Object.fromEntries(Object.entries(want).map(([k, v]) => [k, [v, 'helm']])));
    expect(report.inputs.find((i) => i.source.endsWith('helm-values.txt'))).toMatchObject({ lines: 6, unparsed: 0 });
  });
});

// ---- bugtool's --k8s-mode: every command through kubectl ---------------------------------------

describe("a bugtool archive of --k8s-mode (two agents' commands through kubectl exec)", () => {
  const OWN = 'cilium-bugtool-20230711-181950.004+0200-CEST-99120';
  let file: string;
  let report: JsonReport;
  let policy: unknown[];

  beforeAll(async () => {
    const [a, b] = MAKO as [Node, Node];
    const members: Record<string, string> = {};
    for (const n of MAKO) {
      members[`${OWN}/cmd/kubectl-exec-${n.agent}--n-kube-system----cilium-status.md`] = statusBrief18(n);
      members[`${OWN}/cmd/kubectl--n-kube-system-logs---timestamps-${n.agent}.md`] = agentLog114(n);
    }
    members[`${OWN}/cmd/kubectl-exec-${b.agent}--n-kube-system----ip--4-r.md`] = routes(b);
    members[`${OWN}/cmd/kubectl-exec-${a.agent}--n-kube-system----bpftool-map-show.md`] = '13: hash  name cilium_lxc  flags 0x1\n';
    // `cilium bpf policy get --all --numeric` of 1.14: each endpoint's map, identities as numbers.
    members[`${OWN}/cmd/kubectl-exec-${a.agent}--n-kube-system----cilium-bpf-policy-get---all---numeric.md`] = [
      'Endpoint ID: 2718',
      'Path: /sys/fs/bpf/tc/globals/cilium_policy_02718',
      'POLICY   DIRECTION   IDENTITY   PORT/PROTO   PROXY PORT   AUTH TYPE   BYTES   PACKETS   PREFIX',
      'Allow    Ingress     48213      9090/TCP     NONE         disabled    5120    40        16',
      'Deny     Egress      2          ANY          NONE         disabled    0       0         0',
      '',
    ].join('\n');
    file = join(tempDir(), `${OWN}.tar.gz`);
    writeFileSync(file, tarGzOf(Object.entries(members).map(([path, body]) => ({ path, pieces: () => [body] }))));
    const analysis = await analyzeWithDb([file]);
    report = analysis.report;
    policy = analysis.db
      .prepare('select s.name as source, p.line, p.agent, p.endpoint_id, p.verdict, p.direction, p.peer, p.port from list_policy p join sources s on s.id = p.source_id order by p.line')
      .all();
    analysis.db.close();
  });

  it('lists every file as read or not analysed, none unknown', () => {
    expect(report.inputs.map((i) => i.member).sort()).toEqual(['agent-log', 'agent-log', 'bugtool-command', 'bugtool-command', 'bugtool-command', 'bugtool-command', 'bugtool-command']);
    expect(report.inputs.every((i) => i.unparsed === 0)).toBe(true);
    expect(report.inputs.find((i) => i.source.endsWith('bpftool-map-show.md'))).toMatchObject({ coverage: 'unsupported', what: 'bpftool map show' });
  });

  it("gives each pod's log, status and routes to that pod's agent and node", () => {
    expect(report.agents.map((a) => [a.pod, a.node]).sort()).toEqual(MAKO.map((n) => [n.agent, n.name]));
    for (const n of MAKO) {
      const agent = report.agents.find((a) => a.pod === n.agent)!;
      const cited = new Set(Object.values(agent.provenance).flatMap((p) => p.evidence.map((e) => e.source)));
      expect(cited).toContain(`${file}!/${OWN}/cmd/kubectl-exec-${n.agent}--n-kube-system----cilium-status.md`);
    }
    expect(report.routes.filter((r) => r.dst === 'default').map((r) => [r.node, r.evidence[0]!.source])).toEqual([
      ['mako-2', `${file}!/${OWN}/cmd/kubectl-exec-${MAKO[1]!.agent}--n-kube-system----ip--4-r.md`],
    ]);
  });

  it("reads `bpf policy get --all` run in a pod as that pod's agent's policy maps", () => {
    const source = `${file}!/${OWN}/cmd/kubectl-exec-${MAKO[0]!.agent}--n-kube-system----cilium-bpf-policy-get---all---numeric.md`;
    expect(policy).toEqual([
      { source, line: 4, agent: MAKO[0]!.agent, endpoint_id: 2718, verdict: 'Allow', direction: 'Ingress', peer: '48213', port: '9090/TCP' },
      { source, line: 5, agent: MAKO[0]!.agent, endpoint_id: 2718, verdict: 'Deny', direction: 'Egress', peer: '2', port: 'ANY' },
    ]);
  });
});
