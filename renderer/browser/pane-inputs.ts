/**
 * The ids of each pane's text fields, shared by the components that render
 * them and the window commands that focus them (Ctrl+L, Ctrl+F, Ctrl+Shift+F),
 * so those commands need no component.
 */

/** The address bar's input. */
export const addressInputId = (paneId: string) => `address-${paneId}`;
/** The "Filter this folder" input. */
export const filterInputId = (paneId: string) => `filter-${paneId}`;
/** The recursive search input. */
export const searchInputId = (paneId: string) => `search-${paneId}`;
