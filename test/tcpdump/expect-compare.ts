/**
 * Compares a parsed packet with its pcap-derived ground truth (tcpdump-live `<name>.expect.json`)
 * on every field the capture's options make tcpdump print — the same visibility rules as the
 * corpus' own tools/selfcheck.py: MACs only with -e, IP header fields only with -v, `seq` only
 * on SYN/FIN/RST/payload or with -vv, HTTP/DNS decoding off under -T, and so on.
 */
import type { PacketLayers, TcpdumpPacket } from '../../src/types/tcpdump.js';

type Json = any;

export interface CaptureOptions {
  e: boolean;
  v: boolean;
  vv: boolean;
  forcedType: boolean;
  tsMode: 'tttt' | 'tt' | 'default';
}

export function captureOptions(options: string): CaptureOptions {
  const o = options.split(/\s+/);
  return {
    e: o.includes('-e'),
    v: o.includes('-v') || o.includes('-vv'),
    vv: o.includes('-vv'),
    forcedType: o.includes('-T'),
    tsMode: o.includes('-tttt') ? 'tttt' : o.includes('-tt') ? 'tt' : 'default',
  };
}

/** Attached continuation content (HTTP headers, ND options) by packet start line. */
export interface PacketDetails {
  httpHeaders: [string, string][];
  ndOptions: string[];
}

