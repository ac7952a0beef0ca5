import { pick, prng, type Workload } from '../workload.js';

const PODS = ['10.244.1.10', '10.244.1.23', '10.244.2.20', '10.244.2.41', '10.0.0.250', '10.0.1.60'];
const NODES = ['172.18.0.2', '172.18.0.3', '172.18.0.4'];
const MACS = ['0a:58:0a:f4:01:0a', '9e:3c:51:a7:20:11', '02:42:ac:12:00:02', '02:42:ac:12:00:03'];
const DEVICES = ['lxc8a2f1b7c9d3e', 'eth0 ', 'vx0  ', 'cilium_host'];

/**
 * A long `tcpdump -nn` session on a Cilium node, mixed the way pasted captures are: one-line
 * packets, `-e` and `-i any` prefixes, `-v` two-line packets, HTTP header continuation lines,
 * VXLAN (OTV on 8472) outer lines with their inner frame, Geneve, DNS, ARP and ICMP.
 */
export const workload: Workload = {
  name: 'tcpdump',
  unit: 'lines',
  defaultLines: 1_000_000,
  *generate(lines) {
    const rand = prng(5);
    const num = (n: number) => Math.floor(rand() * n);
    let t = 20 * 3600 + 11 * 60;
    let emitted = 0;
    const ts = () => {
      t += rand() * 0.002;
      const h = Math.floor(t / 3600) % 24;
      const m = Math.floor(t / 60) % 60;
      const s = t % 60;
      return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${s.toFixed(6).padStart(9, '0')}`;
    };
    yield 'listening on eth0, link-type EN10MB (Ethernet), capture size 262144 bytes';
    emitted++;
    while (emitted < lines) {
      const a = pick(rand, PODS);
      const b = pick(rand, PODS);
      const sport = 32768 + num(28000);
      const seq = num(4_000_000_000);
      const opts = `options [nop,nop,TS val ${num(4e9)} ecr ${num(4e9)}]`;
      const tcp = (flags: string, extra: string, len: number) =>
        `${a}.${sport} > ${b}.80: Flags [${flags}], ${extra}win ${num(65000)}, ${opts}, length ${len}`;
      const r = rand();
      const out: string[] = [];
      if (r < 0.3) out.push(`${ts()} IP ${tcp('.', `ack ${num(9000)}, `, 0)}`);
      else if (r < 0.4) {
        out.push(`${ts()} IP ${a}.${sport} > ${b}.80: Flags [S], seq ${seq}, win 64860, options [mss 1410,sackOK,TS val ${num(4e9)} ecr 0,nop,wscale 7], length 0`);
      } else if (r < 0.5) {
        out.push(`${ts()} ${pick(rand, MACS)} > ${pick(rand, MACS)}, ethertype IPv4 (0x0800), length 143: ${tcp('P.', `seq 1:78, ack 1, `, 77)}: HTTP: GET / HTTP/1.1`);
      } else if (r < 0.6) {
        out.push(`${ts()} ${pick(rand, DEVICES)} ${pick(rand, ['In ', 'Out'])} IP ${a} > ${b}: ICMP echo request, id ${num(65535)}, seq ${num(100)}, length 64`);
      } else if (r < 0.7) {
        out.push(`${ts()} IP (tos 0x0, ttl 64, id ${num(65535)}, offset 0, flags [DF], proto TCP (6), length 126)`);
        out.push(`    ${tcp('P.', `cksum 0x589a (incorrect -> 0xf076), seq 1:75, ack 1, `, 74)}: HTTP, length: 74`);
        out.push('\tGET / HTTP/1.1', `\tHost: ${b}`, '\tUser-Agent: curl/7.88.1', '\tAccept: */*');
      } else if (r < 0.8) {
        out.push(`${ts()} IP ${pick(rand, NODES)}.${sport} > ${pick(rand, NODES)}.8472: OTV, flags [I] (0x08), overlay 0, instance ${num(65535)}`);
        out.push(`IP ${tcp('.', `ack ${num(9000)}, `, 0)}`);
      } else if (r < 0.85) {
        out.push(`${ts()} IP ${pick(rand, NODES)}.${sport} > ${pick(rand, NODES)}.6081: Geneve, Flags [none], vni 0x${num(65535).toString(16)}: IP ${a} > ${b}: ICMP echo reply, id ${num(65535)}, seq ${num(100)}, length 64`);
      } else if (r < 0.93) {
        const id = num(65535);
        out.push(`${ts()} IP ${a}.${sport} > 10.96.0.10.53: ${id}+ A? web-${num(50)}.default.svc.cluster.local. (52)`);
        out.push(`${ts()} IP 10.96.0.10.53 > ${a}.${sport}: ${id}* 1/0/0 A 10.96.${num(255)}.${num(255)} (68)`);
      } else {
        out.push(`${ts()} ARP, Request who-has ${b} tell ${a}, length 28`);
        out.push(`${ts()} ARP, Reply ${b} is-at ${pick(rand, MACS)}, length 28`);
      }
      for (const line of out) {
        if (emitted++ >= lines) return;
        yield line;
      }
    }
  },
};
