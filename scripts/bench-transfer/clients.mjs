// The clients the transfer benchmark runs, each as a command line: Pail's CLI, `aws s3 cp`,
// rclone, and curl against presigned URLs. Each has upload / download (one file) and uploadDir
// (a folder, recursively; not curl), resolving with a timedRun() result.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installed, timedRun } from './timed-run.mjs';

/** The environment without variables that would point a client at another account or config. */
function cleanEnv(dropPrefixes) {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (dropPrefixes.some((p) => name.startsWith(p))) delete env[name];
  return env;
}

/** The first line a command prints for its version, or undefined. */
function versionOf(command, args) {
  const run = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  return `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n')[0] || undefined;
}

/** The flags each client runs with, printed in the report. */
export const RCLONE_FLAGS = ['--s3-upload-concurrency', '8', '--s3-chunk-size', '16M', '--transfers', '16', '--checkers', '16', '--s3-no-check-bucket'];
const AWS_FLAGS = ['--only-show-errors'];
const CURL_FLAGS = ['-sS', '--fail'];

/**
 * Pail's CLI from a built app copy, with a data folder of its own and the gateway's profile added
 * through `pail profile add` (the secret in a 0600 file: no keychain here).
 */
export function pailClient(appRoot, gateway, { profile = 'bench' } = {}) {
  const cli = path.join(appRoot, 'out/main/cli.js');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pail-bench-home-'));
  const env = {
    ...cleanEnv(['AWS_', 'PAIL_']),
    PAIL_HOME: home,
    PAIL_SECRET_STORE: 'file',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const user = gateway.users[0];
  const add = spawnSync(
    process.execPath,
    [
      cli,
      'profile',
      'add',
      '--name',
      profile,
      '--provider',
      'ceph',
      '--endpoint',
      gateway.endpoint,
      '--region',
      gateway.region,
      '--access-key-id',
      user.accessKeyId,
      '--secret-access-key-stdin',
      '--path-style',
    ],
    { env, input: `${user.secretAccessKey}\n`, encoding: 'utf8', timeout: 30_000 },
  );
  if (add.status !== 0) {
    fs.rmSync(home, { recursive: true, force: true });
    throw new Error(`pail profile add failed (${add.status ?? add.signal}): ${add.stderr}${add.stdout}`);
  }
  const run = (args, timeoutMs) => timedRun(process.execPath, [cli, ...args], { env, timeoutMs });
  return {
    id: 'pail',
    label: 'Pail (CLI)',
    available: true,
    version: `Pail CLI (node ${process.version})`,
    flags: 'defaults (pail cp …; --recursive for the folder)',
    upload: (file, bucket, key, t) => run(['cp', file, `${profile}:${bucket}/${key}`], t),
    download: (bucket, key, file, t) => run(['cp', `${profile}:${bucket}/${key}`, file], t),
    uploadDir: (dir, bucket, prefix, t) => run(['cp', dir, `${profile}:${bucket}/${prefix}`, '--recursive'], t),
    dispose: () => fs.rmSync(home, { recursive: true, force: true }),
  };
}

/** `aws s3 cp` (the AWS CLI as installed) with this gateway's key only and no user config. */
export function awsClient(gateway) {
  const available = installed('aws');
  const none = path.join(os.tmpdir(), 'pail-bench-no-aws-config');
  const user = gateway.users[0];
  const env = {
    ...cleanEnv(['AWS_']),
    AWS_ACCESS_KEY_ID: user.accessKeyId,
    AWS_SECRET_ACCESS_KEY: user.secretAccessKey,
    AWS_DEFAULT_REGION: gateway.region,
    AWS_CONFIG_FILE: none,
    AWS_SHARED_CREDENTIALS_FILE: none,
  };
  const run = (args, timeoutMs) => timedRun('aws', ['s3', 'cp', ...args, '--endpoint-url', gateway.endpoint, ...AWS_FLAGS], { env, timeoutMs });
  return {
    id: 'aws',
    label: 'aws s3 cp',
    available,
    version: available ? versionOf('aws', ['--version'])?.split(/\s+/).slice(0, 2).join(' ') : undefined,
    flags: `defaults (10 requests in flight, 8 MiB parts) ${AWS_FLAGS.join(' ')}`,
    upload: (file, bucket, key, t) => run([file, `s3://${bucket}/${key}`], t),
    download: (bucket, key, file, t) => run([`s3://${bucket}/${key}`, file], t),
    uploadDir: (dir, bucket, prefix, t) => run([dir, `s3://${bucket}/${prefix}`, '--recursive'], t),
    dispose: () => {},
  };
}

/** rclone (Debian's package), configured through RCLONE_CONFIG_BENCH_* variables only. */
export function rcloneClient(gateway) {
  const available = installed('rclone');
  const user = gateway.users[0];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pail-bench-rclone-'));
  const config = path.join(dir, 'rclone.conf');
  fs.writeFileSync(config, '');
  const env = {
    ...cleanEnv(['RCLONE_', 'AWS_']),
    RCLONE_CONFIG: config,
    RCLONE_CONFIG_BENCH_TYPE: 's3',
    RCLONE_CONFIG_BENCH_PROVIDER: 'Ceph',
    RCLONE_CONFIG_BENCH_ENDPOINT: gateway.endpoint,
    RCLONE_CONFIG_BENCH_REGION: gateway.region,
    RCLONE_CONFIG_BENCH_ACCESS_KEY_ID: user.accessKeyId,
    RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY: user.secretAccessKey,
    RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE: 'true',
  };
  const run = (verb, args, timeoutMs) => timedRun('rclone', [verb, ...args, ...RCLONE_FLAGS], { env, timeoutMs });
  return {
    id: 'rclone',
    label: 'rclone',
    available,
    version: available ? versionOf('rclone', ['version']) : undefined,
    flags: RCLONE_FLAGS.join(' '),
    upload: (file, bucket, key, t) => run('copyto', [file, `bench:${bucket}/${key}`], t),
    download: (bucket, key, file, t) => run('copyto', [`bench:${bucket}/${key}`, file], t),
    uploadDir: (d, bucket, prefix, t) => run('copy', [d, `bench:${bucket}/${prefix}`], t),
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * curl, one stream to and from presigned URLs: the gateway's own pace. `urls(key)` resolves with
 * { put, get } for a key. No folder upload: one stream is not how anyone sends 2,000 files.
 */
export function curlClient(urls) {
  const available = installed('curl');
  return {
    id: 'curl',
    label: 'curl (1 stream)',
    available,
    version: available ? versionOf('curl', ['--version'])?.split(/\s+/).slice(0, 2).join(' ') : undefined,
    flags: `${CURL_FLAGS.join(' ')} -T FILE PUT-URL; ${CURL_FLAGS.join(' ')} -o FILE GET-URL (presigned by the SDK)`,
    upload: async (file, bucket, key, t) => timedRun('curl', [...CURL_FLAGS, '-T', file, (await urls(bucket, key)).put], { timeoutMs: t }),
    download: async (bucket, key, file, t) => timedRun('curl', [...CURL_FLAGS, '-o', file, (await urls(bucket, key)).get], { timeoutMs: t }),
    uploadDir: undefined,
    dispose: () => {},
  };
}
