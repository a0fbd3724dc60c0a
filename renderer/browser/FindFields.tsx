import { useEffect, useState, type FormEvent } from 'react';
import { clearSearch, startSearch } from '../actions/search';
import { filterInputId, searchInputId } from './pane-inputs';
import { selectFilterCount } from '../stores/pane-selectors';
import { Icon } from '../common/Icon';
import { paneOf, usePane, usePaneId } from './pane-context';

/** "Filter this folder": hides rows whose name does not contain the text (instant, any case); shows "N of M". */
export function FilterField() {
  const paneId = usePaneId();
  const filter = usePane((state) => state.filter);
  const count = usePane(selectFilterCount);
  const disabled = usePane((state) => !state.bucket);
  const id = filterInputId(paneId);
  return (
    <div className="find-field filter-field">
      <Icon name="filter" className="find-icon" />
      <input
        id={id}
        type="search"
        className={count ? 'find-input has-count' : 'find-input'}
        aria-label="Filter this folder"
        aria-describedby={count ? `${id}-count` : undefined}
        aria-keyshortcuts="Control+F"
        placeholder="Filter"
        spellCheck={false}
        autoComplete="off"
        disabled={disabled}
        value={filter}
        onChange={(event) => paneOf(paneId).setFilter(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && filter) {
            event.stopPropagation();
            paneOf(paneId).setFilter('');
          }
        }}
      />
      {count && (
        <span id={`${id}-count`} className="find-count">
          {count}
        </span>
      )}
    </div>
  );
}

/**
 * "Search below this folder": Enter (or the Search button) searches every key
 * below the open folder by name, or by tag with `tag:NAME=VALUE`; results
 * stream into the table. Escape clears it.
 */
export function SearchField() {
  const paneId = usePaneId();
  const active = usePane((state) => state.search?.query);
  const disabled = usePane((state) => !state.bucket || state.versionsMode);
  const [text, setText] = useState('');
  const id = searchInputId(paneId);

  // The box shows the pane's search: one started elsewhere (a tag's "Find" in the inspector) fills it,
  // one cleared (Escape, "Clear search", going elsewhere) empties it.
  useEffect(() => {
    setText(active ?? '');
  }, [active]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (text.trim()) void startSearch(paneId, text);
  };

  return (
    <form role="search" className="find-field search-field" onSubmit={onSubmit} aria-label="Search below this folder">
      <input
        id={id}
        type="search"
        className="find-input"
        aria-label="Search below this folder"
        aria-keyshortcuts="Control+Shift+F"
        aria-describedby={`${id}-hint`}
        title="Part of a name, or tag:NAME=VALUE for objects with that tag"
        placeholder="Search below…"
        spellCheck={false}
        autoComplete="off"
        disabled={disabled}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.stopPropagation();
          event.preventDefault();
          if (active !== undefined) clearSearch(paneId);
          setText('');
        }}
      />
      <button type="submit" className="find-submit" aria-label="Search" title="Search (Enter)" disabled={disabled || !text.trim()}>
        <Icon name="search" />
      </button>
      <span id={`${id}-hint`} className="visually-hidden">
        Finds names containing the text in every folder below this one. To find objects by tag, type tag:NAME=VALUE, or tag:NAME for any value.
      </span>
    </form>
  );
}
