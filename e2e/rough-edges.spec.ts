import { randomBytes } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import {
  DeleteBucketCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { openBucket } from './profile-steps';
import { expect, gatewayClient, seedBucket, test, type GatewayInfo, type PailApp } from './fixtures';

/** The rough edges a new user hit (issue 15): each test does what that user did and checks what they saw. */

const bucketName = (label: string) => `pail-e2e-${label}-${randomBytes(3).toString('hex')}`;
const table = (page: Page) => page.getByRole('table', { name: 'Objects' });
const row = (page: Page, name: string | RegExp) => table(page).getByRole('row', { name, exact: typeof name === 'string' });
const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' });
const activityToggle = (page: Page) => page.getByRole('region', { name: 'Activity' }).getByRole('button', { name: 'Activity', exact: true });

/** Files dragged in from the desktop and dropped (the drop code and the pane are the real ones). */
async function dropFiles(target: Locator, names: string[]) {
  const dataTransfer = await target.page().evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const name of list) data.items.add(new File(['dropped'], name));
    return data;
  }, names);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

/** A bucket holding `old.txt` from before versioning (version id "null"), then versioned; returns its cleanup. */
async function versionedLater(gateway: GatewayInfo, bucket: string): Promise<() => Promise<void>> {
  const cleanup = await seedBucket(gateway, bucket, ['old.txt']);
  await gatewayClient(gateway).send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  return async () => {
    await removeAllVersions(gateway, bucket);
    await cleanup();
  };
}

/**
 * Seeds a bucket (`versionedLater`: `old.txt` from before versioning, then versioning on), opens it as a user
 * would, runs the test's steps, and removes the bucket whatever happened.
 */
async function inOpenBucket(
  app: PailApp,
  gateway: GatewayInfo,
  label: string,
  seed: { keys?: string[]; versionedLater?: boolean },
  steps: (bucket: string) => Promise<void>,
): Promise<void> {
  const bucket = bucketName(label);
  const cleanup = seed.versionedLater ? await versionedLater(gateway, bucket) : await seedBucket(gateway, bucket, seed.keys ?? []);
  try {
    await openBucket(app, gateway, bucket);
    await steps(bucket);
  } finally {
    // The steps may have turned versioning on: every version goes before the bucket.
    await removeAllVersions(gateway, bucket);
    await cleanup();
  }
}

test('turning versioning on keeps the normal listing and offers "Show versions"', async ({ app, page, gateway }) => {
  await inOpenBucket(app, gateway, 'rough-enable', { keys: ['old.txt'] }, async (bucket) => {
    await page.getByRole('button', { name: 'Enable versioning', exact: true }).click();
    const enable = page.getByRole('alertdialog', { name: `Enable versioning on ${bucket}?` });
    await enable.getByRole('button', { name: 'Enable versioning', exact: true }).click();
    await expect(enable).toBeHidden();
    const showVersions = page.getByRole('button', { name: 'Show versions', exact: true });
    await expect(showVersions).toBeEnabled();
    await expect(showVersions).toHaveAttribute('aria-pressed', 'false');
    await expect(row(page, 'old.txt')).toBeVisible();
    await expect(table(page).getByRole('columnheader', { name: 'Version' })).toHaveCount(0);
  });
});

test('the delete question says whether the bucket keeps versions', async ({ app, page, gateway }) => {
  const plain = bucketName('rough-plain');
  const versioned = bucketName('rough-kept');
  const cleanPlain = await seedBucket(gateway, plain, ['a.txt']);
  const cleanVersioned = await versionedLater(gateway, versioned);
  try {
    await openBucket(app, gateway, plain);
    await row(page, 'a.txt').click();
    await page.keyboard.press('Delete');
    let question = page.getByRole('alertdialog', { name: 'Delete 1 object?' });
    await expect(question).toContainText(`removed from ${plain} for good: the bucket does not keep versions, so this cannot be undone`);
    await question.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: versioned, exact: true }).click();
    await row(page, 'old.txt').click();
    await page.keyboard.press('Delete');
    question = page.getByRole('alertdialog', { name: 'Delete 1 object?' });
    await expect(question).toContainText(`${versioned} keeps versions: deleting adds a delete marker, and the earlier versions stay`);
    await expect(question).toContainText('To remove them for good, choose Show versions and delete the versions too.');
  } finally {
    await cleanPlain();
    await cleanVersioned();
  }
});

