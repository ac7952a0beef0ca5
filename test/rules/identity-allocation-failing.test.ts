import { rule } from '../../src/rules/catalog/identity-allocation-failing.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const KEY = 'k8s:app=ledger;k8s:io.cilium.k8s.policy.cluster=default;k8s:io.kubernetes.pod.namespace=fin;';
/** ≤1.13 logrus: one failed attempt of the kvstore allocator. */
const etcdAttempt = (n: number, key = KEY) =>
  `level=warning msg="Key allocation attempt failed" attempt=${n} error="Error while locking path cilium/state/identities/v1/locks/${key}: etcd client timeout exceeded" key="${key}" subsys=allocator`;
/** 1.12 CRD mode: the identity the allocator picked exists already. */
const crdAttempt = (n: number) =>
  `level=warning msg="Key allocation attempt failed" attempt=${n} error="unable to allocate ID 51872 for key [k8s:app=ingest]: ciliumidentities.cilium.io \\"51872\\" already exists" key="[k8s:app=ingest]" subsys=allocator`;
/** 1.18 slog. */
const slogAttempt = (n: number) =>
  `time=2025-06-10T08:00:0${n}.000Z level=warn msg="Key allocation attempt failed" module=agent.controlplane.identity-allocator attempt=${n} key="[k8s:app=ingest]" error="Put \\"https://10.96.0.1:443/apis/cilium.io/v2/ciliumidentities/40211\\": context deadline exceeded"`;
const gaveUp =
  'level=warning msg="Error changing endpoint identity" containerID=d41a7c0e93 endpointID=2204 error="unable to resolve identity: identity allocation cancelled: context canceled" k8sPodName=fin/ledger-6c9d8f7b4-wq2xr subsys=endpoint';

ruleTester(rule, {
  valid: [
    { name: 'one failed attempt, then the allocation goes through', inputs: { 'agent.log': lines(etcdAttempt(0), 'level=info msg="Allocated new global key" key="k8s:app=ledger;" subsys=allocator') } },
    { name: 'two label sets failing once each', inputs: { 'agent.log': lines(etcdAttempt(0), etcdAttempt(1, 'k8s:app=other;'), etcdAttempt(0, 'k8s:app=third;')) } },
    { name: 'an endpoint identity error at debug level', inputs: { 'agent.log': lines(gaveUp.replace('level=warning', 'level=debug')) } },
  ],
  invalid: [
    {
      name: '1.5 kvstore: the lock times out attempt after attempt, the endpoint gives up',
      inputs: { 'agent.log': lines(etcdAttempt(0), etcdAttempt(1), etcdAttempt(2), gaveUp) },
      findings: [{ messageId: 'failing', severity: 'error', lines: ['agent.log:2', 'agent.log:3', 'agent.log:4'], includes: ['3 allocation attempts failed for 1 label set (up to attempt 2)', 'etcd client timeout exceeded', 'writes to etcd'] }],
    },
    {
      name: '1.12 CRD mode: an identity that exists already',
      inputs: { 'agent.log': lines(`level=info msg="  --identity-allocation-mode='crd'" subsys=daemon`, crdAttempt(0), crdAttempt(1), crdAttempt(2), crdAttempt(3)) },
      findings: [{ messageId: 'failing', severity: 'error', lines: ['agent.log:4', 'agent.log:5'], includes: ['4 allocation attempts', 'up to attempt 3', 'CiliumIdentity writes'] }],
    },
    {
      name: '1.18 slog: the API server does not answer, the mode printed as crd',
      inputs: { 'agent.log': lines(`time=2025-06-10T07:59:00.000Z level=info msg="  --identity-allocation-mode='crd'"`, slogAttempt(0), slogAttempt(1), slogAttempt(2)) },
      findings: [{ messageId: 'failing', severity: 'error', lines: ['agent.log:3', 'agent.log:4'], includes: ['context deadline exceeded', 'CiliumIdentity writes'] }],
    },
    {
      name: 'an endpoint giving up alone',
      inputs: { 'agent.log': lines(gaveUp) },
      findings: [{ messageId: 'failing', severity: 'error', lines: ['agent.log:1'], includes: ['1 endpoint identity change failed', 'Check the kvstore or the API server'] }],
    },
  ],
});
