import { EXPIRY_PRESETS } from '../../shared/sharing';
import { EXPIRY_UNITS, type ExpiryChoice, type ExpiryUnit } from './link-expiry';

/** Props of {@link ExpiryField}. */
export interface ExpiryFieldProps {
  idPrefix: string;
  value: ExpiryChoice;
  /** What is wrong with a custom expiry (below 1 minute, above 7 days, not a number), shown as it is typed. */
  problem?: string;
  onChange(patch: Partial<ExpiryChoice>): void;
}

/** "Expires after": the presets (15 minutes … 7 days) or a custom number and unit. */
export function ExpiryField({ idPrefix, value, problem, onChange }: ExpiryFieldProps) {
  const custom = value.preset === 'custom';
  const options = [
    ...EXPIRY_PRESETS.map((p) => ({ key: String(p.seconds), label: p.label, preset: p.seconds as number | 'custom' })),
    { key: 'custom', label: 'Custom', preset: 'custom' as const },
  ];
  return (
    <fieldset className="field-group">
      <legend className="field-label">Expires after</legend>
      <div className="radio-list radio-list-inline">
        {options.map((option) => (
          <div key={option.key} className="radio-option">
            <input
              id={`${idPrefix}-expiry-${option.key}`}
              type="radio"
              name={`${idPrefix}-expiry`}
              checked={value.preset === option.preset}
              onChange={() => onChange({ preset: option.preset })}
            />
            <label htmlFor={`${idPrefix}-expiry-${option.key}`}>{option.label}</label>
          </div>
        ))}
      </div>
      {custom && (
        <div className="expiry-custom">
          <label className="visually-hidden" htmlFor={`${idPrefix}-expiry-amount`}>
            Custom expiry
          </label>
          <input
            id={`${idPrefix}-expiry-amount`}
            className="field-input expiry-amount"
            inputMode="numeric"
            autoComplete="off"
            value={value.amount}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${idPrefix}-expiry-problem` : `${idPrefix}-expiry-help`}
            onChange={(event) => onChange({ amount: event.target.value })}
          />
          <label className="visually-hidden" htmlFor={`${idPrefix}-expiry-unit`}>
            Unit
          </label>
          <select
            id={`${idPrefix}-expiry-unit`}
            className="field-input field-select"
            value={value.unit}
            onChange={(event) => onChange({ unit: event.target.value as ExpiryUnit })}
          >
            {EXPIRY_UNITS.map((unit) => (
              <option key={unit.value} value={unit.value}>
                {unit.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {problem && (
        <p id={`${idPrefix}-expiry-problem`} className="field-error">
          {problem}
        </p>
      )}
      <p id={`${idPrefix}-expiry-help`} className="field-help">
        A signed link lives at most 7 days; it stops earlier if the keys that signed it expire first.
      </p>
    </fieldset>
  );
}
