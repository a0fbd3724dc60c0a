import { chmod, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readDataFile, restoreDataFile, writeDataFile, type DataFile } from './atomic-file';
import { securePermissions } from './data-dir';
import { decodeSecret, DamagedSecretError } from './secret-envelope';

const schema = z.looseObject({ items: z.array(z.object({ name: z.string(), size: z.number() })) });

describe('data files', () => {
  let dir: string;
  let file: DataFile<z.output<typeof schema>>;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pail-datafile-'));
    file = { path: join(dir, 'things.json'), schema, holds: 'your things' };
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const damage = async (text: string) => {
    await writeFile(file.path, text);
    const error = await readDataFile(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'DataFileDamaged' });
    return (error as Error).message;
  };

  it('says where JSON breaks by line and column, without quoting the content', async () => {
    expect(await damage('{\n  "items": [\n    {"name": "a" "size": 1}\n  ]\n}')).toBe(
      `${file.path} is not valid JSON: a "," was expected, at line 3, column 18. Pail left it as it is and did not write to it.`,
    );
    expect(await damage('{"items": [{"name": "secret-value-cut')).toMatch(
      /not valid JSON: it ends too early \(the file may have been cut short\), at line 1, column 21\./,
    );
    expect(await damage('{"items": [],}')).toMatch(/a field name in double quotes was expected, at line 1, column 14/);
    expect(await damage('{"items": []} {}')).toMatch(/more text follows the end of the data, at line 1, column 15/);
    expect(await damage('{"items": [{"name": "secret-value", "size": 1}]]')).not.toContain('secret-value');
    expect(await damage('  \n')).toBe(`${file.path} is empty. Pail left it as it is and did not write to it.`);
  });

  it('names the field of the wrong kind, and what a wrong top level is', async () => {
    expect(await damage('{"items": [{"name": "a", "size": 1}, {"name": 7, "size": "big"}]}')).toContain(
      `${file.path} is damaged: items[1].name: expected a string, got a number; items[1].size: expected a number, got text.`,
    );
    expect(await damage('[]')).toContain('is damaged: it is a list, where Pail keeps an object.');
    expect(await damage('{}')).toContain('is damaged: items: missing (expected a list).');
  });

  it('takes a byte-order mark and unknown fields in its stride', async () => {
    await writeFile(file.path, '\uFEFF{"items": [], "newer": {"x": 1}}');
    expect((await readDataFile(file))?.value).toEqual({ items: [], newer: { x: 1 } });
    expect(await readDataFile({ ...file, path: join(dir, 'absent.json') })).toBeUndefined();
  });

  it('points at the backup only when a good one exists', async () => {
    await writeFile(file.path, '{');
    const noBackup = await readDataFile(file).catch((e: { hint: string }) => e);
    expect((noBackup as { hint: string }).hint).toBe(
      `Fix the file by hand, or move it away to start again without your things (there is no backup ${file.path}.bak).`,
    );
    await writeFile(`${file.path}.bak`, '{"items": []}');
    const withBackup = await readDataFile(file).catch((e: { hint: string }) => e);
    expect((withBackup as { hint: string }).hint).toContain('run "pail profile restore-backup"');
    expect((withBackup as { hint: string }).hint).toContain(`copy ${file.path}.bak over it`);
  });

  it('keeps the given backup privately, and restores it only over a damaged file', async () => {
    await writeDataFile(file.path, '{"items": [{"name": "new", "size": 2}]}', '{"items": [{"name": "old", "size": 1}]}');
    expect((await stat(`${file.path}.bak`)).mode & 0o777).toBe(0o600);
    expect((await stat(file.path)).mode & 0o777).toBe(0o600);
    expect(await restoreDataFile(file)).toEqual({ path: file.path, reason: 'not-damaged' });

    await writeFile(file.path, '{"items": [{"name": "new", "si');
    await chmod(file.path, 0o644);
    const restored = await restoreDataFile(file, new Date('2026-05-12T14:30:05.123Z'));
    expect(restored).toEqual({ path: file.path, from: `${file.path}.bak`, damagedCopy: `${file.path}.damaged-20260512-143005` });
    expect(await readFile(file.path, 'utf8')).toBe('{"items": [{"name": "old", "size": 1}]}');
    expect(await readFile(`${file.path}.damaged-20260512-143005`, 'utf8')).toBe('{"items": [{"name": "new", "si');
    expect((await stat(`${file.path}.damaged-20260512-143005`)).mode & 0o777).toBe(0o600);

    // A second restore in the same second keeps both damaged copies.
    await writeFile(file.path, 'again');
    await restoreDataFile(file, new Date('2026-05-12T14:30:05.500Z'));
    expect((await readdir(dir)).filter((n) => n.includes('.damaged-')).sort()).toEqual([
      'things.json.damaged-20260512-143005',
      'things.json.damaged-20260512-143005-2',
    ]);

    await writeFile(`${file.path}.bak`, 'not json');
    await writeFile(file.path, 'broken');
    expect(await restoreDataFile(file)).toMatchObject({ reason: 'no-backup', problem: expect.stringContaining('not valid JSON') });
    expect(await readFile(file.path, 'utf8')).toBe('broken');
  });
});

