import { detectedContentType, extensionOf } from '../../shared/content-type';
import type { BucketUploadSettings } from '../../shared/profile';
import { providerById, type UploadAcl } from '../../shared/providers';
import {
  cacheControlSchema,
  contentTypeSchema,
  metadataNameSchema,
  metadataValueSchema,
  uploadOptionsSchema,
  type UploadOptions,
} from '../../shared/upload-options';
import { sseName } from '../../shared/encryption';
import type { EncryptionDraft } from '../common/EncryptionChoice';
import { draftOf, uploadEncryptionOfDraft } from '../common/encryption-draft';

/**
 * The upload sheet's pure rules: what a drop holds (its top-level items and
 * its file types), the choices the sheet opens with (a bucket's remembered
 * settings), their problems in the shared schemas' words, and what the
 * choices become: the batch's upload options, and the bucket's settings when
 * remembered.
 */

/** A file of a drop or pick: its path inside what was dropped, and its size when known. */
export interface SheetFile {
  path: string;
  size?: number;
}

/** One dropped or picked top-level item: a file, or a folder with what is inside it. */
export interface SheetItem {
  /** "photos" for a folder, "a.jpg" for a file. */
  name: string;
  folder: boolean;
  files: SheetFile[];
  /** A folder picked by path (Electron's folder dialog): its files are read when the upload starts. */
  contentsUnknown?: boolean;
}

/** The files of one extension in a drop, with the type the name gives them. */
export interface ExtensionGroup {
  /** "jpg"; "" for files with no extension. */
  extension: string;
  count: number;
  detected: string;
}

/** Content-Disposition as the sheet offers it. */
export type DispositionChoice = 'none' | 'inline' | 'attachment';

/** A metadata row as typed. */
export interface MetadataRow {
  name: string;
  value: string;
}

/** What the sheet's fields hold. */
export interface SheetChoices {
  acl: UploadAcl;
  /** By extension: the Content-Type as typed ("" or the detected type: detected). */
  contentTypes: Record<string, string>;
  cacheControl: string;
  disposition: DispositionChoice;
  storageClass: string;
  metadata: MetadataRow[];
  /** Encryption at rest asked for ("none": none asked; the server's bucket default applies). */
  encryption: EncryptionDraft;
}

/** The sheet's problems, in the shared schemas' words; empty when the choices can be sent. */
export interface SheetProblems {
  cacheControl?: string;
  storageClass?: string;
  /** By extension. */
  contentTypes: Record<string, string>;
  /** By row: the name's and the value's problems. */
  metadata: { name?: string; value?: string }[];
  /** All rows together (the 2 KiB limit, two names differing in case). */
  metadataTotal?: string;
  /** The KMS key typed. */
  encryption?: string;
}

