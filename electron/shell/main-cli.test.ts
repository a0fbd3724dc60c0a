import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt } from '../test-support/cli-process';

const ROOT = resolve(__dirname, '..', '..');

/**
 * The built app (out/main/main.js) launched as `Pail --cli …`, with a
 * stand-in for Electron (scripts/pack/electron-stand-in.cjs: there is no
 * Electron binary here) that throws on anything a CLI run must not touch: no
 * single-instance lock, no protocol, no window, no whenReady.
 */
describe('the app binary as the pail command (built main bundle)', () => {
  let dir: string;
  beforeAll(async () => {
    await ensureCliBuilt();
    dir = await mkdtemp(join(tmpdir(), 'pail-main-cli-'));
  }, 200_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const launch = (args: string[]) =>
    new Promise<{ code: number | null; out: string; err: string; calls: string[] }>((done, fail) => {
      const report = join(dir, `calls-${Math.random().toString(36).slice(2)}.json`);
      const child = spawn(process.execPath, ['-r', join(ROOT, 'scripts', 'pack', 'electron-stand-in.cjs'), join(ROOT, 'out', 'main', 'main.js'), ...args], {
        env: { ...process.env, PAIL_HOME: join(dir, 'home'), PAIL_SECRET_STORE: 'file', PAIL_STAND_IN_REPORT: report },
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.stdin.end();
      child.on('error', fail);
      child.on('close', (code) => void readFile(report, 'utf8').then((calls) => done({ code, out, err, calls: JSON.parse(calls) as string[] }), fail));
    });

  const cliCalls = ['app.getPath', 'app.setPath', 'app.dock.hide', 'app.disableHardwareAcceleration', 'app.exit'];

  it('runs the command and exits with its code, calling nothing of Electron but get/setPath (its own Chromium folder), dock.hide, disableHardwareAcceleration and exit', async () => {
    const help = await launch(['--cli', '--help']);
    expect(help).toMatchObject({ code: 0, err: '', calls: cliCalls });
    expect(help.out).toContain('pail profile add');

    const list = await launch(['--cli', '--', 'profile', 'list']);
    expect(list).toMatchObject({ code: 0, err: '', calls: cliCalls });
    expect(list.out).toContain('No profiles yet');

    const wrong = await launch(['--cli', 'bogus']);
    expect(wrong).toMatchObject({ code: 2, out: '', calls: cliCalls });
    expect(wrong.err).toContain('Unknown command "bogus"');
  }, 60_000);

  it('starts the app (its protocols first) for a launch without --cli', async () => {
    const app = await launch([]);
    expect(app.calls[0]).toBe('protocol.registerSchemesAsPrivileged');
    expect(app.code).not.toBe(0);
  }, 60_000);
});
