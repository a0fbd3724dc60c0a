import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ProfileService } from '../electron/services/profile-service';
import { openSecretStores } from '../electron/services/secret-store';
import { BatchJournals } from '../electron/services/transfers/state/batch-journal';
import { expect, gatewayClient, seedBucket, startWebMode, test } from './fixtures';

/**
 * A folder upload that Pail was closed in the middle of: its journal (written
 * here as a run leaves it, 21 of 50 files done) comes back at the next start
 * as one paused batch that says so; Resume all sends only the other 29.
 */
test('a folder upload stopped by a restart comes back paused, says so, and Resume all sends only what was not done', async ({ browser, gateway }) => {
  const home = mkdtempSync(join(tmpdir(), 'pail-e2e-restart-'));
  const bucket = `pail-e2e-wtjournal-${randomBytes(3).toString('hex')}`;
  const cleanup = await seedBucket(gateway, bucket, []);
  const source = join(home, 'album');
  mkdirSync(source);
  const names = Array.from({ length: 50 }, (_, i) => `f${String(i).padStart(3, '0')}.txt`);
  for (const name of names) writeFileSync(join(source, name), `text of ${name}`);
  let server: Awaited<ReturnType<typeof startWebMode>> | undefined;
  try {
    const profiles = new ProfileService(home, await openSecretStores(home, { PAIL_SECRET_STORE: 'file' }));
    const profile = await profiles.create({
      name: 'Local Ceph',
      endpoint: gateway.endpoint,
      region: gateway.region,
      accessKeyId: gateway.users[0].accessKeyId,
      secretAccessKey: gateway.users[0].secretAccessKey,
    });
    const title = 'Uploading “album” to restart/';
    const journal = await new BatchJournals(home).create({
      id: randomUUID(),
      profileId: profile.id,
      bucket,
      title,
      conflict: 'overwrite',
      createdAt: new Date().toISOString(),
      request: { kind: 'upload', sources: [{ path: source }], prefix: 'restart/', options: {} },
    });
    const entries = names.map((name) => journal.issue([0, name]));
    for (const entry of entries.slice(0, 21)) journal.settle(entry, 'done', 16);
    await journal.close();
    // Left by a process that is gone (this one is alive: its journal would not be taken over).
    const gone = spawnSync(process.execPath, ['-e', '']);
    const headerPath = join(journal.dir, 'header.json');
    writeFileSync(headerPath, JSON.stringify({ ...JSON.parse(readFileSync(headerPath, 'utf8')), ownerPid: gone.pid }));

    server = await startWebMode(home, {});
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    const panel = page.getByRole('region', { name: 'Transfers' });
    const toggle = panel.getByRole('button', { name: /^Transfers/ });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const batch = panel.getByRole('listitem', { name: title });
    await expect(batch).toContainText('21 of 21 files found so far done · paused · the rest is found when resumed');
    await expect(batch).toContainText('Pail was closed before it ended: it goes on from the files already done');
    await expect(batch.getByRole('button', { name: `Cancel all in ${title}`, exact: true })).toBeVisible();
    await expect(batch.getByRole('button', { name: `Pause all in ${title}`, exact: true })).toHaveCount(0);
    await batch.getByRole('button', { name: `Resume all in ${title}`, exact: true }).click();
    await expect(batch).toContainText(/Finished: 50 files/, { timeout: 60_000 });

    const listed = await gatewayClient(gateway).send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'restart/' }));
    expect((listed.Contents ?? []).map((c) => c.Key)).toEqual(names.slice(21).map((name) => `restart/album/${name}`));
    await context.close();
  } finally {
    server?.child.kill('SIGTERM');
    await cleanup();
    rmSync(home, { recursive: true, force: true });
  }
});
