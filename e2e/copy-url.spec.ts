import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, seedBucket, test } from './fixtures';
import { saveGatewayProfile } from './profile-steps';

const bucketName = (label: string) => `pail-e2e-${label}-${randomBytes(3).toString('hex')}`;
const bucketButton = (page: Page, bucket: string) => page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: bucket, exact: true });
const row = (page: Page, name: string) => page.getByRole('table', { name: 'Objects' }).getByRole('row', { name, exact: true });
const notice = (page: Page) => page.getByRole('status', { name: 'Notice' });
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

/** Each line of the clipboard, fetched: the bodies, in order. */
async function fetchEach(text: string): Promise<string[]> {
  return Promise.all(text.split('\n').map(async (url) => (await fetch(url)).text()));
}

/** Opens the row menu's Copy URL submenu for what is selected (right-click on `name`). */
async function openCopyUrlFromRow(page: Page, name: string, menuName: string) {
  await row(page, name).click({ button: 'right' });
  const menu = page.getByRole('menu', { name: menuName });
  const item = menu.getByRole('menuitem', { name: 'Copy URL' });
  await expect(item).toHaveAttribute('aria-haspopup', 'menu');
  await item.click();
  await expect(item).toHaveAttribute('aria-expanded', 'true');
  return page.getByRole('menu', { name: 'Copy URL' });
}

test('right-click, Copy URL, Signed 1 hour: one working link on the clipboard, and a notice saying so', async ({ app, page, gateway }) => {
  const bucket = bucketName('copyurl');
  const cleanup = await seedBucket(gateway, bucket, ['hello.txt', 'other.txt']);
  try {
    await saveGatewayProfile(app, gateway);
    await bucketButton(page, bucket).click();
    const submenu = await openCopyUrlFromRow(page, 'hello.txt', 'Actions for hello.txt');
    await expect(submenu.getByRole('menuitem')).toHaveText(['Public URL', /^Signed, 1 hour/, 'Signed, 24 hours', 'Signed, 7 days', 'More…']);
    await submenu.getByRole('menuitem', { name: 'Signed, 1 hour' }).click();
    await expect(submenu).toBeHidden();
    await expect(notice(page)).toHaveText('Copied the signed link, valid 1 hour.');
    const copied = await clipboard(page);
    expect(copied).toMatch(/X-Amz-Expires=3600/);
    expect(copied.split('\n')).toHaveLength(1);
    expect(await fetchEach(copied)).toEqual(['content of hello.txt']);
  } finally {
    await cleanup();
  }
});

test('a selection of 3 objects and a folder copies 3 signed links, one per line; the folder is skipped, said so', async ({ app, page, gateway }) => {
  const bucket = bucketName('copysel');
  const cleanup = await seedBucket(gateway, bucket, ['a.txt', 'b, "quoted".txt', 'ünï.txt', 'pics/inside.txt']);
  try {
    await saveGatewayProfile(app, gateway);
    await bucketButton(page, bucket).click();
    await row(page, 'a.txt').click();
    for (const name of ['b, "quoted".txt', 'ünï.txt', 'pics']) await row(page, name).click({ modifiers: ['Control'] });
    const submenu = await openCopyUrlFromRow(page, 'a.txt', 'Actions for 4 items');
    await submenu.getByRole('menuitem', { name: 'Signed, 24 hours' }).click();
    await expect(notice(page)).toHaveText('Copied 3 signed links, valid 24 hours. 1 folder skipped: links are for objects.');
    const copied = await clipboard(page);
    expect(copied.split('\n')).toHaveLength(3);
    expect(copied).toMatch(/X-Amz-Expires=86400/);
    expect(await fetchEach(copied)).toEqual(['content of a.txt', 'content of b, "quoted".txt', 'content of ünï.txt']);

    // More… opens the link dialog for the 3 objects; it copies them as CSV and JSON too.
    const again = await openCopyUrlFromRow(page, 'a.txt', 'Actions for 4 items');
    await again.getByRole('menuitem', { name: 'More…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Links to 3 objects' });
    await dialog.getByRole('tab', { name: 'Presigned download' }).click();
    await expect(dialog.getByRole('textbox', { name: 'Download links (one per line)' })).toHaveValue(/X-Amz-Signature[^\n]+\n[^\n]+\n[^\n]+$/);
    await dialog.getByRole('button', { name: 'Copy as CSV' }).click();
    const csv = (await clipboard(page)).split('\r\n');
    expect(csv[0]).toBe('key,url,expires');
    expect(csv[2]).toMatch(/^"b, ""quoted"".txt",http:\/\/[^,]+,\d{4}-\d\d-\d\dT/);
    expect(csv[3]).toMatch(/^ünï\.txt,http/);
    await dialog.getByRole('button', { name: 'Copy as JSON' }).click();
    const json = JSON.parse(await clipboard(page)) as { key: string; url: string; expires: string }[];
    expect(json.map((link) => link.key)).toEqual(['a.txt', 'b, "quoted".txt', 'ünï.txt']);
    expect(await (await fetch(json[1].url)).text()).toBe('content of b, "quoted".txt');
  } finally {
    await cleanup();
  }
});

