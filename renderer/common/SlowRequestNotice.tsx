import { countOf } from '../../shared/counts';
import { SILENCE_NOTICE_MS } from '../../shared/timeouts';
import { useNow } from '../hooks/use-now';
import { slowRequests, useRequestsStore } from '../stores/requests';

const requests = () => useRequestsStore.getState();

/**
 * Shown while requests have waited 5 s or more for the server: what the
 * main one is (a listing first), how long the server has been silent, and
 * Retry and Cancel for all of them. The time ticks outside the live region,
 * so a screen reader hears the news once.
 */
export function SlowRequestNotice() {
  const pending = useRequestsStore((state) => state.pending);
  const now = useNow(1_000, pending.length > 0);
  const slow = slowRequests(pending, now, SILENCE_NOTICE_MS);
  if (!slow) return null;
  const { headline, keys, waitedMs } = slow;
  const others = keys.length - 1;
  const what = others > 0 ? `${headline.label} (and ${countOf(others, 'other request')})` : headline.label;
  return (
    <section className="slow-request" aria-label="Waiting for the server">
      <p role="status" className="visually-hidden">
        {headline.label}: the server is not answering.
      </p>
      <p className="slow-request-text" aria-hidden="true">
        <strong>{what}</strong> — the server has not answered for {Math.floor(waitedMs / 1000)} s.
      </p>
      <div className="slow-request-actions">
        <button type="button" className="button button-small" onClick={() => keys.forEach((key) => requests().retry(key))}>
          Retry
        </button>
        <button type="button" className="button button-small" onClick={() => keys.forEach((key) => requests().cancel(key))}>
          Cancel
        </button>
      </div>
    </section>
  );
}
