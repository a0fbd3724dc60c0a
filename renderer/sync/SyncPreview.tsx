import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useRef, useState } from 'react';
import type { SyncPlan } from '../../shared/sync';
import { visibleText } from '../../shared/visible-text';
import { SelectField } from '../common/SelectField';
import { entriesShown, filterChoices, kindLabel, type KindFilter } from './sync-view';

const ROW_HEIGHT = 28;

/**
 * A comparison's result: a filter by kind (the differences first) and the paths as a table that
 * renders only the rows in view, so 100,000 paths scroll as easily as ten.
 */
export function SyncPreview({ plan }: { plan: SyncPlan }) {
  const [filter, setFilter] = useState<KindFilter>('differences');
  const id = useId();
  const rows = entriesShown(plan.entries, filter);
  const bodyRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => bodyRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  return (
    <section className="sync-preview" aria-label="Comparison">
      <SelectField id={`${id}-filter`} label="Show" value={filter} options={filterChoices(plan)} onChange={(value) => setFilter(value as KindFilter)} />
      <div role="table" aria-label="Differences" aria-rowcount={rows.length + 1} className="sync-table">
        <div role="rowgroup">
          <div role="row" className="sync-row sync-head" aria-rowindex={1}>
            <span role="columnheader">Kind</span>
            <span role="columnheader">Path</span>
            <span role="columnheader">Why</span>
          </div>
        </div>
        <div ref={bodyRef} role="rowgroup" className="sync-body">
          {rows.length === 0 ? (
            <p className="empty-state">{filter === 'differences' ? 'No differences: both sides hold the same.' : 'Nothing of this kind.'}</p>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const entry = rows[item.index];
                return (
                  <div
                    key={entry.path}
                    role="row"
                    aria-rowindex={item.index + 2}
                    aria-label={visibleText(entry.path)}
                    className={`sync-row sync-${entry.kind}`}
                    style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                  >
                    <span role="cell" className="sync-kind">
                      {kindLabel(entry.kind, plan.direction)}
                    </span>
                    <span role="cell" className="truncate" title={visibleText(entry.path)}>
                      {visibleText(entry.path)}
                    </span>
                    <span role="cell" className="truncate sync-why" title={entry.reason}>
                      {entry.reason ?? ''}
                    </span>
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
      {plan.skipped.length > 0 && (
        <details className="sync-skipped">
          <summary>{plan.skipped.length === 1 ? '1 path passed over' : `${plan.skipped.length} paths passed over`}</summary>
          <ul>
            {plan.skipped.map((skipped) => (
              <li key={skipped.path}>
                {visibleText(skipped.path)}: {skipped.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
