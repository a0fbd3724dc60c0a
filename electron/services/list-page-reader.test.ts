import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBucket, putObjects, rawClient } from '../test-support/gateway';
import { HOSTILE_NAMES } from '../test-support/hostile-names';
import { readListingAnswer, readListPage, type ListedPage } from './list-page-reader';

/** What the SDK's own parser makes of an answer: a client whose every request is answered with these bytes. */
async function sdkReads(xml: string | Uint8Array): Promise<ListedPage> {
  const body = typeof xml === 'string' ? new TextEncoder().encode(xml) : xml;
  const client = new S3Client({
    endpoint: 'http://127.0.0.1:9',
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    requestHandler: { handle: async () => ({ response: { statusCode: 200, headers: {}, body } }) },
  });
  const out = await client.send(new ListObjectsV2Command({ Bucket: 'b' }));
  return fieldsOf(out);
}

/** The fields a page is made from (of each object: key, size, date, class, ETag), absent ones left out. */
function fieldsOf(page: ListedPage): ListedPage {
  const { IsTruncated, NextContinuationToken, EncodingType, CommonPrefixes } = page;
  const Contents = page.Contents?.map(({ Key, Size, LastModified, StorageClass, ETag }) => ({ Key, Size, LastModified, StorageClass, ETag }));
  return JSON.parse(JSON.stringify({ IsTruncated, NextContinuationToken, EncodingType, Contents, CommonPrefixes })) as ListedPage;
}

