import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_REGIONS } from './aws-regions';

/** The partitions the installed SDK resolves endpoints with (what scripts/aws-regions.mjs reads). */
function sdkPartitions(): { outputs: { dnsSuffix: string }; regions: Record<string, { description: string }> }[] {
  const core = dirname(createRequire(import.meta.url).resolve('@aws-sdk/core/package.json'));
  const text = readFileSync(join(core, 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js'), 'utf8');
  return JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)).partitions;
}

describe('AWS regions', () => {
  it("are the installed SDK's amazonaws.com regions (run scripts/aws-regions.mjs after an SDK update)", () => {
    const expected = sdkPartitions()
      .filter((p) => p.outputs.dnsSuffix === 'amazonaws.com')
      .flatMap((p) => Object.entries(p.regions))
      .filter(([id]) => !id.endsWith('-global'))
      .map(([id, { description }]) => [id, description]);
    expect(AWS_REGIONS).toEqual(expected);
  });

  it('include the regions the old hand-written list missed', () => {
    const ids = AWS_REGIONS.map(([id]) => id);
    for (const id of [
      'ap-south-2',
      'ap-southeast-3',
      'ap-southeast-4',
      'ap-southeast-5',
      'ap-southeast-7',
      'ca-west-1',
      'eu-south-2',
      'il-central-1',
      'me-south-1',
      'mx-central-1',
    ]) {
      expect(ids).toContain(id);
    }
  });
});
