/**
 * The kernel's XFRM error counters (`/proc/net/xfrm_stat`) that `cilium encrypt status` prints under
 * `Errors:` when IPsec is on, with what each usually means in a Cilium cluster (Cilium's IPsec
 * troubleshooting guide). Every counter is a packet the kernel dropped; all but `XfrmFwdHdrError`
 * point at a Cilium bug or an operational mistake.
 */
export interface XfrmCounter {
  /** What the kernel saw. */
  meaning: string;
  /** What usually causes it with Cilium, and the fix. */
  cause: string;
  /** Counted during normal operation: not a sign of a fault by itself. */
  benign?: boolean;
}

export const XFRM_COUNTERS: Readonly<Record<string, XfrmCounter>> = {
  XfrmInStateProtoError: {
    meaning: 'inbound ESP that matched a state but failed its transform (decryption or integrity check)',
    cause:
      'the peers encrypt with a key this node does not hold under that SPI: the key was changed without incrementing the SPI ' +
      '(KEYID), or the sender\'s anti-replay sequence differs from this node\'s (after a restart or upgrade); a new, proper key ' +
      'rotation fixes it',
  },
  XfrmInNoStates: {
    meaning: 'inbound ESP for which no XFRM state (SPI, addresses, mark) exists on this node',
    cause:
      'a peer encrypts with a key or for an address this node has not installed: a key rotation still spreading, a node whose ' +
      'states were removed, or a downgrade/upgrade mixing key layouts',
  },
  XfrmInTmplMismatch: {
    meaning: 'inbound packets decrypted by a state that does not match the template of the policy they hit',
    cause: 'states and policies disagree (mark, reqid or addresses), usually left by an agent restart or a change of the IPsec layout',
  },
  XfrmInNoPols: { meaning: 'inbound packets that matched no XFRM policy', cause: 'the node lacks the IN policies for a peer: compare `ip xfrm policy` across nodes' },
  XfrmInStateSeqError: { meaning: 'inbound ESP rejected by the anti-replay window', cause: 'sequence numbers out of the replay window (reordering or a peer reset)' },
  XfrmInStateExpired: { meaning: 'inbound ESP for an expired state', cause: 'a key past its lifetime is still used by a peer' },
  XfrmInStateMismatch: { meaning: 'inbound packets whose state does not match the packet', cause: 'states for the same SPI disagree between nodes' },
  XfrmInStateInvalid: { meaning: 'inbound ESP for a state being deleted or invalid', cause: 'states replaced while traffic used them (key rotation or restart)' },
  XfrmInHdrError: { meaning: 'inbound packets with a malformed header', cause: 'corrupted or truncated ESP (MTU or an on-path device)' },
  XfrmInError: { meaning: 'inbound packets dropped for another reason', cause: 'see the kernel log and `ip -s xfrm state`' },
  XfrmInBufferError: { meaning: 'inbound packets dropped for lack of buffer space', cause: 'memory pressure on the node' },
  XfrmOutNoStates: {
    meaning: 'outbound packets that matched an XFRM OUT policy for which no state exists',
    cause: 'the node has a policy towards a peer but no state for it: a peer\'s key not yet installed, or states removed by hand or by a restart',
  },
  XfrmOutStateSeqError: {
    meaning: 'outbound packets dropped because the output sequence number reached its maximum',
    cause: 'the key was used too long: rotate keys regularly (a rotation resets the sequence numbers)',
  },
  XfrmOutPolBlock: { meaning: 'outbound packets blocked by a policy', cause: 'a blocking (catch-all) policy matched: a peer without its policies yet' },
  XfrmOutStateProtoError: { meaning: 'outbound packets whose transform failed', cause: 'a state with a broken algorithm or key' },
  XfrmOutError: { meaning: 'outbound packets dropped for another reason', cause: 'see the kernel log and `ip -s xfrm state`' },
  XfrmFwdHdrError: {
    meaning: 'forwarded packets with a header error (such as an expired TTL)',
    cause: 'expected in small numbers; not an IPsec fault',
    benign: true,
  },
};
