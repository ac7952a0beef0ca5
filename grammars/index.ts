import type { FormatId } from '../src/types/formats.js';
import type { Grammar } from '../src/types/grammar.js';
import { agentLogGrammar } from './agent-log.js';
import { hubbleGrammar } from './hubble.js';
import { hostGrammar } from './host.js';
import { kubernetesGrammar } from './kubernetes.js';
import { monitorGrammar } from './monitor.js';
import { shellGrammar } from './shell.js';
import { statedbGrammar } from './statedb.js';
import { statusGrammar } from './status.js';
import { tcpdumpGrammar } from './tcpdump.js';

/** One grammar per format family; text formats without records (prose, blank) have none. */
export const GRAMMARS: ReadonlyMap<FormatId, Grammar> = new Map<FormatId, Grammar>([
  [agentLogGrammar.format, agentLogGrammar],
  [shellGrammar.format, shellGrammar],
  [statusGrammar.format, statusGrammar],
  [tcpdumpGrammar.format, tcpdumpGrammar],
  [monitorGrammar.format, monitorGrammar],
  [hubbleGrammar.format, hubbleGrammar],
  [kubernetesGrammar.format, kubernetesGrammar],
  [hostGrammar.format, hostGrammar],
  [statedbGrammar.format, statedbGrammar],
]);
