/** Agent notifications (`>> ‹subtype›: ‹json›`, monitor.md §12) and debug-capture subtypes (§8). */

export const AGENT_NOTIFICATIONS: readonly string[] = [
  'unspecified',
  'Message',
  'Cilium agent started',
  'Endpoint regenerated',
  'Failed endpoint regeneration',
  'Policy updated',
  'Policy deleted',
  'Endpoint created',
  'Endpoint deleted',
  'IPCache entry upserted',
  'IPCache entry deleted',
  'Service upserted',
  'Service deleted',
];

/** Verbose capture header texts (§8.2); the number is an ifindex, or a proxy port for 8/9. */
export const CAPTURE_SUBTYPES: readonly { code: number; pattern: RegExp; argument: 'ifindex' | 'proxyPort' }[] = [
  { code: 4, pattern: /^Delivery to ifindex (\d+)$/, argument: 'ifindex' },
  { code: 5, pattern: /^Incoming packet to load balancer on ifindex (\d+)$/, argument: 'ifindex' },
  { code: 6, pattern: /^Packet after nat46 ifindex (\d+)$/, argument: 'ifindex' },
  { code: 7, pattern: /^Packet after nat64 ifindex (\d+)$/, argument: 'ifindex' },
  { code: 8, pattern: /^Packet to proxy port (\d+) \(Pre\)$/, argument: 'proxyPort' },
  { code: 9, pattern: /^Packet to proxy port (\d+) \(Post\)$/, argument: 'proxyPort' },
  { code: 10, pattern: /^Packet going into snat engine on ifindex (\d+)$/, argument: 'ifindex' },
  { code: 11, pattern: /^Packet coming from snat engine on ifindex (\d+)$/, argument: 'ifindex' },
];
