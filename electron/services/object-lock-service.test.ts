import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { addGatewayProfile, createTestBucket, freshServices, rawClient } from '../test-support/gateway';
import { toPailError } from './s3-errors';

describe('Object Lock on the gateway', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let profileId: string;
  let locked: { name: string; cleanup: () => Promise<void> };
  let plain: { name: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    profileId = (await addGatewayProfile(services)).id;
    locked = await createTestBucket('lock', 0, { objectLock: true });
    plain = await createTestBucket('nolock');
  });
  afterAll(async () => {
    await locked?.cleanup();
    await plain?.cleanup();
    await dispose?.();
  });

  it('reads a bucket without Object Lock as off, and one created with it as on; sets and removes its default retention', async () => {
    expect(await services.objectLock.settings({ profileId, bucket: plain.name })).toEqual({ enabled: false });
    expect(await services.objectLock.settings({ profileId, bucket: locked.name })).toEqual({ enabled: true });

    const saved = await services.objectLock.setSettings({ profileId, bucket: locked.name, defaultRetention: { mode: 'GOVERNANCE', days: 3 } });
    expect(saved).toEqual({ enabled: true, defaultRetention: { mode: 'GOVERNANCE', days: 3 } });
    // A new version gets the default retention: about 3 days from now.
    await rawClient().send(new PutObjectCommand({ Bucket: locked.name, Key: 'by-default.txt', Body: 'x' }));
    const state = await services.objectLock.state({ profileId, bucket: locked.name, key: 'by-default.txt' });
    expect(state.retention?.mode).toBe('GOVERNANCE');
    expect(Math.abs(Date.parse(state.retention!.retainUntil) - Date.now() - 3 * 86_400_000)).toBeLessThan(120_000);

    try {
      // (No object is written while this default holds: its versions could not be removed for a year.)
      expect(await services.objectLock.setSettings({ profileId, bucket: locked.name, defaultRetention: { mode: 'COMPLIANCE', years: 1 } })).toEqual({
        enabled: true,
        defaultRetention: { mode: 'COMPLIANCE', years: 1 },
      });
    } finally {
      expect(await services.objectLock.setSettings({ profileId, bucket: locked.name, defaultRetention: null })).toEqual({ enabled: true });
    }
    await expect(services.objectLock.setSettings({ profileId, bucket: plain.name, defaultRetention: null })).rejects.toMatchObject({
      serverCode: 'InvalidBucketState',
    });
  });

  it("locks a version until a time, lengthens it, shortens it only with the bypass, and holds it; a locked version's delete is refused in words", async () => {
    const key = 'contract ü+#.pdf';
    const put = await rawClient().send(new PutObjectCommand({ Bucket: locked.name, Key: key, Body: 'signed' }));
    const ref = { profileId, bucket: locked.name, key };
    expect(await services.objectLock.state(ref)).toEqual({ legalHold: false });

    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const inTwoHours = new Date(Date.now() + 7_200_000).toISOString();
    expect(await services.objectLock.setRetention({ ...ref, retention: { mode: 'GOVERNANCE', retainUntil: inAnHour }, bypassGovernance: false })).toEqual({
      retention: { mode: 'GOVERNANCE', retainUntil: inAnHour },
      legalHold: false,
    });
    expect(
      (await services.objectLock.setRetention({ ...ref, retention: { mode: 'GOVERNANCE', retainUntil: inTwoHours }, bypassGovernance: false })).retention,
    ).toEqual({
      mode: 'GOVERNANCE',
      retainUntil: inTwoHours,
    });
    await expect(
      services.objectLock.setRetention({ ...ref, retention: { mode: 'GOVERNANCE', retainUntil: inAnHour }, bypassGovernance: false }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(
      (await services.objectLock.setRetention({ ...ref, retention: { mode: 'GOVERNANCE', retainUntil: inAnHour }, bypassGovernance: true })).retention
        ?.retainUntil,
    ).toBe(inAnHour);

    const deleteVersion = () => rawClient().send(new DeleteObjectCommand({ Bucket: locked.name, Key: key, VersionId: put.VersionId }));
    const refused = await deleteVersion().then(
      () => undefined,
      (error: unknown) => toPailError(error, `deleting a version of ${key}`),
    );
    expect(refused).toMatchObject({ code: 'AccessDenied', message: expect.stringMatching(/^This version is locked by Object Lock/) });
    expect(refused?.hint).toMatch(/legal hold can be removed, a governance retention shortened/);

    expect(await services.objectLock.setLegalHold({ ...ref, versionId: put.VersionId, on: true })).toMatchObject({ legalHold: true });
    expect(await services.objectLock.state({ ...ref, versionId: put.VersionId })).toMatchObject({ legalHold: true, retention: { mode: 'GOVERNANCE' } });
    expect(await services.objectLock.setLegalHold({ ...ref, versionId: put.VersionId, on: false })).toMatchObject({ legalHold: false });
  });

  it('a compliance retention cannot be shortened even with the bypass, and frees its version when it ends', async () => {
    const key = 'compliance.txt';
    const put = await rawClient().send(new PutObjectCommand({ Bucket: locked.name, Key: key, Body: 'kept' }));
    const ref = { profileId, bucket: locked.name, key, versionId: put.VersionId };
    const soon = new Date(Date.now() + 4_000).toISOString();
    await services.objectLock.setRetention({ ...ref, retention: { mode: 'COMPLIANCE', retainUntil: soon }, bypassGovernance: false });
    await expect(
      services.objectLock.setRetention({
        ...ref,
        retention: { mode: 'COMPLIANCE', retainUntil: new Date(Date.now() + 2_000).toISOString() },
        bypassGovernance: true,
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    await new Promise((resolve) => setTimeout(resolve, Date.parse(soon) - Date.now() + 500));
    await expect(rawClient().send(new DeleteObjectCommand({ Bucket: locked.name, Key: key, VersionId: put.VersionId }))).resolves.toBeDefined();
  });

  it('says a version in a bucket without Object Lock is unlocked, and explains a server that will not remove a retention', async () => {
    await rawClient().send(new PutObjectCommand({ Bucket: plain.name, Key: 'free.txt', Body: 'x' }));
    expect(await services.objectLock.state({ profileId, bucket: plain.name, key: 'free.txt' })).toEqual({ legalHold: false });

    const key = 'remove-me.txt';
    await rawClient().send(new PutObjectCommand({ Bucket: locked.name, Key: key, Body: 'x' }));
    const ref = { profileId, bucket: locked.name, key };
    await services.objectLock.setRetention({
      ...ref,
      retention: { mode: 'GOVERNANCE', retainUntil: new Date(Date.now() + 600_000).toISOString() },
      bypassGovernance: false,
    });
    // S3 removes it with an empty retention; Ceph refuses that as MalformedXML, and Pail says what to do instead.
    await expect(services.objectLock.setRetention({ ...ref, retention: null, bypassGovernance: true })).rejects.toMatchObject({
      code: 'NotImplemented',
      serverCode: 'MalformedXML',
      hint: expect.stringMatching(/^Shorten the retention instead/),
    });
  });
});
