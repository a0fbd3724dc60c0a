import type { ErrorInfo } from '../../shared/errors';
import { idle, type Loadable } from '../../shared/loadable';
import type { VersioningStatus } from '../../shared/versions';
import { DEFAULT_SORT, type SortOrder } from '../browser/entry-order';
import { emptyHistory, type NavHistory, type PaneLocation } from '../browser/nav-history';
import { emptySelection, type RowSelection } from '../browser/row-selection';
import { emptyListing, type Listing } from './listing';

/** The two panes of the two-pane mode; "left" is the only one in one-pane mode. */
export type PaneId = 'left' | 'right';

/**
 * Where a folder listing stands, in words: `loading` before the first page, `more` while
 * later pages are still coming, `done` when all are in, `error` when a page failed
 * (rows already shown stay). Read from `listingLoad` by `selectListingStatus`.
 */
export type ListingStatus = 'idle' | 'loading' | 'more' | 'done' | 'error';

/** What a listing that has shown pages knows: whether every page is in. */
export interface ListingProgress {
  complete: boolean;
}

/** A recursive search below the open folder, its results streaming in. */
export interface PaneSearch {
  query: string;
  status: 'starting' | 'running' | 'done' | 'failed' | 'cancelled';
  jobId?: string;
  /** The results so far, as a listing (folders first). */
  results: Listing;
  /** Like `listingId`: changes when a new search starts. */
  resultsId: number;
  /** "Found 12 matches in 3,400 objects." once finished. */
  summary?: string;
  /** "3,400 objects searched", while running. */
  phase?: string;
  error?: ErrorInfo;
}

/** Something that went wrong in this pane outside the listing (a failed action), shown above the table. */
export interface PaneProblem {
  title: string;
  error?: ErrorInfo;
  message?: string;
}

/** Everything one pane shows: its place, its rows and how they are ordered, filtered and selected. */
export interface PaneState {
  id: PaneId;
  profileId?: string;
  bucket?: string;
  /** The open folder: "" for the bucket root, otherwise ending in "/". */
  prefix: string;
  listing: Listing;
  /** Changes whenever a listing starts afresh (see `RowsInput`). */
  listingId: number;
  /** The listing's load: loading (first page or a refresh), ready (pages shown, `complete` once all are in), or failed (rows already shown stay). */
  listingLoad: Loadable<ListingProgress>;
  history: NavHistory;
  sort: SortOrder;
  /** A sort clicked while the sort worker was still making its order (see actions/sort.ts): the header shows it busy. */
  sortPending?: SortOrder;
  /** The "Filter this folder" text. */
  filter: string;
  selection: RowSelection;
  search?: PaneSearch;
  /** The table lists every version and delete marker. */
  versionsMode: boolean;
  /** The open bucket's versioning; undefined while unknown. */
  versioning?: VersioningStatus;
  /** A row key (or FIRST_ROW) the table should give keyboard focus once it shows. */
  pendingFocus?: string;
  problem?: PaneProblem;
}

/** `pendingFocus` value: the first row, whatever it is. */
export const FIRST_ROW = '\u0000first';

/** A pane before it shows anything. */
export function initialPaneState(id: PaneId): PaneState {
  return {
    id,
    profileId: undefined,
    bucket: undefined,
    prefix: '',
    listing: emptyListing,
    listingId: 0,
    listingLoad: idle,
    history: emptyHistory,
    sort: DEFAULT_SORT,
    sortPending: undefined,
    filter: '',
    selection: emptySelection,
    search: undefined,
    versionsMode: false,
    versioning: undefined,
    pendingFocus: undefined,
    problem: undefined,
  };
}

/** The pane's place, or undefined before it has a profile. */
export function locationOf(state: PaneState): PaneLocation | undefined {
  return state.profileId ? { profileId: state.profileId, bucket: state.bucket, prefix: state.prefix } : undefined;
}

let nextListingId = 1;
/** A fresh listing id (shared by both panes so ids never repeat). */
export const newListingId = () => nextListingId++;
