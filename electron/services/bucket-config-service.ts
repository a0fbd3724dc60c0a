import {
  DeleteBucketEncryptionCommand,
  GetBucketEncryptionCommand,
  PutBucketEncryptionCommand,
  type ServerSideEncryption,
  DeletePublicAccessBlockCommand,
  PutPublicAccessBlockCommand,
  DeleteBucketCorsCommand,
  DeleteBucketLifecycleCommand,
  DeleteBucketPolicyCommand,
  GetBucketCorsCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketPolicyCommand,
  PutBucketCorsCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  type CORSRule,
  type LifecycleRule as SdkLifecycleRule,
} from '@aws-sdk/client-s3';
import type { BucketLifecycle, LifecycleRule } from '../../shared/lifecycle';
import { policyProblem, type BucketPolicy } from '../../shared/bucket-policy';
import { PailError } from '../../shared/errors';
import type { PublicAccessBlock } from '../../shared/public-access-block';
import { CORS_METHODS, type BucketCors, type CorsMethod, type CorsRule } from '../../shared/cors';
import type { ParsedRequestOf } from '../../shared/ipc/contract';
import type { BucketEncryption, BucketEncryptionRule } from '../../shared/encryption';
import type { S3ClientProvider } from './s3-client-factory';
import { readPublicAccessBlock } from './public-access-read';
import { toPailError } from './s3-errors';

/** The server's word for "this bucket has none of that configuration": an empty one, not an error. */
const isNone = (error: unknown, code: string) => {
  const e = error as { name?: string; Code?: string };
  return e.name === code || e.Code === code;
};

/** A rule as the SDK sends it. */
function toSdkRule(rule: CorsRule): CORSRule {
  return {
    ...(rule.id && { ID: rule.id }),
    AllowedOrigins: rule.allowedOrigins,
    AllowedMethods: rule.allowedMethods,
    ...(rule.allowedHeaders.length && { AllowedHeaders: rule.allowedHeaders }),
    ...(rule.exposeHeaders.length && { ExposeHeaders: rule.exposeHeaders }),
    ...(rule.maxAgeSeconds !== undefined && { MaxAgeSeconds: rule.maxAgeSeconds }),
  };
}

/** A rule as the server gave it, in Pail's shape (a method Pail does not know is kept out, not guessed). */
function fromSdkRule(rule: CORSRule): CorsRule {
  return {
    ...(rule.ID && { id: rule.ID }),
    allowedOrigins: rule.AllowedOrigins ?? [],
    // In S3's order, whatever order the server keeps them in (Ceph keeps a set).
    allowedMethods: CORS_METHODS.filter((method: CorsMethod) => (rule.AllowedMethods ?? []).some((m) => m.toUpperCase() === method)),
    allowedHeaders: rule.AllowedHeaders ?? [],
    exposeHeaders: rule.ExposeHeaders ?? [],
    ...(rule.MaxAgeSeconds !== undefined && { maxAgeSeconds: rule.MaxAgeSeconds }),
  };
}

/** What a server's lifecycle rule sets that Pail does not edit, in words (empty: Pail edits all of it). */
function lockedParts(rule: SdkLifecycleRule): string[] {
  const filter = rule.Filter as (SdkLifecycleRule['Filter'] & { Tag?: unknown }) | undefined;
  return [
    rule.Expiration?.Date && 'an expiry date',
    rule.Expiration?.ExpiredObjectDeleteMarker !== undefined && 'the removal of expired delete markers',
    rule.Transitions?.some((t) => t.Date) && 'a transition date',
    rule.NoncurrentVersionTransitions?.length && 'transitions of older versions',
    rule.NoncurrentVersionExpiration?.NewerNoncurrentVersions !== undefined && 'older versions to keep',
    (filter?.ObjectSizeGreaterThan !== undefined ||
      filter?.ObjectSizeLessThan !== undefined ||
      filter?.And?.ObjectSizeGreaterThan !== undefined ||
      filter?.And?.ObjectSizeLessThan !== undefined) &&
      'an object size filter',
  ].filter((part): part is string => typeof part === 'string');
}

/**
 * A server's rule in Pail's shape. The filter comes as S3 writes it (Filter.Prefix, Filter.Tag,
 * Filter.And), as Ceph writes an And (Prefix and Tag side by side in Filter), or as the older
 * top-level Prefix.
 */
