import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileService } from './profile-service';
import { FileSecretStore, KeychainSecretStore, openSecretStores } from './secret-store';

describe('file secret store', () => {
  it('keeps secrets in a file only the user can read, losing none under concurrent writes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pail-secrets-'));
    try {
      const store = new FileSecretStore(dir);
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`p${i}`, `secret-${i}`)));
      expect(await store.get('p7')).toBe('secret-7');
      await store.delete('p7');
      expect(await store.get('p7')).toBeUndefined();
      expect(Object.keys(JSON.parse(await readFile(store.path, 'utf8')))).toHaveLength(19);
      expect((await stat(store.path)).mode & 0o777).toBe(0o600);
      expect(store.warning).toMatch(/No system keychain is reachable/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The OS keychain, for real: a private D-Bus session with GNOME Keyring's
 * Secret Service, the same backend a Linux desktop uses.
 */
describe('keychain secret store (Secret Service)', () => {
  let bus: { address: string; pid: number };
  let keyring: ChildProcess;
  let keyringHome: string;
  const savedAddress = process.env.DBUS_SESSION_BUS_ADDRESS;

  beforeAll(async () => {
    keyringHome = await mkdtemp(join(tmpdir(), 'pail-keyring-'));
    const daemon = spawnSync('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1'], { encoding: 'utf8', timeout: 10_000 });
    if (daemon.status !== 0) throw new Error(`dbus-daemon did not start (install dbus and gnome-keyring): ${daemon.stderr || daemon.error}`);
    const [address, pid] = daemon.stdout.trim().split('\n');
    bus = { address, pid: Number(pid) };
    process.env.DBUS_SESSION_BUS_ADDRESS = address;
    keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
      env: { ...process.env, HOME: keyringHome, XDG_DATA_HOME: keyringHome, XDG_RUNTIME_DIR: keyringHome },
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    keyring.stdin!.end('test-password');
    // Probe only once it owns its D-Bus name: a probe before that fails, and
    // the keyring library keeps the failed session.
    const ownsName = () =>
      spawnSync(
        'dbus-send',
        [
          '--session',
          '--print-reply',
          '--dest=org.freedesktop.DBus',
          '/org/freedesktop/DBus',
          'org.freedesktop.DBus.NameHasOwner',
          'string:org.freedesktop.secrets',
        ],
        {
          encoding: 'utf8',
          timeout: 5_000,
        },
      ).stdout?.includes('boolean true');
    const deadline = Date.now() + 15_000;
    while (!ownsName() || !(await KeychainSecretStore.isReachable('PailTest'))) {
      if (Date.now() > deadline) throw new Error('GNOME Keyring did not come up on the test D-Bus session.');
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  afterAll(async () => {
    keyring?.kill('SIGTERM');
    if (bus) process.kill(bus.pid, 'SIGTERM');
    process.env.DBUS_SESSION_BUS_ADDRESS = savedAddress;
    await rm(keyringHome, { recursive: true, force: true });
  });

  it('is chosen when reachable, and a profile made by one process finds its secret in another', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pail-keychain-home-'));
    try {
      const stores = await openSecretStores(dataDir, {});
      expect(stores.preferred.kind).toBe('keychain');
      expect(stores.preferred.warning).toBeUndefined();

      const app = new ProfileService(dataDir, stores);
      const created = await app.create({
        name: 'Keychain profile',
        endpoint: 'https://eu-central-1.linodeobjects.com',
        region: 'eu-central-1',
        accessKeyId: 'AKIDKEYCHAIN',
        secretAccessKey: 'kept-in-the-keychain',
      });
      expect(created.secretStore).toBe('keychain');
      // Nothing of the secret is written to the data folder.
      await expect(stat(join(dataDir, 'secrets.json'))).rejects.toMatchObject({ code: 'ENOENT' });
      expect(await readFile(join(dataDir, 'profiles.json'), 'utf8')).not.toContain('kept-in-the-keychain');

      // The CLI is another process with its own services over the same data folder.
      const cli = new ProfileService(dataDir, await openSecretStores(dataDir, {}));
      expect((await cli.withSecret('Keychain profile')).secretAccessKey).toBe('kept-in-the-keychain');

      await cli.delete({ id: created.id });
      expect(await new KeychainSecretStore().get(created.id)).toBeUndefined();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
