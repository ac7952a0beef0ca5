/**
 * The status family's documented samples: every block kind, every nested table of `cilium status`
 * and every list, each with the records it parses into (checked by test/grammars).
 */
import type { GrammarSample } from '../src/types/grammar.js';

const agentStatus = { kind: 'status-block', block: 'agent-status' } as const;

export const samples: readonly GrammarSample[] = [
  // ---- cilium status: labelled lines (status.md §1.3) ----------------------------------------
  {
    lines: [
      'KVStore:                 Ok   Disabled',
      'Kubernetes:              Ok   1.29 (v1.29.6) [linux/arm64]',
      'Kubernetes APIs:         ["EndpointSliceOrEndpoint", "cilium/v2::CiliumNode", "core/v1::Pods"]',
      'KubeProxyReplacement:    True   [ens192   172.20.8.31 fd00:10::31 (Direct Routing)]',
      'Host firewall:           Disabled',
      'CNI Chaining:            none',
      'Cilium:                  Ok   1.15.7 (v1.15.7-2b2a2f2c)',
      'Cilium health daemon:    Ok   ',
      'IPAM:                    IPv4: 9/254 allocated from 10.42.3.0/24, ',
      'IPv4 BIG TCP:            Disabled',
      'BandwidthManager:        EDT with BPF [BBR] [ens192]',
      'Host Routing:            BPF',
      'Masquerading:            BPF   [ens192]   10.42.0.0/16 [IPv4: Enabled, IPv6: Disabled]',
      'Clock Source for BPF:    jiffies   [250 Hz]',
      'Global Identity Range:   min 256, max 65535',
      'Hubble:                  Ok   Current/Max Flows: 2817/4095 (68.79%), Flows/s: 11.03   Metrics: Ok',
      'Encryption:              Wireguard   [NodeEncryption: Enabled, cilium_wg0 (Pubkey: 9rYx0vTqk3mN4bLw2cPz8dHf6sJa1uEe5oGi7KlMnQo=, Port: 51871, Peers: 4)]',
    ],
    records: [
      agentStatus,
      { kind: 'status-field', section: 'main', label: 'KVStore', value: 'Ok Disabled', detail: { type: 'state', state: 'Ok', message: 'Disabled' } },
      { kind: 'status-field', label: 'Kubernetes', detail: { type: 'kubernetes', state: 'Ok', version: '1.29', gitVersion: 'v1.29.6', platform: 'linux/arm64' } },
      { kind: 'status-field', label: 'Kubernetes APIs', detail: { type: 'apis', apis: ['EndpointSliceOrEndpoint', 'cilium/v2::CiliumNode', 'core/v1::Pods'] } },
      {
        kind: 'status-field',
        label: 'KubeProxyReplacement',
        detail: { type: 'kpr', mode: 'True', devices: [{ name: 'ens192', ips: ['172.20.8.31', 'fd00:10::31'], directRouting: true }] },
      },
      { kind: 'status-field', label: 'Host firewall', detail: { type: 'devices', enabled: false, devices: [] } },
      { kind: 'status-field', label: 'CNI Chaining', detail: { type: 'word', word: 'none' } },
      { kind: 'status-field', label: 'Cilium', detail: { type: 'cilium', state: 'Ok', version: '1.15.7', revision: 'v1.15.7-2b2a2f2c', reason: '' } },
      { kind: 'status-field', label: 'Cilium health daemon', value: 'Ok', detail: { type: 'state', state: 'Ok', message: '' } },
      { kind: 'status-field', label: 'IPAM', detail: { type: 'ipam', running: true, pools: [{ family: 'IPv4', used: 9, size: 254, from: '10.42.3.0/24' }] } },
      { kind: 'status-field', label: 'IPv4 BIG TCP', detail: { type: 'enabled', enabled: false } },
      { kind: 'status-field', label: 'BandwidthManager', detail: { type: 'bandwidth', enabled: true, congestion: 'BBR', devices: ['ens192'] } },
      { kind: 'status-field', label: 'Host Routing', detail: { type: 'host-routing', mode: 'BPF' } },
      {
        kind: 'status-field',
        label: 'Masquerading',
        detail: { type: 'masquerading', impl: 'BPF', ipMasqAgent: false, devices: ['ens192'], cidr: '10.42.0.0/16', ipv4: true, ipv6: false },
      },
      { kind: 'status-field', label: 'Clock Source for BPF', detail: { type: 'clock', source: 'jiffies', hz: 250 } },
      { kind: 'status-field', label: 'Global Identity Range', detail: { type: 'identity-range', min: 256, max: 65535 } },
      {
        kind: 'status-field',
        label: 'Hubble',
        detail: { type: 'hubble', state: 'Ok', current: 2817, max: 4095, percent: 68.79, flowsPerSecond: 11.03, metrics: 'Ok' },
      },
      {
        kind: 'status-field',
        label: 'Encryption',
        detail: { type: 'encryption', mode: 'Wireguard', nodeEncryption: true, wireguard: [{ iface: 'cilium_wg0', port: 51871, peers: 4 }] },
      },
    ],
  },
  {
    lines: [
      'Routing:                Network: Tunnel [geneve]   Host: Legacy',
      'Attach Mode:            TCX',
      'Device Mode:            netkit',
      'Cilium:                 Warning   1.18.1 (v1.18.1-5f7e1a0b)    Stale status data',
      'Stale status:           "cilium-health-ep" since 2025-05-14T08:12:55Z',
      'ClusterMesh:            1/2 remote clusters ready, 3 global-services',
      '   cluster-west: not-ready, 6 nodes, 9 endpoints, 4 identities, 3 services, 2 reconnections (last: 14s ago)',
      '   └  etcd: 0/1 connected, leases=0, lock leases=0: https://cluster-west.mesh.cilium.io:2379 - context deadline exceeded',
    ],
    records: [
      agentStatus,
      { kind: 'status-field', label: 'Routing', detail: { type: 'routing', network: 'tunnel', tunnelProtocol: 'geneve', host: 'Legacy' } },
      { kind: 'status-field', label: 'Attach Mode', detail: { type: 'word', word: 'TCX' } },
      { kind: 'status-field', label: 'Device Mode', detail: { type: 'word', word: 'netkit' } },
      { kind: 'status-field', label: 'Cilium', detail: { type: 'cilium', state: 'Warning', version: '1.18.1', reason: 'Stale status data' } },
      { kind: 'status-field', label: 'Stale status', value: '"cilium-health-ep" since 2025-05-14T08:12:55Z', detail: null },
      { kind: 'status-field', label: 'ClusterMesh', detail: { type: 'clustermesh', ready: 1, total: 2, globalServices: 3 } },
      {
        kind: 'status-field', section: 'clustermesh', label: 'cluster-west',
        detail: { type: 'remote-cluster', ready: false, nodes: 6, endpoints: 9, identities: 4, services: 3, failures: 2, lastFailure: '14s ago' },
      },
      { kind: 'status-field', section: 'clustermesh', label: '└', value: 'etcd: 0/1 connected, leases=0, lock leases=0: https://cluster-west.mesh.cilium.io:2379 - context deadline exceeded' },
    ],
  },
  // ClusterMesh before 1.14 (no endpoints, `failures`; 1.8 printed no failures) and from 1.18 (MCS-API exports).
  {
    lines: [
      'KVStore:                Ok   Disabled',
      'ClusterMesh:            0/2 clusters ready, 0 global-services',
      '   mesh-b: not-ready, 0 nodes, 0 identities, 0 services, 5 failures (last: 2m1s ago)',
      '   └  etcd: 0/1 connected, lease-ID=0, lock lease-ID=0, has-quorum=false: https://mesh-b.mesh.cilium.io:2379 - context deadline exceeded',
      '   mesh-c: not-ready, 2 nodes, 11 identities, 1 services',
      '   dc-2: ready, 3 nodes, 5 endpoints, 4 identities, 0 services, 0 MCS-API service exports, 0 reconnections (last: never)',
    ],
    records: [
      agentStatus,
      { kind: 'status-field', label: 'KVStore' },
      { kind: 'status-field', label: 'ClusterMesh', detail: { type: 'clustermesh', ready: 0, total: 2, globalServices: 0 } },
      {
        kind: 'status-field', section: 'clustermesh', label: 'mesh-b',
        detail: { type: 'remote-cluster', ready: false, nodes: 0, endpoints: null, identities: 0, services: 0, failures: 5, lastFailure: '2m1s ago' },
      },
      { kind: 'status-field', section: 'clustermesh', label: '└' },
      {
        kind: 'status-field', section: 'clustermesh', label: 'mesh-c',
        detail: { type: 'remote-cluster', ready: false, nodes: 2, endpoints: null, identities: 11, services: 1, failures: null, lastFailure: null },
      },
      {
        kind: 'status-field', section: 'clustermesh', label: 'dc-2',
        detail: { type: 'remote-cluster', ready: true, nodes: 3, endpoints: 5, identities: 4, services: 0, failures: 0, lastFailure: 'never' },
      },
    ],
  },
  // A label of a release this analyzer does not know: kept with its value, the block goes on.
  {
    lines: ['KVStore:                 Ok   Disabled', 'Packet Tunnelling:       Enabled   [ipip]', 'Host Routing:            Legacy'],
    records: [
      agentStatus,
      { kind: 'status-field', label: 'KVStore' },
      { kind: 'status-field', section: 'main', label: 'Packet Tunnelling', value: 'Enabled [ipip]', detail: { type: 'unknown-label' } },
      { kind: 'status-field', label: 'Host Routing', detail: { type: 'host-routing', mode: 'Legacy' } },
    ],
  },
  // ---- cilium status: nested tables (§1.4–§1.8) -----------------------------------------------
  {
    lines: [
      'NodeMonitor:            Listening for events on 16 CPUs with 64x4096 of shared memory',
      '\t5 events lost, 0 unknown notifications',
      'Allocated addresses:',
      '  10.42.3.12 (kube-system/hubble-relay-6b7f9d5c8-2xk4p)',
      '  10.42.3.201 (router)',
      'Controller Status:      31/31 healthy',
      '  Name                                  Last success   Last error   Count   Message',
      '  cilium-health-ep                      12s ago        never        0       no error   ',
      '  sync-to-k8s-ciliumendpoint (1021)     3s ago         1m4s ago     2       timeout while waiting for k8s   ',
      'Proxy Status:           OK, ip 10.42.3.201, 1 redirects active on ports 10000-20000, Envoy: embedded',
      '  Protocol            Redirect             Proxy Port',
      '  DNS                 cilium-dns-egress    41297',
      'BPF Maps:               dynamic sizing: on (ratio: 0.002500)',
      '  Name                          Size',
      '  Non-TCP connection tracking   65536',
      '  IPv4 service backend          65536',
    ],
    records: [
      agentStatus,
      { kind: 'status-field', label: 'NodeMonitor', detail: { type: 'monitor', cpus: 16, pages: 64, pageSize: 4096, disabled: false } },
      { kind: 'status-field', label: 'Events lost', detail: { type: 'monitor-lost', lost: 5, unknown: 0 } },
      { kind: 'status-field', label: 'Allocated addresses', value: '' },
      { kind: 'status-address', ip: '10.42.3.12', owner: 'kube-system/hubble-relay-6b7f9d5c8-2xk4p' },
      { kind: 'status-address', ip: '10.42.3.201', owner: 'router' },
      { kind: 'status-field', label: 'Controller Status', detail: { type: 'controllers', healthy: 31, total: 31 } },
      { kind: 'status-controller', name: 'cilium-health-ep', lastSuccess: '12s ago', lastError: 'never', count: 0, message: 'no error' },
      { kind: 'status-controller', name: 'sync-to-k8s-ciliumendpoint (1021)', lastError: '1m4s ago', count: 2, message: 'timeout while waiting for k8s' },
      { kind: 'status-field', label: 'Proxy Status', detail: { type: 'proxy', ok: true, ip: '10.42.3.201', redirects: 1, ports: '10000-20000', envoy: 'embedded' } },
      { kind: 'status-redirect', protocol: 'DNS', name: 'cilium-dns-egress', port: 41297 },
      { kind: 'status-field', label: 'BPF Maps', detail: { type: 'maps', dynamicSizing: true, ratio: 0.0025 } },
      { kind: 'status-map', name: 'Non-TCP connection tracking', size: 65536 },
      { kind: 'status-map', name: 'IPv4 service backend', size: 65536 },
    ],
  },
  {
    lines: [
      'KubeProxyReplacement Details:',
      '  Status:                 True',
      '  Socket LB:              Enabled',
      '  Socket LB Coverage:     Full',
      '  Devices:                ens192   172.20.8.31 (Direct Routing), ens224   10.99.0.4',
      '  Mode:                   DSR',
      '    DSR Dispatch Mode:    Geneve',
      '  Backend Selection:      Maglev (Table Size: 16381)',
      '  Session Affinity:       Enabled',
      '  NAT46/64 Support:',
      '  - Services:             Enabled',
      '    Prefixes:             64:ff9b::/96',
      '  XDP Acceleration:       Best-Effort',
      '  Services:',
      '  - ClusterIP:      Enabled',
      '  - NodePort:       Enabled (Range: 30000-32767) ',
      '  Annotations:',
      '  - service.cilium.io/node',
      '  Teleport Mode:          Disabled',
    ],
    records: [
      agentStatus,
      { kind: 'status-field', section: 'main', label: 'KubeProxyReplacement Details', value: '' },
      { kind: 'status-field', section: 'kpr', label: 'Status', detail: { type: 'word', word: 'True' } },
      { kind: 'status-field', section: 'kpr', label: 'Socket LB', detail: { type: 'enabled', enabled: true } },
      { kind: 'status-field', section: 'kpr', label: 'Socket LB Coverage', detail: { type: 'word', word: 'Full' } },
      {
        kind: 'status-field',
        section: 'kpr',
        label: 'Devices',
        detail: {
          type: 'devices',
          devices: [
            { name: 'ens192', ips: ['172.20.8.31'], directRouting: true },
            { name: 'ens224', ips: ['10.99.0.4'], directRouting: false },
          ],
        },
      },
      { kind: 'status-field', section: 'kpr', label: 'Mode', detail: { type: 'word', word: 'DSR' } },
      { kind: 'status-field', section: 'kpr', label: 'DSR Dispatch Mode', detail: { type: 'word', word: 'Geneve' } },
      { kind: 'status-field', section: 'kpr', label: 'Backend Selection', detail: { type: 'backend-selection', algorithm: 'Maglev', tableSize: 16381 } },
      { kind: 'status-field', section: 'kpr', label: 'Session Affinity', detail: { type: 'enabled', enabled: true } },
      { kind: 'status-field', section: 'kpr', label: 'NAT46/64 Support', detail: null },
      { kind: 'status-field', section: 'nat46', label: 'Services', detail: { type: 'service-type', enabled: true, range: null } },
      { kind: 'status-field', section: 'nat46', label: 'Prefixes', value: '64:ff9b::/96' },
      { kind: 'status-field', section: 'kpr', label: 'XDP Acceleration', detail: { type: 'word', word: 'Best-Effort' } },
      { kind: 'status-field', section: 'kpr', label: 'Services' },
      { kind: 'status-field', section: 'kpr-services', label: 'ClusterIP', detail: { type: 'service-type', enabled: true, range: null } },
      { kind: 'status-field', section: 'kpr-services', label: 'NodePort', detail: { type: 'service-type', enabled: true, range: '30000-32767' } },
      { kind: 'status-field', section: 'kpr', label: 'Annotations' },
      { kind: 'status-field', section: 'annotations', label: 'Annotation', value: 'service.cilium.io/node' },
      { kind: 'status-field', section: 'kpr', label: 'Teleport Mode', value: 'Disabled', detail: { type: 'unknown-label' } },
    ],
  },
  {
    lines: [
      'Encryption:             Disabled',
      'Cluster health:         4/5 reachable   (2024-09-02T14:21:37Z)',
      '  Name                    IP             Node          Endpoints',
      '  edge-02 (localhost)     172.20.8.31    reachable     reachable',
      '  edge-05                 172.20.8.35    unreachable   reachable',
      'Modules Health:',
      '      agent',
      '      ├── datapath',
      '      │   └── l2-responder                              [OK] Running (47m, x1)',
      '      └── infra',
      '          └── k8s-synced-crdresourcewatcher             [DEGRADED] CRD watch restarted (2m3s, x4)',
    ],
    records: [
      agentStatus,
      { kind: 'status-field', label: 'Encryption', detail: { type: 'encryption', mode: 'Disabled', wireguard: [] } },
      { kind: 'status-field', label: 'Cluster health', detail: { type: 'cluster-health', reachable: 4, total: 5, time: '2024-09-02T14:21:37Z' } },
      { kind: 'health-node', name: 'edge-02', localhost: true, ips: ['172.20.8.31'], node: 'reachable', endpoints: 'reachable' },
      { kind: 'health-node', name: 'edge-05', localhost: false, ips: ['172.20.8.35'], node: 'unreachable', endpoints: 'reachable' },
      { kind: 'status-field', label: 'Modules Health', value: '' },
      { kind: 'status-module', depth: 0, name: 'agent', level: null },
      { kind: 'status-module', depth: 1, name: 'datapath' },
      { kind: 'status-module', depth: 2, name: 'l2-responder', level: 'OK', message: 'Running (47m, x1)' },
      { kind: 'status-module', depth: 1, name: 'infra' },
      { kind: 'status-module', depth: 2, name: 'k8s-synced-crdresourcewatcher', level: 'DEGRADED', message: 'CRD watch restarted (2m3s, x4)' },
    ],
  },
  {
    lines: ['error in kvstore: etcd: 0/3 connected: https://10.8.0.5:2379 - context deadline exceeded'],
    records: [
      { kind: 'status-block', block: 'agent-status-brief' },
      { kind: 'status-field', label: 'Brief', detail: { type: 'state', state: 'kvstore', message: 'etcd: 0/3 connected: https://10.8.0.5:2379 - context deadline exceeded' } },
    ],
  },
  {
    lines: [
      'Error: Unable to reach agent: Get "http://localhost/v1/healthz": dial unix /var/run/cilium/cilium.sock: connect: no such file or directory',
      'Is the agent running?',
    ],
    records: [
      { kind: 'status-block', block: 'agent-unreachable' },
      {
        kind: 'status-field',
        label: 'Agent API',
        detail: { type: 'state', state: 'Unreachable', message: 'Unable to reach agent: Get "http://localhost/v1/healthz": dial unix /var/run/cilium/cilium.sock: connect: no such file or directory' },
      },
      { kind: 'status-field', label: 'Agent API', value: 'Is the agent running?', detail: { type: 'state', state: 'Unreachable', message: '' } },
    ],
  },
  // ---- cilium-health status (§2) --------------------------------------------------------------
  {
    lines: [
      'Probe time:   2024-02-19T06:44:10Z',
      'Nodes:',
      '  worker-a (localhost):',
      '    Host connectivity to 10.128.0.21:',
      '      ICMP to stack:   OK, RTT=412.6µs',
      '      HTTP to agent:   OK, RTT=1.204ms',
      '  worker-b:',
      '    Endpoint connectivity to 10.60.2.77:',
      '      ICMP to stack:   Connection timed out',
    ],
    records: [
      { kind: 'status-block', block: 'health-status' },
      { kind: 'status-field', label: 'Probe time', value: '2024-02-19T06:44:10Z' },
      { kind: 'health-node', name: 'worker-a', localhost: true, ips: [], node: null },
      { kind: 'health-probe', node: 'worker-a', path: 'host', ip: '10.128.0.21', protocol: 'icmp', ok: true, rtt: '412.6µs', rttMicros: 412.6 },
      { kind: 'health-probe', node: 'worker-a', path: 'host', protocol: 'http', ok: true, rttMicros: 1204 },
      { kind: 'health-node', name: 'worker-b', localhost: false },
      { kind: 'health-probe', node: 'worker-b', path: 'endpoint', ip: '10.60.2.77', ok: false, rtt: null, result: 'Connection timed out' },
    ],
  },
  {
    lines: [
      'Cluster health:   2/3 reachable   (2025-03-21T16:02:41Z)   (Probe interval: 2m1s)',
      'Name   IP   Node   Endpoints',
      '  gpu-node-1 (localhost)   10.200.0.11,fd00:200::11   1/1   1/1',
      '  gpu-node-3               10.200.0.13                0/1   1/1 (1 unknown)',
    ],
    records: [
      { kind: 'status-block', block: 'health-status' },
      { kind: 'status-field', label: 'Cluster health', detail: { type: 'cluster-health', reachable: 2, total: 3, interval: '2m1s' } },
      { kind: 'health-node', name: 'gpu-node-1', localhost: true, ips: ['10.200.0.11', 'fd00:200::11'], node: '1/1', endpoints: '1/1' },
      { kind: 'health-node', name: 'gpu-node-3', node: '0/1', endpoints: '1/1 (1 unknown)' },
    ],
  },
  // ---- cilium-cli cilium status (§3) ----------------------------------------------------------
  {
    lines: [
      '    /¯¯\\',
      ' /¯¯\\__/¯¯\\    Cilium:             1 errors',
      ' \\__/¯¯\\__/    Operator:           OK',
      '    \\__/       ClusterMesh:        disabled',
      'DaemonSet              cilium             Desired: 4, Ready: 3/4, Available: 3/4, Unavailable: 1/4',
      'Containers:            cilium             Running: 3, Pending: 1',
      'Cluster Pods:          37/38 managed by Cilium',
      'Helm chart version:    1.16.2',
      'Image versions         cilium             quay.io/cilium/cilium:v1.16.2@sha256:' + 'c'.repeat(64) + ': 4',
      'Errors:                cilium             cilium-7xq2w    unable to retrieve cilium status: container not running',
      'Configuration:         Unsupported feature detected: enable-ipsec with netkit',
    ],
    records: [
      { kind: 'status-block', block: 'cli-status' },
      { kind: 'cli-component', name: 'Cilium', summary: '1 errors' },
      { kind: 'cli-component', name: 'Operator', summary: 'OK' },
      { kind: 'cli-component', name: 'ClusterMesh', summary: 'disabled' },
      { kind: 'cli-workload', workload: 'DaemonSet', name: 'cilium', desired: 4, ready: 3, available: 3, unavailable: 1 },
      { kind: 'cli-containers', name: 'cilium', phases: { Running: 3, Pending: 1 } },
      { kind: 'status-field', section: 'cli', label: 'Cluster Pods', detail: { type: 'ratio', part: 37, total: 38 } },
      { kind: 'status-field', section: 'cli', label: 'Helm chart version', value: '1.16.2' },
      { kind: 'cli-image', name: 'cilium', version: '1.16.2', count: 4 },
      { kind: 'cli-message', severity: 'error', workload: 'cilium', pod: 'cilium-7xq2w', message: 'unable to retrieve cilium status: container not running' },
      { kind: 'cli-message', severity: 'configuration', workload: null, message: 'Unsupported feature detected: enable-ipsec with netkit' },
    ],
  },
  // ---- list commands (§4–§8) ------------------------------------------------------------------
  {
    lines: [
      'Name              IPv4 Address   Endpoint CIDR    IPv6 Address   Endpoint CIDR   Source',
      'prod/infra-03     10.16.4.3      10.32.7.0/24                                   custom-resource',
    ],
    records: [
      { kind: 'status-block', block: 'node-list' },
      { kind: 'node-entry', name: 'prod/infra-03', ipv4: '10.16.4.3', ipv4CIDR: '10.32.7.0/24', ipv6: null, source: 'custom-resource' },
    ],
  },
  {
    lines: [
      'ENDPOINT   POLICY (ingress)   POLICY (egress)   IDENTITY   LABELS (source:key[=value])                       IPv6   IPv4         STATUS   ',
      '           ENFORCEMENT        ENFORCEMENT                                                                                         ',
      '2086       Disabled (Audit)   Disabled          40117      k8s:app=ledger                                           10.32.7.66   ready   ',
      '                                                           k8s:io.kubernetes.pod.namespace=finance                                       ',
    ],
    records: [
      { kind: 'status-block', block: 'endpoint-list' },
      { kind: 'endpoint-entry', id: 2086, policyIngress: 'Disabled (Audit)', policyEgress: 'Disabled', identity: 40117, label: 'k8s:app=ledger', ipv4: '10.32.7.66', status: 'ready' },
      { kind: 'list-label', list: 'endpoint', owner: '2086', label: 'k8s:io.kubernetes.pod.namespace=finance' },
    ],
  },
  {
    lines: [
      'ID   Frontend               Service Type   Backend                               ',
      '14   10.110.7.9:8443/TCP    ClusterIP      1 => 10.32.7.66:8443/TCP (active)     ',
      '                                           2 => 10.32.9.12:8443/TCP (terminating)   ',
    ],
    records: [
      { kind: 'status-block', block: 'service-list' },
      { kind: 'service-entry', id: 14, frontend: '10.110.7.9:8443/TCP', type: 'ClusterIP', remote: false },
      { kind: 'service-backend', serviceId: 14, index: 1, address: '10.32.7.66:8443/TCP', state: 'active' },
      { kind: 'service-backend', serviceId: 14, index: 2, state: 'terminating' },
    ],
  },
  {
    lines: [
      'SERVICE ADDRESS         BACKEND ADDRESS (REVNAT_ID) (SLOT)',
      '10.110.7.9:8443 (0)     0.0.0.0:0 (31) (0) [ClusterIP, non-routable]   ',
      '10.110.7.9:8443 (1)     10.32.7.66:8443 (31) (1)                        ',
    ],
    records: [
      { kind: 'status-block', block: 'bpf-lb-list' },
      { kind: 'lb-entry', frontend: '10.110.7.9:8443', slot: 0, backend: null, revNat: 31, flags: ['ClusterIP', 'non-routable'] },
      { kind: 'lb-entry', frontend: '10.110.7.9:8443', slot: 1, backend: '10.32.7.66:8443', revNat: 31 },
    ],
  },
  {
    // `cilium bpf policy get`, 1.14 → (AUTH TYPE, PREFIX): an identity's further labels on their own lines.
    lines: [
      'POLICY   DIRECTION   LABELS (source:key[=value])                  PORT/PROTO   PROXY PORT   AUTH TYPE   BYTES    PACKETS   PREFIX',
      'Allow    Ingress     reserved:host                                ANY          NONE         disabled    1210     11        0',
      '                     reserved:kube-apiserver',
      'Deny     Egress      k8s:app=ledger                               5432/TCP     NONE         disabled    0        0         24',
      'Allow    Egress      reserved:kube-dns                            53/UDP       14223        disabled    -        -         24',
    ],
    records: [
      { kind: 'status-block', block: 'bpf-policy-get' },
      { kind: 'policy-map-entry', endpoint: null, verdict: 'Allow', direction: 'Ingress', peer: 'reserved:host', port: 'ANY', proxyPort: null, authType: 'disabled', bytes: 1210, packets: 11, prefixLength: 0 },
      { kind: 'list-label', list: 'policy', owner: 'Ingress reserved:host ANY', label: 'reserved:kube-apiserver' },
      { kind: 'policy-map-entry', verdict: 'Deny', direction: 'Egress', peer: 'k8s:app=ledger', port: '5432/TCP', prefixLength: 24 },
      { kind: 'policy-map-entry', verdict: 'Allow', port: '53/UDP', proxyPort: 14223, bytes: null, packets: null },
    ],
  },
  {
    // `cilium bpf policy get --all`: each map's endpoint and path before its table.
    lines: [
      'Endpoint ID: 431',
      'Path: /sys/fs/bpf/tc/globals/cilium_policy_00431',
      'POLICY   DIRECTION   LABELS (source:key[=value])   PORT/PROTO   PROXY PORT   AUTH TYPE   BYTES   PACKETS   PREFIX',
      'Allow    Egress      ANY                           53/UDP       NONE         disabled    880     12        24',
    ],
    records: [
      { kind: 'status-block', block: 'bpf-policy-get' },
      { kind: 'policy-map-entry', endpoint: 431, verdict: 'Allow', direction: 'Egress', peer: 'ANY', port: '53/UDP', bytes: 880, packets: 12 },
    ],
  },
  {
    // Before 1.9: no verdict (allow entries only), no auth type, no prefix.
    lines: [
      'DIRECTION   LABELS (source:key[=value])   PORT/PROTO   PROXY PORT   BYTES   PACKETS   ',
      'Ingress     reserved:world                ANY          NONE         0       0         ',
    ],
    records: [
      { kind: 'status-block', block: 'bpf-policy-get' },
      { kind: 'policy-map-entry', verdict: null, direction: 'Ingress', peer: 'reserved:world', port: 'ANY', proxyPort: null, authType: null, bytes: 0, packets: 0, prefixLength: null },
    ],
  },
  {
    // ≤1.9: the key is the frontend alone, a value its backend and rev-NAT id (slots not printed).
    lines: [
      'SERVICE ADDRESS        BACKEND ADDRESS          ',
      '10.97.4.12:8080        0.0.0.0:0 (0)            ',
      '                       10.40.2.19:8080 (14)     ',
      '                       10.40.1.7:8080 (14)      ',
    ],
    records: [
      { kind: 'status-block', block: 'bpf-lb-list' },
      { kind: 'lb-entry', frontend: '10.97.4.12:8080', slot: 0, backend: null, revNat: 0, flags: [] },
      { kind: 'lb-entry', frontend: '10.97.4.12:8080', slot: null, backend: '10.40.2.19:8080', revNat: 14 },
      { kind: 'lb-entry', frontend: '10.97.4.12:8080', slot: null, backend: '10.40.1.7:8080', revNat: 14 },
    ],
  },
  {
    // 1.15 →: one row per frontend, each value with its own slot; an L7 load balancer's proxy port.
    lines: [
      'SERVICE ADDRESS     BACKEND ADDRESS (REVNAT_ID) (SLOT)',
      '10.96.0.1:443       192.168.5.3:6443 (1) (1)',
      '                    0.0.0.0:0 (1) (0) [ClusterIP, non-routable] ',
      '172.19.0.4:31877    0.0.0.0:0 (40) (0) [NodePort, l7-load-balancer] (L7LB Proxy Port: 14211)',
    ],
    records: [
      { kind: 'status-block', block: 'bpf-lb-list' },
      { kind: 'lb-entry', frontend: '10.96.0.1:443', slot: 1, backend: '192.168.5.3:6443', revNat: 1 },
      { kind: 'lb-entry', frontend: '10.96.0.1:443', slot: 0, backend: null, revNat: 1, flags: ['ClusterIP', 'non-routable'] },
      { kind: 'lb-entry', frontend: '172.19.0.4:31877', slot: 0, backend: null, revNat: 40, flags: ['NodePort', 'l7-load-balancer'] },
    ],
  },
  {
    lines: [
      'IP PREFIX/ADDRESS   IDENTITY',
      '10.32.9.0/24        identity=6 encryptkey=0 tunnelendpoint=10.16.4.9 flags=hastunnel   ',
      '10.32.7.66/32       52807 0 0.0.0.0 0',
    ],
    records: [
      { kind: 'status-block', block: 'bpf-ipcache-list' },
      { kind: 'ipcache-entry', prefix: '10.32.9.0/24', identity: 6, encryptKey: 0, tunnelEndpoint: '10.16.4.9', flags: 'hastunnel' },
      { kind: 'ipcache-entry', prefix: '10.32.7.66/32', identity: 52807, tunnelEndpoint: '0.0.0.0', nodeId: 0, flags: null },
    ],
  },
  {
    lines: ['TUNNEL     VALUE', '10.32.9.0   10.16.4.9:0 3   '],
    records: [
      { kind: 'status-block', block: 'bpf-tunnel-list' },
      { kind: 'tunnel-entry', prefix: '10.32.9.0', endpoint: '10.16.4.9', encryptKey: 0, nodeId: 3 },
    ],
  },
  {
    lines: ['ID         LABELS', '16777219   cidr:203.0.113.0/27', '           reserved:world'],
    records: [
      { kind: 'status-block', block: 'identity-list' },
      { kind: 'identity-entry', id: 16777219, label: 'cidr:203.0.113.0/27', refcount: null },
      { kind: 'identity-entry', id: 16777219, label: 'reserved:world' },
    ],
  },
  {
    lines: [
      'IP                IDENTITY                                  SOURCE',
      '10.32.7.66/32     k8s:app=ledger                            custom-resource',
      '                  k8s:io.kubernetes.pod.namespace=finance   ',
    ],
    records: [
      { kind: 'status-block', block: 'ip-list' },
      { kind: 'ip-entry', cidr: '10.32.7.66/32', identity: 'k8s:app=ledger', source: 'custom-resource' },
      { kind: 'list-label', list: 'ip', owner: '10.32.7.66/32', label: 'k8s:io.kubernetes.pod.namespace=finance' },
    ],
  },
  {
    lines: [
      'UDP OUT 10.32.7.66:41873 -> 10.110.0.10:53 service expires=918734 Packets=0 Bytes=0 RxFlagsSeen=0x00 LastRxReport=0 TxFlagsSeen=0x00 LastTxReport=918704 Flags=0x0000 [ ] RevNAT=4 SourceSecurityID=0 BackendID=0 ',
      'TCP SVC 10.32.7.66:50212 -> 10.110.7.9:8443 expires=919321 Packets=0 Bytes=0 RxFlagsSeen=0x00 LastRxReport=0 TxFlagsSeen=0x02 LastTxReport=918961 Flags=0x0010 [ SeenNonSyn ] RevNAT=31 SourceSecurityID=0 BackendID=7 ',
    ],
    records: [
      { kind: 'status-block', block: 'bpf-ct-list' },
      { kind: 'ct-entry', proto: 'UDP', dir: 'OUT', src: '10.32.7.66:41873', dst: '10.110.0.10:53', service: true, flags: [] },
      { kind: 'ct-entry', proto: 'TCP', dir: 'SVC', service: true, flags: ['SeenNonSyn'] },
    ],
  },
  {
    // A value the terminal wrapped: the line that completes it gives the field again, whole.
    lines: [
      'Encryption:            Wireguard   [NodeEncryption: Enabled, cilium_wg0 (Pubkey: Hc4kT9mQ2vX7bN1sL5pR8wZ3yA6eD0fG4iJ2oU9cE1M=, Port: 51871, Peers: ',
      '5)]',
    ],
    records: [
      { kind: 'status-block', block: 'agent-status' },
      { kind: 'status-field', label: 'Encryption', detail: { type: 'encryption', mode: 'Wireguard', wireguard: [] } },
      {
        kind: 'status-field',
        label: 'Encryption',
        value: 'Wireguard [NodeEncryption: Enabled, cilium_wg0 (Pubkey: Hc4kT9mQ2vX7bN1sL5pR8wZ3yA6eD0fG4iJ2oU9cE1M=, Port: 51871, Peers: 5)]',
        detail: { type: 'encryption', nodeEncryption: true, wireguard: [{ iface: 'cilium_wg0', port: 51871, peers: 5 }] },
        note: 'value wrapped onto this line',
      },
    ],
  },
  // ---- cilium bpf nat list (≤1.11 HostLocal, 1.12 → NeedsCT), cilium map list, cilium encrypt status ----
  {
    lines: [
      'UDP OUT 10.41.0.77:40112 -> 10.96.0.10:53 XLATE_SRC 172.18.3.4:40112 Created=87sec HostLocal=1',
      'TCP IN 198.51.100.9:51544 -> 172.18.3.4:32211 XLATE_DST 10.41.0.77:8080 Created=12sec NeedsCT=0',
      'TCP OUT [fd41::4d]:33810 -> [2001:db8:77::1]:443 XLATE_SRC [2001:db8:3::4]:33810 Created=3sec NeedsCT=1',
    ],
    records: [
      { kind: 'status-block', block: 'bpf-nat-list' },
      { kind: 'nat-entry', proto: 'UDP', dir: 'OUT', src: '10.41.0.77:40112', dst: '10.96.0.10:53', xlate: 'SRC', to: '172.18.3.4:40112', createdSecAgo: 87, hostLocal: 1, needsCT: null },
      { kind: 'nat-entry', proto: 'TCP', dir: 'IN', xlate: 'DST', to: '10.41.0.77:8080', createdSecAgo: 12, hostLocal: null, needsCT: 0 },
      { kind: 'nat-entry', src: '[fd41::4d]:33810', to: '[2001:db8:3::4]:33810', needsCT: 1 },
    ],
  },
  {
    lines: ['Name                     Num entries   Num errors   Cache enabled', 'cilium_lb4_services_v2   12            0            true', 'cilium_lxc               7             1            true', 'cilium_ipcache           0             0            false'],
    records: [
      { kind: 'status-block', block: 'map-list' },
      { kind: 'map-list-entry', name: 'cilium_lb4_services_v2', entries: 12, errors: 0, cache: true },
      { kind: 'map-list-entry', name: 'cilium_lxc', entries: 7, errors: 1, cache: true },
      { kind: 'map-list-entry', name: 'cilium_ipcache', entries: 0, errors: 0, cache: false },
    ],
  },
  {
    // 1.14 → (decryption interfaces); the counters are tab-indented, one per non-zero XFRM counter.
    lines: ['Encryption: IPsec                     ', 'Decryption interface(s): eth0, eth1', 'Keys in use: 1                         ', 'Max Seq. Number: 0x3a2/0xffffffff', 'Errors: 9                         ', '\tXfrmInNoStates: 9                         '],
    records: [
      { kind: 'status-block', block: 'encrypt-status' },
      { kind: 'status-field', section: 'encrypt', label: 'Encryption', value: 'IPsec', detail: { type: 'encryption', mode: 'IPsec' } },
      { kind: 'status-field', section: 'encrypt', label: 'Decryption interface(s)', value: 'eth0, eth1', detail: null },
      { kind: 'status-field', section: 'encrypt', label: 'Keys in use', detail: { type: 'count', count: 1 } },
      { kind: 'status-field', section: 'encrypt', label: 'Max Seq. Number', value: '0x3a2/0xffffffff' },
      { kind: 'status-field', section: 'encrypt', label: 'Errors', detail: { type: 'count', count: 9 } },
      { kind: 'status-field', section: 'encrypt', label: 'XfrmInNoStates', value: '9', detail: { type: 'count', count: 9 } },
    ],
  },
  {
    // WireGuard: one interface with its key and peer count.
    lines: ['Encryption: Wireguard', 'Interface: cilium_wg0', '\tPublic key: Vq2s0cT9hJ4mX1bY7kLp3Rz6wA8eN5uD0fG2iK4oQ1E=', '\tNumber of peers: 2'],
    records: [
      { kind: 'status-block', block: 'encrypt-status' },
      { kind: 'status-field', section: 'encrypt', label: 'Encryption', value: 'Wireguard' },
      { kind: 'status-field', section: 'encrypt', label: 'Interface', value: 'cilium_wg0' },
      { kind: 'status-field', section: 'encrypt', label: 'Public key' },
      { kind: 'status-field', section: 'encrypt', label: 'Number of peers', detail: { type: 'count', count: 2 } },
    ],
  },
  {
    // `cilium endpoint log ID`; a row whose time ingest took for a wrapper's gets it from the line's context.
    lines: [
      'Timestamp              Status    State                   Message',
      '2019-03-02T08:12:40Z   Failure   not-ready               Error regenerating endpoint: Failed to compile: exit status 1',
      '2019-03-02T08:12:51Z   OK        ready                   Successfully regenerated endpoint program (Reason: retrying regeneration)',
    ],
    records: [
      { kind: 'status-block', block: 'endpoint-log' },
      { kind: 'endpoint-log-entry', status: 'Failure', state: 'not-ready', message: 'Error regenerating endpoint: Failed to compile: exit status 1' },
      { kind: 'endpoint-log-entry', status: 'OK', state: 'ready' },
    ],
  },
  // ---- cilium connectivity test (cilium-cli) --------------------------------------------------
  {
    lines: [
      '[=] [cilium-test-2] Test [pod-to-world] [14/98]',
      '  [-] Scenario [pod-to-world/http-to-one-one-one-one]',
      '  [.] Action [pod-to-world/http-to-one-one-one-one/http-to-one-one-one-one-0: cilium-test-2/client-7c9d8b6f5-q2w4e (10.8.1.20) -> one-one-one-one-http (one.one.one.one:80)]',
      '  ❌ command "curl --connect-timeout 2 http://one.one.one.one:80" failed: command terminated with exit code 28',
      '  curl: (28) Resolving timed out after 2000 milliseconds',
      '[=] [cilium-test-2] Skipping test [pod-to-ingress-service] [15/98] (skipped by condition)',
      '🐛   encryption-pod: Enabled:wireguard',
      '📋 Test Report',
      '❌ 1/40 tests failed (1/310 actions), 58 tests skipped, 1 scenarios skipped:',
      'Test [pod-to-world]:',
      '  ❌ pod-to-world/http-to-one-one-one-one/http-to-one-one-one-one-0: cilium-test-2/client-7c9d8b6f5-q2w4e (10.8.1.20) -> one-one-one-one-http (one.one.one.one:80)',
      'connectivity test failed: 1 tests failed',
    ],
    records: [
      { kind: 'status-block', block: 'connectivity-test' },
      { kind: 'connectivity-row', row: 'test', name: 'pod-to-world' },
      { kind: 'connectivity-row', row: 'scenario', name: 'pod-to-world/http-to-one-one-one-one' },
      { kind: 'connectivity-row', row: 'action', name: 'pod-to-world/http-to-one-one-one-one/http-to-one-one-one-one-0' },
      { kind: 'connectivity-row', row: 'result', name: null, ok: false },
      { kind: 'connectivity-row', row: 'note', message: 'curl: (28) Resolving timed out after 2000 milliseconds' },
      { kind: 'connectivity-row', row: 'skipped-test', name: 'pod-to-ingress-service', message: 'skipped by condition' },
      { kind: 'connectivity-row', row: 'feature', name: 'encryption-pod', message: 'Enabled:wireguard' },
      { kind: 'connectivity-row', row: 'note', message: '📋 Test Report' },
      { kind: 'connectivity-row', row: 'summary', ok: false, counts: { failedTests: 1, tests: 40, failedActions: 1, actions: 310 } },
      { kind: 'connectivity-row', row: 'test', name: 'pod-to-world' },
      { kind: 'connectivity-row', row: 'failed-action', name: 'pod-to-world/http-to-one-one-one-one/http-to-one-one-one-one-0', ok: false },
      { kind: 'connectivity-row', row: 'failure', message: '1 tests failed' },
    ],
  },
  {
    // Before v0.15: no test namespace, no test numbers; the passing summary.
    lines: ['[=] Test [no-policies]', '✅ All 31 tests (245 actions) successful, 0 tests skipped, 0 scenarios skipped.'],
    records: [
      { kind: 'status-block', block: 'connectivity-test' },
      { kind: 'connectivity-row', row: 'test', name: 'no-policies' },
      { kind: 'connectivity-row', row: 'summary', ok: true, counts: { failedTests: 0, tests: 31, failedActions: 0, actions: 245 } },
    ],
  },
  // ---- cilium config, cilium version (§9) -----------------------------------------------------
  {
    lines: [
      '#### Read-only configurations ####',
      'RoutingMode                       : native',
      'KVStoreOpt                        : ',
      '\tetcd.config               : /var/lib/etcd-config/etcd.config',
      'k8s-configuration                 : ',
      'k8s-endpoint                      : https://10.96.0.1:443',
      '##### Read-write configurations #####',
      'PolicyEnforcement                 : always',
    ],
    records: [
      { kind: 'status-block', block: 'config' },
      { kind: 'config-entry', name: 'RoutingMode', value: 'native', readOnly: true, parent: null },
      { kind: 'config-entry', name: 'KVStoreOpt', value: '', readOnly: true },
      { kind: 'config-entry', name: 'etcd.config', value: '/var/lib/etcd-config/etcd.config', parent: 'KVStoreOpt' },
      { kind: 'config-entry', name: 'k8s-configuration', value: '', readOnly: true, parent: null },
      { kind: 'config-entry', name: 'k8s-endpoint', value: 'https://10.96.0.1:443', readOnly: true, parent: null },
      { kind: 'config-entry', name: 'PolicyEnforcement', value: 'always', readOnly: false },
    ],
  },
  // ---- cilium clustermesh status (cilium-cli) ------------------------------------------------
  {
    command: 'cilium clustermesh status --context prod-a',
    lines: [
      '✅ Cluster access information is available:',
      '  - 10.220.4.17:2379',
      '⚠️  1/5 nodes are not connected to all clusters [min:0 / avg:0.8 / max:1]',
      '✅ All 2 KVStoreMesh replicas are connected to all clusters [min:1 / avg:1.0 / max:1]',
      '🔌 Cluster Connections:',
      '  - prod-b: 5/5 configured, 4/5 connected - KVStoreMesh: 2/2 configured, 2/2 connected',
      '- prod-c: 5/5 configured, 5/5 connected',
      '  ❌ cilium-h7d2x is not connected to cluster prod-b: remote cluster configuration required but not found',
    ],
    records: [
      { kind: 'status-block', block: 'clustermesh-status' },
      { kind: 'clustermesh-row', row: 'note', message: 'Cluster access information is available:' },
      { kind: 'clustermesh-row', row: 'note', message: '10.220.4.17:2379' },
      { kind: 'clustermesh-row', row: 'agents', connected: 4, total: 5 },
      { kind: 'clustermesh-row', row: 'kvstoremesh', connected: 2, total: 2 },
      { kind: 'clustermesh-row', row: 'note', message: 'Cluster Connections:' },
      { kind: 'clustermesh-row', row: 'connection', cluster: 'prod-b', configured: 5, connected: 4, total: 5, kvstoremesh: { configured: 2, connected: 2, total: 2 } },
      { kind: 'clustermesh-row', row: 'connection', cluster: 'prod-c', connected: 5, kvstoremesh: null },
      { kind: 'clustermesh-row', row: 'error', pod: 'cilium-h7d2x', cluster: 'prod-b', message: 'remote cluster configuration required but not found' },
    ],
  },
  {
    // `cilium-dbg config --all` filtered by a pipe: rows without their section header.
    command: 'kubectl -n kube-system exec ds/cilium -- cilium-dbg config --all | grep -i ct',
    lines: ['BpfCtGlobalAnyMax                : 65536', 'BpfCtGlobalTcpMax                : 131072', 'ConntrackAccounting              : Enabled'],
    records: [
      { kind: 'status-block', block: 'config' },
      { kind: 'config-entry', name: 'BpfCtGlobalAnyMax', value: '65536', parent: null },
      { kind: 'config-entry', name: 'BpfCtGlobalTcpMax', value: '131072' },
      { kind: 'config-entry', name: 'ConntrackAccounting', value: 'Enabled' },
    ],
  },
  {
    lines: [
      'Client: 1.16.2 0f1a6ee3 2024-09-20T14:01:19+00:00 go version go1.22.7 linux/arm64',
      'Daemon: 1.16.2 0f1a6ee3 2024-09-20T14:01:19+00:00 go version go1.22.7 linux/arm64',
      'cilium-cli: v0.16.18 compiled with go1.23.1 on darwin/arm64',
      'cilium image (running): unknown. Unable to obtain cilium version, no cilium pods found in namespace "kube-system"',
      'hubble v0.13.6@HEAD-8ec24c1 compiled with go1.22.4 on linux/amd64',
      'hubble 0.11.2 compiled with go1.19.4 on darwin/amd64',
    ],
    records: [
      { kind: 'status-block', block: 'version' },
      { kind: 'version-entry', component: 'Client', version: '1.16.2', revision: '0f1a6ee3' },
      { kind: 'version-entry', component: 'Daemon', version: '1.16.2' },
      { kind: 'version-entry', component: 'cilium-cli', version: '0.16.18', revision: null },
      { kind: 'version-entry', component: 'cilium image (running)', version: null },
      { kind: 'version-entry', component: 'hubble', version: '0.13.6', revision: '8ec24c1' },
      { kind: 'version-entry', component: 'hubble', version: '0.11.2', revision: null },
    ],
  },
  // ---- releases before 1.9 (pkg/client and pkg/health/client at the 1.0–1.8 release commits) ----
  {
    lines: [
      'IPv4 address pool:      2/255 allocated from 10.31.6.0/24',
      '  10.31.6.1',
      '  10.31.6.77',
      'Proxy Status:           OK, ip 10.31.6.1, port-range 10000-20000',
      'KubeProxyReplacement:   Partial   (eth0)   [NodePort (DSR, 30000-32767, XDP: NONE), HostReachableServices (TCP)]',
      'Cluster health:         2/2 reachable   (2019-11-04T16:08:31Z)',
      '  Name                     IP            Reachable   Endpoints reachable',
      '  lab/k8s-b (localhost)    10.9.12.5     true        false',
    ],
    records: [
      { kind: 'status-block', block: 'agent-status' },
      { kind: 'status-field', label: 'IPv4 address pool', detail: { type: 'ipam', pools: [{ family: 'IPv4', used: 2, size: 255, from: '10.31.6.0/24' }] } },
      { kind: 'status-address', ip: '10.31.6.1', owner: '' },
      { kind: 'status-address', ip: '10.31.6.77', owner: '' },
      { kind: 'status-field', label: 'Proxy Status', detail: { type: 'proxy', ip: '10.31.6.1', ports: '10000-20000', redirects: null } },
      { kind: 'status-field', label: 'KubeProxyReplacement', detail: { type: 'kpr', mode: 'Partial', features: ['NodePort (DSR, 30000-32767, XDP: NONE)', 'HostReachableServices (TCP)'] } },
      { kind: 'status-field', label: 'Cluster health', detail: { type: 'cluster-health', reachable: 2, total: 2 } },
      { kind: 'health-node', name: 'lab/k8s-b', localhost: true, ips: ['10.9.12.5'], node: 'reachable', endpoints: 'unreachable' },
    ],
  },
  {
    // 1.7 printed the replacement's features alone in the brackets, no devices.
    lines: ['KubeProxyReplacement:   Strict   [NodePort (SNAT, 30000-32767), ExternalIPs, HostReachableServices (TCP, UDP), SessionAffinity]'],
    records: [
      { kind: 'status-block', block: 'agent-status' },
      {
        kind: 'status-field',
        label: 'KubeProxyReplacement',
        detail: { type: 'kpr', mode: 'Strict', devices: [], features: ['NodePort (SNAT, 30000-32767)', 'ExternalIPs', 'HostReachableServices (TCP, UDP)', 'SessionAffinity'] },
      },
    ],
  },
  {
    // `cilium-health status --succinct`: one row per node under `Nodes:` (before 1.9 `true` / `false`).
    lines: ['Probe time:   2019-10-02T07:12:40Z', 'Nodes:', '  ops/k8s-c (localhost)   10.9.12.6   true   true', '  ops/k8s-d               10.9.12.7   false   true'],
    records: [
      { kind: 'status-block', block: 'health-status' },
      { kind: 'status-field', label: 'Probe time', value: '2019-10-02T07:12:40Z' },
      { kind: 'health-node', name: 'ops/k8s-c', localhost: true, ips: ['10.9.12.6'], node: 'reachable', endpoints: 'reachable' },
      { kind: 'health-node', name: 'ops/k8s-d', localhost: false, ips: ['10.9.12.7'], node: 'unreachable', endpoints: 'reachable' },
    ],
  },
  {
    lines: [
      'Probe time:   2018-05-22T10:40:02Z',
      'Nodes:',
      '  k8s-a (localhost):',
      '    Host connectivity to 10.9.12.4:',
      '      ICMP:          OK, RTT=288.2µs',
      '      HTTP via L3:   Connection timed out',
    ],
    records: [
      { kind: 'status-block', block: 'health-status' },
      { kind: 'status-field', label: 'Probe time', value: '2018-05-22T10:40:02Z' },
      { kind: 'health-node', name: 'k8s-a', localhost: true },
      { kind: 'health-probe', node: 'k8s-a', path: 'host', ip: '10.9.12.4', protocol: 'icmp', ok: true, rttMicros: 288.2 },
      { kind: 'health-probe', node: 'k8s-a', path: 'host', protocol: 'http', ok: false, result: 'Connection timed out' },
    ],
  },
];
