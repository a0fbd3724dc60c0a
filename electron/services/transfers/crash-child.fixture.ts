/**
 * Run by resume.test.ts in a child process (through jiti, which runs
 * TypeScript): starts a multipart upload and, once `PARTS` parts are saved,
 * prints "READY" and waits to be killed with SIGKILL — a real crash, with
 * requests in flight and nothing cleaned up.
 */
import { createAppServices } from '../../app-services';
import { createTransferService } from './transfer-service';

const [dataDir, profileId, bucket, file, partsText] = process.argv.slice(2);
const parts = Number(partsText);

async function main() {
  const services = await createAppServices(dataDir, { PAIL_SECRET_STORE: 'file' });
  let saved = 0;
  const engine = createTransferService(services.profiles, dataDir, { progress: () => undefined, batchFinished: () => undefined }, {
    tuning: { multipartThreshold: 5 << 20, minPartSize: 5 << 20, partsInFlight: 2 },
    hooks: {
      afterPart: async () => {
        saved += 1;
        if (saved === parts) process.stdout.write('READY\n');
        // Hold every worker here: the parent kills the process while the others are mid-request.
        if (saved >= parts) await new Promise(() => undefined);
      },
    },
  });
  await engine.upload({ profileId, bucket, prefix: '', conflict: 'overwrite', sources: [{ path: file }] });
}

main().catch((error: unknown) => {
  process.stderr.write(`crash-child: ${String(error)}\n`);
  process.exit(3);
});
