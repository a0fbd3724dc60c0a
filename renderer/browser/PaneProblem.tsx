import { ErrorPanel } from '../common/ErrorPanel';
import { paneOf, usePane, usePaneId } from './pane-context';

/** A failed action of this pane (paste, drop, download, restore), above the table until dismissed. */
export function PaneProblem() {
  const paneId = usePaneId();
  const problem = usePane((state) => state.problem);
  if (!problem) return null;
  return (
    <div className="pane-problem">
      {problem.error ? (
        <ErrorPanel title={problem.title} error={problem.error} />
      ) : (
        <div className="error-panel" role="alert">
          <p className="error-title">{problem.title}</p>
          <p className="error-message">{problem.message}</p>
        </div>
      )}
      <button type="button" className="button button-small" onClick={() => paneOf(paneId).showProblem(undefined)}>
        Dismiss
      </button>
    </div>
  );
}
