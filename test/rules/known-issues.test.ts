import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/catalog/known-issues.js';
import type { ClusterState } from '../../src/types/state.js';
import { analyze, tempFile } from '../helpers/analyze.js';
import { banner, flagDump, daemonLine, nodeName } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/**
 * One paste of node `kn-2`: the agent log (banner unless `version` is null, flags, node name, `log`)
 * followed by `status` lines (the `Cilium:` line first when the version is known).
 */
function paste(version: string | null, flags: Record<string, string>, status: string[], log: string[] = []): Record<string, string> {
  const cilium = version ? [`Cilium:                  Ok   ${version} (v${version}-0d9e8f7a)`] : [];
  return { 'case.txt': lines(...(version ? [banner(version)] : []), ...flagDump(flags), nodeName('kn-2'), ...log, ...cilium, ...status) };
}

const tunnelBpf = { 'routing-mode': 'tunnel', 'tunnel-protocol': 'vxlan', 'kube-proxy-replacement': 'true', 'enable-bpf-masquerade': 'true' };
const hostBpf = 'Host Routing:            BPF';
const masqBpf = 'Masquerading:            BPF   [ens5]   10.70.0.0/16 [IPv4: Enabled, IPv6: Disabled]';
const masqIptables = 'Masquerading:            IPTables [IPv4: Enabled, IPv6: Disabled]';

/** Sets the kernel of node `kn-2` (no grammar reads node kernels yet). */
const kernel = (release: string) => (state: ClusterState) => {
  state.nodes.find((n) => n.name === 'kn-2')!.kernelVersion = release;
};

