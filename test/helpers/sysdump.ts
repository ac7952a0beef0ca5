/**
 * A synthetic `cilium sysdump`, member by member, in the layout cilium-cli writes
 * (cilium-sysdump-<ts>/…, logs-<pod>-<container>-<ts>.log, cilium-bugtool-<pod>-<ts>/cmd/<command>.md,
 * k8s-*-<ts>.yaml, hubble-flows-<pod>-<ts>.json), and writers that lay it out as a folder, a zip
 * (deflated, data descriptors, as Go's archive/zip) or a tar.gz. Members are generated in pieces,
 * so the benchmark can write a gigabyte without holding it. Names, addresses and releases are this
 * suite's own. No vitest import: the benchmark uses it too.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createGzip, gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { ZipWriter } from './zip-writer.js';

export interface SysdumpNode {
  name: string;
  ip: string;
  podCIDR: string;
  ciliumInternalIP: string;
  /** The agent pod. */
  agent: string;
  /** Its agent container restarted: a `-prev.log` holds the crashed run, the current log no node line yet. */
  restarted?: boolean;
}

export const SYSDUMP_TS = '20240917-083012';
export const SYSDUMP_ROOT = `cilium-sysdump-${SYSDUMP_TS}`;
export const VERSION = '1.15.6';

export const SYSDUMP_NODES: readonly SysdumpNode[] = [
  { name: 'tuna-w1', ip: '192.168.77.11', podCIDR: '10.88.1.0/24', ciliumInternalIP: '10.88.1.45', agent: 'cilium-q7d2x' },
  { name: 'tuna-w2', ip: '192.168.77.12', podCIDR: '10.88.2.0/24', ciliumInternalIP: '10.88.2.201', agent: 'cilium-m4k9s', restarted: true },
];

export interface SysdumpMember {
  /** Path inside the archive, below SYSDUMP_ROOT. */
  path: string;
  /** The content in pieces; called again for each pass (a tar header needs the size first). */
  pieces(): Iterable<string | Buffer>;
}

export interface SysdumpOptions {
  /** Routine agent log lines per node (the benchmark's bulk). */
  logLines?: number;
  /** Hubble flows per node. */
  flows?: number;
  /** Bugtool runs as nested `cilium-bugtool-<pod>-<ts>.tar.gz` members instead of folders. */
  nestedBugtool?: boolean;
}

const FLAGS: Readonly<Record<string, string>> = {
  'cluster-pool-ipv4-cidr': '10.88.0.0/16',
  'routing-mode': 'tunnel',
  'tunnel-protocol': 'vxlan',
  'bpf-lb-algorithm': 'maglev',
  'kube-proxy-replacement': 'true',
  'enable-ipv4-masquerade': 'true',
  'enable-bpf-masquerade': 'true',
  'enable-host-legacy-routing': 'false',
};

function stamp(second: number): string {
  const s = 1 + second;
  return `2024-09-17T08:${String(10 + Math.floor(s / 60) % 50).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.${String((s * 7919) % 1e9).padStart(9, '0')}Z`;
}

/** An agent run's log as sysdump collects it (`kubectl logs --timestamps`). */
function* agentLog(node: SysdumpNode, run: 'current' | 'previous', bulk: number): Generator<string> {
  let t = run === 'previous' ? 0 : 600;
  const line = (text: string) => `${stamp(t++)} ${text}\n`;
  yield line(`level=info msg="Cilium ${VERSION} 5f1c3a9e 2024-07-12T18:40:02+00:00 go version go1.22.5 linux/amd64" subsys=daemon`);
  for (const [k, v] of Object.entries(FLAGS)) yield line(`level=info msg="  --${k}='${v}'" subsys=daemon`);
  if (run === 'previous') {
    yield line('level=fatal msg="Error while creating daemon" error="unable to create BPF map cilium_lb4_services_v2: operation not permitted" subsys=daemon');
    return;
  }
  if (node.restarted) {
    yield line('level=info msg="Waiting until all pre-existing resources have been received" subsys=k8s-watcher');
  } else {
    yield line(
      `level=info msg="Received own node information from API server" ipAddr.ipv4=${node.ip} ipAddr.ipv6="<nil>" k8sNodeIP=${node.ip} labels="map[]" nodeName=${node.name} subsys=k8s v4Prefix=${node.podCIDR} v6Prefix="<nil>"`,
    );
    yield line('level=info msg="Daemon initialization completed" bootstrapTime=5.1s subsys=daemon');
  }
  const chunk: string[] = [];
  for (let i = 0; i < bulk; i++) {
    const id = 100 + (i % 900);
    chunk.push(
      i % 3 === 0
        ? line(`level=info msg="Rewrote endpoint BPF program" ciliumEndpointName=shop/web-${id} containerID=4f2a${id} endpointID=${id} identity=${20000 + (i % 40)} ipv4=10.88.${node.podCIDR.split('.')[2]}.${i % 250} k8sPodName=shop/web-${id} subsys=endpoint`)
        : i % 3 === 1
          ? line(`level=debug msg="Processing API request with rate limiter" name=endpoint-patch parallelRequests=${i % 8} subsys=rate uuid=${(i * 2654435761) >>> 0}`)
          : line(`level=info msg="Compiled new BPF template" BPFCompilationTime=${(i % 97) / 10}s file-path=/var/run/cilium/state/templates/${(i * 40503) >>> 0}/bpf_host.o subsys=datapath-loader`),
    );
    if (chunk.length === 1000) yield chunk.splice(0).join('');
  }
  yield chunk.join('');
}

