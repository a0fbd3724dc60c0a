// The packaging rules on hand-made inputs: `node --test scripts/pack/`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bareImports,
  configChecks,
  distWarnings,
  ENTRY_POINTS,
  forbiddenContents,
  fuseWireCheck,
  integrityCheck,
  packageDirs,
  pageProtocolCheck,
  REQUIRED_FUSES,
  requiredContents,
} from './asar-rules.mjs';

const file = (path, extra = {}) => ({ path, size: 1, unpacked: false, hashed: true, ...extra });
const offendersOf = (checks, title) => checks.find((c) => c.title.startsWith(title))?.offenders;

const pkg = {
  main: 'out/main/main.js',
  dependencies: { zod: '^4', '@napi-rs/keyring': '^2' },
  devDependencies: { vitest: '4.1', '@smithy/types': '^4' },
};
const lock = {
  packages: {
    '': {},
    'node_modules/zod': { version: '4.6.7' },
    'node_modules/@smithy/types': { version: '4.20.0' },
    'node_modules/yargs': { version: '17.7.3', dev: true },
    'node_modules/qrcode/node_modules/yargs': { version: '15.4.1' },
    'node_modules/@types/node': { version: '20.19.43', dev: true },
  },
};
const goodFiles = [
  ...ENTRY_POINTS.map((p) => file(p)),
  file('out/renderer/assets/index-1.js'),
  file('out/renderer/assets/index-1.css'),
  file('node_modules/zod/package.json'),
  file('node_modules/@napi-rs/keyring/package.json'),
  file('node_modules/@napi-rs/keyring-linux-x64-gnu/package.json', { unpacked: true }),
  file('node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node', { unpacked: true }),
  file('node_modules/@napi-rs/keyring-linux-x64-gnu/LICENSE.third-party.md', { unpacked: true }),
];
const html = '<script type="module" crossorigin src="./assets/index-1.js"></script><link rel="stylesheet" href="./assets/index-1.css">';
const required = (files) =>
  requiredContents({
    files,
    outFiles: [...ENTRY_POINTS.slice(1), 'out/renderer/assets/index-1.js', 'out/main/.env', 'out/main/x.test.js'],
    rendererHtml: html,
    pkg,
    mainImports: ['zod', '@napi-rs/keyring'],
  });

describe('requiredContents', () => {
  it('passes a complete archive, which leaves out what must not ship even when it is in out/', () => {
    for (const c of required(goodFiles)) assert.deepEqual(c.offenders, [], c.title);
  });

  it('names a missing entry point, asset, dependency and a packed addon', () => {
    const files = goodFiles
      .filter((f) => !['out/preload/index.js', 'out/renderer/assets/index-1.css', 'node_modules/zod/package.json'].includes(f.path))
      .map((f) => (f.path.endsWith('.node') ? { ...f, unpacked: false } : f));
    const checks = required(files);
    assert.deepEqual(offendersOf(checks, 'entry points'), ['missing out/preload/index.js']);
    assert.deepEqual(offendersOf(checks, 'renderer page'), ['missing out/renderer/assets/index-1.css']);
    assert.deepEqual(offendersOf(checks, 'production dependencies'), ['missing node_modules/zod/package.json']);
    assert.deepEqual(offendersOf(checks, 'packages the main process imports'), ['missing node_modules/zod/package.json']);
    assert.deepEqual(offendersOf(checks, 'native addons'), ['packed inside the asar: node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node']);
  });
});

describe('forbiddenContents', () => {
  const packages = [
    { dir: 'node_modules/zod', name: 'zod', version: '4.6.7' },
    { dir: 'node_modules/@smithy/types', name: '@smithy/types', version: '4.20.0' },
    // electron-builder hoists qrcode's own yargs 15: production, although node_modules/yargs is dev-only in the lock.
    { dir: 'node_modules/yargs', name: 'yargs', version: '15.4.1' },
  ];

  it('passes a clean archive, including a re-hoisted production package and a devDependency production also needs', () => {
    for (const c of forbiddenContents({ files: goodFiles, packages, pkg, lock })) assert.deepEqual(c.offenders, [], c.title);
  });

  it('names each kind of offender', () => {
    const files = [
      ...goodFiles,
      file('out/main/thing.test.js'),
      file('out/main/thing.spec.js.map'),
      file('node_modules/zod/__fixtures__/a.json'),
      file('.env.local'),
      file('out/server.key'),
      file('node_modules/x/cert.pem'),
      file('electron/main.ts'),
      file('node_modules/zod/src/index.ts'),
      file('node_modules/zod/index.d.ts'),
      file('node_modules/zod/README.md'),
      file('node_modules/zod/docs/guide.html'),
    ];
    const devPackages = [
      ...packages,
      { dir: 'node_modules/yargs', name: 'yargs', version: '17.7.3' },
      { dir: 'node_modules/@types/node', name: '@types/node', version: '20.19.43' },
      { dir: 'node_modules/vitest', name: 'vitest', version: '4.1.0' },
    ];
    const checks = forbiddenContents({ files, packages: devPackages, pkg, lock });
    assert.deepEqual(offendersOf(checks, 'only out/'), ['.env.local', 'electron']);
    assert.deepEqual(offendersOf(checks, 'no tests'), ['out/main/thing.test.js', 'out/main/thing.spec.js.map', 'node_modules/zod/__fixtures__/a.json']);
    assert.deepEqual(offendersOf(checks, 'no dev dependencies'), [
      'node_modules/yargs (yargs@17.7.3)',
      'node_modules/@types/node (@types/node@20.19.43)',
      'node_modules/vitest (vitest@4.1.0)',
    ]);
    assert.deepEqual(offendersOf(checks, 'no .env'), ['.env.local']);
    assert.deepEqual(offendersOf(checks, 'no keys'), ['out/server.key', 'node_modules/x/cert.pem']);
    assert.deepEqual(offendersOf(checks, 'no TypeScript'), ['electron/main.ts', 'node_modules/zod/src/index.ts']);
    assert.deepEqual(offendersOf(checks, 'no docs'), ['node_modules/zod/README.md', 'node_modules/zod/docs/guide.html']);
  });
});

