import { DeleteObjectCommand, GetObjectRetentionCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { addGatewayProfile, emptyAndDeleteBucket, freshServices, rawClient, uniqueBucketName } from '../test-support/gateway';
import { runCliOn } from '../test-support/cli-io';

const cli = runCliOn;

const KEY = 'records/año +%#?.pdf';
const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString().replace(/\.\d{3}Z$/, '.000Z');
const said = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

describe('pail mb --object-lock and pail lock', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  const bucket = uniqueBucketName('cli-lock');
  const target = `ceph:${bucket}`;

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    await addGatewayProfile(services, 'ceph');
  });
  afterAll(async () => {
    await emptyAndDeleteBucket(bucket).catch(() => undefined);
    await dispose?.();
  });

  it('creates a bucket with Object Lock, sets and removes its default retention, saying each in words', async () => {
    expect((await cli(services, ['mb', target, '--object-lock'])).out).toBe(`Created bucket ${bucket}, with Object Lock (and versioning).\n`);
    expect((await cli(services, ['lock', 'get', target])).out).toMatch(new RegExp(`^${bucket}: Object Lock is on, without a default retention`));

    const dry = await cli(services, ['lock', 'set', target, '--mode', 'governance', '--days', '2', '--dry-run']);
    expect(dry.out).toMatch(
      /^Now: Object Lock is on, without a default retention.*\nAfter saving: Object Lock is on\. Each new version is kept for 2 days after it is written, in governance mode/,
    );
    expect(dry.out).toMatch(/Nothing was changed \(--dry-run\)\.\n$/);
    expect(JSON.parse((await cli(services, ['lock', 'get', target, '--json'])).out)).toEqual({ enabled: true });

    expect((await cli(services, ['lock', 'set', target, '--mode', 'governance', '--days', '2'])).out).toMatch(/^Saved\. .*kept for 2 days/);
    expect(JSON.parse((await cli(services, ['lock', 'get', target, '--json'])).out)).toEqual({
      enabled: true,
      defaultRetention: { mode: 'GOVERNANCE', days: 2 },
    });
    expect((await cli(services, ['lock', 'set', target, '--none'])).out).toMatch(/^Saved\. .*without a default retention/);

    const both = await cli(services, ['lock', 'set', target, '--mode', 'governance', '--days', '2', '--years', '1']);
    expect(both).toMatchObject({ code: 2, err: expect.stringContaining('Give the period in days or in years, not both.') });
  });

  it('locks a version until a time, lengthens it, refuses to shorten it without --bypass-governance, and holds it', async () => {
    const { VersionId } = await rawClient().send(new PutObjectCommand({ Bucket: bucket, Key: KEY, Body: 'kept' }));
    const object = `${target}/${KEY}`;
    expect((await cli(services, ['lock', 'get', object])).out).toBe(`${KEY}:\n  No retention: this version is not locked for a time.\n  No legal hold.\n`);

    const hour = isoIn(3_600_000);
    const twoHours = isoIn(7_200_000);
    const locked = await cli(services, ['lock', 'retain', object, '--mode', 'governance', '--until', hour]);
    expect(locked.out).toMatch(new RegExp(`^Saved: Locks this version until ${said(hour)}, in governance mode`));
    expect((await cli(services, ['lock', 'retain', object, '--mode', 'governance', '--until', twoHours])).out).toMatch(
      new RegExp(`^Saved: Lengthens its retention from ${said(hour)} to ${said(twoHours)}\\.`),
    );
    const shorten = await cli(services, ['lock', 'retain', object, '--mode', 'governance', '--until', hour]);
    expect(shorten.code).toBe(2);
    expect(shorten.err).toContain(`Shortens its retention from ${said(twoHours)} to ${said(hour)}. That needs --bypass-governance`);
    expect((await cli(services, ['lock', 'retain', object, '--mode', 'governance', '--until', hour, '--bypass-governance'])).code).toBe(0);
    const raw = await rawClient().send(new GetObjectRetentionCommand({ Bucket: bucket, Key: KEY }));
    expect(raw.Retention).toEqual({ Mode: 'GOVERNANCE', RetainUntilDate: new Date(hour) });

    const past = await cli(services, ['lock', 'retain', object, '--mode', 'governance', '--until', '2020-01-01T00:00:00Z']);
    expect(past).toMatchObject({ code: 2, err: expect.stringContaining('Choose a moment in the future') });

    const held = await cli(services, ['lock', 'hold', object, 'on']);
    expect(held.out).toMatch(/^Placed the legal hold\.\n[\s\S]*\n {2}Legal hold is on: this version may not be deleted/);
    // Deleting the name only adds a delete marker: the locked version stays, held, and is named by its ID.
    await rawClient().send(new DeleteObjectCommand({ Bucket: bucket, Key: KEY }));
    expect((await cli(services, ['lock', 'get', object, '--version-id', VersionId!])).out).toContain('  Legal hold is on');
    expect((await cli(services, ['lock', 'hold', object, '--version-id', VersionId!, 'off'])).out).toMatch(
      /^Removed the legal hold\.\n[\s\S]*\n {2}No legal hold\.\n$/,
    );
  });
});
