// S3 helpers for the listing benchmark: a tuned client, key names, counting,
// seeding with many PUTs in flight, and removing the bucket afterwards.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createFastPut } from './fast-put.mjs';
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectsCommand, HeadBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';

/** The folder every benchmark key lives in. */
export const FOLDER = 'big/';

/** The name of the i-th key (1-based): big/item-000001.txt; six digits at least so names sort as numbers. */
export function keyName(i, total) {
  const width = Math.max(6, String(total).length);
  return `${FOLDER}item-${String(i).padStart(width, '0')}.txt`;
}

/**
 * An SDK client as Pail builds one for Ceph (path style, checksums only when required), with a
 * keep-alive agent sized for `sockets` requests in flight.
 */
export function benchClient(gateway, { sockets = 50, requestTimeout = 60_000, maxAttempts = 3 } = {}) {
  const user = gateway.users[0];
  return new S3Client({
    endpoint: gateway.endpoint,
    region: gateway.region,
    forcePathStyle: true,
    credentials: { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts,
    requestHandler: {
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets }),
      // A gateway seen over HTTPS (bench-scale --scheme https) is trusted through its test CA.
      ...(gateway.endpoint.startsWith('https:') && {
        httpsAgent: new https.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets, ca: fs.readFileSync(gateway.caBundle) }),
      }),
      connectionTimeout: 10_000,
      requestTimeout,
    },
  });
}

/** True when the bucket exists and this key may use it. */
export async function bucketExists(client, bucket) {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (error) {
    if (error?.$metadata?.httpStatusCode === 404) return false;
    throw error;
  }
}

/** Every key under a prefix (no delimiter), as a Set. */
export async function listKeys(client, bucket, prefix) {
  const keys = new Set();
  let token;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const item of page.Contents ?? []) keys.add(item.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/**
 * Runs `task(i)` for i = 0 … count-1 with `concurrency` in flight; `onProgress(done)` at most
 * every `progressMs`. The first failure (after the SDK's own retries) stops the run.
 */
export async function pool(count, concurrency, task, onProgress, progressMs = 5_000) {
  let next = 0;
  let done = 0;
  let failure;
  let lastReport = Date.now();
  const worker = async () => {
    while (failure === undefined && next < count) {
      const i = next++;
      try {
        await task(i);
      } catch (error) {
        failure ??= error;
        return;
      }
      done += 1;
      if (onProgress && Date.now() - lastReport >= progressMs) {
        lastReport = Date.now();
        onProgress(done);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (failure !== undefined) throw failure;
  return done;
}

/**
 * Makes sure `bucket` holds keys 1…total under FOLDER, PUTting only the missing ones with
 * `concurrency` requests in flight (hand-signed: see fast-put.mjs), each holding `body`. Returns
 * what it did, with the PUT rate.
 */
export async function seedFolder(gateway, bucket, total, { concurrency = 96, body = Buffer.from('x\n'), log = () => {} } = {}) {
  const client = benchClient(gateway, { sockets: 4 });
  const put = createFastPut(gateway, bucket, body, { sockets: concurrency });
  try {
    let existing = new Set();
    if (await bucketExists(client, bucket)) {
      const started = performance.now();
      existing = await listKeys(client, bucket, FOLDER);
      log(
        `bucket ${bucket} exists and holds ${existing.size.toLocaleString('en-US')} keys under ${FOLDER} (counted in ${Math.round(performance.now() - started)} ms)`,
      );
    } else {
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
      log(`created bucket ${bucket}`);
    }
    const missing = [];
    for (let i = 1; i <= total; i += 1) {
      const key = keyName(i, total);
      if (!existing.delete(key)) missing.push(key);
    }
    if (existing.size > 0) {
      throw new Error(`${bucket}/${FOLDER} holds ${existing.size} keys this benchmark did not expect: use another gateway or remove the bucket`);
    }
    if (missing.length === 0) return { put: 0, ms: 0, rate: undefined, concurrency };
    log(`seeding ${missing.length.toLocaleString('en-US')} keys with ${concurrency} PUTs in flight…`);
    const started = performance.now();
    await pool(
      missing.length,
      concurrency,
      (i) => put(missing[i]),
      (done) => {
        const seconds = (performance.now() - started) / 1000;
        log(`  ${done.toLocaleString('en-US')} of ${missing.length.toLocaleString('en-US')} keys, ${Math.round(done / seconds)} PUTs/s`);
      },
    );
    const ms = performance.now() - started;
    return { put: missing.length, ms, rate: missing.length / (ms / 1000), concurrency };
  } finally {
    put.close();
    client.destroy();
  }
}

/** Deletes every object of the bucket (1,000 per request, a few requests in flight) and the bucket. */
export async function removeBucket(gateway, bucket, { log = () => {} } = {}) {
  const client = benchClient(gateway, { sockets: 8, requestTimeout: 120_000, maxAttempts: 5 });
  try {
    if (!(await bucketExists(client, bucket))) return;
    const keys = [...(await listKeys(client, bucket, ''))];
    const batches = [];
    for (let i = 0; i < keys.length; i += 1000) batches.push(keys.slice(i, i + 1000));
    log(`removing ${keys.length.toLocaleString('en-US')} keys and bucket ${bucket}…`);
    await pool(batches.length, 6, (i) =>
      client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batches[i].map((Key) => ({ Key })), Quiet: true } })),
    );
    await client.send(new DeleteBucketCommand({ Bucket: bucket }));
  } finally {
    client.destroy();
  }
}
