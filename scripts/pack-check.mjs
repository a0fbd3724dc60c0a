#!/usr/bin/env node
// `npm run pack:check [-- --skip-build] [-- --keep]`: what would Pail's
// installers hold? Builds the app (electron-vite), packs the Linux app folder
// with electron-builder and the real config, offline (`--dir`, with a stand-in
// Electron binary that carries a fuse wire), then checks app.asar and the fuses
// electron-builder flipped, the `pail` command's switch (the built main bundle
// run with a stand-in for Electron) and its launchers in every package, and
// prints PASS/FAIL per check. Exits 1 on any FAIL.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import {
  bareImports,
  configChecks,
  distWarnings,
  forbiddenContents,
  fuseWireCheck,
  integrityCheck,
  packageDirs,
  pageProtocolCheck,
  requiredContents,
} from './pack/asar-rules.mjs';
import { cliLaunchCheck, cliScriptsCheck, debScriptsCheck, nsisHarness, nsisPathCheck } from './pack/cli-rules.mjs';

const root = join(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));
// The asar and fuses libraries electron-builder itself uses, so the wire layout matches.
const builderRequire = createRequire(createRequire(require.resolve('electron-builder/package.json')).resolve('app-builder-lib/package.json'));
const args = new Set(process.argv.slice(2));
const skipBuild = args.has('--skip-build');
const keep = args.has('--keep');
const started = Date.now();

// @electron/fuses' wire header; the wire follows it: version byte, length byte, one byte per fuse.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_ON = 0x31;
const FUSE_OFF = 0x30;
/** Electron's own fuse settings, which the stand-in binary starts from. */
const ELECTRON_DEFAULTS = {
  runAsNode: true,
  enableCookieEncryption: false,
  enableNodeOptionsEnvironmentVariable: true,
  enableNodeCliInspectArguments: true,
  enableEmbeddedAsarIntegrityValidation: false,
  onlyLoadAppFromAsar: false,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: true,
};

const seconds = (from) => `${((Date.now() - from) / 1000).toFixed(1)} s`;
const megabytes = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

function binOf(name, command = name) {
  const manifest = require.resolve(`${name}/package.json`);
  const { bin } = readJson(manifest);
  return join(dirname(manifest), typeof bin === 'string' ? bin : bin[command]);
}

/** A step that failed: its message is the whole report. */
class Failure extends Error {}

