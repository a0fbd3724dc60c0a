import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { awsBucketEncryption, startFaultProxy } from '../electron/test-support/fault-proxy';
import { expect, gatewayClient, seedBucket, test } from './fixtures';
import { openBucket } from './profile-steps';
import { dropFiles, uploadSheet } from './upload-steps';

const bucketName = (label: string) => `pail-e2e-${label}-${randomBytes(3).toString('hex')}`;
const table = (page: Page) => page.getByRole('table', { name: 'Objects' });
const encryptionSection = (page: Page) => page.getByRole('region', { name: 'Inspector' }).getByRole('region', { name: 'Default encryption' });

test('default encryption: a server without it says so; with AWS’s answers replayed, SSE-KMS with a key is set, said in words first', async ({
  app,
  page,
  gateway,
}, testInfo) => {
  const bucket = bucketName('sse');
  const cleanup = await seedBucket(gateway, bucket, ['readme.txt']);
  const proxy = await startFaultProxy({ target: gateway.endpoint, rules: [awsBucketEncryption('sse-s3')] });
  try {
    // The gateway (Ceph 16) has no bucket encryption: a plain line, not a red error.
    await openBucket(app, gateway, bucket, { name: 'Gateway' });
    const section = encryptionSection(page);
    await section.getByRole('button', { name: 'Default encryption', exact: true }).click();
    await expect(section.getByText('This provider does not support default bucket encryption (it answered NotImplemented).')).toBeVisible();
    await expect(section.getByRole('button', { name: 'Change…' })).toHaveCount(0);

    // The same bucket through a proxy answering as AWS does.
    await openBucket(app, gateway, bucket, { name: 'AWS-like', endpoint: proxy.endpoint });
    await expect(section.getByText('New objects are encrypted at rest with SSE-S3: the provider holds and manages the keys.')).toBeVisible();
    await section.getByRole('button', { name: 'Change…' }).click();
    const choice = section.getByRole('group', { name: `Default encryption of ${bucket}` });
    await choice.getByRole('radio', { name: 'SSE-KMS', exact: true }).check();
    await choice.getByRole('textbox', { name: 'KMS key' }).fill('alias/my key');
    await expect(section.getByRole('button', { name: 'Save encryption' })).toBeDisabled();
    await expect(choice.getByRole('textbox', { name: 'KMS key' })).toHaveAccessibleDescription(
      /A KMS key id is a key id, ARN or alias\/NAME, without spaces\./,
    );
    await choice.getByRole('textbox', { name: 'KMS key' }).fill('alias/uploads');
    await choice.getByRole('checkbox', { name: 'Use a bucket key' }).check();
    await expect(section.getByRole('status')).toHaveText(
      'Saving sets the default: SSE-KMS with key alias/uploads and a bucket key. Objects already stored keep the encryption they have.',
    );
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await section.screenshot({ path: testInfo.outputPath(`default-encryption-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await section.getByRole('button', { name: 'Save encryption' }).click();
    await expect(
      section.getByText(
        'New objects are encrypted at rest with SSE-KMS, with key alias/uploads. A bucket key is used, so KMS is called (and billed) far less often.',
      ),
    ).toBeVisible();
    expect(proxy.log.filter((entry) => entry.method === 'PUT' && entry.url.includes('encryption'))).toHaveLength(1);
  } finally {
    await proxy.close();
    await cleanup();
  }
});

test('the upload sheet asks for SSE-KMS over HTTPS: the object is stored under the key, and the inspector says so; SSE-S3 the server does not confirm is noted', async ({
  app,
  page,
  gateway,
}, testInfo) => {
  const bucket = bucketName('sse-up');
  const cleanup = await seedBucket(gateway, bucket, ['readme.txt']);
  try {
    await openBucket(app, gateway, bucket, { name: 'Gateway TLS', endpoint: gateway.httpsEndpoint, caBundle: readFileSync(gateway.caBundle, 'utf8') });
    await dropFiles(table(page), [{ name: 'sealed.txt', text: 'for your eyes only' }]);
    const sheet = uploadSheet(page);
    const encryption = sheet.getByRole('group', { name: 'Encryption at rest' });
    await expect(encryption.getByRole('radio', { name: 'None asked' })).toBeChecked();
    await encryption.getByRole('radio', { name: 'SSE-KMS' }).check();
    await encryption.getByRole('textbox', { name: 'KMS key' }).fill(gateway.kmsKeyId);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await encryption.screenshot({ path: testInfo.outputPath(`upload-encryption-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await sheet.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(sheet).toBeHidden();
    const transfers = page.getByRole('region', { name: 'Transfers' });
    await expect(transfers.getByRole('listitem', { name: 'sealed.txt', exact: true })).toContainText('Done', { timeout: 30_000 });
    const head = await gatewayClient(gateway, 0, { tls: true }).send(new HeadObjectCommand({ Bucket: bucket, Key: 'sealed.txt' }));
    expect(head).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: gateway.kmsKeyId });
    await table(page).getByRole('row', { name: 'sealed.txt', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Inspector' }).getByText(`SSE-KMS: encrypted with key ${gateway.kmsKeyId}.`)).toBeVisible();

    // SSE-S3, which Ceph 16 takes without encrypting: done, with the note saying so.
    await dropFiles(table(page), [{ name: 'plain.txt', text: 'maybe not encrypted' }]);
    await sheet.getByRole('group', { name: 'Encryption at rest' }).getByRole('radio', { name: 'SSE-S3' }).check();
    await sheet.getByRole('button', { name: 'Upload', exact: true }).click();
    const noted = transfers.getByRole('listitem', { name: 'plain.txt', exact: true });
    await expect(noted).toContainText('SSE-S3 encryption was asked for, but the server did not confirm it: the object may be stored unencrypted.', {
      timeout: 30_000,
    });
  } finally {
    await cleanup();
  }
});
