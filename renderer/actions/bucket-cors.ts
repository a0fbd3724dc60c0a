import type { BucketCors, CorsRule } from '../../shared/cors';
import type { Result } from '../../shared/errors';
import { fromResult, ready, reloading } from '../../shared/loadable';
import { api } from '../api';
import { selectBucketCors, useBucketCorsStore } from '../stores/bucket-cors';

const store = () => useBucketCorsStore.getState();

/** Reads a bucket's CORS rules (what was shown stays while they load again). */
export async function loadBucketCors(profileId: string, bucket: string): Promise<void> {
  store().set(profileId, bucket, reloading(selectBucketCors(store(), profileId, bucket)));
  store().set(profileId, bucket, fromResult(await api.s3.bucketCors({ profileId, bucket })));
}

/** Saves the bucket's whole list of rules; on success the section shows them as the server now has them. */
export async function saveBucketCors(profileId: string, bucket: string, rules: CorsRule[]): Promise<Result<BucketCors>> {
  const result = await api.s3.setBucketCors({ profileId, bucket, rules });
  if (result.ok) store().set(profileId, bucket, ready(result.data));
  return result;
}
