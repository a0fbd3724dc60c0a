import { z } from 'zod';
import type { ProfileInput, ProfileSummary } from './profile';
import { profileNameSchema } from './profile';

/** Where profiles can be imported from. */
export const IMPORT_SOURCES = ['aws', 'rclone'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** What an import would create from one section of the source files. */
export interface ImportCandidate {
  /** The section's name in the source (`default`, `work`, an rclone remote). */
  key: string;
  /** The profile name it would get (free of clashes unless `conflict` is set). */
  name: string;
  /** The settings it would get; the secret stays in the main process. */
  settings: Omit<ProfileInput, 'secretAccessKey'>;
  hasSecret: boolean;
  /** Why it cannot be imported (no access key, no secret, not S3…); empty when it can. */
  problems: string[];
  /** Things to know that do not block the import (guessed region, unknown option…). */
  warnings: string[];
  /** Set when a profile with `name` exists already. */
  conflict?: { existingName: string };
}

/** A preview of an import: nothing is written until the user applies it. */
export interface ImportPreview {
  source: ImportSource;
  /** The files read, with their full paths. */
  files: string[];
  candidates: ImportCandidate[];
}

const importPathSchema = z.string().trim().max(4096).optional();

/**
 * `path`: for `aws`, the folder holding `credentials` and `config` (default
 * ~/.aws, or AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE); for `rclone`,
 * the rclone.conf file (default: rclone's own location or RCLONE_CONFIG).
 */
export const importPreviewRequestSchema = z.object({
  source: z.enum(IMPORT_SOURCES),
  path: importPathSchema,
});
export type ImportPreviewRequest = z.output<typeof importPreviewRequestSchema>;

/** Which candidates to create, under which names; a clash is never overwritten. */
export const importApplyRequestSchema = z.object({
  source: z.enum(IMPORT_SOURCES),
  path: importPathSchema,
  items: z
    .array(z.object({ key: z.string().min(1).max(256), name: profileNameSchema }))
    .min(1, 'Choose at least one profile to import.')
    .max(500),
});
export type ImportApplyRequest = z.output<typeof importApplyRequestSchema>;

/** What an import did. */
export interface ImportResult {
  created: ProfileSummary[];
  skipped: { key: string; reason: string }[];
}

/** A profile exported to share: its settings, never its secret. */
export interface ProfileExport {
  /** A file name to suggest, e.g. "pail-profile-work.json". */
  fileName: string;
  /** The JSON text. */
  content: string;
}
