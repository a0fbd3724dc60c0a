import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent as HttpsAgent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, _electron, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';

/** The gateway the suite runs against (written by global-setup or `npm test`). */
export interface GatewayInfo {
  endpoint: string;
  /** The same gateway over HTTPS (a certificate from the test CA in `caBundle`, a PEM file). */
  httpsEndpoint: string;
  caBundle: string;
  /** The SSE-KMS key id the gateway knows; encryption headers need HTTPS. */
  kmsKeyId: string;
  region: string;
  users: { uid: string; accessKeyId: string; secretAccessKey: string }[];
}

/** A running Pail: its page, and for the web transport its URL and token. */
export interface PailApp {
  page: Page;
  transport: 'web' | 'electron';
  /** Web transport only: the origin and the per-run token. */
  origin?: string;
  token?: string;
  dataDir: string;
}

const ROOT = join(__dirname, '..');

/** Starts `node out/main/web.js --port 0` and reads the URL it prints. */
export function startWebMode(dataDir: string, extraEnv: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'out/main/web.js'), '--port', '0'], {
      env: { ...process.env, PAIL_HOME: dataDir, PAIL_SECRET_STORE: 'file', ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`web mode printed no URL in 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => reject(new Error(`web mode exited with ${code}:\n${output}`)));
  });
}

/** A worker's one browser tab, reused from test to test (see `freshPage`). */
interface WorkerTab {
  context: BrowserContext;
  page: Page;
}

const CONTEXT_OPTIONS = { permissions: ['clipboard-read', 'clipboard-write'] };

/**
 * Makes the worker's tab as a new one would be for the next test: its listeners, routes, cookies and colour
 * scheme from the last test gone, and no other tab open. Each test's app has its own port (origin), so its
 * storage starts empty; cookies are kept by host, not port, hence cleared.
 */
async function resetTab(tab: WorkerTab): Promise<void> {
  await tab.page.removeAllListeners();
  await tab.page.unrouteAll({ behavior: 'ignoreErrors' });
  for (const other of tab.context.pages()) if (other !== tab.page) await other.close();
  await tab.context.clearCookies();
  await tab.page.emulateMedia({ colorScheme: 'light' });
  await tab.page.goto('about:blank');
}

/** A new context and tab for the worker, in place of `tab`'s (closed, if it still can be). */
async function replaceTab(tab: WorkerTab, browser: Browser): Promise<void> {
  await tab.context.close().catch(() => undefined);
  tab.context = await browser.newContext(CONTEXT_OPTIONS);
  tab.page = await tab.context.newPage();
}

export const test = base.extend<{ app: PailApp; appEnv: Record<string, string>; freshPage: boolean }, { gateway: GatewayInfo; workerTab: WorkerTab }>({
  /** Extra environment for the app's main process (e.g. HOME for an import test): `test.use({ appEnv: {…} })`. */
  appEnv: [{}, { option: true }],
  /**
   * A new browser context for this test instead of the worker's reused tab: for tests that drive Chromium
   * itself (a CDP session's network emulation, other contexts), whose traces a reset cannot be sure to remove.
   */
  freshPage: [false, { option: true }],
  gateway: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const file = process.env.PAIL_TEST_GATEWAY;
      if (!file) throw new Error('PAIL_TEST_GATEWAY is not set: run through `npm test` or `npx playwright test` (global setup starts the gateway).');
      await use(JSON.parse(readFileSync(file, 'utf8')) as GatewayInfo);
    },
    { scope: 'worker' },
  ],
  // A new context and tab cost about 3.5 s of Chromium's time (a renderer process, the page's script compiled
  // without a cache) against 1 s for loading the page in a tab that exists: 90 tests, 2 cores.
  workerTab: [
    async ({ browser }, use) => {
      const context = await browser.newContext(CONTEXT_OPTIONS);
      const tab = { context, page: await context.newPage() };
      try {
        await use(tab);
      } finally {
        await tab.context.close();
      }
    },
    { scope: 'worker' },
  ],
  app: async ({ browser, appEnv, freshPage, workerTab }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pail-e2e-home-'));
    try {
      if (process.env.PAIL_E2E === 'electron') {
        const electronApp = await _electron.launch({
          args: [join(ROOT, 'out/main/main.js')],
          env: { ...process.env, PAIL_HOME: dataDir, PAIL_SECRET_STORE: 'file', ...appEnv } as Record<string, string>,
        });
        try {
          await use({ page: await electronApp.firstWindow(), transport: 'electron', dataDir });
        } finally {
          await electronApp.close();
        }
        return;
      }
      const { child, url } = await startWebMode(dataDir, appEnv);
      const context = freshPage ? await browser.newContext(CONTEXT_OPTIONS) : undefined;
      try {
        const page = context ? await context.newPage() : workerTab.page;
        await page.goto(url);
        const parsed = new URL(url);
        await use({ page, transport: 'web', origin: parsed.origin, token: parsed.searchParams.get('token') ?? '', dataDir });
      } finally {
        if (context) await context.close();
        // A tab that cannot be reset (its renderer crashed, say) is replaced rather than handed to the next test.
        else await resetTab(workerTab).catch(() => replaceTab(workerTab, browser));
        child.kill('SIGTERM');
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
  page: async ({ app }, use) => {
    await use(app.page);
  },
});

export { expect };

/** A raw S3 client for arranging test data on the gateway. */
export function gatewayClient(gateway: GatewayInfo, user = 0, { tls = false }: { tls?: boolean } = {}): S3Client {
  return new S3Client({
    endpoint: tls ? gateway.httpsEndpoint : gateway.endpoint,
    region: gateway.region,
    forcePathStyle: true,
    credentials: { accessKeyId: gateway.users[user].accessKeyId, secretAccessKey: gateway.users[user].secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: {
      connectionTimeout: 5_000,
      requestTimeout: 30_000,
      ...(tls && { httpsAgent: new HttpsAgent({ ca: readFileSync(gateway.caBundle, 'utf8') }) }),
    },
  });
}

/** Creates a bucket holding the given keys; returns a function that removes it all. */
export async function seedBucket(gateway: GatewayInfo, name: string, keys: string[]): Promise<() => Promise<void>> {
  const client = gatewayClient(gateway);
  await client.send(new CreateBucketCommand({ Bucket: name }));
  // 32 PUTs in flight, each sender taking the next key as soon as its last one is stored.
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(32, keys.length) }, async () => {
      while (next < keys.length) {
        const Key = keys[next++];
        await client.send(new PutObjectCommand({ Bucket: name, Key, Body: Buffer.from(Key.endsWith('/') ? '' : `content of ${Key}`) }));
      }
    }),
  );
  return async () => {
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: name, ContinuationToken: token }));
      const objects = (page.Contents ?? []).map((c) => ({ Key: c.Key! }));
      if (objects.length) await client.send(new DeleteObjectsCommand({ Bucket: name, Delete: { Objects: objects, Quiet: true } }));
      token = page.NextContinuationToken;
    } while (token);
    // Unfinished multipart uploads keep a bucket from being deleted.
    const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: name }));
    for (const upload of uploads.Uploads ?? [])
      await client.send(new AbortMultipartUploadCommand({ Bucket: name, Key: upload.Key!, UploadId: upload.UploadId! }));
    await client.send(new DeleteBucketCommand({ Bucket: name }));
  };
}
