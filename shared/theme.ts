/**
 * The window's colours as the user chose them: follow the system, or always
 * light, or always dark. The page keys its colours on it; Electron also sets
 * `nativeTheme.themeSource` so menus, dialogs and the title bar follow.
 */
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** The choice's name in menus and the theme switch. */
export const THEME_LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };
