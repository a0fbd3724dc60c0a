import type { LockMode } from '../../shared/object-lock';

/** The two retention modes, as the dialogs' Mode field offers them. */
export const MODE_OPTIONS = [
  { value: 'GOVERNANCE', label: 'Governance' },
  { value: 'COMPLIANCE', label: 'Compliance' },
];

/** What each mode lets people do, under the Mode field. */
export const MODE_HELP: Record<LockMode, string> = {
  GOVERNANCE: 'Users allowed to bypass governance retention may still delete, or shorten it.',
  COMPLIANCE: 'No one may delete or shorten it, not even the account’s root user, until it ends.',
};
