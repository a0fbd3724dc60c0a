import { LatestOnly } from '../../shared/async';
import { failed, loading, ready } from '../../shared/loadable';
import type { ImportSource } from '../../shared/profile-import';
import { api } from '../api';
import { importItems, importNameErrors } from '../transfers/import-plan';
import { selectImportPreview, useImportStore } from '../stores/import';
import { useProfilesStore } from '../stores/profiles';
import { selectProfiles } from '../stores/selectors';
import { loadProfiles } from './profiles';

/** The import dialog's work: reading a source's preview and importing the chosen profiles. */

// Opening, closing or another source (or a newer preview or import) makes the answers still coming stale.
const latest = new LatestOnly();
const store = () => useImportStore.getState();
const pathOf = (path: string) => path.trim() && { path: path.trim() };

/** Opens the import dialog afresh. */
export function openImport(): void {
  latest.invalidate();
  store().open();
}

/** Closes the import dialog. */
export function closeImport(): void {
  latest.invalidate();
  store().close();
}

/** Chooses where to import from; what was read from the source before goes. */
export function chooseImportSource(source: ImportSource): void {
  latest.invalidate();
  store().setSource(source);
}

/** Reads the source and lists what it would create; nothing is written. */
export async function loadImportPreview(): Promise<void> {
  const { source, path } = store();
  const isCurrent = latest.begin();
  store().previewLoading();
  const result = await api.profiles.importPreview({ source, ...pathOf(path) });
  // The store opened afresh (the menu's Import) also drops the answer.
  if (isCurrent() && store().preview.status === 'loading') store().previewAnswered(result);
}

/** Creates the chosen profiles; returns whether it ran (name problems stop it). */
export async function applyImport(): Promise<boolean> {
  const state = store();
  const preview = selectImportPreview(state);
  if (!preview || state.applied.status === 'loading') return false;
  state.markAttempted();
  const names = selectProfiles(useProfilesStore.getState()).map((p) => p.name);
  const items = importItems(preview, state.choices);
  if (items.length === 0 || Object.keys(importNameErrors(preview, state.choices, names)).length > 0) return false;
  const isCurrent = latest.begin();
  state.previewStopped();
  state.setApplied(loading);
  const result = await api.profiles.importApply({ source: state.source, ...pathOf(state.path), items });
  if (!isCurrent() || store().applied.status !== 'loading') return result.ok;
  if (!result.ok) {
    state.setApplied(failed(result.error));
    return false;
  }
  state.setApplied(ready(result.data));
  void loadProfiles();
  return true;
}
