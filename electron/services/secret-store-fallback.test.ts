import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openSecretStores } from './secret-store';

// Its own file, so its own process: the keyring library keeps the first
// D-Bus session it finds, and this test needs a process that finds none.
it('falls back to a private file, and says so, when no keychain answers', async () => {
  process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/pail-test-bus';
  const dataDir = await mkdtemp(join(tmpdir(), 'pail-nokeychain-home-'));
  try {
    const stores = await openSecretStores(dataDir, {});
    expect(stores.preferred.kind).toBe('file');
    expect(stores.preferred.warning).toMatch(/No system keychain is reachable, so secret keys are stored unencrypted in .*secrets\.json/);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
