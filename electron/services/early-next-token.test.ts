import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBucket, putObjects, rawClient } from '../test-support/gateway';
import { HOSTILE_NAMES } from '../test-support/hostile-names';
import { announceNextToken, nextTokenIn } from './early-next-token';

const xml = (inner: string, truncated = true) =>
  new TextEncoder().encode(
    `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><IsTruncated>${truncated}</IsTruncated><Contents><Key>k</Key></Contents>${inner}</ListBucketResult>`,
  );

describe('the next page token, read from the raw answer', () => {
  it('decodes what XML escapes, and gives up on what it cannot read plainly', () => {
    expect(nextTokenIn(xml('<NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>'))).toBe(
      '1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=',
    );
    expect(nextTokenIn(xml('<NextContinuationToken>a&amp;b&lt;c&gt;d&quot;e&apos;f&#233;&#x1F600;</NextContinuationToken>'))).toBe('a&b<c>d"e\'fé😀');
    // The last page names none; a page not truncated has no next.
    expect(nextTokenIn(xml('', false))).toBeUndefined();
    expect(nextTokenIn(xml('<NextContinuationToken>t</NextContinuationToken>', false))).toBeUndefined();
    expect(nextTokenIn(xml('<NextContinuationToken></NextContinuationToken>'))).toBeUndefined();
    // CDATA, an unknown entity, a bare ampersand, a code point past Unicode: left to the parser.
    expect(nextTokenIn(xml('<NextContinuationToken><![CDATA[t]]></NextContinuationToken>'))).toBeUndefined();
    expect(nextTokenIn(xml('<NextContinuationToken>a&nbsp;b</NextContinuationToken>'))).toBeUndefined();
    expect(nextTokenIn(xml('<NextContinuationToken>a&constructor;b</NextContinuationToken>'))).toBeUndefined();
    expect(nextTokenIn(xml('<NextContinuationToken>a & b</NextContinuationToken>'))).toBeUndefined();
    expect(nextTokenIn(xml('<NextContinuationToken>&#x110000;</NextContinuationToken>'))).toBeUndefined();
    // An answer cut short names nothing.
    expect(nextTokenIn(xml('<NextContinuationToken>abc'))).toBeUndefined();
  });

  describe('on the gateway', () => {
    let bucket: { name: string; cleanup: () => Promise<void> };
    beforeAll(async () => {
      bucket = await createTestBucket('early-token');
      await putObjects(
        bucket.name,
        [...HOSTILE_NAMES, 'amp&lt;', 'quote\'"', 'ünï'].map((name) => `f/${name}`),
      );
    });
    afterAll(() => bucket?.cleanup());

    it("tells each page's token, for keys XML escapes or cannot carry, exactly as the SDK then parses it", async () => {
      const told: (string | undefined)[] = [];
      const parsed: (string | undefined)[] = [];
      let token: string | undefined;
      do {
        const command = new ListObjectsV2Command({
          Bucket: bucket.name,
          Prefix: 'f/',
          Delimiter: '/',
          EncodingType: 'url',
          MaxKeys: 1,
          ContinuationToken: token,
        });
        let early: string | undefined;
        announceNextToken(command, token, (next) => (early = next));
        const out = await rawClient().send(command);
        told.push(early);
        token = out.IsTruncated ? out.NextContinuationToken : undefined;
        parsed.push(token);
      } while (token);
      expect(parsed.length).toBeGreaterThan(HOSTILE_NAMES.length);
      expect(told).toEqual(parsed);
    });
  });
});
