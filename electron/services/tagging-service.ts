import {
  DeleteBucketTaggingCommand,
  DeleteObjectTaggingCommand,
  GetBucketTaggingCommand,
  GetObjectTaggingCommand,
  PutBucketTaggingCommand,
  PutObjectTaggingCommand,
  type Tag as SdkTag,
} from '@aws-sdk/client-s3';
import type { ParsedRequestOf } from '../../shared/ipc/contract';
import type { Tag, TagSet } from '../../shared/tags';
import type { S3ClientProvider } from './s3-client-factory';
import { toPailError } from './s3-errors';

const fromSdk = (tags: SdkTag[] | undefined): Tag[] => (tags ?? []).map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' }));
const toSdk = (tags: Tag[]): SdkTag[] => tags.map((tag) => ({ Key: tag.key, Value: tag.value }));

/** Object and bucket tags: read, and replaced as a whole (no tags: the tag set is removed). */
export class TaggingService {
  constructor(private readonly clients: S3ClientProvider) {}

  async objectTags({ profileId, bucket, key, versionId }: ParsedRequestOf<'s3:objectTags'>, { signal }: { signal?: AbortSignal } = {}): Promise<TagSet> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      const answer = await client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key, VersionId: versionId }), { abortSignal: signal });
      return { tags: fromSdk(answer.TagSet) };
    } catch (error) {
      throw toPailError(error, `reading the tags of ${key}`, profile.endpoint);
    }
  }

  async setObjectTags({ profileId, bucket, key, versionId, tags }: ParsedRequestOf<'s3:setObjectTags'>): Promise<TagSet> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      if (tags.length) await client.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: key, VersionId: versionId, Tagging: { TagSet: toSdk(tags) } }));
      else await client.send(new DeleteObjectTaggingCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
    } catch (error) {
      throw toPailError(error, `saving the tags of ${key}`, profile.endpoint);
    }
    return this.objectTags({ profileId, bucket, key, versionId });
  }

  /** A bucket's tags; none when it has no tag set. */
  async bucketTags({ profileId, bucket }: ParsedRequestOf<'s3:bucketTags'>, { signal }: { signal?: AbortSignal } = {}): Promise<TagSet> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      const answer = await client.send(new GetBucketTaggingCommand({ Bucket: bucket }), { abortSignal: signal });
      return { tags: fromSdk(answer.TagSet) };
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchTagSet' || (error as { name?: string }).name === 'NoSuchTagSetError') return { tags: [] };
      throw toPailError(error, `reading the tags of ${bucket}`, profile.endpoint);
    }
  }

  async setBucketTags({ profileId, bucket, tags }: ParsedRequestOf<'s3:setBucketTags'>): Promise<TagSet> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      if (tags.length) await client.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: toSdk(tags) } }));
      else await client.send(new DeleteBucketTaggingCommand({ Bucket: bucket }));
    } catch (error) {
      throw toPailError(error, `saving the tags of ${bucket}`, profile.endpoint);
    }
    return this.bucketTags({ profileId, bucket });
  }
}
