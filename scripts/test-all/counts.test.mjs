import assert from 'node:assert/strict';
import { test } from 'node:test';
import { playwrightCounts, verdict, vitestCounts } from './counts.mjs';

const vitest = {
  numPassedTests: 3,
  numFailedTests: 0,
  numFailedTestSuites: 0,
  numPendingTests: 1,
  numTodoTests: 0,
  testResults: [
    {
      name: '/r/a.test.ts',
      assertionResults: [
        { status: 'passed', fullName: 'a works' },
        { status: 'skipped', fullName: 'a crashes for real' },
      ],
    },
  ],
};
const playwright = {
  stats: { expected: 2, unexpected: 0, flaky: 0, skipped: 1 },
  suites: [{ file: 'x.spec.ts', specs: [], suites: [{ specs: [{ title: 'drags a file', file: 'x.spec.ts', tests: [{ status: 'skipped' }] }] }] }],
};

test('counts and names skipped tests of both runners', () => {
  assert.deepEqual(vitestCounts(vitest), { passed: 3, failed: 0, skipped: 1, skippedNames: ['/r/a.test.ts: a crashes for real'] });
  assert.deepEqual(playwrightCounts(playwright), { passed: 2, failed: 0, skipped: 1, skippedNames: ['x.spec.ts: drags a file'] });
});

test('a missing report counts as a failure', () => {
  assert.equal(vitestCounts(undefined).failed, 1);
  assert.equal(playwrightCounts({}).failed, 1);
});

test('prints passed, failed and skipped; a skip fails the run in CI only', () => {
  const counts = [vitestCounts(vitest), playwrightCounts(playwright)];
  const local = verdict(counts, { stepsOk: true, ci: false });
  assert.equal(local.ok, true);
  assert.equal(local.lines.at(-1), 'tests: 5 passed, 0 failed, 2 skipped');
  const ci = verdict(counts, { stepsOk: true, ci: true });
  assert.equal(ci.ok, false);
  assert.deepEqual(ci.lines, [
    'FAILED: skipped in CI:',
    '  /r/a.test.ts: a crashes for real',
    '  x.spec.ts: drags a file',
    'tests: 5 passed, 0 failed, 2 skipped',
  ]);
});

test('a failed step without a failed test still says 1 failed', () => {
  const none = { passed: 4, failed: 0, skipped: 0, skippedNames: [] };
  assert.deepEqual(verdict([none], { stepsOk: false, ci: true }), { ok: false, lines: ['tests: 4 passed, 1 failed, 0 skipped'] });
  assert.deepEqual(verdict([none], { stepsOk: true, ci: true }), { ok: true, lines: ['tests: 4 passed, 0 failed, 0 skipped'] });
});
