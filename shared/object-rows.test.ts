import { describe, expect, it } from 'vitest';
import type { ObjectEntry, ObjectPage } from './ipc/contract';
import { objectEntriesOf, objectRowCount, objectRowsOf } from './object-rows';
import { displayName } from './s3-names';

const entry = (key: string, prefix: string, extra: Partial<ObjectEntry> = {}): ObjectEntry => ({
  kind: 'object',
  key,
  name: displayName(key, prefix),
  size: 7,
  ...extra,
});
const page = (prefix: string, objects: ObjectEntry[]): ObjectPage => ({
  bucket: 'b',
  prefix,
  folders: [{ kind: 'folder', prefix: `${prefix}sub/`, name: 'sub' }],
  objects,
  nextContinuationToken: 'next',
});

describe('objectRowsOf / objectEntriesOf', () => {
  const prefix = 'photos/2024/';
  const objects = ['a', '+%#?', '\u0001bell', 'line\nbreak', '😀 emoji', 'e\u0301', 'x'.repeat(300), '../up', '中文'].map((name, i) =>
    entry(prefix + name, prefix, {
      size: i * 1_000_000_007,
      ...(i % 2 === 0 && { lastModified: new Date(1.7e12 + i).toISOString() }),
      ...(i % 3 !== 0 && { storageClass: i % 3 === 1 ? 'STANDARD' : 'GLACIER' }),
      etag: `"${i}"`,
    }),
  );

  it('sends every object back exactly (but its ETag, which the table never shows), and the page around them', () => {
    const sent = objectRowsOf(page(prefix, objects));
    // Through the transport as it goes: JSON text.
    const received = JSON.parse(JSON.stringify(sent)) as typeof sent;
    expect(objectRowCount(received.objects)).toBe(objects.length);
    expect(objectEntriesOf(received.objects, prefix)).toEqual(objects.map(({ etag: _etag, ...rest }) => rest));
    expect(received).toMatchObject({ bucket: 'b', prefix, folders: [{ prefix: `${prefix}sub/` }], nextContinuationToken: 'next' });
    // The folder's prefix is sent once, not once a row; classes once a page.
    expect(received.objects.base).toBe(prefix);
    expect(received.objects.keys.includes(prefix)).toBe(false);
    expect(received.objects.classNames).toEqual(['', 'STANDARD', 'GLACIER']);
  });

  it('sends keys whole when one is not below the folder (never seen from S3)', () => {
    const stray = [entry(`${prefix}in`, prefix), { kind: 'object' as const, key: 'elsewhere', name: 'elsewhere', size: 1 }];
    const sent = objectRowsOf(page(prefix, stray));
    expect(sent.objects.base).toBe('');
    expect(objectEntriesOf(sent.objects, prefix).map((e) => e.key)).toEqual([`${prefix}in`, 'elsewhere']);
  });

  it('sends an empty page as empty columns', () => {
    const sent = objectRowsOf(page('', []));
    expect(objectRowCount(sent.objects)).toBe(0);
    expect(objectEntriesOf(sent.objects, '')).toEqual([]);
  });
});
