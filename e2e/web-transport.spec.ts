import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ListMultipartUploadsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { expect, gatewayClient, seedBucket, test } from './fixtures';
import { openBucket } from './profile-steps';
import { acceptUploadSheet } from './upload-steps';

// Web transport only (playwright.config.ts leaves this file out when PAIL_E2E=electron).
// These tests open contexts and tabs, route requests and emulate the network: each gets a new context.
test.use({ freshPage: true });

test('the web transport refuses requests without the per-run token', async ({ app, playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: app.origin });
  try {
    const page = await anonymous.get('/');
    expect(page.status()).toBe(403);
    expect(await page.text()).toContain('open the full URL that `npm run web` printed');
    expect((await anonymous.post('/api/profiles:list', { data: {} })).status()).toBe(403);
    expect((await anonymous.post('/api/profiles:list', { data: {}, headers: { 'X-Pail-Token': 'guess' } })).status()).toBe(403);
    const withToken = await anonymous.post('/api/profiles:list', { data: {}, headers: { 'X-Pail-Token': app.token! } });
    expect(await withToken.json()).toEqual({ ok: true, data: [] });
  } finally {
    await anonymous.dispose();
  }
});

test('the page keeps working after the token leaves the address bar', async ({ page }) => {
  await expect(page.getByRole('button', { name: 'Add profile' })).toBeVisible();
  expect(new URL(page.url()).searchParams.get('token')).toBeNull();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Add profile' })).toBeVisible();
});

