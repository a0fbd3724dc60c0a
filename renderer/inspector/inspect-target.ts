import type { InspectTarget } from '../stores/inspector';

/** The identity of an inspected target, to compare targets and drop answers that arrive for an old one. */
export function targetKey(target: InspectTarget | undefined): string {
  return target ? JSON.stringify([target.profileId, target.bucket, target.key, target.versionId ?? '']) : '';
}

/** True when a target names a folder ("photos/"), which has no details of its own. */
export function isFolderTarget(target: InspectTarget | undefined): boolean {
  return !!target && target.key.endsWith('/');
}
