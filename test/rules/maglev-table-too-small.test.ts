import { rule } from '../../src/rules/catalog/maglev-table-too-small.js';
import { banner, flagDump, nodeName } from '../helpers/agent-lines.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** A 1.16.6 agent with BPF NodePort (node `ingress-3` unless given): banner, flags from line 2, node name. */
const agentLog = (flags: Record<string, string>, node = 'ingress-3') =>
  lines(banner('1.16.6'), ...flagDump({ 'kube-proxy-replacement': 'true', ...flags }), nodeName(node));

/** `cilium service list` rows: one service per entry, its backends numbered from 1. */
function serviceList(...services: { id: number; frontend: string; type: string; backends: string[] }[]): string {
  const rows = ['ID   Frontend                 Service Type   Backend'];
  for (const s of services) {
    s.backends.forEach((b, i) => {
      const lead = i === 0 ? `${String(s.id).padEnd(5)}${s.frontend.padEnd(25)}${s.type.padEnd(15)}` : ' '.repeat(45);
      rows.push(`${lead}${i + 1} => ${b}`);
    });
  }
  return lines(...rows);
}

/** Two agents pasted with their commands: `cilium-7xq2p` (Maglev, table 509) and `cilium-b4m9d` (random), each with its service list. */
const twoAgents = (maglevAgentBackends: number, randomAgentBackends: number) =>
  [
    '$ kubectl -n kube-system logs cilium-7xq2p',
    agentLog(maglev('509')),
    '$ kubectl -n kube-system exec cilium-7xq2p -- cilium service list',
    serviceList({ id: 21, frontend: '0.0.0.0:30443', type: 'NodePort', backends: backends(maglevAgentBackends) }),
    '$ kubectl -n kube-system logs cilium-b4m9d',
    agentLog({ 'bpf-lb-algorithm': 'random' }, 'ingress-4'),
    '$ kubectl -n kube-system exec cilium-b4m9d -- cilium service list',
    serviceList({ id: 21, frontend: '0.0.0.0:30443', type: 'NodePort', backends: backends(randomAgentBackends) }),
  ].join('\n');

const backends = (n: number, state = 'active') => Array.from({ length: n }, (_, i) => `10.44.${Math.floor(i / 200)}.${(i % 200) + 10}:8443 (${state})`);

/** The agent log and one service listing. */
const withService = (flags: Record<string, string>, ...services: Parameters<typeof serviceList>) => ({ 'a.log': agentLog(flags), 'svc.txt': serviceList(...services) });
const maglev = (size?: string) => ({ 'bpf-lb-algorithm': 'maglev', ...(size ? { 'bpf-lb-maglev-table-size': size } : {}) });
const nodePort = (backendList: string[]) => ({ id: 12, frontend: '0.0.0.0:31500', type: 'NodePort', backends: backendList });

ruleTester(rule, {
  valid: [
    { name: 'exactly 100 entries per backend (5 backends, table 509)', inputs: withService(maglev('509'), nodePort(backends(5))) },
    { name: 'random selection', inputs: withService({ 'bpf-lb-algorithm': 'random', 'bpf-lb-maglev-table-size': '251' }, nodePort(backends(9))) },
    {
      name: 'a ClusterIP service is east-west: not Maglev-hashed',
      inputs: withService(maglev('251'), { id: 3, frontend: '10.110.4.9:443', type: 'ClusterIP', backends: backends(4) }),
    },
    {
      name: 'terminating backends take no table entries',
      inputs: withService(maglev('251'), nodePort([...backends(2), '10.44.9.9:8443 (terminating)', '10.44.9.10:8443 (terminating)'])),
    },
    { name: "each agent's own listing: the Maglev agent's service fits", inputs: { 'pods.txt': twoAgents(3, 8) } },
  ],
  invalid: [
    {
      name: 'six backends on a 509 table',
      inputs: withService(maglev('509'), { id: 3, frontend: '10.110.4.9:443', type: 'ClusterIP', backends: backends(6) }, nodePort(backends(6))),
      findings: [
        {
          messageId: 'tooSmall',
          severity: 'warning',
          lines: ['a.log:3', 'a.log:4', 'svc.txt:8', 'svc.txt:13'],
          node: 'ingress-3',
          includes: ['0.0.0.0:31500 (NodePort) has 6 active backends', 'to 1021'],
        },
      ],
    },
    {
      name: "each agent's own listing: the Maglev agent's service does not fit",
      inputs: { 'pods.txt': twoAgents(8, 3) },
      findings: [{ messageId: 'tooSmall', severity: 'warning', lines: ['pods.txt:4', 'pods.txt:5', 'pods.txt:10', 'pods.txt:17'], includes: ['8 active backends'] }],
    },
    {
      name: 'table size and algorithm from cilium status, with the listing of the same paste',
      inputs: {
        'status.txt':
          lines(
            'KubeProxyReplacement:    True   [ens4 10.128.0.7 (Direct Routing)]',
            'Cilium:                  Ok   1.15.8 (v1.15.8-3fa93ab5)',
            'KubeProxyReplacement Details:',
            '  Status:                 True',
            '  Socket LB:              Enabled',
            '  Mode:                   SNAT',
            '  Backend Selection:      Maglev (Table Size: 251)',
            '  Services:',
            '  - NodePort:       Enabled (Range: 30000-32767)',
          ) + serviceList({ id: 9, frontend: '10.128.0.7:32100', type: 'NodePort', backends: backends(3) }),
      },
      findings: [{ messageId: 'tooSmall', severity: 'warning', lines: ['status.txt:7', 'status.txt:11', 'status.txt:13'], includes: ['251 entries', 'to 509'] }],
    },
    {
      name: 'the default table (16381) with 164 backends',
      inputs: withService(maglev(), { id: 40, frontend: '203.0.113.80:443', type: 'LoadBalancer', backends: backends(164) }),
      findings: [{ messageId: 'tooSmall', severity: 'warning', lines: ['a.log:3', 'svc.txt:2', 'svc.txt:165'], includes: ['16381 entries', 'to 32749'] }],
    },
  ],
});
