/**
 * Non-logfmt lines that agent output contains (agent-log.md §5): Go panics and stacks, ebpf-go
 * verifier dumps, klog, init-container shell output and kubectl's own notices.
 */
export interface RawLineStart {
  category: 'panic' | 'goroutine' | 'verifier' | 'klog' | 'init' | 'kubectl-notice' | 'envoy';
  pattern: RegExp;
  /** Severity the line implies (klog's is read from its first letter). */
  level: 'error' | 'fatal' | 'panic' | null;
}

/** An Envoy log line (1: level: trace, debug, info, warning, error, critical, off). */
export const ENVOY_LINE = /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\]\[\d+\]\[(trace|debug|info|warning|error|critical)\]\[[\w.-]+\] /;

export const RAW_LINE_STARTS: readonly RawLineStart[] = [
  { category: 'panic', pattern: /^panic: /, level: 'panic' },
  { category: 'panic', pattern: /^fatal error: /, level: 'fatal' },
  { category: 'goroutine', pattern: /^goroutine \d+ \[[^\]]+\]:$/, level: null },
  { category: 'verifier', pattern: /^Verifier (?:error|log): /, level: 'error' },
  { category: 'verifier', pattern: /^\d+-byte truncated verifier log/, level: 'error' },
  { category: 'klog', pattern: /^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ [\w./-]+:\d+\] /, level: null },
  // Envoy's default format `[%Y-%m-%d %T.%e][%t][%l][%n] [%g:%#] %v` (cilium-envoy, Cilium 1.14 →); its level is read from the line.
  { category: 'envoy', pattern: ENVOY_LINE, level: null },
  { category: 'kubectl-notice', pattern: /^Found \d+ pods, using pod\/[\w.-]+\s*$/, level: null },
  { category: 'kubectl-notice', pattern: /^Defaulted container "[\w-]+" out of: /, level: null },
  { category: 'kubectl-notice', pattern: /^Error from server \(\w+\): /, level: 'error' },
  { category: 'kubectl-notice', pattern: /^unable to retrieve container logs for /, level: 'error' },
  // kubectl's own messages around what it runs (k8s.io/kubectl pkg/cmd/exec, pkg/cmd/util, client-go).
  { category: 'kubectl-notice', pattern: /^Unable to use a TTY - input is not a terminal or the right kind of file\s*$/, level: null },
  { category: 'kubectl-notice', pattern: /^command terminated with exit code \d+\s*$/, level: 'error' },
  { category: 'kubectl-notice', pattern: /^kubectl exec \[POD\] \[COMMAND\] is DEPRECATED /, level: null },
  { category: 'kubectl-notice', pattern: /^If you don't see a command prompt, try pressing enter\.\s*$/, level: null },
  { category: 'kubectl-notice', pattern: /^No resources found(?: in \S+ namespace)?\.\s*$/, level: null },
  { category: 'kubectl-notice', pattern: /^The connection to the server \S+ was refused - did you specify the right host or port\?\s*$/, level: 'error' },
  { category: 'kubectl-notice', pattern: /^Unable to connect to the server: /, level: 'error' },
  { category: 'kubectl-notice', pattern: /^error: (?:unable to upgrade connection|the server doesn't have a resource type|container \S+ is not valid for pod|a container name must be specified|no kind|timed out waiting)/, level: 'error' },
  { category: 'kubectl-notice', pattern: /^Warning: (?:\S+ is deprecated|would violate PodSecurity|spec\.|metadata\.|resource \S+ is missing|Use tokens from the TokenRequest API)/, level: null },
  { category: 'init', pattern: /^\+ (?:mount|cp|rm|mkdir|echo|chmod|ln|sysctl|cilium|install|\[) ?/, level: null },
  { category: 'init', pattern: /^(?:Mounting BPF filesystem|Installing cilium-cni to |Removing \/host\/opt\/cni\/bin\/|Installing \S+ to \/host)/, level: null },
];
/** One alternation of every start: most lines are none of them, and are rejected in one test. */
const ANY_RAW_LINE = new RegExp(RAW_LINE_STARTS.map((r) => `(?:${r.pattern.source})`).join('|'));

/** The raw line kind `text` starts, or null. */
export function rawLineStart(text: string): RawLineStart | null {
  if (!ANY_RAW_LINE.test(text)) return null;
  return RAW_LINE_STARTS.find((r) => r.pattern.test(text)) ?? null;
}

const CONTINUATION = /^(?:\t|\s{2,}\/|[\w./*()-]+\(.*\)$|created by |exit status \d+$|\[signal [A-Z]+: )/;

/** A line that continues a Go panic stack or a verifier dump started by an earlier raw line. */
export function isRawContinuation(text: string): boolean {
  return CONTINUATION.test(text);
}