describe('stored secrets', () => {
  it('decode what Pail wrote, and name anything else without showing it', () => {
    expect(decodeSecret('plain')).toEqual({ secretAccessKey: 'plain' });
    expect(decodeSecret('pail-secret:v1:{"secretAccessKey":"s","sessionToken":"t"}')).toEqual({ secretAccessKey: 's', sessionToken: 't' });
    const problem = (value: unknown) => {
      try {
        decodeSecret(value);
      } catch (error) {
        expect(error).toBeInstanceOf(DamagedSecretError);
        return (error as Error).message;
      }
      return undefined;
    };
    expect(problem(12345)).toBe('is not text: it is a number');
    expect(problem({ key: 'x' })).toBe('is not text: it is an object');
    expect(problem('')).toBe('is empty');
    expect(problem('pail-secret:v1:{"secretAccessKey":"hidden')).toMatch(/cannot be read/);
    expect(problem('pail-secret:v1:{"sessionToken":"hidden"}')).toMatch(/wrong shape/);
    expect(problem('pail-secret:v1:{"secretAccessKey":"hidden')).not.toContain('hidden');
  });
});

describe('data folder permissions', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pail-perms-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('leaves private files alone, and never follows a link or changes the home folder', async () => {
    await writeFile(join(dir, 'secrets.json'), '{}', { mode: 0o600 });
    expect(await securePermissions(dir)).toEqual([]);

    // A folder others may only pass through reveals nothing.
    await chmod(dir, 0o711);
    expect(await securePermissions(dir)).toEqual([]);

    const elsewhere = join(dir, 'elsewhere.txt');
    await writeFile(elsewhere, 'x', { mode: 0o644 });
    await rm(join(dir, 'secrets.json'));
    await symlink(elsewhere, join(dir, 'secrets.json'));
    expect(await securePermissions(dir)).toEqual([]);
    expect((await stat(elsewhere)).mode & 0o777).toBe(0o644);

    await chmod(dir, 0o755);
    const said = await securePermissions(dir, 'linux', dir);
    expect(said).toEqual([
      `Your data folder is your home folder (${dir}), which could be read by other users (mode 755); Pail leaves your home folder as it is: set PAIL_HOME to a private folder.`,
    ]);
    expect((await stat(dir)).mode & 0o777).toBe(0o755);
    expect(await securePermissions(dir, 'win32')).toEqual([]);
  });

  it('makes a group-readable secrets backup private too', async () => {
    await writeFile(join(dir, 'secrets.json.bak'), '{}', { mode: 0o640 });
    expect(await securePermissions(dir)).toEqual([
      `${join(dir, 'secrets.json.bak')} holds a backup of your secret keys and could be read by other users (mode 640); Pail made it readable only by you (mode 600).`,
    ]);
    expect((await stat(join(dir, 'secrets.json.bak'))).mode & 0o777).toBe(0o600);
  });
});
