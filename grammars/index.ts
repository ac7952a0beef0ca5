import type { FormatId } from '../src/types/formats.js';
import type { Grammar } from '../src/types/grammar.js';
import { agentLogGrammar } from './agent-log.js';
import { shellGrammar } from './shell.js';

/** One grammar per format family; text formats without records (prose, blank) have none. */
export const GRAMMARS: ReadonlyMap<FormatId, Grammar> = new Map<FormatId, Grammar>([
  [agentLogGrammar.format, agentLogGrammar],
  [shellGrammar.format, shellGrammar],
]);
