// The clients the transfer benchmark runs, each as a command line: Pail's CLI, `aws s3 cp`,
// rclone, and curl against presigned URLs. Each has upload / download (one file), and uploadDir /
// downloadDir (a folder, recursively) and list (one folder level) but curl, resolving with a
// timedRun() result. Each is made for one
// scheme (see schemeOf): the gateway's plain-HTTP endpoint, or its HTTPS one with the test CA
// given to the client its own way.
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

/**
 * The gateway as one scheme reaches it: { id: 'http' | 'https', label, endpoint, caBundle } (the
 * CA's PEM file, for HTTPS only).
 */
export function schemeOf(gateway, id) {
  if (id === 'http') return { id, label: 'plain HTTP', endpoint: gateway.endpoint };
  if (!gateway.httpsEndpoint || !gateway.caBundle) throw new Error("this gateway's gateway.json has no httpsEndpoint and caBundle: start a newer one");
  return { id, label: 'HTTPS', endpoint: gateway.httpsEndpoint, caBundle: gateway.caBundle };
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
export function pailClient(appRoot, gateway, scheme, { profile = `bench-${scheme.id}` } = {}) {
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
      scheme.endpoint,
      ...(scheme.caBundle ? ['--ca-bundle', scheme.caBundle] : []),
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
    flags: `defaults (pail cp …; --recursive for the folder)${scheme.caBundle ? '; the profile made with --ca-bundle CA' : ''}`,
    upload: (file, bucket, key, t) => run(['cp', file, `${profile}:${bucket}/${key}`], t),
    download: (bucket, key, file, t) => run(['cp', `${profile}:${bucket}/${key}`, file], t),
    uploadDir: (dir, bucket, prefix, t) => run(['cp', dir, `${profile}:${bucket}/${prefix}`, '--recursive'], t),
    downloadDir: (bucket, prefix, dir, t) => run(['cp', `${profile}:${bucket}/${prefix}`, dir, '--recursive'], t),
    list: (bucket, prefix, t) => run(['ls', `${profile}:${bucket}/${prefix}`], t),
    sync: (dir, bucket, prefix, t) => run(['sync', dir, `${profile}:${bucket}/${prefix}`], t),
    dispose: () => fs.rmSync(home, { recursive: true, force: true }),
  };
}

/** `aws s3 cp` (the AWS CLI as installed) with this gateway's key only and no user config. */
export function awsClient(gateway, scheme) {
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
    ...(scheme.caBundle && { AWS_CA_BUNDLE: scheme.caBundle }),
  };
  const run = (args, timeoutMs, verb = 'cp') => timedRun('aws', ['s3', verb, ...args, '--endpoint-url', scheme.endpoint, ...AWS_FLAGS], { env, timeoutMs });
  // `aws s3 ls` takes no --only-show-errors.
  const ls = (uri, timeoutMs) => timedRun('aws', ['s3', 'ls', uri, '--endpoint-url', scheme.endpoint], { env, timeoutMs });
  return {
    id: 'aws',
    label: 'aws s3 cp',
    available,
    version: available ? versionOf('aws', ['--version'])?.split(/\s+/).slice(0, 2).join(' ') : undefined,
    flags: `defaults (10 requests in flight, 8 MiB parts) ${AWS_FLAGS.join(' ')}${scheme.caBundle ? '; AWS_CA_BUNDLE=CA' : ''}`,
    upload: (file, bucket, key, t) => run([file, `s3://${bucket}/${key}`], t),
    download: (bucket, key, file, t) => run([`s3://${bucket}/${key}`, file], t),
    uploadDir: (dir, bucket, prefix, t) => run([dir, `s3://${bucket}/${prefix}`, '--recursive'], t),
    downloadDir: (bucket, prefix, dir, t) => run([`s3://${bucket}/${prefix}`, dir, '--recursive'], t),
    list: (bucket, prefix, t) => ls(`s3://${bucket}/${prefix}`, t),
    sync: (dir, bucket, prefix, t) => run([dir, `s3://${bucket}/${prefix}`], t, 'sync'),
    dispose: () => {},
  };
}

/**
 * rclone (Debian's package), configured through RCLONE_CONFIG_BENCH_* variables only; over HTTPS
 * with --ca-cert (and no AWS_CA_BUNDLE, which makes rclone 1.60 refuse to start).
 */
export function rcloneClient(gateway, scheme) {
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
    RCLONE_CONFIG_BENCH_ENDPOINT: scheme.endpoint,
    RCLONE_CONFIG_BENCH_REGION: gateway.region,
    RCLONE_CONFIG_BENCH_ACCESS_KEY_ID: user.accessKeyId,
    RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY: user.secretAccessKey,
    RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE: 'true',
  };
  const flags = [...RCLONE_FLAGS, ...(scheme.caBundle ? ['--ca-cert', scheme.caBundle] : [])];
  const run = (verb, args, timeoutMs) => timedRun('rclone', [verb, ...args, ...flags], { env, timeoutMs });
  return {
    id: 'rclone',
    label: 'rclone',
    available,
    version: available ? versionOf('rclone', ['version']) : undefined,
    flags: `${RCLONE_FLAGS.join(' ')}${scheme.caBundle ? ' --ca-cert CA' : ''}`,
    upload: (file, bucket, key, t) => run('copyto', [file, `bench:${bucket}/${key}`], t),
    download: (bucket, key, file, t) => run('copyto', [`bench:${bucket}/${key}`, file], t),
    uploadDir: (d, bucket, prefix, t) => run('copy', [d, `bench:${bucket}/${prefix}`], t),
    downloadDir: (bucket, prefix, d, t) => run('copy', [`bench:${bucket}/${prefix}`, d], t),
    list: (bucket, prefix, t) => run('lsf', [`bench:${bucket}/${prefix}`], t),
    sync: (d, bucket, prefix, t) => run('sync', [d, `bench:${bucket}/${prefix}`], t),
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * curl, one stream to and from presigned URLs: the gateway's own pace. `urls(key)` resolves with
 * { put, get } for a key. No folder upload: one stream is not how anyone sends 2,000 files.
 */
export function curlClient(urls, scheme) {
  const available = installed('curl');
  const curlFlags = [...CURL_FLAGS, ...(scheme.caBundle ? ['--cacert', scheme.caBundle] : [])];
  const shown = [...CURL_FLAGS, ...(scheme.caBundle ? ['--cacert', 'CA'] : [])].join(' ');
  return {
    id: 'curl',
    label: 'curl (1 stream)',
    available,
    version: available ? versionOf('curl', ['--version'])?.split(/\s+/).slice(0, 2).join(' ') : undefined,
    flags: `${shown} -T FILE PUT-URL; ${shown} -o FILE GET-URL (presigned by the SDK)`,
    upload: async (file, bucket, key, t) => timedRun('curl', [...curlFlags, '-T', file, (await urls(bucket, key)).put], { timeoutMs: t }),
    download: async (bucket, key, file, t) => timedRun('curl', [...curlFlags, '-o', file, (await urls(bucket, key)).get], { timeoutMs: t }),
    uploadDir: undefined,
    downloadDir: undefined,
    list: undefined,
    dispose: () => {},
  };
}
