import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Agent as HttpsAgent } from 'node:https';
import { join } from 'node:path';
import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectAclCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Agent as UndiciAgent, fetch as undiciFetch } from 'undici';
import { inject } from 'vitest';
import { createAppServices, type AppServices } from '../app-services';
import { needsSingleDelete } from '../services/delete-keys';
import { listAllObjects, listAllVersions } from '../services/s3-keys';

/** What scripts/gateway.mjs reports about a running gateway. */
export interface GatewayInfo {
  endpoint: string;
  /** The same gateway over HTTPS, with a certificate issued by a private test CA. */
  httpsEndpoint: string;
  /** Path of that CA's PEM: what a client must trust to reach `httpsEndpoint`. */
  caBundle: string;
  region: string;
  /** The SSE-KMS key id the gateway knows (Ceph's testing KMS backend); encryption headers need HTTPS. */
  kmsKeyId: string;
  dir: string;
  users: { uid: string; accessKeyId: string; secretAccessKey: string }[];
}

/**
 * The gateway as a test project sees it: the "http" project talks to `endpoint` over plain HTTP, the
 * "https" project (vitest.config.ts) to the same gateway over HTTPS, `endpoint` then being the HTTPS
 * one and every profile and client of the helpers below trusting the test CA.
 */
export interface GatewayView extends GatewayInfo {
  scheme: 'http' | 'https';
  /** The plain-HTTP endpoint in either project: fault proxies read and rewrite HTTP, so they sit in front of it. */
  plainEndpoint: string;
  /** The https project: the test CA's PEM text, given to every profile the helpers make. */
  caPem?: string;
}

/** The gateway this test run uses, as this project sees it. */
export function gateway(): GatewayView {
  return inject('gateway');
}

/** The fields of a profile for a gateway user (path-style, trusting the test CA in the https project). */
export function gatewayProfileFields(user = 0) {
  const info = gateway();
  return {
    endpoint: info.endpoint,
    region: info.region,
    accessKeyId: info.users[user].accessKeyId,
    secretAccessKey: info.users[user].secretAccessKey,
    addressingStyle: 'path' as const,
    ...(info.caPem && { caBundle: info.caPem }),
  };
}

/**
 * A raw SDK client for one gateway user, to arrange and check test data directly: over the project's
 * scheme, or over HTTPS in either project with `tls` (what Ceph does only over TLS: encryption at rest).
 */
export function rawClient(user = 0, { tls = false }: { tls?: boolean } = {}): S3Client {
  const info = gateway();
  const { accessKeyId, secretAccessKey } = info.users[user];
  const ca = tls ? readFileSync(info.caBundle, 'utf8') : info.caPem;
  return new S3Client({
    endpoint: tls ? info.httpsEndpoint : info.endpoint,
    region: info.region,
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: {
      connectionTimeout: 5_000,
      requestTimeout: 30_000, // An agent, not agent options: with options the SDK sends bodies over 2 MB (Expect: 100-continue)
      // through a fresh agent of its own, which would not trust the test CA.
      ...(ca && { httpsAgent: new HttpsAgent({ keepAlive: true, ca }) }),
    },
  });
}

let trustingDispatcher: UndiciAgent | undefined;

/**
 * fetch as a stranger given a link would (no profile, no SDK), trusting the test CA in the https
 * project as that stranger's system would trust a real provider's certificate.
 */
export function strangerFetch(url: string, init: Parameters<typeof undiciFetch>[1] = {}) {
  const { caPem } = gateway();
  if (caPem) trustingDispatcher ??= new UndiciAgent({ connect: { ca: caPem } });
  return undiciFetch(url, { ...init, ...(caPem && { dispatcher: trustingDispatcher }) });
}

/** A bucket name no other test uses. */
export function uniqueBucketName(label: string): string {
  return `pail-${label}-${randomBytes(4).toString('hex')}`.toLowerCase();
}

/**
 * Creates a bucket for one test (with Object Lock when asked); the returned function empties and deletes it
 * (governance retentions bypassed; legal holds and compliance retentions are the test's to end).
 */
export async function createTestBucket(label: string, user = 0, { objectLock = false } = {}): Promise<{ name: string; cleanup: () => Promise<void> }> {
  const client = rawClient(user);
  const name = uniqueBucketName(label);
  await client.send(new CreateBucketCommand({ Bucket: name, ...(objectLock && { ObjectLockEnabledForBucket: true }) }));
  return { name, cleanup: () => emptyAndDeleteBucket(name, user) };
}

/** Buckets a test file makes as it goes (`make`), all emptied and deleted by `cleanup` (one already gone is passed over). */
export function testBuckets(): { make: (label: string) => Promise<string>; cleanup: () => Promise<void> } {
  const made: { cleanup: () => Promise<void> }[] = [];
  return {
    make: async (label) => {
      const bucket = await createTestBucket(label);
      made.push(bucket);
      return bucket.name;
    },
    cleanup: async () => {
      for (const bucket of made) await bucket.cleanup().catch(() => undefined);
    },
  };
}

