import { useMemo } from 'react';
import { breadcrumbSteps } from '../../shared/s3-names';
import { visibleText } from '../../shared/visible-text';

/** Props of {@link Breadcrumbs}. */
export interface BreadcrumbsProps {
  bucket: string;
  prefix: string;
  onOpen(prefix: string): void;
}

/** Where the open folder is: the bucket, then each folder down to the open one (marked current). */
export function Breadcrumbs({ bucket, prefix, onOpen }: BreadcrumbsProps) {
  const crumbs = useMemo(() => [{ name: bucket, prefix: '' }, ...breadcrumbSteps(prefix)], [bucket, prefix]);
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumbs">
      <ol>
        {crumbs.map((crumb, index) => {
          const current = index === crumbs.length - 1;
          return (
            <li key={crumb.prefix}>
              {index > 0 && (
                <span className="crumb-separator" aria-hidden="true">
                  /
                </span>
              )}
              <button
                type="button"
                className={index === 0 ? 'crumb crumb-bucket' : 'crumb'}
                aria-current={current ? 'page' : undefined}
                onClick={() => onOpen(crumb.prefix)}
              >
                {visibleText(crumb.name)}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
