import type { ReactNode } from 'react';
import { useInspectorSectionsStore, type FoldedSection } from '../stores/inspector-sections';

/** Whether a folded section is open (its body then reads from the server). */
export function useSectionOpen(section: FoldedSection): boolean {
  return useInspectorSectionsStore((state) => state.open[section]);
}

/**
 * An inspector section folded behind its title: nothing is asked of the server until it is opened
 * (opening a bucket costs no request for settings the user does not look at). It stays open for the
 * next bucket or object. The region is named by its title; `actions` show beside it while open,
 * `summary` under it while folded (what is known from an earlier look).
 */
export function InspectorFold({
  section,
  title,
  summary,
  actions,
  children,
}: {
  section: FoldedSection;
  title: string;
  summary?: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const open = useSectionOpen(section);
  const id = `inspector-fold-${section}`;
  return (
    <section className="inspector-section inspector-fold" aria-labelledby={`${id}-toggle`}>
      <div className="inspector-section-head">
        <h3 className="inspector-section-title">
          <button
            id={`${id}-toggle`}
            type="button"
            className="fold-toggle"
            aria-expanded={open}
            aria-controls={`${id}-body`}
            onClick={() => useInspectorSectionsStore.getState().setOpen(section, !open)}
          >
            <span className="disclosure-marker" aria-hidden="true" />
            {title}
          </button>
        </h3>
        {open && actions}
      </div>
      {!open && summary && <p className="inspector-muted fold-summary">{summary}</p>}
      <div id={`${id}-body`} hidden={!open}>
        {open && children}
      </div>
    </section>
  );
}