/** Deletes every version, delete marker and unfinished multipart upload of a bucket, then the bucket. */
export async function emptyAndDeleteBucket(name: string, user = 0): Promise<void> {
  const client = rawClient(user);
  // Every version and delete marker, so versioned test buckets go too.
  for await (const page of listAllVersions(client, name)) {
    const objects = page.map((v) => ({ Key: v.key, VersionId: v.versionId }));
    // Keys XML cannot carry (control characters) go one by one, as Pail deletes them.
    for (const { Key, VersionId } of objects.filter((o) => needsSingleDelete(o.Key))) {
      await client.send(new DeleteObjectCommand({ Bucket: name, Key, VersionId, BypassGovernanceRetention: true }));
    }
    const batch = objects.filter((o) => !needsSingleDelete(o.Key));
    if (batch.length) await client.send(new DeleteObjectsCommand({ Bucket: name, Delete: { Objects: batch, Quiet: true }, BypassGovernanceRetention: true }));
  }
  // An unfinished upload keeps its parts (and the bucket) alive.
  for (const upload of (await client.send(new ListMultipartUploadsCommand({ Bucket: name }))).Uploads ?? []) {
    await client.send(new AbortMultipartUploadCommand({ Bucket: name, Key: upload.Key, UploadId: upload.UploadId }));
  }
  await client.send(new DeleteBucketCommand({ Bucket: name }));
}

/** Every key below a prefix (all levels), sorted: what a test checks a bucket holds. */
export async function keysUnder(bucket: string, prefix = ''): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of listAllObjects(rawClient(), bucket, prefix)) keys.push(...page.map((o) => o.key));
  return keys.sort();
}

/** An object's body as text. */
export async function bodyOf(bucket: string, key: string): Promise<string> {
  const out = await rawClient().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return out.Body!.transformToString();
}

/**
 * An object's ACL read past any proxy, as sorted lines ("owner pail-a", "FULL_CONTROL id=pail-a",
 * "READ uri=…/AllUsers"): what a test compares before and after a rewrite.
 */
export async function aclLinesOf(bucket: string, key: string): Promise<string[]> {
  const acl = await rawClient().send(new GetObjectAclCommand({ Bucket: bucket, Key: key }));
  const grants = (acl.Grants ?? []).map(({ Grantee: g, Permission }) => `${Permission} ${g?.URI ? `uri=${g.URI}` : `id=${g?.ID}`}`);
  return [`owner ${acl.Owner?.ID}`, ...grants].sort();
}

/** Uploads many small objects with a bounded number in flight. */
export async function putObjects(bucket: string, keys: string[], body: (key: string) => string = () => 'x', inFlight = 32): Promise<void> {
  const client = rawClient();
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++];
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from(body(key)) }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, keys.length) }, worker));
}

/** App services over a fresh data folder, with secrets in a file (no keychain needed). */
export async function freshServices(): Promise<{ services: AppServices; dataDir: string; dispose: () => Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pail-test-home-'));
  const services = await createAppServices(dataDir, { PAIL_SECRET_STORE: 'file' });
  return { services, dataDir, dispose: () => rm(dataDir, { recursive: true, force: true }) };
}

/**
 * Adds a profile for a gateway user to a set of services; `endpoint` puts
 * something in between (a fault proxy, a sandbox), `secretAccessKey` a wrong key, `responseTimeoutSeconds`
 * a short deadline (a test of a server that stops answering).
 */
export async function addGatewayProfile(
  services: AppServices,
  name = 'Local Ceph',
  user = 0,
  overrides: { secretAccessKey?: string; endpoint?: string; responseTimeoutSeconds?: number } = {},
) {
  return services.profiles.create({
    ...gatewayProfileFields(user),
    name,
    ...(overrides.endpoint && { endpoint: overrides.endpoint }),
    ...(overrides.secretAccessKey && { secretAccessKey: overrides.secretAccessKey }),
    ...(overrides.responseTimeoutSeconds && { responseTimeoutSeconds: overrides.responseTimeoutSeconds }),
  });
}

/**
 * A profile on the gateway's HTTPS endpoint (its test CA as the profile's bundle) in either project: for what
 * Ceph does only over TLS (encryption at rest: SSE-C, SSE-KMS).
 */
export async function addHttpsGatewayProfile(services: AppServices, name = 'Local Ceph (TLS)', user = 0) {
  const info = gateway();
  return services.profiles.create({
    ...gatewayProfileFields(user),
    name,
    endpoint: info.httpsEndpoint,
    caBundle: readFileSync(info.caBundle, 'utf8'),
  });
}

/** The settings of a Ceph connection to the gateway as one user, without the secret or the addressing. */
export function gatewayConnection(user = 0) {
  const info = gateway();
  return {
    provider: 'ceph' as const,
    endpoint: info.endpoint,
    region: info.region,
    accessKeyId: info.users[user].accessKeyId,
    checksumMode: 'WHEN_REQUIRED' as const,
    deleteObjectsMd5: false,
    ...(info.caPem && { caBundle: info.caPem }),
  };
}
