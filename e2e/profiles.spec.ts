import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, seedBucket, test } from './fixtures';
import { saveGatewayProfile, profileAction } from './profile-steps';

/** The built CLI (global setup builds the app). */
const CLI = join(__dirname, '..', 'out', 'main', 'cli.js');

const bucketName = (label: string) => `pail-e2e-${label}-${randomBytes(3).toString('hex')}`;

/** A home folder whose ~/.aws holds sample profiles (placeholder endpoints, made-up keys). */
const AWS_HOME = join(__dirname, 'fixtures', 'aws-home');

/** The profile names in the sidebar, in order. */
async function profileOrder(page: Page): Promise<string[]> {
  const buttons = page.getByRole('navigation', { name: 'Profiles' }).getByRole('button', { name: /^Actions for / });
  const labels = await buttons.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
  return labels.map((label) => label.replace(/^Actions for /, ''));
}

test('a Linode preset fills the endpoint; edited to point at the gateway, it tests connected and shows its buckets', async ({ page, gateway }) => {
  const bucket = bucketName('editor');
  const cleanup = await seedBucket(gateway, bucket, ['hello.txt']);
  try {
    await page.getByRole('button', { name: 'Add profile' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add profile' });
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Paris');
    await dialog.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'Linode / Akamai Object Storage' });
    await expect(dialog.getByText('Keys work on every endpoint')).toBeVisible();
    await dialog.getByRole('combobox', { name: 'Endpoint host' }).selectOption('fr-par-1');
    const endpoint = dialog.getByRole('textbox', { name: 'Endpoint URL' });
    await expect(endpoint).toHaveValue('https://fr-par-1.linodeobjects.com');

    // A hand-typed endpoint stays put until the user asks for the preset's again.
    await endpoint.fill('https://files.example.com');
    await dialog.getByRole('combobox', { name: 'Endpoint host' }).selectOption('nl-ams-1');
    await expect(endpoint).toHaveValue('https://files.example.com');
    await dialog.getByRole('button', { name: 'Use the preset endpoint' }).click();
    await expect(endpoint).toHaveValue('https://nl-ams-1.linodeobjects.com');
    await dialog.getByRole('combobox', { name: 'Endpoint host' }).selectOption('fr-par-1');
    await expect(endpoint).toHaveValue('https://fr-par-1.linodeobjects.com');

    // The compatibility settings start at the preset's defaults.
    await dialog.getByRole('button', { name: 'Compatibility settings' }).click();
    await expect(dialog.getByRole('radio', { name: 'Virtual-host' })).toBeChecked();
    await expect(dialog.getByRole('combobox', { name: 'Checksum mode' })).toHaveValue('WHEN_REQUIRED');
    await expect(dialog.getByRole('combobox', { name: 'ACL support' })).toHaveValue('yes');

    await dialog.getByRole('textbox', { name: 'Access key ID' }).fill('LINODEEXAMPLEKEY');
    await dialog.getByLabel('Secret access key').fill('linode-example-secret');
    await dialog.getByRole('button', { name: 'Save profile' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: 'Paris', exact: true })).toBeVisible();

    await profileAction(page, 'Paris', 'Edit');
    const editor = page.getByRole('dialog', { name: 'Edit profile' });
    await expect(editor.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Paris');
    await expect(editor.getByRole('combobox', { name: 'Endpoint host' })).toHaveValue('fr-par-1');
    await expect(editor.getByText('Secret: set')).toBeVisible();

    await editor.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'Ceph RADOS Gateway' });
    await expect(editor.getByRole('textbox', { name: 'Endpoint URL' })).toHaveValue('');
    await editor.getByRole('textbox', { name: 'Endpoint URL' }).fill(gateway.endpoint);
    await editor.getByRole('textbox', { name: 'Region' }).fill(gateway.region);
    await editor.getByRole('textbox', { name: 'Access key ID' }).fill(gateway.users[0].accessKeyId);
    await editor.getByRole('button', { name: 'Replace secret' }).click();
    await editor.getByLabel('New secret access key').fill(gateway.users[0].secretAccessKey);
    await editor.getByRole('button', { name: 'Compatibility settings' }).click();
    await expect(editor.getByRole('radio', { name: 'Path' })).toBeChecked();

    await editor.getByRole('textbox', { name: 'Test bucket' }).fill(bucket);
    await editor.getByRole('button', { name: 'Test connection' }).click();
    const report = editor.getByRole('region', { name: 'Connection test' });
    await expect(report.getByText('Connected', { exact: true })).toBeVisible({ timeout: 45_000 });
    const steps = report.getByRole('list', { name: 'Steps' }).getByRole('listitem');
    await expect(steps.first()).toBeVisible();
    const verdicts = await steps.evaluateAll((items) => items.map((item) => item.textContent ?? ''));
    expect(verdicts.length).toBeGreaterThanOrEqual(5);
    for (const text of verdicts) expect(text).toMatch(/^(Passed|Skipped)/);
    await expect(report.getByText(/^Buckets seen: /)).toBeVisible();
    await expect(editor.getByRole('button', { name: 'Test connection' })).toBeEnabled();

    await editor.getByRole('button', { name: 'Save profile' }).click();
    await expect(editor).toBeHidden();
    await expect(page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: bucket })).toBeVisible();
  } finally {
    await cleanup();
  }
});

