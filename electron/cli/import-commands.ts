import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PailError } from '../../shared/errors';
import { IMPORT_SOURCES, type ImportCandidate, type ImportSource } from '../../shared/profile-import';
import { UsageError, type CliCommand, type CliIo, type CliRun } from './cli-kit';

/** The usage lines of the import and export commands, for the CLI's help. */
const IMPORT_LINE = `  pail profile import aws|rclone [--path P] [--yes] [--only NAME,NAME]   preview profiles from ~/.aws or rclone.conf; --yes creates them
`;
const EXPORT_LINE = `  pail profile export NAME [--output FILE]   print a profile's settings as JSON (never its secret), or write them to FILE
`;
export const IMPORT_USAGE = `${IMPORT_LINE}${EXPORT_LINE}`;

/** Prints rows as columns two spaces apart, the last column unpadded. */
function writeTable(io: CliIo, rows: string[][], notes: string[][]): void {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  rows.forEach((row, index) => {
    io.stdout.write(`${row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]))).join('  ')}\n`);
    for (const note of notes[index] ?? []) io.stdout.write(`      ${note}\n`);
  });
}

/** What the table says under a candidate: why it cannot be imported, then what to know. */
function notesFor(candidate: ImportCandidate): string[] {
  return [
    ...candidate.problems.map((p) => `problem: ${p}`),
    ...(candidate.conflict ? [`note: a profile called "${candidate.conflict.existingName}" exists already; this one will be "${candidate.name}".`] : []),
    ...candidate.warnings.map((w) => `warning: ${w}`),
  ];
}

/** `pail profile import aws|rclone`: a preview, and with --yes the profiles themselves. */
const profileImport: CliRun = async (services, { flags, positional }, io) => {
  const source = positional[0];
  if (!(IMPORT_SOURCES as readonly string[]).includes(source ?? '') || positional.length > 1) {
    throw new UsageError('Say where to import from: pail profile import aws|rclone [--path P] [--yes] [--only NAME,NAME].');
  }
  const request = { source: source as ImportSource, path: typeof flags.path === 'string' ? flags.path : undefined };
  const preview = await services.imports.preview(request);

  let candidates = preview.candidates;
  if (typeof flags.only === 'string') {
    const wanted = flags.only
      .split(',')
      .map((n) => n.trim().toLowerCase())
      .filter(Boolean);
    const matches = (c: ImportCandidate, n: string) => c.key.toLowerCase() === n || c.name.toLowerCase() === n;
    const unknown = wanted.filter((n) => !candidates.some((c) => matches(c, n)));
    if (unknown.length) {
      throw new PailError({
        code: 'InvalidRequest',
        message: `${preview.files.join(' and ')} has no profile called ${unknown.map((n) => `"${n}"`).join(', ')}.`,
        hint: candidates.length ? `It has: ${candidates.map((c) => c.key).join(', ')}.` : 'It has no profiles Pail can import.',
      });
    }
    candidates = candidates.filter((c) => wanted.some((n) => matches(c, n)));
  }

  io.stdout.write(`Read ${preview.files.join(' and ')}.\n`);
  if (!candidates.length) {
    io.stdout.write(`No S3 profiles found${source === 'rclone' ? ' (only remotes of type s3 can be imported)' : ''}.\n`);
    return;
  }
  const rows = [['', 'SOURCE', 'NAME', 'PROVIDER', 'ENDPOINT', 'REGION']];
  for (const c of candidates) {
    const { provider, endpoint, region } = c.settings;
    rows.push([c.problems.length ? 'x' : 'ok', c.key, c.name, provider ?? 'other', endpoint || '-', region || '-']);
  }
  writeTable(io, rows, [[], ...candidates.map(notesFor)]);

  // Items with problems are never sent: apply would refuse them anyway.
  const ready = candidates.filter((c) => !c.problems.length);
  const blocked = candidates.length - ready.length;
  const blockedNote = blocked ? `${blocked} with problems (marked x) cannot be imported until they are fixed in the source.\n` : '';
  if (!flags.yes || !ready.length) {
    const next = ready.length ? ` Re-run with --yes to create the ${ready.length} profile(s) marked ok.` : '';
    io.stdout.write(`\nNothing was imported.${next}\n${blockedNote}`);
    return;
  }
  const result = await services.imports.apply({ ...request, items: ready.map((c) => ({ key: c.key, name: c.name })) });
  io.stdout.write('\n');
  for (const p of result.created) io.stdout.write(`Created profile "${p.name}" (${p.endpoint}, ${p.region}).\n`);
  for (const s of result.skipped) io.stdout.write(`Skipped "${s.key}": ${s.reason}\n`);
  if (result.created.length) io.stdout.write(`Their secrets are kept in ${services.secrets.preferred.description}.\n`);
  io.stdout.write(blockedNote);
  if (result.created.length && services.secrets.preferred.warning) io.stderr.write(`Note: ${services.secrets.preferred.warning}\n`);
};

/** `pail profile export NAME`: the profile's settings as JSON, to stdout or a new file. */
const profileExport: CliRun = async (services, { flags, positional }, io) => {
  if (positional.length !== 1) throw new UsageError('Name one profile to export: pail profile export NAME [--output FILE].');
  const profile = await services.profiles.find(positional[0]);
  const exported = await services.profiles.export({ id: profile.id });
  if (typeof flags.output !== 'string') {
    io.stdout.write(exported.content);
    return;
  }
  const file = resolve(flags.output);
  try {
    // 'wx': an existing file is never replaced.
    await writeFile(file, exported.content, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PailError(
      {
        code: 'InvalidRequest',
        message: code === 'EEXIST' ? `${file} exists already; it was left as it is.` : `Could not write ${file} (${code ?? 'unknown error'}).`,
        hint: code === 'EEXIST' ? 'Choose another file name, or delete the old file first.' : 'Check that the folder exists and that you can write to it.',
      },
      { cause: error },
    );
  }
  io.stdout.write(`Exported profile "${profile.name}" to ${file} (settings only, no secret).\n`);
};

/** The import and export commands, by their words; commands.ts merges them into its table. */
export const IMPORT_COMMANDS: Record<string, CliCommand> = {
  'profile import': {
    usage: IMPORT_LINE,
    options: { path: { type: 'string' }, yes: { type: 'boolean' }, only: { type: 'string' } },
    run: profileImport,
  },
  'profile export': { usage: EXPORT_LINE, options: { output: { type: 'string' } }, run: profileExport },
};
