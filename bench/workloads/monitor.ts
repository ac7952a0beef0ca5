import { pick, prng, type Workload } from '../workload.js';

const REASONS = [
  'Policy denied',
  'Policy denied',
  'Stale or unroutable IP',
  'FIB lookup failed, 4',
  'Missed tail call',
  'CT: Map insertion failed',
  'Service backend not found',
];
const IFACES = ['lxc8f0e2d61a4c7', 'lxc41b7c9a0e2d3', 'lxc_health', 'eth0', 'cilium_vxlan'];
const L7_LABELS = ['[k8s:app=frontend k8s:io.kubernetes.pod.namespace=shop]', '[k8s:app=catalog k8s:io.kubernetes.pod.namespace=shop]'];

/**
 * `cilium monitor -v` output of a busy node (≈ 1.14): debug lines around conntrack lookups,
 * trace and drop summaries, policy verdicts and L7 records, with `-vv` dissection blocks in the
 * 1.9–1.18 order (separator, layers, header) mixed in. One generated line is about one event.
 */
export const workload: Workload = {
  name: 'monitor',
  unit: 'events',
  defaultLines: 500_000,
  *generate(lines) {
    const rand = prng(19);
    const ip = () => `10.0.${Math.floor(rand() * 4)}.${1 + Math.floor(rand() * 250)}`;
    const port = () => 1024 + Math.floor(rand() * 60000);
    const ident = () => String(256 + Math.floor(rand() * 60000));
    const ep = () => 100 + Math.floor(rand() * 3900);
    const mark = () => `0x${Math.floor(rand() * 0xffffffff).toString(16)}`;
    let n = 0;
    while (n < lines) {
      const cpu = String(Math.floor(rand() * 8)).padStart(2, '0');
      const [src, dst, sport, dport, from, to] = [ip(), ip(), port(), pick(rand, [80, 443, 8080, 53, 9153]), ep(), ep()];
      const flow = mark();
      const r = rand();
      const out: string[] = [];
      if (r < 0.35) {
        out.push(
          `CPU ${cpu}: MARK ${flow} FROM ${from} DEBUG: Conntrack lookup 1/2: src=${src}:${sport} dst=${dst}:${dport}`,
          `CPU ${cpu}: MARK ${flow} FROM ${from} DEBUG: Conntrack lookup 2/2: nexthdr=6 flags=${Math.floor(rand() * 2)}`,
          `CPU ${cpu}: MARK ${flow} FROM ${from} DEBUG: CT verdict: ${pick(rand, ['New', 'Established', 'Reply'])}, revnat=0`,
          `CPU ${cpu}: MARK ${flow} FROM ${from} DEBUG: Successfully mapped addr=${dst} to identity=${ident()}`,
          `CPU ${cpu}: MARK ${flow} FROM ${from} DEBUG: Attempting local delivery for container id ${to} from seclabel ${ident()}`,
        );
      } else if (r < 0.6) {
        out.push(
          `-> endpoint ${to} flow ${flow} , identity ${ident()}->${ident()} state ${pick(rand, ['new', 'established', 'reply'])} ifindex ${pick(rand, IFACES)} orig-ip ${src}: ${src}:${sport} -> ${dst}:${dport} tcp ${pick(rand, ['SYN', 'ACK', 'SYN, ACK', 'ACK, FIN'])}`,
          `<- endpoint ${from} flow ${flow} , identity ${ident()}->unknown state unknown ifindex 0 orig-ip 0.0.0.0: ${src}:${sport} -> ${dst}:${dport} udp`,
        );
      } else if (r < 0.7) {
        out.push(
          `xx drop (${pick(rand, REASONS)}) flow ${flow} to endpoint ${to}, ifindex ${Math.floor(rand() * 60)}, file bpf_lxc.c:${1000 + Math.floor(rand() * 1200)}, , identity ${pick(rand, ['world', 'host', ident()])}->${ident()}: ${src}:${sport} -> ${dst}:${dport} tcp SYN`,
        );
      } else if (r < 0.8) {
        out.push(
          `Policy verdict log: flow ${flow} local EP ID ${to}, remote ID ${ident()}, proto 6, ${pick(rand, ['ingress', 'egress'])}, action ${pick(rand, ['allow', 'allow', 'deny', 'redirect'])}, auth: disabled, match L3-L4, ${src}:${sport} -> ${dst}:${dport} tcp SYN`,
        );
      } else if (r < 0.86) {
        out.push(
          `<- Request http from ${from} (${L7_LABELS[0]}) to ${to} (${L7_LABELS[1]}), identity ${ident()}->${ident()}, verdict Forwarded GET http://catalog.shop.svc.cluster.local:8080/api/items/${sport} => 0`,
        );
      } else if (r < 0.995) {
        out.push(
          '-'.repeat(78),
          `Ethernet\t{Contents=[..14..] Payload=[..60..] SrcMAC=4e:e2:71:9a:05:b8 DstMAC=ba:4f:0e:21:7c:3d EthernetType=IPv4 Length=0}`,
          `IPv4\t{Contents=[..20..] Payload=[..40..] Version=4 IHL=5 TOS=0 Length=60 Id=${sport} Flags=DF FragOffset=0 TTL=${62 + Math.floor(rand() * 3)} Protocol=TCP Checksum=9563 SrcIP=${src} DstIP=${dst} Options=[] Padding=[]}`,
          `TCP\t{Contents=[..40..] Payload=[] SrcPort=${sport} DstPort=${dport} Seq=${Math.floor(rand() * 4e9)} Ack=0 DataOffset=10 FIN=false SYN=true RST=false PSH=false ACK=false URG=false ECE=false CWR=false NS=false Window=64860 Checksum=50924 Urgent=0 Options=[..5..] Padding=[]}`,
          `CPU ${cpu}: MARK ${flow} FROM ${from} to-endpoint: 74 bytes (74 captured), state new, interface ${pick(rand, IFACES)}, , identity ${ident()}->${ident()}, orig-ip ${src}, to endpoint ${from}`,
        );
      } else {
        out.push(`CPU ${cpu}: Lost ${1 + Math.floor(rand() * 20)} events`);
      }
      for (const line of out) {
        if (n++ >= lines) break;
        yield line;
      }
    }
  },
};