function fromSdkLifecycleRule(rule: SdkLifecycleRule, index: number): LifecycleRule {
  const filter = (rule.Filter ?? {}) as NonNullable<SdkLifecycleRule['Filter']> & { Tag?: { Key?: string; Value?: string } };
  const prefix = filter.And?.Prefix ?? filter.Prefix ?? rule.Prefix ?? '';
  const tags = [...(filter.And?.Tags ?? []), ...(filter.Tag ? [filter.Tag] : [])].map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' }));
  const locked = lockedParts(rule);
  return {
    id: rule.ID || `rule-${index + 1}`,
    enabled: rule.Status === 'Enabled',
    prefix,
    tags,
    ...(rule.Expiration?.Days !== undefined && { expireDays: rule.Expiration.Days }),
    ...(rule.NoncurrentVersionExpiration?.NoncurrentDays !== undefined && { expireNoncurrentDays: rule.NoncurrentVersionExpiration.NoncurrentDays }),
    ...(rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation !== undefined && {
      abortIncompleteDays: rule.AbortIncompleteMultipartUpload.DaysAfterInitiation,
    }),
    transitions: (rule.Transitions ?? []).filter((t) => t.Days !== undefined && t.StorageClass).map((t) => ({ days: t.Days!, storageClass: t.StorageClass! })),
    ...(locked.length && { locked, original: JSON.stringify(rule) }),
  };
}

/** A rule kept as the server had it (`original`), its dates made Dates again for the SDK. */
function keptRule(original: string): SdkLifecycleRule {
  const rule = JSON.parse(original) as SdkLifecycleRule;
  if (typeof rule.Expiration?.Date === 'string') rule.Expiration.Date = new Date(rule.Expiration.Date);
  for (const move of rule.Transitions ?? []) if (typeof move.Date === 'string') move.Date = new Date(move.Date);
  return rule;
}

/** A rule as the SDK sends it. */
function toSdkLifecycleRule(rule: LifecycleRule): SdkLifecycleRule {
  if (rule.original !== undefined) return { ...keptRule(rule.original), ID: rule.id, Status: rule.enabled ? 'Enabled' : 'Disabled' };
  const tags = rule.tags.map((tag) => ({ Key: tag.key, Value: tag.value }));
  const filter =
    tags.length === 0
      ? { Prefix: rule.prefix }
      : tags.length === 1 && !rule.prefix
        ? { Tag: tags[0] }
        : { And: { ...(rule.prefix && { Prefix: rule.prefix }), Tags: tags } };
  return {
    ID: rule.id,
    Status: rule.enabled ? 'Enabled' : 'Disabled',
    Filter: filter,
    ...(rule.expireDays !== undefined && { Expiration: { Days: rule.expireDays } }),
    ...(rule.expireNoncurrentDays !== undefined && { NoncurrentVersionExpiration: { NoncurrentDays: rule.expireNoncurrentDays } }),
    ...(rule.abortIncompleteDays !== undefined && { AbortIncompleteMultipartUpload: { DaysAfterInitiation: rule.abortIncompleteDays } }),
    ...(rule.transitions.length && { Transitions: rule.transitions.map((t) => ({ Days: t.days, StorageClass: t.storageClass as never })) }),
  };
}

/**
 * A bucket's configuration on the server, read and written in Pail's shapes (the renderer and
 * the CLI never see S3's XML): its CORS and lifecycle rules, and its policy.
 */
export class BucketConfigService {
  constructor(private readonly clients: S3ClientProvider) {}