export class Mismatches {
  readonly list: string[] = [];
  compared = 0;
  eq(path: string, expected: unknown, actual: unknown): void {
    this.compared++;
    if (JSON.stringify(expected) !== JSON.stringify(actual)) {
      this.list.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
  }
}

function compareTimestamp(exp: Json, got: TcpdumpPacket, o: CaptureOptions, m: Mismatches): void {
  const ts = exp.ts;
  const printed = o.tsMode === 'tttt' ? ts.utc_date_time : o.tsMode === 'tt' ? ts.epoch : ts.utc_time_of_day;
  m.eq('ts.printed', printed, got.ts?.printed);
  const frac = ts.frac / 10 ** ts.frac_digits;
  const seconds = o.tsMode === 'default' ? (ts.sec % 86400) + frac : ts.sec + frac;
  if (!got.ts || Math.abs(got.ts.seconds - seconds) > 1e-6) m.eq('ts.seconds', seconds, got.ts?.seconds);
}

function compareLink(exp: Json, got: PacketLayers, o: CaptureOptions, inner: boolean, m: Mismatches): void {
  if (exp.sll2 && !inner) {
    m.eq('sll2.interface', exp.sll2.interface, got.link?.interface);
    m.eq('sll2.direction', exp.sll2.direction, got.link?.direction);
    if (o.e) {
      m.eq('sll2.ifindex', exp.sll2.ifindex, got.link?.ifindex);
      m.eq('sll2.addr', exp.sll2.addr, got.link?.src);
      m.eq('sll2.protocol', exp.sll2.protocol, got.link?.ethertype);
      m.eq('len', exp.len, got.link?.length);
    }
  } else if (exp.eth && o.e) {
    m.eq('eth.src', exp.eth.src, got.link?.src);
    m.eq('eth.dst', exp.eth.dst, got.link?.dst);
    m.eq('eth.ethertype', exp.eth.ethertype, got.link?.ethertype);
    m.eq('eth.ethertype_name', exp.eth.ethertype_name, got.link?.ethertypeName);
    m.eq('eth.frame_length', exp.eth.frame_length, got.link?.length);
  }
}

function compareIpHeaders(exp: Json, got: PacketLayers, o: CaptureOptions, m: Mismatches): void {
  if (!o.v) return;
  if (exp.ipv4) {
    const e = exp.ipv4;
    const g = got.ipv4;
    m.eq('ipv4.ttl', e.ttl, g?.ttl);
    m.eq('ipv4.id', e.id, g?.id);
    m.eq('ipv4.tos', e.tos, g?.tos);
    m.eq('ipv4.total_length', e.total_length, g?.length);
    m.eq('ipv4.flags_text', e.flags_text, g?.flags);
    m.eq('ipv4.frag_offset', e.frag_offset, g?.offset);
    m.eq('ipv4.proto', e.proto, g?.proto);
    m.eq('ipv4.proto_name', e.proto_name, g?.protoName);
    m.eq('ipv4.header_cksum_ok', e.header_cksum_ok, g ? g.headerCksumOk !== false : undefined);
  }
  if (exp.ipv6) {
    const e = exp.ipv6;
    const g = got.ipv6;
    m.eq('ipv6.hlim', e.hlim, g?.hlim);
    m.eq('ipv6.flowlabel', parseInt(e.flowlabel, 16) === 0 ? undefined : e.flowlabel, g?.flowlabel);
    m.eq('ipv6.next_header', e.next_header, g?.nextHeader);
    m.eq('ipv6.next_header_name', e.next_header_name, g?.nextHeaderName);
    m.eq('ipv6.payload_length', e.payload_length, g?.payloadLength);
  }
}

function compareTcp(exp: Json, got: PacketLayers, o: CaptureOptions, d: PacketDetails | undefined, m: Mismatches): void {
  const t = exp.tcp;
  const g = got.tcp;
  m.eq('tcp.flags', t.flags, g?.flags);
  const seqPrinted = o.vv || t.payload_length > 0 || t.flags_list.some((f: string) => f === 'SYN' || f === 'FIN' || f === 'RST');
  if (seqPrinted) {
    m.eq('tcp.seq_rel', t.seq_rel, g?.seq);
    m.eq('tcp.seq', t.seq, g?.seqAbsolute);
    if (t.payload_length > 0) m.eq('tcp.seq_rel_end', t.seq_rel_end, g?.seqEnd);
  }
  if (t.ack_rel !== null && t.ack_rel !== undefined) {
    m.eq('tcp.ack_rel', t.ack_rel, g?.ack);
    m.eq('tcp.ack', t.ack, g?.ackAbsolute);
  }
  m.eq('tcp.win', t.win, g?.win);
  if (t.urg) m.eq('tcp.urg', t.urg, g?.urg);
  m.eq('tcp.options_text', t.options_text === '' ? undefined : t.options_text, g?.optionsText);
  m.eq('tcp.options', t.options, t.options.length === 0 && !g?.options ? [] : g?.options);
  m.eq('tcp.payload_length', t.payload_length, g?.length);
  if (o.v) {
    if (t.cksum_ok) m.eq('tcp.cksum', { state: 'correct', value: t.cksum }, g?.cksum);
    else m.eq('tcp.cksum', { state: 'incorrect', value: t.cksum, expected: t.cksum_correct }, g?.cksum);
  }
  if (t.http && !o.forcedType) {
    m.eq('tcp.http.first_line', t.http.first_line, g?.http?.firstLine);
    if (o.v) m.eq('tcp.http.headers', t.http.headers, d?.httpHeaders);
  }
}

function compareDns(e: Json, got: PacketLayers, o: CaptureOptions, m: Mismatches): void {
  const g = got.dns;
  m.eq('dns.id', e.id, g?.id);
  m.eq('dns.qr', e.qr, g?.qr);
  m.eq('dns.length', e.length, g?.length);
  const q = e.questions[0];
  if (e.qr === 'query') {
    m.eq('dns.rd', e.rd, g?.rd);
    m.eq('dns.question', [q.type, q.name], [g?.qtype, g?.qname]);
    return;
  }
  m.eq('dns.aa', e.aa, g?.aa);
  m.eq('dns.ra', e.ra, g?.ra);
  m.eq('dns.rcode_name', e.rcode_name, g?.rcode);
  m.eq('dns.counts', [e.ancount, e.nscount, e.arcount], [g?.answerCount, g?.authorityCount, g?.additionalCount]);
  m.eq(
    'dns.answers',
    e.answers.map((a: Json) => ({ type: a.type, data: a.data })),
    g?.answers.map((a) => ({ type: a.type, data: a.data })),
  );
  if (o.vv) m.eq('dns.question', [q.type, q.name], [g?.qtype, g?.qname]);
}

function compareUdp(exp: Json, got: PacketLayers, o: CaptureOptions, inner: boolean, m: Mismatches): void {
  const u = exp.udp;
  // -T vxlan decodes every UDP payload, the inner ones too, as VXLAN: nothing stable to compare.
  if (inner && o.forcedType) return;
  if (o.vv && exp.l3 === 'IPv4') {
    const want = u.cksum === '0x0000' ? { state: 'none' } : u.cksum_ok ? { state: 'correct' } : { state: 'incorrect', value: u.cksum, expected: u.cksum_correct };
    m.eq('udp.cksum', want, got.udp?.cksum);
  }
  if (u.dns) compareDns(u.dns, got, o, m);
  else if (!exp.encap) m.eq('udp.payload_length', u.payload_length, got.udp?.length);
}

function compareIcmp(exp: Json, got: PacketLayers, o: CaptureOptions, m: Mismatches): void {
  const c = exp.icmp;
  const g = got.icmp;
  m.eq('icmp.kind', c.kind, g?.kind);
  m.eq('icmp.length', c.length, g?.length);
  if (c.type === 0 || c.type === 8) {
    m.eq('icmp.id', c.id, g?.id);
    m.eq('icmp.seq', c.seq, g?.seq);
  }
  if (c.quoted) {
    const q = c.quoted;
    const gq = g?.quoted;
    m.eq('icmp.quoted.dst', q.dst, gq?.dst);
    m.eq('icmp.quoted.dport', q.dport, gq?.dport);
    m.eq('icmp.quoted.proto', q.proto_name, gq?.proto);
    if (o.v) {
      m.eq('icmp.quoted.src', q.src, gq?.src);
      m.eq('icmp.quoted.sport', q.sport, gq?.sport);
      m.eq('icmp.quoted.ttl', q.ttl, gq?.ipv4?.ttl);
      m.eq('icmp.quoted.id', q.id, gq?.ipv4?.id);
      m.eq('icmp.quoted.total_length', q.total_length, gq?.ipv4?.length);
    }
  }
}

function compareIcmp6(exp: Json, got: PacketLayers, o: CaptureOptions, d: PacketDetails | undefined, m: Mismatches): void {
  const c = exp.icmp6;
  const g = got.icmp;
  m.eq('icmp6.kind', c.kind, g?.kind);
  const echo = c.type === 128 || c.type === 129;
  if (echo) {
    m.eq('icmp6.id', c.id, g?.id);
    m.eq('icmp6.seq', c.seq, g?.seq);
  }
  // -v drops the echo's trailing length; ND messages print it either way.
  if (!echo || !o.v) m.eq('icmp6.length', c.length, g?.length);
  if (c.type === 135 || c.type === 136) m.eq('icmp6.target', c.target, g?.target);
  if (o.v) {
    m.eq('icmp6.cksum_ok', c.cksum_ok, g?.cksum?.state === 'correct');
    if (c.type === 136) m.eq('icmp6.na_flags', c.na_flags, g?.naFlags);
    if (c.options) m.eq('icmp6.options.lladdr', c.options.map((x: Json) => x.lladdr), d?.ndOptions);
  }
}

function compareArp(exp: Json, got: PacketLayers, m: Mismatches): void {
  const a = exp.arp;
  const g = got.arp;
  m.eq('arp.op_name', a.op_name, g?.op);
  m.eq('arp.spa', a.spa, g?.spa);
  m.eq('arp.length', a.length, g?.length);
  if (a.op === 1) m.eq('arp.tpa', a.tpa, g?.tpa);
  else m.eq('arp.sha', a.sha, g?.sha);
}

function compareEncap(exp: Json, got: PacketLayers, o: CaptureOptions, d: PacketDetails | undefined, m: Mismatches): void {
  const e = exp.encap;
  const g = got.encap;
  m.eq('encap.type', e.type, g?.type);
  m.eq('encap.vni', e.vni, g?.vni);
  if (e.type === 'vxlan') {
    m.eq('encap.flags', e.flags, g?.flags);
    m.eq('encap.printed_as', e.udp_port === 8472 && !o.forcedType ? 'OTV' : 'VXLAN', g?.printedAs);
  } else {
    m.eq('encap.vni_hex', e.vni_hex, g?.vniHex);
    if (o.e) m.eq('encap.protocol', `TEB (${e.protocol})`, g?.protocol);
  }
  if (!g?.inner) {
    m.list.push('encap.inner: missing');
    return;
  }
  const before = m.list.length;
  compareLayers(e.inner, g.inner, o, true, d, m);
  for (let i = before; i < m.list.length; i++) m.list[i] = `encap.inner.${m.list[i]}`;
}

function compareLayers(exp: Json, got: PacketLayers, o: CaptureOptions, inner: boolean, d: PacketDetails | undefined, m: Mismatches): void {
  compareLink(exp, got, o, inner, m);
  m.eq('l3', exp.l3, got.l3);
  if (exp.l3 === 'ARP') {
    compareArp(exp, got, m);
    return;
  }
  compareIpHeaders(exp, got, o, m);
  m.eq('src', exp.src, got.src);
  m.eq('dst', exp.dst, got.dst);
  m.eq('l4', exp.l4, got.l4);
  if (exp.sport !== undefined) {
    m.eq('sport', exp.sport, got.sport);
    m.eq('dport', exp.dport, got.dport);
  }
  if (exp.tcp) compareTcp(exp, got, o, d, m);
  if (exp.udp) compareUdp(exp, got, o, inner, m);
  if (exp.icmp) compareIcmp(exp, got, o, m);
  if (exp.icmp6) compareIcmp6(exp, got, o, d, m);
  if (exp.encap) compareEncap(exp, got, o, d, m);
}

/** Mismatches between a parsed packet and its ground truth (none: the packet matches). */
export function comparePacket(exp: Json, got: TcpdumpPacket, o: CaptureOptions, d: PacketDetails | undefined): Mismatches {
  const m = new Mismatches();
  compareTimestamp(exp, got, o, m);
  compareLayers(exp, got, o, false, d, m);
  return m;
}
