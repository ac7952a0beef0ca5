import { DROP_GROUPS, dropReasonByCode, readDropReason, type DropReason } from './drop-reasons.js';
import { OBSERVATION_POINTS, TRACE_REASONS } from './trace.js';

/** An explanation for `cilium-analyze explain`. */
export interface Explanation {
  title: string;
  text: string;
}

function explainDrop(reason: DropReason, extError: number | null): Explanation {
  const group = DROP_GROUPS[reason.group];
  const names = [reason.text, ...(reason.formerTexts ?? [])].map((t) => `"${t}"`).join(', formerly ');
  const lines = [
    `Drop reason ${reason.code}: ${names}${reason.since ? ` (since ≈ ${reason.since})` : ''}`,
    `Group: ${group.title}`,
    '',
    `What it means: ${reason.meaning}`,
  ];
  if (extError !== null) lines.push(`Extended error ${extError}: a sub-code the datapath attached to the drop (for FIB lookups, the kernel FIB result).`);
  lines.push(`Common causes: ${reason.causes ?? group.causes}`, `What to check next: ${reason.checkNext ?? group.checkNext}`);
  return { title: `${reason.text} (drop reason ${reason.code})`, text: lines.join('\n') };
}

/**
 * Explains a monitor term: a drop reason text (any release's wording, with or without the
 * `, E` extended error), a drop reason code, an observation point or a trace reason.
 * Returns null when the query names none of them (rule names are resolved by the caller).
 */
export function explainTopic(query: string): Explanation | null {
  const q = query.trim();
  if (q === '') return null;
  if (/^\d+$/.test(q)) {
    const reason = dropReasonByCode(Number(q));
    return reason ? explainDrop(reason, null) : null;
  }
  const rendered = readDropReason(q);
  if (rendered.reason) return explainDrop(rendered.reason, rendered.extError);
  const lower = q.toLowerCase();
  const point = OBSERVATION_POINTS.find((p) => p.name === lower || p.summary === lower);
  if (point) {
    return {
      title: `${point.name} (observation point ${point.code})`,
      text: `Observation point ${point.code} "${point.name}", printed as "${point.summary}" in summary lines${point.since ? ` (since ≈ ${point.since})` : ''}.\n\n${point.meaning}`,
    };
  }
  const reason = TRACE_REASONS.find((r) => r.text === lower);
  if (reason) {
    return {
      title: `${reason.text} (trace reason ${reason.value})`,
      text: `Trace reason ${reason.value} "${reason.text}" (the "state" of a trace event)${reason.since ? `, since ≈ ${reason.since}` : ''}.\n\n${reason.meaning}`,
    };
  }
  return null;
}
