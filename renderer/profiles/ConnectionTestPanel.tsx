import { errorOf, valueOf } from '../../shared/loadable';
import { testEditorConnection } from '../actions/profile-editor';
import { reportHeadline } from './connection-report';
import { bucketNameError } from './profile-form';
import { useConnectionTestStore } from '../stores/connection-test';
import { useProfileEditorStore } from '../stores/profile-editor';
import { ConnectionReportView } from './ConnectionReportView';
import { ErrorPanel } from '../common/ErrorPanel';
import { TextField } from '../common/TextField';

/** The id of the test bucket field, so the editor can focus it. */
export const TEST_BUCKET_ID = 'profile-test-bucket';

/**
 * "Test connection" inside the editor: tests the form's current values (not
 * the saved ones), optionally with a small write in a named bucket, and shows
 * the report below.
 */
export function ConnectionTestPanel() {
  const loadable = useConnectionTestStore((state) => state.report);
  const { status } = loadable;
  const report = valueOf(loadable);
  const error = errorOf(loadable);
  const writeBucket = useConnectionTestStore((state) => state.writeBucket);
  const attempted = useProfileEditorStore((state) => state.testAttempted);
  const running = status === 'loading';
  const run = () => void testEditorConnection();

  return (
    <section className="test-panel" aria-labelledby="test-panel-title">
      <h3 id="test-panel-title" className="section-title">
        Check the connection
      </h3>
      <div className="test-controls">
        <TextField
          id={TEST_BUCKET_ID}
          label="Test bucket"
          value={writeBucket}
          autoComplete="off"
          spellCheck={false}
          placeholder="optional"
          error={attempted ? bucketNameError(writeBucket) : undefined}
          help="Optional: also try a small upload, download and delete in this bucket."
          onChange={(value) => useConnectionTestStore.getState().setWriteBucket(value)}
          onKeyDown={(event) => {
            // Enter here tests; it must not save the profile.
            if (event.key !== 'Enter') return;
            event.preventDefault();
            if (!running) run();
          }}
        />
        <button type="button" className="button" disabled={running} aria-busy={running} onClick={run}>
          {running ? 'Testing…' : 'Test connection'}
        </button>
      </div>
      <p className="visually-hidden" role="status">
        {running ? 'Testing the connection…' : report ? reportHeadline(report) : ''}
      </p>
      {status !== 'idle' && (
        <section className="report" aria-labelledby="report-title" aria-busy={running}>
          <h4 id="report-title" className="report-title">
            Connection test
          </h4>
          {running && <p className="report-summary">Testing the connection…</p>}
          {status === 'failed' && error && <ErrorPanel title="The connection test could not run" error={error} />}
          {!running && report && <ConnectionReportView report={report} />}
        </section>
      )}
    </section>
  );
}
