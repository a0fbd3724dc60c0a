import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRequestSchema, type CompareRequest } from '../../../shared/sync';
import type { AppServices } from '../../app-services';
import { runCliOn } from '../../test-support/cli-io';
import { startFaultProxy, type FaultProxy, type ProxiedRequest } from '../../test-support/fault-proxy';
import { headersThenStall, holdRequests, isListing, truncateBody, upTo } from '../../test-support/fault-rules';
import { freshServices, gatewayProfileFields, keysUnder, putObjects, rawClient, testBuckets } from '../../test-support/gateway';
import { unfinishedUploads } from '../../test-support/leftovers';
import { startTcpFaultProxy, type TcpFaultProxy } from '../../test-support/tcp-fault-proxy';
import { randomFile, sha256File, sha256Object } from '../transfers/test-kit';

const KiB = 1024;
const MiB = 1024 * KiB;
const seconds = (since: number) => (Date.now() - since) / 1000;

/** A ListObjectsV2 request. */
/** A GET of an object (not a listing or a bucket's sub-resource). */
const isObjectGet = (req: ProxiedRequest) => req.method === 'GET' && req.path.split('/').filter(Boolean).length >= 2 && !req.query.has('list-type');

/** sha256 of every file under `root`, by path below it. */
async function hashTree(root: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) hashes[join(entry.parentPath, entry.name).slice(root.length + 1)] = await sha256File(join(entry.parentPath, entry.name));
  }
  return hashes;
}

/**
 * A sync through a server that stalls or drops bodies: it fails in words within the profile's
 * deadline rather than hanging, or retries and ends with both sides alike; it never reports a
 * file sent that did not arrive.
 */
