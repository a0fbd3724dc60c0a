import {
  GetBucketAclCommand,
  GetBucketOwnershipControlsCommand,
  GetObjectAclCommand,
  GetPublicAccessBlockCommand,
  PutBucketAclCommand,
  PutObjectAclCommand,
  type Grant,
  type Owner,
} from '@aws-sdk/client-s3';
import type { Cancellable } from '../../shared/async';
import { NOTHING_BLOCKED, publicSwitchBlockedBy } from '../../shared/public-access-block';
import type { ParsedRequestOf } from '../../shared/ipc/contract';
import type { JobStarted } from '../../shared/jobs';
import type { Profile } from '../../shared/profile';
import type {
  AccessLevel,
  AccessState,
  AclUnavailable,
  BucketAccessAnswer,
  ObjectAccessAnswer,
  ObjectAccessRequest,
  SetAccessRequest,
} from '../../shared/sharing';
import { jobIdOf, type JobRunner, type StartedJob } from './job-runner';
import type { ProfileService } from './profile-service';
import type { CachedS3ClientProvider } from './s3-client-factory';
import { toPailError } from './s3-errors';
import { forEachLimited, listAllObjects } from './s3-keys';
import { countOf } from '../../shared/counts';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
/** ACL requests in flight: each is tiny, so many at once. */
const ACL_CONCURRENCY = 16;

/** Who a grant is for, in words. */
function granteeName(grant: Grant, owner: Owner | undefined): string {
  const grantee = grant.Grantee;
  if (grantee?.URI === ALL_USERS) return 'Everyone';
  if (grantee?.URI === AUTHENTICATED_USERS) return 'Any authenticated user';
  if (grantee?.URI) return grantee.URI.split('/').pop() ?? grantee.URI;
  if (grantee?.ID && grantee.ID === owner?.ID) return `owner (${owner.DisplayName || owner.ID})`;
  return grantee?.DisplayName || grantee?.EmailAddress || grantee?.ID || 'someone';
}

/** What an ACL's grants amount to: a canned level when they match one, `custom` otherwise. */
export function accessOf(grants: Grant[], owner: Owner | undefined): AccessState {
  const words = grants.map((g) => `${granteeName(g, owner)}: ${g.Permission ?? '?'}`);
  const everyone = new Set(grants.filter((g) => g.Grantee?.URI === ALL_USERS).map((g) => g.Permission));
  const others = grants.filter((g) => g.Grantee?.URI !== ALL_USERS && !(g.Grantee?.ID && g.Grantee.ID === owner?.ID && g.Permission === 'FULL_CONTROL'));
  let access: AccessLevel;
  if (others.length > 0 || everyone.has('FULL_CONTROL') || everyone.has('READ_ACP') || everyone.has('WRITE_ACP')) access = 'custom';
  else if (everyone.has('READ') && everyone.has('WRITE')) access = 'public-read-write';
  else if (everyone.has('READ')) access = 'public-read';
  else if (everyone.size > 0) access = 'custom';
  else access = 'private';
  const summary =
    access === 'private'
      ? 'Private: only the owner'
      : access === 'public-read'
        ? 'Public: anyone can read'
        : access === 'public-read-write'
          ? 'Public: anyone can read and write'
          : `Custom: ${countOf(grants.length, 'grant')} (${words.join('; ')})`;
  return { access, summary, grants: words };
}

/** The profile setting (or a server answer) that turns ACL toggles off, in words. */
function unavailableFor(profile: Profile, error?: unknown): AclUnavailable | undefined {
  const code = error === undefined ? undefined : ((error as { name?: string; Code?: string }).name ?? (error as { Code?: string }).Code);
  if (code === 'AccessControlListNotSupported' || code === 'OwnershipControlsEnforced') {
    return {
      reason: 'ownership-enforced',
      message: 'This bucket does not use ACLs: its Object Ownership is "Bucket owner enforced", so objects cannot be made public one by one.',
      hint: 'Make objects public with a bucket policy (in the AWS console: Permissions → Bucket policy), or change Object Ownership to allow ACLs.',
    };
  }
  if (code === 'NotImplemented' || profile.aclSupport === 'no') {
    return {
      reason: 'provider-without-acls',
      message: `${profile.name} does not support per-object ACLs.`,
      hint: "Make objects public with the provider's own setting (a public bucket or a custom domain in its dashboard), or share presigned links.",
    };
  }
  if (profile.aclSupport === 'bucket-only') {
    return {
      reason: 'bucket-level-only',
      message: `${profile.name} sets access per bucket, not per object.`,
      hint: "Make the whole bucket public or private in the provider's dashboard (Backblaze: Bucket Settings → Files in Bucket are Public), or share presigned links.",
    };
  }
  if (code === 'AccessDenied') {
    return {
      reason: 'denied',
      message: 'These keys may not read or change access lists in this bucket.',
      hint: 'Use keys with the s3:GetObjectAcl and s3:PutObjectAcl permissions, or ask the bucket owner.',
    };
  }
  return undefined;
}

