import type { ReactNode } from 'react';

interface DisclosureSectionProps {
  /** Prefix of the toggle's and the body's element ids. */
  id: string;
  title: string;
  open: boolean;
  onToggle: (open: boolean) => void;
  /** One line said in place of the body while it is folded. */
  summary: ReactNode;
  /** The summary is a warning (red). */
  summaryDanger?: boolean;
  children: ReactNode;
}

/** A section of a form folded behind its heading's toggle button, summed up in a line while folded. */
export function DisclosureSection({ id, title, open, onToggle, summary, summaryDanger = false, children }: DisclosureSectionProps) {
  return (
    <section className="disclosure" aria-labelledby={`${id}-toggle`}>
      <h3 className="disclosure-heading">
        <button
          id={`${id}-toggle`}
          type="button"
          className="disclosure-toggle"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => onToggle(!open)}
        >
          <span className="disclosure-marker" aria-hidden="true" />
          {title}
        </button>
      </h3>
      {!open && <p className={`disclosure-summary${summaryDanger ? ' text-danger' : ''}`}>{summary}</p>}
      <div id={`${id}-body`} className="disclosure-body" hidden={!open}>
        {children}
      </div>
    </section>
  );
}