describe('sync through a stalling server and dropped bodies', () => {
  const s3 = rawClient();
  const buckets = testBuckets();
  let services: AppServices;
  let dispose: () => Promise<void>;
  let http: FaultProxy;
  let tcp: TcpFaultProxy;
  let dir: string;
  /** Profiles whose requests go through the HTTP proxy (5 s response timeout), and through the TCP proxy in front of it. */
  let viaHttp: string;
  let viaTcp: string;

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    http = await startFaultProxy({ target: gatewayProfileFields().endpoint });
    tcp = await startTcpFaultProxy({ target: http.endpoint });
    const profile = (name: string, endpoint: string) =>
      services.profiles.create({ ...gatewayProfileFields(), name, endpoint, responseTimeoutSeconds: 5 }).then((p) => p.id);
    viaHttp = await profile('via-http-proxy', http.endpoint);
    viaTcp = await profile('via-tcp-proxy', tcp.endpoint);
    dir = await mkdtemp(join(tmpdir(), 'pail-sync-faults-'));
  });
  afterAll(async () => {
    http?.setRules([]);
    tcp?.setFaults([]);
    await services?.transfers.dispose();
    await tcp?.close();
    await http?.close();
    await buckets.cleanup();
    await dispose?.();
    await rm(dir, { recursive: true, force: true });
  });

  const request = (fields: Partial<CompareRequest> & Pick<CompareRequest, 'profileId' | 'bucket' | 'localDir' | 'direction'>) =>
    compareRequestSchema.parse({ prefix: 'site/', ...fields });

  it('a listing that stalls (no answer, or headers then silence) fails the comparison in words within the deadline', async () => {
    const bucket = await buckets.make('sync-stall');
    await putObjects(bucket, ['site/a.txt']);
    const local = join(dir, 'stall');
    await mkdir(local);
    await writeFile(join(local, 'a.txt'), 'a');
    for (const rule of [holdRequests(isListing), headersThenStall(isListing)]) {
      http.setRules([rule]);
      const started = Date.now();
      const failure = await services.sync.compare(request({ profileId: viaHttp, bucket, localDir: local, direction: 'upload' })).then(
        () => undefined,
        (error: unknown) => error,
      );
      const took = seconds(started);
      http.setRules([]);
      if ('release' in rule) (rule.release as () => void)();
      expect(failure, rule.name).toMatchObject({ code: 'Timeout' });
      expect((failure as Error).message, rule.name).toBe(
        `The server at ${http.endpoint} is not answering: nothing came back for 5 s (listing ${bucket}/site/).`,
      );
      // Two tries of 5 s of silence (the SDK arms its idle timer up to 3 s late); never a hang.
      expect(took, rule.name).toBeGreaterThan(5);
      expect(took, rule.name).toBeLessThan(20);
      expect(rule.hits(), rule.name).toBe(2);
    }
  }, 60_000);

  it('an upload whose bodies are cut mid-way retries and ends with the bucket as the folder', async () => {
    const bucket = await buckets.make('sync-cut-up');
    const local = join(dir, 'up');
    const files = [await randomFile(join(local, 'big.bin'), 20 * MiB)];
    for (const [i, size] of [1, 300 * KiB, 3 * MiB].entries()) files.push(await randomFile(join(local, `small/${i}.bin`), size));
    // Three connections are reset while their request bodies are on the way (past the first 256 KiB sent).
    tcp.setFaults([{ direction: 'up', afterBytes: 256 * KiB, action: 'reset', times: 3 }]);
    const plan = await services.sync.compare(request({ profileId: viaTcp, bucket, localDir: local, direction: 'upload' }));
    expect(plan.counts.new).toBe(4);
    const outcome = await services.sync.startRun({ planId: plan.planId, delete: false }).finished;
    tcp.setFaults([]);
    expect(tcp.stats.resets).toBe(3);
    expect(outcome).toMatchObject({ status: 'succeeded', summary: 'Uploaded 4 files.', failures: [] });
    for (const file of files) expect(await sha256Object(s3, bucket, `site/${file.slice(local.length + 1)}`), file).toBe(await sha256File(file));
    expect(await unfinishedUploads(s3, bucket)).toEqual([]);
    const again = await services.sync.compare(request({ profileId: viaTcp, bucket, localDir: local, direction: 'upload' }));
    expect(again.counts).toEqual({ new: 0, changed: 0, extra: 0, same: 4 });
  }, 60_000);

  it('a download whose bodies end early retries and ends with the folder as the bucket', async () => {
    const bucket = await buckets.make('sync-cut-down');
    const source = join(dir, 'source');
    const sizes: Record<string, number> = { 'big.bin': 20 * MiB, 'small/0.bin': 1, 'small/1.bin': 300 * KiB, 'small/2.bin': 3 * MiB };
    for (const [path, size] of Object.entries(sizes)) {
      await randomFile(join(source, path), size);
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `site/${path}`, Body: await readFile(join(source, path)) }));
    }
    expect(await keysUnder(bucket, 'site/')).toHaveLength(4);
    // The first four object GETs end cleanly after 100 KiB: bodies shorter than their Content-Length.
    const cut = truncateBody(upTo(4, isObjectGet), 100 * KiB, 'close');
    http.setRules([cut]);
    const target = join(dir, 'down');
    const plan = await services.sync.compare(request({ profileId: viaHttp, bucket, localDir: target, direction: 'download' }));
    const outcome = await services.sync.startRun({ planId: plan.planId, delete: false }).finished;
    http.setRules([]);
    expect(cut.hits()).toBe(4);
    expect(outcome).toMatchObject({ status: 'succeeded', summary: 'Downloaded 4 files.', failures: [] });
    expect(await hashTree(target)).toEqual(await hashTree(source));
    const again = await services.sync.compare(request({ profileId: viaHttp, bucket, localDir: target, direction: 'download' }));
    expect(again.counts).toEqual({ new: 0, changed: 0, extra: 0, same: 4 });
  }, 90_000);

  it('a body cut every time fails that file in words: the run is partial, not a success, in the app and in pail sync', async () => {
    const bucket = await buckets.make('sync-cut-always');
    await putObjects(bucket, ['site/ok.txt', 'site/doomed.txt'], (key) => `${key} `.repeat(50_000));
    const doomed = truncateBody((req) => isObjectGet(req) && req.path.endsWith('/doomed.txt'), 1000, 'close');
    http.setRules([doomed]);
    try {
      const target = join(dir, 'doomed');
      const plan = await services.sync.compare(request({ profileId: viaHttp, bucket, localDir: target, direction: 'download' }));
      const outcome = await services.sync.startRun({ planId: plan.planId, delete: false }).finished;
      expect(outcome).toMatchObject({ status: 'partial', summary: 'Downloaded 1 file; 1 failed.' });
      expect(outcome.failures).toEqual([{ key: 'site/doomed.txt', error: expect.objectContaining({ message: expect.stringMatching(/doomed\.txt/) }) }]);
      expect(outcome.failures[0].error.code).not.toBe('Internal');
      // No partial file where the object's file goes, and the next comparison still finds it to send.
      expect((await readdir(target)).filter((name) => !name.endsWith('.pail-part'))).toEqual(['ok.txt']);
      const again = await services.sync.compare(request({ profileId: viaHttp, bucket, localDir: target, direction: 'download' }));
      expect(again.counts).toMatchObject({ new: 1, same: 1 });

      // pail sync lists it and exits 1.
      const cli = await runCliOn(services, ['sync', `via-http-proxy:${bucket}/site/`, join(dir, 'doomed-cli')]);
      expect(cli.code).toBe(1);
      expect(cli.out).toBe('Downloaded 1 file; 1 failed.\n');
      expect(cli.err).toMatch(/^ {2}failed: site\/doomed\.txt: /m);
      expect(cli.err).toMatch(/1 of the sync's transfers failed \(listed above\)/);
    } finally {
      http.setRules([]);
    }
  }, 90_000);

  it('a body that stalls every time fails that file as not answering, within the deadline and its retries: partial, never a hang', async () => {
    const bucket = await buckets.make('sync-stall-body');
    await putObjects(bucket, ['site/ok.txt', 'site/stuck.txt'], (key) => `${key} `.repeat(50_000));
    const stuck = headersThenStall((req) => isObjectGet(req) && req.path.endsWith('/stuck.txt'), 1000);
    http.setRules([stuck]);
    try {
      const target = join(dir, 'stuck');
      const plan = await services.sync.compare(request({ profileId: viaHttp, bucket, localDir: target, direction: 'download' }));
      const started = Date.now();
      const outcome = await services.sync.startRun({ planId: plan.planId, delete: false }).finished;
      expect(seconds(started)).toBeLessThan(60);
      expect(outcome).toMatchObject({ status: 'partial', summary: 'Downloaded 1 file; 1 failed.' });
      expect(outcome.failures).toEqual([
        {
          key: 'site/stuck.txt',
          error: expect.objectContaining({ code: 'Timeout', message: expect.stringMatching(/^The server at .* is not answering: nothing came back for 5 s/) }),
        },
      ]);
      expect((await readdir(target)).filter((name) => !name.endsWith('.pail-part'))).toEqual(['ok.txt']);
    } finally {
      http.setRules([]);
    }
  }, 90_000);
});
