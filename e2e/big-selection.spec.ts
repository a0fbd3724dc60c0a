import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { expect, gatewayClient, test } from './fixtures';
import { openActivity } from './activity-steps';
import { saveGatewayProfile } from './profile-steps';

// 1,200 keys of ~1 KB: the selection's request (~1.2 MB) is over the web transport's 1 MiB per request.
// The size of the request is the point; 30,000 short keys would only make the test slow (~250 PUTs/s here).
const COUNT = 1_200;
const keyOf = (i: number) => `${String(i).padStart(4, '0')}-${'k'.repeat(990)}`;

test('deleting a selection whose request is bigger than one request may carry is one delete, with one progress', async ({ page, gateway, app }) => {
  const client = gatewayClient(gateway);
  const bucket = `pail-e2e-big-${randomBytes(3).toString('hex')}`;
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  try {
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < COUNT) {
          const key = keyOf(next++);
          await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'x' }));
        }
      }),
    );
    const deletes: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path === '/api/s3:deleteEntries' || path.startsWith('/stage/')) deletes.push(path);
    });
    await saveGatewayProfile(app, gateway);
    await page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: bucket, exact: true }).click();
    const table = page.getByRole('table', { name: 'Objects' });
    await expect(page.getByRole('status').filter({ hasText: '1,200 objects' }).first()).toBeVisible({ timeout: 30_000 });
    // A filter that every key matches: Select all then names each key (with no filter it would be the whole
    // folder, deleted as the folder: big-folder.spec.ts), so the request is the size this test is about.
    await page.getByRole('searchbox', { name: 'Filter this folder' }).fill('-k');
    await table.getByRole('rowgroup').last().getByRole('row').first().click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Delete');
    const question = page.getByRole('alertdialog', { name: /^Delete 1,200 objects/ });
    await expect(question).toBeVisible();
    await question.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(question).toBeHidden();

    const jobs = (await openActivity(page)).getByRole('listitem');
    await expect(jobs).toHaveCount(1);
    await expect(jobs.first()).toContainText(`Deleting 1,200 objects in ${bucket}`);
    await expect(jobs.first()).toContainText('Deleted 1,200 objects.', { timeout: 30_000 });
    expect((await client.send(new ListObjectsV2Command({ Bucket: bucket }))).KeyCount).toBe(0);
    // In web mode the request went in pieces, then once as itself.
    if (app.transport === 'web') {
      expect(deletes.filter((p) => p.startsWith('/stage/')).length).toBeGreaterThanOrEqual(2);
      expect(deletes.filter((p) => p === '/api/s3:deleteEntries')).toHaveLength(1);
    }
  } finally {
    let token: string | undefined;
    do {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
      if (listed.Contents?.length)
        await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: listed.Contents.map((c) => ({ Key: c.Key! })), Quiet: true } }));
      token = listed.NextContinuationToken;
    } while (token);
    await client.send(new DeleteBucketCommand({ Bucket: bucket }));
  }
});
