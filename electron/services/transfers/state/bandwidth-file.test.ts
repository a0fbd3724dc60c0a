import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTransferService } from '../engine/transfer-service';
import { freshServices } from '../../../test-support/gateway';
import { readBandwidth } from './bandwidth-file';

describe("the app's saved speed limits", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pail-bandwidth-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('come back at the next start, as the panel set them', async () => {
    const fresh = await freshServices();
    const file = join(dir, 'bandwidth.json');
    const first = createTransferService(
      fresh.services.profiles,
      fresh.dataDir,
      { progress: () => undefined, batchFinished: () => undefined },
      { bandwidthFile: file },
    );
    expect(await first.setBandwidth({ upload: 1024 * 1024 })).toEqual({ upload: 1024 * 1024, download: null });
    await first.dispose();
    const again = createTransferService(
      fresh.services.profiles,
      fresh.dataDir,
      { progress: () => undefined, batchFinished: () => undefined },
      { bandwidthFile: file },
    );
    expect(again.list().bandwidth).toEqual({ upload: null, download: null });
    await again.restore();
    expect(again.list().bandwidth).toEqual({ upload: 1024 * 1024, download: null });
    await again.dispose();
    await fresh.dispose();
  });

  it('a damaged file costs only the limits: none, said in words, and rewritten at the next change', async () => {
    const file = join(dir, 'bandwidth.json');
    await writeFile(file, '{"upload": "fast"');
    const read = await readBandwidth(file);
    expect(read.limits).toEqual({ upload: null, download: null });
    expect(read.problem).toMatch(/bandwidth\.json is not valid JSON.*Pail started without speed limits; setting one rewrites the file\./);
    await writeFile(file, '{"upload": 5, "download": null}');
    expect((await readBandwidth(file)).problem).toMatch(/bandwidth\.json is damaged: .*upload/);

    const fresh = await freshServices();
    const service = createTransferService(
      fresh.services.profiles,
      fresh.dataDir,
      { progress: () => undefined, batchFinished: () => undefined },
      { bandwidthFile: file },
    );
    await service.restore();
    expect(service.list().bandwidthProblem).toMatch(/damaged/);
    await service.setBandwidth({ download: 2 * 1024 * 1024 });
    expect(service.list().bandwidthProblem).toBeUndefined();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ upload: null, download: 2 * 1024 * 1024 });
    await service.dispose();
    await fresh.dispose();
  });
});
