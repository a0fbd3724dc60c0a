import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { PailError } from '../../shared/errors';
import type { ImportApplyRequest, ImportCandidate, ImportPreview, ImportPreviewRequest, ImportResult, ImportSource } from '../../shared/profile-import';
import type { ProfileSummary } from '../../shared/profile';
import { parseAwsProfiles } from './profile-import-aws';
import type { ParsedSection } from './profile-import-parsers';
import { parseRcloneRemotes } from './profile-import-rclone';
import type { ProfileService } from './profile-service';

export { parseAwsProfiles } from './profile-import-aws';
export { parseIniSections, type ParsedSection } from './profile-import-parsers';
export { parseRcloneRemotes } from './profile-import-rclone';

/** What the import needs to know about the machine to find the source files. */
export interface ImportEnvironment {
  env: NodeJS.ProcessEnv;
  homeDir: string;
  platform: NodeJS.Platform;
}

/** Config files are small; anything bigger is not one, and is not read into memory. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

function pathsFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** `~` and `~/x` as the user's home, as the AWS CLI and rclone expand them. */
function expandHome(value: string, where: ImportEnvironment): string {
  if (value === '~') return where.homeDir;
  if (/^~[\\/]/.test(value)) return pathsFor(where.platform).join(where.homeDir, value.slice(2));
  return value;
}

/** The AWS files an import reads: `path` is their folder, else AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE, else ~/.aws. */
export function awsSourceFiles(folder: string | undefined, where: ImportEnvironment): { credentials: string; config: string } {
  const p = pathsFor(where.platform);
  if (folder) {
    const dir = p.resolve(expandHome(folder, where));
    return { credentials: p.join(dir, 'credentials'), config: p.join(dir, 'config') };
  }
  const home = p.join(where.homeDir, '.aws');
  const fromEnv = (name: string) => (where.env[name] ? p.resolve(expandHome(where.env[name], where)) : undefined);
  return {
    credentials: fromEnv('AWS_SHARED_CREDENTIALS_FILE') ?? p.join(home, 'credentials'),
    config: fromEnv('AWS_CONFIG_FILE') ?? p.join(home, 'config'),
  };
}

/** The rclone.conf an import reads: `path`, else RCLONE_CONFIG, else where rclone keeps it on this platform. */
export function rcloneSourceFile(file: string | undefined, where: ImportEnvironment): string {
  const p = pathsFor(where.platform);
  const given = file ?? where.env.RCLONE_CONFIG;
  if (given) return p.resolve(expandHome(given, where));
  if (where.platform === 'win32') {
    return p.join(where.env.APPDATA ?? p.join(where.homeDir, 'AppData', 'Roaming'), 'rclone', 'rclone.conf');
  }
  return p.join(where.env.XDG_CONFIG_HOME || p.join(where.homeDir, '.config'), 'rclone', 'rclone.conf');
}

function invalid(message: string, hint: string): PailError {
  return new PailError({ code: 'InvalidRequest', message, hint });
}

/** A file's text, or undefined when it does not exist; anything else unreadable is an error. */
async function readText(file: string): Promise<string | undefined> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw invalid(`${file} is a folder, not a file.`, 'Point the import at the file itself.');
    if (info.size > MAX_FILE_BYTES) throw invalid(`${file} is too large to be a configuration file.`, 'Point the import at the right file.');
    const bytes = await readFile(file);
    // PowerShell's `>` writes UTF-16 with a byte-order mark; everything else here is UTF-8.
    const text = bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8');
    // NUL bytes or undecodable bytes: a binary file, not INI text.
    if (text.includes('\u0000') || text.includes('\uFFFD')) {
      throw invalid(`${file} is not a text file, so it cannot be a configuration file.`, 'Point the import at the right file.');
    }
    return text;
  } catch (error) {
    if (error instanceof PailError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new PailError(
      {
        code: 'InvalidRequest',
        message: `Pail could not read ${file}${code === 'EACCES' || code === 'EPERM' ? ': permission denied' : ` (${code ?? 'unknown error'})`}.`,
        hint: 'Check that the file exists and that your user can read it.',
      },
      { cause: error },
    );
  }
}

/** The sections a source holds, and the files they came from. */
interface SourceRead {
  files: string[];
  sections: ParsedSection[];
}

/**
 * Imports connection profiles from the AWS CLI's files and from rclone.conf.
 * A preview reads and checks; apply reads the files again (so the secret
 * never travels to the renderer and back) and creates only what was asked,
 * never overwriting a profile.
 */
export class ProfileImportService {
  constructor(
    private readonly profiles: ProfileService,
    private readonly where: ImportEnvironment,
  ) {}

  /** What an import would create; nothing is written. */
  async preview(request: ImportPreviewRequest): Promise<ImportPreview> {
    const source = await this.read(request.source, request.path);
    const existing = (await this.profiles.list()).map((p) => p.name);
    return { source: request.source, files: source.files, candidates: nameCandidates(source.sections, existing) };
  }

