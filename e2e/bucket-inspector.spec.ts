import { randomBytes } from 'node:crypto';
import { CreateMultipartUploadCommand, ListMultipartUploadsCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { expect, gatewayClient, seedBucket, test, type GatewayInfo } from './fixtures';
import { openBucket } from './profile-steps';

const MiB = 1024 * 1024;

/** Starts a multipart upload on the gateway and sends parts of these sizes; answers its id. */
async function startUpload(gateway: GatewayInfo, bucket: string, key: string, partSizes: number[]): Promise<string> {
  const client = gatewayClient(gateway);
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  for (const [i, size] of partSizes.entries())
    await client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: i + 1, Body: Buffer.alloc(size, 1), ContentLength: size }));
  return UploadId!;
}

/** The upload ids the server still holds for the bucket. */
async function serverUploads(gateway: GatewayInfo, bucket: string): Promise<string[]> {
  const listed = await gatewayClient(gateway).send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  return (listed.Uploads ?? []).map((upload) => upload.UploadId!);
}

test('the bucket inspector lists unfinished uploads with the space they hold; one, then all, are aborted after a preview', async ({
  page,
  gateway,
}, testInfo) => {
  const bucket = `pail-e2e-unfinished-${randomBytes(3).toString('hex')}`;
  const cleanup = await seedBucket(gateway, bucket, ['done.txt']);
  try {
    const big = await startUpload(gateway, bucket, 'videos/holiday.mov', [MiB, MiB / 2]);
    const small = await startUpload(gateway, bucket, 'notes +%#?.txt', [MiB]);
    await openBucket(page, gateway, bucket, { name: 'Gateway' });

    // Nothing inspected: the inspector shows the bucket, and what its unfinished uploads hold.
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await expect(inspector.getByRole('heading', { name: bucket, exact: true })).toBeVisible();
    const section = inspector.getByRole('region', { name: 'Unfinished uploads' });
    await expect(section.getByRole('status').first()).toHaveText(
      '2 unfinished uploads hold 2.5 MiB in 3 parts. Their parts are billed like objects but show in no listing, until the uploads are completed or aborted.',
    );
    const list = section.getByRole('list', { name: `Unfinished uploads in ${bucket}` });
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expect(list.getByRole('listitem').filter({ hasText: 'videos/holiday.mov' })).toContainText(/Started (now|\d+ seconds? ago)\s*2 parts\s*1\.5 MiB/);
    await page.emulateMedia({ colorScheme: 'light' });
    await inspector.screenshot({ path: testInfo.outputPath('unfinished-uploads-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await inspector.screenshot({ path: testInfo.outputPath('unfinished-uploads-dark.png') });

    // Nothing chosen: nothing to abort.
    const abortChosen = section.getByRole('button', { name: /^Abort (chosen|1 upload)…$/ });
    await expect(abortChosen).toHaveAttribute('aria-disabled', 'true');
    await section.getByRole('checkbox', { name: /^Choose the upload of notes \+%#\?\.txt, started / }).check();
    await section.getByRole('button', { name: 'Abort 1 upload…', exact: true }).click();

    // The preview says what goes; Cancel changes nothing.
    const ask = page.getByRole('alertdialog', { name: 'Abort this unfinished upload?' });
    await expect(ask).toContainText(
      `1 unfinished upload holds 1 MiB in 1 part in ${bucket}. Aborting deletes those parts and frees the space; the upload can then neither be completed nor resumed.`,
    );
    await expect(ask.getByRole('listitem')).toHaveText(['notes +%#?.txt']);
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect(ask).toBeHidden();
    expect((await serverUploads(gateway, bucket)).sort()).toEqual([big, small].sort());

    await section.getByRole('button', { name: 'Abort 1 upload…', exact: true }).click();
    await ask.getByRole('button', { name: 'Abort upload', exact: true }).click();
    await expect(section.getByRole('status').last()).toHaveText('Aborted the unfinished upload of notes +%#?.txt.');
    await expect(list.getByRole('listitem')).toHaveCount(1);
    expect(await serverUploads(gateway, bucket)).toEqual([big]);

    await section.getByRole('button', { name: 'Abort all…', exact: true }).click();
    const askAll = page.getByRole('alertdialog', { name: 'Abort this unfinished upload?' });
    await expect(askAll).toContainText('1 unfinished upload holds 1.5 MiB in 2 parts');
    await askAll.getByRole('button', { name: 'Abort upload', exact: true }).click();
    await expect(section.getByRole('status').first()).toHaveText('No unfinished uploads.');
    expect(await serverUploads(gateway, bucket)).toEqual([]);
  } finally {
    await cleanup();
  }
});
