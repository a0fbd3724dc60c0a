/** Props of {@link InlineSelect}. */
export interface InlineSelectProps<T extends string> {
  label: string;
  value: T;
  choices: readonly T[];
  labels: Record<T, string>;
  onChange(value: T): void;
  className?: string;
}

/** A small labelled `<select>` that sits in a line of other controls (a panel's header, the sidebar's foot). */
export function InlineSelect<T extends string>({ label, value, choices, labels, onChange, className }: InlineSelectProps<T>) {
  return (
    <label className={className ? `inline-select ${className}` : 'inline-select'}>
      <span>{label}</span>
      <select className="field-input field-select" value={value} onChange={(event) => onChange(event.target.value as T)}>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {labels[choice]}
          </option>
        ))}
      </select>
    </label>
  );
}
