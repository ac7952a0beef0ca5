import { versionWithin, parseVersion, type CiliumVersion } from '../../knowledge/versions.js';
import type { Evidence } from '../../types/evidence.js';
import type { AgentState, ClusterState, LogSignalHit } from '../../types/state.js';
import { firstLines } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

/** `<feature> needs kernel 4.17.0 or newer`, `… requires kernel 5.10 or newer`, `… requires kernel 4.19.57+`. */
const REQUIRED = /^(.*?)\s+(?:needs|requires) (?:a )?kernel (\d+\.\d+(?:\.\d+)?)(?:\+| or (?:newer|later|higher))/;
/** `clang (10.0.0) and kernel (5.18.14) versions: OK!` */
const CHECKED = /and kernel \((\d+\.\d+(?:\.\d+)?)/;

interface Requirement {
  hit: LogSignalHit;
  feature: string;
  version: string;
}

function requirementOf(hit: LogSignalHit): Requirement | null {
  for (const text of [hit.msg, ...Object.values(hit.fields)]) {
    const m = REQUIRED.exec(text);
    if (m) return { hit, feature: m[1]!.replace(/^.*: /, ''), version: m[2]! };
  }
  return null;
}

/** The node's running kernel: the agent's start-up check, else the node's `uname -r` from Kubernetes. */
function runningKernel(state: ClusterState, agent: AgentState): { version: CiliumVersion; text: string; evidence: Evidence[] } | null {
  for (const hit of agent.log.signals['kernel-version-checked'] ?? []) {
    const m = CHECKED.exec(hit.msg);
    const v = m ? parseVersion(m[1]!) : null;
    if (v) return { version: v, text: m![1]!, evidence: firstLines([hit], 1) };
  }
  const name = agent.node?.value.toLowerCase();
  const node = state.nodes.find((n) => n.name.toLowerCase() === name && n.kernelVersion);
  const v = node?.kernelVersion ? parseVersion(node.kernelVersion) : null;
  return node && v ? { version: v, text: node.kernelVersion!, evidence: node.evidence.slice(0, 1) } : null;
}

export const rule: Rule = {
  meta: {
    name: 'kernel-feature-missing',
    severity: 'error',
    title: 'A feature was refused for lack of kernel support',
    meaning:
      'The agent refused a feature it was asked for because its kernel probe failed, and words it as a version (`BPF NodePort ' +
      'services needs kernel 4.17.0 or newer.`). When the running kernel is older, that is the cause; when it is as new or newer, ' +
      'the probe failed for another reason: the kernel was built without an option the feature needs (BPF, cgroup BPF, ' +
      'CONFIG_* of the system requirements) or a security module refused the probe.',
    checkNext:
      '`uname -r` and the kernel configuration (`/boot/config-$(uname -r)` or `/proc/config.gz`) against the system requirements ' +
      'page of the release; or disable the feature (kube-proxy replacement, socket-LB) on that node.',
    reads: ['L', 'K'],
    messages: {
      tooOld: '{{agent}}: {{feature}} needs kernel {{required}}, and the node runs {{running}}{{stopped}}. Upgrade the kernel or disable the feature.',
      probeFailed:
        '{{agent}}: {{feature}} was refused as if the kernel were older than {{required}}, but the node runs {{running}}{{stopped}}: ' +
        'the kernel lacks an option the feature needs, not the version. Compare its configuration (`/boot/config-$(uname -r)`) ' +
        'with the system requirements (BPF, cgroup BPF and the CONFIG_* options listed for the feature).',
      unknown:
        '{{agent}}: {{feature}} needs kernel {{required}}{{stopped}}. Check `uname -r` on the node: if it is older, upgrade; if not, ' +
        'the kernel was built without an option the feature needs (see the system requirements).',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      const refused = (agent.log.signals['kernel-required'] ?? [])
        .filter((h) => h.level === 'error' || h.level === 'fatal')
        .map(requirementOf)
        .filter((r): r is Requirement => r !== null);
      if (refused.length === 0) continue;
      const first = refused[0]!;
      const required = parseVersion(first.version);
      const kernel = runningKernel(state, agent);
      const stopped = refused.some((r) => r.hit.level === 'fatal');
      const messageId = !kernel || !required ? 'unknown' : versionWithin(kernel.version, { from: first.version }) ? 'probeFailed' : 'tooOld';
      drafts.push({
        messageId,
        data: {
          agent: agent.node?.value ?? agent.pod ?? 'The agent',
          feature: first.feature,
          required: first.version,
          running: kernel?.text ?? 'unknown',
          stopped: stopped ? ', and the agent stopped' : '',
        },
        severity: stopped ? 'critical' : 'error',
        node: agent.node?.value ?? null,
        evidence: [...(kernel?.evidence ?? []), ...firstLines(refused.map((r) => r.hit), 2)],
      });
    }
    return drafts;
  },
};
