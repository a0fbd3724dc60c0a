import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBucket, rawClient } from '../../../test-support/gateway';
import { sendWithBody } from './guarded-body';

describe('a request whose body is a file that cannot be read', () => {
  const s3 = rawClient();
  let bucket: { name: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    bucket = await createTestBucket('guarded');
  });
  afterAll(async () => {
    await bucket?.cleanup();
  });

  it('fails with the file error (no process-ending error event), stores nothing, and the next request works', async () => {
    // The file is gone by the time it is read: what a file moved mid-upload does.
    const body = createReadStream(join(tmpdir(), `pail-gone-${Date.now()}.bin`));
    const put = (signal: AbortSignal) =>
      s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'gone.bin', Body: body, ContentLength: 10 }), { abortSignal: signal });
    await expect(sendWithBody(body, new AbortController().signal, put)).rejects.toMatchObject({ code: 'ENOENT', syscall: 'open' });
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'gone.bin' }))).rejects.toMatchObject({ name: 'NotFound' });
    await s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'next.bin', Body: Buffer.from('ok') }));
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'next.bin' }))).ContentLength).toBe(2);
  });
});
