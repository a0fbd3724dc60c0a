// @ts-check
/**
 * How electron-builder packages Pail (`npm run dist`, on a machine with internet):
 * AppImage and deb on Linux, a dmg on macOS, an NSIS installer on Windows.
 * `npm run pack:check` builds the Linux folder offline and checks what went in.
 */

/** Electron fuses, flipped in the binary right before signing. */
const electronFuses = {
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general Node.js runtime.
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  // Checked by Electron on macOS and Windows against the hash electron-builder embeds; a no-op on Linux.
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  // The window loads its page from app://pail/ (electron/shell/app-protocol.ts), never from file://,
  // so file:// pages need none of the extra powers Electron gives them by default.
  grantFileProtocolExtraPrivileges: false,
};

/** Never shipped, wherever they turn up (app files or node_modules). */
const excluded = [
  '!**/*.{test,spec}.*',
  '!**/{__tests__,__fixtures__,__mocks__,e2e}/**',
  '!**/.env*',
  '!**/*.{pem,key,p12,pfx,crt,cer}',
  // What packages publish beside their built code: sources, maps, tests and docs (licenses stay).
  '!**/node_modules/**/*.{ts,mts,cts,tsx,map}',
  '!**/node_modules/**/{test,tests,doc,docs}/**',
  '!**/node_modules/**/!(LICEN[CS]E*|licen[cs]e*).{md,markdown}',
];

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'app.pail.desktop',
  productName: 'Pail',
  copyright: 'Copyright © Pail contributors',
  directories: { output: 'dist', buildResources: 'build' },
  artifactName: '${productName}-${version}-${arch}.${ext}',

  // Only the built app: electron-builder adds the production node_modules itself.
  files: ['out/**', 'package.json', ...excluded],
  asar: true,
  // Native addons (@napi-rs/keyring's platform package) cannot be loaded from inside the asar.
  asarUnpack: ['**/*.node'],
  // No dependency compiles native code (the keyring ships prebuilt binaries), so no rebuild,
  // which would fetch Electron's headers.
  npmRebuild: false,
  // No auto-update feed.
  publish: null,
  electronFuses,

  mac: {
    target: ['dmg'],
    category: 'public.app-category.utilities',
    icon: 'build/icon.png',
    hardenedRuntime: true,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
  },
  dmg: { writeUpdateInfo: false },

  win: {
    target: ['nsis'],
    icon: 'build/icon.png',
  },
  nsis: {
    oneClick: false,
    allowToChangeInstallationDirectory: true,
    differentialPackage: false,
  },

  linux: {
    target: ['AppImage', 'deb'],
    icon: 'build/icons',
    category: 'Network;FileTransfer;Utility',
    maintainer: 'Pail developers <pail@users.noreply.github.com>',
    synopsis: 'Browse S3-compatible object storage',
    // description: package.json's, which electron-builder uses by default.
  },
};
