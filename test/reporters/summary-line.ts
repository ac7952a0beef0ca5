import type { Reporter, TestCase } from 'vitest/node';

/**
 * Prints `N passed, N failed[, N skipped]` alone on the last line, the plain closing line that CI
 * reads to know that tests ran (vitest's own summary is not in a form it reads).
 */
export default class SummaryLineReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;

  onTestCaseResult(test: TestCase): void {
    const state = test.result().state;
    if (state === 'passed') this.passed++;
    else if (state === 'failed') this.failed++;
    else this.skipped++;
  }

  onTestRunEnd(): void {
    const skipped = this.skipped > 0 ? `, ${this.skipped} skipped` : '';
    process.stdout.write(`\n${this.passed} passed, ${this.failed} failed${skipped}\n`);
  }
}
