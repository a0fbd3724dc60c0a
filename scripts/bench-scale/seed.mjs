// The folders the scale benchmark lists: s3://pail-bench-scale-<n>/big/ holding n empty objects,
// seeded once per gateway and kept. A marker object, written only after every key is in, lets a
// later run skip the seeding (minutes at a million keys) after a single GET; an interrupted seeding
// leaves no marker, and the next run lists what is there and PUTs only the rest.
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { benchClient, bucketExists, seedFolder } from '../bench/s3.mjs';
import { checkRoomToSeed } from './memory-room.mjs';

/** The marker's key, at the bucket's root beside big/. */
export const MARKER_KEY = 'bench-scale-seeded.json';

/**
 * PUTs in flight while seeding. Measured with 10,000 new empty objects a run on the shared 2-core
 * machine (load 10–18): 32 in flight 900 PUTs/s; 96 1,330 and 650; 128 790; 256 1,440 and 640;
 * 512 800; two worker threads of 128 each 1,190. The gateway, not the client, is the limit (the
 * client spends about 0.2 ms of CPU a PUT): past a hundred or so in flight the machine's other
 * work moves the rate more than the count does, and more threads only take CPU from the gateway.
 */
export const SEED_CONCURRENCY = 256;

/** The bucket that holds the `keys`-key folder. */
export const listingBucket = (keys) => `pail-bench-scale-${keys}`;

/** The marker's contents ({ keys, put, seconds, rate, concurrency, at }) when the bucket has one, else undefined. */
async function readMarker(client, bucket) {
  if (!(await bucketExists(client, bucket))) return undefined;
  try {
    const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: MARKER_KEY }));
    return JSON.parse(await Body.transformToString());
  } catch (error) {
    if (error?.$metadata?.httpStatusCode === 404) return undefined;
    throw error;
  }
}

/**
 * Makes sure the `keys`-key folder is seeded. Returns { bucket, keys, put, seconds, rate,
 * concurrency, earlier }: `put` PUTs made now and their time, or `earlier` (the marker's figures)
 * when a past run seeded it.
 */
export async function ensureListingFolder(gateway, keys, { concurrency = SEED_CONCURRENCY, log }) {
  const bucket = listingBucket(keys);
  const client = benchClient(gateway, { sockets: 2 });
  try {
    const earlier = await readMarker(client, bucket);
    if (earlier?.keys === keys) {
      log(`s3://${bucket}/big/ was seeded by an earlier run (${earlier.put.toLocaleString('en-US')} PUTs in ${earlier.seconds.toFixed(1)} s)`);
      return { bucket, keys, put: 0, earlier };
    }
    // Keys a stopped seeding left are not counted first: the check assumes all of them go in.
    checkRoomToSeed(gateway, keys);
    const seeding = await seedFolder(gateway, bucket, keys, { concurrency, body: Buffer.alloc(0), log });
    const figures = { keys, put: seeding.put, seconds: seeding.ms / 1000, rate: seeding.rate, concurrency, at: new Date().toISOString() };
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: MARKER_KEY, Body: JSON.stringify(figures), ContentType: 'application/json' }));
    if (seeding.put > 0) log(`seeded ${seeding.put.toLocaleString('en-US')} keys in ${figures.seconds.toFixed(1)} s (${Math.round(seeding.rate)} PUTs/s)`);
    return { bucket, keys, put: seeding.put, seconds: figures.seconds, rate: seeding.rate, concurrency };
  } finally {
    client.destroy();
  }
}
