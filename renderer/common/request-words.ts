import type { RequestChannel } from '../../shared/ipc/channels';
import { countOf } from '../../shared/counts';

/** What a request does, in words, for the notice shown while the server does not answer. */
export function describeRequest(channel: RequestChannel, request: unknown): string {
  const r = (request ?? {}) as { bucket?: string; prefix?: string; key?: string; keys?: string[]; url?: string };
  const where = r.bucket ? `${r.bucket}/${r.prefix ?? ''}` : '';
  switch (channel) {
    case 's3:listBuckets':
      return 'Listing buckets';
    case 's3:listObjects':
      return `Listing ${where}`;
    case 's3:listVersions':
      return `Listing versions in ${where}`;
    case 's3:objectDetails':
      return `Reading the details of ${r.key}`;
    case 's3:readText':
      return `Reading ${r.key}`;
    case 's3:objectAccess':
      return `Reading who may access ${countOf(r.keys?.length ?? 0, 'object')}`;
    case 's3:bucketAccess':
      return `Reading who may access ${r.bucket}`;
    case 's3:versioning':
      return `Reading the versioning of ${r.bucket}`;
    case 's3:listUnfinishedUploads':
      return `Listing the unfinished uploads in ${r.bucket}`;
    case 's3:bucketCors':
      return `Reading the CORS rules of ${r.bucket}`;
    case 's3:bucketLifecycle':
      return `Reading the lifecycle rules of ${r.bucket}`;
    case 's3:bucketPolicy':
      return `Reading the policy of ${r.bucket}`;
    case 's3:objectTags':
      return `Reading the tags of ${r.key}`;
    case 's3:bucketTags':
      return `Reading the tags of ${r.bucket}`;
    case 's3:folderSize':
      return 'Starting to count';
    case 's3:grants':
      return `Reading the ACL of ${r.key ?? r.bucket}`;
    case 's3:abortUploads':
      return 'Starting to abort the uploads';
    case 's3:bucketStats':
      return `Counting what ${r.bucket} holds`;
    case 'links:check':
      return 'Checking the link';
    case 's3:createBucket':
    case 's3:createFolder':
    case 's3:updateMetadata':
    case 's3:setVersioning':
    case 's3:setBucketAccess':
    case 's3:restoreVersion':
    case 's3:deleteVersion':
    case 's3:setBucketCors':
    case 's3:setBucketLifecycle':
    case 's3:setBucketPolicy':
    case 's3:setObjectTags':
    case 's3:setBucketTags':
    case 's3:setGrants':
      return 'Saving the change';
    default:
      return channel.startsWith('transfers:') ? 'Starting the transfer' : 'Waiting for the server';
  }
}