function statusVerbose(node: SysdumpNode, nodes: readonly SysdumpNode[]): string {
  const peers = nodes.map((n) => `  ${n.name}${n === node ? ' (localhost)' : ''}   ${n.ip}   reachable   reachable`);
  return [
    'KVStore:                Ok   Disabled',
    'Kubernetes:             Ok   1.29 (v1.29.6) [linux/amd64]',
    `KubeProxyReplacement:   True   [eth0   ${node.ip} fe80::1 (Direct Routing)]`,
    `Cilium:                 Ok   ${VERSION} (v${VERSION}-5f1c3a9e)`,
    'NodeMonitor:            Listening for events on 8 CPUs with 64x4096 of shared memory',
    'Cilium health daemon:   Ok   ',
    `IPAM:                   IPv4: 5/254 allocated from ${node.podCIDR}, `,
    'Routing:                Network: Tunnel [vxlan]   Host: BPF',
    'Masquerading:           BPF   [eth0]   10.88.0.0/16 [IPv4: Enabled, IPv6: Disabled]',
    'Controller Status:      31/31 healthy',
    `Proxy Status:           OK, ip ${node.ciliumInternalIP}, 0 redirects active on ports 10000-20000, Envoy: embedded`,
    'Hubble:                 Ok   Current/Max Flows: 4095/4095 (100.00%), Flows/s: 12.80   Metrics: Disabled',
    'Encryption:             Disabled',
    `Cluster health:         ${nodes.length}/${nodes.length} reachable   (2024-09-17T08:29:58Z)`,
    '  Name                 IP              Node        Endpoints',
    ...peers,
    '',
  ].join('\n');
}

function nodeList(nodes: readonly SysdumpNode[]): string {
  return ['Name      IPv4 Address    Endpoint CIDR   IPv6 Address   Endpoint CIDR', ...nodes.map((n) => `${n.name}   ${n.ip}   ${n.podCIDR}`), ''].join('\n');
}

function endpointList(node: SysdumpNode, index: number): string {
  const net = node.podCIDR.split('.').slice(0, 3).join('.');
  return [
    'ENDPOINT   POLICY (ingress)   POLICY (egress)   IDENTITY   LABELS (source:key[=value])   IPv6   IPv4        STATUS',
    '           ENFORCEMENT        ENFORCEMENT',
    `${311 + index}        Disabled           Disabled          1          reserved:host                                ready`,
    `${1204 + index}       Disabled           Disabled          ${20417 + index}      k8s:app=${index === 0 ? 'web' : 'cart'}                      ${net}.37   ready`,
    '',
  ].join('\n');
}

function serviceList(): string {
  return [
    'ID   Frontend             Service Type   Backend',
    '7    10.96.40.12:8080/TCP   ClusterIP      1 => 10.88.2.37:8080/TCP (active)',
    '',
  ].join('\n');
}

function ipRoutes(node: SysdumpNode, nodes: readonly SysdumpNode[]): string {
  const others = nodes.filter((n) => n !== node);
  return [
    `default via 192.168.77.1 dev eth0 proto dhcp src ${node.ip} metric 100`,
    ...others.map((o) => `${o.podCIDR} via ${node.ciliumInternalIP} dev cilium_host proto kernel src ${node.ciliumInternalIP} mtu 1450`),
    `${node.podCIDR} via ${node.ciliumInternalIP} dev cilium_host proto kernel src ${node.ciliumInternalIP}`,
    `192.168.77.0/24 dev eth0 proto kernel scope link src ${node.ip}`,
    '',
  ].join('\n');
}

