// `npx tsx scripts/bench-journal-restore.ts [--files 100000] [--done 60000]`: how long a restart takes to bring
// back a folder upload of 100,000 files with 60,000 done (issue 19: "a restart with such a batch comes back in
// under a second"), and how soon its resume finds the first file not done (the walk passes the done ones by name).
// The source folder (100 folders of tiny files) and the journal are made on disk here, the journal through
// BatchJournal as a run appends it (a flush per 75 files, as at ~300 files/s, with some files finished out of
// order and some failed). Prints figures and PASS/FAIL; it is not a test and nothing in `npm test` runs it.
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createAppServices } from '../electron/app-services';
import { createTransferService } from '../electron/services/transfers/engine/transfer-service';
import { BatchJournals, type JournalEntry } from '../electron/services/transfers/state/batch-journal';
import type { Position } from '../electron/services/transfers/state/journal-position';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '100000' },
    done: { type: 'string', default: '60000' },
    // Files per append: 75 as at ~300 files/s; 1 for a worst case (a line per file, a log of megabytes).
    'flush-every': { type: 'string', default: '75' },
  },
});
const total = Number(values.files);
const doneCount = Number(values.done);
const flushEvery = Number(values['flush-every']);
const PER_FOLDER = 1000;
const RESTORE_TARGET_MS = 1000;

async function main(): Promise<void> {
  const home = await mkdtemp(join(tmpdir(), 'pail-bench-journal-'));
  try {
    const root = join(home, 'source');
    const folderName = (i: number) => `d${String(Math.floor(i / PER_FOLDER)).padStart(3, '0')}`;
    const fileName = (i: number) => `f${String(i % PER_FOLDER).padStart(4, '0')}.txt`;
    let made = Date.now();
    for (let f = 0; f * PER_FOLDER < total; f += 1) {
      await mkdir(join(root, folderName(f * PER_FOLDER)), { recursive: true });
      const files = Array.from({ length: Math.min(PER_FOLDER, total - f * PER_FOLDER) }, (_, j) => f * PER_FOLDER + j);
      await Promise.all(files.map((i) => writeFile(join(root, folderName(i), fileName(i)), 'x')));
    }
    made = Date.now() - made;

    // The journal as a run of that batch leaves it: files finish mostly in order, some out of order
    // (16 in flight), one in 500 fails (to be tried again); appended 75 files at a time.
    const dataDir = join(home, 'data');
    const journals = new BatchJournals(dataDir);
    const batchId = randomUUID();
    const journal = await journals.create({
      id: batchId,
      profileId: 'bench-profile',
      bucket: 'bench-bucket',
      title: 'Uploading “source” to bench/',
      conflict: 'overwrite',
      createdAt: new Date().toISOString(),
      request: { kind: 'upload', sources: [{ path: root }], prefix: 'bench/', options: {} },
    });
    const at = (i: number): Position => [0, folderName(i), fileName(i)];
    const window: JournalEntry[] = [];
    let issued = 0;
    for (let settled = 0; settled < doneCount; settled += 1) {
      while (window.length < 16) window.push(journal.issue(at(issued++)));
      // The oldest of the window finishes most of the time, another one now and then.
      const pick = settled % 7 === 0 ? window.length - 1 : 0;
      const [entry] = window.splice(pick, 1);
      journal.settle(entry, issued % 500 === 0 ? 'retry' : 'done', 1);
      if (settled % flushEvery === flushEvery - 1) await journal.flush();
    }
    await journal.close();
    const log = await stat(join(journal.dir, 'done.log'));

    const services = await createAppServices(join(home, 'app'), { PAIL_SECRET_STORE: 'file' });
    const service = createTransferService(services.profiles, dataDir, { progress: () => undefined, batchFinished: () => undefined });
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    await service.restore();
    const restoreMs = performance.now() - started;
    const heapAfter = process.memoryUsage().heapUsed;
    const [batch] = service.list().batches;

    // Resumed: how soon the walk (passing done files by name, no stat) gives the first file not done.
    const resumed = performance.now();
    service.resume({ batchId });
    while (service.list().transfers.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    const firstMs = performance.now() - resumed;
    const first = service.list().transfers[0];
    // …and the first file after the watermark (the walk passes 60 folders of done files unread).
    const beyond = `${folderName(doneCount)}/`;
    while (!service.list().transfers.some((t) => t.name.includes(beyond))) await new Promise((resolve) => setTimeout(resolve, 1));
    const beyondMs = performance.now() - resumed;
    await service.cancel({ batchId });
    await service.dispose();

    console.log(
      `Restore of a ${total.toLocaleString('en')}-file folder upload, ${doneCount.toLocaleString('en')} settled (load ${loadavg()[0].toFixed(1)} on 2 cores)`,
    );
    console.log(`  source folder made in ${(made / 1000).toFixed(1)} s; journal ${(log.size / 1024).toFixed(0)} KiB (${flushEvery} files per append)`);
    console.log(
      `  restore(): ${restoreMs.toFixed(0)} ms, heap +${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB  ${restoreMs < RESTORE_TARGET_MS ? 'PASS' : 'FAIL'} (target < ${RESTORE_TARGET_MS} ms)`,
    );
    console.log(`  restored batch: "${batch.title}", ${batch.hold}, ${batch.counts.done.toLocaleString('en')} done`);
    console.log(
      `  resume → first file not done found (${first?.name}, ${first?.state}): ${firstMs.toFixed(0)} ms; first file after the watermark (in ${beyond}): ${beyondMs.toFixed(0)} ms`,
    );
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

void main();
