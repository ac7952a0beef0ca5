/**
 * Record starts of the agent's list tables whose line breaks were lost (`cilium node list`,
 * `cilium endpoint list`, `cilium service list`, `cilium-health status`): a header, a row (its first
 * columns have their value shapes), and the continuation lines of a row (a service's further
 * backends, an endpoint's further labels, a health node's probes). A continuation start matches at
 * the whitespace before it, so its segment keeps the indentation the list grammar expects there.
 * An endpoint's further labels split only after the row's STATUS, so labels inside other output
 * (`[k8s:app=web k8s:…]` of an L7 record) stay whole. One start per table, each behind a literal
 * that only that table prints, keeps the check cheap on the lines of every other format.
 */
import type { RecordStart } from './record-starts.js';

const IPV4 = String.raw`(?:\d{1,3}\.){3}\d{1,3}`;
const POLICY = String.raw`(?:Enabled|Disabled)(?: \(Audit\))?`;
const LABEL = String.raw`(?:k8s|reserved|container|unspec|cidr|fqdn|cni|any):\S+`;
/** The STATUS column of `cilium endpoint list`: labels printed after it belong to the row above. */
const ENDPOINT_STATES = 'ready|not-ready|waiting-for-identity|waiting-to-regenerate|regenerating|restoring|disconnecting|disconnected|invalid';

const start = (literal: string, alternatives: string[], quoteAware = false): RecordStart => ({
  family: 'cilium-list',
  literal,
  pattern: new RegExp(alternatives.join('|'), 'g'),
  quoteAware,
});

export const LIST_TABLE_STARTS: RecordStart[] = [
  // cilium node list: the header, and rows `name IPv4 CIDR` after it
  start('IPv4 Address', [
    String.raw`(?<=\s)Name IPv4 Address Endpoint CIDR`,
    String.raw`(?<=\s)[a-z0-9][\w.-]* ${IPV4} ${IPV4}/\d{1,2}(?=\s|$)`,
  ]),
  // cilium endpoint list: the header and its second line
  start('ENFORCEMENT', [String.raw`(?<=\s)ENDPOINT POLICY \(ingress\) POLICY \(egress\) IDENTITY`, String.raw`\s(?=ENFORCEMENT ENFORCEMENT(?:\s|$))`]),
  // rows, and labels after a row's status
  start(
    'abled ',
    [
      String.raw`(?<=\s)\d+ ${POLICY} ${POLICY} (?:\d+|<no label id>) `,
      String.raw`(?<=\s(?:${ENDPOINT_STATES})(?: ${LABEL})*) (?=${LABEL}(?:\s|$))`,
    ],
    true,
  ),
  // cilium service list: the header; rows with a backend; further backends of a row
  start('Service Type', [String.raw`(?<=\s)ID Frontend Service Type Backend`]),
  start(' => ', [String.raw`(?<=\s)\d+ \[?[0-9a-fA-F.:]+\]?:\d+(?:/[A-Za-z]+)? [A-Z][A-Za-z]+(?= \d+ => )`, String.raw`\s(?=\d+ => \S+:\d+)`]),
  // cilium-health status: probe time, node headers, connectivity paths, probe results
  start('connectivity to ', [
    String.raw`(?<=\s)Probe time:`,
    String.raw`\s(?=Nodes:(?:\s|$))`,
    String.raw`\s(?=[\w.-]+(?: \(localhost\))?: (?:Secondary )?(?:Host|Endpoint) connectivity to )`,
    String.raw`(?<!Secondary|Host|Endpoint)\s(?=(?:Secondary |Host |Endpoint )+connectivity to \S+:)`,
    String.raw`\s(?=(?:ICMP to stack|HTTP to agent):)`,
  ]),
];
