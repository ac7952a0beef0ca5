import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HubbleEndpoint, HubbleFlow, HubbleForm } from '../../src/types/hubble.js';
import { fixture } from '../helpers/analyze.js';
import { flows } from './helpers.js';

/**
 * The same ten flows (fixtures/hubble/same-flows/jsonpb.txt) printed by the newest CLI in every
 * form give the same records, on every field the form prints. JSON is the reference; a text
 * form must leave what it does not print null rather than guess it.
 */
function read(name: string): HubbleFlow[] {
  return flows(readFileSync(fixture('hubble', 'same-flows', name), 'utf8').trimEnd().split('\n'));
}

interface Printed {
  /** The form prints pod / DNS names instead of addresses. */
  names: boolean;
  identities: boolean;
  replies: boolean;
  node: boolean;
}

/** A side as the text shows it: the address only when no name replaced it. */
function side(e: HubbleEndpoint, p: Printed): Record<string, unknown> {
  const named = p.names && (e.name !== null || e.dnsNames !== null);
  return {
    ip: named ? null : e.ip,
    port: e.port,
    namespace: p.names ? e.namespace : null,
    name: p.names ? e.name : null,
    dnsNames: p.names && e.name === null ? e.dnsNames : null,
    identity: p.identities ? e.identity : null,
    identityName: p.identities ? e.identityName : null,
  };
}

/** The fields of a flow a text form prints, as that form would show them. */
function printed(f: HubbleFlow, p: Printed): Record<string, unknown> {
  const policyVerdict = f.eventType === 'policy-verdict';
  return {
    daySeconds: f.daySeconds === null ? null : Math.floor(f.daySeconds * 1000) / 1000,
    node: p.node ? f.node : null,
    source: side(f.source, p),
    destination: side(f.destination, p),
    // ALLOWED covers FORWARDED and REDIRECTED.
    verdict: f.policyAction === 'ALLOWED' ? null : f.verdict,
    policyAction: f.policyAction,
    eventType: f.eventType,
    dropCode: f.dropCode,
    dropReason: f.dropReason,
    dropReasonName: f.dropReasonName,
    obsPoint: f.obsPoint,
    isReply: p.replies ? f.isReply : null,
    trafficDirection: policyVerdict ? f.trafficDirection : null,
    policyMatch: f.policyMatch,
    protocol: f.l7 ? null : f.protocol,
    // Known from a printed address or an ICMP summary.
    ipVersion: side(f.source, p).ip !== null || side(f.destination, p).ip !== null || f.icmpType !== null ? f.ipVersion : null,
    tcpFlags: f.tcpFlags,
    icmpType: f.icmpType,
    icmpCode: f.icmpCode,
    icmpName: f.icmpName,
    // DNS summaries print no latency.
    l7: f.l7 && { ...f.l7, latencyMs: f.l7.protocol === 'dns' ? null : f.l7.latencyMs },
    summary: f.summary,
    auth: f.auth,
  };
}

const FORMS: [string, HubbleForm, Printed][] = [
  ['compact.txt', 'compact', { names: true, identities: true, replies: true, node: false }],
  ['compact-node.txt', 'compact', { names: true, identities: true, replies: true, node: true }],
  ['compact-ip.txt', 'compact', { names: false, identities: true, replies: true, node: false }],
  ['table-node.txt', 'table', { names: true, identities: false, replies: false, node: true }],
  ['dict.txt', 'dict', { names: true, identities: false, replies: false, node: false }],
];

describe('hubble: one set of flows in every output form', () => {
  const reference = read('jsonpb.txt');

  it('reads every JSON flow', () => {
    expect(reference).toHaveLength(10);
    expect(reference.map((f) => f.form)).toEqual(Array(10).fill('jsonpb'));
    expect(reference[0]).toMatchObject({
      isoTime: '2025-03-18T14:02:31.417208533Z', node: 'worker-1', obsPoint: 'to-overlay', traceReason: 'new', ifName: 'cilium_vxlan',
      source: { ip: '10.20.1.33', pod: 'web-5c8d7b-h4k9z', endpointId: 811, workloads: [{ name: 'web', kind: 'Deployment' }] },
    });
    expect(reference[1]!.policies).toEqual([
      { direction: 'ingress', action: 'allowed', name: 'allow-web-to-cart', namespace: 'shop', kind: 'CiliumNetworkPolicy' },
    ]);
    expect(reference[2]).toMatchObject({ obsPoint: 'to-endpoint', eventSubType: 0, ifIndex: 12 });
  });

  for (const [file, form, p] of FORMS) {
    it(`${file} gives the JSON's records`, () => {
      const text = read(file);
      expect(text.map((f) => f.form)).toEqual(Array(10).fill(form));
      text.forEach((f, i) => expect(printed(f, p), `${file} flow ${i + 1}`).toEqual(printed(reference[i]!, p)));
      // What no text form prints stays unknown.
      for (const f of text) {
        expect(f).toMatchObject({ isoTime: null, uuid: null, traceReason: null, ifName: null, encrypted: null });
        expect(f.source).toMatchObject({ labels: null, pod: null, service: null, workloads: null, endpointId: null });
        if (!p.identities) expect(f.source.identity).toBeNull();
        if (!p.replies) expect(f.isReply).toBeNull();
      }
    });
  }
});
