import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { addGatewayProfile, createTestBucket, freshServices, rawClient } from '../test-support/gateway';
import { runCliOn } from '../test-support/cli-io';

/** Any control character but the line end: none may reach the terminal from a key or a server text. */
// eslint-disable-next-line no-control-regex -- exactly what is checked for.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

const cli = runCliOn;

describe('CLI output with keys holding control characters', () => {
  const s3 = rawClient();
  let services: AppServices;
  let dispose: () => Promise<void>;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let dir: string;
  const put = (key: string) => s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: Buffer.from('x') }));
  const exists = (key: string) =>
    s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: key })).then(
      () => true,
      () => false,
    );

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    await addGatewayProfile(services, 'gw');
    bucket = await createTestBucket('cli-visible');
    dir = await mkdtemp(join(tmpdir(), 'pail-cli-visible-'));
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('ls shows ESC, LF, CR and TAB as visible symbols, one line per entry', async () => {
    for (const key of ['v/esc\x1b[31mred', 'v/two\nlines', 'v/back\roverwrite', 'v/tab\there', 'v/dir\x1b/inner', 'v/real␛pic']) await put(key);
    const listed = await cli(services, ['ls', `gw:${bucket.name}/v/`]);
    expect(listed.code).toBe(0);
    expect(listed.out).not.toMatch(RAW_CONTROL);
    const names = listed.out
      .trimEnd()
      .split('\n')
      .map((line) =>
        line
          .trim()
          .split(/\s{2,}/)
          .at(-1),
      );
    expect(names).toEqual(['dir␛/', 'back␍overwrite', 'esc␛[31mred', 'real‛␛pic', 'tab␉here', 'two␊lines']);
  });

  it('rm deletes a key with ESC alone, and says when nothing was there (exit 1)', async () => {
    await put('r/esc\x1b');
    await put('r/keep');
    const removed = await cli(services, ['rm', `gw:${bucket.name}/r/esc\x1b`]);
    expect(removed).toMatchObject({ code: 0, out: 'Deleted 1 object.\n' });
    expect(await exists('r/esc\x1b')).toBe(false);

    const missing = await cli(services, ['rm', `gw:${bucket.name}/r/gone\x1b[2J`]);
    expect(missing.code).toBe(1);
    expect(missing.out).toBe('');
    expect(missing.err).toBe(
      `pail: NoSuchKey: ${bucket.name}/r/gone␛[2J does not exist; nothing was deleted. Check the name with: pail ls gw:${bucket.name}/r/\n`,
    );
    const emptyFolder = await cli(services, ['rm', `gw:${bucket.name}/nothing-here`, '--recursive']);
    expect(emptyFolder.code).toBe(1);
    expect(emptyFolder.err).toMatch(/^pail: NoSuchKey: No object is under .*\/nothing-here\/; nothing was deleted\./);
    expect(await exists('r/keep')).toBe(true);

    const folder = await cli(services, ['rm', `gw:${bucket.name}/v`, '--recursive']);
    expect(folder).toMatchObject({ code: 0, out: 'Deleted 6 objects.\n' });
  });

  it('cp prints notes and failures with keys made visible', async () => {
    for (const key of ['c/ok.txt', 'c/ctl\x1b[31m\x01.txt', 'c/../evil\nforged: line']) await put(key);
    const copied = await cli(services, ['cp', `gw:${bucket.name}/c/`, join(dir, 'c'), '--recursive']);
    expect(copied.code).toBe(1);
    expect(copied.out + copied.err).not.toMatch(RAW_CONTROL);
    expect(copied.err).toContain('note: c/ctl␛[31m␁.txt: Key made safe for this computer: "ctl␛[31m␁.txt" became "ctl_[31m_.txt".');
    expect(copied.err).toContain('failed: c/../evil␊forged: line: InvalidArgument:');
    expect(copied.err.split('\n').filter((line) => line.startsWith('forged'))).toEqual([]);
    expect(copied.out).toMatch(/^Downloaded 2 files .*; 1 saved with a note \(listed above\); 1 failed\.\n$/);
    expect((await readdir(join(dir, 'c'))).sort()).toEqual(['ctl_[31m_.txt', 'ok.txt']);
    expect((await cli(services, ['rm', `gw:${bucket.name}/c/`, '--recursive'])).out).toBe('Deleted 3 objects.\n');
  });
});
