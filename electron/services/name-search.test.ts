import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FolderEntry, ObjectEntry } from '../../shared/ipc/contract';
import { searchRequestSchema } from '../../shared/search';
import type { AppServices } from '../app-services';
import { addGatewayProfile, createTestBucket, freshServices, putObjects } from '../test-support/gateway';
import { JobRunner } from './job-runner';
import { CachedS3ClientProvider } from './s3-client-factory';
import { SearchService } from './search-service';

/**
 * Search by name below a folder: objects and folders whose own name matches, each once, streamed in batches.
 * Folders are found from the keys below them (most folders have no marker), keys arriving in order.
 */
describe('search by name below a folder, on the gateway', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let clients: CachedS3ClientProvider;

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    clients = new CachedS3ClientProvider(services.profiles);
    bucket = await createTestBucket('name-search');
    const keys = [
      // A matching folder with many keys below it, its own marker, a subfolder and a sibling whose name starts alike.
      ...Array.from({ length: 1200 }, (_, i) => `top/Cats/${String(i).padStart(4, '0')}.jpg`),
      'top/Cats/',
      'top/Cats/kittens/cat.png',
      'top/Cats-old/x',
      // The same folder name again, deeper: another folder, found once as well.
      'top/z/cats/y',
      'top/other/readme.txt',
      'elsewhere/cats/no.txt',
    ];
    await putObjects(bucket.name, keys, () => '', 64);
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('finds each matching folder once and every matching object, past one listing page', async () => {
    const found: (FolderEntry | ObjectEntry)[] = [];
    const batches: number[] = [];
    const jobs = new JobRunner({ progress: () => undefined, finished: () => undefined });
    const service = new SearchService(clients, jobs, () => (_id, entries) => {
      batches.push(entries.length);
      found.push(...entries);
    });
    const outcome = await service.startSearch(searchRequestSchema.parse({ profileId, bucket: bucket.name, prefix: 'top/', query: 'CAT' })).finished;

    const folders = found.filter((entry) => entry.kind === 'folder').map((entry) => entry.prefix);
    const objects = found.filter((entry) => entry.kind === 'object').map((entry) => entry.key);
    expect(folders.sort()).toEqual(['top/Cats-old/', 'top/Cats/', 'top/z/cats/']);
    expect(objects).toEqual(['top/Cats/kittens/cat.png']);
    expect(outcome).toMatchObject({ status: 'succeeded', summary: 'Found 4 matches in 1,205 objects.' });
    // Streamed as the pages came: never one answer holding everything.
    expect(batches.length).toBeGreaterThan(1);
  });
});
