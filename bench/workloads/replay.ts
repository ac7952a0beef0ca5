import { pick, prng, type Workload } from '../workload.js';

const NODES = [
  { name: 'rep-n1', ip: '192.168.40.11', cidr: '10.60.1' },
  { name: 'rep-n2', ip: '192.168.40.12', cidr: '10.60.2' },
];

/**
 * A two-node native-routing cluster (1.15, BPF host routing, aggregation none) and ≈10 k
 * pod-to-pod TCP connections, each seen as `cilium monitor -vv` traces on both nodes and as
 * tcpdump on the sending node's eth0: the flows stage and the model replay every one of them.
 */
export const workload: Workload = {
  name: 'replay',
  unit: 'lines',
  defaultLines: 60_000,
  replay: true,
  *generate(lines) {
    const rand = prng(23);
    let n = 0;
    const emit = function* (batch: string[]): Generator<string> {
      for (const line of batch) {
        if (n++ >= lines) return;
        yield line;
      }
    };
    for (const node of NODES) {
      const flags = [
        "routing-mode='native'", "ipv4-native-routing-cidr='10.60.0.0/16'", "kube-proxy-replacement='true'",
        "enable-bpf-masquerade='true'", "enable-ipv4-masquerade='true'", "enable-host-legacy-routing='false'",
        "enable-endpoint-routes='false'", "monitor-aggregation='none'", "auto-direct-node-routes='true'",
      ];
      yield* emit([
        ...flags.map((f) => `[pod/cilium-${node.name}/cilium-agent] level=info msg="  --${f}" subsys=daemon`),
        `[pod/cilium-${node.name}/cilium-agent] level=info msg="Cilium 1.15.6 a09e05e6 2024-06-10T11:20:54+00:00 go version go1.21.11 linux/amd64" subsys=daemon`,
        `[pod/cilium-${node.name}/cilium-agent] level=info msg="Received own node information from API server" ipAddr.ipv4=${node.ip} ipAddr.ipv6="<nil>" k8sNodeIP=${node.ip} labels="map[]" nodeName=${node.name} subsys=k8s v4Prefix=${node.cidr}.0/24 v6Prefix="<nil>"`,
        `[pod/cilium-${node.name}/cilium-agent] level=info msg="Daemon initialization completed" bootstrapTime=5.1s subsys=daemon`,
      ]);
    }
    let seconds = 0;
    while (n < lines) {
      const [from, to] = rand() < 0.5 ? NODES : [NODES[1]!, NODES[0]!];
      const src = `${from!.cidr}.${2 + Math.floor(rand() * 250)}`;
      const dst = `${to!.cidr}.${2 + Math.floor(rand() * 250)}`;
      const sport = 32768 + Math.floor(rand() * 28000);
      const dport = pick(rand, [80, 443, 8080, 5432]);
      const seq = Math.floor(rand() * 4e9);
      const [ep, dep] = [100 + Math.floor(rand() * 3900), 100 + Math.floor(rand() * 3900)];
      seconds += rand() / 50;
      // tcpdump's time of day: microseconds, no zone.
      const ts = `${new Date(Date.UTC(2024, 5, 11, 8, 0, 0) + seconds * 1000).toISOString().slice(11, 19)}.${String(Math.floor((seconds % 1) * 1e6)).padStart(6, '0')}`;
      yield* emit([
        `[pod/cilium-${from!.name}/cilium-agent] <- endpoint ${ep} flow 0x0 , identity 31002->unknown state unknown ifindex 0 orig-ip 0.0.0.0: ${src}:${sport} -> ${dst}:${dport} tcp SYN`,
        `[pod/cilium-${from!.name}/cilium-agent] -> network flow 0x0 , identity 31002->41007 state new ifindex eth0 orig-ip 0.0.0.0: ${src}:${sport} -> ${dst}:${dport} tcp SYN`,
        `${ts} IP ${src}.${sport} > ${dst}.${dport}: Flags [S], seq ${seq}, win 64860, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0`,
        `[pod/cilium-${to!.name}/cilium-agent] <- network flow 0x0 , identity unknown->unknown state unknown ifindex eth0 orig-ip 0.0.0.0: ${src}:${sport} -> ${dst}:${dport} tcp SYN`,
        `[pod/cilium-${to!.name}/cilium-agent] -> endpoint ${dep} flow 0x0 , identity 31002->41007 state new ifindex lxc0a1b2c3d4e5f orig-ip ${src}: ${src}:${sport} -> ${dst}:${dport} tcp SYN`,
        `[pod/cilium-${to!.name}/cilium-agent] -> network flow 0x0 , identity 41007->31002 state reply ifindex eth0 orig-ip 0.0.0.0: ${dst}:${dport} -> ${src}:${sport} tcp SYN, ACK`,
      ]);
    }
  },
};
