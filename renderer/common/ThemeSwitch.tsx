import { chooseTheme } from '../actions/theme';
import { THEME_CHOICES, THEME_LABELS, type ThemeChoice } from '../../shared/theme';
import { useUiStore } from '../stores/ui';

/** "Theme: System / Light / Dark": applied at once and remembered (View > Theme in the app menu does the same). */
export function ThemeSwitch() {
  const theme = useUiStore((state) => state.theme);
  return (
    <label className="theme-switch">
      <span>Theme</span>
      <select className="field-input field-select" value={theme} onChange={(event) => chooseTheme(event.target.value as ThemeChoice)}>
        {THEME_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {THEME_LABELS[choice]}
          </option>
        ))}
      </select>
    </label>
  );
}
