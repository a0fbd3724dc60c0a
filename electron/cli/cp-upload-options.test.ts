import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectAclCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomFile } from '../services/transfers/test-kit';
import { cliFixture } from '../test-support/cli-process';
import { gateway, rawClient } from '../test-support/gateway';

describe('pail cp upload options (the real binary)', () => {
  const s3 = rawClient();
  const fx = cliFixture('cpopts', { beforeAll, afterAll });
  /** Runs `pail cp ARGS…`: exit code, stdout, stderr. */
  const cp = (args: string[]) => fx.pail(['cp', ...args]);

  it('sends --acl, --content-type, --cache-control, --content-disposition, --storage-class and repeated --metadata, single PUT and multipart', async () => {
    const small = join(fx.dir, 'photo.jpg');
    await writeFile(small, 'not really a jpeg');
    const big = await randomFile(join(fx.dir, 'big.bin'), 20 * 1024 * 1024);
    const flags = [
      '--acl',
      'public-read',
      '--content-type',
      'image/webp',
      '--cache-control',
      'public, max-age=86400',
      '--content-disposition=attachment; filename="p.webp"',
      '--storage-class',
      'STANDARD',
      '--metadata',
      'author=Ann',
      '--metadata=camera=X100',
    ];
    for (const [file, key] of [
      [small, 'opts/photo.jpg'],
      [big, 'opts/big.bin'],
    ]) {
      expect(await cp([file, `gw:${fx.bucket}/${key}`, ...flags])).toMatchObject({ code: 0 });
      const head = await s3.send(new HeadObjectCommand({ Bucket: fx.bucket, Key: key }));
      expect(head).toMatchObject({
        ContentType: 'image/webp',
        CacheControl: 'public, max-age=86400',
        ContentDisposition: 'attachment; filename="p.webp"',
        Metadata: { author: 'Ann', camera: 'X100' },
      });
      const acl = await s3.send(new GetObjectAclCommand({ Bucket: fx.bucket, Key: key }));
      expect(acl.Grants?.some((g) => g.Grantee?.URI?.endsWith('AllUsers') && g.Permission === 'READ')).toBe(true);
      expect((await fetch(`${gateway().endpoint}/${fx.bucket}/${key}`)).status).toBe(200);
    }
  });

  it('refuses a wrong upload option with one specific line and the usage, exit 2; the usage lists the options', async () => {
    const file = join(fx.dir, 'x.txt');
    await writeFile(file, 'x');
    const to = `gw:${fx.bucket}/bad/`;
    const cases: [string[], RegExp][] = [
      [[file, to, '--acl', 'public'], /^pail: --acl is private or public-read \(not "public"\)\.$/],
      [[file, to, '--metadata', 'author'], /^pail: --metadata takes NAME=VALUE, e.g. --metadata author=Ann \(not "author"\)\.$/],
      [[file, to, '--metadata', 'bad name=1'], /^pail: --metadata: A metadata name has letters, digits.+, not "bad name"\.$/],
      [[file, to, '--content-type', 'png'], /^pail: --content-type: Content-Type is TYPE\/SUBTYPE/],
      [[file, to, '--storage-class', 'cold'], /^pail: --storage-class: A storage class is a name in capitals/],
      [[`gw:${fx.bucket}/x.txt`, fx.dir, '--acl', 'private'], /^pail: --acl, --content-type, .+ are for uploads\.$/],
    ];
    const results = await Promise.all(cases.map(([args]) => cp(args)));
    for (const [i, [args, line]] of cases.entries()) {
      expect(results[i], args.join(' ')).toMatchObject({ code: 2, stdout: '' });
      const [first, second] = results[i].stderr.split('\n');
      expect(first).toMatch(line);
      expect(second).toBe('Usage:');
      expect(results[i].stderr).toContain('[--metadata NAME=VALUE]  (repeatable; sent as x-amz-meta-NAME)');
    }
  });

  it("pail bucket settings sets a bucket's upload defaults and custom domain, prints them, and pail cp honours them", async () => {
    const remote = `gw:${fx.bucket}`;
    const set = await fx.pail([
      'bucket',
      'settings',
      remote,
      '--acl',
      'public-read',
      '--cache-control',
      'max-age=900',
      '--content-disposition',
      'inline',
      '--metadata',
      'team=web',
      '--public-url',
      'https://cdn.example.com',
      '--no-ask-on-drop',
    ]);
    expect(set).toMatchObject({ code: 0 });
    const shownSettings = await fx.pail(['bucket', 'settings', remote]);
    expect(shownSettings.code).toBe(0);
    for (const line of [
      /Public URL base: +https:\/\/cdn\.example\.com$/m,
      /Upload access: +public-read$/m,
      /Cache-Control: +max-age=900$/m,
      /Metadata: +team=web$/m,
      /Ask before uploading a drop: +no$/m,
    ])
      expect(shownSettings.stdout).toMatch(line);

    const file = join(fx.dir, 'page.html');
    await writeFile(file, '<p>hi</p>');
    expect(await cp([file, `${remote}/defaults/page.html`])).toMatchObject({ code: 0 });
    const head = await s3.send(new HeadObjectCommand({ Bucket: fx.bucket, Key: 'defaults/page.html' }));
    expect(head).toMatchObject({ ContentType: 'text/html', CacheControl: 'max-age=900', ContentDisposition: 'inline', Metadata: { team: 'web' } });
    expect((await fetch(`${gateway().endpoint}/${fx.bucket}/defaults/page.html`)).status).toBe(200);

    const bad = await fx.pail(['bucket', 'settings', remote, '--public-url', 'cdn.example.com']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe('pail: --public-url: A public URL base must be a full URL, e.g. https://cdn.example.com.');
    const cleared = await fx.pail(['bucket', 'settings', remote, '--no-public-url', '--acl', 'none', '--cache-control', '']);
    expect(cleared.stdout).toMatch(/Public URL base: +none \(public links use the endpoint/);
    expect(cleared.stdout).toMatch(/Cache-Control: +none$/m);
    expect(cleared.stdout).toMatch(/Upload access: +the bucket's default$/m);
    const profileAcl = await fx.pail(['bucket', 'settings', remote, '--acl', '']);
    expect(profileAcl.stdout).toMatch(/Upload access: +as the profile says/);

    // The encryption uploads ask for: saved, then asked by cp (which this plain-HTTP gateway refuses, in words), then cleared.
    const sse = await fx.pail(['bucket', 'settings', remote, '--sse', 'aws:kms', '--sse-kms-key-id', 'alias/uploads']);
    expect(sse.stdout).toMatch(/Upload encryption: +Encrypted at rest with SSE-KMS, with key alias\/uploads\.$/m);
    const refused = await cp([file, `${remote}/defaults/sealed.html`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The server refused SSE-KMS with key alias/uploads over plain HTTP');
    const wrong = await fx.pail(['bucket', 'settings', remote, '--sse', 'AES256', '--sse-kms-key-id', 'k']);
    expect(wrong.stderr.split('\n')[0]).toBe('pail: --sse-kms-key-id: A KMS key goes with SSE-KMS only.');
    const none = await fx.pail(['bucket', 'settings', remote, '--sse', 'none']);
    expect(none.stdout).toMatch(/Upload encryption: +none asked \(the server's bucket default applies\)$/m);
  });

  it('says in words when the server does not offer the storage class', async () => {
    const file = join(fx.dir, 'cold.txt');
    await writeFile(file, 'cold');
    const result = await cp([file, `gw:${fx.bucket}/cold.txt`, '--storage-class', 'GLACIER']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('InvalidStorageClass: The server does not offer the storage class "GLACIER"');
  });
});
