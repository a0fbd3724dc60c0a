// The `pail` command's packaging rules on hand-made and real inputs: `node --test scripts/pack/`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cliLaunchCheck, cliScriptsCheck, debScriptsCheck, nsisHarness, nsisPathCheck } from './cli-rules.mjs';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(join(root, 'package.json'));
const config = require('./electron-builder.cjs');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const read = (path) => readFileSync(join(root, path), 'utf8');
const templates = join(require.resolve('app-builder-lib/package.json', { paths: [require.resolve('electron-builder/package.json')] }), '..', 'templates');

const launch = (calls, extra = {}) => ({ code: 0, out: 'Usage:\n  pail profile add --name NAME\n', err: '', calls, ...extra });
const cliCalls = ['app.getPath', 'app.setPath', 'app.dock.hide', 'app.disableHardwareAcceleration', 'app.exit'];

describe('cliLaunchCheck', () => {
  it("passes a CLI run that only moves Chromium's folder, hides the dock, drops the GPU and exits, beside an app launch that starts the app", () => {
    assert.deepEqual(cliLaunchCheck({ cli: launch(cliCalls), app: launch(['protocol.registerSchemesAsPrivileged'], { code: 1 }) }).offenders, []);
  });

  it('fails a CLI run that takes the single-instance lock, fails, or never exits; and a switch that also catches app launches', () => {
    const offenders = cliLaunchCheck({
      cli: launch(['app.requestSingleInstanceLock', 'protocol.registerSchemesAsPrivileged'], { code: 1, out: '' }),
      app: launch(cliCalls),
    }).offenders;
    assert.equal(offenders.length, 6, offenders.join('\n'));
    assert.match(offenders.join('\n'), /requestSingleInstanceLock/);
  });
});

describe('cliScriptsCheck', () => {
  const linuxScript = { text: read('build/bin/pail'), mode: statSync(join(root, 'build/bin/pail')).mode };
  const real = { config, pkg, linuxScript, macScript: read('build/bin/pail'), windowsScript: read('build/bin/pail.cmd') };

  it("passes the project's scripts and config", () => {
    assert.deepEqual(cliScriptsCheck(real).offenders, []);
  });

  it('fails a script that is not executable, uses RunAsNode, or runs another binary; and a config that ships none', () => {
    const offenders = cliScriptsCheck({
      ...real,
      config: { ...config, win: { ...config.win, extraResources: [] } },
      linuxScript: { text: 'ELECTRON_RUN_AS_NODE=1 exec "$resources/../electron" cli.js "$@"', mode: 0o644 },
      windowsScript: '"%~dp0Pail.exe" --cli %*\n',
    }).offenders;
    for (const words of [
      'win.extraResources ships no bin/pail.cmd',
      'not executable',
      'does not exec ../pail',
      'would need a display',
      'ELECTRON_RUN_AS_NODE',
      'pail.cmd does not run',
      'exit code',
      'CRLF',
    ]) {
      assert.ok(
        offenders.some((o) => o.includes(words)),
        `${words}: ${offenders.join('\n')}`,
      );
    }
  });
});

describe('debScriptsCheck', () => {
  it("passes the project's after-install and after-remove", () => {
    assert.deepEqual(debScriptsCheck({ config, afterInstall: read(config.deb.afterInstall), afterRemove: read(config.deb.afterRemove) }).offenders, []);
  });

  it("fails electron-builder's default scripts (they link /usr/bin/pail to the app binary), and a macro it would reject", () => {
    const offenders = debScriptsCheck({
      config,
      afterInstall: readFileSync(join(templates, 'linux', 'after-install.tpl'), 'utf8'),
      afterRemove: `${readFileSync(join(templates, 'linux', 'after-remove.tpl'), 'utf8')}\necho \${HOME}\n`,
    }).offenders;
    assert.deepEqual(offenders, [
      'after-install does not name /opt/${sanitizedProductName}/resources/bin/pail',
      'after-install does not link /usr/bin/pail to it',
      'after-remove does not remove the /usr/bin/pail alternative',
      'after-remove uses ${HOME}, which electron-builder rejects',
    ]);
  });
});

describe('nsisPathCheck', () => {
  const real = { config, include: read(config.nsis.include), pathScript: read('build/windows/path-entry.ps1') };

  it("passes the project's include and PATH script", () => {
    assert.deepEqual(nsisPathCheck(real).offenders, []);
  });

  it('fails an include that writes PATH with NSIS strings, asks on silent installs, or forgets updates', () => {
    const include = `!macro customInstall\n  ReadRegStr $0 HKCU "Environment" "Path"\n  WriteRegExpandStr HKCU "Environment" "Path" "$0;$INSTDIR"\n!macroend\n`;
    const offenders = nsisPathCheck({ ...real, include, pathScript: '[Environment]::SetEnvironmentVariable("Path", $p, "User")' }).offenders;
    for (const words of ['customUnInstall', 'resources\\bin', 'WM_SETTINGCHANGE', 'silent install', 'update', 'writes PATH itself', 'expand %VARIABLES%']) {
      assert.ok(
        offenders.some((o) => o.includes(words)),
        `${words}: ${offenders.join('\n')}`,
      );
    }
  });
});

describe('nsisHarness', { skip: spawnSync('makensis', ['-VERSION']).status === 0 ? false : 'makensis is not installed (Debian: nsis)' }, () => {
  const compile = (include) => {
    const dir = mkdtempSync(join(tmpdir(), 'pail-nsis-'));
    try {
      writeFileSync(join(dir, 'installer.nsh'), include);
      writeFileSync(join(dir, 'harness.nsi'), nsisHarness(join(dir, 'installer.nsh')));
      return spawnSync('makensis', ['-V2', '-WX', 'harness.nsi'], { cwd: dir, encoding: 'utf8' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it("compiles the project's installer.nsh with warnings as errors, and fails a broken one", () => {
    const real = compile(read(config.nsis.include));
    assert.equal(real.status, 0, `${real.stdout}${real.stderr}`);
    assert.notEqual(compile(read(config.nsis.include).replace('${endIf}', '')).status, 0);
  });
});