test('a wrong secret fails the connection test at the credentials, with the hint about the secret', async ({ page, gateway }) => {
  await page.getByRole('button', { name: 'Add profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add profile' });
  await dialog.getByRole('textbox', { name: 'Endpoint URL' }).fill(gateway.endpoint);
  await dialog.getByRole('textbox', { name: 'Region' }).fill(gateway.region);
  await dialog.getByRole('textbox', { name: 'Access key ID' }).fill(gateway.users[0].accessKeyId);
  await dialog.getByLabel('Secret access key').fill('this-is-not-the-secret');
  await dialog.getByRole('button', { name: 'Test connection' }).click();

  const report = dialog.getByRole('region', { name: 'Connection test' });
  await expect(report.getByText(/^Not connected/)).toBeVisible({ timeout: 45_000 });
  const failed = report.getByRole('listitem').filter({ hasText: /^Failed/ });
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('SignatureDoesNotMatch');
  await expect(failed).toContainText('secret access key is wrong');
  // Testing needs no name; saving still does.
  await dialog.getByRole('button', { name: 'Save profile' }).click();
  await expect(dialog.getByText('Enter a name for the profile.')).toBeVisible();
});

test('a refused signature on an endpoint named by a host name says it may be a custom domain, and where the domain goes', async ({ page, gateway }) => {
  // "vm" is this machine's name in /etc/hosts: a host name that is no provider's, like a custom domain.
  const byName = gateway.endpoint.replace('127.0.0.1', 'vm');
  await page.getByRole('button', { name: 'Add profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add profile' });
  await dialog.getByRole('textbox', { name: 'Endpoint URL' }).fill(byName);
  await dialog.getByRole('textbox', { name: 'Region' }).fill(gateway.region);
  await dialog.getByRole('textbox', { name: 'Access key ID' }).fill(gateway.users[0].accessKeyId);
  await dialog.getByLabel('Secret access key').fill('this-is-not-the-secret');
  await dialog.getByRole('button', { name: 'Test connection' }).click();

  const report = dialog.getByRole('region', { name: 'Connection test' });
  await expect(
    report.getByText("Could not sign in: the secret access key is wrong, or vm is a custom domain (a CNAME) rather than the provider's endpoint."),
  ).toBeVisible({
    timeout: 45_000,
  });
  const failed = report.getByRole('listitem').filter({ hasText: /^Failed/ });
  await expect(failed).toContainText('SignatureDoesNotMatch');
  await expect(failed).toContainText('If vm is a custom domain (a CNAME to the storage), that is the cause');
  await expect(failed).toContainText('Custom domains are for links: put it in Bucket settings → Custom domain');
});

test("an AWS key under another provider's preset is flagged under the field, without blocking save", async ({ page }) => {
  await page.getByRole('button', { name: 'Add profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add profile' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Mixed up');
  await dialog.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'Linode / Akamai Object Storage' });
  const keyField = dialog.getByRole('textbox', { name: 'Access key ID' });
  const warning = dialog.getByRole('status').filter({ hasText: 'This looks like an Amazon S3 key' });
  await keyField.fill('AKIAIOSFODNN7EXAMPLE');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('Linode / Akamai Object Storage will refuse it (InvalidAccessKeyId)');
  await expect(keyField).toHaveAccessibleDescription(/This looks like an Amazon S3 key/);

  // The same key under the AWS preset is what it should be.
  await dialog.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'Amazon S3' });
  await expect(warning).toBeHidden();
  await dialog.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'Wasabi' });
  await expect(dialog.getByRole('status').filter({ hasText: 'Wasabi will refuse it' })).toBeVisible();

  // Advice, not a rule: the profile saves as typed, and editing it shows the warning again.
  await dialog.getByLabel('Secret access key').fill('wasabi-example-secret');
  await dialog.getByRole('button', { name: 'Save profile' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Actions for Mixed up', exact: true }).click();
  await page.getByRole('menu', { name: 'Actions for Mixed up' }).getByRole('menuitem', { name: 'Edit', exact: true }).click();
  const editor = page.getByRole('dialog', { name: 'Edit profile' });
  await expect(editor.getByRole('status').filter({ hasText: 'Wasabi will refuse it' })).toBeVisible();
  await editor.getByRole('textbox', { name: 'Access key ID' }).fill('WASABIEXAMPLEKEY0001');
  await expect(editor.getByRole('status').filter({ hasText: 'This looks like' })).toHaveCount(0);
});

