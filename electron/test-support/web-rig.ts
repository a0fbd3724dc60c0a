import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../../shared/errors';
import type { BodyWanted, TransferSnapshot } from '../../shared/transfers';
import { createHandlers, wireEvents, type AppServices } from '../app-services';
import { createDispatcher } from '../ipc/dispatcher';
import { startWebServer, type WebServer } from '../web/web-server';
import { addGatewayProfile, createTestBucket, freshServices } from './gateway';

/** What a web-mode upload test plays: the page's answer to each ask for a body, and what it keeps of the events. */
export interface WebPage {
  /** Every `transfer:bodyWanted` the page received, in order. */
  asks: BodyWanted[];
  /** The latest snapshot of each transfer, from `transfer:progress`. */
  snapshots: Map<string, TransferSnapshot>;
  /** Answers one ask (usually by POSTing the body to /upload/<ticket>). */
  answer(wanted: BodyWanted): void;
}

/** A web server over fresh services, a gateway profile and a test bucket, for tests that play the page. */
export interface WebRig {
  services: AppServices;
  server: WebServer;
  bucket: { name: string; cleanup: () => Promise<void> };
  profileId: string;
  /** Calls an API channel as the page does (with the token); throws the error's words when it fails. */
  call<T>(channel: string, body: unknown): Promise<T>;
  /** Stops the server and removes the bucket and the data folder. */
  close(): Promise<void>;
}

/**
 * Starts the web transport against the real engine and gateway, with the
 * page's part played by `page`: the setup every web-mode upload test shares.
 */
export async function startWebRig(bucketLabel: string, page: WebPage): Promise<WebRig> {
  const staticDir = await mkdtemp(join(tmpdir(), 'pail-static-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Pail</title>');
  const { services, dispose } = await freshServices();
  const profileId = (await addGatewayProfile(services)).id;
  const bucket = await createTestBucket(bucketLabel);
  const dispatch = createDispatcher(createHandlers(services, { version: 'test', transport: 'web' }), (s) => s.transport === 'web');
  const server = await startWebServer({ port: 0, staticDir, dispatch, uploadBody: (ticket, body) => services.transfers.bodies.deliver(ticket, body) });
  wireEvents(services, (event, payload) => {
    if (event === 'transfer:bodyWanted') {
      page.asks.push(payload as BodyWanted);
      page.answer(payload as BodyWanted);
    }
    if (event === 'transfer:progress') for (const t of (payload as { transfers: TransferSnapshot[] }).transfers) page.snapshots.set(t.id, t);
  });
  return {
    services,
    server,
    bucket,
    profileId,
    async call<T>(channel: string, body: unknown): Promise<T> {
      const response = await fetch(`http://127.0.0.1:${server.port}/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Pail-Token': server.token },
        body: JSON.stringify(body),
      });
      const result = (await response.json()) as Result<T>;
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.data;
    },
    async close() {
      await server.close();
      await bucket.cleanup();
      await dispose();
      await rm(staticDir, { recursive: true, force: true });
    },
  };
}
