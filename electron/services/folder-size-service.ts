import type { ParsedRequestOf } from '../../shared/ipc/contract';
import type { JobStarted } from '../../shared/jobs';
import { sizeInWords } from '../../shared/folder-size';
import { jobIdOf, type JobRunner, type StartedJob } from './job-runner';
import type { S3ClientProvider } from './s3-client-factory';
import { toPailError } from './s3-errors';
import { listAllObjects } from './s3-keys';

/**
 * "Calculate size": counts the objects under a prefix, every level down, and the bytes they
 * hold, as a job whose progress carries the running totals (cancellable; a bucket of millions of
 * keys takes a listing page per 1,000).
 */
export class FolderSizeService {
  constructor(
    private readonly clients: S3ClientProvider,
    private readonly jobs: JobRunner,
  ) {}

  measure(request: ParsedRequestOf<'s3:folderSize'>): Promise<JobStarted> {
    return jobIdOf(this.startMeasure(request));
  }

  async startMeasure({ profileId, bucket, prefix }: ParsedRequestOf<'s3:folderSize'>): Promise<StartedJob> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    const where = prefix ? `${bucket}/${prefix}` : bucket;
    return this.jobs.start('folderSize', `Calculating the size of ${where}`, async (context) => {
      let objects = 0;
      let bytes = 0;
      context.progress({ done: 0, bytes: 0, phase: 'Counting objects' });
      try {
        for await (const page of listAllObjects(client, bucket, prefix, context.signal, profile.endpoint)) {
          for (const object of page) bytes += object.size;
          objects += page.length;
          context.progress({ done: objects, bytes, phase: `${sizeInWords(objects, bytes)} so far` });
        }
      } catch (error) {
        throw toPailError(error, `calculating the size of ${where}`, profile.endpoint);
      }
      return { summary: `${where} holds ${sizeInWords(objects, bytes)}.`, done: objects, bytes };
    });
  }
}