function ipLinks(): string {
  return [
    '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000',
    '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0 minmtu 0 maxmtu 0',
    '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP mode DEFAULT group default qlen 1000',
    '    link/ether 0a:3f:51:9c:22:10 brd ff:ff:ff:ff:ff:ff promiscuity 0 minmtu 68 maxmtu 9001',
    '5: cilium_vxlan: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000',
    '    link/ether 7e:31:0a:c4:19:5b brd ff:ff:ff:ff:ff:ff promiscuity 0 minmtu 68 maxmtu 65535',
    '    vxlan external id 0 srcport 0 0 dstport 8472 nolearning ttl auto ageing 300 udpcsum noudp6zerocsumtx noudp6zerocsumrx',
    '',
  ].join('\n');
}

function configMap(): string {
  return [
    'apiVersion: v1',
    'data:',
    ...Object.entries(FLAGS).map(([k, v]) => `  ${k}: ${/^(true|false)$/.test(v) ? `"${v}"` : v}`),
    '  enable-hubble: "true"',
    'kind: ConfigMap',
    'metadata:',
    '  name: cilium-config',
    '  namespace: kube-system',
    '',
  ].join('\n');
}

/** The head of a Kubernetes object in a List item. */
function objectHead(apiVersion: string, kind: string, name: string, namespace?: string): string[] {
  return [`apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata:', `  name: ${name}`, ...(namespace ? [`  namespace: ${namespace}`] : [])];
}

function list(kind: string, items: string[][]): string {
  return ['apiVersion: v1', 'items:', ...items.flatMap((item) => item.map((l, i) => `${i === 0 ? '- ' : '  '}${l}`)), `kind: ${kind}`, 'metadata:', '  resourceVersion: "48213"', ''].join('\n');
}

function k8sNodes(nodes: readonly SysdumpNode[]): string {
  return list(
    'List',
    nodes.map((n) => [
      ...objectHead('v1', 'Node', n.name),
      'spec:',
      `  podCIDR: ${n.podCIDR}`,
      'status:',
      '  addresses:',
      `  - address: ${n.ip}`,
      '    type: InternalIP',
      `  - address: ${n.name}`,
      '    type: Hostname',
    ]),
  );
}

function ciliumNodes(nodes: readonly SysdumpNode[]): string {
  return list(
    'List',
    nodes.map((n) => [
      ...objectHead('cilium.io/v2', 'CiliumNode', n.name),
      'spec:',
      '  addresses:',
      `  - ip: ${n.ip}`,
      '    type: InternalIP',
      `  - ip: ${n.ciliumInternalIP}`,
      '    type: CiliumInternalIP',
      '  ipam:',
      '    podCIDRs:',
      `    - ${n.podCIDR}`,
    ]),
  );
}

function pod(name: string, namespace: string, node: SysdumpNode, ip: string, image: string, container: string, restarted: boolean): string[] {
  return [
    ...objectHead('v1', 'Pod', name, namespace),
    'spec:',
    '  containers:',
    `  - image: ${image}`,
    `    name: ${container}`,
    `  nodeName: ${node.name}`,
    'status:',
    '  containerStatuses:',
    `  - image: ${image}`,
    `    name: ${container}`,
    ...(restarted
      ? ['    lastState:', '      terminated:', '        exitCode: 1', '        reason: Error', '    restartCount: 1']
      : ['    restartCount: 0']),
    '    ready: true',
    '  phase: Running',
    `  podIP: ${ip}`,
  ];
}

function k8sPods(nodes: readonly SysdumpNode[]): string {
  const image = `quay.io/cilium/cilium:v${VERSION}@sha256:6aa840986a3a9722cd967ef63248d675a87add7e1704740902d5d3162f0c0def`;
  return list('List', [
    ...nodes.map((n) => pod(n.agent, 'kube-system', n, n.ip, image, 'cilium-agent', n.restarted === true)),
    pod('web-5d9c7f8b6-rj2wq', 'shop', nodes[0]!, `${nodes[0]!.podCIDR.split('.').slice(0, 3).join('.')}.37`, 'nginx:1.27', 'web', false),
    pod('cart-6f4b9d7c8-xv5nt', 'shop', nodes[1]!, `${nodes[1]!.podCIDR.split('.').slice(0, 3).join('.')}.37`, 'cart:2.3', 'cart', false),
  ]);
}

function k8sServices(): string {
  return list('List', [
    [
      ...objectHead('v1', 'Service', 'cart', 'shop'),
      'spec:',
      '  clusterIP: 10.96.40.12',
      '  ports:',
      '  - name: http',
      '    port: 8080',
      '    protocol: TCP',
      '    targetPort: 8080',
      '  type: ClusterIP',
    ],
  ]);
}

function* hubbleFlows(node: SysdumpNode, nodes: readonly SysdumpNode[], count: number): Generator<string> {
  const web = `${nodes[0]!.podCIDR.split('.').slice(0, 3).join('.')}.37`;
  const cart = `${nodes[1]!.podCIDR.split('.').slice(0, 3).join('.')}.37`;
  const chunk: string[] = [];
  for (let i = 0; i < count; i++) {
    const time = `2024-09-17T08:29:${String(i % 60).padStart(2, '0')}.${String(100000000 + i).slice(-9)}Z`;
    const flow = {
      flow: {
        time,
        verdict: 'FORWARDED',
        IP: { source: web, destination: cart, ipVersion: 'IPv4' },
        l4: { TCP: { source_port: 40000 + (i % 20000), destination_port: 8080, flags: { SYN: true } } },
        source: { identity: 20417, namespace: 'shop', labels: ['k8s:app=web'], pod_name: 'web-5d9c7f8b6-rj2wq' },
        destination: { identity: 20418, namespace: 'shop', labels: ['k8s:app=cart'], pod_name: 'cart-6f4b9d7c8-xv5nt' },
        Type: 'L3_L4',
        node_name: node.name,
        event_type: { type: 4, sub_type: node === nodes[0] ? 4 : 0 },
        traffic_direction: node === nodes[0] ? 'EGRESS' : 'INGRESS',
        trace_observation_point: node === nodes[0] ? 'TO_OVERLAY' : 'TO_ENDPOINT',
        is_reply: false,
        Summary: 'TCP Flags: SYN',
      },
      node_name: node.name,
      time,
    };
    chunk.push(`${JSON.stringify(flow)}\n`);
    if (chunk.length === 500) yield chunk.splice(0).join('');
  }
  yield chunk.join('');
}

const text = (s: string) => () => [s];
const bytesOf = (piece: string | Buffer): Buffer => (typeof piece === 'string' ? Buffer.from(piece) : piece);

/** The members of a sysdump of `nodes`, in the order cilium-cli's zip lists them (sorted paths). */
export function sysdumpMembers(nodes: readonly SysdumpNode[] = SYSDUMP_NODES, options: SysdumpOptions = {}): SysdumpMember[] {
  const bulk = options.logLines ?? 20;
  const flows = options.flows ?? 4;
  const members: SysdumpMember[] = [
    { path: `cilium-configmap-${SYSDUMP_TS}.yaml`, pieces: text(configMap()) },
    { path: `ciliumnodes-${SYSDUMP_TS}.yaml`, pieces: text(ciliumNodes(nodes)) },
    { path: `k8s-nodes-${SYSDUMP_TS}.yaml`, pieces: text(k8sNodes(nodes)) },
    { path: `k8s-pods-${SYSDUMP_TS}.yaml`, pieces: text(k8sPods(nodes)) },
    { path: `k8s-services-${SYSDUMP_TS}.yaml`, pieces: text(k8sServices()) },
    { path: `k8s-version-${SYSDUMP_TS}.txt`, pieces: text('Client Version: v1.29.6\nServer Version: v1.29.6\n') },
    { path: 'cilium-sysdump.log', pieces: text('🔍 Collecting Kubernetes nodes\n🔍 Collecting cilium-bugtool output\n') },
    {
      path: `logs-cilium-operator-7c9f6d5b8-p2r4t-cilium-operator-${SYSDUMP_TS}.log`,
      pieces: text(`${stamp(1)} level=info msg="Starting Cilium Operator" subsys=cilium-operator-generic\n`),
    },
  ];
  nodes.forEach((node, index) => {
    const pod = node.agent;
    members.push(
      { path: `logs-${pod}-cilium-agent-${SYSDUMP_TS}.log`, pieces: () => agentLog(node, 'current', bulk) },
      { path: `logs-${pod}-mount-cgroup-${SYSDUMP_TS}.log`, pieces: text('') },
      { path: `hubble-flows-${pod}-${SYSDUMP_TS}.json`, pieces: () => hubbleFlows(node, nodes, flows) },
      { path: `hubble-observe-${pod}-${SYSDUMP_TS}.log`, pieces: text('') },
      { path: `metrics-${pod}-cilium-agent-${SYSDUMP_TS}.txt`, pieces: text('# TYPE cilium_drop_count_total counter\ncilium_drop_count_total{direction="INGRESS",reason="Policy denied"} 12\n') },
      { path: `gops-${pod}-cilium-agent-${SYSDUMP_TS}-stack.txt`, pieces: text('goroutine 1 [select]:\n') },
    );
    if (node.restarted) members.push({ path: `logs-${pod}-cilium-agent-${SYSDUMP_TS}-prev.log`, pieces: () => agentLog(node, 'previous', 0) });
    const cmd: [string, string][] = [
      ['cilium-dbg-status---verbose.md', statusVerbose(node, nodes)],
      ['cilium-dbg-node-list.md', nodeList(nodes)],
      ['cilium-dbg-endpoint-list.md', endpointList(node, index)],
      ['cilium-dbg-service-list.md', serviceList()],
      ['ip--4-r.md', ipRoutes(node, nodes)],
      ['ip--d-link-show.md', ipLinks()],
      ['cilium-dbg-encrypt-status.md', 'Encryption: Disabled\n'],
      ['cilium-dbg-bpf-egress-list.md', ''],
      ['cilium-dbg-bpf-egress-list.md.err', 'Error: cannot open map cilium_egress_gw_policy_v4: no such file or directory\n'],
      ['tc-qdisc-show.md', 'qdisc noqueue 0: dev lo root refcnt 2\n'],
      // A tool this analyzer's registry does not know: read, and listed as unknown.
      ['wg-show-all.md', 'interface: cilium_wg0\n'],
    ];
    const bugtool = options.nestedBugtool ? `cilium-bugtool-${pod}-${SYSDUMP_TS}.tar.gz` : `cilium-bugtool-${pod}-${SYSDUMP_TS}`;
    const inner = options.nestedBugtool ? `cilium-bugtool-20240917-082944.318-0000-UTC-${4100 + index}/cmd` : 'cmd';
    if (options.nestedBugtool) {
      const entries = cmd.map(([file, body]) => ({ path: `${inner}/${file}`, pieces: text(body) }));
      members.push({ path: bugtool, pieces: () => [tarGzOf(entries)] });
    } else {
      for (const [file, body] of cmd) members.push({ path: `${bugtool}/${inner}/${file}`, pieces: text(body) });
    }
  });
  return members.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A small tar.gz held in memory (a bugtool run nested in the sysdump, a bugtool archive of its own). */
export function tarGzOf(members: readonly SysdumpMember[]): Buffer {
  const blocks: Buffer[] = [];
  for (const m of members) {
    const body = Buffer.concat([...m.pieces()].map(bytesOf));
    blocks.push(ustarHeader(m.path, body.length), body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

/** A ustar header; a path longer than the name field puts its folders in the prefix field. */
function ustarHeader(path: string, size: number): Buffer {
  const h = Buffer.alloc(512);
  const cut = path.length > 100 ? path.lastIndexOf('/', 155) : -1;
  h.write(cut < 0 ? path : path.slice(cut + 1), 0, 100, 'utf8');
  if (cut >= 0) h.write(path.slice(0, cut), 345, 155, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('14672135360\0', 136);
  h.write('        ', 148);
  h.write('0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}


/** The sysdump unpacked in `dir` (as `unzip` leaves it): returns the sysdump folder. */
export function writeSysdumpDirectory(dir: string, members: readonly SysdumpMember[]): string {
  for (const m of members) {
    const path = join(dir, SYSDUMP_ROOT, m.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, Buffer.concat([...m.pieces()].map(bytesOf)));
  }
  return join(dir, SYSDUMP_ROOT);
}

/** The sysdump as cilium-cli writes it: a zip of the folder, deflated, with data descriptors. Returns the bytes its members expand to. */
export async function writeSysdumpZip(file: string, members: readonly SysdumpMember[]): Promise<number> {
  const zip = new ZipWriter(createWriteStream(file));
  for (const m of members) await zip.addStream(`${SYSDUMP_ROOT}/${m.path}`, m.pieces());
  await zip.finish();
  return zip.expandedBytes;
}

/** The sysdump folder packed with `tar czf`. */
export async function writeSysdumpTarGz(file: string, members: readonly SysdumpMember[]): Promise<string> {
  const pack = tar.pack();
  const out = createWriteStream(file);
  const done = once(out, 'finish');
  pack.pipe(createGzip({ level: 6 })).pipe(out);
  for (const m of members) {
    let size = 0;
    for (const p of m.pieces()) size += bytesOf(p).length;
    const entry = pack.entry({ name: `${SYSDUMP_ROOT}/${m.path}`, size, mode: 0o644 });
    for (const p of m.pieces()) if (!entry.write(bytesOf(p))) await once(entry, 'drain');
    await new Promise<void>((resolve) => entry.end(() => resolve()));
  }
  pack.finalize();
  await done;
  return file;
}
