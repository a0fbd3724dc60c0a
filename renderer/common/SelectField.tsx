import type { SelectHTMLAttributes } from 'react';

/** One option of a {@link SelectField}. */
export interface SelectOption {
  value: string;
  label: string;
  /** Options with a group are listed under it (an `<optgroup>`), in the order the groups first appear. */
  group?: string;
}

/** The options in runs of one group each (ungrouped options form runs of their own). */
function runsOf(options: readonly SelectOption[]): { group?: string; options: SelectOption[] }[] {
  const runs: { group?: string; options: SelectOption[] }[] = [];
  for (const option of options) {
    const run = option.group !== undefined ? runs.find((r) => r.group === option.group) : undefined;
    if (run) run.options.push(option);
    else runs.push({ group: option.group, options: [option] });
  }
  return runs;
}

/** Props of {@link SelectField}. */
export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'onChange' | 'value'> {
  id: string;
  label: string;
  value: string;
  options: readonly SelectOption[];
  onChange(value: string): void;
  /** A standing hint under the field. */
  help?: string;
}

/** A labelled `<select>` with its hint tied to it for screen readers. */
export function SelectField({ id, label, value, options, onChange, help, ...select }: SelectFieldProps) {
  const helpId = help ? `${id}-help` : undefined;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select
        {...select}
        id={id}
        className="field-input field-select"
        value={value}
        aria-describedby={helpId}
        onChange={(event) => onChange(event.target.value)}
      >
        {runsOf(options).map((run, i) => {
          const items = run.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ));
          return run.group === undefined ? (
            items
          ) : (
            <optgroup key={`${run.group}-${i}`} label={run.group}>
              {items}
            </optgroup>
          );
        })}
      </select>
      {help && (
        <p id={helpId} className="field-help">
          {help}
        </p>
      )}
    </div>
  );
}
