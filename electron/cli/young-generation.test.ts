import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Runs, in a Node process of its own (the flag is process-wide), an allocation
 * pattern like a transfer command's (batches of short-lived objects, some kept a
 * while, the event loop turning between them, a worker thread started on the way)
 * and answers the new space's size at the end, with the cap on or off.
 */
function newSpaceAfterChurn(capped: boolean): number {
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  const script = `
    const { capYoungGeneration, newSpaceBytes } = require(${JSON.stringify(join(__dirname, 'young-generation.ts'))});
    const { Worker } = require('node:worker_threads');
    if (${capped}) capYoungGeneration(4);
    (async () => {
      const kept = [];
      for (let round = 0; round < 1500; round += 1) {
        // A worker thread starts, as a transfer's first download starts the fetch thread.
        if (round === 100) new Worker('setTimeout(() => {}, 50)', { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
        const batch = [];
        for (let i = 0; i < 2000; i += 1) batch.push({ key: 'f-' + i + '-' + round, range: [i, i + 1], headers: { etag: String(i) } });
        kept.push(batch);
        if (kept.length > 20) kept.shift();
        if (round % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      process.stdout.write(String(newSpaceBytes()));
    })();`;
  return Number(execFileSync(process.execPath, ['--require', tsx, '-e', script], { encoding: 'utf8', timeout: 120_000 }));
}

describe('capYoungGeneration', () => {
  it('keeps the new space near its cap where V8 alone grows it to 16 MiB semi-spaces', () => {
    const MB = 1024 * 1024;
    expect(newSpaceAfterChurn(false)).toBeGreaterThan(30 * MB);
    // 4 MiB semi-spaces are 8 MiB (V8 reports a little over); one more doubling may slip in before the observer runs.
    expect(newSpaceAfterChurn(true)).toBeLessThanOrEqual(17 * MB);
  }, 240_000);
});
