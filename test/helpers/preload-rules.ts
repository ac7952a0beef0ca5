/**
 * Setup file of the mutation-testing run: loads the rule catalog before any test, so that the
 * catalog's module-level code (meta, constant tables) counts as static instead of as covered by
 * whichever test happens to load the rules first.
 */
import { loadRules } from '../../src/rules/index.js';

await loadRules();
