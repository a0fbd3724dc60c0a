// The gateway's side of the transfer benchmark: the source object every client downloads, checks
// of what a client uploaded, deleting it, and making the in-memory store free that space at once
// (it holds 3 GiB; a 1 GiB upload left waiting for Ceph's garbage collector would fill it).
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { bucketExists, pool } from '../bench/s3.mjs';

/** Creates the bucket unless it exists. */
export async function ensureBucket(client, bucket) {
  if (!(await bucketExists(client, bucket))) await client.send(new CreateBucketCommand({ Bucket: bucket }));
}

/** Uploads a local file with the SDK's multipart Upload (16 MiB parts, 4 at once): the object the downloads read. */
export async function putSource(client, bucket, key, file) {
  const upload = new Upload({
    client,
    params: { Bucket: bucket, Key: key, Body: fs.createReadStream(file, { highWaterMark: 1 << 20 }) },
    partSize: 16 * 1024 * 1024,
    queueSize: 4,
  });
  await upload.done();
}

/** Presigned PUT and GET URLs of one key, valid for an hour (curl's rows). */
export async function presign(client, bucket, key) {
  return {
    put: await getSignedUrl(client, new PutObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 3600 }),
    get: await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 3600 }),
  };
}

/** SHA-256 (hex) of an object, streamed through the hash. */
export async function objectSha256(client, bucket, key) {
  const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const hash = crypto.createHash('sha256');
  for await (const chunk of Body) hash.update(chunk);
  return hash.digest('hex');
}

/** Every object under a prefix: Map of key → { size, etag } (the ETag without quotes). */
export async function listObjects(client, bucket, prefix) {
  const objects = new Map();
  let token;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const item of page.Contents ?? []) objects.set(item.Key, { size: item.Size, etag: item.ETag?.replace(/"/g, '') });
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

/** Deletes every object under a prefix and aborts multipart uploads left there (a failed client's). */
export async function deletePrefix(client, bucket, prefix) {
  const keys = [...(await listObjects(client, bucket, prefix)).keys()];
  const batches = [];
  for (let i = 0; i < keys.length; i += 1000) batches.push(keys.slice(i, i + 1000));
  await pool(batches.length, 4, (i) =>
    client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batches[i].map((Key) => ({ Key })), Quiet: true } })),
  );
  const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix }));
  for (const u of uploads.Uploads ?? []) {
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.Key, UploadId: u.UploadId }));
  }
  return keys.length;
}

/** The OSD's store figures from its admin socket: { used, total } in bytes, or undefined when unreadable. */
export function storeUsage(gateway) {
  if (!gateway.dir) return undefined;
  const run = spawnSync('ceph', ['--admin-daemon', path.join(gateway.dir, 'run/osd.0.asok'), 'perf', 'dump'], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  try {
    const osd = JSON.parse(run.stdout).osd;
    return { used: osd.stat_bytes_used, total: osd.stat_bytes };
  } catch {
    return undefined;
  }
}

/**
 * Runs Ceph's garbage collector over everything deleted so far (it would otherwise wait 30 s or
 * more), then waits until the store has room for `needBytes` more below 80 % full. Returns the
 * usage it saw last.
 */
export async function freeSpace(gateway, needBytes, { log = () => {}, timeoutMs = 180_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gateway.dir) {
      const gc = spawnSync('radosgw-admin', ['-c', path.join(gateway.dir, 'ceph.conf'), 'gc', 'process', '--include-all'], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      if (gc.status !== 0) log(`radosgw-admin gc process failed (${gc.status ?? gc.signal}): ${String(gc.stderr).trim().slice(0, 200)}`);
    }
    const usage = storeUsage(gateway);
    if (!usage || usage.used + needBytes < usage.total * 0.8) return usage;
    // Ceph's in-memory store can report more bytes used than it has (its counter wrapped below zero after a
    // million deletes here): a figure it cannot hold says nothing about room, and waiting on it never ends.
    if (usage.used > usage.total) {
      log(`the store reports ${Math.round(usage.used / 1e6)} MB used of ${Math.round(usage.total / 1e6)} MB, which cannot be: going on`);
      return undefined;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `the gateway's store holds ${Math.round(usage.used / 1e6)} MB of ${Math.round(usage.total / 1e6)} MB and did not free room for ${Math.round(needBytes / 1e6)} MB more`,
      );
    }
    log(`store ${Math.round(usage.used / 1e6)} of ${Math.round(usage.total / 1e6)} MB used: waiting for room…`);
    await new Promise((r) => setTimeout(r, 5_000));
  }
}
