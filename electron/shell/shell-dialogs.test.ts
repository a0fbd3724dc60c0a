import { describe, expect, it } from 'vitest';
import { CrashDialogGate, crashChoice, crashDialogOptions, describeCrash, dialogParent } from './shell-dialogs';

const win = (name: string, state: { destroyed?: boolean; visible?: boolean; minimized?: boolean } = {}) => ({
  name,
  isDestroyed: () => state.destroyed ?? false,
  isVisible: () => state.visible ?? true,
  isMinimized: () => state.minimized ?? false,
});

describe('the parent of a dialog', () => {
  it('is the first live, shown window; none (an app-wide dialog) when there is none', () => {
    expect(dialogParent([win('focused'), win('other')])?.name).toBe('focused');
    expect(dialogParent([null, win('gone', { destroyed: true }), win('main')])?.name).toBe('main');
    expect(dialogParent([win('hidden', { visible: false }), win('min', { minimized: true })])).toBeUndefined();
    expect(dialogParent([undefined])).toBeUndefined();
  });
});

describe('the crash dialog', () => {
  it('reads what the crash logger reports, whatever its shape', () => {
    expect(describeCrash(new Error('boom'))).toEqual({ message: 'boom' });
    expect(describeCrash({ error: new TypeError('x is not a function'), kind: 'uncaughtException', logFile: '/data/crash.log' })).toEqual({
      message: 'x is not a function',
      kind: 'uncaughtException',
      logFile: '/data/crash.log',
    });
    expect(describeCrash({ reason: 'socket hang up', origin: 'unhandledRejection', file: '/d/c.log' })).toEqual({
      message: 'socket hang up',
      kind: 'unhandledRejection',
      logFile: '/d/c.log',
    });
    // What installCrashNet (crash-log.ts) passes.
    expect(describeCrash({ kind: 'uncaughtException', message: 'EPIPE', logPath: '/data/crash.log', fatal: false })).toEqual({
      message: 'EPIPE',
      kind: 'uncaughtException',
      logFile: '/data/crash.log',
    });
    expect(describeCrash('plain words')).toEqual({ message: 'plain words' });
    expect(describeCrash(undefined)).toEqual({ message: 'undefined' });
    expect(describeCrash({})).toEqual({ message: 'An unknown error' });
  });

  it('says what happened in one line without secrets, that transfers resume, and where the log is', () => {
    const options = crashDialogOptions({
      kind: 'uncaughtException',
      message: 'GET https://bucket.s3.example.com/k?X-Amz-Signature=abc123&X-Amz-Credential=AKIA failed\n    at Object.<anonymous> (main.js:1:1)',
      logFile: '/home/me/.config/Pail/crash.log',
    });
    expect(options).toMatchObject({
      type: 'error',
      title: 'Pail ran into a problem',
      message: 'Something went wrong inside Pail.',
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
    expect(options.detail).toBe(
      'GET https://bucket.s3.example.com/k?… failed\n\nThe details are in /home/me/.config/Pail/crash.log.\n\nIf you quit, uploads and downloads resume the next time you open Pail.',
    );
    expect(options.buttons).toEqual(['Quit Pail', 'Keep Pail Open', 'Show Log File']);
    expect(options.detail).not.toMatch(/abc123|AKIA|at Object/);
  });

  it('offers no log button without a log, and keeps long messages short', () => {
    const options = crashDialogOptions({ kind: 'unhandledRejection', message: 'x'.repeat(1000) });
    expect(options.message).toBe('A background task failed inside Pail.');
    expect(options.buttons).toEqual(['Quit Pail', 'Keep Pail Open']);
    expect(options.detail.split('\n')[0]).toHaveLength(300);
  });

  it('maps the buttons back to what to do', () => {
    expect([0, 1, 2, 7].map(crashChoice)).toEqual(['quit', 'keep', 'show-log', 'keep']);
  });

  it('shows one dialog at a time and none again for a minute after it closed', () => {
    let now = 0;
    const gate = new CrashDialogGate(() => now, 60_000);
    expect(gate.tryOpen()).toBe(true);
    expect(gate.tryOpen()).toBe(false);
    gate.closed();
    now = 59_999;
    expect(gate.tryOpen()).toBe(false);
    now = 60_000;
    expect(gate.tryOpen()).toBe(true);
  });
});