ruleTester(rule, {
  valid: [
    {
      name: '1.18: BUG-01 is fixed; iptables masquerading, no DSR, no NodePort forwarding issue',
      inputs: paste('1.18.1', { ...tunnelBpf, 'enable-bpf-masquerade': 'false' }, ['Routing:                 Network: Tunnel [vxlan]   Host: BPF', masqIptables]),
    },
    { name: 'tunnel with legacy host routing', inputs: paste('1.16.4', { ...tunnelBpf, 'enable-bpf-masquerade': 'false' }, ['Host Routing:            Legacy', masqIptables]) },
    { name: 'an unknown release without an observation', inputs: paste(null, { ...tunnelBpf, 'enable-bpf-masquerade': 'false' }, [hostBpf, masqIptables]) },
    {
      name: '1.14.2 fixed the XDP tunnel paths (BUG-03)',
      inputs: paste('1.14.2', { ...tunnelBpf, 'enable-bpf-masquerade': 'false', 'bpf-lb-acceleration': 'native' }, ['Host Routing:            Legacy', masqIptables]),
    },
    {
      name: 'workload-gated issues need their observation: socket-LB (BUG-05) and BPF HostPort (BUG-09)',
      inputs: paste('1.16.4', { 'routing-mode': 'native', 'kube-proxy-replacement': 'true', 'enable-bpf-masquerade': 'false' }, ['Host Routing:            Legacy', masqIptables]),
    },
    {
      name: 'a kernel with the veth fix on a release without the workaround (BUG-08)',
      inputs: paste('1.10.4', { 'routing-mode': 'native', 'kube-proxy-replacement': 'disabled' }, ['Host Routing:            Legacy', masqIptables]),
      amend: kernel('5.18.7-200.fc36.x86_64'),
    },
  ],
  invalid: [
    {
      name: 'BUG-01 applies to tunnel + BPF host routing on 1.15 (BUG-04 with its BPF masquerading)',
      inputs: paste('1.15.4', tunnelBpf, [hostBpf, masqBpf]),
      findings: [
        { messageId: 'applies', severity: 'info', lines: ['case.txt:2', 'case.txt:7', 'case.txt:8'], node: 'kn-2', includes: ['BUG-01 applies on kn-2 (1.15.4; tunnel routing, BPF host routing)', 'cilium/cilium#35023'] },
        { messageId: 'applies', severity: 'info', lines: ['case.txt:7', 'case.txt:9'], includes: ['BUG-04'] },
      ],
    },
    {
      name: 'BUG-01 on 1.17, a release nobody checked',
      inputs: paste('1.17.2', { ...tunnelBpf, 'enable-bpf-masquerade': 'false' }, ['Routing:                 Network: Tunnel [vxlan]   Host: BPF', masqIptables]),
      findings: [{ messageId: 'applies', severity: 'info', lines: ['case.txt:2', 'case.txt:7', 'case.txt:8'], includes: ['not checked against the issue'] }],
    },
    {
      name: 'BUG-02 applies on 1.9.6 tunnel clusters, observed as legacy host routing',
      inputs: paste('1.9.6', { tunnel: 'vxlan', 'kube-proxy-replacement': 'partial', 'enable-node-port': 'false', 'enable-host-legacy-routing': 'false' }, ['Host Routing:            Legacy']),
      findings: [{ messageId: 'observed', severity: 'warning', lines: ['case.txt:2', 'case.txt:5', 'case.txt:7', 'case.txt:8'], includes: ['BUG-02 observed', 'host routing is legacy'] }],
    },
    {
      name: 'BUG-03 on 1.13 with BPF NodePort',
      inputs: paste('1.13.5', { tunnel: 'vxlan', 'kube-proxy-replacement': 'strict', 'enable-bpf-masquerade': 'false' }, ['Host Routing:            Legacy', masqIptables]),
      findings: [{ messageId: 'applies', severity: 'info', lines: ['case.txt:3', 'case.txt:6'], includes: ['BUG-03', 'BPF NodePort'] }],
    },
    {
      name: 'BUG-03 on 1.14.1 with XDP and tunnelling',
      inputs: paste('1.14.1', { ...tunnelBpf, 'enable-bpf-masquerade': 'false', 'bpf-lb-acceleration': 'native' }, ['Host Routing:            Legacy', masqIptables]),
      findings: [{ messageId: 'applies', severity: 'info', lines: ['case.txt:2', 'case.txt:4', 'case.txt:6', 'case.txt:8'], includes: ['BPF NodePort, XDP acceleration, tunnel routing'] }],
    },
    {
      name: 'BUG-06: one backend behind the ClusterIPs of two services',
      inputs: {
        ...paste('1.16.4', { 'routing-mode': 'native', 'kube-proxy-replacement': 'false', 'enable-node-port': 'false' }, []),
        'svc.txt': lines(
          'ID   Frontend            Service Type   Backend',
          '4    10.96.12.40:80      ClusterIP      1 => 10.70.3.15:8080 (active)',
          '5    10.96.77.2:8080     ClusterIP      1 => 10.70.3.15:8080 (active)',
          '6    10.96.90.9:443      ClusterIP      1 => 10.70.3.16:8443 (active)',
        ),
      },
      findings: [{ messageId: 'applies', severity: 'info', lines: ['case.txt:6', 'svc.txt:2', 'svc.txt:3'], includes: ['BUG-06', 'cilium/cilium#11810'] }],
    },
    {
      name: 'BUG-07: DSR',
      inputs: paste('1.16.4', { 'routing-mode': 'native', 'kube-proxy-replacement': 'true', 'bpf-lb-mode': 'hybrid', 'enable-bpf-masquerade': 'false' }, ['Host Routing:            Legacy', masqIptables]),
      findings: [{ messageId: 'applies', severity: 'info', lines: ['case.txt:4', 'case.txt:7'], includes: ['BUG-07', 'DSR load balancing'] }],
    },
    {
      name: 'BUG-08: a kernel recording the veth RX queue on a release without the workaround',
      inputs: paste('1.10.4', { 'routing-mode': 'native', 'kube-proxy-replacement': 'disabled' }, ['Host Routing:            Legacy', masqIptables]),
      amend: kernel('5.13.0-1031-aws'),
      findings: [{ messageId: 'applies', severity: 'info', lines: ['case.txt:4', 'case.txt:5'], includes: ['BUG-08', '1.10.7'] }],
    },
    {
      name: 'BUG-09 observed: the agent ignored a hostPort',
      inputs: paste('1.15.4', { 'routing-mode': 'native', 'kube-proxy-replacement': 'true', 'enable-bpf-masquerade': 'false' }, ['Host Routing:            Legacy', masqIptables], [
        'level=warning msg="The requested hostPort 30088 is colliding with the configured NodePort range [30000, 32767]. Ignoring." k8sNamespace=edge k8sPodName=relay-5c8f9 subsys=k8s-watcher',
      ]),
      findings: [{ messageId: 'observed', severity: 'warning', lines: ['case.txt:3', 'case.txt:6', 'case.txt:7'], includes: ['BUG-09 observed', 'colliding'] }],
    },
    {
      name: 'BUG-05 observed: an NFS mount failing on a socket-LB node',
      inputs: paste('1.16.4', { 'routing-mode': 'native', 'kube-proxy-replacement': 'true', 'enable-bpf-masquerade': 'false' }, ['Host Routing:            Legacy', masqIptables], [
        daemonLine('info', 'Agent ready'),
      ]),
      amend: (state, paths) => {
        state.events = [
          {
            namespace: 'data',
            object: 'Pod/ingest-0',
            type: 'Warning',
            reason: 'FailedMount',
            message: 'MountVolume.SetUp failed for volume "pvc-3e1" : mount failed: exit status 32 mounting 10.96.40.8:/export on nfs: Connection timed out',
            count: 4,
            evidence: [{ source: paths['case.txt']!, line: 6 }],
          },
        ];
      },
      findings: [{ messageId: 'observed', severity: 'warning', lines: ['case.txt:3', 'case.txt:6', 'case.txt:7'], includes: ['BUG-05 observed', 'NFS/SMB mount failures'] }],
    },
  ],
});

