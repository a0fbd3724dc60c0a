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

/**
 * The `pail` command ships as scripts that run the app binary with `--cli`
 * (electron/cli/cli-switch.ts), in resources/bin: a POSIX script on Linux and
 * macOS, a batch file on Windows (cmd.exe and PowerShell wait for it).
 */
const cliScript = (name) => ({ from: `build/bin/${name}`, to: `bin/${name}` });

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
    // "Install Command-Line Tool…" writes a script that runs the app itself; this one is for a link made by hand.
    extraResources: [cliScript('pail')],
  },
  dmg: { writeUpdateInfo: false },

  win: {
    target: ['nsis'],
    icon: 'build/icon.png',
    extraResources: [cliScript('pail.cmd'), { from: 'build/windows/path-entry.ps1', to: 'windows/path-entry.ps1' }],
  },
  nsis: {
    oneClick: false,
    allowToChangeInstallationDirectory: true,
    differentialPackage: false,
    // Asks whether to put resources\bin (pail.cmd) on the user's PATH; the uninstaller takes it off.
    include: 'build/windows/installer.nsh',
  },

  linux: {
    target: ['AppImage', 'deb'],
    icon: 'build/icons',
    category: 'Network;FileTransfer;Utility',
    maintainer: 'Pail developers <pail@users.noreply.github.com>',
    synopsis: 'Browse S3-compatible object storage',
    // description: package.json's, which electron-builder uses by default.
    // The deb links /usr/bin/pail to it. An AppImage is mounted only while it runs: its way in is `Pail.AppImage --cli`.
    extraResources: [cliScript('pail')],
  },
  // electron-builder's own scripts, but /usr/bin/pail is the command-line tool, not the app binary.
  deb: { afterInstall: 'build/linux/after-install.sh', afterRemove: 'build/linux/after-remove.sh' },
};
