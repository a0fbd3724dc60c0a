// What Pail's packaged app must and must not hold, as pure functions over plain
// data (the asar's file list, package.json, package-lock.json, the
// electron-builder config, fuse wires), so scripts/pack-check.mjs does the I/O
// and asar-rules.test.mjs checks the rules without packaging anything.
import { builtinModules } from 'node:module';
import { parse } from 'acorn';

/**
 * A check: it passes when `offenders` is empty. `detail` says what was looked
 * at, for the report.
 * @typedef {{ title: string, offenders: string[], detail?: string }} Check
 */

/**
 * A file in app.asar: its path inside the archive (`out/main/main.js`), its
 * size, whether it sits unpacked beside the archive, and whether the header
 * holds its integrity hash.
 * @typedef {{ path: string, size: number, unpacked: boolean, hashed: boolean }} AsarFile
 */

/** The fuses Pail's packages must set, by electron-builder's `electronFuses` names. */
export const REQUIRED_FUSES = Object.freeze({
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
});

/** The entry points electron-vite builds and the app starts from (the transfer engine's worker threads included). */
export const ENTRY_POINTS = [
  'package.json',
  'out/main/main.js',
  'out/main/web.js',
  'out/main/cli.js',
  'out/main/fetch-thread.js',
  'out/main/file-thread.js',
  'out/main/md5-thread.js',
  'out/preload/index.js',
  'out/renderer/index.html',
];

/** Tools that are never a runtime dependency, whatever the lockfile says. */
const DEV_TOOLS = new Set([
  'electron',
  'electron-builder',
  'electron-vite',
  'vite',
  'vitest',
  'typescript',
  'eslint',
  '@playwright/test',
  'playwright',
  'playwright-core',
]);
const TOP_LEVEL = new Set(['out', 'node_modules', 'package.json']);
const TEST_DIRS = new Set(['e2e', '__tests__', '__fixtures__', '__mocks__']);
const SOURCE_DIRS = new Set(['electron', 'renderer', 'shared', 'e2e', 'scripts', 'src', 'bin', 'build']);
const DOC_DIRS = new Set(['doc', 'docs']);

const basename = (path) => path.slice(path.lastIndexOf('/') + 1);
const segments = (path) => path.split('/');
const isLicense = (name) => /^licen[cs]e/i.test(name);

/** `@scope/name/deep/file` → `@scope/name`; `name/file` → `name`. */
export function packageOfSpecifier(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * The packages a bundle imports at run time: bare specifiers of `require("…")`,
 * `import(…)`, `import … from` and `export … from` that are neither Node
 * built-ins nor `electron`. Read from the parsed code (acorn), so text that
 * only looks like an import (the SDK's error message telling users to
 * `require('@aws-sdk/signature-v4a')`) is not taken for one.
 */
export function bareImports(source) {
  const found = new Set();
  const add = (node) => {
    if (node?.type !== 'Literal' || typeof node.value !== 'string') return;
    const specifier = node.value;
    if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return;
    const name = packageOfSpecifier(specifier);
    if (name !== 'electron' && !builtinModules.includes(name)) found.add(name);
  };
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1)
      add(node.arguments[0]);
    if (node.type === 'ImportExpression' || node.type === 'ImportDeclaration' || node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration')
      add(node.source);
    for (const [key, value] of Object.entries(node)) if (key !== 'type' && value && typeof value === 'object') visit(value);
  };
  visit(parseBundle(source));
  return [...found].sort();
}

/** A bundle's syntax tree: ES module syntax if it parses as such, else a CommonJS script. */
function parseBundle(source) {
  const options = { ecmaVersion: 'latest', allowHashBang: true, allowReturnOutsideFunction: true };
  try {
    return parse(source, { ...options, sourceType: 'module' });
  } catch {
    return parse(source, { ...options, sourceType: 'script' });
  }
}

