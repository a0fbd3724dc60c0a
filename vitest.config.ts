import { defineConfig } from 'vitest/config';

/**
 * The integration tests that run a second time against the same gateway over HTTPS (a certificate from
 * the test's own CA, trusted through each profile's CA bundle): every S3 request path — listing, object
 * and bucket operations, details, links and their checks, uploads and downloads on the SDK and the direct
 * path (single PUT, multipart, the fetch thread's GETs), odd keys, the web transport's uploads, the CLI.
 * What happens past S3's 1,000-key page (past-one-page.test.ts: thousands of objects) runs once, over HTTP.
 */
const OVER_HTTPS = [
  'electron/services/s3-browse-service.test.ts',
  'electron/services/bucket-service.test.ts',
  'electron/services/object-details-service.test.ts',
  'electron/services/object-ops-service.test.ts',
  'electron/services/sharing.test.ts',
  'electron/services/hostile-keys.test.ts',
  'electron/services/transfers/tasks/upload.test.ts',
  'electron/services/transfers/tasks/download.test.ts',
  'electron/services/transfers/tasks/upload-options.test.ts',
  'electron/services/transfers/io/direct-s3.test.ts',
  'electron/services/transfers/engine/bandwidth-limit.test.ts',
  'electron/cli/commands.test.ts',
  'electron/cli/transfer-commands.test.ts',
  'electron/cli/share-commands.test.ts',
  'electron/web/web-upload.test.ts',
];

/**
 * Files that change what every module in their process sees (process.env, the global fetch dispatcher, a
 * mocked module) run each in a fresh process. The rest share a process per worker (`isolate: false`): importing
 * the SDK and the services again for each of 150 files cost about 60 s of the run's 310 s on 2 cores.
 */
const ISOLATED = [
  'electron/services/net/proxy-profile.test.ts',
  'electron/services/secret-store-fallback.test.ts',
  'electron/services/secret-store.test.ts',
  'electron/cli/profile-presets.test.ts',
  'electron/ipc/fuzz.test.ts',
  'renderer/actions/jobs.test.ts',
];

/** Unit tests beside the code; integration tests run against the real Ceph gateway, over HTTP and (OVER_HTTPS) HTTPS. */
export default defineConfig({
  test: {
    environment: 'node',
    globalSetup: ['electron/test-support/gateway-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Most integration tests wait on the gateway (or on a deadline that must pass: 75 s in deadlines.test.ts), not
    // on a CPU: three files at a time keep both cores busy (the whole run 290 s against 320 s with two, here).
    maxWorkers: 3,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        test: { name: 'http', include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts'], exclude: ISOLATED, isolate: false },
      },
      { extends: true, test: { name: 'http-isolated', include: ISOLATED } },
      { extends: true, test: { name: 'https', include: OVER_HTTPS, isolate: false } },
    ],
  },
});
