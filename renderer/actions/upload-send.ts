import type { ErrorInfo, Result } from '../../shared/errors';
import type { UploadAcl } from '../../shared/providers';
import type { BatchStarted } from '../../shared/transfers';
import type { UploadOptions } from '../../shared/upload-options';
import { api } from '../api';
import { paneStores } from '../stores/browser';
import type { PaneId } from '../stores/pane-state';
import type { UploadPlace, UploadSource } from '../stores/upload-sheet';
import { useTransfersStore } from '../stores/transfers';
import { assignBatch, forgetTickets, keepBodies, newTicket } from '../transfers/upload-bodies';
import { planStreams } from '../transfers/upload-plan';

/**
 * Sending an upload the sheet (or a bucket's remembered settings) decided:
 * paths on disk in Electron, the page's Files through the web transport, each
 * with the batch's access and headers.
 */

/** The access and headers one upload request carries. */
export interface SendOptions {
  acl: UploadAcl;
  options: UploadOptions;
}

/** An invalid-request error value, for a start refused before it is asked. */
export const invalid = (message: string, hint = ''): { ok: false; error: ErrorInfo } => ({ ok: false, error: { code: 'InvalidRequest', message, hint } });
const policy = () => useTransfersStore.getState().policy;

/** Opens the transfer panel when the batch started, or shows why it did not in the pane. */
export function started(paneId: PaneId, result: Result<BatchStarted>, title: string): void {
  if (result.ok) useTransfersStore.getState().batchStarted();
  else paneStores[paneId].getState().showProblem({ title, error: result.error });
}

/** Web transport: describes the files to the engine, then keeps each File under its ticket until it is asked for. */
async function uploadStreams(place: UploadPlace, files: { path: string; size: number; file: File }[], folders: string[], send: SendOptions) {
  const plan = planStreams(files, folders);
  if (plan.files.length + plan.folders.length === 0)
    return invalid('There is nothing to upload.', 'Choose files or folders (a folder with files in it, or an empty one).');
  // Kept before asking: the engine may want the first body before the answer arrives.
  const tickets = plan.files.map(() => newTicket());
  keepBodies(plan.files.map((f, i) => ({ ticket: tickets[i], body: f.file })));
  const result = await api.transfers.uploadStreams({
    ...place,
    files: plan.files.map(({ path, size }, i) => ({ path, size, ticket: tickets[i] })),
    folders: plan.folders,
    conflict: policy(),
    ...send,
  });
  if (result.ok) assignBatch(tickets, result.data.batchId);
  else forgetTickets(tickets);
  return result;
}

/** Starts one upload of `sources` (taken together: one batch) with the given access and headers. */
export function sendUpload(place: UploadPlace, sources: readonly UploadSource[], send: SendOptions): Promise<Result<BatchStarted>> {
  const paths = sources.flatMap((source) => (source.kind === 'paths' ? source.paths : []));
  if (paths.length > 0) return api.transfers.upload({ ...place, paths, conflict: policy(), ...send });
  const streams = sources.flatMap((source) => (source.kind === 'streams' ? [source] : []));
  return uploadStreams(
    place,
    streams.flatMap((source) => source.files),
    streams.flatMap((source) => source.folders),
    send,
  );
}
