// The peers Pail is measured against, in the same run: the SDK paging ListObjectsV2 by hand, the
// AWS CLI's `aws s3 ls`, and (to tell the UI's share from the rest) Pail's web API without a browser.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { callApi } from './pail-app.mjs';
import { benchClient } from './s3.mjs';

/**
 * Lists one folder level page by page with the SDK, asking exactly what Pail's main process asks
 * (Delimiter "/", EncodingType "url", MaxKeys 1000), one page after another.
 * Returns ms to the first page, ms to the last, the entries counted and each page's ms.
 */
export async function sdkListing(gateway, bucket, prefix) {
  // A fresh client each run, like a fresh app; building it costs well under a millisecond.
  const client = benchClient(gateway, { sockets: 4 });
  try {
    const started = performance.now();
    let firstPageMs;
    let entries = 0;
    const pageMs = [];
    let token;
    do {
      const pageStarted = performance.now();
      const page = await client.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: prefix,
          Delimiter: '/',
          EncodingType: 'url',
          MaxKeys: 1000,
          ContinuationToken: token,
        }),
      );
      const now = performance.now();
      pageMs.push(now - pageStarted);
      firstPageMs ??= now - started;
      entries += (page.Contents?.length ?? 0) + (page.CommonPrefixes?.length ?? 0);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return { firstMs: firstPageMs, totalMs: performance.now() - started, entries, pageMs };
  } finally {
    client.destroy();
  }
}

/** Environment for the AWS CLI: this gateway's key only, no user config, unbuffered output. */
function awsEnv(gateway) {
  const user = gateway.users[0];
  const none = path.join(os.tmpdir(), 'pail-bench-no-aws-config');
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('AWS_')) delete env[name];
  return {
    ...env,
    AWS_ACCESS_KEY_ID: user.accessKeyId,
    AWS_SECRET_ACCESS_KEY: user.secretAccessKey,
    AWS_DEFAULT_REGION: gateway.region,
    AWS_CONFIG_FILE: none,
    AWS_SHARED_CREDENTIALS_FILE: none,
    // Python buffers a pipe's output in 8 KiB blocks: the first line would show late.
    PYTHONUNBUFFERED: '1',
  };
}

/** `aws --version`, for the report. */
export function awsVersion() {
  return new Promise((resolve) => {
    const child = spawn('aws', ['--version'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('error', () => resolve(undefined));
    child.on('close', () => resolve(out.trim().split(/\s+/)[0] || undefined));
  });
}

/**
 * Runs `aws s3 ls s3://bucket/prefix` and times the first line on stdout and the exit (the
 * Python start-up, about half a second here, is part of both: it is part of what a user waits for).
 */
export function awsListing(gateway, bucket, prefix, { timeoutMs = 600_000 } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('aws', ['s3', 'ls', `s3://${bucket}/${prefix}`, '--endpoint-url', gateway.endpoint], {
      env: awsEnv(gateway),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let firstMs;
    let lines = 0;
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) {
        firstMs ??= performance.now() - started;
        lines += 1;
      }
    });
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const totalMs = performance.now() - started;
      if (code !== 0) reject(new Error(`aws s3 ls exited with ${code ?? signal}: ${stderr.trim().slice(0, 500)}`));
      else resolve({ firstMs, totalMs, entries: lines });
    });
  });
}

/**
 * Pages through the folder over Pail's own web API from Node (`POST /api/s3:listObjects`), as the
 * renderer would but without a browser: the main process and its transport, without the UI.
 */
export async function pailApiListing(web, profileId, bucket, prefix) {
  const started = performance.now();
  let firstMs;
  let entries = 0;
  const pageMs = [];
  let token;
  do {
    const pageStarted = performance.now();
    const page = await callApi(web, 's3:listObjects', { profileId, bucket, prefix, ...(token && { continuationToken: token }) });
    const now = performance.now();
    pageMs.push(now - pageStarted);
    firstMs ??= now - started;
    // Objects come in columns (shared/object-rows.ts): one end offset a row.
    entries += page.objects.ends.length + page.folders.length;
    token = page.nextContinuationToken;
  } while (token);
  return { firstMs, totalMs: performance.now() - started, entries, pageMs };
}
