import type { PacketLayers, TcpSegment } from '../src/types/tcpdump.js';

const MOD = 2 ** 32;
/** Conversations remembered; tcpdump never forgets, we start over when this many are open. */
const MAX_CONVERSATIONS = 100_000;

interface Bases {
  /** Initial sequence numbers of the lower / higher endpoint (canonical order). */
  low?: number;
  high?: number;
}

/**
 * Recovers absolute TCP sequence numbers from tcpdump's relative ones by replaying its rule
 * (print-tcp.c, without -S): only segments with ACK set are made relative; the first such segment
 * of a conversation, and every SYN, is printed absolute and fixes both directions' bases.
 *
 * A paste without its command may have been made with -S: a later segment whose printed numbers
 * lie nearer the conversation's bases than zero was printed absolute (relative numbers count the
 * bytes sent, absolute ones start at a random 32-bit ISN).
 */
export class TcpSequenceReplay {
  private readonly conversations = new Map<string, Bases>();
  /** The capture ran with `-S`: every printed number is already absolute. */
  absolute = false;

  apply(layer: PacketLayers): void {
    const tcp = layer.tcp;
    // Without -n an end is its host name: tcpdump prints one name per address.
    const src = layer.src ?? layer.srcName;
    const dst = layer.dst ?? layer.dstName;
    if (tcp && src !== undefined && dst !== undefined) this.segment(`${src}.${layer.sport ?? layer.sportName ?? ''}`, `${dst}.${layer.dport ?? layer.dportName ?? ''}`, tcp);
    if (layer.encap?.inner) this.apply(layer.encap.inner);
  }

  private segment(a: string, b: string, tcp: TcpSegment): void {
    if (this.absolute || !tcp.flags.includes('.')) {
      if (tcp.seq !== undefined) tcp.seqAbsolute = tcp.seq;
      if (tcp.ack !== undefined) tcp.ackAbsolute = tcp.ack;
      return;
    }
    const senderIsLow = a <= b;
    const key = senderIsLow ? `${a}>${b}` : `${b}>${a}`;
    let bases = this.conversations.get(key);
    if (!bases || tcp.flags.includes('S')) {
      if (!bases) {
        if (this.conversations.size >= MAX_CONVERSATIONS) this.conversations.clear();
        bases = {};
        this.conversations.set(key, bases);
      }
      const own = tcp.seq;
      const peer = tcp.ack === undefined ? undefined : (tcp.ack - 1 + MOD) % MOD;
      if (senderIsLow) {
        bases.low = own;
        bases.high = peer;
      } else {
        bases.high = own;
        bases.low = peer;
      }
      if (tcp.seq !== undefined) tcp.seqAbsolute = tcp.seq;
      if (tcp.ack !== undefined) tcp.ackAbsolute = tcp.ack;
      return;
    }
    const ownBase = senderIsLow ? bases.low : bases.high;
    const peerBase = senderIsLow ? bases.high : bases.low;
    if (printedAbsolute(tcp.seq, ownBase) || printedAbsolute(tcp.ack, peerBase)) {
      if (tcp.seq !== undefined) tcp.seqAbsolute = tcp.seq;
      if (tcp.ack !== undefined) tcp.ackAbsolute = tcp.ack;
      return;
    }
    if (tcp.seq !== undefined && ownBase !== undefined) tcp.seqAbsolute = (tcp.seq + ownBase) % MOD;
    if (tcp.ack !== undefined && peerBase !== undefined) tcp.ackAbsolute = (tcp.ack + peerBase) % MOD;
  }
}

/** The printed number is closer (forward, modulo 2^32) to the base than to zero. */
function printedAbsolute(printed: number | undefined, base: number | undefined): boolean {
  if (printed === undefined || base === undefined) return false;
  return (printed - base + MOD) % MOD < printed;
}
