import type { Evidence } from '../../types/evidence.js';
import type { AgentState, ClusterState, LogSignalHit, ServiceState } from '../../types/state.js';
import { carrying, firstLines, flag } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

/** Why the client's request failed, from its error text. */
type Failure = 'certificate' | 'network';

/** An x509 refusal (`certificate is valid for …, not 10.96.0.1`, `certificate signed by unknown authority`). */
const CERTIFICATE = /\bx509: /;
/** The address the client dialled: `ipAddr=` (logrus and slog), else the URL or `dial tcp` address of its error. */
const DIALLED_URL = /https?:\/\/([^/\s"]+)/;
const DIAL_TCP = /dial tcp ([^\s:]+:\d+|\[[^\]]+\]:\d+)/;

function dialled(hit: LogSignalHit): string {
  const url = DIALLED_URL.exec(hit.fields['ipAddr'] ?? '') ?? DIALLED_URL.exec(hit.fields['error'] ?? '');
  return url?.[1] ?? DIAL_TCP.exec(hit.fields['error'] ?? '')?.[1] ?? 'the API server';
}

/** The configured API server address (`k8s-api-server`, `k8s-service-host`), when one was printed and not empty. */
function configuredServer(agent: AgentState): string | null {
  for (const name of ['k8s-api-server', 'k8s-service-host']) {
    const value = flag(agent, name)?.value.trim();
    if (value) return value;
  }
  return null;
}

/** The `kubernetes` Service of the `default` namespace, as kubectl or an agent's service list printed it. */
function kubernetesService(state: ClusterState, address: string): ServiceState | null {
  const ip = address.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return state.services.find((v) => v.type === 'ClusterIP' && (v.vip ?? v.frontend.replace(/:\d+$/, '')) === ip && /^(?:default\/)?kubernetes$/.test(v.name ?? '')) ?? null;
}

/**
 * How the agent came to dial that address, in words: the `kubernetes` Service's ClusterIP when a listing says
 * so, or when no API server address was configured and it dialled the Service port 443 (the API server's own
 * port is usually 6443); empty when neither is known.
 */
function howDialled(state: ClusterState, agent: AgentState, address: string): { how: string; evidence: Evidence[] } {
  const service = kubernetesService(state, address);
  const unconfigured = agent.configKnown && configuredServer(agent) === null && address.endsWith(':443');
  if (!service && !unconfigured) return { how: '', evidence: [] };
  const kpr = flag(agent, 'kube-proxy-replacement')?.value.toLowerCase();
  const replacing = kpr === 'strict' || kpr === 'true';
  return {
    how:
      (service ? ` ${address} is the \`kubernetes\` Service's ClusterIP` : ' No API server address is configured (k8s-service-host, k8s-api-server), so the agent dialled the `kubernetes` Service\'s ClusterIP') +
      ', which only kube-proxy or an already running agent translates' +
      (replacing ? ` — and with kube-proxy-replacement=${kpr} there is usually no kube-proxy to do it.` : '.'),
    evidence: service ? service.evidence.slice(0, 1) : [],
  };
}

export const rule: Rule = {
  meta: {
    name: 'apiserver-unreachable',
    severity: 'critical',
    title: 'The agent cannot reach the Kubernetes API server',
    meaning:
      'The agent\'s Kubernetes client could not contact the API server (`Unable to contact k8s api-server`) and start-up ' +
      'stops there: ≤1.13 exits with `Unable to initialize Kubernetes subsystem`, 1.14+ fails the hive\'s start hook. The usual ' +
      'cause is the address it dials: without `k8sServiceHost`/`k8sServicePort` it is the `kubernetes` Service\'s ClusterIP, which ' +
      'nothing translates on a node without kube-proxy (kube-proxy replacement, kube-proxy removed or crash-looping); or the API ' +
      'server\'s certificate does not name that address.',
    checkNext:
      'Set the Helm values `k8sServiceHost` / `k8sServicePort` to an address of the API server reachable from the node (not the ' +
      'ClusterIP), or check kube-proxy on the node (`kubectl -n kube-system get pods -l k8s-app=kube-proxy -o wide`); from the ' +
      'node, `curl -k https://<address>/version`.',
    reads: ['L', 'C'],
    messages: {
      network:
        '{{agent}} could not contact the API server at {{address}} ({{error}}){{stopped}}.{{how}} Give the agent an address of ' +
        'the API server reachable from the node (Helm `k8sServiceHost` / `k8sServicePort`; a ClusterIP needs kube-proxy or a ' +
        'running agent), and check the route and firewall from the node to it.',
      certificate:
        '{{agent}} refused the API server\'s certificate at {{address}} ({{error}}){{stopped}}: the certificate does not name the ' +
        'address the agent dialled. Point the agent at an address the certificate names (Helm `k8sServiceHost`), or add the ' +
        'address to the API server\'s certificate SANs.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      const failed = (agent.log.signals['apiserver-unreachable'] ?? []).filter((h) => h.level === 'error' || h.level === 'fatal' || h.level === 'warning');
      if (failed.length === 0) continue;
      const last = failed[failed.length - 1]!;
      const address = dialled(last);
      // The hive's own start failure is this one when it names the address the client dialled.
      const hive = (agent.log.signals['hive-start-failed'] ?? []).filter((h) => [h.msg, ...Object.values(h.fields)].some((t) => t.includes(address)));
      const stopped = [...(agent.log.signals['k8s-client-start-failed'] ?? []), ...hive].filter((h) => h.level !== 'info' && h.level !== 'debug')
        .sort((a, b) => a.line - b.line);
      const error = carrying(last, ['x509', 'dial tcp', 'timeout', 'refused', 'no route', 'EOF']);
      const failure: Failure = CERTIFICATE.test(error) ? 'certificate' : 'network';
      const how = howDialled(state, agent, address);
      drafts.push({
        messageId: failure,
        data: {
          agent: agent.node?.value ?? agent.pod ?? 'The agent',
          address,
          error: error === last.msg ? 'no error printed' : error.replace(/^.*?(x509: |dial tcp )/, '$1'),
          stopped: stopped.length > 0 ? ' and stopped its start-up' : '',
          how: how.how,
        },
        node: agent.node?.value ?? null,
        evidence: [...firstLines(failed, 2), ...firstLines(stopped, 2), ...firstLines(how.evidence, 1)],
      });
    }
    return drafts;
  },
};
