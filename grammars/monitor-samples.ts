/**
 * The monitor family's documented samples: every event kind in each form it is printed in
 * (summary, verbose header, `-j` JSON, text), the stream lines, and `-vv` dissection blocks printed
 * before and after their header, as layer lines or a `--hex` dump, each with the records it parses
 * into (checked by test/grammars).
 */
import type { GrammarSample } from '../src/types/grammar.js';

const at = (line: number): { line: number; segment: number } => ({ line, segment: 0 });

const TCP_SYN_ACK =
  'TCP\t{Contents=[..20..] Payload=[] SrcPort=5432(postgresql) DstPort=51022 Seq=3141592653 Ack=2718281829 DataOffset=5 FIN=false SYN=true RST=false PSH=false ACK=true URG=false ECE=false CWR=false NS=false Window=65160 Checksum=0 Urgent=0 Options=[] Padding=[]}';

export const samples: readonly GrammarSample[] = [
  // ---- the stream (§2) ------------------------------------------------------------------------
  {
    lines: [
      'Listening for events on 12 CPUs with 64x4096 of shared memory',
      'Press Ctrl-C to quit',
      '------------------------------------------------------------------------------',
      'CPU 11: Lost 42 events',
      'CPU 02: Unknown event: [200 0 12 0 0 0 0 0]',
      'Received an interrupt, disconnecting from monitor...',
    ],
    records: [
      { kind: 'monitor-line', type: 'banner', fields: { cpus: '12', pages: '64', pageSize: '4096' } },
      { kind: 'monitor-line', type: 'banner', fields: null },
      { kind: 'monitor-line', type: 'separator' },
      { kind: 'monitor-event', type: 'lost', form: 'text', cpu: 11, lostCount: 42, captureSession: 1 },
      { kind: 'monitor-event', type: 'unknown-event', form: 'text', cpu: 2, message: '[200 0 12 0 0 0 0 0]' },
      { kind: 'monitor-line', type: 'interrupt' },
    ],
  },
  {
    lines: [
      'Unknown payload type: 9, CPU 03: Lost 5 events',
      "cannot decode message type '147': unexpected EOF",
      'Error while parsing drop notification message: unexpected EOF',
      'endpoint 4021 not found',
    ],
    records: [
      { kind: 'monitor-event', type: 'lost', form: 'text', subtype: '9', cpu: 3, lostCount: 5 },
      { kind: 'monitor-event', type: 'error', subtype: '147', message: 'unexpected EOF' },
      { kind: 'monitor-event', type: 'error', subtype: 'drop notification message', message: 'unexpected EOF' },
      { kind: 'monitor-event', type: 'error', sourceEndpoint: 4021, message: 'endpoint 4021 not found' },
    ],
  },
  // ---- drops (§4) -----------------------------------------------------------------------------
  {
    lines: [
      'xx drop (Policy denied) flow 0x1c2d3e4f to endpoint 733, ifindex 19, file bpf_lxc.c:2087, , identity 41002->28871: 10.60.3.14:51022 -> 10.60.5.9:5432 tcp SYN',
      'xx drop (FIB lookup failed, 1) flow 0x0 to endpoint 0, file bpf_host.c line 1288, , identity host->world: 172.31.4.10:48220 -> 198.51.100.77:443 tcp SYN',
      'xx drop (Unsupported L3 protocol) flow 0x0 to endpoint 0, , identity 41002->unknown: fe80::8c1:4dff:fe2a:77b1 -> ff02::2 RouterSolicitation',
      'CPU 05: MARK 0x0 FROM 733 DROP: 74 bytes, reason Policy denied, identity 28871->41002, to endpoint 733',
    ],
    records: [
      {
        kind: 'monitor-event', type: 'drop', form: 'summary', mark: '0x1c2d3e4f', dropCode: 133, dropReason: 'Policy denied', extError: null,
        destEndpoint: 733, ifindex: 19, bpfFile: 'bpf_lxc.c', bpfLine: 2087, srcIdentity: '41002', srcIdentityNum: 41002, dstIdentityNum: 28871,
        srcIp: '10.60.3.14', srcPort: 51022, dstIp: '10.60.5.9', dstPort: 5432, protocol: 'tcp', tcpFlags: 'SYN',
      },
      {
        kind: 'monitor-event', type: 'drop', dropCode: 169, dropReason: 'FIB lookup failed', extError: 1, bpfFile: 'bpf_host.c', bpfLine: 1288,
        srcIdentity: 'host', srcIdentityNum: 1, dstIdentity: 'world', dstIdentityNum: 2,
      },
      { kind: 'monitor-event', type: 'drop', dstIdentity: 'unknown', dstIdentityNum: 0, srcIp: 'fe80::8c1:4dff:fe2a:77b1', protocol: 'icmpv6', icmpType: 'RouterSolicitation' },
      { kind: 'monitor-event', type: 'drop', form: 'verbose', cpu: 5, length: 74, dropCode: 133, sourceEndpoint: 733, destEndpoint: 733, srcIdentityNum: 28871 },
    ],
  },
  // ---- traces (§5) ----------------------------------------------------------------------------
  {
    lines: [
      '-> endpoint 1522 flow 0x9a8b7c6d , identity 30117->41002 state reply ifindex lxc4c1d9e0b27fa orig-ip 10.60.5.9: 10.60.5.9:5432 -> 10.60.3.14:51022 tcp SYN, ACK',
      '<- endpoint 733 flow 0x1c2d3e4f , identity 41002->unknown state new ifindex 0 orig-ip 0.0.0.0: 10.60.3.14:51022 -> 10.110.4.2:5432 tcp SYN',
      '-> proxy port 15001 flow 0x5e6f7a8b , identity 41002->28871 state new ifindex 0 orig-ip 10.60.3.14: 10.60.3.14:39001 -> 10.60.5.9:80 tcp SYN',
      '-> host from flow 0x0 , identity health->host state reply ifindex 0 orig-ip 0.0.0.0: 10.60.3.201:4240 -> 10.60.3.1:50814 tcp ACK',
      '-> stack encrypted  flow 0x0 , identity 41002->28871 state established ifindex 0 orig-ip 0.0.0.0: 10.60.3.14:51022 -> 10.60.9.40:5432 tcp ACK',
      '<- crypto flow 0x0 , identity unknown->unknown state unknown ifindex cilium_wg0 orig-ip 0.0.0.0: 10.60.9.40:5432 -> 10.60.3.14:51022 tcp ACK',
      '-> network flow 0x4d3c2b1a , identity 41002->world state new ifindex ens5 orig-ip 0.0.0.0: 10.60.3.14:40112 -> 203.0.113.8:443 tcp SYN [tunnel 172.31.4.10:40112 -> 172.31.9.20:6081 geneve]',
    ],
    records: [
      {
        kind: 'monitor-event', type: 'trace', form: 'summary', obsPoint: 'to-endpoint', destEndpoint: 1522, traceState: 'reply',
        ifname: 'lxc4c1d9e0b27fa', origIp: '10.60.5.9', tcpFlags: 'SYN,ACK', encrypted: false,
      },
      { kind: 'monitor-event', type: 'trace', obsPoint: 'from-endpoint', sourceEndpoint: 733, ifindex: 0, dstIdentityNum: 0 },
      { kind: 'monitor-event', type: 'trace', obsPoint: 'to-proxy', proxyPort: 15001, destEndpoint: null },
      { kind: 'monitor-event', type: 'trace', obsPoint: 'to-host', srcIdentity: 'health', srcIdentityNum: 4, tcpFlags: 'ACK' },
      { kind: 'monitor-event', type: 'trace', obsPoint: 'to-stack', encrypted: true, traceState: 'established' },
      { kind: 'monitor-event', type: 'trace', obsPoint: 'from-crypto', ifname: 'cilium_wg0' },
      {
        kind: 'monitor-event', type: 'trace', obsPoint: 'to-network', ifname: 'ens5', dstIp: '203.0.113.8',
        details: { tunnel: { src: '172.31.4.10:40112', dst: '172.31.9.20:6081', protocol: 'geneve' } },
      },
    ],
  },
  // -vv, releases ≈ 1.9–1.18: the dissection is printed before its header, which adopts it.
  {
    lines: [
      '------------------------------------------------------------------------------',
      'Ethernet\t{Contents=[..14..] Payload=[..40..] SrcMAC=0a:58:c0:a8:05:09 DstMAC=0a:58:c0:a8:03:0e EthernetType=IPv4 Length=0}',
      'IPv4\t{Contents=[..20..] Payload=[..20..] Version=4 IHL=5 TOS=0 Length=40 Id=7982 Flags=DF FragOffset=0 TTL=63 Protocol=TCP Checksum=0 SrcIP=10.60.5.9 DstIP=10.60.3.14 Options=[] Padding=[]}',
      TCP_SYN_ACK,
      'CPU 05: MARK 0x9a8b7c6d FROM 1522 to-endpoint: 54 bytes (54 captured), state reply, interface lxc4c1d9e0b27fa, , identity 30117->41002, orig-ip 10.60.5.9, to endpoint 1522',
    ],
    records: [
      { kind: 'monitor-line', type: 'separator' },
      { kind: 'monitor-line', type: 'layer', layer: 'Ethernet', fields: { SrcMAC: '0a:58:c0:a8:05:09', EthernetType: 'IPv4' }, eventAt: null },
      { kind: 'monitor-line', type: 'layer', layer: 'IPv4', fields: { TTL: '63', Flags: 'DF' } },
      { kind: 'monitor-line', type: 'layer', layer: 'TCP', fields: { SrcPort: '5432(postgresql)', SYN: 'true', ACK: 'true' } },
      {
        kind: 'monitor-event', type: 'trace', form: 'verbose', cpu: 5, obsPoint: 'to-endpoint', sourceEndpoint: 1522, destEndpoint: 1522,
        length: 54, capturedLength: 54, ifname: 'lxc4c1d9e0b27fa', srcIdentityNum: 30117, dstIdentityNum: 41002, origIp: '10.60.5.9',
        adopts: [at(2), at(3), at(4)],
        dissection: {
          layers: ['Ethernet', 'IPv4', 'TCP'], srcMac: '0a:58:c0:a8:05:09', etherType: 'IPv4', ipVersion: 4, srcIp: '10.60.5.9', dstIp: '10.60.3.14',
          ttl: 63, ipId: 7982, ipFlags: 'DF', protocol: 'TCP', srcPort: 5432, dstPort: 51022, tcpFlags: 'SYN,ACK', tcpSeq: 3141592653, tcpWindow: 65160,
        },
      },
    ],
  },
  // -vv, newest releases: the header first, with ` [ IP-TRACE-ID=N` glued to its first layer line.
  {
    lines: [
      'CPU 08: MARK 0x2f3e4d5c [ IP-TRACE-ID = 90210 ] FROM 0 from-network: 124 bytes (124 captured), state new, interface ens5, orig-ip 0.0.0.0',
      ' [ IP-TRACE-ID=90210Ethernet\t{Contents=[..14..] Payload=[..110..] SrcMAC=06:1b:2c:3d:4e:5f DstMAC=06:aa:bb:cc:dd:ee EthernetType=IPv4 Length=0}',
      'IPv4\t{Contents=[..20..] Payload=[..90..] Version=4 IHL=5 TOS=0 Length=110 Id=31337 Flags= FragOffset=0 TTL=64 Protocol=UDP Checksum=0 SrcIP=172.31.9.20 DstIP=172.31.4.10 Options=[] Padding=[]}',
      'UDP\t{Contents=[..8..] Payload=[..82..] SrcPort=40112 DstPort=8472(otv) Length=90 Checksum=0}',
      'VXLAN\t{Contents=[..8..] Payload=[..74..] ValidIDFlag=true VNI=41002 GBPExtension=false GBPDontLearn=false GBPApplied=false GBPGroupPolicyID=0}',
      'Ethernet\t{Contents=[..14..] Payload=[..60..] SrcMAC=9e:01:02:03:04:05 DstMAC=9e:05:04:03:02:01 EthernetType=IPv4 Length=0}',
      'IPv4\t{Contents=[..20..] Payload=[..40..] Version=4 IHL=5 TOS=0 Length=60 Id=4242 Flags=DF FragOffset=0 TTL=63 Protocol=ICMPv4 Checksum=0 SrcIP=10.60.9.40 DstIP=10.60.3.14 Options=[] Padding=[]}',
      'ICMPv4\t{Contents=[..8..] Payload=[..32..] TypeCode=EchoReply Checksum=0 Id=7 Seq=3}',
      '  Packet has been truncated',
    ],
    records: [
      { kind: 'monitor-event', type: 'trace', form: 'verbose', cpu: 8, traceId: '90210', obsPoint: 'from-network', ifname: 'ens5', dissection: null, adopts: [] },
      { kind: 'monitor-line', type: 'layer', layer: 'Ethernet', fields: { 'IP-TRACE-ID': '90210' }, eventAt: at(1) },
      { kind: 'monitor-line', type: 'layer', layer: 'IPv4', eventAt: at(1) },
      { kind: 'monitor-line', type: 'layer', layer: 'UDP', eventAt: at(1) },
      { kind: 'monitor-line', type: 'layer', layer: 'VXLAN', fields: { VNI: '41002' }, eventAt: at(1) },
      { kind: 'monitor-line', type: 'layer', layer: 'Ethernet', eventAt: at(1) },
      { kind: 'monitor-line', type: 'layer', layer: 'IPv4', eventAt: at(1) },
      { kind: 'monitor-line', type: 'layer', layer: 'ICMPv4', eventAt: at(1) },
      {
        kind: 'monitor-line', type: 'trailer', eventAt: at(1),
        dissection: {
          layers: ['Ethernet', 'IPv4', 'UDP', 'VXLAN', 'Ethernet', 'IPv4', 'ICMPv4'],
          tunnel: { protocol: 'vxlan', srcIp: '172.31.9.20', dstIp: '172.31.4.10', vni: 41002 },
          srcIp: '10.60.9.40', dstIp: '10.60.3.14', protocol: 'ICMPv4', icmpType: 'EchoReply', icmpId: 7, icmpSeq: 3, truncated: true,
        },
      },
    ],
  },
  // -vv --hex: the packet as a Go hex dump, decoded into the same dissection.
  {
    lines: [
      '00000000  0a 58 c0 a8 03 0e 0a 58  c0 a8 05 09 08 00 45 00  |.X.....X......E.|',
      '00000010  00 28 1f 2e 40 00 3f 06  00 00 0a 3c 05 09 0a 3c  |.(..@.?....<...<|',
      '00000020  03 0e 15 38 c7 4e bb 40  e6 4d a2 05 b0 65 50 12  |...8.N.@.M...eP.|',
      '00000030  fe 88 00 00 00 00                                 |......|',
      'CPU 05: MARK 0x9a8b7c6d FROM 1522 to-endpoint: 54 bytes (54 captured), state reply, interface lxc4c1d9e0b27fa, , identity 30117->41002, orig-ip 10.60.5.9, to endpoint 1522',
    ],
    records: [
      { kind: 'monitor-line', type: 'hexdump', fields: { offset: '0' } },
      { kind: 'monitor-line', type: 'hexdump', fields: { offset: '16' } },
      { kind: 'monitor-line', type: 'hexdump', fields: { offset: '32' } },
      { kind: 'monitor-line', type: 'hexdump', fields: { offset: '48' } },
      {
        kind: 'monitor-event', type: 'trace', form: 'verbose', adopts: [at(1), at(2), at(3), at(4)],
        dissection: {
          layers: ['Ethernet', 'IPv4', 'TCP'], srcMac: '0a:58:c0:a8:05:09', dstMac: '0a:58:c0:a8:03:0e', srcIp: '10.60.5.9', dstIp: '10.60.3.14',
          ttl: 63, ipId: 7982, srcPort: 5432, dstPort: 51022, tcpFlags: 'SYN,ACK', tcpSeq: 3141592653, tcpAck: 2718281829, tcpWindow: 65160,
        },
      },
    ],
  },
  // ---- policy verdicts (§6), debug messages (§7), captures (§8), socket traces (§9) ------------
  {
    lines: [
      'Policy verdict log: flow 0x0 local EP ID 733, remote ID 28871, proto 6, egress, action allow, auth: disabled, match L3-L4, 10.60.3.14:51022 -> 10.60.5.9:5432 tcp SYN',
      'Policy verdict log: flow 0x7f00aa11 local EP ID 1522, remote ID world, proto 17, ingress, action deny, match none, 203.0.113.50:5353 -> 10.60.5.9:53 udp',
      'CPU 05: MARK 0x1c2d3e4f FROM 733 DEBUG: Conntrack lookup 1/2: src=10.60.3.14:51022 dst=10.60.5.9:5432',
      'CPU 05: MARK 0x1c2d3e4f FROM 733 DEBUG: CT verdict: Established, revnat=0',
      'CPU 05: MARK 0x1c2d3e4f FROM 733 DEBUG: Successfully mapped addr=10.60.5.9 to identity=28871',
      'CPU 05: MARK 0x1c2d3e4f FROM 0 DEBUG: Attempting local delivery for container id 1522 from seclabel 41002',
      'CPU 07: [pre-xlate-fwd] cgroup_id: 20431 sock_cookie: 99120, dst [10.110.4.2]:5432 tcp ',
      'CPU 07: [unknown] cgroup_id: 20431 sock_cookie: 99120, dst [10.60.5.9]:5432 tcp ',
    ],
    records: [
      {
        kind: 'monitor-event', type: 'policy-verdict', form: 'text', direction: 'egress', sourceEndpoint: 733, destEndpoint: null, dstIdentity: '28871',
        ipProto: 6, action: 'allow', auth: 'disabled', match: 'L3-L4', dstPort: 5432,
      },
      { kind: 'monitor-event', type: 'policy-verdict', direction: 'ingress', destEndpoint: 1522, srcIdentity: 'world', srcIdentityNum: 2, action: 'deny', auth: null, match: 'none', protocol: 'udp' },
      { kind: 'monitor-event', type: 'debug', form: 'text', debugName: 'DBG_CT_LOOKUP4_1', srcIp: '10.60.3.14', srcPort: 51022, dstIp: '10.60.5.9', dstPort: 5432 },
      { kind: 'monitor-event', type: 'debug', debugName: 'DBG_CT_VERDICT', ctVerdict: 'Established' },
      { kind: 'monitor-event', type: 'debug', debugCode: 58, mappedIp: '10.60.5.9', mappedIdentity: 28871 },
      { kind: 'monitor-event', type: 'debug', debugName: 'DBG_LOCAL_DELIVERY', destEndpoint: 1522, srcIdentityNum: 41002 },
      { kind: 'monitor-event', type: 'trace-sock', form: 'text', cpu: 7, subtype: 'pre-xlate-fwd', dstIp: '10.110.4.2', dstPort: 5432, protocol: 'tcp', details: { cgroupId: '20431', sockCookie: '99120' } },
      { kind: 'monitor-event', type: 'trace-sock', subtype: 'unknown' },
    ],
  },
  {
    lines: [
      'CPU 01: MARK 0x5f4e3d2c FROM 902 DEBUG: 60 bytes, Delivery to ifindex 23',
      'Ethernet\t{Contents=[..14..] Payload=[..46..] SrcMAC=3e:71:0c:9a:42:d8 DstMAC=ff:ff:ff:ff:ff:ff EthernetType=ARP Length=0}',
      '  Failed to decode layer: No decoder for layer type ARP',
      '-> lxc9e31c0a7d2b4: 3e:71:0c:9a:42:d8 -> ff:ff:ff:ff:ff:ff ARP',
      '<- load-balancer ens5: 203.0.113.8:443 -> 172.31.4.10:30443 tcp SYN',
      '-> proxy port 8080: 10.60.3.14:39001 -> 10.60.5.9:80 tcp ACK',
    ],
    records: [
      { kind: 'monitor-event', type: 'capture', form: 'verbose', length: 60, subtype: 'Delivery to ifindex 23', ifindex: 23 },
      { kind: 'monitor-line', type: 'layer', eventAt: at(1) },
      { kind: 'monitor-line', type: 'trailer', eventAt: at(1), dissection: { layers: ['Ethernet'], etherType: 'ARP', decodeError: 'No decoder for layer type ARP' } },
      { kind: 'monitor-event', type: 'capture', form: 'summary', subtype: 'delivery', ifname: 'lxc9e31c0a7d2b4', protocol: 'arp' },
      { kind: 'monitor-event', type: 'capture', subtype: 'from-lb', ifname: 'ens5', dstPort: 30443 },
      { kind: 'monitor-event', type: 'capture', subtype: 'proxy-post', proxyPort: 8080 },
    ],
  },
  // ---- recorder captures (§10) ----------------------------------------------------------------
  {
    lines: [
      'Recorder capture: dir:egress rule:3 ts:11020233441023 caplen:54 len:54',
      'Ethernet\t{Contents=[..14..] Payload=[..40..] SrcMAC=0a:58:c0:a8:05:09 DstMAC=0a:58:c0:a8:03:0e EthernetType=IPv4 Length=0}',
      '----',
    ],
    records: [
      { kind: 'monitor-event', type: 'recorder', form: 'text', direction: 'egress', capturedLength: 54, length: 54, details: { rule: 3, ts: '11020233441023' } },
      { kind: 'monitor-line', type: 'layer', eventAt: at(1) },
      { kind: 'monitor-line', type: 'recorder-end' },
    ],
  },
  // ---- L7 records (§11) and agent notifications (§12) -------------------------------------------
  {
    lines: [
      '<- Request http from 733 ([k8s:app=billing k8s:io.kubernetes.pod.namespace=fin]) to 1522 ([k8s:app=ledger k8s:io.kubernetes.pod.namespace=fin]), identity 41002->28871, verdict Denied POST http://ledger.fin:8080/v2/entries => 403',
      '-> Response dns to 733 ([k8s:app=billing]) from 412 ([k8s:k8s-app=kube-dns]), identity 102->41002, verdict Forwarded DNS proxy: ledger.fin.svc.cluster.local. A TTL: 30 Answer: \'10.110.4.2\'',
      '<- Request kafka from 733 ([k8s:app=billing]) to 2210 ([k8s:app=broker]), identity 41002->5120, verdict Forwarded fetch topic invoices => 0',
      '>> Endpoint regenerated: {"id":733,"labels":["k8s:app=billing","k8s:io.kubernetes.pod.namespace=fin"]}',
      '>> Message: agent is shutting down',
    ],
    records: [
      {
        kind: 'monitor-event', type: 'l7', form: 'text', l7Type: 'Request', l7Protocol: 'http', subtype: 'ingress', sourceEndpoint: 733, destEndpoint: 1522,
        srcIdentityNum: 41002, verdict: 'Denied',
        details: { srcLabels: ['k8s:app=billing', 'k8s:io.kubernetes.pod.namespace=fin'], http: { method: 'POST', url: 'http://ledger.fin:8080/v2/entries', code: '403' } },
      },
      {
        kind: 'monitor-event', type: 'l7', l7Type: 'Response', l7Protocol: 'dns', subtype: 'egress', sourceEndpoint: 412, destEndpoint: 733,
        details: { dns: { query: 'ledger.fin.svc.cluster.local.', qtypes: 'A', ttl: '30', ips: '10.110.4.2' } },
      },
      { kind: 'monitor-event', type: 'l7', l7Protocol: 'kafka', details: { kafka: { apiKey: 'fetch', topic: 'invoices', error: '0' } } },
      { kind: 'monitor-event', type: 'agent', form: 'text', subtype: 'Endpoint regenerated', sourceEndpoint: 733, details: { id: 733 } },
      { kind: 'monitor-event', type: 'agent', subtype: 'Message', message: 'agent is shutting down', details: null },
    ],
  },
  // ---- cilium monitor -j (§4.3, §5.5, §7.3, §8.3, §11.3, §12.2) -------------------------------------
  {
    lines: [
      '{"cpu":"CPU 05:","type":"drop","mark":"0x1c2d3e4f","reason":"Policy denied","source":1522,"bytes":54,"srcLabel":41002,"dstLabel":28871,"dstID":1522,"Line":2087,"File":3,"ExtError":0,"Ifindex":19,"summary":{"ipv4":"IPv4\\t{Contents=[..20..] Payload=[..20..] Version=4 IHL=5 TOS=0 Length=40 Id=11 Flags=DF FragOffset=0 TTL=64 Protocol=TCP Checksum=0 SrcIP=10.60.3.14 DstIP=10.60.5.9 Options=[] Padding=[]}","tcp":"TCP\\t{Contents=[..20..] Payload=[] SrcPort=51022 DstPort=5432(postgresql) Seq=1 Ack=0 DataOffset=5 FIN=false SYN=true RST=false PSH=false ACK=false URG=false ECE=false CWR=false NS=false Window=64240 Checksum=0 Urgent=0 Options=[] Padding=[]}"}}',
      '{"cpu":"CPU 05:","type":"trace","mark":"0x9a8b7c6d","ifindex":"lxc4c1d9e0b27fa","state":"reply","observationPoint":"to-endpoint","traceSummary":"-\\u003e endpoint 1522","source":1522,"bytes":54,"srcLabel":30117,"dstLabel":41002,"dstID":1522}',
      '{"cpu":"CPU 05:","type":"debug","message":"CT verdict: Reply, revnat=7"}',
      '{"cpu":"CPU 01:","type":"capture","mark":"0x5f4e3d2c","message":"Delivery to ifindex 23","prefix":"-\\u003e lxc9e31c0a7d2b4","source":902,"bytes":60,"summary":"10.60.3.14:51022 -\\u003e 10.60.5.9:5432 tcp SYN"}',
      '{"type":"logRecord","observationPoint":"Egress","flowType":"Response","l7Proto":"http","srcEpID":1522,"srcEpLabels":["k8s:app=ledger"],"srcIdentity":28871,"dstEpID":733,"dstEpLabels":["k8s:app=billing"],"dstIdentity":41002,"verdict":"Forwarded","http":{"Code":201,"Method":"POST"}}',
      '{"type":"agent","subtype":"IPCache entry deleted","message":{"cidr":"10.60.7.7/32","id":52011}}',
      '{"type":"debug_capture_error","message":"json: unsupported value"}',
    ],
    records: [
      {
        kind: 'monitor-event', type: 'drop', form: 'json', cpu: 5, dropCode: 133, sourceEndpoint: 1522, destEndpoint: 1522, bpfLine: 2087, ifindex: 19,
        details: { fileId: 3 }, srcIp: '10.60.3.14', dstPort: 5432, protocol: 'tcp', tcpFlags: 'SYN', dissection: { layers: ['IPv4', 'TCP'] },
      },
      { kind: 'monitor-event', type: 'trace', form: 'json', obsPoint: 'to-endpoint', traceState: 'reply', ifname: 'lxc4c1d9e0b27fa', destEndpoint: 1522, srcIdentityNum: 30117 },
      { kind: 'monitor-event', type: 'debug', form: 'json', ctVerdict: 'Reply', debugName: 'DBG_CT_VERDICT' },
      { kind: 'monitor-event', type: 'capture', form: 'json', subtype: 'Delivery to ifindex 23', sourceEndpoint: 902, length: 60, dstPort: 5432, details: { prefix: '-> lxc9e31c0a7d2b4' } },
      { kind: 'monitor-event', type: 'l7', form: 'json', l7Type: 'Response', l7Protocol: 'http', subtype: 'egress', sourceEndpoint: 1522, destEndpoint: 733, verdict: 'Forwarded' },
      { kind: 'monitor-event', type: 'agent', form: 'json', subtype: 'IPCache entry deleted', details: { cidr: '10.60.7.7/32', id: 52011 } },
      { kind: 'monitor-event', type: 'error', form: 'json', message: 'json: unsupported value' },
    ],
  },
  // ---- releases before 1.9 (pkg/monitor at the 1.0–1.8 release commits) ---------------------
  {
    lines: [
      '-> endpoint 2904 flow 0x51c0ffee identity 30542->18811 state new ifindex lxc06b2d9e4a1: 10.21.4.77:40112 -> 10.21.4.130:6379 tcp SYN',
      '-> stack encrypted  flow 0x0 identity 18811->host state reply ifindex 0 orig-ip 0.0.0.0: 10.21.4.130:6379 -> 10.21.0.9:40112 tcp ACK',
      'CPU 03: MARK 0x51c0ffee FROM 2904 to-endpoint: 74 bytes, state new, interface lxc06b2d9e4a1, identity 30542->18811, to endpoint 2904',
      'CPU 00: MARK 0x0 FROM 2904 from-endpoint: 98 bytes (98 captured), state established, identity 18811->2',
      'CPU 01: MARK 0x0 FROM 1187 DROP: 66 bytes, reason Policy denied (L4), to ifindex eth1, identity 2->30542, to endpoint 1187',
      'xx drop (Not a local target address) flow 0x0 to endpoint 0, identity 0->0: 10.21.9.3 -> 10.21.4.77 EchoRequest',
    ],
    records: [
      { kind: 'monitor-event', type: 'trace', form: 'summary', obsPoint: 'to-endpoint', destEndpoint: 2904, traceState: 'new', ifname: 'lxc06b2d9e4a1', origIp: null, srcIdentityNum: 30542, dstPort: 6379, tcpFlags: 'SYN' },
      { kind: 'monitor-event', type: 'trace', form: 'summary', obsPoint: 'to-stack', encrypted: true, ifindex: 0, origIp: '0.0.0.0', dstIdentityNum: 1 },
      { kind: 'monitor-event', type: 'trace', form: 'verbose', cpu: 3, obsPoint: 'to-endpoint', length: 74, capturedLength: null, ifname: 'lxc06b2d9e4a1', origIp: null, destEndpoint: 2904 },
      { kind: 'monitor-event', type: 'trace', form: 'verbose', obsPoint: 'from-endpoint', length: 98, capturedLength: 98, traceState: 'established', srcIdentityNum: 18811, dstIdentityNum: 2 },
      { kind: 'monitor-event', type: 'drop', form: 'verbose', dropCode: 133, dropReason: 'Policy denied (L4)', ifname: 'eth1', srcIdentityNum: 2, destEndpoint: 1187 },
      { kind: 'monitor-event', type: 'drop', form: 'summary', dropCode: 151, dropReason: 'Not a local target address', icmpType: 'EchoRequest' },
    ],
  },
  {
    lines: [
      'CPU 02: MARK 0x0 FROM 2904 DEBUG: Master service lookup, addr=10.110.0.20 key.dport=6379',
      'CPU 02: MARK 0x0 FROM 2904 DEBUG: Slave service lookup result: target=10.21.4.130 port=6379',
      'CPU 02: MARK 0x0 FROM 2904 DEBUG: Successfully mapped daddr=10.21.4.130 to identity=18811',
      '<- Response dns to 2904 ([k8s:app=queue]) from 118 ([k8s:k8s-app=kube-dns]), identity 30542->102, verdict Forwarded DNS Query: redis.shop.svc.cluster.local. TTL: 30 Answer: \'10.110.0.20\'',
      '^C',
    ],
    records: [
      { kind: 'monitor-event', type: 'debug', debugName: 'DBG_LB4_LOOKUP_MASTER', dstIp: '10.110.0.20', dstPort: 6379 },
      { kind: 'monitor-event', type: 'debug', debugName: 'DBG_LB4_LOOKUP_SLAVE_SUCCESS', debugCode: 33 },
      { kind: 'monitor-event', type: 'debug', debugName: 'DBG_IP_ID_MAP_SUCCEED4', mappedIp: '10.21.4.130', mappedIdentity: 18811 },
      { kind: 'monitor-event', type: 'l7', l7Protocol: 'dns', details: { dns: { source: 'Query', query: 'redis.shop.svc.cluster.local.', ttl: '30', ips: '10.110.0.20' } } },
      { kind: 'monitor-line', type: 'interrupt' },
    ],
  },
];