test('the version from before versioning reads as words, not "null", in the list and the inspector', async ({ app, page, gateway }) => {
  await inOpenBucket(app, gateway, 'rough-null', { versionedLater: true }, async () => {
    await page.getByRole('button', { name: 'Show versions', exact: true }).click();
    const nullRow = row(page, 'old.txt, latest version');
    await expect(nullRow.getByRole('cell').nth(1)).toHaveText('From before versioning');
    await expect(table(page).getByRole('cell', { name: 'null', exact: true })).toHaveCount(0);
    await nullRow.click();
    await expect(inspector(page)).toContainText('Showing the version of this object from before versioning was turned on.');
    await expect(inspector(page).getByRole('listitem', { name: /^Version from / })).toContainText('Version from before versioning was turned on');
    await expect(inspector(page).getByText('null', { exact: true })).toHaveCount(0);
  });
});

test('files dropped on the versions view are refused in words, and nothing is uploaded', async ({ app, page, gateway }) => {
  await inOpenBucket(app, gateway, 'rough-drop', { versionedLater: true }, async (bucket) => {
    await page.getByRole('button', { name: 'Show versions', exact: true }).click();
    await expect(row(page, 'old.txt, latest version')).toBeVisible();
    await dropFiles(page.locator('.folder-view'), ['photo.jpg']);
    const refusal = page.getByRole('alert').filter({ hasText: 'Nothing was uploaded: this pane shows versions' });
    await expect(refusal).toContainText('Switch back to the current objects');
    await expect(gatewayClient(gateway).send(new HeadObjectCommand({ Bucket: bucket, Key: 'photo.jpg' }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 404 },
    });
  });
});

test('Ctrl+V pastes into a folder opened by double-click', async ({ app, page, gateway }) => {
  await inOpenBucket(app, gateway, 'rough-paste', { keys: ['src/a.txt', 'dest/keep.txt'] }, async () => {
    await row(page, 'src').dblclick();
    await row(page, 'a.txt').click();
    await page.keyboard.press('ControlOrMeta+c');
    await page.getByRole('button', { name: 'Up', exact: true }).click();
    await row(page, 'dest').dblclick();
    await expect(row(page, 'keep.txt')).toBeVisible();
    await page.keyboard.press('ControlOrMeta+v');
    await expect(row(page, 'a.txt')).toBeVisible({ timeout: 30_000 });
  });
});

test('Ctrl+V pastes into the open folder after a click on the table’s empty space', async ({ app, page, gateway }) => {
  await inOpenBucket(app, gateway, 'rough-paste-empty', { keys: ['src/a.txt', 'dest/keep.txt'] }, async () => {
    await row(page, 'src').click();
    await page.keyboard.press('Enter');
    await row(page, 'a.txt').click();
    await page.keyboard.press('ControlOrMeta+c');
    await page.keyboard.press('Backspace');
    await row(page, 'dest').click();
    await page.keyboard.press('Enter');
    await expect(row(page, 'keep.txt')).toBeFocused();
    // Focus leaves every control (as after a click on plain text), then the user clicks the table's empty space.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const body = table(page).getByRole('rowgroup').last();
    const box = (await body.boundingBox())!;
    await body.click({ position: { x: box.width / 2, y: box.height - 20 } });
    await page.keyboard.press('ControlOrMeta+v');
    await expect(row(page, 'a.txt')).toBeVisible({ timeout: 30_000 });
  });
});

test('a click anywhere on a column header sorts, not only on its label', async ({ app, page, gateway }) => {
  await inOpenBucket(app, gateway, 'rough-sort', { keys: ['a.txt', 'bb.txt'] }, async () => {
    await expect(row(page, 'a.txt')).toBeVisible();
    const size = table(page).getByRole('columnheader', { name: 'Size' });
    await size.click({ position: { x: 3, y: 3 } });
    await expect(size).toHaveAttribute('aria-sort', 'ascending');
    const name = table(page).getByRole('columnheader', { name: 'Name' });
    const box = (await name.boundingBox())!;
    await name.click({ position: { x: box.width - 4, y: box.height / 2 } });
    await expect(name).toHaveAttribute('aria-sort', 'ascending');
  });
});

test('the table row shows the object as saved after a metadata edit', async ({ app, page, gateway }) => {
  await inOpenBucket(app, gateway, 'rough-meta', { keys: ['doc.txt'] }, async (bucket) => {
    await expect(row(page, 'doc.txt').getByRole('cell').nth(1)).toHaveText('18 B');
    // Someone else rewrites the object; saving the metadata here shows the object as it now is, in the row too.
    await gatewayClient(gateway).send(new PutObjectCommand({ Bucket: bucket, Key: 'doc.txt', Body: 'a longer body, written elsewhere' }));
    await row(page, 'doc.txt').click();
    const info = inspector(page).getByRole('region', { name: 'Info' });
    await info.getByRole('button', { name: 'Edit metadata' }).click();
    const form = info.getByRole('form', { name: 'Edit metadata' });
    await form.getByRole('textbox', { name: 'Content-Type' }).fill('text/markdown');
    await form.getByRole('button', { name: 'Save metadata' }).click();
    await expect(form).toBeHidden();
    await expect(row(page, 'doc.txt').getByRole('cell').nth(1)).toHaveText('32 B');
  });
});

