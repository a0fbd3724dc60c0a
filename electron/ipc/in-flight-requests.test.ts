import { describe, expect, it } from 'vitest';
import { InFlightRequests } from './in-flight-requests';

describe('InFlightRequests', () => {
  it("lets one request's many server calls listen to its signal without a leak warning", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      // A request that runs dozens of SDK calls at once (a delete's batches, a folder's listing pages):
      // each call listens for the abort while it runs.
      for (const requestId of ['with-id', undefined]) {
        const { signal, end } = new InFlightRequests().begin(requestId);
        const listeners = Array.from({ length: 40 }, () => () => undefined);
        for (const listener of listeners) signal.addEventListener('abort', listener);
        for (const listener of listeners) signal.removeEventListener('abort', listener);
        end();
      }
      // Node emits the warning on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('cancels a running request by its id once, and says when none runs', () => {
    const requests = new InFlightRequests();
    const { signal } = requests.begin('r1');
    expect(requests.cancel({ requestId: 'r1' })).toEqual({ cancelled: true });
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).name).toBe('AbortError');
    expect(requests.cancel({ requestId: 'r1' })).toEqual({ cancelled: false });
  });
});
