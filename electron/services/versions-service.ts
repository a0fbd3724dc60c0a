import { DeleteObjectCommand, GetBucketVersioningCommand, HeadObjectCommand, ListObjectVersionsCommand, PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { displayName } from '../../shared/s3-names';
import type { Cancellable } from '../../shared/async';
import type { ParsedRequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { VersionEntry, VersionPage } from '../../shared/versions';
import type { S3ClientProvider } from './s3-client-factory';
import { copyWithinServer } from './s3-copy';
import { toPailError } from './s3-errors';
import { decodeListedKey, folderLevel } from './s3-browse-service';
import { lastVersionListed } from './s3-keys';

/** Versioning: its state, listing versions and delete markers, restoring and deleting a version. */
export class VersionsService {
  constructor(private readonly clients: S3ClientProvider) {}

  /** Whether versioning is on, suspended or was never turned on. */
  async status({ profileId, bucket }: ParsedRequestOf<'s3:versioning'>, { signal }: Cancellable = {}): Promise<ResponseOf<'s3:versioning'>> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      const out = await client.send(new GetBucketVersioningCommand({ Bucket: bucket }), { abortSignal: signal });
      return { status: out.Status === 'Enabled' || out.Status === 'Suspended' ? out.Status : 'Off' };
    } catch (error) {
      throw toPailError(error, `reading the versioning of ${bucket}`, profile.endpoint);
    }
  }

  /** Turns versioning on, or suspends it (S3 cannot turn it off once it was on). */
  async setStatus({ profileId, bucket, enabled }: ParsedRequestOf<'s3:setVersioning'>): Promise<ResponseOf<'s3:setVersioning'>> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      await client.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: enabled ? 'Enabled' : 'Suspended' } }));
    } catch (error) {
      throw toPailError(error, `changing the versioning of ${bucket}`, profile.endpoint);
    }
    return this.status({ profileId, bucket });
  }

  /** One page of one folder level's versions and delete markers (Delimiter "/"). */
  async list(request: ParsedRequestOf<'s3:listVersions'>, { signal }: Cancellable = {}): Promise<VersionPage> {
    const { client, profile } = await this.clients.clientFor(request.profileId, request.bucket);
    try {
      const out = await client.send(
        new ListObjectVersionsCommand({
          ...folderLevel(request.bucket, request.prefix),
          KeyMarker: request.keyMarker,
          VersionIdMarker: request.versionIdMarker,
          MaxKeys: 1000,
        }),
        { abortSignal: signal },
      );
      const encoded = out.EncodingType === 'url';
      const decode = (v: string) => decodeListedKey(v, encoded);
      // What a version and a delete marker both have; only a version has a size, an ETag and a storage class.
      const entry = (v: { Key?: string; VersionId?: string; IsLatest?: boolean; LastModified?: Date; Size?: number }, isDeleteMarker: boolean) => ({
        kind: 'version' as const,
        key: decode(v.Key ?? ''),
        name: '',
        versionId: v.VersionId ?? 'null',
        isLatest: !!v.IsLatest,
        isDeleteMarker,
        size: v.Size ?? 0,
        ...(v.LastModified && { lastModified: v.LastModified.toISOString() }),
      });
      const versions: VersionEntry[] = [
        ...(out.Versions ?? []).map((v) => ({ ...entry(v, false), ...(v.ETag && { etag: v.ETag }), ...(v.StorageClass && { storageClass: v.StorageClass }) })),
        ...(out.DeleteMarkers ?? []).map((m) => entry(m, true)),
      ]
        // A folder's own marker is the folder, not an entry in it.
        .filter((v) => !(request.prefix.endsWith('/') && v.key === request.prefix))
        .map((v) => ({ ...v, name: displayName(v.key, request.prefix) }))
        // Each object's versions together, newest first.
        .sort((a, b) => (a.key === b.key ? (b.lastModified ?? '').localeCompare(a.lastModified ?? '') : a.key < b.key ? -1 : 1));
      const page: VersionPage = {
        bucket: request.bucket,
        prefix: request.prefix,
        folders: (out.CommonPrefixes ?? [])
          .filter((p) => p.Prefix)
          .map((p) => ({ kind: 'folder', prefix: decode(p.Prefix!), name: displayName(decode(p.Prefix!), request.prefix) })),
        versions,
      };
      if (out.IsTruncated) {
        // Continue after the last entry (a version, marker or folder) this page listed.
        const last = lastVersionListed(out.Versions, out.DeleteMarkers, encoded);
        const lastFolder = page.folders.at(-1)?.prefix;
        if (lastFolder && (!last || lastFolder > last.key)) page.nextKeyMarker = lastFolder;
        else if (last) {
          page.nextKeyMarker = last.key;
          if (last.versionId) page.nextVersionIdMarker = last.versionId;
        }
      }
      return page;
    } catch (error) {
      throw toPailError(error, `listing versions in ${request.bucket}/${request.prefix}`, profile.endpoint);
    }
  }

  /** Makes an old version the current one again, by copying it over the latest. */
  async restore({ profileId, bucket, key, versionId }: ParsedRequestOf<'s3:restoreVersion'>): Promise<ResponseOf<'s3:restoreVersion'>> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
      await copyWithinServer(client, {
        sourceBucket: bucket,
        sourceKey: key,
        sourceVersionId: versionId,
        targetBucket: bucket,
        targetKey: key,
        size: head.ContentLength ?? 0,
      });
    } catch (error) {
      throw toPailError(error, `restoring a version of ${key}`, profile.endpoint);
    }
    return { restored: true };
  }

  /** Deletes one version (or delete marker) for good. */
  async deleteVersion({ profileId, bucket, key, versionId }: ParsedRequestOf<'s3:deleteVersion'>): Promise<ResponseOf<'s3:deleteVersion'>> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
    } catch (error) {
      throw toPailError(error, `deleting a version of ${key}`, profile.endpoint);
    }
    return { deleted: true };
  }
}