/** Serves one page and records the Cookie header of every request it gets. */
async function otherLocalServer(): Promise<{ url: string; cookies: string[]; close: () => Promise<void> }> {
  const cookies: string[] = [];
  const server = createServer((req, res) => {
    if (req.headers.cookie) cookies.push(req.headers.cookie);
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>Another local app</title><p>hello</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    cookies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

test('another server on 127.0.0.1 that this browser visits receives no credential that works on Pail beyond its static files', async ({
  app,
  page,
  playwright,
}) => {
  await expect(page.getByRole('button', { name: 'Add profile' })).toBeVisible();
  const other = await otherLocalServer();
  const anonymous = await playwright.request.newContext({ baseURL: app.origin });
  try {
    const tab = await page.context().newPage();
    await tab.goto(other.url);
    await expect(tab).toHaveTitle('Another local app');
    // Cookies are not kept apart by port: the other server does get Pail's cookie…
    const received = other.cookies.flatMap((header) => header.split(';').map((c) => c.trim()));
    expect(received.some((c) => c.startsWith('pail_'))).toBe(true);
    // …but never the token, and what it gets works for nothing but the app's own files.
    expect(other.cookies.join(' ')).not.toContain(app.token!);
    const uuid = '0b7f6c3e-0000-4000-8000-000000000000';
    for (const cookie of received) {
      const value = cookie.slice(cookie.indexOf('=') + 1);
      const asCookie = { Cookie: cookie };
      const asToken = { 'X-Pail-Token': value };
      const tries = [
        await anonymous.post('/api/profiles:list', { data: {}, headers: asToken }),
        await anonymous.post('/api/profiles:list', { data: {}, headers: asCookie }),
        await anonymous.post('/api/transfers:download', {
          data: { profileId: 'x', bucket: 'bucket', keys: ['a'], targetDir: '/tmp' },
          headers: { ...asToken, ...asCookie },
        }),
        await anonymous.post('/events/ticket', { headers: { ...asToken, ...asCookie } }),
        await anonymous.get(`/events?ticket=${value}`, { headers: asCookie }),
        await anonymous.get(`/events?token=${value}`, { headers: asCookie }),
        await anonymous.post(`/upload/${uuid}`, { data: 'x', headers: { ...asToken, ...asCookie } }),
        await anonymous.post(`/stage/${uuid}`, { data: 'x', headers: { ...asToken, ...asCookie } }),
        await anonymous.post('/session/launch', { data: value, headers: asCookie }),
        await anonymous.get(`/?token=${value}`),
      ];
      expect(tries.map((answer) => answer.status())).toEqual([403, 403, 403, 403, 403, 403, 403, 403, 403, 403]);
      // The one thing it does: fetch the app's own (public) files.
      expect((await anonymous.get('/', { headers: asCookie })).status()).toBe(200);
    }
  } finally {
    await anonymous.dispose();
    await other.close();
  }
});

test('the page reopens its event stream with a fresh single-use ticket when the stream drops', async ({ app, page, playwright }) => {
  const streams: string[] = [];
  let dropped = 0;
  // The first stream after the reload ends at once, as a dropped connection would.
  await page.route('**/events?*', async (route) => {
    streams.push(new URL(route.request().url()).searchParams.get('ticket') ?? '');
    if (dropped++ === 0) await route.fulfill({ status: 200, contentType: 'text/event-stream', body: ': bye\n\n' });
    else await route.continue();
  });
  await page.reload();
  await expect(page.getByRole('button', { name: 'Add profile' })).toBeVisible();
  await expect.poll(() => streams.length).toBeGreaterThanOrEqual(2);
  expect(new Set(streams).size).toBe(streams.length);
  // Events flow on the new stream: a profile added elsewhere shows up in this page.
  const other = await playwright.request.newContext({ baseURL: app.origin });
  try {
    const added = await other.post('/api/profiles:create', {
      data: { name: 'Added elsewhere', endpoint: 'http://127.0.0.1:9', region: 'us-east-1', accessKeyId: 'AKID', secretAccessKey: 'secret-value' },
      headers: { 'X-Pail-Token': app.token! },
    });
    expect(await added.json()).toMatchObject({ ok: true });
  } finally {
    await other.dispose();
  }
  await expect(page.getByRole('button', { name: 'Added elsewhere', exact: true })).toBeVisible();
});

test('what changed while the event stream was down is read again when it reopens: a profile added then shows', async ({ app, page, playwright }) => {
  const other = await playwright.request.newContext({ baseURL: app.origin });
  let streams = 0;
  try {
    // The first stream after the reload drops at once; before the page's next one opens, a profile is added
    // elsewhere: its event goes to no stream.
    await page.route('**/events?*', async (route) => {
      if (streams++ === 0) return route.fulfill({ status: 200, contentType: 'text/event-stream', body: ': bye\n\n' });
      if (streams === 2) {
        const added = await other.post('/api/profiles:create', {
          data: { name: 'Added while away', endpoint: 'http://127.0.0.1:9', region: 'us-east-1', accessKeyId: 'AKID', secretAccessKey: 'secret-value' },
          headers: { 'X-Pail-Token': app.token! },
        });
        expect(await added.json()).toMatchObject({ ok: true });
      }
      return route.continue();
    });
    await page.reload();
    await expect(page.getByRole('button', { name: 'Added while away', exact: true })).toBeVisible();
    expect(streams).toBeGreaterThanOrEqual(2);
  } finally {
    await other.dispose();
  }
});

test('--open hands the opener a one-time launch code, never the token; the page trades it once', async ({ browser }) => {
  const home = mkdtempSync(join(tmpdir(), 'pail-e2e-open-'));
  // A stand-in for xdg-open that writes down the arguments any process could have read with `ps`.
  const bin = join(home, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > ${JSON.stringify(join(home, 'opened.txt'))}\n`, { mode: 0o755 });
  const child = spawn(process.execPath, [join(__dirname, '../out/main/web.js'), '--port', '0', '--open'], {
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, PAIL_HOME: join(home, 'data'), PAIL_SECRET_STORE: 'file' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  const context = await browser.newContext();
  try {
    await expect.poll(() => existsSync(join(home, 'opened.txt')) && /token=([\w-]+)/.test(output), { timeout: 20_000 }).toBe(true);
    const token = /token=([\w-]+)/.exec(output)![1];
    const opened = readFileSync(join(home, 'opened.txt'), 'utf8').trim();
    expect(opened).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?launch=[\w-]{32,}$/);
    expect(opened).not.toContain(token);
    const page = await context.newPage();
    await page.goto(opened);
    await expect(page.getByRole('button', { name: 'Add profile' })).toBeVisible();
    expect(new URL(page.url()).searchParams.get('launch')).toBeNull();
    await page.reload();
    await expect(page.getByRole('button', { name: 'Add profile' })).toBeVisible();
    // Used once, the code opens nothing for anyone else.
    const stranger = await browser.newContext();
    expect((await stranger.request.get(opened)).status()).toBe(403);
    await stranger.close();
  } finally {
    await context.close();
    child.kill('SIGTERM');
    rmSync(home, { recursive: true, force: true });
  }
});

/** Picks a file through the Upload menu (accepting the upload sheet), sending it slowly (Chromium's network emulation) so the test acts mid-body. */
async function uploadSlowly(page: Page, path: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 4 * 1024 * 1024 });
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await page.getByRole('menu', { name: 'Upload' }).getByRole('menuitem', { name: 'Upload files…' }).click();
  await (await chooser).setFiles(path);
  await acceptUploadSheet(page);
}

const transferItem = (page: Page, name: string) => page.getByRole('region', { name: 'Transfers' }).getByRole('listitem', { name, exact: true });

for (const pauseFirst of [false, true]) {
  test(`closing the tab ${pauseFirst ? 'after pausing' : 'during'} a big upload ${pauseFirst ? 'leaves it paused' : 'fails it in words'}; the server goes on serving and uploading`, async ({
    app,
    page,
    gateway,
  }) => {
    const bucket = `pail-e2e-tab-${randomBytes(3).toString('hex')}`;
    const client = gatewayClient(gateway);
    const cleanup = await seedBucket(gateway, bucket, ['keep.txt']);
    const dir = mkdtempSync(join(tmpdir(), 'pail-e2e-tab-'));
    try {
      const big = join(dir, 'big.bin');
      writeFileSync(big, randomBytes(40 * 1024 * 1024));
      await openBucket(app, gateway, bucket);
      await uploadSlowly(page, big);
      const item = transferItem(page, 'big.bin');
      await expect(item).toContainText('Uploading', { timeout: 15_000 });
      if (pauseFirst) {
        await item.getByRole('button', { name: 'Pause big.bin' }).click();
        await expect(item).toContainText('Paused', { timeout: 30_000 });
      } else {
        // Some of the file is on its way (a part may be stored) when the tab goes.
        await page.waitForTimeout(2_500);
      }
      await page.close();

      const next = await page.context().newPage();
      await next.goto(`${app.origin}/?token=${app.token}`);
      const again = transferItem(next, 'big.bin');
      if (pauseFirst) {
        await expect(again).toContainText('Paused');
        await again.getByRole('button', { name: 'Cancel big.bin' }).click();
        await expect(again).toContainText('Cancelled', { timeout: 30_000 });
      } else {
        // A finished transfer leaves the panel folded in a new tab: open it.
        const transfers = next.getByRole('region', { name: 'Transfers' });
        await expect(transfers).toContainText('Finished with 1 failure', { timeout: 45_000 });
        const toggle = transfers.getByRole('button', { name: 'Transfers', exact: true });
        if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
        await expect(again).toContainText('Failed');
        await expect(again).toContainText(/page stopped sending after \d+ of 41943040 bytes/);
      }
      const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
      expect((listed.Contents ?? []).map((c) => c.Key)).toEqual(['keep.txt']);
      expect((await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? []).toEqual([]);
      // The server still uploads: a small file from the new tab.
      const small = join(dir, 'small.txt');
      writeFileSync(small, 'still here');
      const chooser = next.waitForEvent('filechooser');
      await next.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: bucket, exact: true }).click();
      await next.getByRole('button', { name: 'Upload', exact: true }).click();
      await next.getByRole('menu', { name: 'Upload' }).getByRole('menuitem', { name: 'Upload files…' }).click();
      await (await chooser).setFiles(small);
      await acceptUploadSheet(next);
      await expect(transferItem(next, 'small.txt')).toContainText('Done', { timeout: 30_000 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await cleanup();
    }
  });
}
