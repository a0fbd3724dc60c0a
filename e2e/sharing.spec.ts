import { randomBytes } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { GetObjectCommand, PutObjectAclCommand } from '@aws-sdk/client-s3';
import { expect, gatewayClient, seedBucket, test, type GatewayInfo } from './fixtures';
import { openActivity } from './activity-steps';
import { saveGatewayProfile } from './profile-steps';

const bucketName = (label: string) => `pail-e2e-${label}-${randomBytes(3).toString('hex')}`;

const bucketButton = (page: Page, bucket: string) => page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: bucket, exact: true });
const row = (page: Page, name: string) => page.getByRole('table', { name: 'Objects' }).getByRole('row', { name, exact: true });
const accessCell = (page: Page, name: string, access: string) => row(page, name).getByRole('cell', { name: access, exact: true });
const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' });
const publicSwitch = (scope: Page | Locator) => scope.getByRole('switch', { name: 'Public', exact: true });
const linkDialog = (page: Page, what: string) => page.getByRole('dialog', { name: `Links to ${what}` });

/** The object's path-style URL on the gateway, unsigned. */
const plainUrl = (gateway: GatewayInfo, bucket: string, key: string) => `${gateway.endpoint.replace(/\/$/, '')}/${bucket}/${key}`;

test('an object made public answers its public URL, copied from the link dialog; made private it is refused', async ({ app, page, gateway }) => {
  const bucket = bucketName('acl');
  const cleanup = await seedBucket(gateway, bucket, ['hello.txt', 'other.txt']);
  try {
    await saveGatewayProfile(app, gateway);
    await bucketButton(page, bucket).click();
    // The Access column loads for the rows in view.
    await expect(accessCell(page, 'hello.txt', 'Private')).toBeVisible();
    await expect(accessCell(page, 'other.txt', 'Private')).toBeVisible();

    await row(page, 'hello.txt').click();
    const access = inspector(page).getByRole('region', { name: 'Access', exact: true });
    await expect(access.getByText('Private: only the owner', { exact: false })).toBeVisible();
    await expect(publicSwitch(access)).toHaveAttribute('aria-checked', 'false');
    await publicSwitch(access).click();
    await expect(publicSwitch(access)).toHaveAttribute('aria-checked', 'true');
    await expect(access.getByRole('list', { name: 'Grants' })).toContainText(/READ/);
    await expect(accessCell(page, 'hello.txt', 'Public')).toBeVisible();
    await expect(accessCell(page, 'other.txt', 'Private')).toBeVisible();

    // The public URL, copied as shown, serves the object to anyone.
    await page.getByRole('toolbar', { name: 'Actions' }).getByRole('button', { name: 'Copy link…' }).click();
    const dialog = linkDialog(page, 'hello.txt');
    await expect(dialog.getByRole('tab', { name: 'Public URL' })).toHaveAttribute('aria-selected', 'true');
    await expect(dialog.getByRole('radio', { name: 'Path style' })).toBeChecked();
    const shown = await dialog.getByRole('textbox', { name: 'Public URL' }).inputValue();
    await expect(dialog.getByRole('img', { name: 'QR code of the public url' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Copy link', exact: true }).click();
    await expect(dialog.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(shown);
    expect(copied).toBe(plainUrl(gateway, bucket, 'hello.txt'));
    const open = await fetch(copied);
    expect(open.status).toBe(200);
    expect(await open.text()).toBe('content of hello.txt');

    await dialog.getByRole('button', { name: 'Check link' }).click();
    await expect(dialog.getByRole('status', { name: 'Link check' })).toContainText('The link works');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(dialog).toBeHidden();

    // Private again: the same URL is refused, and the table says so.
    await publicSwitch(access).click();
    await expect(publicSwitch(access)).toHaveAttribute('aria-checked', 'false');
    await expect(accessCell(page, 'hello.txt', 'Private')).toBeVisible();
    expect((await fetch(copied)).status).toBe(403);

    // ACLs are cached per bucket; Refresh reads those in view again (changed here from outside the app).
    await gatewayClient(gateway).send(new PutObjectAclCommand({ Bucket: bucket, Key: 'other.txt', ACL: 'public-read' }));
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(accessCell(page, 'other.txt', 'Public')).toBeVisible();
  } finally {
    await cleanup();
  }
});

test('a presigned download link for 1 hour shows when it expires and checks as working; 8 days is refused', async ({ app, page, gateway }) => {
  const bucket = bucketName('presign');
  const cleanup = await seedBucket(gateway, bucket, ['report.txt']);
  try {
    await saveGatewayProfile(app, gateway);
    await bucketButton(page, bucket).click();
    await row(page, 'report.txt').click({ button: 'right' });
    await page.getByRole('menu', { name: 'Actions for report.txt' }).getByRole('menuitem', { name: 'Copy link…' }).click();
    const dialog = linkDialog(page, 'report.txt');
    await dialog.getByRole('tab', { name: 'Presigned download' }).click();
    const panel = dialog.getByRole('tabpanel', { name: 'Presigned download' });
    const asked = Date.now();
    // No button to press: the link is made as the form changes.
    await expect(panel.getByRole('button', { name: 'Create link' })).toHaveCount(0);
    await panel.getByRole('radio', { name: '1 hour' }).check();
    await panel.getByRole('textbox', { name: 'Download file name (optional)' }).fill('my report.txt');

    const output = panel.getByRole('region', { name: 'Download link' });
    await expect(output.getByRole('textbox', { name: 'Download link' })).toHaveValue(/response-content-disposition=.*my%20report\.txt/);
    const expiry = output.getByRole('time');
    await expect(expiry).toBeVisible();
    const expiresAt = Date.parse((await expiry.getAttribute('datetime')) ?? '');
    expect(Math.abs(expiresAt - (asked + 3600_000))).toBeLessThan(60_000);
    // Shown in local time, to the second.
    const local = await page.evaluate((ms) => new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' }).format(new Date(ms)), expiresAt);
    await expect(expiry).toHaveText(local);
    await expect(output).toContainText('in 1 hour');

    const link = await output.getByRole('textbox', { name: 'Download link' }).inputValue();
    expect(link).toContain('X-Amz-Expires=3600');
    await expect(output.getByRole('img', { name: 'QR code of the download link' })).toBeVisible();
    await output.getByRole('button', { name: 'Check link' }).click();
    const verdict = output.getByRole('status', { name: 'Link check' });
    await expect(verdict).toContainText('The link works');
    await expect(verdict).toContainText(/\b20[06]\b/);
    const got = await fetch(link);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toContain('my report.txt');

    await output.getByRole('button', { name: 'Copy link', exact: true }).click();
    await expect(output.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

    // Beyond 7 days the field says so as it is typed, and no link is made.
    await panel.getByRole('radio', { name: 'Custom' }).check();
    const amount = panel.getByRole('textbox', { name: 'Custom expiry' });
    await amount.fill('8');
    await panel.getByRole('combobox', { name: 'Unit' }).selectOption('days');
    await expect(amount).toHaveAttribute('aria-invalid', 'true');
    await expect(amount).toHaveAccessibleDescription('A signed link lives at most 7 days: SigV4 refuses longer ones.');
    await expect(output).toBeHidden();
    await expect(panel.getByRole('status').filter({ hasText: 'Making the link' })).toHaveCount(0);
  } finally {
    await cleanup();
  }
});

test('a presigned upload link signs its Content-Type and shows the matching curl command', async ({ app, page, gateway }) => {
  const bucket = bucketName('upload');
  const cleanup = await seedBucket(gateway, bucket, ['drop.txt']);
  try {
    await saveGatewayProfile(app, gateway);
    await bucketButton(page, bucket).click();
    await expect(accessCell(page, 'drop.txt', 'Private')).toBeVisible();
    await row(page, 'drop.txt').click();
    await inspector(page).getByRole('region', { name: 'Access', exact: true }).getByRole('button', { name: 'Copy link…' }).click();
    const dialog = linkDialog(page, 'drop.txt');
    // A private object: the dialog opens on the signed download tab; the arrow keys move along the tabs.
    const download = dialog.getByRole('tab', { name: 'Presigned download' });
    await expect(download).toHaveAttribute('aria-selected', 'true');
    await download.press('Home');
    await expect(dialog.getByRole('tab', { name: 'Public URL' })).toBeFocused();
    await dialog.getByRole('tab', { name: 'Public URL' }).press('ArrowLeft');
    await expect(dialog.getByRole('tab', { name: 'Presigned upload' })).toBeFocused();
    const panel = dialog.getByRole('tabpanel', { name: 'Presigned upload' });
    await panel.getByRole('radio', { name: '15 minutes' }).check();
    await panel.getByRole('textbox', { name: 'Content-Type (optional)' }).fill('text/plain');

    const output = panel.getByRole('region', { name: 'Upload link' });
    await expect(output).toContainText('in 15 minutes');
    await expect(output.getByRole('textbox', { name: 'curl command' })).toHaveValue(/Content-Type: text\/plain/);
    const link = await output.getByRole('textbox', { name: 'Upload link' }).inputValue();
    const curl = await output.getByRole('textbox', { name: 'curl command' }).inputValue();
    expect(curl).toContain('curl');
    expect(curl).toContain('Content-Type: text/plain');
    expect(curl).toContain(link);
    await output.getByRole('button', { name: 'Copy curl command' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(curl);

    // The signed Content-Type is part of the signature: another one is refused, the signed one stored.
    expect((await fetch(link, { method: 'PUT', body: 'wrong type', headers: { 'Content-Type': 'application/json' } })).status).toBe(403);
    expect((await fetch(link, { method: 'PUT', body: 'uploaded with the link', headers: { 'Content-Type': 'text/plain' } })).status).toBe(200);
    const stored = await gatewayClient(gateway).send(new GetObjectCommand({ Bucket: bucket, Key: 'drop.txt' }));
    expect(await stored.Body!.transformToString()).toBe('uploaded with the link');
    expect(stored.ContentType).toBe('text/plain');
  } finally {
    await cleanup();
  }
});

test('a bucket with a custom domain offers its URL style and signing for it, with when that works', async ({ app, page, gateway }) => {
  const bucket = bucketName('cdn');
  const base = 'https://cdn.example.test';
  const cleanup = await seedBucket(gateway, bucket, ['img/logo.png']);
  try {
    await saveGatewayProfile(app, gateway, { publicUrlBase: { bucket, url: base } });
    await bucketButton(page, bucket).click();
    await row(page, 'img').dblclick();
    await row(page, 'logo.png').click();
    await page.getByRole('toolbar', { name: 'Actions' }).getByRole('button', { name: 'Copy link…' }).click();
    const dialog = linkDialog(page, 'logo.png');
    await dialog.getByRole('tab', { name: 'Public URL' }).click();
    // The custom domain is the default style where the bucket has one; the others stay on offer.
    await expect(dialog.getByRole('radio', { name: 'Custom domain' })).toBeChecked();
    await expect(dialog.getByRole('textbox', { name: 'Public URL' })).toHaveValue(`${base}/img/logo.png`);
    await dialog.getByRole('radio', { name: 'Path style' }).check();
    await expect(dialog.getByRole('textbox', { name: 'Public URL' })).toHaveValue(plainUrl(gateway, bucket, 'img/logo.png'));

    await dialog.getByRole('tab', { name: 'Presigned download' }).click();
    const panel = dialog.getByRole('tabpanel', { name: 'Presigned download' });
    const viaDomain = panel.getByRole('checkbox', { name: 'Sign for the custom domain' });
    await expect(viaDomain).toHaveAccessibleDescription(/rgw_dns_name.*SignatureDoesNotMatch/);
    await viaDomain.check();
    const output = panel.getByRole('region', { name: 'Download link' });
    await expect(output.getByRole('textbox', { name: 'Download link' })).toHaveValue(new RegExp(`^${base.replace(/\./g, '\\.')}/img/logo\\.png\\?`));
    await expect(output.getByRole('list', { name: 'Notes' })).toContainText('SignatureDoesNotMatch');
  } finally {
    await cleanup();
  }
});

test('a private object’s link dialog opens on the signed tab with a working link; a zero expiry is flagged; no virtual host on an IP endpoint', async ({
  app,
  page,
  gateway,
}) => {
  const bucket = bucketName('private');
  const cleanup = await seedBucket(gateway, bucket, ['secret.txt']);
  try {
    await saveGatewayProfile(app, gateway);
    await bucketButton(page, bucket).click();
    await expect(accessCell(page, 'secret.txt', 'Private')).toBeVisible();
    await row(page, 'secret.txt').click({ button: 'right' });
    await page.getByRole('menu', { name: 'Actions for secret.txt' }).getByRole('menuitem', { name: 'Copy link…' }).click();
    const dialog = linkDialog(page, 'secret.txt');

    // Signed, at once: the link for the default expiry (1 hour) is there without a click, and it works.
    await expect(dialog.getByRole('tab', { name: 'Presigned download' })).toHaveAttribute('aria-selected', 'true');
    const panel = dialog.getByRole('tabpanel', { name: 'Presigned download' });
    await expect(panel.getByRole('radio', { name: '1 hour' })).toBeChecked();
    const output = panel.getByRole('region', { name: 'Download link' });
    await expect(output).toContainText('in 1 hour');
    const link = await output.getByRole('textbox', { name: 'Download link' }).inputValue();
    expect(link).toContain('X-Amz-Expires=3600');
    const got = await fetch(link);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('content of secret.txt');

    // A zero expiry: the field says the minimum, and no link is made (nor asked for).
    await panel.getByRole('radio', { name: 'Custom' }).check();
    const amount = panel.getByRole('textbox', { name: 'Custom expiry' });
    await amount.fill('0');
    await expect(amount).toHaveAttribute('aria-invalid', 'true');
    await expect(amount).toHaveAccessibleDescription('A signed link must live at least 1 second: enter 1 or more.');
    await expect(output).toBeHidden();
    // Typed right, the link comes back for the new expiry.
    await amount.fill('2');
    await expect(amount).not.toHaveAttribute('aria-invalid', 'true');
    await expect(output.getByRole('textbox', { name: 'Download link' })).toHaveValue(/X-Amz-Expires=7200/);

    // The public URL tab says the object is not public, and offers no virtual-host URL on the gateway's IP endpoint.
    await dialog.getByRole('tab', { name: 'Public URL' }).click();
    await expect(dialog.getByText('This object is not public: its URL answers 403 (Access Denied) until it is made public.')).toBeVisible();
    await expect(dialog.getByRole('radio', { name: 'Path style' })).toBeChecked();
    const virtual = dialog.getByRole('radio', { name: 'Virtual host' });
    await expect(virtual).toBeDisabled();
    await expect(virtual).toHaveAccessibleDescription(
      new RegExp(`^The endpoint is an IP address \\(127\\.0\\.0\\.1\\): a virtual-host URL would go to ${bucket}\\.127\\.0\\.0\\.1`),
    );
    await expect(dialog.getByRole('textbox', { name: 'Public URL' })).toHaveValue(plainUrl(gateway, bucket, 'secret.txt'));
  } finally {
    await cleanup();
  }
});

test('a folder made public recursively runs as a job in Activity, and a file inside reads publicly', async ({ app, page, gateway }) => {
  const bucket = bucketName('tree');
  const cleanup = await seedBucket(gateway, bucket, ['site/index.html', 'site/css/a.css', 'site/img/b.txt', 'outside.txt']);
  try {
    await saveGatewayProfile(app, gateway);
    await bucketButton(page, bucket).click();
    await row(page, 'site').click();
    await page.getByRole('toolbar', { name: 'Actions' }).getByRole('button', { name: 'Make public' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Make 1 folder public?' });
    await confirm.getByRole('button', { name: 'Make public' }).click();
    await expect(confirm).toBeHidden();

    // The main process names the job; it mentions the folder count and the bucket.
    const job = (await openActivity(page)).getByRole('listitem', { name: /public/i }).filter({ hasText: `1 folder in ${bucket}` });
    await expect(job).toContainText('Done');
    await expect(job).toContainText('Made 3 objects public.');

    expect((await fetch(plainUrl(gateway, bucket, 'site/css/a.css'))).status).toBe(200);
    expect(await (await fetch(plainUrl(gateway, bucket, 'site/img/b.txt'))).text()).toBe('content of site/img/b.txt');
    expect((await fetch(plainUrl(gateway, bucket, 'outside.txt'))).status).toBe(403);

    await row(page, 'site').dblclick();
    await expect(accessCell(page, 'index.html', 'Public')).toBeVisible();
  } finally {
    await cleanup();
  }
});

test('a public bucket ACL says it allows listing, not reading', async ({ app, page, gateway }) => {
  const bucket = bucketName('bucket-acl');
  const cleanup = await seedBucket(gateway, bucket, ['secret.txt']);
  try {
    await saveGatewayProfile(app, gateway);
    await bucketButton(page, bucket).click({ button: 'right' });
    await page
      .getByRole('menu', { name: `Actions for bucket ${bucket}` })
      .getByRole('menuitem', { name: 'Bucket access…' })
      .click();
    const dialog = page.getByRole('dialog', { name: `Access to bucket ${bucket}` });
    const toggle = publicSwitch(dialog);
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await expect(toggle).not.toHaveAttribute('aria-disabled', 'true');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await expect(dialog).toContainText(/list/i);
    expect((await fetch(`${gateway.endpoint.replace(/\/$/, '')}/${bucket}`)).status).toBe(200);
    expect((await fetch(plainUrl(gateway, bucket, 'secret.txt'))).status).toBe(403);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    expect((await fetch(`${gateway.endpoint.replace(/\/$/, '')}/${bucket}`)).status).toBe(403);
  } finally {
    await cleanup();
  }
});

test('with ACL support "No" the toggles are off, saying why and what to do instead', async ({ app, page, gateway }) => {
  const bucket = bucketName('no-acl');
  const cleanup = await seedBucket(gateway, bucket, ['a.txt']);
  try {
    await saveGatewayProfile(app, gateway, { name: 'No ACLs', aclSupport: 'no' });
    await bucketButton(page, bucket).click();
    await row(page, 'a.txt').click();

    const makePublic = page.getByRole('toolbar', { name: 'Actions' }).getByRole('button', { name: 'Make public' });
    await expect(makePublic).toHaveAttribute('aria-disabled', 'true');
    await expect(makePublic).toHaveAccessibleDescription(/no ACLs.*presigned link/);
    await expect(page.getByText('No ACLs here')).toBeVisible();

    const access = inspector(page).getByRole('region', { name: 'Access', exact: true });
    const toggle = publicSwitch(access);
    await expect(toggle).toHaveAttribute('aria-disabled', 'true');
    await expect(toggle).toHaveAccessibleDescription(/ACL support: no/);
    await expect(access.getByText(/Share with a presigned link instead/)).toBeVisible();
    // A click (forced: Playwright itself will not click a disabled control) changes nothing.
    await toggle.click({ force: true });
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await expect(page.getByRole('region', { name: 'Activity' })).toContainText('Nothing running');

    // Links still work without ACLs.
    await access.getByRole('button', { name: 'Copy link…' }).click();
    await expect(linkDialog(page, 'a.txt').getByRole('tab', { name: 'Presigned download' })).toBeVisible();
  } finally {
    await cleanup();
  }
});