test('Linode offers its endpoint hosts by data center, and a host pasted from Cloud Manager sets the region', async ({ page }) => {
  await page.getByRole('button', { name: 'Add profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add profile' });
  await dialog.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'Linode / Akamai Object Storage' });
  const host = dialog.getByRole('combobox', { name: 'Endpoint host' });
  await expect(host).toHaveAccessibleDescription(/^In Newark, NJ, USA \(us-east\)\. Pick the host Cloud Manager shows beside your bucket/);
  // Frankfurt 2 (de-fra-2) is served by de-fra-1.linodeobjects.com, listed under its data center.
  await expect(host.locator('optgroup[label="Frankfurt 2, Germany (de-fra-2)"] option')).toHaveText(['de-fra-1.linodeobjects.com']);
  await expect(host.locator('optgroup[label="Washington, DC, USA (us-iad)"] option')).toHaveText([
    'us-iad-1.linodeobjects.com (E1)',
    'us-iad-10.linodeobjects.com',
  ]);
  await host.selectOption({ label: 'de-fra-1.linodeobjects.com' });
  const endpoint = dialog.getByRole('textbox', { name: 'Endpoint URL' });
  await expect(endpoint).toHaveValue('https://de-fra-1.linodeobjects.com');

  // Cloud Manager shows the host name alone; pasted, it becomes the endpoint URL.
  await endpoint.fill('us-ord-10.linodeobjects.com');
  await expect(endpoint).toHaveValue('https://us-ord-10.linodeobjects.com');
  await expect(host).toHaveValue('us-ord-10');
  await endpoint.fill('https://us-iad-10.linodeobjects.com');
  await expect(host).toHaveValue('us-iad-10');
  await expect(dialog.getByRole('button', { name: 'Use the preset endpoint' })).toHaveCount(0);
  // A host newer than the list is taken as it is: its first label is the region.
  await endpoint.fill('https://us-new-7.linodeobjects.com');
  await expect(dialog.getByRole('textbox', { name: 'Custom region' })).toHaveValue('us-new-7');
});

test('Cloudflare R2 takes a jurisdiction beside the account id, which names the endpoint, and keeps it', async ({ page }) => {
  const account = '0123456789abcdef0123456789abcdef';
  await page.getByRole('button', { name: 'Add profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add profile' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('R2 EU');
  await dialog.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'Cloudflare R2' });
  await dialog.getByRole('textbox', { name: 'Account ID' }).fill(account);
  const endpoint = dialog.getByRole('textbox', { name: 'Endpoint URL' });
  await expect(endpoint).toHaveValue(`https://${account}.r2.cloudflarestorage.com`);
  const jurisdiction = dialog.getByRole('combobox', { name: 'Jurisdiction' });
  await expect(jurisdiction).toHaveValue('');
  await jurisdiction.selectOption({ label: 'European Union (eu)' });
  await expect(endpoint).toHaveValue(`https://${account}.eu.r2.cloudflarestorage.com`);
  await dialog.getByRole('textbox', { name: 'Access key ID' }).fill('0123456789abcdef0123456789abcdef');
  await dialog.getByLabel('Secret access key').fill('r2-example-secret-r2-example-secret-r2-example-secret-0123456789ab');
  await dialog.getByRole('button', { name: 'Save profile' }).click();
  await expect(dialog).toBeHidden();

  await profileAction(page, 'R2 EU', 'Edit');
  const editor = page.getByRole('dialog', { name: 'Edit profile' });
  await expect(editor.getByRole('combobox', { name: 'Jurisdiction' })).toHaveValue('eu');
  await expect(editor.getByRole('textbox', { name: 'Endpoint URL' })).toHaveValue(`https://${account}.eu.r2.cloudflarestorage.com`);
});

