import { rule } from '../../src/rules/catalog/kernel-feature-missing.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const checked = (kernel: string) => `level=info msg="clang (10.0.0) and kernel (${kernel}) versions: OK!" subsys=linux-datapath`;
const nodePortRefused = [
  'level=error msg="unable to initialize Kube proxy replacement options" error="BPF NodePort services needs kernel 4.17.0 or newer." subsys=daemon',
  'level=fatal msg="Error while creating daemon" error="unable to initialize Kube proxy replacement options: BPF NodePort services needs kernel 4.17.0 or newer." subsys=daemon',
];

ruleTester(rule, {
  valid: [
    {
      name: 'the host-routing fallback names a kernel version at info level (another rule\'s)',
      inputs: { 'agent.log': lines(checked('5.4.0'), 'level=info msg="BPF host routing requires kernel 5.10 or newer. Falling back to legacy host routing (enable-host-legacy-routing=true)." subsys=daemon') },
    },
    { name: 'the kernel check passing alone', inputs: { 'agent.log': lines(checked('5.15.0')) } },
    { name: 'an error that names a kernel without a requirement', inputs: { 'agent.log': lines('level=error msg="Unable to load kernel module" error="modprobe: FATAL: Module ip6_tables not found in directory /lib/modules/5.15.0" subsys=iptables') } },
  ],
  invalid: [
    {
      name: '1.12 on a 5.18 kernel: the probe failed, not the version',
      inputs: { 'agent.log': lines(checked('5.18.14'), ...nodePortRefused) },
      findings: [{ messageId: 'probeFailed', severity: 'critical', lines: ['agent.log:1', 'agent.log:2', 'agent.log:3'], includes: ['BPF NodePort services was refused as if the kernel were older than 4.17.0, but the node runs 5.18.14, and the agent stopped'] }],
    },
    {
      name: '1.6 on a 4.15 kernel from kubectl get nodes: too old',
      inputs: {
        'nodes.txt': lines(
          'NAME   STATUS   ROLES    AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION      CONTAINER-RUNTIME',
          'lb-1   Ready    <none>   40d   v1.15.3   10.1.0.11     <none>        Ubuntu 18.04.3 LTS   4.15.0-65-generic   docker://18.9.7',
        ),
        'agent.log': lines(
          'level=info msg="Received own node information from API server" ipAddr.ipv4=10.1.0.11 ipAddr.ipv6="<nil>" nodeName=lb-1 subsys=k8s v4Prefix=10.2.1.0/24 v6Prefix="<nil>"',
          'level=fatal msg="BPF host reachable services for TCP needs kernel 4.17.0 or newer." subsys=daemon',
        ),
      },
      findings: [{ messageId: 'tooOld', severity: 'critical', lines: ['agent.log:1', 'agent.log:2'], node: 'lb-1', includes: ['lb-1: BPF host reachable services for TCP needs kernel 4.17.0, and the node runs 4.15.0-65-generic'] }],
    },
    {
      name: 'the kernel unknown, an error only',
      inputs: { 'agent.log': lines(nodePortRefused[0]!) },
      findings: [{ messageId: 'unknown', severity: 'error', lines: ['agent.log:1'], includes: ['Check `uname -r`'] }],
    },
  ],
});
