import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS, type MenuCommand } from '../../shared/menu';
import { applicationMenuTemplate, HELP_LINKS } from './menu-template';
import { quitQuestion } from './window-quit';
import { readWindowState, restoredBounds, WindowStateTracker, writeWindowState } from './window-state';

/** Every item of a template, depth first. */
function itemsOf(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? itemsOf(item.submenu) : [])]);
}

describe('application menu', () => {
  const build = (platform: NodeJS.Platform) => {
    const sent: MenuCommand[] = [];
    const opened: string[] = [];
    const template = applicationMenuTemplate(platform, { send: (c) => sent.push(c), openLink: (u) => opened.push(u) });
    return { template, sent, opened, items: itemsOf(template) };
  };

  it('has File, Edit, View, Go, Transfers, Window and Help, and the app menu first on macOS', () => {
    expect(build('linux').template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Go', '&Transfers', '&Window', '&Help']);
    expect(build('darwin').template.map((m) => m.label)).toEqual(['Pail', '&File', '&Edit', '&View', '&Go', '&Transfers', '&Window', '&Help']);
    expect(build('darwin').template[0].submenu).toEqual(expect.arrayContaining([{ role: 'about' }, { role: 'quit' }]));
  });

  it('offers "Install Command-Line Tool…" only where the shell gives it an action: the app menu on macOS, File elsewhere', () => {
    const label = 'Install Command-Line Tool…';
    expect(build('linux').items.some((i) => i.label === label)).toBe(false);
    for (const [platform, menu] of [
      ['linux', '&File'],
      ['darwin', 'Pail'],
    ] as const) {
      let installs = 0;
      const template = applicationMenuTemplate(platform, { send: () => {}, openLink: () => {}, installCli: () => installs++ });
      const holder = template.find((m) => m.label === menu)!;
      const item = (holder.submenu as MenuItemConstructorOptions[]).find((i) => i.label === label)!;
      (item.click as () => void)();
      expect(installs).toBe(1);
      expect(itemsOf(template).filter((i) => i.label === label)).toHaveLength(1);
    }
  });

  it('sends every page command from some item, each the command its label says', () => {
    const { items, sent } = build('win32');
    for (const item of items) (item.click as ((...args: unknown[]) => void) | undefined)?.(undefined, undefined, {});
    for (const command of MENU_COMMANDS) expect(sent).toContain(command);
    const byLabel = (label: string) => {
      const found = items.find((i) => i.label === label)!;
      const before = sent.length;
      (found.click as (...args: unknown[]) => void)(undefined, undefined, {});
      return sent.slice(before);
    };
    expect(byLabel('Upload Files…')).toEqual(['uploadFiles']);
    expect(byLabel('Pause All')).toEqual(['pauseAll']);
    expect(byLabel('Copy Link…')).toEqual(['share']);
    expect(byLabel('Dark')).toEqual(['themeDark']);
  });

  it('offers the theme in View as radio items the shell can check by id', () => {
    const view = build('linux').template.find((m) => m.label === '&View')!;
    const theme = (view.submenu as MenuItemConstructorOptions[]).find((i) => i.label === 'Theme')!;
    expect((theme.submenu as MenuItemConstructorOptions[]).map((i) => [i.label, i.type, i.id])).toEqual([
      ['System', 'radio', 'theme-system'],
      ['Light', 'radio', 'theme-light'],
      ['Dark', 'radio', 'theme-dark'],
    ]);
  });

  it('uses CmdOrCtrl, and leaves the keys the page already handles to the page (Delete never leaves text fields)', () => {
    const { items } = build('linux');
    const accelerators = items.filter((i) => i.accelerator);
    expect(accelerators.every((i) => !/^Ctrl\+|^Cmd\+/.test(String(i.accelerator)))).toBe(true);
    const del = items.find((i) => i.label === 'Delete…')!;
    expect(del).toMatchObject({ accelerator: 'Delete', registerAccelerator: false });
    expect(items.find((i) => i.label === 'Upload Files…')).toMatchObject({ accelerator: 'CmdOrCtrl+U' });
    expect(items.find((i) => i.label === 'Upload Files…')).not.toHaveProperty('registerAccelerator');
  });

  it('ignores a key the page handles when it reaches the menu anyway (macOS), but not a click on the item', () => {
    const { items, sent } = build('darwin');
    const click = (label: string, triggeredByAccelerator: boolean) =>
      (items.find((i) => i.label === label)!.click as (item: unknown, window: unknown, event: { triggeredByAccelerator: boolean }) => void)(
        undefined,
        undefined,
        { triggeredByAccelerator },
      );
    click('Delete…', true);
    click('Refresh', true);
    expect(sent).toEqual([]);
    click('Delete…', false);
    click('Upload Files…', true);
    expect(sent).toEqual(['delete', 'uploadFiles']);
  });

  it('opens help links through the checked external opener only', () => {
    const { items, opened } = build('linux');
    (items.find((i) => i.label === 'Documentation')!.click as (...args: unknown[]) => void)(undefined, undefined, {});
    expect(opened).toEqual([HELP_LINKS.documentation]);
  });
});

describe('window state', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1040 };

  it('reopens where it was, maximised or not', () => {
    expect(restoredBounds({ x: 100, y: 80, width: 1000, height: 700, maximized: true }, [screen])).toEqual({
      x: 100,
      y: 80,
      width: 1000,
      height: 700,
      maximized: true,
    });
    expect(restoredBounds(undefined, [screen])).toEqual({ width: 1200, height: 780, maximized: false });
  });

  it('centres a window whose place is on a display that is gone, and fits its size to the screens there are', () => {
    const onUnplugged = restoredBounds({ x: 2500, y: 100, width: 1600, height: 1200, maximized: false }, [{ x: 0, y: 0, width: 1366, height: 728 }]);
    expect(onUnplugged).toEqual({ width: 1366, height: 728, maximized: false });
    expect(restoredBounds({ x: 100, y: -500, width: 800, height: 600, maximized: false }, [screen])).not.toHaveProperty('x');
    expect(restoredBounds({ x: 10, y: 10, width: 200, height: 100, maximized: false }, [screen])).toMatchObject({ width: 720, height: 480 });
    // A second display to the left (negative coordinates) is a real place.
    expect(
      restoredBounds({ x: -1500, y: 50, width: 1000, height: 700, maximized: false }, [screen, { x: -1920, y: 0, width: 1920, height: 1080 }]),
    ).toMatchObject({ x: -1500, y: 50 });
  });

  it('follows the place to come back to, not what a minimised, full-screen or maximised window reports', () => {
    const tracker = new WindowStateTracker();
    expect(tracker.state()).toBeUndefined();
    const normal = { x: 100, y: 80, width: 900, height: 650 };
    tracker.observe({ normalBounds: normal, maximized: false, minimized: false, fullScreen: false });
    // Maximised: Windows may report the maximised rectangle as the normal bounds.
    tracker.observe({ normalBounds: { x: 0, y: 0, width: 1920, height: 1040 }, maximized: true, minimized: false, fullScreen: false });
    expect(tracker.state()).toEqual({ ...normal, maximized: true });
    // Minimised while maximised: macOS says "not maximised" and gives the maximised rectangle.
    tracker.observe({ normalBounds: { x: 0, y: 0, width: 1920, height: 1040 }, maximized: false, minimized: true, fullScreen: false });
    tracker.observe({ normalBounds: { x: 0, y: 0, width: 2560, height: 1440 }, maximized: false, minimized: false, fullScreen: true });
    expect(tracker.state()).toEqual({ ...normal, maximized: true });
    tracker.observe({ normalBounds: { x: 10.4, y: 20.6, width: 800, height: 600 }, maximized: false, minimized: false, fullScreen: false });
    expect(tracker.state()).toEqual({ x: 10, y: 21, width: 800, height: 600, maximized: false });
  });

  it('starts from the saved place, so a window restored maximised keeps its normal size', () => {
    const tracker = new WindowStateTracker({ x: 50, y: 60, width: 1000, height: 700, maximized: true });
    tracker.observe({ normalBounds: { x: 0, y: 0, width: 1920, height: 1040 }, maximized: true, minimized: false, fullScreen: false });
    expect(tracker.state()).toEqual({ x: 50, y: 60, width: 1000, height: 700, maximized: true });
    expect(new WindowStateTracker({ width: 1200, height: 780, maximized: false }).state()).toBeUndefined();
  });

  it('is kept in the data folder; a damaged file is ignored', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pail-window-'));
    try {
      expect(await readWindowState(dir)).toBeUndefined();
      await writeWindowState(dir, { x: 5, y: 6, width: 900, height: 700, maximized: false });
      expect(await readWindowState(dir)).toEqual({ x: 5, y: 6, width: 900, height: 700, maximized: false });
      await writeFile(join(dir, 'window-state.json'), '{"width": "wide"');
      expect(await readWindowState(dir)).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('quitting with transfers running', () => {
  it('asks only while something moves, saying big transfers resume next time', () => {
    expect(quitQuestion({ active: 0, queued: 0, bytes: 0, total: 0, rate: 0 })).toBeUndefined();
    const question = quitQuestion({ active: 2, queued: 3, bytes: 10, total: 100, rate: 1 })!;
    expect(question.message).toBe('Quit while 5 transfers are still running?');
    expect(question.detail).toMatch(/resume/);
    expect(question.buttons[question.cancelId]).toBe('Keep Pail Open');
  });
});
