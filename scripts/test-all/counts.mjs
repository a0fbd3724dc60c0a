// How `npm test` counts what the two test runners report: passed, failed and
// skipped tests, from Vitest's and Playwright's JSON reports. A skipped test
// is a test that did not run: it is counted and named, never folded into
// "passed", so losing one cannot hide behind "0 failed".

/** Counts from Vitest's JSON report (undefined: no report, which counts as a failure). */
export function vitestCounts(report) {
  if (!report) return { passed: 0, failed: 1, skipped: 0, skippedNames: [], missing: true };
  const skippedNames = [];
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'pending' || test.status === 'skipped' || test.status === 'todo') skippedNames.push(`${file.name}: ${test.fullName ?? test.title}`);
    }
  }
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0),
    skipped: Math.max((report.numPendingTests ?? 0) + (report.numTodoTests ?? 0), skippedNames.length),
    skippedNames,
  };
}

/** Counts from Playwright's JSON report (flaky tests count as failed: they failed once). */
export function playwrightCounts(report) {
  if (!report?.stats) return { passed: 0, failed: 1, skipped: 0, skippedNames: [], missing: true };
  const skippedNames = [];
  const walk = (suite, file) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) if (test.status === 'skipped') skippedNames.push(`${spec.file ?? file}: ${spec.title}`);
    }
    for (const child of suite.suites ?? []) walk(child, suite.file ?? file);
  };
  for (const suite of report.suites ?? []) walk(suite, suite.file);
  return {
    passed: report.stats.expected ?? 0,
    failed: (report.stats.unexpected ?? 0) + (report.stats.flaky ?? 0),
    skipped: Math.max(report.stats.skipped ?? 0, skippedNames.length),
    skippedNames,
  };
}

/**
 * The verdict: the closing line and whether the run passed. In CI a skipped
 * test fails the run (a test that cannot run there is a test that never runs).
 */
export function verdict(counts, { stepsOk, ci }) {
  const passed = counts.reduce((sum, c) => sum + c.passed, 0);
  let failed = counts.reduce((sum, c) => sum + c.failed, 0);
  const skipped = counts.reduce((sum, c) => sum + c.skipped, 0);
  const skippedNames = counts.flatMap((c) => c.skippedNames);
  if (!stepsOk && failed === 0) failed = 1;
  const skipFails = ci && skipped > 0;
  const lines = [];
  if (skipped > 0) lines.push(`${ci ? 'FAILED: skipped in CI' : 'skipped'}:`, ...skippedNames.map((name) => `  ${name}`));
  lines.push(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  return { ok: stepsOk && failed === 0 && !skipFails, lines };
}
