import { describe, expect, it } from 'vitest';
import { failed, loading, ready } from '../../shared/loadable';
import { selectOnly, toggleRow } from '../browser/row-selection';
import { emptyListing, mergePage } from './listing';
import {
  selectFilterCount,
  selectListingStatus,
  selectListingStatusText,
  selectNavigation,
  selectRows,
  selectSearchStatusText,
  selectSelectedEntries,
  selectSelectionText,
  selectSingleEntry,
} from './pane-selectors';
import { initialPaneState, type PaneState } from './pane-state';

const listing = (folders: number, objects: number) =>
  mergePage(emptyListing, {
    folders: Array.from({ length: folders }, (_, i) => ({ kind: 'folder' as const, prefix: `f${i}/`, name: `f${i}` })),
    objects: Array.from({ length: objects }, (_, i) => ({ kind: 'object' as const, key: `o${i}`, name: `o${i}`, size: 0 })),
  });

let paneIds = 0;
// Each test gets its own pane id, so the rows cache of one test never answers another.
const pane = (patch: Partial<PaneState> = {}): PaneState => ({
  ...initialPaneState(paneIds++ % 2 === 0 ? 'left' : 'right'),
  profileId: 'p',
  bucket: 'b',
  listingId: 1000 + paneIds,
  ...patch,
});

describe('selectListingStatus', () => {
  it('names where the listing load stands: pages still coming are "more", all in are "done"', () => {
    const error = { code: 'Internal' as const, message: 'm', hint: '' };
    expect(selectListingStatus(pane())).toBe('idle');
    expect(selectListingStatus(pane({ listingLoad: loading }))).toBe('loading');
    expect(selectListingStatus(pane({ listingLoad: ready({ complete: false }) }))).toBe('more');
    expect(selectListingStatus(pane({ listingLoad: ready({ complete: true }) }))).toBe('done');
    expect(selectListingStatus(pane({ listingLoad: failed(error) }))).toBe('error');
  });
});

describe('selectListingStatusText', () => {
  it('counts objects and folders while pages arrive, then without "loading"', () => {
    expect(selectListingStatusText(pane({ listing: listing(3, 2500), listingLoad: ready({ complete: false }) }))).toBe('2,500 objects, 3 folders, loading…');
    expect(selectListingStatusText(pane({ listing: listing(3, 2500), listingLoad: ready({ complete: true }) }))).toBe('2,500 objects, 3 folders');
    expect(selectListingStatusText(pane({ listing: listing(1, 1), listingLoad: ready({ complete: true }) }))).toBe('1 object, 1 folder');
  });

  it('says a listing was cancelled rather than failed', () => {
    const cancelled = { code: 'Cancelled' as const, message: 'Stopped before the server answered.', hint: '' };
    expect(selectListingStatusText(pane({ listingLoad: failed(cancelled) }))).toBe('Listing cancelled');
    expect(selectListingStatusText(pane({ listing: listing(0, 4), listingLoad: failed(cancelled) }))).toBe('4 objects, 0 folders, listing cancelled');
  });

  it('says loading before the first page, what happened after an error, and versions in versions mode', () => {
    const unknown = { code: 'Internal' as const, message: 'Something went wrong.', hint: '' };
    expect(selectListingStatusText(pane({ listingLoad: loading }))).toBe('Loading…');
    expect(selectListingStatusText(pane({ listing: listing(0, 4), listingLoad: loading }))).toBe('4 objects, 0 folders, loading…');
    expect(selectListingStatusText(pane({ listingLoad: failed(unknown) }))).toBe('Listing failed');
    expect(selectListingStatusText(pane({ listing: listing(0, 5), listingLoad: failed(unknown) }))).toBe('5 objects, 0 folders, listing incomplete');
    expect(selectListingStatusText(pane({ listing: listing(1, 2), listingLoad: ready({ complete: true }), versionsMode: true }))).toBe('2 versions, 1 folder');
    expect(selectListingStatusText(pane({ bucket: undefined }))).toBe('');
  });
});

describe('search, filter and selection lines', () => {
  const search = (status: NonNullable<PaneState['search']>['status'], summary?: string) => ({
    query: 'x',
    status,
    results: listing(1, 11),
    resultsId: 5,
    ...(summary && { summary }),
  });

  it('says how the search goes', () => {
    expect(selectSearchStatusText(pane({ search: search('running') }))).toBe('Searching… 12 found');
    expect(selectSearchStatusText(pane({ search: { ...search('running'), phase: '40 of 200 objects checked for the tag' } }))).toBe(
      'Searching… 12 found (40 of 200 objects checked for the tag)',
    );
    expect(selectSearchStatusText(pane({ search: search('done', 'Found 12 matches in 40 objects.') }))).toBe('Found 12 matches in 40 objects.');
    expect(selectSearchStatusText(pane({ search: search('cancelled') }))).toBe('Search cancelled: 12 found');
    expect(selectSearchStatusText(pane())).toBe('');
  });

  it('counts the rows a filter leaves, "N of M"', () => {
    expect(selectFilterCount(pane({ listing: listing(2, 10), filter: 'o1' }))).toBe('1 of 12');
    expect(selectFilterCount(pane({ listing: listing(2, 10), filter: '  ' }))).toBe('');
  });

  it('counts the selection and finds the selected rows', () => {
    const state = pane({ listing: listing(1, 3), selection: toggleRow(selectOnly('o:o2'), 'f:f0/') });
    expect(selectSelectionText(state)).toBe('2 selected');
    expect(selectSelectedEntries(state).map((e) => e.name)).toEqual(['f0', 'o2']);
    expect(selectSingleEntry(state)).toBeUndefined();
    const one = pane({ listing: listing(1, 3), selection: selectOnly('o:o1') });
    expect(selectSingleEntry(one)?.name).toBe('o1');
    expect(selectSelectionText(pane())).toBe('');
  });

  it('shows search results instead of the folder while searching', () => {
    const state = pane({ listing: listing(0, 3), search: search('done') });
    expect(selectRows(state)).toHaveLength(12);
    expect(selectRows(state).indexOfKey('o:o10')).toBe(3);
    expect(selectRows(state).indexOfKey('o:missing')).toBe(-1);
  });
});

describe('selectNavigation', () => {
  it('allows Up below the bucket root only', () => {
    expect(selectNavigation(pane({ prefix: 'a/' })).canGoUp).toBe(true);
    expect(selectNavigation(pane()).canGoUp).toBe(false);
    expect(selectNavigation(pane()).canGoBack).toBe(false);
  });
});
