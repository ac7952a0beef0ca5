/**
 * Vitest as StrykerJS runs it (`npm run mutate`): only the tests that exercise the mutated code,
 * src/rules and src/state. Test files share one module graph per run (no isolation): every mutant
 * is a run of its own, and loading the pipeline dominates a run.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // chevrotain's package entry loads its sources module by module (≈1.3 s, every run); its own
    // bundle of the same release loads in ≈0.1 s.
    alias: { chevrotain: fileURLToPath(new URL('../node_modules/chevrotain/lib/chevrotain.mjs', import.meta.url)) },
  },
  test: {
    include: [
      'test/rules/**/*.test.ts',
      'test/state/**/*.test.ts',
      'test/status/**/*.test.ts',
      'test/monitor/summary.test.ts',
      'test/tcpdump/capture-context.test.ts',
      'test/e2e/seeds.test.ts',
    ],
    testTimeout: 60_000,
    isolate: false,
    setupFiles: ['test/helpers/preload-rules.ts'],
  },
});
