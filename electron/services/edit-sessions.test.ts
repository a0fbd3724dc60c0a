import { mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { addGatewayProfile, bodyOf, freshServices, rawClient, testBuckets } from '../test-support/gateway';
import { waitUntil } from '../test-support/cli-process';
import { EditSessions, type EditSessionEvent } from './edit-sessions';
import { CachedS3ClientProvider } from './s3-client-factory';

describe('an object open in an application: each save there goes back, only over the version opened', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let bucket: string;
  let root: string;
  let sessions: EditSessions;
  const events: EditSessionEvent[] = [];
  const buckets = testBuckets();
  const s3 = rawClient();

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    bucket = await buckets.make('edit-open');
    root = await mkdtemp(join(tmpdir(), 'pail-edits-'));
    sessions = new EditSessions(new CachedS3ClientProvider(services.profiles), services.textEdit, root, (event) => events.push(event), { settleMs: 100 });
  });
  afterAll(async () => {
    await sessions?.dispose();
    await rm(root, { recursive: true, force: true });
    await buckets.cleanup();
    await dispose?.();
  });

  it('downloads to a private folder, uploads a save (also one made by renaming a new file over it), and cleans up', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'docs/plan ü.txt', Body: 'v1', ContentType: 'text/plain', Metadata: { owner: 'ann' } }));
    const { sessionId, path } = await sessions.open({ profileId, bucket, key: 'docs/plan ü.txt' });
    expect(path).toBe(join(root, sessionId, 'plan ü.txt'));
    expect(await readFile(path, 'utf8')).toBe('v1');
    expect((await stat(join(root, sessionId))).mode & 0o777).toBe(0o700);

    await writeFile(path, 'v2 from the editor');
    await waitUntil(() => events.some((e) => e.kind === 'saved'), 'the first save', 10_000);
    expect(await bodyOf(bucket, 'docs/plan ü.txt')).toBe('v2 from the editor');

    // An editor's atomic save: a new file renamed over the old one.
    await writeFile(`${path}.tmp`, 'v3 renamed over');
    await rename(`${path}.tmp`, path);
    await waitUntil(() => events.filter((e) => e.kind === 'saved').length === 2, 'the second save', 10_000);
    expect(await bodyOf(bucket, 'docs/plan ü.txt')).toBe('v3 renamed over');
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'docs/plan ü.txt' }))).Metadata).toEqual({ owner: 'ann' });

    await sessions.stop(sessionId);
    await expect(stat(join(root, sessionId))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(sessions.list()).toEqual([]);
  });

  it('reports a conflict when the object changed on the server meanwhile, and overwrites only when asked', async () => {
    events.length = 0;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'shared.txt', Body: 'v1' }));
    const { sessionId, path } = await sessions.open({ profileId, bucket, key: 'shared.txt' });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'shared.txt', Body: 'theirs' }));
    await writeFile(path, 'mine');
    await waitUntil(() => events.some((e) => e.kind === 'conflict'), 'the conflict', 10_000);
    expect(events.find((e) => e.kind === 'conflict')).toMatchObject({ key: 'shared.txt', error: { code: 'EditConflict' } });
    expect(await bodyOf(bucket, 'shared.txt')).toBe('theirs');
    await sessions.overwrite(sessionId);
    expect(await bodyOf(bucket, 'shared.txt')).toBe('mine');
    await sessions.stop(sessionId);
  });

  it('names the file from the key’s last segment only, never a path out of its folder', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'docs/..', Body: 'dots' }));
    const dots = await sessions.open({ profileId, bucket, key: 'docs/..' });
    expect(dots.path).toBe(join(root, dots.sessionId, 'object'));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'a\\b\u0007c.txt', Body: 'odd' }));
    const odd = await sessions.open({ profileId, bucket, key: 'a\\b\u0007c.txt' });
    expect(odd.path).toBe(join(root, odd.sessionId, 'a_b_c.txt'));
    await sessions.stop(dots.sessionId);
    await sessions.stop(odd.sessionId);
  });

  it('ends a session left idle', async () => {
    let now = 0;
    const idle = new EditSessions(new CachedS3ClientProvider(services.profiles), services.textEdit, root, () => undefined, { idleMs: 1000, now: () => now });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'idle.txt', Body: 'x' }));
    const { sessionId } = await idle.open({ profileId, bucket, key: 'idle.txt' });
    now = 5000;
    await idle.endIdleSessions();
    expect(idle.list()).toEqual([]);
    await expect(stat(join(root, sessionId))).rejects.toMatchObject({ code: 'ENOENT' });
    await idle.dispose();
  });
});
