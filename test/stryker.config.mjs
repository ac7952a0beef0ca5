// Mutation testing of the rules and the state they read: `npm run mutate` from the repository root (not part of `npm test`).
// The report lands in coverage/mutation/ (HTML and JSON). Runs are incremental: only mutants whose
// code or tests changed since the last run are tested again (`npm run mutate -- --force` tests all).
import { lstatSync, mkdirSync, symlinkSync } from 'node:fs';
import { resolve } from 'node:path';

const TEMP_DIR = '.stryker-tmp';

// The tests read ../shared beside the checkout; a sandbox is TEMP_DIR/sandbox-*/, so its ../shared
// is TEMP_DIR/shared.
mkdirSync(TEMP_DIR, { recursive: true });
try {
  lstatSync(`${TEMP_DIR}/shared`);
} catch {
  symlinkSync(resolve('..', 'shared'), `${TEMP_DIR}/shared`);
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/vitest.mutation.config.ts', related: false },
  mutate: ['src/rules/**/*.ts', 'src/state/**/*.ts'],
  coverageAnalysis: 'perTest',
  // Module-level code (rule meta, constant tables) runs once when a module loads; testing its
  // mutants needs a fresh process and the whole suite per mutant. The tests cover it at run time.
  ignoreStatic: true,
  concurrency: 2,
  tempDirName: TEMP_DIR,
  // Stryker rewrites tsconfig paths through TypeScript's JS API, which TypeScript 7 no longer has;
  // ours has no extends or references to rewrite.
  tsconfigFile: '',
  ignorePatterns: ['dist', 'coverage', 'bench-data', '*.sqlite'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'coverage/mutation/index.html' },
  jsonReporter: { fileName: 'coverage/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  incremental: true,
  incrementalFile: 'coverage/mutation/stryker-incremental.json',
};
