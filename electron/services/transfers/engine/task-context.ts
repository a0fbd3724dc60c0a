import type { Limiter } from './limiter';
import type { Pacer } from './bandwidth';
import { isTimeoutError } from '../../request-deadlines';
import { withRetry, type RetryPolicy } from './retry';
import type { TransferStateStore } from '../state/state-store';
import type { TaskContext, TransferTuning } from './task-types';
import type { TransferRecord } from './transfer-records';

/** What the engine lends every task. */
export interface ContextDeps {
  parts: Limiter;
  pace: Pacer;
  tuning: TransferTuning;
  retry: RetryPolicy;
  store: TransferStateStore;
  files: TaskContext['files'];
  /** Marks the record changed (for the next progress event). */
  touch: () => void;
  setState: (state: 'running' | 'verifying') => void;
}

/** The context one run of a task works through: its record's setters, the shared limits, retries counted. */
export function createTaskContext(record: TransferRecord, signal: AbortSignal, deps: ContextDeps): TaskContext {
  const { touch } = deps;
  return {
    transferId: record.id,
    signal,
    isPausing: () => record.pausing,
    parts: deps.parts,
    pace: deps.pace,
    tuning: deps.tuning,
    retry: deps.retry,
    store: deps.store,
    files: deps.files,
    conflictPolicy: () => record.decision ?? record.batch.policy,
    request: (attempt, options) =>
      withRetry(attempt, {
        policy: deps.retry,
        signal,
        retryable: options?.retryable,
        onRetry: (error) => {
          record.retries += 1;
          if (isTimeoutError(error)) record.note = 'The server stopped answering for a while; Pail asked again.';
          touch();
        },
      }),
    setState: deps.setState,
    setKey: (key) => ((record.key = key), touch()),
    setLocalPath: (path) => ((record.localPath = path), touch()),
    setTotal: (total) => ((record.total = total), touch()),
    setBytes: (bytes) => ((record.bytes = bytes), touch()),
    addBytes: (delta) => ((record.bytes += delta), touch()),
    setParts: (done, total) => ((record.parts = { done, total }), touch()),
    setResumable: (resumable) => ((record.resumable = resumable), touch()),
    note: (text) => ((record.note = text || undefined), touch()),
  };
}
