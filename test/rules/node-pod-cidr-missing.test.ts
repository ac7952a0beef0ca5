import { rule } from '../../src/rules/catalog/node-pod-cidr-missing.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const wait18 = (ts: string) => `${ts} level=warning msg="Waiting for k8s node information" error="required IPv4 pod CIDR not present in node resource" subsys=k8s`;
const wait114 = (family: string) => `time="2024-01-09T03:12:44Z" level=warning msg="Waiting for k8s node information" error="required ${family} PodCIDR not available" subsys=k8s`;
/** A 1.7 JSON log line (`--log-driver` JSON) of the same wait. */
const wait17json = JSON.stringify({ level: 'warning', msg: 'Waiting for k8s node information', error: 'Required IPv4 pod CIDR not present in node resource', subsys: 'k8s' });

ruleTester(rule, {
  valid: [
    {
      name: 'the pod CIDR arrived',
      inputs: {
        'agent.log': lines(
          'level=info msg="Retrieved node information from kubernetes node" nodeName=n-4 subsys=k8s',
          'level=info msg="Received own node information from API server" ipAddr.ipv4=10.9.0.4 ipAddr.ipv6="<nil>" k8sNodeIP=10.9.0.4 nodeName=n-4 subsys=k8s v4Prefix=10.244.4.0/24 v6Prefix="<nil>"',
        ),
      },
    },
    {
      name: 'waiting for node information for another reason',
      inputs: { 'agent.log': lines('level=warning msg="Waiting for k8s node information" error="node n-4 not found" subsys=k8s') },
    },
    { name: 'the same text at debug level', inputs: { 'agent.log': lines('level=debug msg="Waiting for k8s node information" error="required IPv4 PodCIDR not available" subsys=k8s') } },
  ],
  invalid: [
    {
      name: '1.8 with ipam kubernetes: the controller-manager allocates no node CIDRs',
      inputs: {
        'agent.log': lines(
          `level=info msg="  --ipam='kubernetes'" subsys=daemon`,
          wait18('2020-10-02T08:00:01.100Z'),
          wait18('2020-10-02T08:00:03.100Z'),
          wait18('2020-10-02T08:00:07.100Z'),
        ),
      },
      findings: [{ messageId: 'missing', severity: 'error', lines: ['agent.log:2', 'agent.log:3'], includes: ['IPv4 pod CIDR (3 time(s)', '--allocate-node-cidrs=true'] }],
    },
    {
      name: '1.14 with cluster-pool: the operator allocated none',
      inputs: { 'agent.log': lines(`level=info msg="  --ipam='cluster-pool'" subsys=daemon`, wait114('IPv4')) },
      findings: [{ messageId: 'missing', severity: 'error', lines: ['agent.log:2'], includes: ['cilium-operator runs'] }],
    },
    {
      name: '1.14 IPv6 without the IPAM mode printed',
      inputs: { 'agent.log': lines(wait114('IPv6')) },
      findings: [{ messageId: 'missing', severity: 'error', lines: ['agent.log:1'], includes: ['IPv6 pod CIDR', 'Check who assigns'] }],
    },
    {
      name: '1.7 logrus JSON with the capitalised error',
      inputs: { 'agent.log': lines(wait17json) },
      findings: [{ messageId: 'missing', severity: 'error', lines: ['agent.log:1'], includes: ['"Required IPv4 pod CIDR not present in node resource"'] }],
    },
  ],
});
