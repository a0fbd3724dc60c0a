import { TextField, type TextFieldProps } from './TextField';

/** A text field with suggestions to pick from (a combobox), for values that are mostly one of a few. */
export function SuggestField({ suggestions, ...field }: TextFieldProps & { suggestions: readonly string[] }) {
  return (
    <>
      <datalist id={`${field.id}-suggestions`}>
        {suggestions.map((value) => (
          <option key={value} value={value} />
        ))}
      </datalist>
      <TextField {...field} list={`${field.id}-suggestions`} spellCheck={false} autoComplete="off" />
    </>
  );
}