test('the toolbar’s Copy URL menu: a private object’s public URL is copied with a warning; signed for 7 days works', async ({ app, page, gateway }) => {
  const bucket = bucketName('copybar');
  const cleanup = await seedBucket(gateway, bucket, ['hello.txt']);
  try {
    await saveGatewayProfile(app, gateway);
    await bucketButton(page, bucket).click();
    await expect(row(page, 'hello.txt').getByRole('cell', { name: 'Private', exact: true })).toBeVisible();
    await row(page, 'hello.txt').click();
    const button = page.getByRole('toolbar', { name: 'Actions' }).getByRole('button', { name: 'Copy URL' });
    await expect(button).toHaveAttribute('aria-haspopup', 'menu');
    await button.click();
    const menu = page.getByRole('menu', { name: 'Copy URL' });
    await menu.getByRole('menuitem', { name: 'Public URL' }).click();
    await expect(notice(page)).toHaveText('Copied the public URL. This object is not public: its URL answers 403 (Access Denied) until it is made public.');
    const plain = await clipboard(page);
    expect(plain).toBe(`${gateway.endpoint.replace(/\/$/, '')}/${bucket}/hello.txt`);
    expect((await fetch(plain)).status).toBe(403);

    await button.click();
    await menu.getByRole('menuitem', { name: 'Signed, 7 days' }).click();
    await expect(notice(page)).toHaveText('Copied the signed link, valid 7 days.');
    const signed = await clipboard(page);
    expect(signed).toMatch(/X-Amz-Expires=604800/);
    expect(await fetchEach(signed)).toEqual(['content of hello.txt']);
  } finally {
    await cleanup();
  }
});

test('with a custom domain for the bucket, Public URL copies the domain’s URL; signed links still go to the endpoint', async ({ app, page, gateway }) => {
  const bucket = bucketName('copycdn');
  const cleanup = await seedBucket(gateway, bucket, ['img/cat.png']);
  try {
    await saveGatewayProfile(app, gateway, { publicUrlBase: { bucket, url: 'https://cdn.example.com/' } });
    await bucketButton(page, bucket).click();
    await row(page, 'img').dblclick();
    await row(page, 'cat.png').click();
    const button = page.getByRole('toolbar', { name: 'Actions' }).getByRole('button', { name: 'Copy URL' });
    await button.click();
    await page.getByRole('menu', { name: 'Copy URL' }).getByRole('menuitem', { name: 'Public URL' }).click();
    await expect(notice(page)).toHaveText(/^Copied the public URL\./);
    expect(await clipboard(page)).toBe('https://cdn.example.com/img/cat.png');
    await button.click();
    await page.getByRole('menu', { name: 'Copy URL' }).getByRole('menuitem', { name: 'Signed, 1 hour' }).click();
    await expect(notice(page)).toHaveText('Copied the signed link, valid 1 hour.');
    const signed = await clipboard(page);
    expect(signed.startsWith(`${gateway.endpoint.replace(/\/$/, '')}/${bucket}/img/cat.png?`)).toBe(true);
    expect(await fetchEach(signed)).toEqual(['content of img/cat.png']);
  } finally {
    await cleanup();
  }
});

