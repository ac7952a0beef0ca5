import { rule } from '../../src/rules/catalog/ipam-exhausted.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** A 1.15 `cilium status` with the given IPAM line. */
const status = (ipam: string) =>
  lines(
    'KVStore:                 Ok   Disabled',
    'Kubernetes:              Ok   1.29 (v1.29.4) [linux/amd64]',
    'Cilium:                  Ok   1.15.6 (v1.15.6-a09e05e6)',
    `IPAM:                    ${ipam}`,
    'Cluster health:          3/3 reachable   (2024-06-11T08:12:40Z)',
  );

/** The operator's warning for one node, in its slog JSON (multi-pool, 1.15 →) or logrus text (cluster pool) form. */
const poolJson = (node: string, error: string) =>
  `{"error":"${error}","level":"warning","msg":"Failed to allocate PodCIDRs to node","nodeName":"${node}","subsys":"ipam-allocator-multi-pool"}`;

ruleTester(rule, {
  valid: [
    {
      name: 'the operator failing for another reason than an empty pool',
      inputs: { 'operator.log': lines(poolJson('gpu-3', 'unable to find pool gpu: pool not found')) },
    },
    { name: 'a pool with room', inputs: { 'status.txt': status('IPv4: 41/254 allocated from 10.42.3.0/24, ') } },
    { name: 'just below 95 %', inputs: { 'status.txt': status('IPv4: 60/64 allocated from 10.42.3.0/26, ') } },
    { name: 'half the pool', inputs: { 'status.txt': status('IPv4: 127/254 allocated from 10.42.3.0/24, ') } },
    { name: 'a pool printed without its size', inputs: { 'status.txt': status('IPv4: 12 allocated') } },
    { name: 'an empty pool of size 0', inputs: { 'status.txt': status('IPv4: 0/0 allocated from 10.42.3.0/24, ') } },
    { name: 'IPAM not running', inputs: { 'status.txt': status('Not running') } },
    {
      name: 'a log without status says nothing of the pool',
      inputs: { 'agent.log': lines('level=info msg="  --ipam=\'cluster-pool\'" subsys=daemon', 'level=info msg="  --cluster-pool-ipv4-mask-size=\'24\'" subsys=daemon') },
    },
    {
      name: 'a sandbox failure for another reason',
      inputs: {
        'events.txt': lines(
          'LAST SEEN   TYPE      REASON                   OBJECT              MESSAGE',
          '20s         Warning   FailedCreatePodSandBox   pod/api-7d9f-x2k4   Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "0c1d": plugin type="cilium-cni" failed (add): unable to connect to Cilium daemon: failed to create cilium agent client after 30.000000 seconds timeout',
        ),
      },
    },
    {
      name: '`range is full` at debug level, and an allocation that succeeded',
      inputs: {
        'agent.log': lines(
          'level=debug msg="Allocation attempt failed" error="range is full" subsys=ipam',
          'level=info msg="Allocated random IP" ip=10.42.3.77 owner=default/web-0 subsys=ipam',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'the multi-pool operator refusing two nodes: pool empty',
      inputs: { 'operator.log': lines(poolJson('gpu-3', 'unable to reuse from pool default: pool empty'), poolJson('gpu-4', 'unable to reuse from pool default: pool empty')) },
      findings: [
        {
          messageId: 'operatorPool',
          severity: 'error',
          lines: ['operator.log:1', 'operator.log:2'],
          includes: ['pod CIDRs to 2 node(s) (gpu-3, gpu-4): "unable to reuse from pool default: pool empty"'],
        },
      ],
    },
    {
      name: 'the cluster-pool operator (logrus text): allocator full',
      inputs: {
        'operator.log': lines('level=warning msg="Failed to allocate PodCIDRs to node" error="allocator full" nodeName=edge-9 subsys=ipam-allocator-clusterpool'),
      },
      findings: [{ messageId: 'operatorPool', severity: 'error', lines: ['operator.log:1'], includes: ['1 node(s) (edge-9): "allocator full"'] }],
    },
    {
      name: '1.2: the health endpoint\'s address, with a host route excluded from the range',
      inputs: {
        'agent.log': lines(
          'level=info msg="Blacklisting local route as no-alloc" route=10.61.0.0/16 subsys=ipam',
          'level=fatal msg="Error while allocating cilium-health IP" error="range is full" subsys=daemon',
        ),
      },
      findings: [{ messageId: 'logged', severity: 'error', lines: ['agent.log:1', 'agent.log:2'], includes: ['the address of its health endpoint', 'and exited', '(10.61.0.0/16)'] }],
    },
    {
      name: '1.16 JSON log: a pod address, no route excluded',
      inputs: {
        'agent.log': lines(JSON.stringify({ level: 'warning', msg: 'Failed to allocate IP', error: 'No more IPs available', subsys: 'ipam', time: '2024-09-02T10:00:00Z' })),
      },
      findings: [{ messageId: 'logged', severity: 'error', lines: ['agent.log:1'], message: 'The agent could not allocate a pod address: IPAM answered "No more IPs available". Check the allocated addresses (`cilium status --all-addresses`) and the node\'s pod CIDR size.' }],
    },
    {
      name: 'kubectl get events: sandboxes refused by the agent\'s IPAM (1.10 CNI wording)',
      inputs: {
        'events.txt': lines(
          'LAST SEEN   TYPE      REASON                   OBJECT              MESSAGE',
          '20s         Warning   FailedCreatePodSandBox   pod/api-7d9f-x2k4   Failed to create pod sandbox: rpc error: code = Unknown desc = failed to set up sandbox container "0c1d" network for pod "api-7d9f-x2k4": networkPlugin cni failed to set up pod "api-7d9f-x2k4_web" network: unable to allocate IP via local cilium agent: [POST /ipam][502] postIpamFailure  range is full',
        ),
      },
      findings: [{ messageId: 'sandbox', severity: 'error', lines: ['events.txt:2'], includes: ['"range is full"'] }],
    },
    {
      name: 'every address allocated',
      inputs: { 'status.txt': status('IPv4: 254/254 allocated from 10.42.3.0/24, ') },
      findings: [{ messageId: 'exhausted', severity: 'error', lines: ['status.txt:4'], includes: ['254/254 allocated from 10.42.3.0/24'] }],
    },
    {
      name: 'exactly 95 % is nearly full: a warning',
      inputs: { 'status.txt': status('IPv4: 19/20 allocated from 10.42.3.0/27, ') },
      findings: [{ messageId: 'exhausted', severity: 'warning', lines: ['status.txt:4'] }],
    },
    {
      name: 'one address left of 62 (98 %): a warning',
      inputs: { 'status.txt': status('IPv4: 61/62 allocated from 10.42.3.0/26, ') },
      findings: [{ messageId: 'exhausted', severity: 'warning', lines: ['status.txt:4'], includes: ['61/62'] }],
    },
    {
      name: 'one pool per family',
      inputs: { 'status.txt': status('IPv4: 62/62 allocated from 10.42.3.0/26, IPv6: 62/62 allocated from fd00:42:3::/122') },
      findings: [
        { messageId: 'exhausted', severity: 'error', lines: ['status.txt:4'], includes: ['IPv4 addresses'] },
        { messageId: 'exhausted', severity: 'error', lines: ['status.txt:4'], includes: ['IPv6 addresses'] },
      ],
    },
    {
      name: 'an ENI pool printed without its range',
      inputs: { 'status.txt': status('IPv4: 8/8 allocated,') },
      findings: [{ messageId: 'exhausted', severity: 'error', lines: ['status.txt:4'], includes: ['IPAM has 8/8 allocated. '] }],
    },
    {
      name: 'the node of a pod exec paste comes from the localhost row of cluster health',
      inputs: {
        'paste.txt': lines(
          '$ kubectl -n kube-system exec cilium-q7wzt -c cilium-agent -- cilium-dbg status --verbose',
          'KVStore:                Ok   Disabled',
          'Cilium:                 Ok   1.16.3 (v1.16.3-2a4b8c10)',
          'IPAM:                   IPv4: 30/30 allocated from 10.12.7.0/27, ',
          'Cluster health:         2/2 reachable   (2024-11-04T17:20:01Z)',
          '  Name                   IP         Node        Endpoints',
          '  blade-07 (localhost)   10.1.0.7   reachable   reachable',
          '  blade-02               10.1.0.2   reachable   reachable',
        ),
      },
      findings: [{ messageId: 'exhausted', severity: 'error', lines: ['paste.txt:4'], node: 'blade-07' }],
    },
  ],
});