  /** Creates the chosen candidates under the chosen names; the rest are reported as skipped, with why. */
  async apply(request: ImportApplyRequest): Promise<ImportResult> {
    const source = await this.read(request.source, request.path);
    const sections = new Map(source.sections.map((s) => [s.key, s]));
    const taken = new Set((await this.profiles.list()).map((p) => p.name.toLowerCase()));
    const done = new Set<string>();
    const created: ProfileSummary[] = [];
    const skipped: ImportResult['skipped'] = [];
    for (const { key, name: requested } of request.items) {
      const section = sections.get(key);
      const name = requested.trim();
      const skip = (reason: string) => skipped.push({ key, reason });
      if (!section) skip(`"${key}" is not in ${source.files.join(' or ')} (any more).`);
      else if (done.has(key)) skip(`"${key}" was listed twice; it was imported once.`);
      else if (section.problems.length || section.secretAccessKey === undefined) skip(section.problems.join(' ') || 'It has no secret access key.');
      else if (taken.has(name.toLowerCase())) skip(`A profile called "${name}" exists already; it was left as it is. Import this one under another name.`);
      else {
        done.add(key);
        try {
          created.push(
            await this.profiles.create({
              ...section.settings,
              name,
              secretAccessKey: section.secretAccessKey,
              ...(section.sessionToken && { sessionToken: section.sessionToken }),
            }),
          );
          taken.add(name.toLowerCase());
        } catch (error) {
          // One bad item (a name taken meanwhile, a setting refused) must not stop the others.
          if (!(error instanceof PailError) || error.code === 'SecretStoreUnavailable') throw error;
          skip(error.message);
        }
      }
    }
    return { created, skipped };
  }

  private async read(source: ImportSource, given: string | undefined): Promise<SourceRead> {
    return source === 'aws' ? this.readAws(given) : this.readRclone(given);
  }

  private async readAws(given: string | undefined): Promise<SourceRead> {
    let folder = given?.trim() || undefined;
    // Pointing at the credentials or config file itself is a natural mistake: use its folder.
    if (folder) {
      const resolved = pathsFor(this.where.platform).resolve(expandHome(folder, this.where));
      const info = await stat(resolved).catch(() => undefined);
      if (info?.isFile()) folder = pathsFor(this.where.platform).dirname(resolved);
    }
    const files = awsSourceFiles(folder, this.where);
    const [credentials, config] = await Promise.all([readText(files.credentials), readText(files.config)]);
    if (credentials === undefined && config === undefined) {
      throw invalid(
        `No AWS credentials found at ${files.credentials} (and no config file at ${files.config}).`,
        'Point the import at the folder that holds your credentials and config files.',
      );
    }
    return {
      files: [credentials !== undefined && files.credentials, config !== undefined && files.config].filter((f): f is string => Boolean(f)),
      sections: parseAwsProfiles(credentials ?? '', config ?? ''),
    };
  }

  private async readRclone(given: string | undefined): Promise<SourceRead> {
    let file = rcloneSourceFile(given?.trim() || undefined, this.where);
    // A folder given by the user: rclone's file inside it.
    if ((await stat(file).catch(() => undefined))?.isDirectory()) file = pathsFor(this.where.platform).join(file, 'rclone.conf');
    const text = await readText(file);
    if (text === undefined) {
      throw invalid(`No rclone configuration found at ${file}.`, 'Point the import at your rclone.conf (`rclone config file` prints where it is).');
    }
    if (/^\s*RCLONE_ENCRYPT_V\d+:/m.test(text)) {
      throw invalid(
        `The rclone configuration at ${file} is encrypted, so Pail cannot read it.`,
        'Remove its password in `rclone config` (option "s"), or copy the remotes you need into an unencrypted file and import that.',
      );
    }
    return { files: [file], sections: parseRcloneRemotes(text) };
  }
}

/**
 * Gives each section a profile name free of clashes with existing profiles
 * and with the other candidates (" (imported)", " (imported 2)"…), and drops
 * the secret: candidates go to the renderer.
 */
export function nameCandidates(sections: ParsedSection[], existingNames: string[]): ImportCandidate[] {
  const existing = new Map(existingNames.map((n) => [n.toLowerCase(), n]));
  const used = new Set(existing.keys());
  return sections.map((section) => {
    const base = section.suggestedName;
    const clash = existing.get(base.toLowerCase());
    let name = base;
    for (let n = 1; used.has(name.toLowerCase()); n += 1) {
      const suffix = n === 1 ? ' (imported)' : ` (imported ${n})`;
      name = base.slice(0, 64 - suffix.length).trimEnd() + suffix;
    }
    used.add(name.toLowerCase());
    return {
      key: section.key,
      name,
      settings: { ...section.settings, name },
      hasSecret: section.secretAccessKey !== undefined,
      problems: [...section.problems],
      warnings: [...section.warnings],
      ...(clash !== undefined && { conflict: { existingName: clash } }),
    };
  });
}
