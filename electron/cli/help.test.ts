import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHome, ensureCliBuilt, runPail } from '../test-support/cli-process';
import { capturedIo } from '../test-support/cli-io';
import { COMMANDS, runCli } from './commands';

/** Runs many `pail` processes, a few at a time (each mostly waits, so more than the cores). */
async function runAll(home: string, commandLines: string[][]) {
  const results: Awaited<ReturnType<typeof runPail>>[] = [];
  for (let i = 0; i < commandLines.length; i += 8) {
    results.push(...(await Promise.all(commandLines.slice(i, i + 8).map((args) => runPail(home, args)))));
  }
  return results;
}

describe("the real pail command's help and command-line checks", () => {
  let home: string;

  beforeAll(async () => {
    await ensureCliBuilt();
    home = await mkdtemp(join(tmpdir(), 'pail-cli-help-'));
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  it('prints each command its own usage on stdout, exit 0, for --help, -h and pail help COMMAND', async () => {
    // Every command in the table, so a new one is covered without touching this test: in this process
    // (the same runCli the binary runs); a few through the real binary below, for its exit and streams.
    const entries = Object.entries(COMMANDS);
    for (const [words, command] of entries) {
      const captured = capturedIo();
      const code = await runCli(
        [...words.split(' '), '--help'],
        async () => {
          throw new Error('help needs no services');
        },
        captured.io,
      );
      expect({ code, stdout: captured.out(), stderr: captured.err() }, words).toEqual({ code: 0, stdout: `Usage:\n${command.usage}`, stderr: '' });
    }
    const lines = [
      ['cp', '--help'],
      ['profile', 'add', '-h'],
      ['help', 'cp'],
      ['uploads', 'abort', '--help'],
    ];
    const usages = [COMMANDS.cp.usage, COMMANDS['profile add'].usage, COMMANDS.cp.usage, COMMANDS['uploads abort'].usage];
    const results = await runAll(home, lines);
    results.forEach((result, i) => {
      expect(result, lines[i].join(' ')).toEqual({ code: 0, signal: null, stdout: `Usage:\n${usages[i]}`, stderr: '' });
    });
  }, 300_000);

  it('keeps the full usage for pail --help, and lists a group for pail profile --help', async () => {
    const [all, group] = await runAll(home, [['--help'], ['profile', '--help']]);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^Usage:\n/);
    for (const command of Object.values(COMMANDS)) for (const line of command.usage.trimEnd().split('\n')) expect(all.stdout).toContain(line);
    expect(group).toMatchObject({ code: 0, stderr: '', stdout: expect.stringMatching(/^Usage:\n {2}pail profile add /) });
    expect(group.stdout).toContain('  pail profile export NAME');
    expect(group.stdout).not.toContain('pail cp');
  }, 120_000);

  it('refuses an unknown option by name, pointing at the command’s --help, exit 2', async () => {
    const [cp, list] = await runAll(home, [
      ['cp', 'a.txt', 'gw:bucket/', '--bogus'],
      ['profile', 'list', '-x'],
    ]);
    expect(cp).toMatchObject({ code: 2, stdout: '' });
    expect(cp.stderr).toMatch(/^pail: Unknown option --bogus for pail cp: see pail cp --help\.\nUsage:\n {2}pail cp /);
    expect(list).toMatchObject({ code: 2, stderr: expect.stringMatching(/^pail: Unknown option -x for pail profile list/) });
  }, 120_000);

  it('says the allowed range of --expires: at least 1 second, at most 7 days', async () => {
    const profile = await cliHome();
    try {
      const [zero, negative, tooLong] = await runAll(profile.home, [
        ['presign', 'gw:bucket/key.txt', '--expires', '0'],
        ['presign', 'gw:bucket/key.txt', '--expires', '-5m'],
        ['presign', 'gw:bucket/key.txt', '--expires', '8d'],
      ]);
      expect(zero).toMatchObject({ code: 2, stdout: '' });
      expect(zero.stderr).toMatch(/^pail: --expires 0 is 0 seconds\. A signed link must live at least 1 second\. Give 1s to 7d, e\.g\. --expires 1h\.\n/);
      expect(negative.stderr).toMatch(/^pail: --expires -5m is -300 seconds\. A signed link must live at least 1 second\./);
      expect(tooLong.stderr).toMatch(/^pail: --expires 8d is 691,200 seconds\. A signed link lives at most 7 days \(604,800 seconds\)/);
    } finally {
      await profile.dispose();
    }
  }, 180_000);
});