test('Wasabi starts on path style, and a region Wasabi does not list is flagged under the field without blocking save', async ({ page }) => {
  await page.getByRole('button', { name: 'Add profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add profile' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Wasabi typo');
  await dialog.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'Wasabi' });
  await dialog.getByRole('button', { name: 'Compatibility settings' }).click();
  await expect(dialog.getByRole('radio', { name: 'Path', exact: true })).toBeChecked();

  await dialog.getByRole('combobox', { name: 'Region' }).selectOption({ label: 'Custom…' });
  const region = dialog.getByRole('textbox', { name: 'Custom region' });
  const warning = dialog.getByRole('status').filter({ hasText: 'Wasabi does not list the region' });
  await region.fill('eu-south-2');
  await expect(warning).toContainText('Wasabi does not list the region "eu-south-2"');
  await expect(region).toHaveAccessibleDescription(/Wasabi does not list the region/);
  await region.fill('eu-south-1');
  await expect(warning).toHaveCount(0);

  // Advice, not a rule: a region newer than the list still saves.
  await region.fill('eu-south-2');
  await expect(warning).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Access key ID' }).fill('WASABIEXAMPLEKEY0001');
  await dialog.getByLabel('Secret access key').fill('wasabi-example-secret');
  await dialog.getByRole('button', { name: 'Save profile' }).click();
  await expect(dialog).toBeHidden();
});

