import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { wireEvents } from '../app-services';
import { startBackend } from '../backend';
import { openApp } from './open-browser';
import { startWebServer } from './web-server';
import { countOf } from '../../shared/counts';

// The SDK warns about Node 20 on stderr; it is noise for users, who cannot act on it here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * `npm run web -- [--port P] [--open]`: the app in a browser, served on
 * 127.0.0.1 only — for machines without Electron, and for browsing storage on
 * a headless server through an SSH tunnel.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PAIL_WEB_PORT ?? '0' },
      open: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('Usage: npm run web -- [--port <port, 0 = any free port>] [--open]\n');
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a number from 0 to 65535, not "${values.port}".`);
  }
  const secrets: string[] = [];
  const { dataDir, services, dispatch } = await startBackend({
    version,
    transport: 'web',
    crashSecrets: secrets,
    // The last-resort net: what escaped every handler is logged; the server goes on unless it cannot safely.
    onCrash: ({ message, logPath, fatal }) =>
      process.stderr.write(
        `[pail] ${fatal ? 'stopping after an internal error' : 'an internal error was caught, still running'}: ${message} (details in ${logPath})\n`,
      ),
    // The server has already checked token, Host and Origin; this is the second lock.
    isTrusted: (sender) => sender.transport === 'web' && /^http:\/\/(127\.0\.0\.1|localhost):\d+$/.test(sender.origin ?? ''),
  });
  const server = await startWebServer({
    port,
    staticDir: join(__dirname, '../renderer'),
    dispatch,
    objectStream: (ticket, range, signal) => services.streams.open(ticket, range, signal),
    uploadBody: (ticket, body) => services.transfers.bodies.deliver(ticket, body),
  });
  secrets.push(server.token);
  wireEvents(services, server.emit);
  // Uploads and downloads a crash or the last stop interrupted come back paused, ready to resume.
  const restored = await services.transfers.restore();
  if (restored > 0)
    process.stdout.write(`${countOf(restored, 'interrupted transfer')} can be resumed in the Transfers panel.
`);

  process.stdout.write(`Pail is running. Open this URL (it holds this run's access token): ${server.url}\n`);
  process.stdout.write(`Data folder: ${dataDir}\n`);
  if (services.secrets.preferred.warning) process.stdout.write(`Note: ${services.secrets.preferred.warning}\n`);
  if (values.open && !(await openApp(server))) {
    process.stdout.write('Could not open a browser here: open the URL above yourself.\n');
  }
  const stop = () => {
    void Promise.all([services.transfers.dispose(), services.editSessions.dispose(), server.close()]).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`pail web: ${(error as Error).message}\n`);
  process.exit(1);
});
