/** `cilium status` that could not reach the agent: the CLI's error lines become a status block of their own. */
import { describe, expect, it } from 'vitest';
import { loadText, unparsed } from './helpers.js';

describe('agent CLI could not reach the agent', () => {
  it('records the dial error and the hint as one agent-unreachable block of the exec’d pod', async () => {
    const db = await loadText(
      'paste.txt',
      [
        '$ kubectl -n kube-system exec cilium-h4z9c -- cilium status',
        'Get "http://localhost/v1/healthz": dial unix /var/run/cilium/cilium.sock: connect: connection refused',
        'Is the agent running?',
        '',
      ].join('\n'),
    );
    expect(unparsed(db)).toEqual([]);
    const blocks = db.prepare(`SELECT kind, pod, line FROM status_blocks`).all();
    expect(blocks).toEqual([{ kind: 'agent-unreachable', pod: 'cilium-h4z9c', line: 2 }]);
    const fields = db.prepare(`SELECT line, label, detail FROM status_fields ORDER BY line`).all() as { line: number; label: string; detail: string }[];
    expect(fields.map((f) => [f.line, f.label, JSON.parse(f.detail)])).toEqual([
      [2, 'Agent API', { type: 'state', state: 'Unreachable', message: 'Get "http://localhost/v1/healthz": dial unix /var/run/cilium/cilium.sock: connect: connection refused' }],
      [3, 'Agent API', { type: 'state', state: 'Unreachable', message: '' }],
    ]);
  });

  it('reads the error of other commands without its `Error:` prefix, and the brief and timeout forms', async () => {
    const db = await loadText(
      'paste.txt',
      [
        'Error: Cannot get endpoint list: Get "http://localhost/v1/endpoint": dial unix /var/run/cilium/cilium.sock: connect: no such file or directory',
        'Is the agent running?',
        'cilium: daemon unreachable',
        'Cilium API client timeout exceeded',
        '',
      ].join('\n'),
    );
    expect(unparsed(db)).toEqual([]);
    const messages = (db.prepare(`SELECT detail FROM status_fields ORDER BY line`).all() as { detail: string }[]).map((r) => JSON.parse(r.detail).message);
    expect(messages).toEqual([
      'Cannot get endpoint list: Get "http://localhost/v1/endpoint": dial unix /var/run/cilium/cilium.sock: connect: no such file or directory',
      '',
      '',
      '',
    ]);
    // the error opens a block; the hint lines that follow it continue that block
    expect(db.prepare(`SELECT COUNT(*) FROM status_blocks WHERE kind = 'agent-unreachable'`).pluck().get()).toBe(1);
  });
});