/** Storage classes most S3 services know, offered as suggestions (a provider may list its own). */
export const COMMON_STORAGE_CLASSES = ['STANDARD', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER_IR', 'REDUCED_REDUNDANCY'] as const;

/** The storage classes to suggest for a profile's provider: its preset's list, else the common ones. */
export function storageClassesFor(provider: string | undefined): readonly string[] {
  return providerById(provider).storageClasses ?? COMMON_STORAGE_CLASSES;
}

/** Cache-Control values offered as presets. */
export const CACHE_CONTROL_PRESETS = ['no-cache', 'max-age=3600, public', 'max-age=86400, public', 'max-age=31536000, immutable'] as const;

/** The first segment of a path inside a drop ("photos" of "photos/2024/a.jpg"). */
const topOf = (path: string) => path.split('/')[0];

/**
 * A drop's top-level items from its files and empty folders (paths inside the
 * drop), in the order they first appear: "photos/a.jpg" and "photos/b.png" make
 * the folder "photos", "c.txt" the file "c.txt".
 */
export function itemsOfDrop(files: SheetFile[], folders: string[] = []): SheetItem[] {
  const items = new Map<string, SheetItem>();
  const itemOf = (name: string, folder: boolean) => {
    let item = items.get(name);
    if (!item) items.set(name, (item = { name, folder, files: [] }));
    item.folder ||= folder;
    return item;
  };
  for (const file of files) itemOf(topOf(file.path), file.path.includes('/')).files.push(file);
  for (const folder of folders) itemOf(topOf(folder), true);
  return [...items.values()];
}

/** The files of a set of items, by extension: most files first, then by extension; files without one last. */
export function groupByExtension(items: readonly SheetItem[]): ExtensionGroup[] {
  const counts = new Map<string, number>();
  for (const item of items) for (const file of item.files) counts.set(extensionOf(file.path), (counts.get(extensionOf(file.path)) ?? 0) + 1);
  return [...counts]
    .map(([extension, count]) => ({ extension, count, detected: detectedContentType(extension) }))
    .sort((a, b) => Number(!a.extension) - Number(!b.extension) || b.count - a.count || a.extension.localeCompare(b.extension));
}

/** How many files, and their bytes (undefined when a size is unknown), a set of items holds. */
export function totalsOf(items: readonly SheetItem[]): { files: number; bytes?: number; unknown: boolean } {
  let files = 0;
  let bytes: number | undefined = 0;
  for (const item of items) {
    files += item.files.length;
    for (const file of item.files) bytes = file.size === undefined || bytes === undefined ? undefined : bytes + file.size;
  }
  return { files, bytes, unknown: items.some((item) => item.contentsUnknown) };
}

/** The Content-Disposition choice a stored value stands for ("attachment; filename=…" is an attachment). */
function dispositionOf(value: string | undefined): DispositionChoice {
  const kind = value?.split(';')[0].trim().toLowerCase();
  return kind === 'inline' || kind === 'attachment' ? kind : 'none';
}

/**
 * What the sheet opens with: the bucket's remembered settings, else the
 * profile's defaults (its ACL and Cache-Control for uploads).
 */
export function choicesFromSettings(settings: BucketUploadSettings | undefined, profile: { acl: UploadAcl; cacheControl?: string }): SheetChoices {
  return {
    acl: settings?.acl ?? profile.acl,
    contentTypes: { ...settings?.contentTypes },
    cacheControl: settings?.cacheControl ?? profile.cacheControl ?? '',
    disposition: dispositionOf(settings?.contentDisposition),
    storageClass: settings?.storageClass ?? '',
    metadata: Object.entries(settings?.metadata ?? {}).map(([name, value]) => ({ name, value })),
    encryption: draftOf(settings?.encryption),
  };
}

const problemOf = (schema: { safeParse(value: unknown): { error?: { issues: { message: string }[] } } }, value: string) =>
  schema.safeParse(value).error?.issues[0]?.message;

/** Rows with a name or a value (a blank row is ignored). */
const filledRows = (rows: readonly MetadataRow[]) => rows.filter((row) => row.name.trim() || row.value.trim());

/** The Content-Types that differ from what the names give, for the extensions in `groups`. */
function overridesOf(choices: SheetChoices, groups: readonly ExtensionGroup[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { extension, detected } of groups) {
    const typed = choices.contentTypes[extension]?.trim();
    if (extension && typed && typed !== detected) out[extension] = typed;
  }
  return out;
}

/** The problems of the choices for a drop of `groups`, each in the words of the schema that refuses it. */
export function problemsOf(choices: SheetChoices, groups: readonly ExtensionGroup[]): SheetProblems {
  const contentTypes: Record<string, string> = {};
  for (const [extension, value] of Object.entries(overridesOf(choices, groups))) {
    const problem = problemOf(contentTypeSchema, value);
    if (problem) contentTypes[extension] = problem;
  }
  const metadata = choices.metadata.map((row) =>
    !row.name.trim() && !row.value.trim() ? {} : { name: problemOf(metadataNameSchema, row.name.trim()), value: problemOf(metadataValueSchema, row.value) },
  );
  const rowsFine = metadata.every((row) => !row.name && !row.value);
  const all = rowsFine ? uploadOptionsSchema.shape.metadata.safeParse(metadataOf(choices.metadata)).error?.issues[0]?.message : undefined;
  const storageClass = choices.storageClass.trim();
  const encryption = uploadEncryptionOfDraft(choices.encryption);
  return {
    ...('error' in encryption && { encryption: encryption.error }),
    cacheControl: problemOf(cacheControlSchema, choices.cacheControl),
    storageClass: storageClass ? problemOf(uploadOptionsSchema.shape.storageClass, storageClass) : undefined,
    contentTypes,
    metadata,
    metadataTotal: all,
  };
}

/** Whether the sheet may send its choices. */
export function hasProblems(problems: SheetProblems): boolean {
  return (
    !!problems.cacheControl ||
    !!problems.storageClass ||
    !!problems.metadataTotal ||
    !!problems.encryption ||
    Object.keys(problems.contentTypes).length > 0 ||
    problems.metadata.some((row) => row.name || row.value)
  );
}

function metadataOf(rows: readonly MetadataRow[]): Record<string, string> {
  return Object.fromEntries(filledRows(rows).map((row) => [row.name.trim(), row.value]));
}

/**
 * What one upload request carries for the choices: `acl` for the request
 * ("none": no ACL is sent, the bucket's own access applies) and the batch's
 * options. The sheet opens with the bucket's settings, so what it shows is
 * what is sent: an emptied field goes as empty (no header, even where the
 * bucket has a default), and every file type of the drop goes with the type
 * shown for it (a type set back to the detected one wins over a saved one).
 */
export function requestOptionsOf(choices: SheetChoices, groups: readonly ExtensionGroup[]): { acl: UploadAcl; options: UploadOptions } {
  const contentTypes = shownTypesOf(choices, groups);
  const encryption = uploadEncryptionOfDraft(choices.encryption);
  const options: UploadOptions = {
    ...(choices.acl !== 'none' && { acl: choices.acl }),
    cacheControl: choices.cacheControl.trim(),
    contentDisposition: choices.disposition === 'none' ? '' : choices.disposition,
    storageClass: choices.storageClass.trim(),
    metadata: metadataOf(choices.metadata),
    ...(Object.keys(contentTypes).length > 0 && { contentTypes }),
    // "None asked" goes as null: no header, even where the bucket's saved settings ask for some.
    encryption: 'encryption' in encryption && encryption.encryption ? encryption.encryption : null,
  };
  return { acl: choices.acl, options };
}

/** The Content-Type shown for each file type of the drop (typed, else detected), by extension. */
function shownTypesOf(choices: SheetChoices, groups: readonly ExtensionGroup[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { extension, detected } of groups) if (extension) out[extension] = choices.contentTypes[extension]?.trim() || detected;
  return out;
}

/**
 * The bucket's upload settings that remember the choices: the drop's own
 * Content-Types replace those of its extensions (a type set back to the
 * detected one is forgotten), the ones remembered for other extensions stay.
 */
export function settingsFromChoices(
  choices: SheetChoices,
  groups: readonly ExtensionGroup[],
  previous: BucketUploadSettings | undefined,
  askOnDrop: boolean,
): BucketUploadSettings {
  const { acl, options } = requestOptionsOf(choices, groups);
  const kept = Object.entries(previous?.contentTypes ?? {}).filter(([extension]) => !groups.some((group) => group.extension === extension));
  const contentTypes = { ...Object.fromEntries(kept), ...overridesOf(choices, groups) };
  return {
    acl,
    ...(options.cacheControl && { cacheControl: options.cacheControl }),
    ...(options.contentDisposition && { contentDisposition: options.contentDisposition }),
    ...(options.storageClass && { storageClass: options.storageClass }),
    ...(options.metadata && Object.keys(options.metadata).length > 0 && { metadata: options.metadata }),
    ...(Object.keys(contentTypes).length > 0 && { contentTypes }),
    ...(options.encryption && { encryption: options.encryption }),
    ...(!askOnDrop && { askOnDrop: false }),
  };
}

const ACL_WORDS: Record<UploadAcl, string> = { none: 'the bucket’s own access', private: 'private', 'public-read': 'public-read' };

/** One line saying which settings a drop used without asking ("public-read, Cache-Control "max-age=3600", …"). */
export function describeSettings(choices: SheetChoices): string {
  const parts = [`access: ${ACL_WORDS[choices.acl]}`];
  const types = Object.entries(choices.contentTypes).filter(([, type]) => type.trim());
  if (types.length > 0) parts.push(`Content-Type ${types.map(([extension, type]) => `.${extension} ${type}`).join(', ')}`);
  if (choices.cacheControl.trim()) parts.push(`Cache-Control "${choices.cacheControl.trim()}"`);
  if (choices.disposition !== 'none') parts.push(`Content-Disposition ${choices.disposition}`);
  if (choices.storageClass.trim()) parts.push(`storage class ${choices.storageClass.trim()}`);
  const metadata = filledRows(choices.metadata);
  if (metadata.length > 0) parts.push(`metadata ${metadata.map((row) => row.name.trim()).join(', ')}`);
  const { algorithm, kmsKeyId } = choices.encryption;
  if (algorithm !== 'none') parts.push(`encryption ${sseName(algorithm)}${algorithm !== 'AES256' && kmsKeyId.trim() ? ` (key ${kmsKeyId.trim()})` : ''}`);
  return parts.join(' · ');
}
