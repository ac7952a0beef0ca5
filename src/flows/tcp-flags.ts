/**
 * TCP flags as one set, whichever tool printed them: tcpdump's letters (`S`, `S.`, `P.`, `F.`,
 * `R`, `.` = ACK) or the monitor's names (`SYN`, `SYN,ACK`, `ACK, FIN`).
 */
export type TcpFlag = 'SYN' | 'ACK' | 'FIN' | 'RST' | 'PSH' | 'URG' | 'ECE' | 'CWR';

const LETTERS: Record<string, TcpFlag> = { S: 'SYN', F: 'FIN', R: 'RST', P: 'PSH', U: 'URG', E: 'ECE', W: 'CWR', '.': 'ACK' };

export function tcpFlags(printed: string | null): Set<TcpFlag> {
  const flags = new Set<TcpFlag>();
  if (!printed) return flags;
  if (/[A-Z]{3}/.test(printed)) {
    for (const name of printed.split(/[\s,]+/)) if (name) flags.add(name as TcpFlag);
    return flags;
  }
  for (const c of printed) {
    const flag = LETTERS[c];
    if (flag) flags.add(flag);
  }
  return flags;
}

/** Per printed flags, whether they open a handshake (SYN) or answer one (SYN-ACK): every packet is asked, and flags are printed in a few ways only. */
const handshakes = new Map<string, 'syn' | 'syn-ack' | null>();

function handshake(printed: string | null): 'syn' | 'syn-ack' | null {
  if (printed === null) return null;
  let known = handshakes.get(printed);
  if (known === undefined) {
    const f = tcpFlags(printed);
    known = f.has('SYN') ? (f.has('ACK') ? 'syn-ack' : 'syn') : null;
    handshakes.set(printed, known);
  }
  return known;
}

/** A connection's first segment: SYN without ACK. */
export function isSyn(printed: string | null): boolean {
  return handshake(printed) === 'syn';
}

export function isSynAck(printed: string | null): boolean {
  return handshake(printed) === 'syn-ack';
}