  /** The bucket's CORS rules; none when it has no CORS configuration. */
  async cors({ profileId, bucket }: ParsedRequestOf<'s3:bucketCors'>, { signal }: { signal?: AbortSignal } = {}): Promise<BucketCors> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      const answer = await client.send(new GetBucketCorsCommand({ Bucket: bucket }), { abortSignal: signal });
      return { rules: (answer.CORSRules ?? []).map(fromSdkRule) };
    } catch (error) {
      if (isNone(error, 'NoSuchCORSConfiguration')) return { rules: [] };
      throw toPailError(error, `reading the CORS rules of ${bucket}`, profile.endpoint);
    }
  }

  /** Replaces the bucket's CORS rules (no rules: removes its CORS configuration); answers them as the server now has them. */
  async setCors({ profileId, bucket, rules }: ParsedRequestOf<'s3:setBucketCors'>): Promise<BucketCors> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      if (rules.length) await client.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: rules.map(toSdkRule) } }));
      else await client.send(new DeleteBucketCorsCommand({ Bucket: bucket }));
    } catch (error) {
      throw toPailError(error, `saving the CORS rules of ${bucket}`, profile.endpoint);
    }
    return this.cors({ profileId, bucket });
  }

  /** The bucket's lifecycle rules; none when it has no lifecycle configuration. */
  async lifecycle({ profileId, bucket }: ParsedRequestOf<'s3:bucketLifecycle'>, { signal }: { signal?: AbortSignal } = {}): Promise<BucketLifecycle> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      const answer = await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }), { abortSignal: signal });
      return { rules: (answer.Rules ?? []).map(fromSdkLifecycleRule) };
    } catch (error) {
      if (isNone(error, 'NoSuchLifecycleConfiguration')) return { rules: [] };
      throw toPailError(error, `reading the lifecycle rules of ${bucket}`, profile.endpoint);
    }
  }

  /** Replaces the bucket's lifecycle rules (no rules: removes its lifecycle configuration); answers them as the server now has them. */
  async setLifecycle({ profileId, bucket, rules }: ParsedRequestOf<'s3:setBucketLifecycle'>): Promise<BucketLifecycle> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      if (rules.length)
        await client.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: rules.map(toSdkLifecycleRule) } }));
      else await client.send(new DeleteBucketLifecycleCommand({ Bucket: bucket }));
    } catch (error) {
      throw toPailError(error, `saving the lifecycle rules of ${bucket}`, profile.endpoint);
    }
    return this.lifecycle({ profileId, bucket });
  }

  /** The bucket's policy as JSON text, or null when it has none. */
  async policy({ profileId, bucket }: ParsedRequestOf<'s3:bucketPolicy'>, { signal }: { signal?: AbortSignal } = {}): Promise<BucketPolicy> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      const answer = await client.send(new GetBucketPolicyCommand({ Bucket: bucket }), { abortSignal: signal });
      return { policy: answer.Policy ?? null };
    } catch (error) {
      if (isNone(error, 'NoSuchBucketPolicy')) return { policy: null };
      throw toPailError(error, `reading the policy of ${bucket}`, profile.endpoint);
    }
  }

  /** Replaces the bucket's policy (checked first, so a mistake is said in words), or removes it (null). */
  async setPolicy({ profileId, bucket, policy }: ParsedRequestOf<'s3:setBucketPolicy'>): Promise<BucketPolicy> {
    const problem = policy === null ? undefined : policyProblem(policy);
    if (problem)
      throw new PailError({ code: 'InvalidRequest', message: `That is not a bucket policy. ${problem}`, hint: 'Fix the policy, or start from a template.' });
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      if (policy === null) await client.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
      else await client.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy }));
    } catch (error) {
      const said = toPailError(error, `saving the policy of ${bucket}`, profile.endpoint);
      // A policy the server will not take is the policy's fault, not a header's (the generic hint would blame checksums).
      if (said.code === 'InvalidArgument' || (error as { name?: string }).name === 'MalformedPolicy') {
        const reason = (error as { message?: string }).message;
        throw new PailError(
          {
            code: 'InvalidArgument',
            serverCode: (error as { name?: string }).name,
            message: `The server refused the policy of ${bucket}${reason && reason !== 'UnknownError' ? `: ${reason}` : ''}.`,
            hint: 'Check the actions, principals and resources it names (some servers know fewer actions than AWS), or start from a template.',
          },
          { cause: error },
        );
      }
      throw said;
    }
    return this.policy({ profileId, bucket });
  }

  /** A bucket's Block Public Access (nothing blocked when it has no configuration). */
  async publicAccessBlock(
    { profileId, bucket }: ParsedRequestOf<'s3:publicAccessBlock'>,
    { signal }: { signal?: AbortSignal } = {},
  ): Promise<PublicAccessBlock> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      return await readPublicAccessBlock(client, bucket, signal);
    } catch (error) {
      throw toPailError(error, `reading the Block Public Access settings of ${bucket}`, profile.endpoint);
    }
  }

  /** Sets the four switches, or (null) removes the configuration; answers them as saved. */
  async setPublicAccessBlock({ profileId, bucket, block }: ParsedRequestOf<'s3:setPublicAccessBlock'>): Promise<PublicAccessBlock> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      if (block)
        await client.send(
          new PutPublicAccessBlockCommand({
            Bucket: bucket,
            PublicAccessBlockConfiguration: {
              BlockPublicAcls: block.blockPublicAcls,
              IgnorePublicAcls: block.ignorePublicAcls,
              BlockPublicPolicy: block.blockPublicPolicy,
              RestrictPublicBuckets: block.restrictPublicBuckets,
            },
          }),
        );
      else await client.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
    } catch (error) {
      throw toPailError(error, `saving the Block Public Access settings of ${bucket}`, profile.endpoint);
    }
    return this.publicAccessBlock({ profileId, bucket });
  }

  /**
   * A bucket's default encryption. A server that answers `?encryption` with 200 but no rule did not
   * understand the request (Ceph before Quincy answers it with the bucket's listing): that is
   * refused as NotImplemented, not shown as "no default encryption".
   */
  async encryption({ profileId, bucket }: ParsedRequestOf<'s3:bucketEncryption'>, { signal }: { signal?: AbortSignal } = {}): Promise<BucketEncryption> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    let rules;
    try {
      rules = (await client.send(new GetBucketEncryptionCommand({ Bucket: bucket }), { abortSignal: signal })).ServerSideEncryptionConfiguration?.Rules;
    } catch (error) {
      if (isNone(error, 'ServerSideEncryptionConfigurationNotFoundError')) return { rule: null };
      throw toPailError(error, `reading the default encryption of ${bucket}`, profile.endpoint);
    }
    if (!rules) throw encryptionNotUnderstood(bucket);
    const first = rules[0];
    const byDefault = first?.ApplyServerSideEncryptionByDefault;
    if (!byDefault?.SSEAlgorithm) return { rule: null };
    return {
      rule: {
        algorithm: byDefault.SSEAlgorithm as BucketEncryptionRule['algorithm'],
        ...(byDefault.KMSMasterKeyID && { kmsKeyId: byDefault.KMSMasterKeyID }),
        bucketKey: first.BucketKeyEnabled === true,
      },
    };
  }

  /**
   * Sets a bucket's default encryption, or (null) removes it; answers it as saved. The current
   * setting is read first, and nothing is sent to a server that did not understand that read:
   * Ceph 16 takes `DELETE ?encryption` for DeleteBucket, and deletes an empty bucket.
   */
  async setEncryption({ profileId, bucket, rule }: ParsedRequestOf<'s3:setBucketEncryption'>): Promise<BucketEncryption> {
    const before = await this.encryption({ profileId, bucket });
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      if (rule)
        await client.send(
          new PutBucketEncryptionCommand({
            Bucket: bucket,
            ServerSideEncryptionConfiguration: {
              Rules: [
                {
                  ApplyServerSideEncryptionByDefault: {
                    SSEAlgorithm: rule.algorithm as ServerSideEncryption,
                    ...(rule.kmsKeyId && { KMSMasterKeyID: rule.kmsKeyId }),
                  },
                  ...(rule.algorithm !== 'AES256' && { BucketKeyEnabled: rule.bucketKey }),
                },
              ],
            },
          }),
        );
      else if (before.rule) await client.send(new DeleteBucketEncryptionCommand({ Bucket: bucket }));
    } catch (error) {
      throw toPailError(error, `saving the default encryption of ${bucket}`, profile.endpoint);
    }
    return this.encryption({ profileId, bucket });
  }
}

/** The refusal for a server that answered `?encryption` with something other than an encryption configuration. */
function encryptionNotUnderstood(bucket: string): PailError {
  return new PailError({
    code: 'NotImplemented',
    message: `This server does not support default bucket encryption: asked for the encryption of ${bucket}, it answered with something else (Ceph before version 17 answers with the bucket's listing).`,
    hint: 'Ask for encryption on each upload instead (Encryption in the upload sheet, or pail cp --sse), where the server supports it.',
    serverCode: 'NotAnEncryptionConfiguration',
  });
}
