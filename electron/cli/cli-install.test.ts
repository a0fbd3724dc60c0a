import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appleScriptString,
  CLI_SCRIPT_MARKER,
  CliInstaller,
  cliInstallMessage,
  cliInstallPlan,
  cliScript,
  onPath,
  privilegedCopyCommand,
  shellQuote,
} from './cli-install';

const base = { packaged: true, execPath: '/opt/Pail/pail', env: {}, home: '/home/ann' };

describe('cliInstallPlan: where "Install Command-Line Tool…" writes, and what', () => {
  it('AppImage: a script in ~/.local/bin running the AppImage file, not the mount point execPath names', () => {
    const plan = cliInstallPlan({ ...base, platform: 'linux', execPath: '/tmp/.mount_PailA1/pail', env: { APPIMAGE: '/home/ann/Apps/Pail-0.1.0.AppImage' } });
    expect(plan).toMatchObject({
      launcher: '/home/ann/Apps/Pail-0.1.0.AppImage',
      target: '/home/ann/.local/bin/pail',
      privilegedFallback: false,
      binDirOnPath: false,
    });
    expect(plan!.script).toContain(`exec '/home/ann/Apps/Pail-0.1.0.AppImage' --ozone-platform=headless --disable-gpu --no-sandbox --cli -- "$@"`);
    expect(plan!.script).not.toContain('.mount_');
  });

  it('macOS: the bundle binary into /usr/local/bin, with the administrator prompt when that is not writable', () => {
    const execPath = '/Applications/Pail.app/Contents/MacOS/Pail';
    const plan = cliInstallPlan({ ...base, platform: 'darwin', execPath });
    expect(plan).toMatchObject({ launcher: execPath, target: '/usr/local/bin/pail', privilegedFallback: true, binDirOnPath: true });
    expect(plan!.script).toContain(`exec '${execPath}' --cli -- "$@"`);
    expect(plan!.script).not.toContain('ozone');
  });

  it('macOS: refuses to name an app on its disk image or in a translocated copy, which are gone after a restart', async () => {
    for (const execPath of [
      '/Volumes/Pail 0.1.0/Pail.app/Contents/MacOS/Pail',
      '/private/var/folders/t8/x/T/AppTranslocation/AD00/d/Pail.app/Contents/MacOS/Pail',
    ]) {
      const plan = cliInstallPlan({ ...base, platform: 'darwin', execPath })!;
      expect(plan.blocked).toContain('Move Pail to Applications');
      const result = await new CliInstaller({ tempDir: '/nonexistent', pathValue: '', writeScript: () => Promise.reject(new Error('never written')) }).install(
        plan,
      );
      expect(result).toEqual({ ok: false, message: plan.blocked });
    }
    expect(cliInstallPlan({ ...base, platform: 'darwin', execPath: '/Applications/Pail.app/Contents/MacOS/Pail' })!.blocked).toBeUndefined();
  });

  it('offers nothing where an installer puts pail on the PATH (deb, Windows) or in a development run', () => {
    expect(cliInstallPlan({ ...base, platform: 'linux' })).toBeUndefined();
    expect(cliInstallPlan({ ...base, platform: 'win32', execPath: 'C:\\Pail\\Pail.exe' })).toBeUndefined();
    expect(cliInstallPlan({ ...base, platform: 'darwin', packaged: false })).toBeUndefined();
    expect(cliInstallPlan({ ...base, platform: 'linux', packaged: false, env: { APPIMAGE: '/a.AppImage' } })).toBeUndefined();
  });
});

