// What the installers need for the `pail` command (electron/cli/cli-switch.ts): the app
// binary runs the CLI with `--cli` before any window, and each package puts a launcher on
// the PATH. Pure functions over plain data (config, file texts, a launch's record), so
// scripts/pack-check.mjs does the I/O and cli-rules.test.mjs checks the rules.

/**
 * @typedef {import('./asar-rules.mjs').Check} Check
 * A launch of the built main bundle under scripts/pack/electron-stand-in.cjs:
 * @typedef {{ code: number | null, out: string, err: string, calls: string[] }} Launch
 */

/** The only Electron calls a CLI run makes (electron/shell/cli-shell.ts). */
export const CLI_RUN_CALLS = Object.freeze(['app.getPath', 'app.setPath', 'app.dock.hide', 'app.disableHardwareAcceleration', 'app.exit']);

/** The words each launcher must hand the app binary: the switch, then `--` so Chromium reads none of the command's words. */
const SWITCH = '--cli --';

/** The deb's link and what it points at, as electron-builder's templates spell the install folder. */
const DEB_LINK = '/usr/bin/pail';
const DEB_TARGET = '/opt/${sanitizedProductName}/resources/bin/pail';

/** The names electron-builder fills into deb scripts; any other `${name}` fails the build ("Macro … is not defined"). */
const DEB_MACROS = new Set(['executable', 'sanitizedProductName', 'productFilename']);

const check = (title, offenders, detail) => ({ title, offenders, ...(detail === undefined ? {} : { detail }) });

/** The `extraResources` entry of one platform that ships `to`, if any. */
function resourceEntry(level, to) {
  return (level?.extraResources ?? []).find((entry) => typeof entry === 'object' && entry.to === to);
}

/**
 * The built main bundle as `Pail --cli --help`: the usage, exit 0, and no
 * Electron call but those a CLI run makes (so no single-instance lock,
 * protocol, window or whenReady); a launch without `--cli` starts the app.
 * @param {{ cli: Launch, app: Launch }} input
 * @returns {Check}
 */
export function cliLaunchCheck({ cli, app }) {
  const offenders = [];
  if (cli.code !== 0) offenders.push(`--cli --help exited ${cli.code}: ${cli.err.trim().split('\n')[0] ?? ''}`);
  if (!/pail profile add/.test(cli.out)) offenders.push('--cli --help printed no usage');
  for (const call of cli.calls.filter((c) => !CLI_RUN_CALLS.includes(c))) offenders.push(`a CLI run called electron ${call}()`);
  if (cli.calls.at(-1) !== 'app.exit') offenders.push('a CLI run did not end with app.exit(code)');
  if (!app.calls.some((c) => !CLI_RUN_CALLS.includes(c))) offenders.push('a launch without --cli did not start the app');
  return check('the app binary runs the CLI with --cli, before any window (main bundle, Electron stood in)', offenders, `calls: ${cli.calls.join(', ')}`);
}

/**
 * The launch scripts in resources/bin: the POSIX one (Linux, macOS) runs the
 * app binary beside it, the batch file Pail.exe, each with `--cli --`.
 * `linuxScript` is read from the packed Linux folder, the others from their
 * config sources.
 * @param {{ config: any, pkg: any, linuxScript?: { text: string, mode: number }, macScript?: string, windowsScript?: string }} input
 * @returns {Check}
 */
export function cliScriptsCheck({ config, pkg, linuxScript, macScript, windowsScript }) {
  const product = config.productName ?? pkg.productName ?? pkg.name;
  const executable = config.linux?.executableName ?? pkg.name;
  const offenders = [];
  for (const [platform, to] of [
    ['linux', 'bin/pail'],
    ['mac', 'bin/pail'],
    ['win', 'bin/pail.cmd'],
  ]) {
    if (!resourceEntry(config[platform], to)) offenders.push(`${platform}.extraResources ships no ${to}`);
  }
  if (!linuxScript) offenders.push('resources/bin/pail is not in the packed Linux app');
  else {
    if ((linuxScript.mode & 0o111) === 0) offenders.push('resources/bin/pail is not executable');
    if (!linuxScript.text.includes(`"$resources/../${executable}"`) || !linuxScript.text.includes(`${SWITCH} "$@"`))
      offenders.push(`resources/bin/pail does not exec ../${executable} ${SWITCH} "$@"`);
    if (!linuxScript.text.includes('--ozone-platform=headless')) offenders.push('resources/bin/pail would need a display (no --ozone-platform=headless)');
  }
  if (macScript !== undefined && !macScript.includes(`"$resources/../MacOS/${product}" ${SWITCH} "$@"`))
    offenders.push(`the macOS script does not exec MacOS/${product} ${SWITCH} "$@"`);
  if (windowsScript !== undefined) {
    if (!windowsScript.includes(`"%~dp0..\\..\\${product}.exe" ${SWITCH} %*`)) offenders.push(`pail.cmd does not run ${product}.exe ${SWITCH} %*`);
    if (!/^exit \/b %ERRORLEVEL%/m.test(windowsScript)) offenders.push("pail.cmd does not hand back the app's exit code");
    if (!windowsScript.includes('\r\n')) offenders.push('pail.cmd has no CRLF line ends');
  }
  for (const [name, text] of [
    ['resources/bin/pail', linuxScript?.text],
    ['pail.cmd', windowsScript],
  ]) {
    if (text?.includes('ELECTRON_RUN_AS_NODE')) offenders.push(`${name} uses ELECTRON_RUN_AS_NODE, which the RunAsNode fuse turns off`);
  }
  return check('the pail launch scripts in resources/bin', offenders, `../${executable}, MacOS/${product}, ${product}.exe`);
}

