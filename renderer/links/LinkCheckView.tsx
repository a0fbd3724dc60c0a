import { errorOf, valueOf } from '../../shared/loadable';
import { formatSize } from '../common/format';
import { VERDICT_TITLES, verdictTone } from './link-words';
import type { LinkCheckState } from '../stores/links';
import { ErrorPanel } from '../common/ErrorPanel';

/** What "Check link" found: the verdict, what the server answered, and what to do about it. */
export function LinkCheckView({ check }: { check: LinkCheckState | undefined }) {
  if (!check) return null;
  if (check.answer.status === 'loading') {
    return (
      <p className="link-check" role="status">
        Checking the link…
      </p>
    );
  }
  const error = errorOf(check.answer);
  if (error) return <ErrorPanel title="Could not check the link" error={error} />;
  const result = valueOf(check.answer);
  if (!result) return null;
  const facts = [result.status !== undefined && `HTTP ${result.status}`, result.contentType, result.size !== undefined && formatSize(result.size)].filter(
    Boolean,
  );
  // The message often says the same ("Works: 200, image/png, 12 KiB."): show the facts only when it does not.
  const factsNew = result.status === undefined || !result.message.includes(String(result.status));
  return (
    <div className={`link-check link-check-${verdictTone(result.verdict)}`} role="status" aria-label="Link check">
      <p className="link-check-title">{VERDICT_TITLES[result.verdict]}</p>
      <p className="link-check-message">{result.message}</p>
      {facts.length > 0 && factsNew && <p className="link-check-facts">{facts.join(' · ')}</p>}
      {result.hint && <p className="link-check-hint">{result.hint}</p>}
    </div>
  );
}