test('a small quick job finishes without opening the Activity panel', async ({ app, page, gateway }) => {
  await inOpenBucket(app, gateway, 'rough-activity', { keys: ['keep.txt', 'gone.txt'] }, async () => {
    await row(page, 'gone.txt').click();
    await page.keyboard.press('Delete');
    await page.getByRole('alertdialog', { name: 'Delete 1 object?' }).getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(row(page, 'gone.txt')).toBeHidden({ timeout: 30_000 });
    await expect(page.getByRole('region', { name: 'Activity' })).toContainText('1 job finished');
    await page.waitForTimeout(2000);
    await expect(activityToggle(page)).toHaveAttribute('aria-expanded', 'false');
  });
});

test('editing and saving the open profile keeps its bucket open', async ({ app, page, gateway }) => {
  await inOpenBucket(app, gateway, 'rough-profile', { keys: ['doc.txt'] }, async (bucket) => {
    await page.getByRole('button', { name: 'Actions for Local Ceph', exact: true }).click();
    await page.getByRole('menu', { name: 'Actions for Local Ceph' }).getByRole('menuitem', { name: 'Edit', exact: true }).click();
    const editor = page.getByRole('dialog', { name: 'Edit profile' });
    await editor.getByRole('textbox', { name: 'Name', exact: true }).fill('Local Ceph 2');
    await editor.getByRole('button', { name: 'Save profile', exact: true }).click();
    await expect(editor).toBeHidden();
    await expect(page.getByRole('button', { name: 'Local Ceph 2', exact: true })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Address' })).toHaveValue(`${bucket}/`);
    await expect(row(page, 'doc.txt')).toBeVisible();
  });
});

test('a listing that fails leaves no "1 selected" over the empty table', async ({ app, page, gateway }) => {
  const bucket = bucketName('rough-gone');
  const client = gatewayClient(gateway);
  const cleanup = await seedBucket(gateway, bucket, ['a.txt']);
  try {
    await openBucket(app, gateway, bucket);
    await row(page, 'a.txt').click();
    await expect(page.getByText('1 selected', { exact: true })).toBeVisible();
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'a.txt' }));
    await client.send(new DeleteBucketCommand({ Bucket: bucket }));
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Could not list this folder' })).toBeVisible();
    await expect(page.getByText('1 selected', { exact: true })).toHaveCount(0);
  } finally {
    await cleanup().catch(() => undefined);
  }
});

test('a bucket that does not exist gets no "ACLs not permitted" note', async ({ app, page, gateway }) => {
  await inOpenBucket(app, gateway, 'rough-acl', { keys: ['a.txt'] }, async (bucket) => {
    const address = page.getByRole('textbox', { name: 'Address' });
    await address.fill(`${bucket}-never/`);
    await address.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'Could not list this folder' })).toBeVisible();
    // The bucket's access is read beside the listing: give its answer time to land.
    await page.waitForTimeout(2000);
    await expect(page.getByText('ACLs not permitted')).toHaveCount(0);
  });
});

test('the inspector keeps its width across a reload, and folds in two-pane mode on its own', async ({ app, page, gateway }) => {
  await inOpenBucket(app, gateway, 'rough-inspector', { keys: ['a.txt'] }, async () => {
    const resize = page.getByRole('separator', { name: 'Resize inspector' });
    await resize.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(resize).toHaveAttribute('aria-valuenow', '380');

    // Folded in two-pane mode, open again in one pane, folded again in two.
    const twoPanes = page.getByRole('button', { name: 'Two panes' });
    await twoPanes.click();
    await page.getByRole('button', { name: 'Hide inspector' }).click();
    await expect(page.getByRole('button', { name: 'Show inspector' })).toBeVisible();
    await twoPanes.click();
    await expect(page.getByRole('button', { name: 'Hide inspector' })).toBeVisible();
    await twoPanes.click();
    await expect(page.getByRole('button', { name: 'Show inspector' })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('separator', { name: 'Resize inspector' })).toHaveAttribute('aria-valuenow', '380');
    await twoPanes.click();
    await expect(page.getByRole('button', { name: 'Show inspector' })).toBeVisible();
  });
});

/** Removes every version and delete marker of a bucket's keys, so its cleanup can delete it. */
async function removeAllVersions(gateway: GatewayInfo, bucket: string) {
  const client = gatewayClient(gateway);
  const listed = await client.send(new ListObjectVersionsCommand({ Bucket: bucket })).catch(() => undefined);
  for (const v of [...(listed?.Versions ?? []), ...(listed?.DeleteMarkers ?? [])]) {
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: v.Key!, VersionId: v.VersionId! }));
  }
}
