import type { DiffEntry, DiffKind, SyncDirection, SyncPlan } from '../../shared/sync';

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
