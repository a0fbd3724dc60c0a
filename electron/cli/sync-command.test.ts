import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { runCliOn } from '../test-support/cli-io';
import { addGatewayProfile, bodyOf, freshServices, keysUnder, testBuckets } from '../test-support/gateway';

const cli = runCliOn;

async function writeAt(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

describe('pail sync', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let dir: string;
  const buckets = testBuckets();

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    await addGatewayProfile(services, 'gw');
    dir = await mkdtemp(join(tmpdir(), 'pail-cli-sync-'));
  });
  afterAll(async () => {
    await buckets.cleanup();
    await dispose?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the differences with --dry-run, sends them, then finds nothing to send; --delete and --exclude', async () => {
    const bucket = await buckets.make('cli-sync');
    const local = join(dir, 'site');
    await writeAt(join(local, 'index.html'), '<p>hi</p>');
    await writeAt(join(local, 'css/site.css'), 'body{}');
    await writeAt(join(local, 'tmp/cache.bin'), 'cache');
    const target = `gw:${bucket}/www/`;

    const dry = await cli(services, ['sync', local, target, '--exclude', 'tmp/', '--dry-run']);
    expect(dry).toMatchObject({ code: 0, err: '' });
    expect(dry.out).toBe(
      'new         css/site.css\nnew         index.html\n2 new files, 0 changed, 0 only in the bucket, 0 the same.\nWould: Uploads 2 files.\nNothing was changed (--dry-run).\n',
    );
    expect(await keysUnder(bucket)).toEqual([]);

    const sent = await cli(services, ['sync', local, target, '--exclude', 'tmp/', '--cache-control', 'max-age=60']);
    expect(sent).toMatchObject({ code: 0, out: 'Uploaded 2 files.\n' });
    expect(await keysUnder(bucket)).toEqual(['www/css/site.css', 'www/index.html']);
    expect(await cli(services, ['sync', local, target, '--exclude', 'tmp/'])).toMatchObject({ code: 0, out: 'Nothing to send: the bucket is up to date.\n' });

    await rm(join(local, 'css'), { recursive: true });
    const deleted = await cli(services, ['sync', local, target, '--exclude', 'tmp/', '--delete']);
    expect(deleted).toMatchObject({ code: 0, out: 'Deleted 1 object only on the target.\n' });
    expect(await keysUnder(bucket)).toEqual(['www/index.html']);
  });

  it('downloads a prefix into a folder, and by --checksum finds a same-size file with other bytes', async () => {
    const bucket = await buckets.make('cli-sync-down');
    const local = join(dir, 'down');
    await writeAt(join(local, 'seed.txt'), 'seed');
    await cli(services, ['sync', local, `gw:${bucket}/data/`]);
    const back = join(dir, 'back');
    expect(await cli(services, ['sync', `gw:${bucket}/data/`, back])).toMatchObject({ code: 0, out: 'Downloaded 1 file.\n' });
    expect(await readFile(join(back, 'seed.txt'), 'utf8')).toBe('seed');
    await writeFile(join(back, 'seed.txt'), 'SEED');
    expect((await cli(services, ['sync', `gw:${bucket}/data/`, back, '--dry-run'])).out).toContain('0 changed');
    const bySum = await cli(services, ['sync', `gw:${bucket}/data/`, back, '--checksum', '--dry-run']);
    expect(bySum.out).toContain('changed     seed.txt  (the content differs (MD5))\n');
    await cli(services, ['sync', `gw:${bucket}/data/`, back, '--checksum']);
    expect(await readFile(join(back, 'seed.txt'), 'utf8')).toBe(await bodyOf(bucket, 'data/seed.txt'));
  });

  it('refuses two local or two remote sides, and upload options on a download', async () => {
    expect((await cli(services, ['sync', dir, dir])).err).toContain('One side of pail sync is a local folder and the other is PROFILE:BUCKET/PREFIX/.');
    expect((await cli(services, ['sync', 'gw:b/x/', dir, '--acl', 'private'])).err).toContain(
      'Upload options (--acl, --sse, …) are for syncing up to a bucket.',
    );
  });
});
