import { chooseTheme } from '../actions/theme';
import { THEME_CHOICES, THEME_LABELS } from '../../shared/theme';
import { useUiStore } from '../stores/ui';
import { InlineSelect } from './InlineSelect';

/** "Theme: System / Light / Dark": applied at once and remembered (View > Theme in the app menu does the same). */
export function ThemeSwitch() {
  const theme = useUiStore((state) => state.theme);
  return <InlineSelect className="theme-switch" label="Theme" value={theme} choices={THEME_CHOICES} labels={THEME_LABELS} onChange={chooseTheme} />;
}
