/**
 * Shell prompts and the commands users paste before command output:
 *
 *   [root@dev1 kubernetes]# kubectl -nkube-system logs -f cilium-7h7jl| grep -i falling
 *   root@fedora:/home/cilium# cilium status
 */
import type { Grammar } from '../src/types/grammar.js';
import { matchPrompt } from '../src/sniff/text.js';

export const samples: readonly string[] = [
  '[root@dev1 kubernetes]# kubectl -nkube-system logs -f cilium-7h7jl| grep -i falling',
  'root@fedora:/home/cilium# cilium status --verbose',
  '$ kubectl -n kube-system exec cilium-5kq2p -c cilium-agent -- cilium status --verbose',
];

export const shellGrammar: Grammar = {
  format: 'shell',
  samples,
  open: () => ({
    feed(line) {
      const m = matchPrompt(line.text);
      if (!m) return { ok: false, reason: 'not a shell prompt' };
      return { ok: true, records: [{ kind: 'shell-command', prompt: m.prompt, command: m.command, host: m.host }] };
    },
  }),
};
