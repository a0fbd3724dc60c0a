import type { UploadEncryption } from './encryption';
import { extensionOf } from './content-type';
import { bucketUploadsOf, type BucketUploadSettings, type Profile } from './profile';
import type { UploadAcl } from './providers';

/**
 * What uploads into one bucket get when a batch says nothing: the bucket's own
 * settings, else the profile's (only access and Cache-Control have profile-wide
 * defaults). Absent fields are left out, so a batch's field wins over them.
 */
export interface UploadDefaults {
  acl: UploadAcl;
  cacheControl?: string;
  contentDisposition?: string;
  storageClass?: string;
  metadata?: Record<string, string>;
  /** Content-Type by lower-case file extension without the dot. */
  contentTypes?: Record<string, string>;
  /** The encryption uploads ask for. */
  encryption?: UploadEncryption;
}

/** The upload defaults of `bucket` in `profile`: each of the bucket's settings over the profile's. */
export function bucketUploadDefaults(profile: Pick<Profile, 'defaultUploadAcl' | 'uploadCacheControl' | 'bucketUploads'>, bucket: string): UploadDefaults {
  const own: BucketUploadSettings = bucketUploadsOf(profile, bucket) ?? {};
  const cacheControl = own.cacheControl || profile.uploadCacheControl || undefined;
  return {
    acl: own.acl ?? profile.defaultUploadAcl,
    ...(cacheControl && { cacheControl }),
    ...(own.contentDisposition && { contentDisposition: own.contentDisposition }),
    ...(own.storageClass && { storageClass: own.storageClass }),
    ...(own.metadata && Object.keys(own.metadata).length > 0 && { metadata: own.metadata }),
    ...(own.contentTypes && Object.keys(own.contentTypes).length > 0 && { contentTypes: own.contentTypes }),
    ...(own.encryption && { encryption: own.encryption }),
  };
}

/**
 * The Content-Type an object named `name` gets: one type for every file, else the batch's type
 * for its extension, else the bucket's, else the one detected from the name or the source.
 */
export function contentTypeFor(
  name: string,
  detected: string,
  batch: { contentType?: string; contentTypes?: Record<string, string> },
  defaults: Pick<UploadDefaults, 'contentTypes'>,
): string {
  const ext = extensionOf(name);
  const byExtension = ext ? (batch.contentTypes?.[ext] ?? defaults.contentTypes?.[ext]) : undefined;
  return batch.contentType ?? byExtension ?? detected;
}
