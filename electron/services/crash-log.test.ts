import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformWithOxc } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PailError } from '../../shared/errors';
import { CRASH_LOG_MAX_BYTES, installCrashNet, survivable, type CrashInfo } from './crash-log';

const lines = async (path: string) =>
  (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the last-resort crash net', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pail-crash-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('logs a rejection and an I/O exception and goes on; logs a programming error and exits 70', async () => {
    const told: CrashInfo[] = [];
    const exits: number[] = [];
    const net = installCrashNet({
      dataDir: join(dir, 'a'),
      onCrash: (info) => told.push(info),
      exit: (code) => exits.push(code),
      secrets: ['s3cret-token-value'],
    });
    try {
      net.handle('unhandledRejection', new Error('GET http://127.0.0.1:1/events?ticket=abc&token=s3cret-token-value failed'));
      net.handle('uncaughtException', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' }));
      net.handle('uncaughtException', new PailError({ code: 'S3Error', message: 'escaped', hint: '' }));
      expect(exits).toEqual([]);
      net.handle('uncaughtException', new TypeError('x.y is not a function'));
      expect(exits).toEqual([70]);
    } finally {
      net.uninstall();
    }
    expect(told.map((t) => [t.kind, t.fatal])).toEqual([
      ['unhandledRejection', false],
      ['uncaughtException', false],
      ['uncaughtException', false],
      ['uncaughtException', true],
    ]);
    expect(told[0].logPath).toBe(join(dir, 'a', 'crash.log'));
    const logged = await lines(net.logPath);
    expect(logged).toHaveLength(4);
    expect(logged[0]).toMatchObject({ kind: 'unhandledRejection', fatal: false, message: 'GET http://127.0.0.1:1/events?ticket=…&token=… failed' });
    expect(logged[3]).toMatchObject({ kind: 'uncaughtException', fatal: true, message: 'x.y is not a function', stack: expect.stringContaining('TypeError') });
    expect(JSON.stringify(logged)).not.toContain('s3cret-token-value');
    expect(typeof logged[0].time).toBe('string');
  });

  it('caps the log: past 1 MiB it moves aside to crash.log.1', async () => {
    const dataDir = join(dir, 'b');
    const net = installCrashNet({ dataDir, onCrash: () => undefined, exit: () => undefined });
    try {
      net.handle('unhandledRejection', new Error('first'));
      await writeFile(net.logPath, 'x'.repeat(CRASH_LOG_MAX_BYTES + 1));
      net.handle('unhandledRejection', new Error('second'));
    } finally {
      net.uninstall();
    }
    expect(existsSync(`${net.logPath}.1`)).toBe(true);
    expect((await lines(net.logPath)).map((l) => l.message)).toEqual(['second']);
  });

  it('tells survivable errors (one operation’s I/O) from the rest', () => {
    expect(survivable(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))).toBe(true);
    expect(survivable(Object.assign(new Error('x'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }))).toBe(true);
    expect(survivable(Object.assign(new TypeError('terminated'), { cause: { code: 'UND_ERR_SOCKET' } }))).toBe(true);
    expect(survivable(new RangeError('Invalid array length'))).toBe(false);
    expect(survivable('a string')).toBe(false);
    expect(survivable(undefined)).toBe(false);
  });

  it('keeps a real process running after a stream error nobody handled, and ends it after a TypeError', async () => {
    // The module needs only Node's own modules: stripped of its types, it runs in a plain child process.
    const source = await readFile(join(__dirname, 'crash-log.ts'), 'utf8');
    const { code } = await transformWithOxc(source, 'crash-log.ts', { lang: 'ts' });
    const module = join(dir, 'crash-log.mjs');
    await writeFile(module, code);
    const script = `
      import { Readable } from 'node:stream';
      import { installCrashNet } from ${JSON.stringify(module)};
      installCrashNet({ dataDir: ${JSON.stringify(join(dir, 'child'))} });
      // An 'error' event with no listener: what once ended web mode.
      Readable.from(['x']).destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      Promise.reject(new Error('nobody awaited this'));
      setTimeout(() => { console.log('still running'); null.boom(); }, 100);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exitCode = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stdout).toContain('still running');
    expect(exitCode).toBe(70);
    expect(stderr).toContain(`details in ${join(dir, 'child', 'crash.log')}`);
    const logged = await lines(join(dir, 'child', 'crash.log'));
    expect(logged.map((l) => [l.kind, l.fatal])).toEqual([
      ['uncaughtException', false],
      ['unhandledRejection', false],
      ['uncaughtException', true],
    ]);
  });
});
