/**
 * What the application menu can ask the page to do (the `menu:command`
 * event). Each is an action the UI already has — a toolbar button, a
 * shortcut, a panel — so the menu and the page run the same code.
 */
export const MENU_COMMANDS = [
  'addProfile',
  'importProfiles',
  'createBucket',
  'newFolder',
  'uploadFiles',
  'uploadFolder',
  'importUrl',
  'download',
  'rename',
  'delete',
  'share',
  'makePublic',
  'makePrivate',
  'refresh',
  'twoPanes',
  'toggleInspector',
  'showTransfers',
  'showActivity',
  'back',
  'forward',
  'up',
  'focusAddress',
  'focusSearch',
  'pauseAll',
  'resumeAll',
  'retryFailed',
  'clearFinished',
  'shortcuts',
  'themeSystem',
  'themeLight',
  'themeDark',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