const wrap = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${inner}</ListBucketResult>`;

describe('reading a listing answer without the SDK parser', () => {
  it("reads Ceph's and AWS's answers as the SDK does", async () => {
    const ceph = wrap(
      '<EncodingType>url</EncodingType><Name>b</Name><Prefix>big/</Prefix><MaxKeys>2</MaxKeys><Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>' +
        '<Contents><Key>big%2Fa.txt</Key><LastModified>2026-12-07T16:06:00.207Z</LastModified><ETag>&quot;d41d8cd98f00b204e9800998ecf8427e&quot;</ETag>' +
        '<Size>0</Size><StorageClass>STANDARD</StorageClass><Type>Normal</Type></Contents>' +
        '<CommonPrefixes><Prefix>big%2Fsub%2F</Prefix></CommonPrefixes>' +
        '<NextContinuationToken>big/a &amp; &lt;b&gt; &#233;&#x263A;</NextContinuationToken><KeyCount>2</KeyCount>',
    );
    const aws =
      '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">\n  <Name>b</Name>\n  <Prefix></Prefix>\n' +
      '  <Contents>\n    <Key>x</Key>\n    <LastModified>2024-01-02T03:04:05.000Z</LastModified>\n    <ETag>"abc-2"</ETag>\n    <ChecksumAlgorithm>CRC32</ChecksumAlgorithm>\n' +
      '    <Size>5368709120</Size>\n    <Owner>\n      <ID>o</ID>\n      <DisplayName>me</DisplayName>\n    </Owner>\n    <StorageClass>GLACIER</StorageClass>\n  </Contents>\n' +
      '  <IsTruncated>false</IsTruncated>\n  <KeyCount>1</KeyCount>\n  <Empty>\n  </Empty>\n</ListBucketResult>\n';
    for (const xml of [ceph, aws, ceph.replace(/></g, '>\r\n<'), wrap('<IsTruncated>false</IsTruncated>'), wrap('')]) {
      const read = readListPage(xml);
      expect(read, xml).toBeDefined();
      expect(fieldsOf(read!)).toEqual(await sdkReads(xml));
    }
    expect(readListPage(ceph)).toMatchObject({
      IsTruncated: true,
      EncodingType: 'url',
      NextContinuationToken: 'big/a & <b> é☺',
      Contents: [{ Key: 'big%2Fa.txt', Size: 0, ETag: '"d41d8cd98f00b204e9800998ecf8427e"', StorageClass: 'STANDARD' }],
      CommonPrefixes: [{ Prefix: 'big%2Fsub%2F' }],
    });
    expect(readListPage(ceph)!.Contents![0].LastModified).toEqual(new Date('2026-12-07T16:06:00.207Z'));
  });

  it('leaves to the SDK what it does not read plainly', () => {
    const declined = [
      '<Contents><Key><![CDATA[a]]></Key></Contents>',
      '<!-- a comment --><IsTruncated>false</IsTruncated>',
      '<Contents><Key a="1">k</Key></Contents>',
      '<Contents><Key>a&nbsp;b</Key></Contents>',
      '<Contents><Key>a & b</Key></Contents>',
      '<Contents><Key>&#x1F600;</Key></Contents>',
      '<Contents><Key>&#0;</Key></Contents>',
      '<Contents><Key>a</Key><Key>b</Key></Contents>',
      '<IsTruncated>true</IsTruncated><IsTruncated>false</IsTruncated>',
      '<IsTruncated>yes</IsTruncated>',
      '<Contents><Size>-1</Size></Contents>',
      '<Contents><Size>1e3</Size></Contents>',
      '<Contents><LastModified>Tue, 02 Jan 2024 03:04:05 GMT</LastModified></Contents>',
      '<Contents><Key/></Contents>',
      '<Contents><Key>a</Key>',
      '<CommonPrefixes><Prefix>a</Prefix><Prefix>b</Prefix></CommonPrefixes>',
      '<Contents><Owner><Owner>x</Owner></Owner></Contents>',
    ];
    for (const inner of declined) expect(readListPage(wrap(inner)), inner).toBeUndefined();
    expect(readListPage('<Error><Code>AccessDenied</Code></Error>')).toBeUndefined();
    expect(readListPage(`${wrap('')}<extra/>`)).toBeUndefined();
    expect(readListPage(wrap('<IsTruncated>false</IsTruncated>').replace('xmlns=', 'xmlns:x='))).toBeUndefined();
  });

  it('reads any page it takes exactly as the SDK does (generated keys, escaped every way XML allows)', async () => {
    // Each character of a value written as itself where XML allows, or as an entity or a numeric reference.
    const written = (value: string, styles: number[]) =>
      [...value]
        .map((ch, i) => {
          const style = styles[i % styles.length];
          const code = ch.codePointAt(0)!;
          if (ch === '&' || ch === '<') return style % 2 ? `&#${code};` : ch === '&' ? '&amp;' : '&lt;';
          if (style === 1 && code <= 0xffff) return `&#${code};`;
          if (style === 2 && code <= 0xffff) return `&#x${code.toString(16)};`;
          if (style === 3 && ch === '"') return '&quot;';
          return ch;
        })
        .join('');
    // eslint-disable-next-line no-control-regex -- what XML 1.0 cannot carry at all, as a character or a reference.
    const text = fc.string({ unit: 'binary', maxLength: 24 }).filter((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/.test(s));
    const styles = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 });
    const item = fc.record({
      key: text,
      size: fc.integer({ min: 0, max: 2 ** 40 }),
      ms: fc.integer({ min: 0, max: 4e12 }),
      cls: fc.constantFrom('STANDARD', 'GLACIER', 'COLD'),
      styles,
    });
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(item, { maxLength: 6 }),
        fc.array(text, { maxLength: 3 }),
        fc.option(text),
        styles,
        async (items, prefixes, token, tokenStyles) => {
          const xml = wrap(
            items
              .map(
                (o) =>
                  `<Contents><Key>${written(o.key, o.styles)}</Key><LastModified>${new Date(o.ms).toISOString()}</LastModified>` +
                  `<ETag>&quot;e&quot;</ETag><Size>${o.size}</Size><StorageClass>${o.cls}</StorageClass></Contents>`,
              )
              .join('') +
              prefixes.map((p) => `<CommonPrefixes><Prefix>${written(p, tokenStyles)}</Prefix></CommonPrefixes>`).join('') +
              `<IsTruncated>${token !== null}</IsTruncated>` +
              (token !== null ? `<NextContinuationToken>${written(token, tokenStyles)}</NextContinuationToken>` : ''),
          );
          const read = readListPage(xml);
          if (read === undefined) return;
          taken += 1;
          expect(fieldsOf(read)).toEqual(await sdkReads(xml));
        },
      ),
      { numRuns: 300, seed: 19 },
    );
    // Plain answers are the common case: nearly all of these are read here, not left to the SDK.
    expect(taken).toBeGreaterThan(250);
  });

  describe('on the gateway', () => {
    let bucket: { name: string; cleanup: () => Promise<void> };
    beforeAll(async () => {
      bucket = await createTestBucket('list-reader');
      await putObjects(
        bucket.name,
        [...HOSTILE_NAMES, 'amp&lt;', 'quote\'"', 'sub/inner'].map((name) => `f/${name}`),
      );
    });
    afterAll(() => bucket?.cleanup());

    it("reads every page of hostile keys as the SDK does, telling each page's token before the SDK answers", async () => {
      let token: string | undefined;
      let pages = 0;
      do {
        const params = { Bucket: bucket.name, Prefix: 'f/', Delimiter: '/', EncodingType: 'url' as const, MaxKeys: 2, ContinuationToken: token };
        // The same page twice: read here, and as the SDK reads it (its bytes kept for the comparison).
        const command = new ListObjectsV2Command(params);
        let told: string | undefined;
        const read = readListingAnswer(command, token, (next) => (told = next));
        const sent = await rawClient().send(command);
        expect(read(), `page ${pages + 1}`).toBeDefined();
        expect(sent.Contents).toBeUndefined();
        const bySdk = fieldsOf(await rawClient().send(new ListObjectsV2Command(params)));
        expect(fieldsOf(read()!)).toEqual(bySdk);
        expect(told).toBe(bySdk.IsTruncated ? bySdk.NextContinuationToken : undefined);
        token = bySdk.IsTruncated ? bySdk.NextContinuationToken : undefined;
        pages += 1;
      } while (token);
      expect(pages).toBeGreaterThan(HOSTILE_NAMES.length / 2);
    });
  });
});
