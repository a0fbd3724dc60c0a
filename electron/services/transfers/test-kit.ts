import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { BatchSnapshot, BatchStarted, ConflictPolicy, TransferProgressEvent } from '../../../shared/transfers';
import { freshServices, gatewayProfileFields } from '../../test-support/gateway';
import { unfinishedUploads } from '../../test-support/leftovers';
import type { AppServices } from '../../app-services';
import type { RetryPolicy } from './engine/retry';
import type { TransferTuning } from './engine/task-types';
import { createTransferService, type DownloadBatchRequest, type TransferEvents, type TransferService } from './engine/transfer-service';
import type { DownloadSpec } from './tasks/download-plan';
import type { UploadSource } from './io/local-tree';

/** Small sizes so tests make multipart uploads and chunked downloads from modest files (S3's minimum part is 5 MiB). */
export const SMALL_PARTS: Partial<TransferTuning> = {
  multipartThreshold: 5 * 1024 * 1024,
  minPartSize: 5 * 1024 * 1024,
  downloadChunkSize: 5 * 1024 * 1024,
};

/** Quick retries, so fault tests do not wait seconds between tries. */
export const FAST_RETRY: Partial<RetryPolicy> = { attempts: 8, baseDelayMs: 20, maxDelayMs: 200 };

/** A transfer service over a fresh data folder with a profile for gateway user 0 (optionally through a proxy). */
export async function transferFixture(
  options: {
    endpoint?: string;
    tuning?: Partial<TransferTuning>;
    retry?: Partial<RetryPolicy>;
    dataDir?: string;
    services?: AppServices;
    /** Plays the page of the web transport: answers the engine's asks for bodies. */
    bodyWanted?: TransferEvents['bodyWanted'];
  } = {},
) {
  const fresh = options.services ? undefined : await freshServices();
  const services = options.services ?? fresh!.services;
  const dataDir = options.dataDir ?? fresh!.dataDir;
  const existing = (await services.profiles.list())[0];
  const profile =
    existing ?? (await services.profiles.create({ ...gatewayProfileFields(), name: 'gw', ...(options.endpoint && { endpoint: options.endpoint }) }));
  const progress: TransferProgressEvent[] = [];
  const finished: BatchSnapshot[] = [];
  const engine: TransferService = createTransferService(
    services.profiles,
    dataDir,
    { progress: (e) => progress.push(e), batchFinished: (b) => finished.push(b), ...(options.bodyWanted && { bodyWanted: options.bodyWanted }) },
    { tuning: { ...SMALL_PARTS, ...options.tuning }, retry: { ...FAST_RETRY, ...options.retry } },
  );
  const profileId = profile.id;
  return {
    services,
    dataDir,
    profileId,
    engine,
    progress,
    finished,
    /** Starts an upload of `sources` under `prefix` of the bucket (overwriting, unless `conflict` says otherwise). */
    upload: (bucket: string, prefix: string, sources: UploadSource[], conflict: ConflictPolicy = 'overwrite'): Promise<BatchStarted> =>
      engine.upload({ profileId, bucket, prefix, conflict, sources }),
    /** Starts a download of `specs` from the bucket into `targetDir` (overwriting, unless `conflict` says otherwise). */
    download: (bucket: string, targetDir: string, specs: DownloadSpec[], conflict: DownloadBatchRequest['conflict'] = 'overwrite'): Promise<BatchStarted> =>
      engine.download({ profileId, bucket, targetDir, conflict, specs }),
    dispose: async () => (await engine.dispose(), await fresh?.dispose()),
  };
}

/** Writes a file of `size` random bytes (in 4 MiB steps). */
export async function randomFile(path: string, size: number): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const file = await open(path, 'w');
  try {
    for (let at = 0; at < size; at += 4 << 20) await file.write(randomBytes(Math.min(4 << 20, size - at)));
  } finally {
    await file.close();
  }
  return path;
}

/** sha256 of a stream, in hex. */
export async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** sha256 of a local file. */
export function sha256File(path: string): Promise<string> {
  return sha256Of(createReadStream(path));
}

/** sha256 of an object, read straight from the gateway. */
export async function sha256Object(client: S3Client, bucket: string, key: string): Promise<string> {
  const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return sha256Of(out.Body as Readable);
}

/** Unfinished multipart uploads in a bucket (every page), sorted. */
export const openUploads = unfinishedUploads;
