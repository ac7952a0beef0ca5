import type { LogSignalHit } from '../../types/state.js';
import { firstLines, flag, plural } from '../agents.js';
import type { FindingDraft, Rule } from '../types.js';

/** From this attempt on (counted from 0) the allocator has retried with back-off: no longer a passing conflict. */
const PERSISTENT_ATTEMPT = 2;

/** Where the allocator's writes go, read from its error: the etcd kvstore, the CiliumIdentity CRD, or unknown. */
type Backend = 'kvstore' | 'crd' | 'unknown';

const errorOf = (h: LogSignalHit): string => h.fields['error'] ?? h.msg;

function backendOf(errors: readonly string[], mode: string | undefined): Backend {
  if (errors.some((e) => /\betcd\b|kvstore|locking path|lease/i.test(e))) return 'kvstore';
  if (errors.some((e) => /ciliumidentit/i.test(e))) return 'crd';
  if (mode === 'kvstore') return 'kvstore';
  if (mode === 'crd') return 'crd';
  return 'unknown';
}

const CAUSES: Readonly<Record<Backend, string>> = {
  kvstore:
    'The allocator\'s writes to etcd do not complete (locks time out): etcd is unreachable, slow, or without quorum. Check ' +
    '`cilium status` KVStore (`has-quorum=`), the etcd members\' health and latency.',
  crd:
    'The API server refuses or conflicts with the allocator\'s CiliumIdentity writes. Check the agent\'s API server connectivity, ' +
    'its RBAC on ciliumidentities, and whether the identity named in the error exists (`kubectl get ciliumidentity`).',
  unknown: 'Check the kvstore or the API server that stores identities (identity-allocation-mode), as the error names.',
};

export const rule: Rule = {
  meta: {
    name: 'identity-allocation-failing',
    severity: 'error',
    title: 'Security identities cannot be allocated',
    meaning:
      'The agent cannot allocate the security identity of a label set: the allocator retries with back-off (`Key allocation ' +
      'attempt failed` up to attempt 2 and beyond), or an endpoint gives up (`Error changing endpoint identity`, `unable to resolve ' +
      'identity`). Its pods stay not ready (waiting-for-identity) and get no policy. In kvstore mode etcd does not complete the ' +
      'allocator\'s locked writes (unreachable, slow, no quorum); in CRD mode the API server refuses or conflicts with them.',
    checkNext:
      '`cilium status` (KVStore has-quorum, Kubernetes), `cilium endpoint list` (waiting-for-identity), the etcd members\' health ' +
      '(kvstore mode) or `kubectl get ciliumidentities` and the agent\'s RBAC (crd mode).',
    reads: ['L', 'C'],
    messages: {
      failing:
        '{{agent}}: {{what}} ("{{error}}"). Endpoints with these labels wait for an identity and get no policy. {{cause}}',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      const attempts = agent.log.signals['identity-attempt-failed'] ?? [];
      const attemptOf = (h: LogSignalHit): number => Number(h.fields['attempt']);
      // A label set the allocator kept failing on: one of its attempts reached the back-off.
      const persistent = new Set(attempts.filter((h) => attemptOf(h) >= PERSISTENT_ATTEMPT).map((h) => h.fields['key'] ?? ''));
      const retried = attempts.filter((h) => persistent.has(h.fields['key'] ?? ''));
      const gaveUp = (agent.log.signals['endpoint-identity-failed'] ?? []).filter((h) => h.level === 'warning' || h.level === 'error' || h.level === 'fatal');
      if (retried.length === 0 && gaveUp.length === 0) continue;
      const what = [
        retried.length > 0
          ? `${plural(retried.length, 'allocation attempt')} failed for ${plural(persistent.size, 'label set')} (up to attempt ${Math.max(...retried.map(attemptOf))})`
          : '',
        gaveUp.length > 0 ? `${plural(gaveUp.length, 'endpoint identity change')} failed` : '',
      ].filter(Boolean);
      // The allocator's own error names the backend; an endpoint's error often only says it was cancelled.
      const errors = [...retried, ...gaveUp].map(errorOf);
      drafts.push({
        messageId: 'failing',
        data: {
          agent: agent.node?.value ?? agent.pod ?? 'The agent',
          what: what.join(' and '),
          error: errors[retried.length > 0 ? retried.length - 1 : errors.length - 1]!,
          cause: CAUSES[backendOf(errors, flag(agent, 'identity-allocation-mode')?.value.toLowerCase())],
        },
        node: agent.node?.value ?? null,
        evidence: [...firstLines(retried.slice(-2), 2), ...firstLines(gaveUp, 1)],
      });
    }
    return drafts;
  },
};
