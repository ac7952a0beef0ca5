import { DSR_ROUTING_INVALID } from '../../knowledge/agent-messages.js';
import { versionWithin, type CiliumVersion } from '../../knowledge/versions.js';
import { datapathConfig } from '../../model/index.js';
import type { Evidence } from '../../types/evidence.js';
import type { AgentState, Fact } from '../../types/state.js';
import { agentRelease, agentVersion, carrying, firstLines, flag, lastLine } from '../agents.js';
import type { FindingDraft, Rule, Severity } from '../types.js';

/** A requested setting: its value and the lines that say so (empty for a default of a known configuration). */
interface Setting {
  value: string;
  evidence: Evidence[];
}

const fromFact = (f: Fact<string> | null | undefined): Setting | null => (f ? { value: f.value.toLowerCase(), evidence: lastLine(f) } : null);

/** What was asked of the load balancer and the routing, as §1.4 Step 3 validates it. */
interface DsrRequest {
  mode: Setting;
  routing: 'tunnel' | 'native' | null;
  routingEvidence: Evidence[];
  /** The tunnel protocol setting (used by geneve dispatch also in native routing). */
  protocol: Setting | null;
  dispatch: Setting | null;
  acceleration: Setting | null;
}

function dsrRequest(agent: AgentState): DsrRequest | null {
  const cfg = datapathConfig(agent);
  if (cfg.nodePort === false) return null;
  // The requested mode: ≤1.12 tunnel clusters run SNAT and print `Mode: SNAT` although DSR was asked for.
  const mode = fromFact(flag(agent, 'bpf-lb-mode')) ?? fromFact(agent.status?.facts.lbMode);
  if (mode?.value !== 'dsr' && mode?.value !== 'hybrid') return null;
  const byDefault = (value: string): Setting | null => (agent.configKnown ? { value, evidence: [] } : null);
  const protocolFlag = cfg.routing === 'tunnel' ? null : flag(agent, 'tunnel-protocol');
  return {
    mode,
    routing: cfg.routing,
    routingEvidence: cfg.evidence.routing ?? [],
    protocol:
      cfg.tunnelProtocol !== null
        ? { value: cfg.tunnelProtocol, evidence: cfg.evidence.tunnelProtocol ?? cfg.evidence.routing ?? [] }
        : (fromFact(protocolFlag) ?? byDefault('vxlan')),
    dispatch: fromFact(flag(agent, 'bpf-lb-dsr-dispatch')) ?? fromFact(agent.status?.facts.dsrDispatch) ?? byDefault('opt'),
    acceleration: fromFact(flag(agent, 'bpf-lb-acceleration')) ?? fromFact(agent.status?.facts.xdp) ?? byDefault('disabled'),
  };
}

interface Verdict {
  messageId: string;
  severity: Severity;
  evidence: Evidence[];
  /** The verdict depends on the release, whose line is then cited. */
  byRelease?: boolean;
}

const upTo = (v: CiliumVersion | null, to: string): boolean => v !== null && versionWithin(v, { to });

/** DSR or hybrid with tunnel routing (§1.4 Step 3, by release). */
function tunnelVerdict(r: DsrRequest, v: CiliumVersion | null): Verdict | null {
  if (r.routing !== 'tunnel') return null;
  const base = [...r.mode.evidence, ...r.routingEvidence];
  const protocol = r.protocol?.value ?? 'vxlan';
  const geneveDispatch = r.dispatch?.value === 'geneve';
  const allowedFrom14 = protocol === 'geneve' && geneveDispatch;
  if (v === null) {
    const evidence = [...base, ...(r.protocol?.evidence ?? []), ...(r.dispatch?.evidence ?? [])];
    return allowedFrom14
      ? { messageId: 'unknownReleaseGeneve', severity: 'info', evidence }
      : { messageId: 'unknownRelease', severity: 'warning', evidence };
  }
  if (upTo(v, '1.12')) return { messageId: 'snatFallback', severity: 'warning', evidence: base, byRelease: true };
  if (upTo(v, '1.13')) return { messageId: 'tunnelFatal', severity: 'error', evidence: base, byRelease: true };
  if (protocol === 'vxlan') {
    return { messageId: 'vxlanFatal', severity: 'error', evidence: [...base, ...(r.protocol?.evidence ?? [])], byRelease: true };
  }
  if (!geneveDispatch) {
    const evidence = [...base, ...(r.protocol?.evidence ?? []), ...(r.dispatch?.evidence ?? [])];
    return { messageId: 'dispatchFatal', severity: 'error', evidence, byRelease: true };
  }
  return null;
}

/** Geneve dispatch needs the geneve tunnel protocol, in tunnel and in native routing (≥1.14). */
function geneveDispatchVerdict(r: DsrRequest): Verdict | null {
  if (r.dispatch?.value !== 'geneve' || !r.protocol || r.protocol.value === 'geneve') return null;
  return { messageId: 'geneveDispatch', severity: 'error', evidence: [...r.mode.evidence, ...r.dispatch.evidence, ...r.protocol.evidence] };
}