test.describe('importing from the AWS CLI', () => {
  test.use({ appEnv: { HOME: AWS_HOME, AWS_SHARED_CREDENTIALS_FILE: '', AWS_CONFIG_FILE: '' } });

  test('the preview shows each profile, blocks one without static keys, renames a clash; import adds them', async ({ app, page, gateway }) => {
    await saveGatewayProfile(app, gateway, { name: 'work' });

    await page.getByRole('button', { name: 'Import profiles' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import profiles' });
    await expect(dialog.getByRole('radio', { name: 'AWS CLI (~/.aws)' })).toBeChecked();
    await expect(dialog.getByRole('textbox', { name: 'Path' })).toHaveValue('');
    await dialog.getByRole('button', { name: 'Preview' }).click();

    const aws = dialog.getByRole('listitem', { name: 'AWS default', exact: true });
    await expect(aws).toContainText('Amazon S3');
    await expect(aws).toContainText('https://s3.eu-west-1.amazonaws.com');
    await expect(aws).toContainText('eu-west-1');

    const linode = dialog.getByRole('listitem', { name: 'linode-paris', exact: true });
    await expect(linode).toContainText('Linode / Akamai Object Storage');
    await expect(linode).toContainText('https://fr-par-1.linodeobjects.com');
    await expect(linode).toContainText('fr-par-1');
    await expect(linode.getByRole('checkbox', { name: 'linode-paris' })).toBeChecked();

    const sso = dialog.getByRole('listitem', { name: 'sso-only', exact: true });
    await expect(sso.getByRole('checkbox', { name: 'sso-only' })).toBeDisabled();
    await expect(sso.getByRole('checkbox', { name: 'sso-only' })).not.toBeChecked();
    await expect(sso).toContainText('Cannot be imported');
    await expect(sso).toContainText('AWS SSO');

    const work = dialog.getByRole('listitem', { name: 'work (imported)', exact: true });
    await expect(work).toContainText('A profile called “work” exists: this one will be imported as “work (imported)”.');
    await expect(work).toContainText('https://storage.example.invalid:9000');

    // A clash typed by the user is explained and blocks nothing else.
    await linode.getByRole('textbox', { name: 'Profile name' }).fill('work');
    await expect(linode).toContainText('A profile called “work” exists already');
    await linode.getByRole('textbox', { name: 'Profile name' }).fill('Linode Paris');

    await dialog.getByRole('button', { name: 'Import 3 profiles' }).click();
    await expect(dialog.getByRole('heading', { name: 'Imported 3 profiles' })).toBeVisible();
    await expect(dialog).toContainText('Created “Linode Paris”');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();

    expect(await profileOrder(page)).toEqual(['work', 'AWS default', 'Linode Paris', 'work (imported)']);
    await expect(page.getByRole('button', { name: 'Linode Paris', exact: true })).toHaveAttribute('title', 'https://fr-par-1.linodeobjects.com');
  });

  test('an import from a folder without AWS files explains what is missing', async ({ page }) => {
    await page.getByRole('button', { name: 'Import profiles' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import profiles' });
    await dialog.getByRole('textbox', { name: 'Path' }).fill(join(AWS_HOME, 'nowhere'));
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('InvalidRequest');
    await expect(alert).toContainText('No AWS credentials found');
    await expect(alert).toContainText('Point the import at the folder');
  });
});

test('duplicate, move, export and delete a profile from its actions menu', async ({ app, page, gateway }) => {
  await saveGatewayProfile(app, gateway, { name: 'Alpha' });

  await profileAction(page, 'Alpha', 'Duplicate');
  await expect(page.getByRole('button', { name: 'Alpha copy', exact: true })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Duplicated' })).toHaveText('Duplicated “Alpha” as “Alpha copy”.');
  expect(await profileOrder(page)).toEqual(['Alpha', 'Alpha copy']);

  // The last profile cannot move down; the first can.
  await page.getByRole('button', { name: 'Actions for Alpha copy', exact: true }).click();
  await expect(page.getByRole('menuitem', { name: 'Move down' })).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Actions for Alpha copy', exact: true })).toBeFocused();

  await profileAction(page, 'Alpha', 'Move down');
  await expect.poll(() => profileOrder(page)).toEqual(['Alpha copy', 'Alpha']);
  // The list shows the new order at once; focus returns to the menu button once it is saved.
  await expect(page.getByRole('status').filter({ hasText: 'Moved' })).toHaveText('Moved “Alpha” down.');
  await expect(page.getByRole('button', { name: 'Actions for Alpha', exact: true })).toBeFocused();
  // Alt+ArrowUp moves the focused profile back, and focus stays on it.
  await page.getByRole('button', { name: 'Alpha', exact: true }).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => profileOrder(page)).toEqual(['Alpha', 'Alpha copy']);
  await expect(page.getByRole('button', { name: 'Alpha', exact: true })).toBeFocused();
  await page.reload();
  await expect.poll(() => profileOrder(page)).toEqual(['Alpha', 'Alpha copy']);

  const download = page.waitForEvent('download');
  await profileAction(page, 'Alpha', 'Export');
  const file = await download;
  expect(file.suggestedFilename()).toBe('pail-profile-alpha.json');
  const exported = readFileSync(await file.path(), 'utf8');
  expect(JSON.parse(exported).profile).toMatchObject({ name: 'Alpha', endpoint: gateway.endpoint, accessKeyId: gateway.users[0].accessKeyId });
  expect(exported).not.toContain(gateway.users[0].secretAccessKey);
  await expect(page.getByRole('status').filter({ hasText: 'Exported' })).toContainText('pail-profile-alpha.json');

  await profileAction(page, 'Alpha copy', 'Delete');
  const confirm = page.getByRole('alertdialog', { name: 'Delete profile Alpha copy?' });
  await expect(confirm).toContainText('secret access key is removed');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('button', { name: 'Alpha copy', exact: true })).toBeVisible();

  await profileAction(page, 'Alpha copy', 'Delete');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('button', { name: 'Alpha copy', exact: true })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Deleted' })).toHaveText('Deleted profile “Alpha copy” and its secret.');
  expect(await profileOrder(page)).toEqual(['Alpha']);
});

test('a profile added with `pail profile add` in a terminal shows in the open app, which lists its buckets', async ({ app, page, gateway }) => {
  const bucket = bucketName('from-cli');
  const cleanup = await seedBucket(gateway, bucket, ['inside.txt']);
  try {
    const user = gateway.users[0];
    const added = spawnSync(
      process.execPath,
      [
        CLI,
        'profile',
        'add',
        '--name',
        'From the terminal',
        '--endpoint',
        gateway.endpoint,
        '--region',
        gateway.region,
        '--access-key-id',
        user.accessKeyId,
        '--secret-access-key-stdin',
      ],
      { env: { ...process.env, PAIL_HOME: app.dataDir, PAIL_SECRET_STORE: 'file' }, input: `${user.secretAccessKey}\n`, encoding: 'utf8' },
    );
    expect(added.status, added.stderr).toBe(0);
    await page.getByRole('button', { name: 'From the terminal', exact: true }).click();
    await page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: bucket, exact: true }).click();
    await expect(page.getByRole('table', { name: 'Objects' }).getByRole('row', { name: 'inside.txt' })).toBeVisible();
  } finally {
    await cleanup();
  }
});

test('a bucket opens by name from the sidebar', async ({ app, page, gateway }) => {
  const bucket = bucketName('byname');
  const cleanup = await seedBucket(gateway, bucket, ['inside.txt']);
  try {
    await saveGatewayProfile(app, gateway, { name: 'By name' });
    const buckets = page.getByRole('region', { name: 'Buckets' });
    await buckets.getByRole('button', { name: 'Open bucket by name…' }).click();
    await buckets.getByRole('textbox', { name: 'Bucket name' }).fill('a b');
    await buckets.getByRole('button', { name: 'Open bucket', exact: true }).click();
    await expect(buckets.getByText('cannot contain')).toBeVisible();
    await buckets.getByRole('textbox', { name: 'Bucket name' }).fill(bucket);
    await buckets.getByRole('button', { name: 'Open bucket', exact: true }).click();
    await expect(page.getByRole('table', { name: 'Objects' }).getByRole('row', { name: 'inside.txt' })).toBeVisible();
    await expect(buckets.getByRole('button', { name: bucket })).toHaveAttribute('aria-current', 'true');
  } finally {
    await cleanup();
  }
});

test('a damaged profile entry shows as damaged while the other profiles work, and can be removed', async ({ app, page, gateway }) => {
  const bucket = bucketName('damaged');
  const cleanup = await seedBucket(gateway, bucket, ['kept.txt']);
  try {
    await saveGatewayProfile(app, gateway, { name: 'Working' });
    // A hand edit gone wrong: an entry whose endpoint is a number.
    const path = join(app.dataDir, 'profiles.json');
    const file = JSON.parse(readFileSync(path, 'utf8'));
    file.profiles.push({ id: 'hand-made', name: 'Broken', endpoint: 42, region: 'us-east-1', accessKeyId: 'AKIDBROKEN' });
    writeFileSync(path, JSON.stringify(file, null, 2));
    await page.reload();

    const damaged = page.getByRole('navigation', { name: 'Profiles' }).getByRole('note', { name: 'Damaged profile Broken' });
    await expect(damaged).toContainText('Entry 2 in');
    await expect(damaged).toContainText('endpoint: expected a string, got a number');
    // Nothing to browse: no profile button for it.
    await expect(page.getByRole('button', { name: 'Broken', exact: true })).toHaveCount(0);

    // The good profile still lists its buckets.
    await page.getByRole('button', { name: 'Working', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: bucket })).toBeVisible();

    await page.getByRole('button', { name: 'Remove damaged profile Broken' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove damaged entry 2 (Broken)?' });
    await expect(confirm).toContainText('profiles.json.bak');
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await expect(damaged).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'Removed' })).toHaveText('Removed damaged entry 2 (Broken).');
    expect(JSON.parse(readFileSync(path, 'utf8')).profiles.map((p: { name: string }) => p.name)).toEqual(['Working']);
    // The version with the damaged entry is kept as the backup.
    expect(readFileSync(`${path}.bak`, 'utf8')).toContain('hand-made');
  } finally {
    await cleanup();
  }
});