function run(title, script, scriptArgs) {
  const from = Date.now();
  const result = spawnSync(process.execPath, [script, ...scriptArgs], { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) throw new Failure(`${output}\npack:check: ${title} failed (exit ${result.status ?? result.signal})`);
  process.stdout.write(`${title}: ok in ${seconds(from)}\n`);
  return output;
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** Fuse names in wire order, as electron-builder's `electronFuses` spells them (RunAsNode → runAsNode). */
function fuseOrder() {
  const { FuseV1Options } = builderRequire('@electron/fuses');
  return Object.entries(FuseV1Options)
    .filter(([, index]) => typeof index === 'number')
    .sort(([, a], [, b]) => a - b)
    .map(([name]) => name[0].toLowerCase() + name.slice(1));
}

/**
 * A folder electron-builder takes for an unpacked Electron: an `electron` file
 * holding a fuse wire in Electron's default state. Returns that state.
 */
function makeStandIn(dir, order) {
  const wire = order.map((name) => (ELECTRON_DEFAULTS[name] ? FUSE_ON : FUSE_OFF));
  const script = Buffer.from(`#!/bin/sh\necho 'pack:check stand-in, not Electron' >&2\nexit 1\n# ${SENTINEL}`);
  const body = Buffer.concat([script, Buffer.from([1, wire.length, ...wire, 0x0a])]);
  writeFileSync(join(dir, 'electron'), body, { mode: 0o755 });
  return Object.fromEntries(order.map((name) => [name, ELECTRON_DEFAULTS[name] === true]));
}

/** The packaged binary's fuse wire, by name (empty when the binary or its wire is missing). */
function readFuses(binary, order) {
  if (!existsSync(binary)) return {};
  const bytes = readFileSync(binary);
  const at = bytes.indexOf(SENTINEL);
  if (at < 0) return {};
  const wire = bytes.subarray(at + SENTINEL.length + 2, at + SENTINEL.length + 2 + bytes[at + SENTINEL.length + 1]);
  return Object.fromEntries(order.map((name, i) => [name, wire[i] === undefined ? undefined : wire[i] === FUSE_ON]));
}

/** A file's text, or undefined when it is missing. */
const textOf = (path) => (path && existsSync(path) ? readFileSync(path, 'utf8') : undefined);

/**
 * The built main bundle launched as the app binary would be, with a stand-in
 * for Electron that records its calls (scripts/pack/electron-stand-in.cjs).
 */
function launchMain(args, home) {
  const report = join(home, 'calls.json');
  rmSync(report, { force: true });
  const result = spawnSync(process.execPath, ['-r', join(root, 'scripts', 'pack', 'electron-stand-in.cjs'), join(root, 'out', 'main', 'main.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    input: '',
    env: { ...process.env, PAIL_HOME: home, PAIL_SECRET_STORE: 'file', PAIL_STAND_IN_REPORT: report },
  });
  return { code: result.status, out: result.stdout, err: result.stderr, calls: existsSync(report) ? readJson(report) : [] };
}

/**
 * installer.nsh compiled by `makensis -WX` inside a harness, when NSIS is
 * installed (electron-builder's own NSIS comes only with a Windows build).
 * Undefined when it is not, which the report gives as a warning.
 */
function nsisCompileCheck(config) {
  if (!config.nsis?.include || spawnSync('makensis', ['-VERSION']).status !== 0) return undefined;
  const dir = join(work, 'nsis');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'harness.nsi'), nsisHarness(join(root, config.nsis.include)));
  const result = spawnSync('makensis', ['-V2', '-WX', 'harness.nsi'], { cwd: dir, encoding: 'utf8' });
  const offenders = result.status === 0 ? [] : `${result.stdout}${result.stderr}`.trim().split('\n').slice(-8);
  return { title: 'nsis: installer.nsh compiles (makensis -WX)', offenders, detail: config.nsis.include };
}

/** What the `pail` command needs from the packages: the switch in the main bundle, the launch scripts, the deb links, the NSIS PATH entry. */
function cliChecks({ config, pkg, appDir }) {
  const source = (level, to) => (config[level]?.extraResources ?? []).find((entry) => entry.to === to)?.from;
  const packedScript = join(appDir, 'resources', 'bin', 'pail');
  const home = join(work, 'cli-home');
  mkdirSync(home, { recursive: true });
  return [
    cliLaunchCheck({ cli: launchMain(['--cli', '--help'], home), app: launchMain([], home) }),
    cliScriptsCheck({
      config,
      pkg,
      linuxScript: existsSync(packedScript) ? { text: readFileSync(packedScript, 'utf8'), mode: statSync(packedScript).mode } : undefined,
      macScript: textOf(source('mac', 'bin/pail') && join(root, source('mac', 'bin/pail'))),
      windowsScript: textOf(source('win', 'bin/pail.cmd') && join(root, source('win', 'bin/pail.cmd'))),
    }),
    debScriptsCheck({
      config,
      afterInstall: textOf(config.deb?.afterInstall && join(root, config.deb.afterInstall)),
      afterRemove: textOf(config.deb?.afterRemove && join(root, config.deb.afterRemove)),
    }),
    nsisPathCheck({
      config,
      include: textOf(config.nsis?.include && join(root, config.nsis.include)),
      pathScript: textOf(source('win', 'windows/path-entry.ps1') && join(root, source('win', 'windows/path-entry.ps1'))),
    }),
    ...[nsisCompileCheck(config)].filter(Boolean),
  ];
}

/** Every file in the archive's header, with where it lives and whether it is hashed. */
function asarFiles(archive) {
  const { extractFile, getRawHeader } = builderRequire('@electron/asar');
  const { header, headerString } = getRawHeader(archive);
  const files = [];
  const walk = (node, prefix) => {
    for (const [name, entry] of Object.entries(node.files ?? {})) {
      const path = prefix ? `${prefix}/${name}` : name;
      if (entry.files) walk(entry, path);
      else if (!entry.link) {
        const hashed = Boolean(entry.integrity?.hash && entry.integrity.blocks);
        files.push({ path, size: Number(entry.size ?? 0), unpacked: entry.unpacked === true, hashed });
      }
    }
  };
  walk(header, '');
  const packages = packageDirs(files.map((f) => f.path)).map((dir) => {
    const { name, version } = JSON.parse(extractFile(archive, `${dir}/package.json`).toString('utf8'));
    return { dir, name, version };
  });
  return { files, packages, headerHash: createHash('sha256').update(headerString).digest('hex') };
}

const work = mkdtempSync(join(tmpdir(), 'pail-pack-check-'));
try {
  const pkg = readJson(join(root, 'package.json'));
  const lock = existsSync(join(root, 'package-lock.json')) ? readJson(join(root, 'package-lock.json')) : undefined;
  const config = require('./electron-builder.cjs');
  const builderVersion = readJson(require.resolve('electron-builder/package.json')).version;

  if (!skipBuild) run('electron-vite build', binOf('electron-vite'), ['build', '--logLevel', 'warn']);
  const outDir = join(root, 'out');
  if (!existsSync(join(outDir, 'main'))) throw new Failure('pack:check: out/ is empty: run without --skip-build, or `npm run build` first');

  const order = fuseOrder();
  const standIn = join(work, 'electron-dist');
  const output = join(work, 'dist');
  mkdirSync(standIn);
  const defaultFuses = makeStandIn(standIn, order);
  const log = run(`electron-builder ${builderVersion} --dir --linux (stand-in Electron)`, binOf('electron-builder'), [
    '--dir',
    '--linux',
    '--publish',
    'never',
    `-c.electronDist=${standIn}`,
    `-c.directories.output=${output}`,
  ]);
  for (const line of log.split('\n')) {
    if (/loaded configuration|executing @electron\/fuses/.test(line)) process.stdout.write(`  ${line.replace(/^\s*•\s*/, '').replace(work, '<tmp>')}\n`);
  }

  const appDir = join(output, 'linux-unpacked');
  const archive = join(appDir, 'resources', 'app.asar');
  const { files, packages, headerHash } = asarFiles(archive);
  const outFiles = filesUnder(outDir).map((path) => relative(root, path).split(sep).join('/'));
  const mainBundles = filesUnder(join(outDir, 'main')).filter((p) => p.endsWith('.js'));
  const mainImports = [...new Set(mainBundles.flatMap((p) => bareImports(readFileSync(p, 'utf8'))))].sort();
  const binary = join(appDir, config.linux?.executableName ?? pkg.name);

  const checks = [
    ...requiredContents({ files, outFiles, rendererHtml: readFileSync(join(outDir, 'renderer', 'index.html'), 'utf8'), pkg, mainImports }),
    ...forbiddenContents({ files, packages, pkg, lock }),
    ...configChecks(config),
    fuseWireCheck({ order, before: defaultFuses, after: readFuses(binary, order), configured: config.electronFuses ?? {} }),
    integrityCheck(files),
    pageProtocolCheck({ mainSource: readFileSync(join(outDir, 'main', 'main.js'), 'utf8'), config }),
    ...cliChecks({ config, pkg, appDir }),
  ];

  const packed = files.filter((f) => !f.unpacked);
  const unpacked = files.filter((f) => f.unpacked);
  const total = (list) => list.reduce((sum, f) => sum + f.size, 0);
  process.stdout.write(
    `\napp.asar: ${packed.length} files, ${megabytes(total(packed))}; unpacked beside it: ${unpacked.length} files, ${megabytes(total(unpacked))}\n` +
      `header SHA256 (what electron-builder embeds for Electron's integrity check on macOS and Windows): ${headerHash}\n\n`,
  );
  for (const { title, offenders, detail } of checks) {
    process.stdout.write(`${offenders.length ? 'FAIL' : 'PASS'}  ${title}${detail ? ` (${detail})` : ''}\n`);
    for (const offender of offenders.slice(0, 25)) process.stdout.write(`        ${offender}\n`);
    if (offenders.length > 25) process.stdout.write(`        … and ${offenders.length - 25} more\n`);
  }
  for (const warning of distWarnings(pkg, config)) process.stdout.write(`WARN  ${warning}\n`);
  if (!checks.some((c) => c.title.startsWith('nsis: installer.nsh compiles')))
    process.stdout.write('WARN  makensis not installed (Debian: nsis): installer.nsh was not compiled\n');
  const failed = checks.filter((c) => c.offenders.length).length;
  const kept = keep ? `; kept ${output}` : failed ? '; --keep keeps the packed folder to look into' : '';
  process.stdout.write(`\npack:check: ${checks.length - failed} passed, ${failed} failed, in ${seconds(started)}${kept}\n`);
  process.exitCode = failed ? 1 : 0;
} catch (error) {
  if (!(error instanceof Failure)) throw error;
  process.stdout.write(`${error.message}\n`);
  process.exitCode = 1;
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
}
