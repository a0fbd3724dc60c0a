import { randomBytes } from 'node:crypto';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetObjectLegalHoldCommand,
  GetObjectLockConfigurationCommand,
  GetObjectRetentionCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  PutObjectLegalHoldCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { expect, gatewayClient, test } from './fixtures';
import { saveGatewayProfile } from './profile-steps';

/** Removes a lock test's bucket: legal holds released, governance retentions bypassed. */
async function removeLockedBucket(client: S3Client, bucket: string): Promise<void> {
  const listed = await client.send(new ListObjectVersionsCommand({ Bucket: bucket })).catch(() => undefined);
  if (!listed) return;
  const versions = [...(listed.Versions ?? []), ...(listed.DeleteMarkers ?? [])].map((v) => ({ Key: v.Key!, VersionId: v.VersionId! }));
  // (A bucket without Object Lock refuses the call: it holds nothing.)
  for (const version of listed.Versions ?? [])
    await client
      .send(new PutObjectLegalHoldCommand({ Bucket: bucket, Key: version.Key!, VersionId: version.VersionId!, LegalHold: { Status: 'OFF' } }))
      .catch(() => undefined);
  if (versions.length)
    await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: versions, Quiet: true }, BypassGovernanceRetention: true }));
  await client.send(new DeleteBucketCommand({ Bucket: bucket }));
}

/** A moment as a datetime-local field takes it, in this computer's time zone (the browser's). */
const localInput = (date: Date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

test('Object Lock: a bucket created with it locks new versions by its default retention; a version’s retention is shortened only with the bypass, and its legal hold switched', async ({
  app,
  page,
  gateway,
}, testInfo) => {
  const bucket = `pail-e2e-lock-${randomBytes(3).toString('hex')}`;
  const client = gatewayClient(gateway);
  try {
    await saveGatewayProfile(app, gateway, { name: 'Gateway' });
    await page.getByRole('button', { name: 'Create bucket', exact: true }).click();
    const create = page.getByRole('dialog', { name: 'Create bucket' });
    await create.getByRole('textbox', { name: 'Bucket name' }).fill(bucket);
    await create.getByRole('checkbox', { name: 'Object Lock' }).check();
    await create.getByRole('button', { name: 'Create bucket' }).click();
    await expect(page.getByRole('textbox', { name: 'Address' })).toHaveValue(`${bucket}/`);

    const inspector = page.getByRole('region', { name: 'Inspector' });
    const bucketLock = inspector.getByRole('region', { name: 'Object Lock' });
    await bucketLock.getByRole('button', { name: 'Object Lock', exact: true }).click();
    await expect(bucketLock).toContainText('Object Lock is on, without a default retention');
    await bucketLock.getByRole('button', { name: 'Edit default retention…' }).click();
    const defaults = page.getByRole('dialog', { name: `Default retention: ${bucket}` });
    await defaults.getByRole('checkbox', { name: 'Keep each new version for a time' }).check();
    await defaults.getByRole('textbox', { name: 'Keep for' }).fill('2 weeks');
    await expect(defaults.getByRole('textbox', { name: 'Keep for' })).toHaveAccessibleDescription('Give the period as a whole number.');
    await defaults.getByRole('textbox', { name: 'Keep for' }).fill('2');
    await expect(defaults.getByRole('status')).toHaveText(
      'After saving: Object Lock is on. Each new version is kept for 2 days after it is written, in governance mode: only users allowed to bypass governance retention may delete or overwrite it, or shorten its retention.',
    );
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await defaults.screenshot({ path: testInfo.outputPath(`default-retention-${scheme}.png`) });
    }
    await defaults.getByRole('button', { name: 'Save default retention' }).click();
    await expect(defaults).toBeHidden();
    await expect(bucketLock).toContainText('Each new version is kept for 2 days');
    expect((await client.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }))).ObjectLockConfiguration?.Rule?.DefaultRetention).toEqual({
      Mode: 'GOVERNANCE',
      Days: 2,
    });

    // A version written now gets the default: locked for two days.
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'contract ü.pdf', Body: 'signed' }));
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await page.getByRole('table', { name: 'Objects' }).getByRole('row', { name: 'contract ü.pdf', exact: true }).click();
    await expect(inspector.getByRole('heading', { name: 'contract ü.pdf' })).toBeVisible();
    const lock = inspector.getByRole('region', { name: 'Object Lock' });
    await lock.getByRole('button', { name: 'Object Lock', exact: true }).click();
    await expect(lock).toContainText(/Locked until .*, in governance mode/);
    await expect(lock).toContainText('No legal hold.');

    // Shortening a governance retention asks for the bypass before it may be saved.
    await lock.getByRole('button', { name: 'Change retention…' }).click();
    const retention = page.getByRole('dialog', { name: 'Retention: contract ü.pdf' });
    const tomorrow = new Date(Date.now() + 86_400_000);
    tomorrow.setSeconds(0, 0);
    await retention.getByLabel('Locked until').fill(localInput(tomorrow));
    await expect(retention.getByRole('status')).toContainText(/^Shortens its retention from .* to .*\.$/);
    const save = retention.getByRole('button', { name: 'Save retention' });
    await expect(save).toHaveAttribute('aria-disabled', 'true');
    await retention.getByRole('checkbox', { name: 'Bypass governance retention' }).check();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await retention.screenshot({ path: testInfo.outputPath(`retention-${scheme}.png`) });
    }
    await save.click();
    await expect(retention).toBeHidden();
    const saved = await client.send(new GetObjectRetentionCommand({ Bucket: bucket, Key: 'contract ü.pdf' }));
    expect(saved.Retention).toEqual({ Mode: 'GOVERNANCE', RetainUntilDate: tomorrow });

    // Turning governance into compliance needs the bypass too; Cancel saves nothing.
    await lock.getByRole('button', { name: 'Change retention…' }).click();
    await retention.getByRole('combobox', { name: 'Mode' }).selectOption('COMPLIANCE');
    await expect(retention.getByRole('status')).toContainText('Changes its mode from governance to compliance, until');
    await expect(retention.getByRole('checkbox', { name: 'Bypass governance retention' })).not.toBeChecked();
    await retention.getByRole('button', { name: 'Cancel' }).click();
    expect((await client.send(new GetObjectRetentionCommand({ Bucket: bucket, Key: 'contract ü.pdf' }))).Retention?.Mode).toBe('GOVERNANCE');

    const hold = lock.getByRole('switch', { name: 'Legal hold' });
    await expect(hold).toHaveAttribute('aria-checked', 'false');
    await hold.click();
    await expect(hold).toHaveAttribute('aria-checked', 'true');
    await expect(lock).toContainText('Legal hold is on: this version may not be deleted or overwritten');
    expect((await client.send(new GetObjectLegalHoldCommand({ Bucket: bucket, Key: 'contract ü.pdf' }))).LegalHold?.Status).toBe('ON');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await lock.screenshot({ path: testInfo.outputPath(`version-lock-${scheme}.png`) });
    }
    await hold.click();
    await expect(hold).toHaveAttribute('aria-checked', 'false');
    expect((await client.send(new GetObjectLegalHoldCommand({ Bucket: bucket, Key: 'contract ü.pdf' }))).LegalHold?.Status).toBe('OFF');
  } finally {
    await removeLockedBucket(client, bucket);
  }
});

