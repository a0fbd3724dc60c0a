import { describe, expect, it } from 'vitest';
import type { TransferTotals } from '../../shared/transfers';
import { closeMeansQuit, QuitFlow, type QuitShell, secondInstanceAction } from './window-quit';

const idle: TransferTotals = { active: 0, queued: 0, bytes: 0, total: 0, rate: 0 };
const busy: TransferTotals = { active: 1, queued: 2, bytes: 5, total: 50, rate: 1 };

/** A shell that records what the flow did; `answer` is the button the user presses. */
function fakeShell(totals: TransferTotals, options: { answer?: Promise<number>; finish?: () => Promise<void>; windows?: number } = {}) {
  const events: string[] = [];
  const shell: QuitShell = {
    totals: () => totals,
    ask: async (question) => {
      events.push(`ask: ${question.message}`);
      return options.answer ?? 0;
    },
    finish: async () => {
      events.push('finish');
      await options.finish?.();
      events.push('finished');
    },
    quit: () => events.push('quit'),
    windowCount: () => options.windows ?? 1,
    reopen: () => events.push('reopen'),
    log: (message) => events.push(`log: ${message}`),
  };
  return { shell, events };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('quitting', () => {
  it('with nothing running: holds the first quit, finishes the closing work, then quits for real', async () => {
    const { shell, events } = fakeShell(idle);
    const flow = new QuitFlow(shell);
    expect(flow.beforeQuit()).toBe(false);
    expect(flow.quitting).toBe(true);
    await settle();
    expect(events).toEqual(['finish', 'finished', 'quit']);
    // app.quit() emits before-quit again: now it goes through.
    expect(flow.beforeQuit()).toBe(true);
    expect(flow.phase).toBe('done');
  });

  it('with transfers running: asks once however often quit is pressed, then quits on "Quit"', async () => {
    let press!: (button: number) => void;
    const { shell, events } = fakeShell(busy, { answer: new Promise((resolve) => (press = resolve)) });
    const flow = new QuitFlow(shell);
    expect(flow.beforeQuit()).toBe(false);
    expect(flow.beforeQuit()).toBe(false);
    expect(flow.quitting).toBe(false);
    press(0);
    await settle();
    expect(events).toEqual(['ask: Quit while 3 transfers are still running?', 'finish', 'finished', 'quit']);
    expect(flow.beforeQuit()).toBe(true);
  });

  it('"Keep Pail Open" keeps running, opens the window again if none is left, and asks again next time', async () => {
    const { shell, events } = fakeShell(busy, { answer: Promise.resolve(1), windows: 0 });
    const flow = new QuitFlow(shell);
    expect(flow.beforeQuit()).toBe(false);
    await settle();
    expect(events).toEqual(['ask: Quit while 3 transfers are still running?', 'reopen']);
    expect(flow.phase).toBe('running');
    expect(flow.beforeQuit()).toBe(false);
    expect(flow.phase).toBe('asking');
  });

  it('quits anyway when the closing work hangs, after its time limit', async () => {
    const { shell, events } = fakeShell(idle, { finish: () => new Promise(() => undefined) });
    const flow = new QuitFlow(shell, 20);
    flow.beforeQuit();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(events).toEqual(['finish', 'log: closing work still running after 20 ms; quitting anyway', 'quit']);
  });

  it('quits when the closing work fails or the question cannot be shown, saying why', async () => {
    const failing = fakeShell(idle, { finish: () => Promise.reject(new Error('disk full')) });
    new QuitFlow(failing.shell).beforeQuit();
    await settle();
    expect(failing.events).toEqual(['finish', 'log: closing work failed: disk full', 'quit']);

    const noDialog = fakeShell(busy, { answer: Promise.reject(new Error('Object has been destroyed')) });
    new QuitFlow(noDialog.shell).beforeQuit();
    await settle();
    expect(noDialog.events).toEqual([
      'ask: Quit while 3 transfers are still running?',
      'log: the quit question could not be shown: Object has been destroyed',
      'finish',
      'finished',
      'quit',
    ]);
  });

  it('closing the window quits on Windows and Linux (through the flow), not on macOS, and never holds a quit in progress', () => {
    expect(closeMeansQuit('linux', 'running')).toBe(true);
    expect(closeMeansQuit('win32', 'running')).toBe(true);
    expect(closeMeansQuit('linux', 'asking')).toBe(true);
    expect(closeMeansQuit('darwin', 'running')).toBe(false);
    expect(closeMeansQuit('linux', 'finishing')).toBe(false);
    expect(closeMeansQuit('linux', 'done')).toBe(false);
  });
});

describe('a second launch', () => {
  const shown = { destroyed: false, minimized: false, visible: true };
  it('brings the first window back the way it needs', () => {
    expect(secondInstanceAction(false, shown)).toBe('focus');
    expect(secondInstanceAction(false, { ...shown, minimized: true })).toBe('restore');
    expect(secondInstanceAction(false, { ...shown, visible: false })).toBe('show');
    expect(secondInstanceAction(false, { ...shown, destroyed: true })).toBe('create');
  });

  it('opens nothing while the app quits or before its first window exists', () => {
    expect(secondInstanceAction(true, { ...shown, destroyed: true })).toBe('ignore');
    expect(secondInstanceAction(false, undefined)).toBe('ignore');
  });
});
