import { CreateBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createFastPut } from '../scripts/bench/fast-put.mjs';
import type { GatewayInfo } from './fixtures';

/**
 * The suite's two big buckets: a folder of 100,000 objects (big-folder.spec.ts) and one of 20,000 small files
 * (transfers-scale.spec.ts). Seeding them is most of those tests' cost (120,000 PUTs), so global setup seeds both
 * before any test runs, with the gateway to themselves (seeding beside other tests ran at a third of the pace);
 * each spec calls its seeder too, which returns at once on a seeded gateway, so a spec run alone still works. A
 * marker object written last says a bucket is complete; buckets are kept, so a rerun on the same gateway skips it.
 */

export const BIG_FOLDER = { bucket: 'pail-e2e-big-folder', count: 100_000, keyOf: (i: number) => `big/k-${String(i).padStart(5, '0')}` };
export const MANY_FILES = {
  bucket: 'pail-e2e-scale-20000',
  count: 20_000,
  keyOf: (i: number) => `many/d${String(Math.floor(i / 200)).padStart(2, '0')}/f${String(i % 200).padStart(3, '0')}.txt`,
  bodyOf: (i: number) => `file ${i}`,
};

/** PUTs in flight while seeding: past a hundred or so the gateway, not the count, sets the pace (scripts/bench-scale/seed.mjs). */
const SEED_IN_FLIGHT = 96;

/** A client for the marker and the bucket (a few requests). */
function seedingClient(gateway: GatewayInfo): S3Client {
  return new S3Client({
    endpoint: gateway.endpoint,
    region: gateway.region,
    forcePathStyle: true,
    credentials: { accessKeyId: gateway.users[0].accessKeyId, secretAccessKey: gateway.users[0].secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
  });
}

/** Fills `bucket` with `count` objects (created if missing), unless its marker says it is complete. */
async function seedOnce(
  gateway: GatewayInfo,
  bucket: string,
  count: number,
  keyOf: (i: number) => string,
  bodyOf: (i: number) => string = () => '',
): Promise<void> {
  const client = seedingClient(gateway);
  const marker = `seeded-${count}`;
  try {
    const seeded = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: marker })).then(
      () => true,
      () => false,
    );
    if (seeded) return;
    await client.send(new CreateBucketCommand({ Bucket: bucket })).catch((error: { name?: string }) => {
      if (error.name !== 'BucketAlreadyOwnedByYou') throw error;
    });
    // Hand-signed PUTs (scripts/bench/fast-put.mjs): an SDK PutObject costs this process about three times the CPU
    // (measured 1.2 against 0.35–0.47 ms a PUT), CPU the 2-core machine's gateway needs for the same PUTs.
    const put = createFastPut(gateway, bucket, Buffer.alloc(0), { sockets: SEED_IN_FLIGHT });
    try {
      let next = 0;
      await Promise.all(
        Array.from({ length: SEED_IN_FLIGHT }, async () => {
          while (next < count) {
            const i = next++;
            await put(keyOf(i), Buffer.from(bodyOf(i)));
          }
        }),
      );
    } finally {
      put.close();
    }
    // Written last: only a complete bucket is ever taken as seeded.
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: marker, Body: Buffer.alloc(0) }));
  } finally {
    client.destroy();
  }
}

export const seedBigFolder = (gateway: GatewayInfo) => seedOnce(gateway, BIG_FOLDER.bucket, BIG_FOLDER.count, BIG_FOLDER.keyOf);
export const seedManyFiles = (gateway: GatewayInfo) => seedOnce(gateway, MANY_FILES.bucket, MANY_FILES.count, MANY_FILES.keyOf, MANY_FILES.bodyOf);
