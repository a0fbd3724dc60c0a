import { lookup } from 'mime-types';
import { describe, expect, it } from 'vitest';
import { detectedContentType, extensionOf, FALLBACK_CONTENT_TYPE } from './content-type';

describe('content types from names', () => {
  it('takes the last extension of the last segment, lower case', () => {
    expect(extensionOf('photos/2024/A.JPG')).toBe('jpg');
    expect(extensionOf('archive.tar.gz')).toBe('gz');
    expect(extensionOf('dir.d/README')).toBe('');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('notes.')).toBe('');
    expect(extensionOf('backup.txt~')).toBe('');
  });

  it('detects what mime-types (the transfer engine) detects, with the generic fallback', () => {
    for (const name of ['a.jpg', 'b.webp', 'c.svg', 'd.md', 'e.json', 'f.html', 'g.mp4', 'h.wasm']) {
      expect(detectedContentType(extensionOf(name))).toBe(lookup(name));
    }
    expect(detectedContentType('')).toBe(FALLBACK_CONTENT_TYPE);
    expect(detectedContentType('nosuchtype')).toBe(FALLBACK_CONTENT_TYPE);
  });
});
