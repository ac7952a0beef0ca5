import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DROP_REASONS, explainTopic, matchDebugMessage, readDropReason } from '../../src/knowledge/monitor/index.js';
import { SPEC_DIR } from '../helpers/analyze.js';

/** Rows `| code | `text` … |` of monitor.md §15.1, every text a code has printed (renames split on →). */
function specDropReasons(): Map<number, string[]> {
  const spec = readFileSync(join(SPEC_DIR, 'monitor.md'), 'utf8');
  const section = spec.slice(spec.indexOf('### 15.1'), spec.indexOf('### 15.2'));
  const reasons = new Map<number, string[]>();
  for (const m of section.matchAll(/^\| (\d+) \| (.*?) \|/gm)) {
    const texts = [...m[2]!.matchAll(/`([^`]+)`/g)].map((t) => t[1]!);
    reasons.set(Number(m[1]), texts);
  }
  return reasons;
}

describe('drop reasons', () => {
  it('cover every code and text of the spec table, renames included', () => {
    const spec = specDropReasons();
    expect(spec.size).toBeGreaterThan(90);
    for (const [code, texts] of spec) {
      const known = DROP_REASONS.find((r) => r.code === code);
      expect(known, `code ${code}`).toBeDefined();
      for (const text of texts) {
        expect([known!.text, ...(known!.formerTexts ?? [])], `code ${code}`).toContain(text);
        if (code >= 130 || text !== 'Invalid packet') expect(readDropReason(text).code, text).toBe(code);
      }
    }
  });

  it('read the extended-error and unknown-code renderings', () => {
    expect(readDropReason('FIB lookup failed, 4')).toMatchObject({ code: 169, extError: 4 });
    expect(readDropReason('Missed tail call, -2')).toMatchObject({ code: 140, extError: -2 });
    expect(readDropReason('LB, sock cgroup: No backend entry found')).toMatchObject({ code: 6, extError: null });
    expect(readDropReason('250, 0')).toMatchObject({ reason: null, code: 250, extError: 0 });
    expect(readDropReason('No tunnel/encapsulation endpoint (datapath BUG!)').code).toBe(160);
  });
});

describe('explainTopic', () => {
  it('explains a drop reason by text and by code the same way', () => {
    const byText = explainTopic('Policy denied');
    const byCode = explainTopic('133');
    expect(byText).not.toBeNull();
    expect(byCode).toEqual(byText);
    expect(byText!.title).toBe('Policy denied (drop reason 133)');
    expect(byText!.text).toMatch(/What it means: .+/);
    expect(byText!.text).toMatch(/Common causes: .+/);
    expect(byText!.text).toMatch(/What to check next: .*cilium policy get/);
  });

  it('knows old names, extended errors, observation points and trace reasons', () => {
    expect(explainTopic('CT: Missing TCP ACK flag')!.title).toContain('136');
    expect(explainTopic('fib lookup failed, 4')!.text).toContain('Extended error 4');
    expect(explainTopic('to-endpoint')!.title).toBe('to-endpoint (observation point 0)');
    expect(explainTopic('-> stack')!.title).toContain('to-stack');
    expect(explainTopic('reply')!.title).toBe('reply (trace reason 2)');
  });

  it('returns null for what it does not know', () => {
    expect(explainTopic('999')).toBeNull();
    expect(explainTopic('policy-drop')).toBeNull();
    expect(explainTopic('')).toBeNull();
  });
});

describe('debug messages', () => {
  it('match the spec templates with their arguments', () => {
    expect(matchDebugMessage('Attempting local delivery for container id 149 from seclabel 22099')).toMatchObject({
      message: { name: 'DBG_LOCAL_DELIVERY' },
      args: { endpoint: '149', identity: '22099' },
    });
    expect(matchDebugMessage('Conntrack lookup 1/2: src=[::a0f:1686]:80 dst=[::0:1686]:443')?.message.name).toBe('DBG_CT_LOOKUP6_1');
    expect(matchDebugMessage('CT verdict: Policy denied, revnat=0')?.args['verdict']).toBe('Policy denied');
    expect(matchDebugMessage('Local container found ifindex  seclabel 4')?.message.name).toBe('DBG_LXC_FOUND');
    expect(matchDebugMessage('Socket assign: address already in use')?.args['result']).toBe('address already in use');
    expect(matchDebugMessage('Unknown message type=99 arg1=1 arg2=2')?.args['code']).toBe('99');
    expect(matchDebugMessage('Something else entirely')).toBeNull();
  });
});