/** IPIP dispatch only runs under XDP acceleration. */
function ipipVerdict(r: DsrRequest): Verdict | null {
  if (r.mode.value !== 'dsr' || r.dispatch?.value !== 'ipip' || r.acceleration?.value !== 'disabled') return null;
  return { messageId: 'ipipNeedsXdp', severity: 'error', evidence: [...r.mode.evidence, ...r.dispatch.evidence, ...r.acceleration.evidence] };
}

export const rule: Rule = {
  meta: {
    name: 'dsr-incompatible-routing',
    specId: 'CFG-09',
    severity: 'error',
    title: 'DSR load balancing with a routing mode or dispatch it cannot use',
    meaning:
      'DSR `opt` dispatch works only in native routing, `geneve` dispatch needs the geneve tunnel protocol, `ipip` needs XDP. ' +
      'From 1.13 the agent refuses such a configuration; up to 1.12 it replaces DSR by SNAT in tunnel mode.',
    checkNext: 'Change the DSR dispatch (geneve with tunnel-protocol=geneve) or the routing mode (native), or use SNAT.',
    reads: ['C', 'S', 'L'],
    messages: {
      logged: 'The agent rejected its load-balancer mode: "{{text}}". Change the DSR dispatch or the routing mode.',
      snatFallback:
        'Expected DSR ({{mode}}) as configured; {{release}} disables DSR in tunnel mode ("Disabling NodePort\'s "{{mode}}" mode feature ' +
        'due to tunneling mode being enabled") and load-balances with SNAT: backends see a node address instead of the client.',
      tunnelFatal: 'LB mode {{mode}} with tunnel routing: {{release}} refuses to start ("Node Port "{{mode}}" mode cannot be used with tunneling."). Use native routing or SNAT.',
      vxlanFatal:
        'LB mode {{mode}} with vxlan tunnelling: {{release}} refuses to start ("Node Port "{{mode}}" mode cannot be used with vxlan tunneling."). ' +
        'Use geneve tunnelling with geneve dispatch, native routing, or SNAT.',
      dispatchFatal:
        'LB mode {{mode}} with geneve tunnelling needs geneve dispatch; dispatch is {{dispatch}}, which {{release}} refuses at start-up. Set bpf-lb-dsr-dispatch=geneve.',
      geneveDispatch:
        'DSR geneve dispatch needs tunnel-protocol=geneve (also in native routing); the tunnel protocol is {{protocol}}, so the agent refuses to start. Set tunnel-protocol=geneve.',
      ipipNeedsXdp:
        'DSR ipip dispatch runs only under XDP acceleration; acceleration is {{acceleration}}, so the agent refuses to start ("DSR dispatch mode ipip currently only available under XDP acceleration").',
      unknownRelease:
        'LB mode {{mode}} with {{protocol}} tunnelling and {{dispatch}} dispatch: up to 1.12 the agent replaces DSR by SNAT, from 1.13 it refuses to ' +
        'start (the release is unknown). Use native routing, geneve tunnelling with geneve dispatch (≥1.14), or SNAT.',
      unknownReleaseGeneve:
        'LB mode {{mode}} with geneve tunnelling and geneve dispatch: valid from 1.14; 1.13 refuses it and up to 1.12 DSR is replaced by SNAT. ' +
        'The release is unknown: confirm it is 1.14 or later.',
    },
  },
  check({ state }) {
    const drafts: FindingDraft[] = [];
    for (const agent of state.agents) {
      const node = agent.node?.value ?? null;
      const logged = agent.log.signals['dsr-routing-invalid'];
      if (logged) {
        const first = logged[0]!;
        drafts.push({
          messageId: 'logged',
          data: { text: carrying(first, DSR_ROUTING_INVALID) },
          severity: logged.every((l) => l.level === 'warning' || l.level === 'info') ? 'warning' : 'error',
          node,
          evidence: firstLines(logged, 3),
        });
        continue;
      }
      const request = dsrRequest(agent);
      if (!request) continue;
      const version = agentVersion(agent);
      const verdict = tunnelVerdict(request, version) ?? geneveDispatchVerdict(request) ?? ipipVerdict(request);
      if (!verdict) continue;
      const release = agentRelease(agent);
      drafts.push({
        messageId: verdict.messageId,
        severity: verdict.severity,
        data: {
          mode: request.mode.value,
          release: release?.value ?? 'this release',
          protocol: request.protocol?.value ?? 'vxlan',
          dispatch: request.dispatch?.value ?? 'opt',
          acceleration: request.acceleration?.value ?? 'disabled',
        },
        node,
        evidence: [...verdict.evidence, ...(release && verdict.byRelease ? lastLine(release) : [])],
      });
    }
    return drafts;
  },
};
