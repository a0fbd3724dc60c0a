import { randomBytes } from 'node:crypto';
import { startTcpFaultProxy, type TcpFaultProxy } from '../electron/test-support/tcp-fault-proxy';
import { expect, seedBucket, test } from './fixtures';
import { saveGatewayProfile } from './profile-steps';

let proxy: TcpFaultProxy | undefined;
test.afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

test('a listing the server does not answer: the notice counts the wait, Retry sends it again, Cancel stops it, List again lists', async ({
  app,
  page,
  gateway,
}) => {
  const bucket = `pail-e2e-silent-${randomBytes(3).toString('hex')}`;
  const cleanup = await seedBucket(gateway, bucket, ['hello.txt']);
  proxy = await startTcpFaultProxy({ target: gateway.endpoint });
  try {
    await saveGatewayProfile(app, gateway, { name: 'Flaky', endpoint: proxy.endpoint });
    await expect(page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: bucket })).toBeVisible();

    // From now on the server accepts connections and never answers.
    proxy.setFaults([{ direction: 'up', afterBytes: 0, action: 'stall', times: 1_000 }]);
    proxy.dropConnections();
    await page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: bucket }).click();
    const notice = page.getByRole('region', { name: 'Waiting for the server' });
    await expect(notice).toBeHidden();
    // Opening a bucket asks several things at once (its listing, versioning, access): the listing is named, the others counted.
    await expect(notice).toContainText(new RegExp(`Listing ${bucket}/ \\(and \\d other requests?\\) — the server has not answered for 5 s\\.`), {
      timeout: 8_000,
    });
    await expect(notice).toContainText('for 6 s.', { timeout: 3_000 });
    await expect(page.getByRole('status').filter({ hasText: 'the server is not answering' })).toHaveText(`Listing ${bucket}/: the server is not answering.`);

    await notice.getByRole('button', { name: 'Retry' }).click();
    await expect(notice).toBeHidden();
    await expect(notice).toContainText('has not answered for 5 s.', { timeout: 8_000 });

    await notice.getByRole('button', { name: 'Cancel' }).click();
    await expect(notice).toBeHidden();
    const problem = page.getByRole('alert').filter({ hasText: 'Listing cancelled' });
    await expect(problem).toBeVisible();

    proxy.setFaults([]);
    proxy.dropConnections();
    await problem.getByRole('button', { name: 'List again' }).click();
    await expect(page.getByRole('table', { name: 'Objects' }).getByRole('row', { name: 'hello.txt' })).toBeVisible();
    await expect(notice).toBeHidden();
  } finally {
    await cleanup();
  }
});
