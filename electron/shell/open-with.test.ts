import { mkdtemp, rm, writeFile, chmod, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWithCommand, startWith } from './open-with';

/** Waits until an async check holds (a child process's effect), failing after `ms`. */
async function waitUntilAsync(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Edit with… an application the user picked', () => {
  it('starts a macOS bundle through open -a, and a program elsewhere with the file as its argument', () => {
    expect(openWithCommand('darwin', '/Applications/TextEdit.app', '/tmp/a b.txt')).toEqual({
      command: 'open',
      args: ['-a', '/Applications/TextEdit.app', '/tmp/a b.txt'],
    });
    expect(openWithCommand('linux', '/usr/bin/gedit', '/tmp/a b.txt')).toEqual({ command: '/usr/bin/gedit', args: ['/tmp/a b.txt'] });
    expect(openWithCommand('win32', 'C:\\Program Files\\Notepad++\\notepad++.exe', 'C:\\t\\a.txt')).toEqual({
      command: 'C:\\Program Files\\Notepad++\\notepad++.exe',
      args: ['C:\\t\\a.txt'],
    });
  });

  it('starts the program with the file (no shell: a name with spaces or quotes is one argument), and says when it cannot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pail-open-with-'));
    try {
      const program = join(dir, 'editor.sh');
      await writeFile(program, `#!/bin/sh\nprintf '%s' "$1" > "${join(dir, 'seen')}"\n`);
      await chmod(program, 0o755);
      const file = join(dir, `it's "odd" $HOME.txt`);
      expect(await startWith('linux', program, file)).toBe('');
      await waitUntilAsync(async () => (await readFile(join(dir, 'seen'), 'utf8').catch(() => '')) === file);
      expect(await startWith('linux', join(dir, 'missing'), file)).toBe(`${join(dir, 'missing')} was not found.`);
      const plain = join(dir, 'not-a-program');
      await writeFile(plain, 'x');
      expect(await startWith('linux', plain, file)).toBe(`${plain} may not be run.`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
