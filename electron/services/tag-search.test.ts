import { PutObjectTaggingCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FolderEntry, ObjectEntry } from '../../shared/ipc/contract';
import { searchRequestSchema } from '../../shared/search';
import type { AppServices } from '../app-services';
import { startFaultProxy, type FaultProxy } from '../test-support/fault-proxy';
import { addGatewayProfile, createTestBucket, freshServices, gateway, putObjects, rawClient } from '../test-support/gateway';
import { JobRunner } from './job-runner';
import { CachedS3ClientProvider } from './s3-client-factory';
import { SearchService } from './search-service';

// Odd keys on purpose: the tag read is a GET on the key's own URL with ?tagging.
const WEB_1 = 'site/año +%#?.html';
const WEB_2 = 'site/deep/app.js';
const OPS = 'site/deploy.sh';
const UNTAGGED = 'site/readme.txt';
const OUTSIDE = 'other/web.html';

describe('search by tag below a folder, on the gateway', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let clients: CachedS3ClientProvider;
  let proxy: FaultProxy | undefined;

  const tag = (key: string, tags: Record<string, string>) =>
    rawClient().send(
      new PutObjectTaggingCommand({ Bucket: bucket.name, Key: key, Tagging: { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) } }),
    );

  /** Runs a search to its end: what it found (keys and folder prefixes, sorted), its outcome and its progress lines. */
  async function search(request: Record<string, unknown>, onProfile = profileId) {
    const found: (FolderEntry | ObjectEntry)[] = [];
    const phases: string[] = [];
    const jobs = new JobRunner({ progress: (progress) => progress.phase && phases.push(progress.phase), finished: () => undefined });
    const service = new SearchService(clients, jobs, () => (_id, entries) => found.push(...entries));
    const parsed = searchRequestSchema.parse({ profileId: onProfile, bucket: bucket.name, prefix: 'site/', ...request });
    const outcome = await service.startSearch(parsed).finished;
    return { keys: found.map((entry) => (entry.kind === 'folder' ? entry.prefix : entry.key)).sort(), outcome, phases };
  }

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    clients = new CachedS3ClientProvider(services.profiles);
    bucket = await createTestBucket('tag-search');
    await putObjects(bucket.name, [WEB_1, WEB_2, OPS, UNTAGGED, OUTSIDE, 'site/web/']);
    await tag(WEB_1, { team: 'web', tier: 'hot' });
    await tag(WEB_2, { team: 'web' });
    await tag(OPS, { team: 'ops', 'cost center': 'a b' });
    await tag(OUTSIDE, { team: 'web' });
  });
  afterAll(async () => {
    await proxy?.close();
    await bucket?.cleanup();
    await dispose?.();
  });

  it('finds the objects below the folder carrying a tag with a value, and only them', async () => {
    const { keys, outcome } = await search({ tag: { key: 'team', value: 'web' } });
    expect(keys).toEqual([WEB_2, WEB_1].sort());
    expect(outcome).toMatchObject({ status: 'succeeded', summary: 'Found 2 matches in 5 objects.' });
  });

  it('finds a tag with any value, a name with spaces, and a name and tag together; folders never match a tag', async () => {
    expect((await search({ tag: { key: 'team' } })).keys).toEqual([OPS, WEB_2, WEB_1].sort());
    expect((await search({ tag: { key: 'cost center', value: 'a b' } })).keys).toEqual([OPS]);
    // "web" as a name alone finds the folder site/web/ too; with a tag only objects are candidates.
    expect((await search({ query: 'web' })).keys).toEqual(['site/web/']);
    expect((await search({ query: 'APP', tag: { key: 'team', value: 'web' } })).keys).toEqual([WEB_2]);
    expect((await search({ tag: { key: 'team', value: 'WEB' } })).keys).toEqual([]);
  });

  it('says how far the tag reads have come', async () => {
    const { phases } = await search({ tag: { key: 'tier' } });
    expect(phases.at(-1)).toBe('4 of 5 objects checked for the tag');
  });

  describe('through a proxy that answers for the server', () => {
    let proxied: string;
    beforeAll(async () => {
      proxy = await startFaultProxy({ target: gateway().plainEndpoint });
      proxied = (await addGatewayProfile(services, 'proxied', 0, { endpoint: proxy.endpoint })).id;
    });

    it('names the objects whose tags it could not read, and still shows the matches it could read', async () => {
      proxy!.setRules([
        {
          name: 'denied',
          when: (req) => req.query.has('tagging') && req.path.endsWith('/app.js'),
          respond: { status: 403, body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>' },
        },
      ]);
      const { keys, outcome } = await search({ tag: { key: 'team', value: 'web' } }, proxied);
      expect(keys).toEqual([WEB_1]);
      expect(outcome.status).toBe('succeeded');
      expect(outcome.summary).toMatch(
        /^Found 1 match in 5 objects\. The tags of 1 object could not be read, so they may be missing from the results \(site\/deep\/app\.js: /,
      );
    });

    it('fails with the server’s own words when it has no object tagging, instead of reporting no matches', async () => {
      proxy!.setRules([
        {
          name: 'noTagging',
          when: (req) => req.query.has('tagging'),
          respond: {
            status: 501,
            body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NotImplemented</Code><Message>GetObjectTagging not implemented</Message></Error>',
          },
        },
      ]);
      const { keys, outcome } = await search({ tag: { key: 'team' } }, proxied);
      expect(keys).toEqual([]);
      expect(outcome.status).toBe('failed');
      expect(outcome.error?.code).toBe('NotImplemented');
      // It stopped at the first refusal: not one GET per object.
      expect(proxy!.log.filter((entry) => entry.answeredBy === 'noTagging').length).toBeLessThanOrEqual(8);
    });

    it('fails when no object’s tags could be read at all', async () => {
      proxy!.setRules([
        {
          name: 'allDenied',
          when: (req) => req.query.has('tagging'),
          respond: { status: 403, body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>' },
        },
      ]);
      const { outcome } = await search({ tag: { key: 'team' } }, proxied);
      expect(outcome).toMatchObject({ status: 'failed', error: { code: 'AccessDenied' } });
    });
  });
});
