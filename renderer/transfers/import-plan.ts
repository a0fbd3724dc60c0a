import { countOf } from '../../shared/counts';
import { profileNameSchema } from '../../shared/profile';
import type { ImportCandidate, ImportPreview } from '../../shared/profile-import';

/** What the user chose for one candidate: whether to import it, and under which name. */
export interface ImportChoice {
  selected: boolean;
  name: string;
}

/** The choices for a preview, by candidate key. */
export type ImportChoices = Record<string, ImportChoice>;

/** Whether a candidate can be imported at all. */
export const isImportable = (candidate: ImportCandidate) => candidate.problems.length === 0;

/** Every importable candidate starts selected, under the name the preview proposes. */
export function initialChoices(preview: ImportPreview): ImportChoices {
  return Object.fromEntries(preview.candidates.map((c) => [c.key, { selected: isImportable(c), name: c.name }]));
}

/** The candidates that will be imported. */
function chosen(preview: ImportPreview, choices: ImportChoices): ImportCandidate[] {
  return preview.candidates.filter((c) => isImportable(c) && choices[c.key]?.selected);
}

/**
 * Why a chosen name cannot be used, per candidate key: the shared name rules,
 * a clash with a saved profile, or two chosen candidates with one name.
 */
export function importNameErrors(preview: ImportPreview, choices: ImportChoices, existingNames: string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const existing = new Set(existingNames.map((n) => n.toLowerCase()));
  const counts = new Map<string, number>();
  const picked = chosen(preview, choices);
  for (const c of picked) {
    const name = choices[c.key].name.trim().toLowerCase();
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  for (const c of picked) {
    const name = choices[c.key].name;
    const parsed = profileNameSchema.safeParse(name);
    if (!parsed.success) errors[c.key] = parsed.error.issues[0].message;
    else if (existing.has(parsed.data.toLowerCase())) errors[c.key] = `A profile called “${parsed.data}” exists already: choose another name.`;
    else if ((counts.get(parsed.data.toLowerCase()) ?? 0) > 1) errors[c.key] = 'Two imported profiles would get this name: choose another.';
  }
  return errors;
}

/** The `profiles:importApply` items for the chosen candidates. */
export function importItems(preview: ImportPreview, choices: ImportChoices): { key: string; name: string }[] {
  return chosen(preview, choices).map((c) => ({ key: c.key, name: choices[c.key].name.trim() }));
}

/** The sentence about a name clash, once the candidate has a free name. */
export function conflictNote(candidate: ImportCandidate, name: string): string | undefined {
  const existing = candidate.conflict?.existingName;
  if (!existing || name.trim().toLowerCase() === existing.toLowerCase()) return undefined;
  return `A profile called “${existing}” exists: this one will be imported as “${name.trim()}”.`;
}

/** The apply button's words: "Import 2 profiles", "Import 1 profile". */
export function importButtonLabel(count: number): string {
  return `Import ${countOf(count, 'profile')}`;
}
