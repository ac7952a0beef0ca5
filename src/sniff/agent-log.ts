import type { FormatSniffer } from './types.js';

const LOGFMT_START = /^(?:time=\S+ )?level=[A-Za-z]+(?:\s|$)/;
const JSON_START = /^\{"(?:[\w.-]+)":/;
const JSON_LEVEL = /"level":"[A-Za-z]+"/;
const RAW_START =
  /^(?:panic: |fatal error: |goroutine \d+ \[|Verifier (?:error|log): |\d+-byte truncated verifier log|[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ [\w./-]+:\d+\] |Found \d+ pods, using pod\/|Defaulted container "|Error from server \(\w+\): |unable to retrieve container logs for |Mounting BPF filesystem|Installing cilium-cni to |\+ (?:mount|cp|rm|mkdir|echo|chmod|ln|sysctl|cilium|install|\[) ?)/;
const CONTINUATION = /^(?:\t|\s{2,}\/|[\w./*()-]+\(.*\)$|created by |exit status \d+$|\[signal [A-Z]+: )/;

export const agentLogSniffer: FormatSniffer = {
  format: 'agent-log',
  match(text) {
    const c = text.charCodeAt(0);
    if ((c === 0x6c || c === 0x74) && LOGFMT_START.test(text)) return 1;
    if (c === 0x7b && JSON_START.test(text) && JSON_LEVEL.test(text)) return 1;
    return RAW_START.test(text) ? 0.8 : 0;
  },
  continues: (text) => CONTINUATION.test(text),
};