describe('configChecks', () => {
  const good = { asar: true, files: ['out/**', 'package.json', '!**/*.test.*'], electronFuses: { ...REQUIRED_FUSES } };

  it('passes the required fuses, an asar and a tight files list', () => {
    for (const c of configChecks(good)) assert.deepEqual(c.offenders, [], c.title);
  });

  it('names a missing fuse, a disabled integrity and an extra file pattern', () => {
    const { runAsNode: _dropped, ...fuses } = REQUIRED_FUSES;
    const checks = configChecks({
      ...good,
      disableAsarIntegrity: true,
      files: [...good.files, 'electron/**'],
      electronFuses: fuses,
      fileAssociations: [{ ext: 'txt' }],
    });
    assert.deepEqual(offendersOf(checks, 'config: fuses'), ['electronFuses.runAsNode must be false (is undefined)']);
    assert.deepEqual(offendersOf(checks, 'config: asar'), ['disableAsarIntegrity is set']);
    assert.deepEqual(offendersOf(checks, 'config: files'), ['files: electron/**']);
    assert.deepEqual(offendersOf(checks, 'config: no file associations'), ['fileAssociations']);
  });
});

describe('fuseWireCheck', () => {
  const order = ['runAsNode', 'enableCookieEncryption', 'grantFileProtocolExtraPrivileges'];
  const before = { runAsNode: true, enableCookieEncryption: false, grantFileProtocolExtraPrivileges: true };
  const configured = { runAsNode: false, enableCookieEncryption: true };

  it('passes when the configured fuses flipped and the others kept their state', () => {
    const after = { runAsNode: false, enableCookieEncryption: true, grantFileProtocolExtraPrivileges: true };
    assert.deepEqual(fuseWireCheck({ order, before, after, configured }).offenders, []);
  });

  it('names a fuse that did not flip, and a binary with no wire', () => {
    const after = { runAsNode: true, enableCookieEncryption: true, grantFileProtocolExtraPrivileges: true };
    assert.deepEqual(fuseWireCheck({ order, before, after, configured }).offenders, ['runAsNode is true in the binary, expected false']);
    assert.equal(fuseWireCheck({ order, before, after: {}, configured }).offenders.length, 3);
  });
});

describe('pageProtocolCheck', () => {
  const config = { electronFuses: { ...REQUIRED_FUSES } };
  it('passes a main process that loads app://pail/index.html', () => {
    assert.deepEqual(pageProtocolCheck({ mainSource: 'const u = "app://pail/index.html"; w.loadURL(u);', config }).offenders, []);
  });

  it('names a main process that still loads its page from a file, with the fuse off', () => {
    assert.deepEqual(pageProtocolCheck({ mainSource: 'w.loadFile(join(__dirname, "../renderer/index.html"))', config }).offenders, [
      'out/main/main.js never names app://pail/index.html',
      'out/main/main.js calls loadFile(): a file:// page, with the file fuse off',
    ]);
    assert.deepEqual(pageProtocolCheck({ mainSource: 'w.loadFile(x)', config: { electronFuses: { grantFileProtocolExtraPrivileges: true } } }).offenders, []);
  });
});

describe('distWarnings', () => {
  it('wants a homepage and a maintainer for the deb target', () => {
    assert.equal(distWarnings({}, {}).length, 2);
    assert.deepEqual(distWarnings({ homepage: 'https://example.org', author: { email: 'a@example.org' } }, {}), []);
    assert.deepEqual(distWarnings({}, { extraMetadata: { homepage: 'https://example.org' }, linux: { maintainer: 'A <a@example.org>' } }), []);
  });
});

describe('helpers', () => {
  it('integrityCheck wants a hash for every packed file, not for unpacked ones', () => {
    const files = [file('a.js'), file('b.node', { unpacked: true, hashed: false }), file('c.js', { hashed: false })];
    assert.deepEqual(integrityCheck(files).offenders, ['no integrity hash: c.js']);
  });

  it('packageDirs finds scoped and nested packages, not package.json files deeper inside one', () => {
    const dirs = packageDirs([
      'node_modules/a/package.json',
      'node_modules/@s/b/package.json',
      'node_modules/a/node_modules/c/package.json',
      'node_modules/a/lib/package.json',
      'package.json',
    ]);
    assert.deepEqual(dirs, ['node_modules/@s/b', 'node_modules/a', 'node_modules/a/node_modules/c']);
  });

  it('bareImports keeps packages, drops relative paths, built-ins and electron', () => {
    const source = [
      'const a = require("@aws-sdk/client-s3"); require("./chunk.js"); require("node:fs"); require("path"); require("electron");',
      'async function f() { const s = " from \\"not code\\""; return import("ini"); }',
    ].join('\n');
    assert.deepEqual(bareImports(source), ['@aws-sdk/client-s3', 'ini']);
    const esm = 'import z from "zod/v4"; export { x } from "@scope/pkg/deep"; export * from "./local.js"; import "side-effect";';
    assert.deepEqual(bareImports(esm), ['@scope/pkg', 'side-effect', 'zod']);
  });

  it('bareImports does not take text that only looks like an import for one', () => {
    const source = 'throw new Error("Please register it by calling [require(\'@aws-sdk/signature-v4a\');] first"); // require("commented-out")';
    assert.deepEqual(bareImports(source), []);
  });
});
