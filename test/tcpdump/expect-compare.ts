/**
 * Compares a parsed packet with its pcap-derived ground truth (`<name>.expect.json`, written by
 * test/captures/tools/pcap2expect.py from the pcap bytes) on every field the capture's options
 * make tcpdump print. What each option prints comes from tcpdump's printing code (4.99; where
 * another release prints a field otherwise or not at all, `printedSince` says from when):
 * util-print.c ts_print (-t…), print-ether.c / print-sll.c (-e, -q, 802.1Q), print-ip.c (-v,
 * fragments), print-tcp.c (-q, -S, -vv seq), print-udp.c (-q, checksums), print-icmp.c /
 * print-icmp6.c (errors, -v quoted datagrams), print.c / print-ascii.c (-x, -X, -A).
 */
import type { PacketLayers, TcpdumpPacket } from '../../src/types/tcpdump.js';

type Json = any;

export interface CaptureOptions {
  /** The tcpdump release that printed the text, as [major, minor, patch] (master: 5.0.0). */
  release: [number, number, number];
  e: boolean;
  v: boolean;
  vv: boolean;
  q: boolean;
  /** -S: absolute sequence numbers. */
  S: boolean;
  forcedType: boolean;
  tsMode: 'none' | 'default' | 'tt' | 'ttt' | 'tttt' | 'ttttt';
  /** Raw packet dumps: 1 without, 2 with the link-layer header (-x/-xx, -X/-XX, -A/-AA). */
  hex: 0 | 1 | 2;
  hexAscii: boolean;
  ascii: 0 | 1 | 2;
  /** No -n: addresses and ports print as the names the capture's hosts and services files give. */
  names: boolean;
  /** -N: host names without their domain. */
  N: boolean;
  /** -# / --number: each packet's number before its stamp. */
  numbered: boolean;
}

/**
 * The names a capture without -n printed: its netns's hosts file (address → first name) and
 * services file (`port/proto` → first name), as getservent() and gethostbyaddr() read them.
 */
export interface CaptureNames {
  hosts: Map<string, string>;
  services: Map<string, string>;
}

/** Reads a hosts and a services file (`corpus/<scenario>.hosts`, `.services`). */
export function readCaptureNames(hosts: string, services: string): CaptureNames {
  const names: CaptureNames = { hosts: new Map(), services: new Map() };
  for (const line of hosts.split('\n')) {
    const [addr, name] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (addr && name && !names.hosts.has(addr)) names.hosts.set(addr, name);
  }
  for (const line of services.split('\n')) {
    const [name, port] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (name && port && !names.services.has(port)) names.services.set(port, name);
  }
  return names;
}

const TS_MODES: CaptureOptions['tsMode'][] = ['default', 'none', 'tt', 'ttt', 'tttt', 'ttttt'];

/** A release label (`4.99.3`, `tcpdump-4.9.3`, `master`) as [major, minor, patch]. */
export function releaseNumber(label: string): [number, number, number] {
  if (label === 'master') return [5, 0, 0];
  const [major = 0, minor = 0, patch = 0] = (label.match(/\d+(?:\.\d+)*/)?.[0] ?? '').split('.').map(Number);
  return [major, minor, patch];
}

/** The text was printed by `release` or a later one. */
export function printedSince(o: CaptureOptions, release: string): boolean {
  const want = releaseNumber(release);
  for (let i = 0; i < 3; i++) if (o.release[i] !== want[i]) return o.release[i]! > want[i]!;
  return true;
}

/** The options of a capture's command, getopt-style (`-nn`, `-vvv`, `-XX`, `-tttt`), printed by `release`. */
export function captureOptions(options: string, release = '4.99.3'): CaptureOptions {
  const count = new Map<string, number>();
  const words = options.split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!/^-[A-Za-z]/.test(w)) continue;
    for (const f of w.slice(1)) count.set(f, (count.get(f) ?? 0) + 1);
    if (/[TyiwrcsB]$/.test(w)) i++;
  }
  const numbered = words.includes('-#') || words.includes('--number');
  const n = (f: string): number => count.get(f) ?? 0;
  const X = Math.min(n('X'), 2) as 0 | 1 | 2;
  return {
    release: releaseNumber(release),
    e: n('e') > 0,
    v: n('v') >= 1,
    vv: n('v') >= 2,
    q: n('q') > 0,
    S: n('S') > 0,
    forcedType: n('T') > 0,
    tsMode: TS_MODES[Math.min(n('t'), 5)]!,
    hex: X > 0 ? X : (Math.min(n('x'), 2) as 0 | 1 | 2),
    hexAscii: X > 0,
    ascii: X > 0 || n('x') > 0 ? 0 : (Math.min(n('A'), 2) as 0 | 1 | 2),
    names: n('n') === 0,
    N: n('N') > 0,
    numbered,
  };
}

