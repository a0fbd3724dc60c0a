import { defineConfig } from 'vitest/config';

/** Unit tests beside the code; integration tests run against the real Ceph gateway. */
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['electron/test-support/gateway-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Most integration tests wait on the gateway, not on a CPU: two files at a time keep both cores busy.
    maxWorkers: 2,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