/** Why Block Public Access refuses (or ignores) public ACLs, when it does. */
function blockedBy(config: { BlockPublicAcls?: boolean; IgnorePublicAcls?: boolean }): AclUnavailable {
  const message = publicSwitchBlockedBy({
    ...NOTHING_BLOCKED,
    blockPublicAcls: config.BlockPublicAcls === true,
    ignorePublicAcls: config.IgnorePublicAcls === true,
  });
  return {
    reason: 'public-access-blocked',
    message: message ?? 'Block Public Access keeps public ACLs from working in this bucket.',
    hint: 'Turn those switches off in the bucket inspector’s Block Public Access section (pail public-access set), or share presigned links instead.',
  };
}

/** The note every public bucket ACL gets: it lists, it does not read. */
const BUCKET_ACL_NOTE =
  'A public-read bucket ACL lets anyone list the keys in the bucket; it does not make the objects readable. To share objects, make them public (or share presigned links).';

/**
 * Object and bucket ACLs: reading them as public / private / custom, and the
 * toggles. A server that cannot do ACLs (AWS "bucket owner enforced", R2's
 * NotImplemented) turns the toggles off with its reason; a first NotImplemented
 * on an "auto" profile records that the provider has none.
 */
export class AccessService {
  constructor(
    private readonly clients: CachedS3ClientProvider,
    private readonly jobs: JobRunner,
    private readonly profiles: ProfileService,
  ) {}

  /** The access of each key (the rows in view), or why none can be shown. */
  async objectAccess({ profileId, bucket, keys }: ObjectAccessRequest, { signal }: Cancellable = {}): Promise<ObjectAccessAnswer> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    const off = profile.aclSupport === 'no' || profile.aclSupport === 'bucket-only' ? unavailableFor(profile) : undefined;
    if (off) return { states: {}, unavailable: off };
    const states: Record<string, AccessState> = {};
    let unavailable: AclUnavailable | undefined;
    await forEachLimited(keys, ACL_CONCURRENCY, async (key) => {
      if (unavailable) return;
      try {
        const acl = await client.send(new GetObjectAclCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
        states[key] = accessOf(acl.Grants ?? [], acl.Owner);
      } catch (error) {
        unavailable ??= await this.learn(profile, error);
      }
    });
    return { states, ...(unavailable && { unavailable }) };
  }

  /** Makes objects and folders public or private as a job (see `startSetAccess`); answers with the job's id. */
  setAccess(request: SetAccessRequest): Promise<JobStarted> {
    return jobIdOf(this.startSetAccess(request));
  }