/** Continuation content attached to a packet (HTTP headers, ND options, -x/-X/-A dumps). */
export interface PacketDetails {
  httpHeaders: [string, string][];
  ndOptions: string[];
  hex: { offset: number; bytes: string; ascii?: string }[];
  ascii: string[];
}

export class Mismatches {
  readonly list: string[] = [];
  compared = 0;
  /** The capture's names (no -n), for the comparisons of addresses and ports. */
  names?: CaptureNames;
  eq(path: string, expected: unknown, actual: unknown): void {
    this.compared++;
    if (JSON.stringify(expected) !== JSON.stringify(actual)) {
      this.list.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
  }
}

/** What the capture around a packet tells: the first and the previous packet's stamps, its bytes. */
export interface PacketContext {
  first: Json;
  previous: Json | null;
  /** The packet's captured bytes and the capture's link type, when the pcap is at hand. */
  bytes?: Buffer;
  linktype?: number;
  /** The capture's hosts and services files, when it ran without -n. */
  names?: CaptureNames;
}

/** How an end printed: the host name its address resolves to without -n (-N: up to its first dot), else the address. */
function printedHost(addr: string | undefined, o: CaptureOptions, names: CaptureNames | undefined): { name?: string; addr?: string } {
  const name = addr !== undefined && o.names ? names?.hosts.get(addr) : undefined;
  if (name === undefined) return { addr };
  return { name: o.N ? name.split('.')[0]! : name };
}

/** An end's address or host name against the packet's `src`/`srcName` (or `dst`/`dstName`). */
function compareHost(path: string, addr: string | undefined, got: { addr?: string; name?: string }, o: CaptureOptions, names: CaptureNames | undefined, m: Mismatches): void {
  const want = printedHost(addr, o, names);
  m.eq(path, want.addr, got.addr);
  if (want.name !== undefined || got.name !== undefined) m.eq(`${path}Name`, want.name, got.name);
}

/** The service name a port printed as without -n, or none. */
function portName(port: number | undefined, proto: string, o: CaptureOptions, names: CaptureNames | undefined): string | undefined {
  return port !== undefined && o.names ? names?.services.get(`${port}/${proto.toLowerCase()}`) : undefined;
}

/** Microseconds (or nanoseconds) of a stamp as one integer. */
function ticks(ts: Json): bigint {
  return BigInt(ts.sec) * 10n ** BigInt(ts.frac_digits) + BigInt(ts.frac);
}

/** A -ttt/-ttttt delta as 4.99 prints it: `HH:MM:SS.frac`, hours wrapped by gmtime, `-` when negative. */
function printedDelta(ts: Json, ref: Json): { printed: string; seconds: number } {
  const unit = 10n ** BigInt(ts.frac_digits);
  let d = ticks(ts) - ticks(ref);
  const negative = d < 0n;
  if (negative) d = -d;
  const sec = Number(d / unit);
  const frac = String(d % unit).padStart(ts.frac_digits, '0');
  const pad = (x: number): string => String(x).padStart(2, '0');
  const printed = `${negative ? '-' : ''}${pad(Math.floor(sec / 3600) % 24)}:${pad(Math.floor(sec / 60) % 60)}:${pad(sec % 60)}.${frac}`;
  const seconds = Number(d) / Number(unit);
  return { printed, seconds: negative ? -seconds : seconds };
}

function compareTimestamp(exp: Json, got: TcpdumpPacket, o: CaptureOptions, ctx: PacketContext, m: Mismatches): void {
  const ts = exp.ts;
  if (o.tsMode === 'none') {
    m.eq('ts', null, got.ts);
    return;
  }
  if (o.tsMode === 'ttt' || o.tsMode === 'ttttt') {
    const want = printedDelta(ts, o.tsMode === 'ttt' ? (ctx.previous?.ts ?? ts) : ctx.first.ts);
    m.eq('ts.kind', 'delta', got.ts?.kind);
    m.eq('ts.printed', want.printed, got.ts?.printed);
    if (!got.ts || Math.abs(got.ts.seconds - (want.seconds % 86400)) > 1e-6) m.eq('ts.seconds', want.seconds, got.ts?.seconds);
    return;
  }
  const printed = o.tsMode === 'tttt' ? ts.utc_date_time : o.tsMode === 'tt' ? ts.epoch : ts.utc_time_of_day;
  m.eq('ts.printed', printed, got.ts?.printed);
  const frac = ts.frac / 10 ** ts.frac_digits;
  const seconds = o.tsMode === 'default' ? (ts.sec % 86400) + frac : ts.sec + frac;
  if (!got.ts || Math.abs(got.ts.seconds - seconds) > 1e-6) m.eq('ts.seconds', seconds, got.ts?.seconds);
}

function compareVlans(e: Json, got: PacketLayers, m: Mismatches): void {
  const want = (e.vlans ?? []).map((t: Json) => ({ id: t.id, priority: t.pcp }));
  m.eq('vlans', want, (got.link?.vlans ?? []).map((t) => ({ id: t.id, priority: t.priority })));
}

function compareLink(exp: Json, got: PacketLayers, o: CaptureOptions, inner: boolean, m: Mismatches): void {
  const cooked = inner ? null : (exp.sll2 ?? exp.sll);
  if (cooked) {
    // SLL2 always prints the interface and direction columns; SLL (v1) its direction only with -e.
    if (exp.sll2) m.eq('sll2.interface', exp.sll2.interface, got.link?.interface);
    if (!o.e && !exp.sll2) return;
    m.eq('sll.direction', cooked.direction, got.link?.direction);
    if (!o.e) return;
    if (exp.sll2) m.eq('sll2.ifindex', exp.sll2.ifindex, got.link?.ifindex);
    m.eq('sll.addr', cooked.addr, got.link?.src);
    if (o.q) return;
    m.eq('sll.protocol', cooked.protocol, got.link?.outerEthertype ?? got.link?.ethertype);
    m.eq('len', exp.len, got.link?.length);
    if (exp.vlans) compareVlans(exp, got, m);
  } else if (exp.eth && o.e) {
    const e = exp.eth;
    m.eq('eth.src', e.src, got.link?.src);
    m.eq('eth.dst', e.dst, got.link?.dst);
    m.eq('eth.ethertype_name', e.ethertype_name, got.link?.ethertypeName);
    if (!o.q) m.eq('eth.ethertype', e.ethertype, got.link?.ethertype);
    if (e.vlans && !o.q) m.eq('eth.outer_ethertype', e.outer_ethertype, got.link?.outerEthertype);
    m.eq('eth.frame_length', e.frame_length, got.link?.length);
    compareVlans(e, got, m);
  }
}

/** print-ip.c ip_frag_values through bittok2str: MF as `+`, then `DF`, `rsvd`, joined by `, `. */
function printedIpFlags(flags: string[]): string {
  const printed = [['MF', '+'], ['DF', 'DF'], ['rsvd', 'rsvd']].filter(([f]) => flags.includes(f!)).map(([, p]) => p);
  return printed.length > 0 ? printed.join(', ') : 'none';
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
    m.eq('ipv4.flags', printedIpFlags(e.flags), g?.flags);
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
  m.eq('tcp.payload_length', t.payload_length, g?.length);
  if (o.q) return;
  m.eq('tcp.flags', t.flags, g?.flags);
  const seqPrinted = o.vv || t.payload_length > 0 || t.flags_list.some((f: string) => f === 'SYN' || f === 'FIN' || f === 'RST');
  if (seqPrinted) {
    m.eq('tcp.seq_printed', o.S ? t.seq : t.seq_rel, g?.seq);
    m.eq('tcp.seq', t.seq, g?.seqAbsolute);
    if (t.payload_length > 0) m.eq('tcp.seq_end_printed', o.S ? (t.seq + t.payload_length) % 2 ** 32 : t.seq_rel_end, g?.seqEnd);
  }
  if (t.ack_rel !== null && t.ack_rel !== undefined) {
    m.eq('tcp.ack_printed', o.S ? t.ack : t.ack_rel, g?.ack);
    m.eq('tcp.ack', t.ack, g?.ackAbsolute);
  }
  m.eq('tcp.win', t.win, g?.win);
  if (t.urg) m.eq('tcp.urg', t.urg, g?.urg);
  m.eq('tcp.options_text', t.options_text === '' ? undefined : t.options_text, g?.optionsText);
  m.eq('tcp.options', t.options, t.options.length === 0 && !g?.options ? [] : g?.options);
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

/** A first fragment (MF set, offset 0): tcpdump checks no transport checksum. */
function firstFragment(exp: Json): boolean {
  return exp.ipv4?.flags_text?.includes('MF') === true;
}

function compareUdp(exp: Json, got: PacketLayers, o: CaptureOptions, inner: boolean, m: Mismatches): void {
  const u = exp.udp;
  // -T vxlan decodes every UDP payload, the inner ones too, as VXLAN: nothing stable to compare.
  if (inner && o.forcedType) return;
  const cksumPrinted = !firstFragment(exp) && ((o.vv && exp.l3 === 'IPv4') || (o.v && exp.l3 === 'IPv6'));
  if (cksumPrinted) {
    const want = u.cksum === '0x0000' && exp.l3 === 'IPv4'
      ? { state: 'none' }
      : u.cksum_ok ? { state: 'correct' } : { state: 'incorrect', value: u.cksum, expected: u.cksum_correct };
    m.eq('udp.cksum', want, got.udp?.cksum);
  }
  if (u.dns && !o.q) compareDns(u.dns, got, o, m);
  else if (!exp.encap || o.q) m.eq('udp.payload_length', u.payload_length, got.udp?.length);
}

/** The quoted datagram of an ICMP error: what the one-line form names, the rest with -v. */
function compareQuoted(q: Json, gq: Json, printed: { dst: boolean; port: boolean; all: boolean }, o: CaptureOptions, m: Mismatches): void {
  if (printed.dst || printed.all) compareHost('quoted.dst', q.dst, { addr: gq?.dst, name: gq?.dstName }, o, m.names, m);
  if (printed.port || (printed.all && q.dport !== undefined)) {
    m.eq('quoted.dport', q.dport, gq?.dport);
    m.eq('quoted.proto', q.proto_name, gq?.proto);
  }
  if (!printed.all) return;
  compareHost('quoted.src', q.src, { addr: gq?.src, name: gq?.srcName }, o, m.names, m);
  if (q.sport !== undefined) m.eq('quoted.sport', q.sport, gq?.sport);
  m.eq('quoted.proto', q.proto_name, gq?.proto);
  m.eq('quoted.ttl', q.ttl, gq?.ipv4?.ttl);
  m.eq('quoted.id', q.id, gq?.ipv4?.id);
  m.eq('quoted.total_length', q.total_length, gq?.ipv4?.length);
}

function compareIcmp(exp: Json, got: PacketLayers, o: CaptureOptions, m: Mismatches): void {
  const c = exp.icmp;
  const g = got.icmp;
  m.eq('icmp.type', c.type, g?.type);
  m.eq('icmp.code', c.code, g?.code);
  m.eq('icmp.length', c.length, g?.length);
  if (c.type === 0 || c.type === 8) {
    m.eq('icmp.id', c.id, g?.id);
    m.eq('icmp.seq', c.seq, g?.seq);
  }
  if (c.mtu !== undefined) m.eq('icmp.mtu', c.mtu, g?.mtu);
  if (o.v && !firstFragment(exp) && c.cksum_ok !== undefined) m.eq('icmp.cksum_wrong', !c.cksum_ok, g?.cksum?.state === 'incorrect');
  if (c.quoted) {
    // Every unreachable names the quoted destination; time exceeded names nothing on its line.
    compareQuoted(c.quoted, g?.quoted, { dst: c.type === 3 || c.type === 5, port: c.type === 3 && c.code === 3, all: o.v }, o, m);
  }
}

/** ICMPv6 types that print their length with -v (print-icmp6.c's "display cosmetics"). */
const ICMP6_LENGTH_WITH_V = new Set([133, 134, 135, 136, 137, 145, 147]);

function compareIcmp6(exp: Json, got: PacketLayers, o: CaptureOptions, d: PacketDetails | undefined, m: Mismatches): void {
  const c = exp.icmp6;
  const g = got.icmp;
  m.eq('icmp6.type', c.type, g?.type);
  m.eq('icmp6.code', c.code, g?.code);
  const echo = c.type === 128 || c.type === 129;
  if (echo) {
    // 4.9.x prints the sequence number alone (print-icmp6.c); 4.99 added the identifier.
    if (printedSince(o, '4.99.0')) m.eq('icmp6.id', c.id, g?.id);
    m.eq('icmp6.seq', c.seq, g?.seq);
  }
  if (!o.v || ICMP6_LENGTH_WITH_V.has(c.type)) m.eq('icmp6.length', c.length, g?.length);
  if (c.type === 135 || c.type === 136) {
    const target = printedHost(c.target, o, m.names);
    m.eq('icmp6.target', target.name ?? target.addr, g?.target);
  }
  if (c.mtu !== undefined) m.eq('icmp6.mtu', c.mtu, g?.mtu);
  if (c.quoted && (c.type === 1 || (c.type === 3 && c.code === 0))) {
    compareQuoted(c.quoted, g?.quoted, { dst: true, port: c.type === 1 && c.code === 4, all: false }, o, m);
  }
  if (o.v) {
    m.eq('icmp6.cksum_ok', c.cksum_ok, g?.cksum?.state === 'correct');
    if (c.type === 136) m.eq('icmp6.na_flags', c.na_flags, g?.naFlags);
    if (c.options) m.eq('icmp6.options.lladdr', c.options.map((x: Json) => x.lladdr), d?.ndOptions ?? []);
  }
}

function compareArp(exp: Json, got: PacketLayers, o: CaptureOptions, m: Mismatches): void {
  const a = exp.arp;
  const g = got.arp;
  m.eq('arp.op_name', a.op_name, g?.op);
  compareHost('arp.spa', a.spa, { addr: g?.spa, name: got.srcName }, o, m.names, m);
  m.eq('arp.length', a.length, g?.length);
  if (a.op === 1) compareHost('arp.tpa', a.tpa, { addr: g?.tpa, name: got.dstName }, o, m.names, m);
  else m.eq('arp.sha', a.sha, g?.sha);
}

/** Geneve options as print-geneve.c shows them: `N bytes`, with -v each option's class/type/len. */
function genevePrintedOptions(e: Json, o: CaptureOptions): string | undefined {
  if (!e.opt_len) return undefined;
  if (!o.v) return `${e.opt_len} bytes`;
  const hex = (v: string): string => `0x${parseInt(v, 16).toString(16)}`;
  // -vv adds the option data as 32-bit words.
  const data = (x: Json): string => (o.vv && x.data ? ` data ${x.data.match(/.{8}/g).join(' ')}` : '');
  return e.options.map((x: Json) => `class ${hex(x.class)} type ${hex(x.type)} len ${x.length}${data(x)}`).join(' ');
}

function compareEncap(exp: Json, got: PacketLayers, o: CaptureOptions, d: PacketDetails | undefined, m: Mismatches): void {
  const e = exp.encap;
  const g = got.encap;
  m.eq('encap.type', e.type, g?.type);
  // 5.x prints `ERROR: I flag not set` instead of the VNI of a VXLAN header without it (print-vxlan.c).
  const vniPrinted = e.type !== 'vxlan' || (parseInt(e.flags, 16) & 0x08) !== 0 || !printedSince(o, '5.0.0');
  m.eq('encap.vni', vniPrinted ? e.vni : undefined, g?.vni);
  if (e.type === 'vxlan') {
    m.eq('encap.flags', e.flags, g?.flags);
    // Up to 4.99.5 print-udp.c hands port 8472 to the OTV printer; 4.99.6 dropped OTV for VXLAN.
    const otv = e.udp_port === 8472 && !o.forcedType && !printedSince(o, '4.99.6');
    m.eq('encap.printed_as', otv ? 'OTV' : 'VXLAN', g?.printedAs);
  } else {
    m.eq('encap.vni_hex', e.vni_hex, g?.vniHex);
    if (o.e) m.eq('encap.protocol', `TEB (${e.protocol})`, g?.protocol);
    const options = g?.options?.replace(/class \S+ \((0x[0-9a-f]+)\)/g, 'class $1');
    m.eq('encap.options', genevePrintedOptions(e, o), options);
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
    compareArp(exp, got, o, m);
    return;
  }
  compareIpHeaders(exp, got, o, m);
  compareHost('src', exp.src, { addr: got.src, name: got.srcName }, o, m.names, m);
  compareHost('dst', exp.dst, { addr: got.dst, name: got.dstName }, o, m.names, m);
  if (exp.fragment) {
    // A later fragment prints `ip-proto-N` (with -n) after its addresses and nothing more.
    m.eq('fragment.proto', exp.ipv4?.proto ?? exp.ipv6?.next_header, got.fragment?.proto);
    m.eq('l4', undefined, got.l4);
    return;
  }
  m.eq('l4', exp.l4, got.l4);
  if (exp.sport !== undefined) {
    m.eq('sport', exp.sport, got.sport);
    m.eq('dport', exp.dport, got.dport);
    m.eq('sportName', portName(exp.sport, exp.l4, o, m.names), got.sportName);
    m.eq('dportName', portName(exp.dport, exp.l4, o, m.names), got.dportName);
  }
  if (exp.tcp) compareTcp(exp, got, o, d, m);
  if (exp.udp) compareUdp(exp, got, o, inner, m);
  if (exp.icmp) compareIcmp(exp, got, o, m);
  if (exp.icmp6) compareIcmp6(exp, got, o, d, m);
  if (exp.encap && !o.q) compareEncap(exp, got, o, d, m);
}

/** Bytes of the link-layer header tcpdump skips for -x/-X/-A (its ndo_ll_hdr_len). */
function linkHeaderLength(exp: Json, linktype: number): number {
  const tags = (exp.eth?.vlans ?? exp.vlans ?? []).length * 4;
  if (linktype === 1) return 14 + tags;
  if (linktype === 113) return 16 + tags;
  if (linktype === 276) return 20 + tags;
  return 0;
}

/** print-ascii.c ascii_print: CR dropped before LF (and at the end), other non-printables as `.`. */
function asciiPrint(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    const left = bytes.length - i - 1;
    if (c === 0x0d) {
      if (left > 1 && bytes[i + 1] !== 0x0a) out += '.';
    } else if ((c > 0x20 && c < 0x7f) || c === 0x09 || c === 0x20 || c === 0x0a) out += String.fromCharCode(c);
    else out += '.';
  }
  return out;
}

/** -X's ASCII column: graphic characters as they are, everything else `.`. */
function hexAsciiColumn(bytes: Buffer): string {
  return Array.from(bytes, (c) => (c > 0x20 && c < 0x7f ? String.fromCharCode(c) : '.')).join('');
}

function compareDumps(exp: Json, o: CaptureOptions, ctx: PacketContext, d: PacketDetails | undefined, m: Mismatches): void {
  if (!ctx.bytes || ctx.linktype === undefined) return;
  const skip = (o.hex || o.ascii) === 2 ? 0 : linkHeaderLength(exp, ctx.linktype);
  const bytes = ctx.bytes.subarray(Math.min(skip, ctx.bytes.length));
  if (o.hex) {
    const hex = d?.hex ?? [];
    m.eq('hex.bytes', bytes.toString('hex'), hex.map((h) => h.bytes).join(''));
    m.eq('hex.offsets', hex.map((_, i) => i * 16), hex.map((h) => h.offset));
    if (o.hexAscii) {
      const columns = hex.map((_, i) => hexAsciiColumn(bytes.subarray(i * 16, i * 16 + 16)));
      m.eq('hex.ascii', columns, hex.map((h) => h.ascii));
    }
  }
  if (o.ascii) {
    const want = asciiPrint(bytes).split('\n').filter((l) => l.trim() !== '');
    m.eq('ascii', want, d?.ascii ?? []);
  }
}

/** Mismatches between a parsed packet and its ground truth (none: the packet matches). */
export function comparePacket(
  exp: Json,
  got: TcpdumpPacket,
  o: CaptureOptions,
  d: PacketDetails | undefined,
  ctx: PacketContext = { first: exp, previous: null },
): Mismatches {
  const m = new Mismatches();
  if (ctx.names) m.names = ctx.names;
  m.eq('number', o.numbered ? exp.n : undefined, got.number);
  compareTimestamp(exp, got, o, ctx, m);
  compareLayers(exp, got, o, false, d, m);
  compareDumps(exp, o, ctx, d, m);
  return m;
}
