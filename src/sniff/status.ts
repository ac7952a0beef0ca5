import {
  AGENT_API_UNREACHABLE,
  STATUS_ROWS,
  STATUS_TABLE_HEADERS,
  kprDetailLine,
  kprServiceLine,
  statusLabelLine,
  statusValueFits,
  unknownLabelLine,
} from '../knowledge/status-labels.js';
import {
  BRIEF_COMMAND,
  CONFIG_COMMAND,
  CLUSTERMESH_STATUS_COMMAND,
  CLUSTERMESH_STATUS_ROWS,
  CONFIG_KEY,
  CONFIG_ROW,
  BRIEF_ERROR,
  BRIEF_OK,
  CONFIG_HEADER,
  CONNECTIVITY_ROWS,
  CONNECTIVITY_TEST_COMMAND,
  CONTAINER_PHASES,
  CT_ROW,
  ELLIPSIS,
  ENCRYPT_STATUS_COMMAND,
  ENCRYPT_STATUS_ROWS,
  ENDPOINT_LIST_HEADER_2,
  ENDPOINT_LOG_ROW,
  ENDPOINT_ROW,
  IMAGE_COUNT,
  POLICY_MAP_ENDPOINT,
  POLICY_MAP_PATH,
  POLICY_ROW,
  LB_ROW,
  LIST_HEADERS,
  LOGO,
  MAP_LIST_ROW,
  NAT_ROW,
  PROBE_NODE,
  PROBE_NODES,
  PROBE_PATH,
  PROBE_RESULT,
  PROBE_TIME,
  VERSION_ROWS,
  WORKLOAD_ROW,
  cliStatusLine,
} from '../knowledge/status-lines.js';
import { anyOf } from '../knowledge/alternation.js';
import type { FormatSniffer } from './types.js';

/** Lines that open or certainly belong to a `cilium status` family output (status.md). */
const STARTS = anyOf([
  PROBE_TIME,
  LOGO,
  WORKLOAD_ROW,
  ...LIST_HEADERS.map((h) => h.pattern),
  CONFIG_HEADER,
  ...VERSION_ROWS,
  CT_ROW,
  NAT_ROW,
  LB_ROW,
  ENDPOINT_ROW,
  CONNECTIVITY_ROWS.test,
  CONNECTIVITY_ROWS.skipped,
  CONNECTIVITY_ROWS.report,
  CONNECTIVITY_ROWS.failedSummary,
  CONNECTIVITY_ROWS.passedSummary,
  POLICY_ROW,
  POLICY_MAP_ENDPOINT,
  BRIEF_ERROR,
  AGENT_API_UNREACHABLE.dialError,
  AGENT_API_UNREACHABLE.hint,
]);

const CLI_ROW_INDENT = /^\s{8,}\S/;

/** Rows and detail lines that only continue a block opened by a line above. */
const CONTINUATIONS = anyOf([
  ...Object.values(STATUS_TABLE_HEADERS),
  ...Object.values(STATUS_ROWS),
  ELLIPSIS,
  PROBE_NODES,
  PROBE_NODE,
  PROBE_PATH,
  PROBE_RESULT,
  POLICY_MAP_PATH,
  ENDPOINT_LIST_HEADER_2,
  /^\s*(?:[│├└]|agent\s*$)/,
  // listings
  /^\s{10,}\S+\s*$/,
  /^\d+\s+\S+:\d+\S*\s+\S/,
  /^\s+\d+ => \S+/,
  /^\S+:\d+\S* \(\d+\)\s+\S/,
  /^\s+\S+:\d+\S* \(\d+\)(?: \(\d+\))?\s*(?:\[|$)/,
  /^\s+backend \d+ not found/,
  /^[0-9a-fA-F.:]+(?:\/\d+)?(?:@\d+)?\s{2,}\S/,
  /^\d+\s{2,}\S+:\S*/,
  /^\s+\S+:\S*\s*$/,
  /^\S+\s+(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]+:[0-9a-f:]*)?\s+\S+\/\d+/,
  CONFIG_KEY,
  /^\t\S/,
  MAP_LIST_ROW,
  ENDPOINT_LOG_ROW,
  ...Object.values(ENCRYPT_STATUS_ROWS),
  // the end of a bracketed value the terminal wrapped onto its own line (`2)]`)
  /^[\w.:=,/-]*[\])]+\s*$/,
]);

/** A line of `cilium connectivity test`, any of the shapes it prints. */
const connectivityLine = (text: string): boolean => Object.values(CONNECTIVITY_ROWS).some((row) => row.test(text));

/** A line of `cilium clustermesh status`, any of the shapes it prints. */
const clusterMeshStatusLine = (text: string): boolean => Object.values(CLUSTERMESH_STATUS_ROWS).some((row) => row.test(text));

export const statusSniffer: FormatSniffer = {
  format: 'cilium-status',
  match(text) {
    const labelled = statusLabelLine(text);
    if (labelled) return statusValueFits(labelled.label, labelled.value) ? 1 : 0;
    const cli = cliStatusLine(text);
    if (cli) return cli.opens && cli.fits ? 1 : 0;
    return STARTS.test(text) ? 1 : 0;
  },
  outputOf(command) {
    if (CONFIG_COMMAND.test(command)) return (text) => CONFIG_ROW.test(text);
    if (CLUSTERMESH_STATUS_COMMAND.test(command)) return (text) => clusterMeshStatusLine(text);
    if (CONNECTIVITY_TEST_COMMAND.test(command)) return (text) => connectivityLine(text) || /^\s+\S/.test(text);
    if (ENCRYPT_STATUS_COMMAND.test(command)) return (text) => Object.values(ENCRYPT_STATUS_ROWS).some((row) => row.test(text));
    return BRIEF_COMMAND.test(command) ? (text) => BRIEF_OK.test(text) || BRIEF_ERROR.test(text) : null;
  },
  continues(text) {
    if (kprDetailLine(text) || kprServiceLine(text) || cliStatusLine(text)?.fits) return true;
    // cilium-cli rows under `Containers:` / `Image versions`
    if (CLI_ROW_INDENT.test(text) && (CONTAINER_PHASES.test(text) || IMAGE_COUNT.test(text))) return true;
    if (CONTINUATIONS.test(text) || connectivityLine(text)) return true;
    // a label this analyzer does not know yet: data of the block it is printed in
    return unknownLabelLine(text) !== null;
  },
};
