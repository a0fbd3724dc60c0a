import type { DiffEntry, DiffKind, SyncDirection, SyncPlan } from '../../shared/sync';
import { describeSettings, groupByExtension, type ExtensionGroup, type SheetChoices } from '../uploads/upload-sheet-plan';

/** What the preview lists: every difference, one kind, or everything (the same included). */
export type KindFilter = 'differences' | DiffKind | 'all';

/** Each kind's name in the preview, from the sync's point of view. */
export function kindLabel(kind: DiffKind, direction: SyncDirection): string {
  if (kind === 'new') return 'New';
  if (kind === 'changed') return 'Changed';
  if (kind === 'same') return 'Same';
  return direction === 'upload' ? 'Only in the bucket' : 'Only in the folder';
}

/** The filter choices with their counts: "Differences (5)", "New (3)"… */
export function filterChoices(plan: Pick<SyncPlan, 'counts' | 'direction'>): { value: KindFilter; label: string }[] {
  const { counts, direction } = plan;
  const differences = counts.new + counts.changed + counts.extra;
  return [
    { value: 'differences', label: `Differences (${differences})` },
    ...(['new', 'changed', 'extra', 'same'] as const).map((kind) => ({ value: kind, label: `${kindLabel(kind, direction)} (${counts[kind]})` })),
    { value: 'all', label: `All (${differences + counts.same})` },
  ];
}

/** The entries a filter shows, in path order. */
export function entriesShown(entries: readonly DiffEntry[], filter: KindFilter): DiffEntry[] {
  if (filter === 'all') return [...entries];
  if (filter === 'differences') return entries.filter((entry) => entry.kind !== 'same');
  return entries.filter((entry) => entry.kind === filter);
}

/** The gitignore-style patterns typed one per line (blank lines and "#" comments left out). */
export function patternsOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

/** The file types an upload plan sends (its new and changed paths), a Content-Type row each in the upload options. */
export function uploadGroupsOf(plan: Pick<SyncPlan, 'entries'>): ExtensionGroup[] {
  const files = plan.entries.filter((entry) => entry.kind === 'new' || entry.kind === 'changed').map((entry) => ({ path: entry.path }));
  return groupByExtension([{ name: '', folder: true, files }]);
}

/**
 * What a sync's uploads get, in one line, and where that comes from: the bucket's saved upload
 * settings as they opened (as for a drop), or choices changed for this sync only.
 */
export function syncUploadsInWords(choices: SheetChoices, saved: SheetChoices): string {
  const origin = sameChoices(choices, saved) ? 'this bucket’s saved upload settings, as for a drop' : 'set for this sync only';
  return `Uploads get ${describeSettings(choices)} (${origin}).`;
}

/** Whether two sets of choices send the same (blank metadata rows and emptied Content-Type fields are nothing). */
function sameChoices(a: SheetChoices, b: SheetChoices): boolean {
  const normal = (c: SheetChoices) =>
    JSON.stringify({
      ...c,
      cacheControl: c.cacheControl.trim(),
      storageClass: c.storageClass.trim(),
      contentTypes: Object.fromEntries(
        Object.entries(c.contentTypes)
          .map(([extension, type]) => [extension, type.trim()])
          .filter(([, type]) => type)
          .sort(),
      ),
      metadata: c.metadata.filter((row) => row.name.trim() || row.value.trim()),
      encryption: { ...c.encryption, kmsKeyId: c.encryption.algorithm.startsWith('aws:kms') ? c.encryption.kmsKeyId.trim() : '' },
    });
  return normal(a) === normal(b);
}