test('by keyboard: Ctrl+Shift+C copies a signed link for 1 hour; Shift+F10 reaches the submenu with the arrows', async ({ app, page, gateway }) => {
  const bucket = bucketName('copykey');
  const cleanup = await seedBucket(gateway, bucket, ['hello.txt', 'other.txt']);
  try {
    await saveGatewayProfile(app, gateway);
    await bucketButton(page, bucket).click();
    await row(page, 'hello.txt').click();
    await page.keyboard.press('Control+Shift+C');
    await expect(notice(page)).toHaveText('Copied the signed link, valid 1 hour.');
    const copied = await clipboard(page);
    expect(copied).toMatch(/X-Amz-Expires=3600/);
    expect(await fetchEach(copied)).toEqual(['content of hello.txt']);

    await page.keyboard.press('ArrowDown');
    await expect(row(page, 'other.txt')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu', { name: 'Actions for other.txt' });
    const copyUrl = menu.getByRole('menuitem', { name: 'Copy URL' });
    while (!(await copyUrl.evaluate((item) => item === document.activeElement))) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    const submenu = page.getByRole('menu', { name: 'Copy URL' });
    await expect(submenu.getByRole('menuitem', { name: 'Public URL' })).toBeFocused();
    await expect(submenu.getByRole('menuitem', { name: 'Signed, 1 hour' })).toHaveAttribute('aria-keyshortcuts', 'Ctrl+Shift+C');
    await page.keyboard.press('ArrowLeft');
    await expect(submenu).toBeHidden();
    await expect(copyUrl).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(submenu.getByRole('menuitem', { name: 'Signed, 24 hours' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(notice(page)).toHaveText('Copied the signed link, valid 24 hours.');
    expect(await fetchEach(await clipboard(page))).toEqual(['content of other.txt']);
  } finally {
    await cleanup();
  }
});

test('temporary credentials that expire in 3 hours cap the longer lifetimes, said in the label and the notice', async ({ page, gateway }) => {
  const bucket = bucketName('copycap');
  const cleanup = await seedBucket(gateway, bucket, ['hello.txt']);
  try {
    await page.getByRole('button', { name: 'Add profile', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add profile' });
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Short-lived');
    await dialog.getByRole('textbox', { name: 'Endpoint URL' }).fill(gateway.endpoint);
    await dialog.getByRole('textbox', { name: 'Region' }).fill(gateway.region);
    await dialog.getByRole('textbox', { name: 'Access key ID' }).fill(gateway.users[0].accessKeyId);
    await dialog.getByLabel('Secret access key').fill(gateway.users[0].secretAccessKey);
    await dialog.getByRole('button', { name: 'Compatibility settings' }).click();
    // In the page's local time, as the field takes it.
    const inThreeHours = await page.evaluate(() => {
      const at = new Date(Date.now() + 3 * 3600_000);
      const two = (n: number) => String(n).padStart(2, '0');
      return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${two(at.getHours())}:${two(at.getMinutes())}`;
    });
    await dialog.getByLabel('Credentials expire at').fill(inThreeHours);
    await dialog.getByRole('button', { name: 'Save profile', exact: true }).click();
    await expect(dialog).toBeHidden();
    await bucketButton(page, bucket).click();

    const submenu = await openCopyUrlFromRow(page, 'hello.txt', 'Actions for hello.txt');
    const capped = /^Signed, until \S.* \(credentials expire\)$/;
    await expect(submenu.getByRole('menuitem')).toHaveText(['Public URL', /^Signed, 1 hour/, capped, 'More…']);
    await submenu.getByRole('menuitem', { name: capped }).click();
    await expect(notice(page)).toHaveText(/^Copied the signed link, valid until \S.* \(credentials expire\)\.$/);
    const copied = await clipboard(page);
    const seconds = Number(new URL(copied).searchParams.get('X-Amz-Expires'));
    expect(seconds).toBeGreaterThan(3 * 3600 - 120);
    expect(seconds).toBeLessThanOrEqual(3 * 3600);
    expect(await fetchEach(copied)).toEqual(['content of hello.txt']);
  } finally {
    await cleanup();
  }
});

test('a presigned upload link enforces the chosen ACL and Content-Type; its curl command sends both', async ({ app, page, gateway }) => {
  const bucket = bucketName('copyput');
  const cleanup = await seedBucket(gateway, bucket, ['photo.png']);
  try {
    await saveGatewayProfile(app, gateway);
    await bucketButton(page, bucket).click();
    await row(page, 'photo.png').click();
    await page.getByRole('toolbar', { name: 'Actions' }).getByRole('button', { name: 'Copy link…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Links to photo.png' });
    await dialog.getByRole('tab', { name: 'Presigned upload' }).click();
    await dialog.getByRole('textbox', { name: 'Content-Type (optional)' }).fill('image/png');
    await dialog.getByRole('combobox', { name: 'Access of the uploaded object' }).selectOption({ label: 'Public (public-read)' });
    const curl = dialog.getByRole('textbox', { name: 'curl command' });
    await expect(curl).toHaveValue(/-H 'Content-Type: image\/png' -H 'x-amz-acl: public-read' 'http/);
    const url = await dialog.getByRole('textbox', { name: 'Upload link' }).inputValue();
    expect((await fetch(url, { method: 'PUT', body: 'new', headers: { 'Content-Type': 'image/png' } })).status).toBe(403);
    expect((await fetch(url, { method: 'PUT', body: 'new', headers: { 'Content-Type': 'image/png', 'x-amz-acl': 'public-read' } })).status).toBe(200);
    const anyone = await fetch(`${gateway.endpoint.replace(/\/$/, '')}/${bucket}/photo.png`);
    expect([anyone.status, anyone.headers.get('content-type'), await anyone.text()]).toEqual([200, 'image/png', 'new']);
  } finally {
    await cleanup();
  }
});