describe('known-issues BUG-01 observed in a replayed flow', () => {
  it('a pod→world SYN traced `-> stack` on a 1.14 tunnel node with BPF host routing is a warning', async () => {
    const path = tempFile(
      'bug01.txt',
      [
        ...paste('1.14.9', tunnelBpf, [hostBpf, masqBpf])['case.txt']!.trimEnd().split('\n'),
        'Name   IPv4 Address   Endpoint CIDR   IPv6 Address   Endpoint CIDR   Source',
        'kn-2   192.168.60.12  10.70.2.0/24                                  local',
        // cilium monitor -vv: the ipcache mapping of the destination, then the trace (dissection before the header, 1.10–1.18)
        'CPU 01: MARK 0x0 FROM 2310 DEBUG: Successfully mapped addr=151.101.65.140 to identity=2',
        '-'.repeat(78),
        'Ethernet\t{Contents=[..14..] Payload=[..60..] SrcMAC=9a:41:0c:7e:22:15 DstMAC=5e:b3:07:d1:48:6c EthernetType=IPv4 Length=0}',
        'IPv4\t{Contents=[..20..] Payload=[..40..] Version=4 IHL=5 TOS=0 Length=60 Id=30512 Flags=DF FragOffset=0 TTL=63 Protocol=TCP Checksum=12087 SrcIP=10.70.2.31 DstIP=151.101.65.140 Options=[] Padding=[]}',
        'TCP\t{Contents=[..40..] Payload=[] SrcPort=48210 DstPort=443(https) Seq=2210938811 Ack=0 DataOffset=10 FIN=false SYN=true RST=false PSH=false ACK=false URG=false ECE=false CWR=false NS=false Window=64860 Checksum=4412 Urgent=0 Options=[..5..] Padding=[]}',
        'CPU 01: MARK 0x0 FROM 2310 to-stack: 74 bytes (74 captured), state new, , identity 41877->2, orig-ip 0.0.0.0',
        '',
      ].join('\n'),
    );
    const report = await analyze([path]);
    const bug01 = report.findings.filter((f) => f.rule === 'known-issues' && f.title.startsWith('BUG-01'));
    expect(bug01.map((f) => ({ severity: f.severity, lines: f.evidence.map((e) => e.line) }))).toEqual([{ severity: 'warning', lines: [2, 7, 8, 17] }]);
    expect(bug01[0]!.message).toContain('BUG-01 observed on kn-2 (1.14.9; tunnel routing, BPF host routing): a pod→world flow traced `-> stack`');
  });
});
