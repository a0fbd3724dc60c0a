import type { BucketCors, CorsRule } from '../../shared/cors';
import type { Result } from '../../shared/errors';
import type { BucketLifecycle, LifecycleRule } from '../../shared/lifecycle';
import type { BucketPolicy } from '../../shared/bucket-policy';
import { fromResult, ready, reloading } from '../../shared/loadable';
import type { PublicAccessBlock } from '../../shared/public-access-block';
import type { BucketEncryption, BucketEncryptionRule } from '../../shared/encryption';
import { api } from '../api';
import { loadBucketAccess } from './access';
import { selectBucketConfig, useBucketConfigStore, type BucketConfigKind, type BucketConfigKinds } from '../stores/bucket-config';

const store = () => useBucketConfigStore.getState();

/** Reads one kind of a bucket's configuration (what was shown stays while it loads again). */
async function load<K extends BucketConfigKind>(kind: K, profileId: string, bucket: string, read: () => Promise<Result<BucketConfigKinds[K]>>): Promise<void> {
  store().set(kind, profileId, bucket, reloading(selectBucketConfig(store(), kind, profileId, bucket)));
  store().set(kind, profileId, bucket, fromResult(await read()));
}

/** Saves one kind; on success the section shows it as the server now has it. */
async function save<K extends BucketConfigKind>(kind: K, profileId: string, bucket: string, write: () => Promise<Result<BucketConfigKinds[K]>>) {
  const result = await write();
  if (result.ok) store().set(kind, profileId, bucket, ready(result.data));
  return result;
}

export const loadBucketCors = (profileId: string, bucket: string) => load('cors', profileId, bucket, () => api.s3.bucketCors({ profileId, bucket }));

/** Saves the bucket's whole list of CORS rules. */
export const saveBucketCors = (profileId: string, bucket: string, rules: CorsRule[]): Promise<Result<BucketCors>> =>
  save('cors', profileId, bucket, () => api.s3.setBucketCors({ profileId, bucket, rules }));

export const loadBucketLifecycle = (profileId: string, bucket: string) =>
  load('lifecycle', profileId, bucket, () => api.s3.bucketLifecycle({ profileId, bucket }));

/** Saves the bucket's whole list of lifecycle rules. */
export const saveBucketLifecycle = (profileId: string, bucket: string, rules: LifecycleRule[]): Promise<Result<BucketLifecycle>> =>
  save('lifecycle', profileId, bucket, () => api.s3.setBucketLifecycle({ profileId, bucket, rules }));

export const loadBucketPolicy = (profileId: string, bucket: string) => load('policy', profileId, bucket, () => api.s3.bucketPolicy({ profileId, bucket }));

/** Saves the bucket's policy (JSON text), or removes it (null). */
export const saveBucketPolicy = (profileId: string, bucket: string, policy: string | null): Promise<Result<BucketPolicy>> =>
  save('policy', profileId, bucket, () => api.s3.setBucketPolicy({ profileId, bucket, policy }));

export const loadPublicAccessBlock = (profileId: string, bucket: string) =>
  load('publicAccess', profileId, bucket, () => api.s3.publicAccessBlock({ profileId, bucket }));

/** Saves the bucket's Block Public Access switches; the Public switches then read again why they are on or off. */
export async function savePublicAccessBlock(profileId: string, bucket: string, block: PublicAccessBlock): Promise<Result<PublicAccessBlock>> {
  const result = await save('publicAccess', profileId, bucket, () => api.s3.setPublicAccessBlock({ profileId, bucket, block }));
  if (result.ok) await loadBucketAccess(profileId, bucket, true);
  return result;
}

export const loadBucketEncryption = (profileId: string, bucket: string) =>
  load('encryption', profileId, bucket, () => api.s3.bucketEncryption({ profileId, bucket }));

/** Sets the bucket's default encryption, or removes it (null). */
export const saveBucketEncryption = (profileId: string, bucket: string, rule: BucketEncryptionRule | null): Promise<Result<BucketEncryption>> =>
  save('encryption', profileId, bucket, () => api.s3.setBucketEncryption({ profileId, bucket, rule }));
