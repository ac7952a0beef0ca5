/**
 * The line classification monitor.md §17 recommends, written from the spec independently of the
 * grammar: the kind a line must get, and the fields its pattern captures, for tests to compare.
 */
export type SpecKind =
  | 'separator'
  | 'recorder-end'
  | 'banner'
  | 'log'
  | 'interrupt'
  | 'json'
  | 'drop'
  | 'policy-verdict'
  | 'agent'
  | 'l7'
  | 'trace'
  | 'capture'
  | 'lost'
  | 'debug'
  | 'trace-sock'
  | 'unknown-event'
  | 'layer'
  | 'trailer'
  | 'hexdump'
  | 'recorder'
  | 'error';

export interface SpecLine {
  kind: SpecKind;
  /** Verbose header / summary distinction where the spec makes one. */
  form?: 'summary' | 'verbose';
  fields: Record<string, string | undefined>;
}

const P = {
  separator: /^-{78}$/,
  recorderEnd: /^----$/,
  banner: /^(?:Listening for events on (\d+) CPUs with (\d+)x(\d+) of shared memory|Press Ctrl-C to quit)$/,
  log: /^(time=\S+ )?level=\w+ msg=/,
  interrupt: /^Received an interrupt, disconnecting from monitor\.\.\.$/,
  json: /^\{/,
  drop: /^xx drop \((.+?)\) flow (0x[0-9a-f]+) to endpoint (\d+), (?:ifindex (\d+), )?(?:file (\S+?)(?::| line )(\d+), )?(?: ?\[ ip-trace-id = (\d+) \],?)?,? ?identity (\S+)->(\S+): (.*)$/,
  verdict: /^Policy verdict log: flow (0x[0-9a-f]+) local EP ID (\d+), remote ID ([^,]+), .*action (\w+), (?:auth: \S+, )?match (\S+), /,
  agent: /^>> (.+?): (.*)$/,
  l7: /^(<-|->|\?\?) (Request|Response) (\S+) (from|to) .*identity (\d+)->(\d+), verdict (\w+)/,
  trace: /^(?:(?:->|<-) (?:endpoint \d+|proxy(?: port \d+)?|host from|host|stack|overlay|network|crypto)|unknown trace)(?:\s+encrypted)?\s+flow (0x[0-9a-f]+) ,? ?identity (\S+?)->(\S+?)(?: \[ ip-trace-id = \d+ \])? state (\S+) ifindex (\S+) orig-ip (\S+?): /,
  capture: /^(?:-> \S+|<- load-balancer \S+|== v4->v6 \d+|== v6->v4 \d+|-> proxy port \d+): /,
  cpu: /^CPU (\d+): /,
  lost: /^CPU \d+: Lost (\d+) events$/,
  dropVerbose: /^CPU \d+: MARK (0x[0-9a-f]+)(?: \[ IP-TRACE-ID = (\d+) \])? FROM (\d+) DROP: /,
  captureVerbose: /^CPU \d+: MARK (0x[0-9a-f]+) FROM (\d+) DEBUG: (\d+) bytes, /,
  debug: /^CPU \d+: MARK (0x[0-9a-f]+) FROM (\d+) DEBUG: (.*)$/,
  traceVerbose: /^CPU \d+: MARK (0x[0-9a-f]+)(?: \[ IP-TRACE-ID = (\d+) \])? FROM (\d+) ([a-z-]+|\d+): (\d+) bytes \((\d+) captured\), state /,
  traceSock: /^CPU \d+: \[((?:pre|post)-xlate-(?:fwd|rev)|unknown)\] cgroup_id: /,
  unknownEvent: /^CPU \d+: Unknown event: /,
  layer: /^(?: \[ IP-TRACE-ID=\d+)?(Ethernet|IPv4|IPv6|TCP|UDP|SCTP|ICMPv4|ICMPv6|VXLAN|Geneve|VRRP|IGMP)[\t ]+\{/,
  trailer: /^(?:  Packet has been truncated$|  Failed to decode layer: |Unknown layer$)/,
  hexdump: /^[0-9a-f]{8}  /,
  recorder: /^Recorder capture: dir:(\w+) rule:(\d+) ts:(\d+) caplen:(\d+) len:(\d+)$/,
  error: /^(?:Unknown payload type: |cannot decode message type |Error while (?:parsing|decoding) |endpoint \d+ not found$)/,
};

/** First match wins, in the spec's order; null for a line the spec leaves unrecognised. */
export function specClassify(text: string): SpecLine | null {
  let m: RegExpExecArray | null;
  if (P.separator.test(text)) return { kind: 'separator', fields: {} };
  if (P.recorderEnd.test(text)) return { kind: 'recorder-end', fields: {} };
  if ((m = P.banner.exec(text))) return { kind: 'banner', fields: { cpus: m[1] } };
  if (P.log.test(text)) return { kind: 'log', fields: {} };
  if (P.interrupt.test(text)) return { kind: 'interrupt', fields: {} };
  if (P.json.test(text)) return { kind: 'json', fields: { type: (JSON.parse(text) as { type: string }).type } };
  if ((m = P.drop.exec(text))) {
    return {
      kind: 'drop', form: 'summary',
      fields: { reason: m[1], mark: m[2], dest_ep: m[3], ifindex: m[4], bpf_file: m[5], bpf_line: m[6], trace_id: m[7], src_identity: m[8], dst_identity: m[9], summary: m[10] },
    };
  }
  if ((m = P.verdict.exec(text))) {
    return { kind: 'policy-verdict', fields: { mark: m[1], local_ep: m[2], remote: m[3], policy_action: m[4], policy_match: m[5] } };
  }
  if ((m = P.agent.exec(text))) return { kind: 'agent', fields: { subtype: m[1] } };
  if ((m = P.l7.exec(text))) {
    return { kind: 'l7', fields: { l7_type: m[2], l7_protocol: m[3], src_identity: m[5], dst_identity: m[6], verdict: m[7] } };
  }
  if ((m = P.trace.exec(text))) {
    return { kind: 'trace', form: 'summary', fields: { mark: m[1], src_identity: m[2], dst_identity: m[3], trace_state: m[4], iface: m[5], orig_ip: m[6] } };
  }
  if (P.capture.test(text)) return { kind: 'capture', form: 'summary', fields: {} };
  if ((m = P.cpu.exec(text))) {
    const cpu = m[1];
    if ((m = P.lost.exec(text))) return { kind: 'lost', fields: { cpu, lost_count: m[1] } };
    if ((m = P.dropVerbose.exec(text))) return { kind: 'drop', form: 'verbose', fields: { cpu, mark: m[1], trace_id: m[2], source_ep: m[3] } };
    if ((m = P.captureVerbose.exec(text))) return { kind: 'capture', form: 'verbose', fields: { cpu, mark: m[1], source_ep: m[2], length: m[3] } };
    if ((m = P.debug.exec(text))) return { kind: 'debug', fields: { cpu, mark: m[1], source_ep: m[2], message: m[3] } };
    if ((m = P.traceVerbose.exec(text))) {
      return {
        kind: 'trace', form: 'verbose',
        fields: { cpu, mark: m[1], trace_id: m[2], source_ep: m[3], obs_point: m[4], length: m[5], captured_length: m[6] },
      };
    }
    if ((m = P.traceSock.exec(text))) return { kind: 'trace-sock', fields: { cpu, subtype: m[1] } };
    if (P.unknownEvent.test(text)) return { kind: 'unknown-event', fields: { cpu } };
  }
  if ((m = P.layer.exec(text))) return { kind: 'layer', fields: { layer: m[1] } };
  if (P.trailer.test(text)) return { kind: 'trailer', fields: {} };
  if (P.hexdump.test(text)) return { kind: 'hexdump', fields: {} };
  if ((m = P.recorder.exec(text))) return { kind: 'recorder', fields: { direction: m[1], captured_length: m[4], length: m[5] } };
  if (P.error.test(text)) return { kind: 'error', fields: {} };
  return null;
}
