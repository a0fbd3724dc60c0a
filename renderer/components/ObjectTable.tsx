import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatDate, formatSize } from '../format';
import { entryKey, type Entry } from '../stores/listing';

const ROW_HEIGHT = 32;

/** Props of {@link ObjectTable}. */
export interface ObjectTableProps {
  entries: Entry[];
  /** Opens a folder; `viaKeyboard` lets the next table take focus so keyboard users keep their place. */
  onOpenFolder(prefix: string, viaKeyboard: boolean): void;
  /** Focus the first row once rows arrive: set when the folder was opened from the keyboard. */
  autoFocus?: boolean;
  /** Called once the first row took focus because of `autoFocus`. */
  onAutoFocus?(): void;
}

/** The name a row shows; an entry whose own name is empty (key "a//") shows its full key. */
function shownName(entry: Entry): string {
  if (entry.name) return entry.name;
  return entry.kind === 'folder' ? entry.prefix : entry.key;
}

/**
 * Focuses a row by index. A row scrolled into view renders a frame or two
 * later (the list is virtual), so this retries for a few frames.
 */
function focusRow(container: HTMLElement | null, index: number, attempts = 6): void {
  const row = container?.querySelector<HTMLElement>(`[data-index="${index}"]`);
  if (row) row.focus();
  else if (attempts > 0) requestAnimationFrame(() => focusRow(container, index, attempts - 1));
}

/**
 * The rows of one folder: folders first, then objects. Only the rows in view
 * are in the page, so a folder of 100,000 entries scrolls as smoothly as one of
 * ten. Arrow keys, Home/End and Page Up/Down move between rows; Enter or a
 * double-click opens a folder.
 */
export function ObjectTable({ entries, onOpenFolder, autoFocus, onAutoFocus }: ObjectTableProps) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const autoFocused = useRef(false);
  const [active, setActive] = useState(0);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => bodyRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();

  useEffect(() => {
    if (!autoFocus || autoFocused.current || entries.length === 0) return;
    autoFocused.current = true;
    focusRow(bodyRef.current, 0);
    onAutoFocus?.();
  }, [autoFocus, onAutoFocus, entries.length]);

  const activeIndex = Math.min(active, Math.max(entries.length - 1, 0));
  // The row Tab lands on: the active one if it is rendered, else the first in view.
  const tabbable = items.some((item) => item.index === activeIndex) ? activeIndex : items[0]?.index;

  const moveTo = (index: number) => {
    const target = Math.max(0, Math.min(entries.length - 1, index));
    setActive(target);
    virtualizer.scrollToIndex(target, { align: 'auto' });
    focusRow(bodyRef.current, target);
  };

  const open = (entry: Entry | undefined, viaKeyboard: boolean) => {
    if (entry?.kind === 'folder') onOpenFolder(entry.prefix, viaKeyboard);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = Number((event.target as HTMLElement).dataset.index);
    if (Number.isNaN(index)) return;
    const pageRows = Math.max(1, Math.floor((bodyRef.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    switch (event.key) {
      case 'ArrowDown':
        moveTo(index + 1);
        break;
      case 'ArrowUp':
        moveTo(index - 1);
        break;
      case 'PageDown':
        moveTo(index + pageRows);
        break;
      case 'PageUp':
        moveTo(index - pageRows);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(entries.length - 1);
        break;
      case 'Enter':
        open(entries[index], true);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div className="object-table" role="table" aria-label="Objects" aria-rowcount={entries.length + 1}>
      <div className="object-table-head" role="rowgroup">
        <div className="object-row object-row-head" role="row" aria-rowindex={1}>
          <span className="col-name" role="columnheader">
            Name
          </span>
          <span className="col-size" role="columnheader">
            Size
          </span>
          <span className="col-date" role="columnheader">
            Last modified
          </span>
          <span className="col-class" role="columnheader">
            Storage class
          </span>
        </div>
      </div>
      <div ref={bodyRef} className="object-table-body" role="rowgroup" onKeyDown={onKeyDown}>
        <div className="object-table-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const entry = entries[item.index];
            if (!entry) return null;
            const name = shownName(entry);
            const isFolder = entry.kind === 'folder';
            return (
              <div
                key={entryKey(entry)}
                className={isFolder ? 'object-row object-row-folder' : 'object-row'}
                role="row"
                aria-rowindex={item.index + 2}
                aria-label={name}
                aria-description={isFolder ? 'folder' : undefined}
                data-index={item.index}
                tabIndex={item.index === tabbable ? 0 : -1}
                style={{ transform: `translateY(${item.start}px)` }}
                onFocus={() => setActive(item.index)}
                onDoubleClick={() => open(entry, false)}
              >
                <span className="col-name" role="cell">
                  <span className={isFolder ? 'icon icon-folder' : 'icon icon-file'} aria-hidden="true" />
                  <span className="truncate">{name}</span>
                </span>
                <span className="col-size" role="cell">
                  {isFolder ? '—' : formatSize(entry.size)}
                </span>
                <span className="col-date" role="cell">
                  {isFolder ? '—' : formatDate(entry.lastModified)}
                </span>
                <span className="col-class" role="cell">
                  {isFolder ? '—' : (entry.storageClass ?? '—')}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
