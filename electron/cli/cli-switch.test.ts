import { spawn } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt } from '../test-support/cli-process';
import { exitAfterFlush } from './cli-process';
import { CLI_SWITCH, cliRun, LINUX_CLI_SWITCHES } from './cli-switch';

const ROOT = resolve(__dirname, '..', '..');

describe('cliRun: is this launch the pail command, and with which words', () => {
  it('takes the words after --cli from a packaged app (argv has no script path)', () => {
    expect(cliRun({ argv: ['/opt/Pail/pail', '--cli', 'ls', 'work:'], defaultApp: false })).toEqual({ args: ['ls', 'work:'] });
    expect(cliRun({ argv: ['C:\\Program Files\\Pail\\Pail.exe', '--cli', '--', 'cp', 'a b.png', 'w:b/'], defaultApp: false })).toEqual({
      args: ['cp', 'a b.png', 'w:b/'],
    });
  });

  it('skips the app path of `electron .` (process.defaultApp), and reads argv[1] as a word when packaged', () => {
    expect(cliRun({ argv: ['electron', '.', '--cli', 'profile', 'list'], defaultApp: true })).toEqual({ args: ['profile', 'list'] });
    // A packaged app opened on a file named like the app path: not a command.
    expect(cliRun({ argv: ['/Applications/Pail.app/Contents/MacOS/Pail', '.', '--cli'], defaultApp: false })).toBeUndefined();
  });

  it('lets launchers put Chromium switches first: AppImage AppRun (--no-sandbox) and the Linux scripts', () => {
    expect(cliRun({ argv: ['/tmp/.mount_PailXy/pail', '--no-sandbox', '--cli', '--help'], defaultApp: false })).toEqual({ args: ['--help'] });
    expect(cliRun({ argv: ['/opt/Pail/pail', ...LINUX_CLI_SWITCHES, CLI_SWITCH, '--', 'ls'], defaultApp: false })).toEqual({ args: ['ls'] });
    // macOS adds -psn_… when Finder starts an app.
    expect(cliRun({ argv: ['/Applications/Pail.app/Contents/MacOS/Pail', '-psn_0_4242'], defaultApp: false })).toBeUndefined();
  });

  it('keeps the words as typed: a second --, and switches of the command itself', () => {
    expect(cliRun({ argv: ['pail', '--cli', '--', '--', '-x'], defaultApp: false })).toEqual({ args: ['--', '-x'] });
    expect(cliRun({ argv: ['pail', '--cli', 'cp', '--cli'], defaultApp: false })).toEqual({ args: ['cp', '--cli'] });
    expect(cliRun({ argv: ['pail', '--cli'], defaultApp: false })).toEqual({ args: [] });
  });

  it('opens the app for a plain launch, a file to open, or --cli after a word or after --', () => {
    expect(cliRun({ argv: ['/opt/Pail/pail'], defaultApp: false })).toBeUndefined();
    expect(cliRun({ argv: ['/opt/Pail/pail', '--no-sandbox', '%U'], defaultApp: false })).toBeUndefined();
    expect(cliRun({ argv: ['/opt/Pail/pail', 'notes.txt', '--cli'], defaultApp: false })).toBeUndefined();
    expect(cliRun({ argv: ['/opt/Pail/pail', '--', '--cli'], defaultApp: false })).toBeUndefined();
    expect(cliRun({ argv: ['/opt/Pail/pail', '--clip'], defaultApp: false })).toBeUndefined();
  });
});

describe('exitAfterFlush', () => {
  it('exits with the code once what was written is handed on, and also when a stream is already gone', async () => {
    const out = new PassThrough({ highWaterMark: 1 });
    const gone = new PassThrough();
    gone.destroy();
    out.write('x'.repeat(1000));
    let seen = '';
    const exits: number[] = [];
    const done = exitAfterFlush(3, [out, gone], (code) => exits.push(code));
    expect(exits).toEqual([]);
    out.on('data', (chunk: Buffer) => (seen += chunk.toString()));
    await done;
    expect(exits).toEqual([3]);
    expect(seen).toHaveLength(1000);
  });
});

/**
 * build/bin/pail as the deb installs it: /usr/bin/pail a link to
 * /opt/Pail/resources/bin/pail, the app binary at /opt/Pail/pail. The app
 * binary here is the built main bundle (out/main/main.js) under Node with a
 * stand-in for Electron (scripts/pack/electron-stand-in.cjs), which there is
 * none of on this machine.
 */
describe('the Linux launch script (resources/bin/pail)', () => {
  let dir: string;
  beforeAll(async () => {
    await ensureCliBuilt();
    dir = await mkdtemp(join(tmpdir(), 'pail-launch-'));
    await mkdir(join(dir, 'opt', 'Pail', 'resources', 'bin'), { recursive: true });
    await mkdir(join(dir, 'usr', 'bin'), { recursive: true });
    await copyFile(join(ROOT, 'build', 'bin', 'pail'), join(dir, 'opt', 'Pail', 'resources', 'bin', 'pail'));
    await chmod(join(dir, 'opt', 'Pail', 'resources', 'bin', 'pail'), 0o755);
    const standIn = join(ROOT, 'scripts', 'pack', 'electron-stand-in.cjs');
    const main = join(ROOT, 'out', 'main', 'main.js');
    const app = join(dir, 'opt', 'Pail', 'pail');
    await writeFile(app, `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/argv"\nexec "${process.execPath}" -r "${standIn}" "${main}" "$@"\n`, { mode: 0o755 });
    // A relative link, as update-alternatives makes absolute ones: the script follows both.
    await symlink('../../opt/Pail/resources/bin/pail', join(dir, 'usr', 'bin', 'pail'));
  }, 200_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const pail = (args: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((done, fail) => {
      const child = spawn(join(dir, 'usr', 'bin', 'pail'), args, { env: { ...process.env, PAIL_HOME: join(dir, 'home'), PAIL_SECRET_STORE: 'file' } });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('error', fail);
      child.on('close', (code) => done({ code, out, err }));
    });

  it('runs the app binary headless with --cli --, the words untouched, and hands back output and exit code', async () => {
    const list = await pail(['profile', 'list']);
    expect(list.err).toBe('');
    expect(list.code).toBe(0);
    const argv = (await readFile(join(dir, 'argv'), 'utf8')).trimEnd().split('\n');
    expect(argv).toEqual([...LINUX_CLI_SWITCHES, '--cli', '--', 'profile', 'list']);

    const wrong = await pail(['bogus', 'two words']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('Unknown command "bogus two words"');
    expect((await readFile(join(dir, 'argv'), 'utf8')).trimEnd().split('\n').slice(-2)).toEqual(['bogus', 'two words']);

    const help = await pail(['cp', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('pail cp');
  }, 60_000);
});
