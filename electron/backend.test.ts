import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../shared/ipc/contract';
import { startBackend, type Backend, type BackendOptions } from './backend';
import type { CrashInfo } from './services/crash-log';

const web = { transport: 'web' as const, origin: 'http://127.0.0.1:8080' };

describe('the backend start-up shared by the app and the web mode', () => {
  let home: string;
  let started: Backend[];
  const start = (options: Partial<BackendOptions> = {}) =>
    startBackend({
      version: '9.9.9',
      transport: 'web',
      env: { PAIL_SECRET_STORE: 'file' },
      platform: 'linux',
      home,
      onCrash: () => undefined,
      isTrusted: (sender) => sender.transport === 'web',
      log: () => undefined,
      ...options,
    }).then((backend) => {
      started.push(backend);
      return backend;
    });

  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'pail-backend-'));
    started = [];
  });
  afterEach(async () => {
    for (const backend of started) {
      backend.crashNet.uninstall();
      await backend.services.transfers.dispose();
    }
    await rm(home, { recursive: true, force: true });
  });

  it('uses PAIL_HOME, else the folder Electron gives, else the platform default', async () => {
    const pailHome = join(home, 'pail-home');
    expect((await start({ env: { PAIL_SECRET_STORE: 'file', PAIL_HOME: pailHome }, userData: join(home, 'user-data') })).dataDir).toBe(pailHome);
    expect((await start({ userData: join(home, 'user-data') })).dataDir).toBe(join(home, 'user-data'));
    expect((await start()).dataDir).toBe(join(home, '.config', 'Pail'));
  });

  it('answers every channel through one dispatcher that checks the sender and says what this transport is', async () => {
    const backend = await start({ userData: join(home, 'data') });
    const answer = await backend.dispatch('app:info', {}, web);
    expect(answer.ok).toBe(true);
    const info = (answer as { data: AppInfo }).data;
    expect(info).toMatchObject({ version: '9.9.9', transport: 'web', dataDir: join(home, 'data'), secretStore: { kind: 'file' } });
    expect(info.shell).toEqual({ chooseFolder: false, dragOut: false, nativeMenus: false, openInApp: false });
    expect(await backend.dispatch('profiles:list', {}, web)).toEqual({ ok: true, data: [] });
    // Without a shell that opens files, Open and Edit with… say what they need, before anything is downloaded.
    const ref = { profileId: 'p-none', bucket: 'b', key: 'a.txt' };
    expect(await backend.dispatch('edit:openInApp', ref, web)).toMatchObject({
      ok: false,
      error: { message: 'Opening an object in an application needs the desktop app.' },
    });
    expect(await backend.dispatch('edit:openWith', ref, web)).toMatchObject({
      ok: false,
      error: { message: 'Editing an object with an application needs the desktop app.' },
    });
    expect(await backend.dispatch('app:info', {}, { transport: 'electron', origin: 'app://pail' })).toMatchObject({
      ok: false,
      error: { code: 'UntrustedSender' },
    });
  });

  it('opens the crash log before anything is awaited, and builds the services (and asks for the shell) only once ready', async () => {
    let release = () => undefined as void;
    const ready = new Promise<void>((resolve) => (release = resolve));
    const crashes: CrashInfo[] = [];
    let shellAsked = false;
    const listeners = process.listenerCount('unhandledRejection');
    const starting = start({
      userData: join(home, 'data'),
      ready,
      crashSecrets: ['tok-123'],
      onCrash: (info) => crashes.push(info),
      shell: () => {
        shellAsked = true;
        return { chooseFolder: async () => '/chosen' };
      },
    });
    expect(process.listenerCount('unhandledRejection')).toBe(listeners + 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(shellAsked).toBe(false);
    release();
    const backend = await starting;
    expect(shellAsked).toBe(true);
    expect(await backend.dispatch('app:chooseFolder', {}, web)).toEqual({ ok: true, data: { path: '/chosen' } });

    backend.crashNet.handle('unhandledRejection', new Error('lost tok-123 here'));
    expect(crashes).toMatchObject([{ kind: 'unhandledRejection', fatal: false, logPath: join(home, 'data', 'crash.log') }]);
    const logged = await readFile(join(home, 'data', 'crash.log'), 'utf8');
    expect(logged).toContain('lost … here');
    expect(logged).not.toContain('tok-123');
  });
});
