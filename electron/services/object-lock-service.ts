import {
  GetObjectLegalHoldCommand,
  GetObjectLockConfigurationCommand,
  GetObjectRetentionCommand,
  PutObjectLegalHoldCommand,
  PutObjectLockConfigurationCommand,
  PutObjectRetentionCommand,
} from '@aws-sdk/client-s3';
import type { Cancellable } from '../../shared/async';
import { PailError } from '../../shared/errors';
import type { ParsedRequestOf } from '../../shared/ipc/contract';
import { LOCK_MODES, type DefaultRetention, type LockMode, type ObjectLockSettings, type ObjectLockState, type Retention } from '../../shared/object-lock';
import type { S3ClientProvider } from './s3-client-factory';
import { toPailError } from './s3-errors';

/** The error names S3 (and Ceph) answer when a bucket or a version has no lock of that kind: not a failure. */
const NO_LOCK_CONFIG = new Set(['ObjectLockConfigurationNotFoundError', 'ObjectLockConfigurationNotFound']);
const NO_VERSION_LOCK = new Set(['NoSuchObjectLockConfiguration', 'ObjectLockConfigurationNotFoundError']);

const nameOf = (error: unknown) => (error as { name?: string; Code?: string }).name ?? (error as { Code?: string }).Code ?? '';
/** A version has no lock: none set, or (Ceph: InvalidRequest "bucket object lock not configured") its bucket has no Object Lock. */
const noVersionLock = (error: unknown) =>
  NO_VERSION_LOCK.has(nameOf(error)) || (nameOf(error) === 'InvalidRequest' && /object lock/i.test((error as Error).message ?? ''));
const modeOf = (mode: string | undefined): LockMode | undefined => LOCK_MODES.find((known) => known === mode);

function defaultRetentionOf(rule: { Mode?: string; Days?: number; Years?: number } | undefined): DefaultRetention | undefined {
  const mode = modeOf(rule?.Mode);
  if (!mode) return undefined;
  return { mode, ...(rule?.Years ? { years: rule.Years } : { days: rule?.Days ?? 1 }) };
}

/**
 * Object Lock: a bucket's setting and default retention, and each version's retention and legal hold.
 * A bucket without Object Lock reads as `enabled: false`, a version without a lock as unlocked.
 */
export class ObjectLockService {
  constructor(private readonly clients: S3ClientProvider) {}

  async settings({ profileId, bucket }: ParsedRequestOf<'s3:objectLockConfig'>, { signal }: Cancellable = {}): Promise<ObjectLockSettings> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      const answer = await client.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }), { abortSignal: signal });
      const config = answer.ObjectLockConfiguration;
      const defaultRetention = defaultRetentionOf(config?.Rule?.DefaultRetention);
      return { enabled: config?.ObjectLockEnabled === 'Enabled', ...(defaultRetention && { defaultRetention }) };
    } catch (error) {
      if (NO_LOCK_CONFIG.has(nameOf(error))) return { enabled: false };
      throw toPailError(error, `reading the Object Lock settings of ${bucket}`, profile.endpoint);
    }
  }

  /** Sets (or, with null, removes) the retention new versions get; the bucket must have Object Lock. */
  async setSettings({ profileId, bucket, defaultRetention }: ParsedRequestOf<'s3:setObjectLockConfig'>): Promise<ObjectLockSettings> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      await client.send(
        new PutObjectLockConfigurationCommand({
          Bucket: bucket,
          ObjectLockConfiguration: {
            ObjectLockEnabled: 'Enabled',
            ...(defaultRetention && {
              Rule: {
                DefaultRetention: {
                  Mode: defaultRetention.mode,
                  ...(defaultRetention.years !== undefined ? { Years: defaultRetention.years } : { Days: defaultRetention.days }),
                },
              },
            }),
          },
        }),
      );
    } catch (error) {
      throw toPailError(error, `saving the Object Lock settings of ${bucket}`, profile.endpoint);
    }
    return this.settings({ profileId, bucket });
  }

  /** A version's retention and legal hold (the current version when none is named). */
  async state({ profileId, bucket, key, versionId }: ParsedRequestOf<'s3:objectLockState'>, { signal }: Cancellable = {}): Promise<ObjectLockState> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    const where = { Bucket: bucket, Key: key, VersionId: versionId };
    const unlessNone = async <T>(read: Promise<T>): Promise<T | undefined> => {
      try {
        return await read;
      } catch (error) {
        if (noVersionLock(error)) return undefined;
        throw toPailError(error, `reading the lock of ${key}`, profile.endpoint);
      }
    };
    const [retention, hold] = await Promise.all([
      unlessNone(client.send(new GetObjectRetentionCommand(where), { abortSignal: signal })),
      unlessNone(client.send(new GetObjectLegalHoldCommand(where), { abortSignal: signal })),
    ]);
    const mode = modeOf(retention?.Retention?.Mode);
    const until = retention?.Retention?.RetainUntilDate;
    return {
      ...(mode && until && { retention: { mode, retainUntil: until.toISOString() } satisfies Retention }),
      legalHold: hold?.LegalHold?.Status === 'ON',
    };
  }

  /** Gives a version a new retention, or removes it (null); governance is bypassed only when asked. */
  async setRetention({ profileId, bucket, key, versionId, retention, bypassGovernance }: ParsedRequestOf<'s3:setObjectRetention'>): Promise<ObjectLockState> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      await client.send(
        new PutObjectRetentionCommand({
          Bucket: bucket,
          Key: key,
          VersionId: versionId,
          Retention: retention ? { Mode: retention.mode, RetainUntilDate: new Date(retention.retainUntil) } : {},
          ...(bypassGovernance && { BypassGovernanceRetention: true }),
        }),
      );
    } catch (error) {
      // S3 removes a retention given an empty one; Ceph answers MalformedXML instead.
      if (!retention && nameOf(error) === 'MalformedXML')
        throw new PailError({
          code: 'NotImplemented',
          message: `This server does not remove a retention (it answered MalformedXML), removing the retention of ${key}.`,
          hint: 'Shorten the retention instead, to a moment soon: the version is free once it ends.',
          serverCode: 'MalformedXML',
        });
      throw toPailError(error, `changing the retention of ${key}`, profile.endpoint);
    }
    return this.state({ profileId, bucket, key, versionId });
  }

  async setLegalHold({ profileId, bucket, key, versionId, on }: ParsedRequestOf<'s3:setLegalHold'>): Promise<ObjectLockState> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      await client.send(new PutObjectLegalHoldCommand({ Bucket: bucket, Key: key, VersionId: versionId, LegalHold: { Status: on ? 'ON' : 'OFF' } }));
    } catch (error) {
      throw toPailError(error, `${on ? 'placing' : 'removing'} the legal hold on ${key}`, profile.endpoint);
    }
    return this.state({ profileId, bucket, key, versionId });
  }
}
