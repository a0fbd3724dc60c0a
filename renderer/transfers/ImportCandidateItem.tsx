import type { ImportCandidate } from '../../shared/profile-import';
import { providerById } from '../../shared/providers';
import { conflictNote, isImportable } from './import-plan';
import { useImportStore } from '../stores/import';
import { TextField } from '../common/TextField';

/** Props of {@link ImportCandidateItem}. */
export interface ImportCandidateItemProps {
  candidate: ImportCandidate;
  index: number;
  nameError?: string;
}

/**
 * One section of the source as a row: a checkbox named by the candidate
 * (disabled when it cannot be imported), its name to edit, what it connects
 * to, and why it cannot be imported or what to know.
 */
export function ImportCandidateItem({ candidate, index, nameError }: ImportCandidateItemProps) {
  const choice = useImportStore((state) => state.choices[candidate.key]);
  const importable = isImportable(candidate);
  const id = `import-${index}`;
  const name = choice?.name ?? candidate.name;
  const note = importable && choice?.selected ? conflictNote(candidate, name) : undefined;
  const { settings } = candidate;

  return (
    <li className={importable ? 'import-item' : 'import-item import-item-blocked'} aria-labelledby={`${id}-title`}>
      <div className="import-item-head">
        <input
          id={`${id}-check`}
          type="checkbox"
          checked={importable && (choice?.selected ?? false)}
          disabled={!importable}
          aria-describedby={importable ? undefined : `${id}-problems`}
          onChange={(event) => useImportStore.getState().toggle(candidate.key, event.target.checked)}
        />
        <label id={`${id}-title`} htmlFor={`${id}-check`} className="import-item-title">
          {candidate.name}
        </label>
        <span className="import-item-source">from [{candidate.key}]</span>
      </div>
      <dl className="import-facts">
        <dt>Provider</dt>
        <dd>{providerById(settings.provider).label}</dd>
        <dt>Endpoint</dt>
        <dd title={settings.endpoint}>{settings.endpoint || '—'}</dd>
        <dt>Region</dt>
        <dd>{settings.region || '—'}</dd>
      </dl>
      {importable && choice?.selected && (
        <TextField
          id={`${id}-name`}
          label="Profile name"
          value={name}
          error={nameError}
          autoComplete="off"
          spellCheck={false}
          onChange={(value) => useImportStore.getState().rename(candidate.key, value)}
        />
      )}
      {candidate.problems.length > 0 && (
        <div id={`${id}-problems`} className="import-problems">
          <p className="import-list-title">Cannot be imported:</p>
          <ul>
            {candidate.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {candidate.warnings.length > 0 && (
        <div className="import-warnings">
          <p className="import-list-title">Good to know:</p>
          <ul>
            {candidate.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      )}
      {note && <p className="import-conflict">{note}</p>}
    </li>
  );
}
