import type { ThemeChoice } from '../../shared/theme';
import { api } from '../api';
import { useUiStore } from '../stores/ui';

/**
 * Puts the theme on the page (`data-theme` on the root element: the
 * stylesheets' colours follow it, and "system" leaves them to the OS) and
 * tells the shell, so Electron's menus and dialogs follow too.
 */
function applyTheme(theme: ThemeChoice): void {
  document.documentElement.dataset.theme = theme;
  // The web mode has no native parts; a failure here changes nothing the user sees.
  void api.app.setTheme({ theme }).catch(() => undefined);
}

/** The user chose a theme (the switch, or the View menu): applied at once and remembered. */
export function chooseTheme(theme: ThemeChoice): void {
  useUiStore.getState().setTheme(theme);
  applyTheme(theme);
}

/** Applies the remembered theme at start. */
export function startTheme(): void {
  applyTheme(useUiStore.getState().theme);
}