/**
 * The deb's after-install links /usr/bin/pail to the launch script (not the
 * app binary, electron-builder's default), after-remove takes the same link
 * away, and both use only the macros electron-builder fills in.
 * @param {{ config: any, afterInstall?: string, afterRemove?: string }} input
 * @returns {Check}
 */
export function debScriptsCheck({ config, afterInstall, afterRemove }) {
  const offenders = [];
  if (!config.deb?.afterInstall || afterInstall === undefined) offenders.push('deb.afterInstall is not set to a file');
  if (!config.deb?.afterRemove || afterRemove === undefined) offenders.push('deb.afterRemove is not set to a file');
  if (afterInstall !== undefined) {
    if (!afterInstall.includes(`cli='${DEB_TARGET}'`)) offenders.push(`after-install does not name ${DEB_TARGET}`);
    if (!afterInstall.includes(`update-alternatives --install '${DEB_LINK}' 'pail' "$cli"`) || !afterInstall.includes(`ln -sf "$cli" '${DEB_LINK}'`))
      offenders.push(`after-install does not link ${DEB_LINK} to it`);
  }
  if (afterRemove !== undefined && !afterRemove.includes(`update-alternatives --remove 'pail' '${DEB_TARGET}'`))
    offenders.push(`after-remove does not remove the ${DEB_LINK} alternative`);
  for (const [name, text] of [
    ['after-install', afterInstall],
    ['after-remove', afterRemove],
  ]) {
    for (const [, macro] of (text ?? '').matchAll(/\$\{([a-zA-Z]+)\}/g)) {
      if (!DEB_MACROS.has(macro)) offenders.push(`${name} uses \${${macro}}, which electron-builder rejects`);
    }
  }
  return check(`deb: ${DEB_LINK} links to resources/bin/pail`, offenders, `${config.deb?.afterInstall}, ${config.deb?.afterRemove}`);
}

/**
 * The NSIS include: asks (No when silent) before adding resources\bin to the
 * user's PATH through path-entry.ps1, tells running programs, keeps the entry
 * on updates and removes it on uninstall; path-entry.ps1 ships where it looks.
 * @param {{ config: any, include?: string, pathScript?: string }} input
 * @returns {Check}
 */
export function nsisPathCheck({ config, include, pathScript }) {
  const offenders = [];
  if (!config.nsis?.include || include === undefined) offenders.push('nsis.include is not set to a file');
  else {
    for (const [needle, words] of [
      ['!macro customInstall', 'no customInstall macro'],
      ['!macro customUnInstall', 'no customUnInstall macro'],
      ['"$INSTDIR\\resources\\bin"', 'the PATH entry is not resources\\bin'],
      ['$INSTDIR\\resources\\windows\\path-entry.ps1', 'does not run resources\\windows\\path-entry.ps1'],
      ['${WM_SETTINGCHANGE} 0 "STR:Environment"', 'does not broadcast WM_SETTINGCHANGE'],
      ['/SD IDNO', 'a silent install would change PATH'],
      ['${ifNot} ${isUpdated}', 'an update would ask again or drop the entry'],
    ]) {
      if (!include.includes(needle)) offenders.push(`installer.nsh: ${words}`);
    }
    if (/WriteRegExpandStr|WriteRegStr[^\n]*Environment/.test(include)) offenders.push('installer.nsh writes PATH itself (NSIS strings cut a long PATH)');
  }
  if (!resourceEntry(config.win, 'windows/path-entry.ps1')) offenders.push('win.extraResources ships no windows/path-entry.ps1');
  if (pathScript === undefined) offenders.push('path-entry.ps1 is missing');
  else if (!pathScript.includes('DoNotExpandEnvironmentNames') || !pathScript.includes('ExpandString'))
    offenders.push('path-entry.ps1 would expand %VARIABLES% in PATH');
  return check('nsis: optional PATH entry for pail.cmd', offenders, config.nsis?.include);
}

/**
 * An NSIS script that includes `include` as electron-builder's templates do
 * (LogicLib, an `isUpdated` test, customInstall in a section, customUnInstall
 * in the uninstaller), for `makensis -WX` to compile where NSIS is installed
 * (Debian's `nsis`): a syntax error in installer.nsh shows here, not first on
 * a Windows build.
 * @param {string} include absolute path of installer.nsh
 * @returns {string}
 */
export function nsisHarness(include) {
  return [
    'Unicode true',
    '!include "LogicLib.nsh"',
    'Var isUpdatedFlag',
    '!macro _isUpdated _a _b _t _f',
    '  StrCmp $isUpdatedFlag "1" `${_t}` `${_f}`',
    '!macroend',
    '!define isUpdated `"" isUpdated ""`',
    `!include "${include}"`,
    'Name "pack-check"',
    'OutFile "harness.exe"',
    'RequestExecutionLevel user',
    'Section "install"',
    '  StrCpy $isUpdatedFlag "0"',
    '  !insertmacro customInstall',
    '  WriteUninstaller "$INSTDIR\\uninstall.exe"',
    'SectionEnd',
    'Section "uninstall"',
    '  !insertmacro customUnInstall',
    'SectionEnd',
    '',
  ].join('\n');
}
