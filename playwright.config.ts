import { defineConfig } from '@playwright/test';
import chromium from './e2e/chromium.json';

/**
 * The UI suite. By default it drives the built renderer in Debian's Chromium
 * through the loopback web transport; PAIL_E2E=electron runs the same tests in
 * the real Electron app (on machines that have its binary).
 */
// The SDK's warning about Node 20 is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  testIgnore: process.env.PAIL_E2E === 'electron' ? ['**/web-transport.spec.ts'] : [],
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  // Two spec files at a time in Chromium: each test has its own data folder, web server and buckets, and most of a
  // test is waiting on the gateway (6 min on one worker, 4 on two, on 2 cores). The Electron app keeps one window at a time.
  workers: Number(process.env.PAIL_E2E_WORKERS ?? (process.env.PAIL_E2E === 'electron' ? 1 : 2)),
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: process.env.PAIL_CHROMIUM ?? chromium.executablePath, args: chromium.args },
  },
});