/** Every package folder in the archive, nested ones included: `node_modules/a/node_modules/@b/c`. */
export function packageDirs(paths) {
  const dirs = new Set();
  for (const path of paths) {
    const match = /^((?:node_modules\/(?:@[^/]+\/)?[^/]+\/)*node_modules\/(?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(path);
    if (match) dirs.add(match[1]);
  }
  return [...dirs].sort();
}

const inFolder = (path, names) =>
  segments(path)
    .slice(0, -1)
    .some((s) => names.has(s));
const isTest = (path) => /\.(test|spec)\.[^/]+$/.test(basename(path)) || inFolder(path, TEST_DIRS);
const isEnv = (path) => basename(path).startsWith('.env');
const isKey = (path) => /\.(pem|key|p12|pfx|crt|cer)$/i.test(path);
const isTypeScript = (path) => SOURCE_DIRS.has(segments(path)[0]) || (/\.(ts|tsx|mts|cts)$/.test(path) && !/\.d\.[mc]?ts$/.test(path));
const isDoc = (path) => (/\.(md|markdown)$/i.test(path) && !isLicense(basename(path))) || inFolder(path, DOC_DIRS);
/** A file that must never ship, wherever it is. */
const isForbidden = (path) => [isTest, isEnv, isKey, isTypeScript, isDoc].some((rule) => rule(path));

const check = (title, offenders, detail) => ({ title, offenders, ...(detail === undefined ? {} : { detail }) });

/**
 * What must be in the archive: the entry points, every file electron-vite
 * built (but tests, keys, .env files and the like, which the config excludes), the renderer's assets, the production dependencies and every package
 * the main process imports, and native addons unpacked.
 * @param {{ files: AsarFile[], outFiles: string[], rendererHtml: string, pkg: any, mainImports: string[] }} input
 * @returns {Check[]}
 */
export function requiredContents({ files, outFiles, rendererHtml, pkg, mainImports }) {
  const have = new Set(files.map((f) => f.path));
  const missing = (paths) => paths.filter((p) => !have.has(p)).map((p) => `missing ${p}`);

  const entries = [...new Set([...ENTRY_POINTS, pkg.main].filter(Boolean))];
  const assets = [...rendererHtml.matchAll(/\b(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map(([, asset]) => `out/renderer/${asset}`);
  const shipped = outFiles.filter((path) => !isForbidden(path));
  const dependencies = Object.keys(pkg.dependencies ?? {});
  const addons = files.filter((f) => f.path.endsWith('.node'));
  const keyringAddon = addons.some((f) => /^node_modules\/@napi-rs\/keyring-[^/]+\//.test(f.path));

  return [
    check('entry points: main, web, cli, worker threads, preload, renderer page, package.json', missing(entries), entries.length + ' files'),
    check('renderer page and the assets it loads', assets.length ? missing(assets) : ['index.html loads no assets/ file'], `${assets.length} assets`),
    check('everything in out/ but what must not ship', missing(shipped), `${shipped.length} files`),
    check('production dependencies (package.json)', missing(dependencies.map((d) => `node_modules/${d}/package.json`)), `${dependencies.length} packages`),
    check('packages the main process imports', missing(mainImports.map((d) => `node_modules/${d}/package.json`)), mainImports.join(', ') || 'none'),
    check(
      'native addons unpacked from the asar',
      [
        ...addons.filter((f) => !f.unpacked).map((f) => `packed inside the asar: ${f.path}`),
        ...('@napi-rs/keyring' in (pkg.dependencies ?? {}) && !keyringAddon ? ['no @napi-rs/keyring platform package'] : []),
      ],
      addons.map((f) => f.path).join(', ') || 'none',
    ),
  ];
}

/**
 * A package in the archive: its folder and what its package.json says.
 * @typedef {{ dir: string, name: string, version: string }} PackedPackage
 */

/**
 * True for a package only dev dependencies need. electron-builder re-hoists
 * what it copies (qrcode's own yargs 15 lands in node_modules/yargs, where the
 * project has a dev-only yargs 17), so a package is looked up in the lockfile
 * by name and version, not by folder.
 */
function devOnly(lock, devDependencies) {
  /** @type {Map<string, { version: string, dev: boolean }[]>} */
  const byName = new Map();
  for (const [key, entry] of Object.entries(lock?.packages ?? {})) {
    if (!key.includes('node_modules/')) continue;
    const name = entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    byName.set(name, [...(byName.get(name) ?? []), { version: entry.version, dev: entry.dev === true }]);
  }
  return ({ name, version }) => {
    if (DEV_TOOLS.has(name)) return true;
    const entries = byName.get(name)?.filter((e) => e.version === version);
    if (entries?.length) return entries.every((e) => e.dev);
    return devDependencies.has(name) || name.startsWith('@types/');
  };
}

/**
 * What must not be in the archive: anything but out/, package.json and
 * node_modules at the top; tests and their maps; dev dependencies; .env files;
 * keys and certificates; TypeScript sources; docs.
 * @param {{ files: AsarFile[], packages: PackedPackage[], pkg: any, lock?: any }} input
 * @returns {Check[]}
 */
export function forbiddenContents({ files, packages, pkg, lock }) {
  const paths = files.map((f) => f.path);
  const isDev = devOnly(lock, new Set(Object.keys(pkg.devDependencies ?? {})));
  const tops = [...new Set(paths.map((p) => segments(p)[0]))];

  return [
    check(
      'only out/, package.json and node_modules/ at the top',
      tops.filter((top) => !TOP_LEVEL.has(top)),
    ),
    check('no tests, fixtures or their source maps', paths.filter(isTest)),
    check(
      'no dev dependencies',
      packages.filter(isDev).map((p) => `${p.dir} (${p.name}@${p.version})`),
      `${packages.length} packages checked against package-lock.json`,
    ),
    check('no .env files', paths.filter(isEnv)),
    check('no keys or certificates', paths.filter(isKey)),
    check('no TypeScript sources', paths.filter(isTypeScript)),
    check('no docs', paths.filter(isDoc)),
  ];
}

/**
 * The electron-builder config: the fuses Pail requires, an asar with integrity
 * hashes, and nothing but out/ and package.json picked from the project.
 * @param {any} config the object electron-builder.cjs exports
 * @returns {Check[]}
 */
export function configChecks(config) {
  const isSet = (value) => value != null && (!Array.isArray(value) || value.length > 0);
  const fuses = config.electronFuses ?? {};
  const picked = (config.files ?? []).filter((pattern) => typeof pattern === 'string' && !pattern.startsWith('!'));
  return [
    check(
      'config: fuses',
      Object.entries(REQUIRED_FUSES)
        .filter(([name, value]) => fuses[name] !== value)
        .map(([name, value]) => `electronFuses.${name} must be ${value} (is ${fuses[name]})`),
      Object.entries(fuses)
        .map(([name, value]) => `${name}=${value}`)
        .join(', '),
    ),
    check('config: asar with integrity', [
      ...(config.asar === true ? [] : [`asar must be true (is ${JSON.stringify(config.asar)})`]),
      ...(config.disableAsarIntegrity ? ['disableAsarIntegrity is set'] : []),
      ...(config.disableSanityCheckAsar ? ['disableSanityCheckAsar is set'] : []),
    ]),
    check(
      'config: no file associations or URL schemes',
      ['fileAssociations', 'protocols'].filter((key) => [config, config.mac, config.win, config.linux].some((level) => isSet(level?.[key]))),
    ),
    check(
      'config: files picks only out/** and package.json',
      picked.filter((pattern) => pattern !== 'out/**' && pattern !== 'package.json').map((pattern) => `files: ${pattern}`),
    ),
  ];
}

/**
 * What `npm run dist` will stop at although the --dir build passes: the deb
 * target wants a homepage and a maintainer.
 * @param {any} pkg package.json
 * @param {any} config the object electron-builder.cjs exports
 * @returns {string[]}
 */
export function distWarnings(pkg, config) {
  const warnings = [];
  if (!pkg.homepage && !config.extraMetadata?.homepage) {
    warnings.push('package.json has no "homepage": `npm run dist` on Linux stops at the deb target ("Please specify project homepage")');
  }
  if (!config.linux?.maintainer && !pkg.author?.email) {
    warnings.push('no linux.maintainer and no author email in package.json: the deb target refuses to build');
  }
  return warnings;
}

/**
 * With the grantFileProtocolExtraPrivileges fuse off, a page loaded from
 * file:// loses what the app needs (its module script is a CORS load that
 * plain file:// refuses), so the built main process must load the renderer
 * from the app:// protocol (electron/shell/app-protocol.ts), never with `loadFile`.
 * @param {{ mainSource: string, config: any, entryUrl?: string }} input
 * @returns {Check}
 */
export function pageProtocolCheck({ mainSource, config, entryUrl = 'app://pail/index.html' }) {
  const fileOff = config.electronFuses?.grantFileProtocolExtraPrivileges === false;
  const offenders = [];
  if (fileOff && !mainSource.includes(entryUrl)) offenders.push(`out/main/main.js never names ${entryUrl}`);
  if (fileOff && /\.loadFile\(/.test(mainSource)) offenders.push('out/main/main.js calls loadFile(): a file:// page, with the file fuse off');
  return check(
    'the window loads its page from app://, not file://',
    offenders,
    fileOff ? `grantFileProtocolExtraPrivileges=false, ${entryUrl}` : 'file fuse on: not checked',
  );
}

/**
 * The fuse wire electron-builder left in the packaged binary, against the one
 * the config asks for: each configured fuse flipped, the others untouched.
 * @param {{ order: string[], before: Record<string, boolean>, after: Record<string, boolean | undefined>, configured: Record<string, boolean | undefined> }} input
 *   order: fuse names in wire order; before: the stand-in binary's wire; after: the packaged binary's wire
 * @returns {Check}
 */
export function fuseWireCheck({ order, before, after, configured }) {
  const offenders = [];
  const states = [];
  for (const name of order) {
    const expected = configured[name] ?? before[name];
    if (after[name] !== expected) offenders.push(`${name} is ${after[name]} in the binary, expected ${expected}`);
    states.push(`${name}=${after[name]}`);
  }
  return check('fuses flipped in the packaged binary', offenders, states.join(', '));
}

/**
 * Electron checks the archive against per-file hashes in its header when the
 * embedded-integrity fuse is on (macOS, Windows): every packed file needs one.
 * @param {AsarFile[]} files
 * @returns {Check}
 */
export function integrityCheck(files) {
  const packed = files.filter((f) => !f.unpacked);
  return check(
    'asar header hashes every packed file',
    packed.filter((f) => !f.hashed).map((f) => `no integrity hash: ${f.path}`),
    `${packed.length} files`,
  );
}
