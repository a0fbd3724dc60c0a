import { AbortMultipartUploadCommand, CreateBucketCommand, DeleteBucketCommand } from '@aws-sdk/client-s3';
import { bucketNameProblems } from '../../shared/bucket-rules';
import { ERROR_TEXT } from '../../shared/error-text';
import { PailError } from '../../shared/errors';
import type { BucketSummary, ParsedRequestOf } from '../../shared/ipc/contract';
import type { JobStarted } from '../../shared/jobs';
import { jobIdOf, type JobContext, type JobRunner, type StartedJob } from './job-runner';
import type { S3ClientProvider } from './s3-client-factory';
import { deleteKeys } from './delete-keys';
import { toPailError } from './s3-errors';
import { listAllUploads, listAllVersions } from './s3-keys';
import { formatCount } from '../../shared/counts';

/** How much a bucket holds, for the delete confirmation. */
export interface BucketStats {
  /** Current objects (latest versions that are not delete markers). */
  objects: number;
  /** Older versions and delete markers (versioned buckets). */
  versions: number;
  /** Unfinished multipart uploads. */
  uploads: number;
  /** True when counting stopped at the limit: there are more. */
  more: boolean;
}

/** Counting stops here; the confirmation then says "more than". */
export const STATS_LIMIT = 100_000;

/** Creates, measures and deletes buckets. */
export class BucketService {
  constructor(
    private readonly clients: S3ClientProvider,
    private readonly jobs: JobRunner,
  ) {}

  /** Creates a bucket, its name checked against S3's rules first, each broken rule explained. */
  async create({ profileId, name, region, objectLock }: ParsedRequestOf<'s3:createBucket'>): Promise<BucketSummary> {
    const problems = bucketNameProblems(name);
    if (problems.length) {
      throw new PailError({
        code: 'InvalidBucketName',
        message: `"${name}" is not a valid bucket name: ${problems.join(' ')}`,
        hint: ERROR_TEXT.InvalidBucketName.hint,
      });
    }
    const { client, profile } = await this.clients.clientFor(profileId, name);
    const location = region ?? profile.region;
    try {
      // us-east-1 is the one region that must not be named as a location constraint.
      const constraint = location === 'us-east-1' || profile.provider === 'cloudflare-r2' ? undefined : location;
      await client.send(
        new CreateBucketCommand({
          Bucket: name,
          ...(constraint && { CreateBucketConfiguration: { LocationConstraint: constraint as never } }),
          ...(objectLock && { ObjectLockEnabledForBucket: true }),
        }),
      );
    } catch (error) {
      throw toPailError(error, `creating bucket ${name}`, profile.endpoint);
    }
    return { name, createdAt: new Date().toISOString() };
  }

  /** Counts objects, versions and unfinished uploads (up to STATS_LIMIT). */
  async stats({ profileId, bucket }: ParsedRequestOf<'s3:bucketStats'>): Promise<BucketStats> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    const stats: BucketStats = { objects: 0, versions: 0, uploads: 0, more: false };
    try {
      for await (const page of listAllVersions(client, bucket)) {
        for (const v of page) {
          if (v.isLatest && !v.isDeleteMarker) stats.objects += 1;
          else stats.versions += 1;
        }
        if (stats.objects + stats.versions >= STATS_LIMIT) {
          stats.more = true;
          break;
        }
      }
      for await (const page of listAllUploads(client, bucket)) stats.uploads += page.length;
    } catch (error) {
      throw toPailError(error, `counting the contents of ${bucket}`, profile.endpoint);
    }
    return stats;
  }

  /** Deletes a bucket as a job (see `startDelete`); answers with the job's id. */
  delete(request: ParsedRequestOf<'s3:deleteBucket'>): Promise<JobStarted> {
    return jobIdOf(this.startDelete(request));
  }

  /**
   * Deletes a bucket. An empty one goes at once; a non-empty one only when
   * `confirmName` repeats its name: then every object, version, delete marker
   * and unfinished multipart upload is removed first, with progress.
   */
  async startDelete({ profileId, bucket, confirmName }: ParsedRequestOf<'s3:deleteBucket'>): Promise<StartedJob> {
    const stats = await this.stats({ profileId, bucket });
    const empty = stats.objects + stats.versions + stats.uploads === 0;
    if (!empty && confirmName !== bucket) {
      throw new PailError({
        code: 'BucketNotEmpty',
        message: `Bucket "${bucket}" holds ${stats.more ? 'more than ' : ''}${formatCount(stats.objects)} objects${stats.versions ? `, ${formatCount(stats.versions)} older versions` : ''}.`,
        hint: 'Type the bucket name to confirm that everything in it should be deleted.',
      });
    }
    return this.jobs.start('deleteBucket', `Deleting bucket ${bucket}`, (context) => this.empty(profileId, bucket, context));
  }

  private async empty(profileId: string, bucket: string, context: JobContext) {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    let done = 0;
    try {
      context.progress({ done, phase: 'Deleting objects and versions' });
      for await (const page of listAllVersions(client, bucket, '', context.signal)) {
        if (!page.length) continue;
        // Keys with control characters cannot go in DeleteObjects' XML: deleteKeys sends those alone.
        const before = done;
        const outcome = await deleteKeys(client, bucket, page, {
          signal: context.signal,
          endpoint: profile.endpoint,
          onProgress: (deleted) => context.progress({ done: before + deleted }),
        });
        outcome.failures.forEach((failure) => context.fail(failure));
        done += outcome.deleted;
      }
      context.progress({ done, phase: 'Aborting unfinished uploads' });
      for await (const page of listAllUploads(client, bucket)) {
        for (const upload of page) {
          await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: upload.key, UploadId: upload.uploadId }));
        }
      }
      if (context.signal.aborted) return { summary: '', done };
      context.progress({ done, phase: 'Deleting the bucket' });
      await client.send(new DeleteBucketCommand({ Bucket: bucket }));
    } catch (error) {
      throw toPailError(error, `deleting bucket ${bucket}`, profile.endpoint);
    }
    return { summary: `Deleted bucket ${bucket}${done ? ` and ${formatCount(done)} objects and versions in it` : ''}.`, done };
  }
}
