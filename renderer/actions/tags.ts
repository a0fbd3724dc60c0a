import type { Result } from '../../shared/errors';
import { fromResult, ready, reloading } from '../../shared/loadable';
import type { Tag, TagSet } from '../../shared/tags';
import { api } from '../api';
import { selectTags, useTagsStore, type TagPlace } from '../stores/tags';

const store = () => useTagsStore.getState();

/** Reads the tags of an object or a bucket (what was shown stays while they load again). */
export async function loadTags(place: TagPlace): Promise<void> {
  store().set(place, reloading(selectTags(store(), place)));
  const { profileId, bucket, key, versionId } = place;
  const result = key === undefined ? await api.s3.bucketTags({ profileId, bucket }) : await api.s3.objectTags({ profileId, bucket, key, versionId });
  store().set(place, fromResult(result));
}

/** Replaces the tags of an object or a bucket; on success the section shows them as saved. */
export async function saveTags(place: TagPlace, tags: Tag[]): Promise<Result<TagSet>> {
  const { profileId, bucket, key, versionId } = place;
  const result =
    key === undefined ? await api.s3.setBucketTags({ profileId, bucket, tags }) : await api.s3.setObjectTags({ profileId, bucket, key, versionId, tags });
  if (result.ok) store().set(place, ready(result.data));
  return result;
}
