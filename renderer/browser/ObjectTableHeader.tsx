import type { SortColumn, SortOrder } from './entry-order';

/** What the table lists: a folder's objects, search results (with their folder), or versions. */
export type TableMode = 'objects' | 'search' | 'versions';

/** Props of {@link ObjectTableHeader}. */
export interface ObjectTableHeaderProps {
  mode: TableMode;
  sort: SortOrder;
  /** A sort asked for whose order is still being made: its header is busy. */
  sortPending?: SortOrder;
  onSort(column: SortColumn): void;
}

function SortableHeader({
  column,
  label,
  className,
  sort,
  sortPending,
  onSort,
}: { column: SortColumn; label: string; className: string } & Omit<ObjectTableHeaderProps, 'mode'>) {
  const sorted = sort.column === column;
  const busy = sortPending?.column === column;
  return (
    // The whole header sorts, not only its label: the button's own click (mouse, Enter, Space) reaches it too.
    <span
      className={`${className} col-sortable`}
      role="columnheader"
      aria-sort={sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
      aria-busy={busy || undefined}
      onClick={() => onSort(column)}
    >
      <button type="button" className="sort-button">
        {label}
        <span className={sorted ? `sort-mark sort-mark-${sort.direction}` : 'sort-mark'} aria-hidden="true" />
      </button>
    </span>
  );
}

/**
 * The table's column headers. Name, Size, Last modified and Storage class sort the rows
 * (a header is a button inside the columnheader, which carries `aria-sort`).
 */
export function ObjectTableHeader({ mode, sort, sortPending, onSort }: ObjectTableHeaderProps) {
  const props = { sort, sortPending, onSort };
  return (
    <div className="object-table-head" role="rowgroup">
      <div className="object-row object-row-head" role="row" aria-rowindex={1}>
        <SortableHeader column="name" label="Name" className="col-name" {...props} />
        {mode === 'search' && (
          <span className="col-path" role="columnheader">
            Folder
          </span>
        )}
        {mode === 'versions' && (
          <span className="col-version" role="columnheader">
            Version
          </span>
        )}
        <SortableHeader column="size" label="Size" className="col-size" {...props} />
        <SortableHeader column="modified" label="Last modified" className="col-date" {...props} />
        {mode !== 'versions' && (
          <span className="col-access" role="columnheader">
            Access
          </span>
        )}
        {mode === 'objects' && <SortableHeader column="storageClass" label="Storage class" className="col-class" {...props} />}
      </div>
    </div>
  );
}
