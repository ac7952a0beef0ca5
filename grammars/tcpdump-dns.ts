/**
 * tcpdump's one-line DNS summary (print-domain.c), no -v and -vv forms:
 *
 *   56522+ A? kubernetes.default.svc.cluster.local. (54)                      query, RD set
 *   22836*- 2/2/5 A 192.139.46.66, A 198.199.88.104 (224)                     response: an/ns/ar
 *   27243 NXDomain* 0/0/0 (50)                                                rcode
 *   56522* q: A? name. 1/0/0 name. A 10.96.0.1 (70)                           -vv
 */
import type { DnsRecordSummary, DnsSummary } from '../src/types/tcpdump.js';
import { splitTopLevel } from './tcpdump-lexer.js';

const HEAD = /^(\d+)([+*%|$!-]*)(?: (NXDomain|ServFail|Refused|FormErr|NotImp|YXDomain|YXRRSet|NXRRSet|NotAuth|NotZone|BadVers|Resp\d+)([*%|$!-]*))?(?= |$)/;
const COUNTS = / (\d+)\/(\d+)\/(\d+)(?= |$)/;
const QUESTION = /(?:^| )(\S+)\? (\S+)/;
const LENGTH = / \((\d+)\)$/;

/**
 * An RR as printed (print-domain.c ns_rprint): `A 10.96.0.1`; with -v its name first
 * (`name. A 10.96.0.1`), with -vvv its TTL (`name. [30s] A 10.96.0.1`), a class other than IN
 * before the type.
 */
const RECORD = /^(?:(\S+\.) )?(?:\[(\w+)\] )?(?:(?:CH|HS|ANY|NONE|\(Class \d+\)) )?([A-Z][A-Z0-9-]*)(?: (.*))?$/;

function readRecord(text: string): DnsRecordSummary | null {
  const m = RECORD.exec(text);
  if (!m) return null;
  const record: DnsRecordSummary = { type: m[3]!, data: m[4] ?? '' };
  if (m[1]) record.name = m[1];
  if (m[2]) record.ttl = m[2];
  return record;
}

/** Null when the text is not a DNS summary. */
export function readDns(text: string): DnsSummary | null {
  const head = HEAD.exec(text);
  if (!head) return null;
  const len = LENGTH.exec(text);
  const body = text.slice(head[0].length, len ? len.index : undefined);
  const counts = COUNTS.exec(body);
  const question = QUESTION.exec(counts ? body.slice(0, counts.index) : body);
  if (!counts && !question) return null;
  const flags = (head[2] ?? '') + (head[4] ?? '');
  const dns: DnsSummary = { id: Number(head[1]), qr: counts ? 'response' : 'query', flags, answers: [] };
  if (question) {
    dns.qtype = question[1]!;
    dns.qname = question[2]!;
  }
  if (len) dns.length = Number(len[1]);
  dns.tc = flags.includes('|');
  if (!counts) {
    dns.rd = flags.includes('+');
    return dns;
  }
  dns.aa = flags.includes('*');
  dns.ra = !flags.includes('-');
  dns.rcode = head[3] ?? 'NoError';
  dns.answerCount = Number(counts[1]);
  dns.authorityCount = Number(counts[2]);
  dns.additionalCount = Number(counts[3]);
  const answers = body.slice(counts.index + counts[0].length).split(/ (?:ns|ar): /)[0]!.trim();
  if (answers !== '') {
    for (const item of splitTopLevel(answers)) {
      const record = readRecord(item);
      if (record) dns.answers.push(record);
    }
  }
  return dns;
}