  /** Makes objects and whole folders (recursively) public or private: a job with progress and a count. */
  startSetAccess(request: SetAccessRequest): StartedJob {
    const what = [request.keys.length && countOf(request.keys.length, 'object'), request.prefixes.length && countOf(request.prefixes.length, 'folder')]
      .filter(Boolean)
      .join(' and ');
    const verb = request.access === 'public-read' ? 'Making public' : 'Making private';
    return this.jobs.start('setAccess', `${verb}: ${what} in ${request.bucket}`, async (context) => {
      const { client, profile } = await this.clients.clientFor(request.profileId, request.bucket);
      const off = profile.aclSupport === 'no' || profile.aclSupport === 'bucket-only' ? unavailableFor(profile) : undefined;
      if (off) throw toPailError({ name: 'AccessControlListNotSupported', message: off.message }, 'changing access', profile.endpoint);
      let done = 0;
      const apply = async (keys: string[]) => {
        await forEachLimited(
          keys,
          ACL_CONCURRENCY,
          async (key) => {
            try {
              await client.send(new PutObjectAclCommand({ Bucket: request.bucket, Key: key, ACL: request.access }), { abortSignal: context.signal });
              done += 1;
            } catch (error) {
              if (context.signal.aborted) return;
              const stop = await this.learn(profile, error);
              // A bucket that refuses ACLs refuses them all: stop at the first such answer.
              if (stop && stop.reason !== 'denied') throw toPailError(error, 'changing access', profile.endpoint);
              context.fail({ key, error: toPailError(error, 'changing access', profile.endpoint).toInfo() });
            }
            context.progress({ done });
          },
          context.signal,
        );
      };
      await apply(request.keys);
      for (const prefix of request.prefixes) {
        for await (const page of listAllObjects(client, request.bucket, prefix, context.signal, profile.endpoint)) await apply(page.map((o) => o.key));
      }
      const word = request.access === 'public-read' ? 'public' : 'private';
      return { summary: `Made ${countOf(done, 'object')} ${word}.`, done };
    });
  }

  /** The bucket's own ACL, and whether ACL toggles work in it (Object Ownership, Block Public Access). */
  async bucketAccess({ profileId, bucket }: ParsedRequestOf<'s3:bucketAccess'>, { signal }: Cancellable = {}): Promise<BucketAccessAnswer> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    const off = profile.aclSupport === 'no' ? unavailableFor(profile) : undefined;
    if (off) return { unavailable: off };
    const [acl, ownership, block] = await Promise.allSettled([
      client.send(new GetBucketAclCommand({ Bucket: bucket }), { abortSignal: signal }),
      client.send(new GetBucketOwnershipControlsCommand({ Bucket: bucket }), { abortSignal: signal }),
      client.send(new GetPublicAccessBlockCommand({ Bucket: bucket }), { abortSignal: signal }),
    ]);
    let unavailable: AclUnavailable | undefined;
    if (ownership.status === 'fulfilled' && ownership.value.OwnershipControls?.Rules?.some((r) => r.ObjectOwnership === 'BucketOwnerEnforced')) {
      unavailable = unavailableFor(profile, { name: 'AccessControlListNotSupported' });
    } else if (
      block.status === 'fulfilled' &&
      (block.value.PublicAccessBlockConfiguration?.BlockPublicAcls || block.value.PublicAccessBlockConfiguration?.IgnorePublicAcls)
    ) {
      unavailable = blockedBy(block.value.PublicAccessBlockConfiguration);
    } else if (profile.aclSupport === 'bucket-only') {
      unavailable = unavailableFor(profile);
    }
    if (acl.status === 'rejected') {
      const reason = unavailable ?? (await this.learn(profile, acl.reason));
      if (reason) return { unavailable: reason };
      // Only a refusal says ACLs are not permitted; a missing bucket or a dropped connection is its own error, not an ACL note.
      if ((acl.reason as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 403)
        return { unavailable: unavailableFor(profile, { name: 'AccessDenied' })! };
      throw toPailError(acl.reason, 'reading the bucket ACL', profile.endpoint);
    }
    const state = accessOf(acl.value.Grants ?? [], acl.value.Owner);
    return { state, ...(unavailable && { unavailable }), ...(state.access !== 'private' && { note: BUCKET_ACL_NOTE }) };
  }

  /** Sets the bucket's own ACL (public-read lets anyone list it). */
  async setBucketAccess({ profileId, bucket, access }: ParsedRequestOf<'s3:setBucketAccess'>): Promise<BucketAccessAnswer> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      await client.send(new PutBucketAclCommand({ Bucket: bucket, ACL: access }));
    } catch (error) {
      await this.learn(profile, error);
      throw toPailError(error, 'changing the bucket ACL', profile.endpoint);
    }
    return this.bucketAccess({ profileId, bucket });
  }

  /** Turns an ACL failure into its reason; an "auto" profile that met NotImplemented learns it has no ACLs. */
  private async learn(profile: Profile, error: unknown): Promise<AclUnavailable | undefined> {
    const reason = unavailableFor(profile, error);
    if (reason?.reason === 'provider-without-acls' && profile.aclSupport === 'auto') {
      await this.profiles.update({ id: profile.id, patch: { aclSupport: 'no' } }).catch(() => undefined);
    }
    return reason;
  }
}