describe('the words of a script and a prompt', () => {
  it('quotes any path for sh, a quote and $ included', () => {
    const odd = `/home/o'brien/My $Apps/Pail.AppImage`;
    const run = spawnSync('sh', ['-c', `printf %s ${shellQuote(odd)}`], { encoding: 'utf8' });
    expect(run.stdout).toBe(odd);
  });

  it('writes a script sh reads, which starts with the marker a later install looks for', () => {
    const script = cliScript('/x/Pail', 'darwin');
    expect(script.split('\n')[0]).toBe('#!/bin/sh');
    expect(script.split('\n')[1].startsWith(CLI_SCRIPT_MARKER)).toBe(true);
    expect(spawnSync('sh', ['-n', '-c', script]).status).toBe(0);
  });

  it("escapes the administrator's command for AppleScript, and its paths for sh", () => {
    const command = privilegedCopyCommand('/tmp/pail-cli-x/pail', '/usr/local/bin/pail');
    expect(command).toBe(`mkdir -p '/usr/local/bin' && cp '/tmp/pail-cli-x/pail' '/usr/local/bin/pail' && chmod 755 '/usr/local/bin/pail'`);
    expect(appleScriptString('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
  });

  it('knows a folder on PATH, a trailing slash aside', () => {
    expect(onPath('/home/ann/.local/bin', '/usr/bin:/home/ann/.local/bin/')).toBe(true);
    expect(onPath('/home/ann/.local/bin', '/usr/bin:/bin')).toBe(false);
    expect(onPath('/home/ann/.local/bin', undefined)).toBe(false);
  });
});

describe('CliInstaller', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pail-cli-install-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const linuxPlan = (target: string) => ({
    launcher: '/a/Pail.AppImage',
    target,
    script: cliScript('/a/Pail.AppImage', 'linux'),
    privilegedFallback: false,
    binDirOnPath: false,
  });

  it('makes the bin folder, writes a runnable script, and replaces its own script on a second install', async () => {
    const target = join(dir, 'home', '.local', 'bin', 'pail');
    const installer = new CliInstaller({ tempDir: dir, pathValue: '/usr/bin' });
    expect(await installer.install(linuxPlan(target))).toEqual({ ok: true, path: target, binDir: join(dir, 'home', '.local', 'bin'), onPath: false });
    expect((await stat(target)).mode & 0o777).toBe(0o755);
    await writeFile(target, `#!/bin/sh\n${CLI_SCRIPT_MARKER}: an older one\n`);
    const again = await new CliInstaller({ tempDir: dir, pathValue: join(dir, 'home', '.local', 'bin') }).install(linuxPlan(target));
    expect(again).toMatchObject({ ok: true, onPath: true });
    expect(await readFile(target, 'utf8')).toContain('/a/Pail.AppImage');
  });

  it("never replaces a `pail` that is not Pail's", async () => {
    const target = join(dir, 'pail');
    await writeFile(target, '#!/bin/sh\necho another pail\n');
    const result = await new CliInstaller({ tempDir: dir, pathValue: '' }).install(linuxPlan(target));
    expect(result).toMatchObject({ ok: false });
    expect(cliInstallMessage(result).detail).toContain("already exists and is not Pail's");
    expect(await readFile(target, 'utf8')).toContain('another pail');
  });

  it('asks the administrator when the folder is not writable (macOS), and says so when they cancel', async () => {
    const target = join(dir, 'usr-local-bin', 'pail');
    const plan = { ...linuxPlan(target), privilegedFallback: true, binDirOnPath: true };
    // The tests run as root here, whom no folder refuses: the denial comes from a stand-in writer.
    const denied = async () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    };
    const commands: string[] = [];
    const ok = await new CliInstaller({ tempDir: dir, pathValue: '', writeScript: denied, runPrivileged: async (c) => void commands.push(c) }).install(plan);
    expect(ok).toMatchObject({ ok: true, onPath: true });
    expect(commands).toEqual([privilegedCopyCommand(join(dir, 'pail'), target)]);
    expect(await readFile(join(dir, 'pail'), 'utf8')).toBe(plan.script);
    const cancel = () => Promise.reject(new Error('User canceled. (-128)'));
    const cancelled = await new CliInstaller({ tempDir: dir, pathValue: '', writeScript: denied, runPrivileged: cancel }).install(plan);
    expect(cancelled).toEqual({ ok: false, message: `${target} was not written (User canceled. (-128)).` });
    // Linux has no prompt: the denial is the answer.
    const linux = await new CliInstaller({ tempDir: dir, pathValue: '', writeScript: denied }).install(linuxPlan(target));
    expect(linux).toEqual({ ok: false, message: `Could not write ${target}: EACCES: permission denied` });
  });

  it('says what is left to do when the bin folder is not on PATH', () => {
    expect(cliInstallMessage({ ok: true, path: '/h/.local/bin/pail', binDir: '/h/.local/bin', onPath: false }).detail).toContain(
      '/h/.local/bin is not on your PATH yet',
    );
    expect(cliInstallMessage({ ok: true, path: '/usr/local/bin/pail', binDir: '/usr/local/bin', onPath: true })).toEqual({
      title: 'Installed /usr/local/bin/pail',
      detail: 'Open a new terminal and run `pail --help`.',
    });
  });
});
