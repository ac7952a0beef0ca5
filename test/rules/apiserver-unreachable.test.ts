import { rule } from '../../src/rules/catalog/apiserver-unreachable.js';
import { lines, ruleTester } from '../helpers/rule-tester.js';

const timeout = (ip: string) => `Get \\"https://${ip}:443/api/v1/namespaces/kube-system\\": dial tcp ${ip}:443: i/o timeout`;

/** ≤1.13 logrus text: flags, the client's attempts, its failure and the fatal exit. */
const log112 = (flags: [string, string][], ...tail: string[]) =>
  lines(
    ...flags.map(([k, v]) => `level=info msg="  --${k}='${v}'" subsys=daemon`),
    'level=info msg="Cilium 1.12.7 2f5e7d2 2023-02-15T10:11:44+01:00 go version go1.18.10 linux/amd64" subsys=daemon',
    'level=info msg="Establishing connection to apiserver" host="https://10.100.0.1:443" subsys=k8s',
    ...tail,
  );
const failed112 = `level=error msg="Unable to contact k8s api-server" error="${timeout('10.100.0.1')}" ipAddr="https://10.100.0.1:443" subsys=k8s`;
const fatal112 = `level=fatal msg="Unable to initialize Kubernetes subsystem" error="unable to create k8s client: unable to create k8s client: ${timeout('10.100.0.1')}" subsys=daemon`;
const KPR: [string, string][] = [['kube-proxy-replacement', 'strict'], ['k8s-api-server', '']];
const SERVICE_HOST: [string, string][] = [['kube-proxy-replacement', 'strict'], ['k8s-service-host', '192.168.9.10'], ['k8s-api-server', '']];

/** 1.17+ slog text of the k8s-client module. */
const slog = (...records: string[]) => lines('time=2025-03-04T11:20:01.100Z level=info msg="Establishing connection to apiserver" module=agent.infra.k8s-client host=https://10.43.0.1:443', ...records);
const slogFailed = `time=2025-03-04T11:20:36.104Z level=error msg="Unable to contact k8s api-server" module=agent.infra.k8s-client ipAddr=https://10.43.0.1:443 error="${timeout('10.43.0.1')}"`;
const slogHook = `time=2025-03-04T11:20:36.105Z level=error msg="Start hook failed" function="client.(*compositeClientset).onStart" error="${timeout('10.43.0.1')}"`;
const slogHive = `time=2025-03-04T11:20:36.106Z level=error msg="Failed to start hive" error="${timeout('10.43.0.1')}"`;

ruleTester(rule, {
  valid: [
    { name: 'the client connected (1.15)', inputs: { 'agent.log': log112(KPR, 'level=info msg="Connected to apiserver" subsys=k8s-client') } },
    {
      name: 'the message at debug level is not the client failing',
      inputs: { 'agent.log': log112(KPR, `level=debug msg="Unable to contact k8s api-server" error="${timeout('10.100.0.1')}" subsys=k8s`) },
    },
    {
      name: 'another start hook failing is not the API server',
      inputs: { 'agent.log': slog('time=2025-03-04T11:20:36.105Z level=error msg="Start hook failed" function="cmd.newDaemonPromise.func1 (daemon_main.go:1697)" error="daemon creation failed"') },
    },
    { name: 'kubectl\'s own connection refusal is not the agent\'s', inputs: { 'paste.txt': lines('$ kubectl get pods', 'The connection to the server 10.0.0.5:6443 was refused - did you specify the right host or port?') } },
  ],
  invalid: [
    {
      name: '1.12 with kube-proxy replacement and no API server address: the ClusterIP nothing translates',
      inputs: { 'agent.log': log112(KPR, failed112, fatal112) },
      findings: [
        {
          messageId: 'network',
          severity: 'critical',
          lines: ['agent.log:5', 'agent.log:6'],
          includes: ['at 10.100.0.1:443 (dial tcp 10.100.0.1:443: i/o timeout) and stopped its start-up', 'kube-proxy-replacement=strict there is usually no kube-proxy'],
        },
      ],
    },
    {
      name: '1.12 with k8s-service-host set: no ClusterIP explanation',
      inputs: { 'agent.log': log112(SERVICE_HOST, failed112) },
      findings: [{ messageId: 'network', severity: 'critical', lines: ['agent.log:6'], includes: ['(dial tcp 10.100.0.1:443: i/o timeout). Give the agent an address'] }],
    },
    {
      name: '1.12: kubectl names the dialled address the kubernetes Service\'s ClusterIP (no flag dump)',
      inputs: {
        'agent.log': lines(failed112, fatal112),
        'svc.txt': lines('NAME         TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)   AGE', 'kubernetes   ClusterIP   10.100.0.1    <none>        443/TCP   3h'),
      },
      findings: [{ messageId: 'network', severity: 'critical', lines: ['agent.log:1', 'agent.log:2', 'svc.txt:2'], includes: ["10.100.0.1:443 is the `kubernetes` Service's ClusterIP, which only kube-proxy"] }],
    },
    {
      name: '1.12 without an API server flag, dialling the API server\'s own port 6443: no ClusterIP explanation',
      inputs: {
        'agent.log': lines(
          `level=info msg="  --k8s-api-server=''" subsys=daemon`,
          'level=error msg="Unable to contact k8s api-server" error="Get \\"https://192.168.9.10:6443/api/v1/namespaces/kube-system\\": dial tcp 192.168.9.10:6443: connect: connection refused" ipAddr="https://192.168.9.10:6443" subsys=k8s',
        ),
      },
      findings: [{ messageId: 'network', severity: 'critical', lines: ['agent.log:2'], message: 'The agent could not contact the API server at 192.168.9.10:6443 (dial tcp 192.168.9.10:6443: connect: connection refused). Give the agent an address of the API server reachable from the node (Helm `k8sServiceHost` / `k8sServicePort`; a ClusterIP needs kube-proxy or a running agent), and check the route and firewall from the node to it.' }],
    },
    {
      name: '1.5 certificate that does not name the ClusterIP',
      inputs: {
        'agent.log': lines(
          'level=error msg="Unable to contact k8s api-server" error="Get https://10.96.0.1:443/api/v1/componentstatuses/controller-manager: x509: certificate is valid for 127.0.0.1, 10.96.128.1, not 10.96.0.1" ipAddr="https://10.96.0.1:443" subsys=k8s',
          'level=fatal msg="Unable to initialize Kubernetes subsystem" error="unable to create k8s client: x509: certificate is valid for 127.0.0.1, 10.96.128.1, not 10.96.0.1" subsys=daemon',
        ),
      },
      findings: [{ messageId: 'certificate', severity: 'critical', lines: ['agent.log:1', 'agent.log:2'], includes: ['(x509: certificate is valid for 127.0.0.1, 10.96.128.1, not 10.96.0.1)'] }],
    },
    {
      name: '1.18 slog: the client, its start hook and the hive failing on the same address',
      inputs: { 'agent.log': slog(slogFailed, slogHook, slogHive) },
      findings: [{ messageId: 'network', severity: 'critical', lines: ['agent.log:2', 'agent.log:3', 'agent.log:4'], includes: ['at 10.43.0.1:443'] }],
    },
    {
      name: '1.18 slog: a hive failure on another address is not cited',
      inputs: { 'agent.log': slog(slogFailed, 'time=2025-03-04T11:20:36.106Z level=error msg="Failed to start hive" error="unable to open /sys/fs/bpf"') },
      findings: [{ messageId: 'network', severity: 'critical', lines: ['agent.log:2'] }],
    },
  ],
});
