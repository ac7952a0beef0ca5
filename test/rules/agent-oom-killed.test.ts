import { rule } from '../../src/rules/catalog/agent-oom-killed.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

/** `kubectl describe pod` of a pod with one container (`name`) in `state` / last `last`. */
const describe = (pod: string, container: string, image: string, state: string[], last: string[]) =>
  lines(
    `$ kubectl -n kube-system describe pod ${pod}`,
    `Name:             ${pod}`,
    'Namespace:        kube-system',
    'Node:             wk-3/10.12.0.3',
    'Containers:',
    `  ${container}:`,
    `    Image:          ${image}`,
    ...state,
    ...last,
    '    Ready:          False',
    '    Restart Count:  14',
  );
const waiting = ['    State:          Waiting', '      Reason:       CrashLoopBackOff'];
const lastOom = ['    Last State:     Terminated', '      Reason:       OOMKilled', '      Exit Code:    137'];
const lastError = ['    Last State:     Terminated', '      Reason:       Error', '      Exit Code:    1'];

/** `kubectl get pods -o wide` rows (1.15-era kubectl) of agents. */
const pods = (...rows: string[]) =>
  lines('NAME           READY   STATUS      RESTARTS      AGE   IP           NODE   NOMINATED NODE   READINESS GATES', ...rows);

ruleTester(rule, {
  valid: [
    { name: 'an agent that last exited with an error', inputs: { 'pod.txt': describe('cilium-7xk2d', 'cilium-agent', 'quay.io/cilium/cilium:v1.13.4', waiting, lastError) } },
    {
      name: 'a workload pod OOM-killed is not the agent',
      inputs: { 'pod.txt': describe('indexer-6f9c8d7b5-2lqzp', 'indexer', 'registry.local/indexer:2.1', waiting, lastOom) },
    },
    { name: 'running agents', inputs: { 'pods.txt': pods('cilium-2zq9m   1/1     Running     0             2d    10.12.0.3    wk-3   <none>           <none>') } },
  ],
  invalid: [
    {
      name: '1.13 describe pod: last terminated OOMKilled',
      inputs: { 'pod.txt': describe('cilium-7xk2d', 'cilium-agent', 'quay.io/cilium/cilium:v1.13.4', waiting, lastOom) },
      findings: [{ messageId: 'oomKilled', severity: 'error', lines: ['pod.txt:2'], node: 'wk-3', includes: ['cilium-7xk2d: the cilium-agent container last terminated OOMKilled (restarted 14 times)'] }],
    },
    {
      name: '1.16 get pods: the STATUS column says OOMKilled',
      inputs: { 'pods.txt': pods('cilium-2zq9m   0/1     OOMKilled   5 (40s ago)   2d    10.12.0.3    wk-3   <none>           <none>') },
      findings: [{ messageId: 'oomKilled', severity: 'error', lines: ['pods.txt:2'], node: 'wk-3', includes: ['container is OOMKilled'] }],
    },
  ],
});
