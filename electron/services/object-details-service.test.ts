import { DeleteObjectCommand, GetObjectAclCommand, PutObjectAclCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FolderEntry, ObjectEntry } from '../../shared/ipc/contract';
import type { AppServices } from '../app-services';
import { addGatewayProfile, createTestBucket, freshServices, putObjects, rawClient } from '../test-support/gateway';
import { JobRunner } from './job-runner';
import { ObjectDetailsService } from './object-details-service';
import { ObjectStreams } from './object-streams';
import { CachedS3ClientProvider } from './s3-client-factory';
import { SearchService } from './search-service';
import { VersionsService } from './versions-service';

async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream ?? []) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('object details, previews, search and versions on the gateway', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let clients: CachedS3ClientProvider;
  const key = 'docs/report ü+#?.json';

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    bucket = await createTestBucket('details');
    clients = new CachedS3ClientProvider(services.profiles);
    await rawClient().send(
      new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: '{"a":1}', ContentType: 'application/json', Metadata: { team: 'ops' } }),
    );
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
  });

  it('shows size, ETag, storage class, Content-Type and metadata', async () => {
    const details = await new ObjectDetailsService(clients).details({ profileId, bucket: bucket.name, key });
    expect(details).toMatchObject({ key, size: 7, storageClass: 'STANDARD', contentType: 'application/json', metadata: { team: 'ops' } });
    expect(details.etag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it('edits headers and metadata in place and keeps the object public', async () => {
    await rawClient().send(new PutObjectAclCommand({ Bucket: bucket.name, Key: key, ACL: 'public-read' }));
    const updated = await new ObjectDetailsService(clients).updateMetadata({
      profileId,
      bucket: bucket.name,
      key,
      edit: {
        contentType: 'text/plain; charset=utf-8',
        cacheControl: 'max-age=60',
        contentDisposition: 'attachment; filename="r.json"',
        metadata: { team: 'web', 'review-by': 'friday' },
      },
    });
    expect(updated).toMatchObject({
      contentType: 'text/plain; charset=utf-8',
      cacheControl: 'max-age=60',
      contentDisposition: 'attachment; filename="r.json"',
      metadata: { team: 'web', 'review-by': 'friday' },
      size: 7,
    });
    const acl = await rawClient().send(new GetObjectAclCommand({ Bucket: bucket.name, Key: key }));
    expect(acl.Grants?.some((g) => g.Grantee?.URI?.endsWith('AllUsers') && g.Permission === 'READ')).toBe(true);
  });

  it('reads only the first MiB of a big text file', async () => {
    const big = 'line of text\n'.repeat(200_000); // 2.6 MB
    await rawClient().send(new PutObjectCommand({ Bucket: bucket.name, Key: 'big.txt', Body: big, ContentType: 'text/plain' }));
    const preview = await new ObjectDetailsService(clients).readText({ profileId, bucket: bucket.name, key: 'big.txt' });
    expect(preview).toMatchObject({ truncated: true, size: big.length, contentType: 'text/plain' });
    expect(preview.text.length).toBe(1024 * 1024);
    await rawClient().send(new PutObjectCommand({ Bucket: bucket.name, Key: 'empty.txt', Body: new Uint8Array(0) }));
    expect(await new ObjectDetailsService(clients).readText({ profileId, bucket: bucket.name, key: 'empty.txt' })).toEqual({
      text: '',
      truncated: false,
      size: 0,
    });
  });

  it('streams objects through local links with Range requests, and expires them', async () => {
    let now = 1_000;
    const streams = new ObjectStreams(clients, () => now);
    const ticket = streams.issue({ profileId, bucket: bucket.name, key: 'big.txt' });
    const part = await streams.open(ticket, 'bytes=13-25');
    expect(part.status).toBe(206);
    expect(part.headers['Content-Range']).toBe('bytes 13-25/2600000');
    expect((await readAll(part.body)).toString()).toBe('line of text\n');

    const download = await streams.open(streams.issue({ profileId, bucket: bucket.name, key }, true));
    expect(download.headers['Content-Disposition']).toBe(`attachment; filename="report _+#?.json"; filename*=UTF-8''${encodeURIComponent('report ü+#?.json')}`);
    download.body?.destroy();

    now += 2 * 60 * 60 * 1000;
    expect((await streams.open(ticket)).status).toBe(404);
    expect((await streams.open('made-up')).status).toBe(404);
  });

  it('searches names recursively, streaming objects and folders, and can be cancelled', async () => {
    await putObjects(bucket.name, ['s/Alpha/report-1.txt', 's/beta/Report-2.txt', 's/beta/deep/other.txt', 's/reports/x.txt', 's/zz/unrelated.txt']);
    const found: (FolderEntry | ObjectEntry)[] = [];
    const jobs = new JobRunner({ progress: () => undefined, finished: () => undefined });
    const search = new SearchService(clients, jobs, () => (_id, entries) => found.push(...entries));
    const outcome = await search.startSearch({ profileId, bucket: bucket.name, prefix: 's/', query: 'REPORT' }).finished;
    expect(outcome.status).toBe('succeeded');
    expect(found.map((e) => (e.kind === 'folder' ? e.prefix : e.key)).sort()).toEqual(['s/Alpha/report-1.txt', 's/beta/Report-2.txt', 's/reports/']);

    const cancelled = search.startSearch({ profileId, bucket: bucket.name, prefix: '', query: 'x' });
    jobs.cancel({ jobId: cancelled.jobId });
    expect((await cancelled.finished).status).toBe('cancelled');
  });

  it('lists versions and delete markers, restores an old version and deletes one', async () => {
    const versions = new VersionsService(clients);
    expect((await versions.status({ profileId, bucket: bucket.name })).status).toBe('Off');
    expect((await versions.setStatus({ profileId, bucket: bucket.name, enabled: true })).status).toBe('Enabled');
    const client = rawClient();
    const v1 = await client.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'v/note.txt', Body: 'first' }));
    await client.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'v/note.txt', Body: 'second' }));
    await client.send(new DeleteObjectCommand({ Bucket: bucket.name, Key: 'v/note.txt' }));

    let page = await versions.list({ profileId, bucket: bucket.name, prefix: 'v/' });
    expect(page.versions.map((v) => [v.name, v.isDeleteMarker, v.isLatest])).toEqual([
      ['note.txt', true, true],
      ['note.txt', false, false],
      ['note.txt', false, false],
    ]);
    // The listing is current: the object is gone from the normal view.
    expect((await services.browse.listObjects({ profileId, bucket: bucket.name, prefix: 'v/' })).objects).toEqual([]);

    await versions.restore({ profileId, bucket: bucket.name, key: 'v/note.txt', versionId: v1.VersionId! });
    const restored = await new ObjectDetailsService(clients).readText({ profileId, bucket: bucket.name, key: 'v/note.txt' });
    expect(restored.text).toBe('first');

    await versions.deleteVersion({ profileId, bucket: bucket.name, key: 'v/note.txt', versionId: v1.VersionId! });
    page = await versions.list({ profileId, bucket: bucket.name, prefix: 'v/' });
    expect(page.versions.map((v) => v.versionId)).not.toContain(v1.VersionId);
    expect(page.versions).toHaveLength(3);
  });
});
