import { randomBytes } from 'node:crypto';
import { GetPublicAccessBlockCommand } from '@aws-sdk/client-s3';
import { expect, gatewayClient, seedBucket, test } from './fixtures';
import { openBucket } from './profile-steps';
import { acceptUploadSheet, dropFiles } from './upload-steps';

test('Block Public Access: a switch turned on in the bucket inspector keeps the Public switch off, saying why; turned off, it works again', async ({
  app,
  page,
  gateway,
}, testInfo) => {
  const bucket = `pail-e2e-pab-${randomBytes(3).toString('hex')}`;
  const cleanup = await seedBucket(gateway, bucket, ['doc.txt']);
  const client = gatewayClient(gateway);
  try {
    await openBucket(app, gateway, bucket, { name: 'Gateway' });
    const inspector = page.getByRole('region', { name: 'Inspector' });
    const table = page.getByRole('table', { name: 'Objects' });
    const section = inspector.getByRole('region', { name: 'Block Public Access' });
    await section.getByRole('button', { name: 'Block Public Access', exact: true }).click();
    await expect(section).toContainText('Block Public Access is off: ACLs and policies may make this bucket’s objects public.');
    await section.getByRole('checkbox', { name: 'Block public ACLs' }).check();
    await section.getByRole('checkbox', { name: 'Block public policies' }).check();
    await expect(section.getByRole('status')).toHaveText('Saving turns on block public ACLs, block public policies.');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await section.screenshot({ path: testInfo.outputPath(`public-access-${scheme}.png`) });
    }
    await section.getByRole('button', { name: 'Save Block Public Access' }).click();
    await expect(section.getByRole('button', { name: 'Save Block Public Access' })).toBeHidden();
    await expect(section).toContainText(
      'Block Public Access: new public ACLs (Public, public-read uploads) are refused (Ceph-based storage refuses every upload); a bucket policy that opens',
    );
    expect((await client.send(new GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: false,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: false,
    });

    await table.getByRole('row', { name: 'doc.txt', exact: true }).click();
    const publicSwitch = inspector.getByRole('switch', { name: 'Public' });
    await expect(publicSwitch).toHaveAttribute('aria-disabled', 'true');
    await expect(publicSwitch).toHaveAccessibleDescription(/Block Public Access refuses public ACLs in this bucket \("Block public ACLs"\)/);

    // An upload meanwhile: Ceph refuses even a private one while "Block public ACLs" is on, and the panel says why.
    await dropFiles(table, [{ name: 'new.txt', text: 'hello' }]);
    await acceptUploadSheet(page);
    const transfers = page.getByRole('region', { name: 'Transfers' });
    const refused = transfers.getByRole('listitem', { name: 'new.txt', exact: true });
    await expect(refused).toContainText('Failed', { timeout: 30_000 });
    await expect(refused).toContainText(`${bucket} refused the upload: its Block Public Access is on (uploading new.txt).`);
    await expect(refused).toContainText('This bucket’s Block Public Access has “Block public ACLs” on');
    await expect(refused).not.toContainText('these credentials are not allowed');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await transfers.screenshot({ path: testInfo.outputPath(`upload-refused-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // Nothing selected: the inspector shows the bucket again.
    await page.keyboard.press('Escape');
    await expect(inspector.getByRole('heading', { name: 'doc.txt' })).toBeHidden();
    await section.getByRole('checkbox', { name: 'Block public ACLs' }).uncheck();
    await expect(section.getByRole('status')).toHaveText('Saving turns off block public ACLs.');
    await section.getByRole('button', { name: 'Save Block Public Access' }).click();
    await expect(section).toContainText('Block Public Access: a bucket policy that opens the bucket to anyone is refused.');
    await table.getByRole('row', { name: 'doc.txt', exact: true }).click();
    await expect(publicSwitch).not.toHaveAttribute('aria-disabled', 'true');
  } finally {
    await cleanup();
  }
});