test('an object in a bucket without Object Lock says it cannot be locked', async ({ app, page, gateway }) => {
  const bucket = `pail-e2e-nolock-${randomBytes(3).toString('hex')}`;
  const client = gatewayClient(gateway);
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  try {
    await saveGatewayProfile(app, gateway, { name: 'Gateway' });
    await page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: bucket, exact: true }).click();
    const inspector = page.getByRole('region', { name: 'Inspector' });
    const bucketLock = inspector.getByRole('region', { name: 'Object Lock' });
    await bucketLock.getByRole('button', { name: 'Object Lock', exact: true }).click();
    await expect(bucketLock).toContainText('Object Lock is off. A bucket gets it only when it is created');
    await expect(bucketLock.getByRole('button', { name: 'Edit default retention…' })).toHaveCount(0);
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'free.txt', Body: 'x' }));
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await page.getByRole('table', { name: 'Objects' }).getByRole('row', { name: 'free.txt', exact: true }).click();
    await expect(inspector.getByRole('heading', { name: 'free.txt' })).toBeVisible();
    const lock = inspector.getByRole('region', { name: 'Object Lock' });
    await lock.getByRole('button', { name: 'Object Lock', exact: true }).click();
    await expect(lock).toContainText('This bucket was not created with Object Lock: its objects cannot be locked.');
  } finally {
    await removeLockedBucket(client, bucket);
  }
});
