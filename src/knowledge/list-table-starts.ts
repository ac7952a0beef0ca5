/**
 * Record starts of the agent's list tables whose line breaks were lost (`cilium node list`,
 * `cilium endpoint list`, `cilium service list`, `cilium-health status`): a header, a row (its first
 * columns have their value shapes), and the continuation lines of a row (a service's further
 * backends, an endpoint's further labels, a health node's probes). A continuation start matches at
 * the whitespace before it, so its segment keeps the indentation the list grammar expects there.
 * An endpoint's further labels split only after the row's STATUS, so labels inside other output
 * (`[k8s:app=web k8s:…]` of an L7 record) stay whole.
 */
import type { RecordStart } from './record-starts.js';

const IPV4 = String.raw`(?:\d{1,3}\.){3}\d{1,3}`;
const POLICY = String.raw`(?:Enabled|Disabled)(?: \(Audit\))?`;
const LABEL_SOURCES = ['k8s', 'reserved', 'container', 'unspec', 'cidr', 'fqdn', 'cni', 'any'];
/** The STATUS column of `cilium endpoint list`: labels printed after it belong to the row above. */
const ENDPOINT_STATES = 'ready|not-ready|waiting-for-identity|waiting-to-regenerate|regenerating|restoring|disconnecting|disconnected|invalid';
const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'ExternalIPs', 'HostPort', 'LoadBalancer', 'LocalRedirect'];

const start = (literal: string, pattern: RegExp, quoteAware = false): RecordStart => ({ family: 'cilium-list', literal, pattern, quoteAware });

export const LIST_TABLE_STARTS: RecordStart[] = [
  // cilium node list
  start('IPv4 Address', /(?<=\s)Name IPv4 Address Endpoint CIDR/g),
  start('/', new RegExp(String.raw`(?<=\s)[a-z0-9][\w.-]* ${IPV4} ${IPV4}/\d{1,2}(?=\s|$)`, 'g')),
  // cilium endpoint list: header, its second line, rows, labels after a row's status
  start('POLICY (ingress)', /(?<=\s)ENDPOINT POLICY \(ingress\) POLICY \(egress\) IDENTITY/g),
  start(' ENFORCEMENT ENFORCEMENT', /\s(?=ENFORCEMENT ENFORCEMENT(?:\s|$))/g),
  ...['Enabled ', 'Disabled '].map((literal) =>
    start(literal, new RegExp(String.raw`(?<=\s)\d+ ${POLICY} ${POLICY} (?:\d+|<no label id>) `, 'g')),
  ),
  ...LABEL_SOURCES.map((source) =>
    start(` ${source}:`, new RegExp(String.raw`(?<=\s(?:${ENDPOINT_STATES})(?: (?:${LABEL_SOURCES.join('|')}):\S+)*) (?=${source}:\S+(?:\s|$))`, 'g'), true),
  ),
  // cilium service list: header, rows, further backends of a row
  start('Service Type', /(?<=\s)ID Frontend Service Type Backend/g),
  ...SERVICE_TYPES.map((type) =>
    start(` ${type}`, new RegExp(String.raw`(?<=\s)\d+ \[?[0-9a-fA-F.:]+\]?:\d+(?:/[A-Za-z]+)? ${type}(?=\s|$)`, 'g')),
  ),
  start(' => ', /\s(?=\d+ => \S+:\d+)/g),
  // cilium-health status
  start('Probe time:', /(?<=\s)Probe time:/g),
  start('Nodes:', /\s(?=Nodes:(?:\s|$))/g),
  start(' connectivity to ', /\s(?=[\w.-]+(?: \(localhost\))?: (?:Secondary )?(?:Host|Endpoint) connectivity to )/g),
  start('connectivity to ', /(?<!Secondary|Host|Endpoint)\s(?=(?:Secondary |Host |Endpoint )+connectivity to \S+:)/g),
  start(' to stack:', /\s(?=ICMP to stack:)/g),
  start(' to agent:', /\s(?=HTTP to agent:)/g),
];