test('a damaged profiles.json is named with what is wrong, and "Restore the backup" puts back the last good version', async ({ app, page, gateway }) => {
  await saveGatewayProfile(app, gateway, { name: 'Kept' });
  const path = join(app.dataDir, 'profiles.json');
  copyFileSync(path, `${path}.bak`);
  const truncated = readFileSync(path, 'utf8').slice(0, 120);
  writeFileSync(path, truncated);
  await page.reload();

  const problem = page.getByRole('alert').filter({ hasText: 'Could not read your profiles' });
  await expect(problem).toContainText(`DataFileDamaged — ${path} is not valid JSON: it ends too early`);
  await expect(problem).toContainText('pail profile restore-backup');
  await expect(page.getByRole('button', { name: 'Kept', exact: true })).toHaveCount(0);
  // Looking did not change the file.
  expect(readFileSync(path, 'utf8')).toBe(truncated);

  await page.getByRole('button', { name: 'Restore the backup' }).click();
  await expect(page.getByRole('button', { name: 'Kept', exact: true })).toBeVisible();
  await expect(problem).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toContainText(
    `Restored ${path} from ${path}.bak; the damaged file is kept as ${path}.damaged-`,
  );
  const aside = readdirSync(app.dataDir).find((name) => name.startsWith('profiles.json.damaged-'));
  expect(readFileSync(join(app.dataDir, aside!), 'utf8')).toBe(truncated);
});
