import { describe, expect, it } from 'vitest';
import { csvDelimiter, extensionOf, isTextKind, MAX_IMAGE_PREVIEW_BYTES, mediaType, objectName, previewKind } from './preview-kind';

const kindOf = (key: string, contentType?: string, size = 1000, contentEncoding?: string) => previewKind({ key, contentType, size, contentEncoding }).kind;

describe('objectName and extensionOf', () => {
  it('take the last segment and its extension in lower case', () => {
    expect(objectName('a/b/Photo.JPG')).toBe('Photo.JPG');
    expect(objectName('top.txt')).toBe('top.txt');
    expect(objectName('a/b/')).toBe('b');
    expect(extensionOf('a/b/Photo.JPG')).toBe('jpg');
    expect(extensionOf('archive.tar.gz')).toBe('gz');
    expect(extensionOf('a.dir/README')).toBe('');
    expect(extensionOf('trailing.')).toBe('');
    expect(extensionOf('.gitignore')).toBe('gitignore');
  });

  it('mediaType drops parameters and case', () => {
    expect(mediaType('Text/CSV; charset=utf-8')).toBe('text/csv');
    expect(mediaType(undefined)).toBe('');
  });
});

describe('previewKind', () => {
  it('shows images by type or, for a generic type, by extension', () => {
    expect(kindOf('x.bin', 'image/png')).toBe('image');
    expect(kindOf('pic.webp', 'binary/octet-stream')).toBe('image');
    expect(kindOf('pic.jpeg', undefined)).toBe('image');
    expect(kindOf('logo.svg', 'image/svg+xml')).toBe('image');
  });

  it('shows an SVG as text unless it is served as image/svg+xml (an <img> would not render it)', () => {
    expect(kindOf('logo.svg', 'application/octet-stream')).toBe('text');
    expect(kindOf('logo.svg', 'text/xml')).toBe('text');
  });

  it('tells text, JSON and CSV apart', () => {
    expect(kindOf('notes.txt', 'text/plain')).toBe('text');
    expect(kindOf('main.go', 'binary/octet-stream')).toBe('text');
    expect(kindOf('page.html', 'text/html; charset=utf-8')).toBe('text');
    expect(kindOf('Dockerfile', undefined)).toBe('text');
    expect(kindOf('config.yaml', 'application/x-yaml')).toBe('text');
    expect(kindOf('data', 'application/json')).toBe('json');
    expect(kindOf('feed', 'application/ld+json')).toBe('json');
    expect(kindOf('data.json', 'binary/octet-stream')).toBe('json');
    expect(kindOf('table.csv', 'text/csv')).toBe('csv');
    expect(kindOf('table.tsv', undefined)).toBe('csv');
    // Windows uploads CSV as an Excel type: the extension decides.
    expect(kindOf('table.csv', 'application/vnd.ms-excel')).toBe('csv');
  });

  it('a Content-Type Pail can show wins over the extension', () => {
    expect(kindOf('photo.txt', 'image/png')).toBe('image');
    expect(kindOf('readme.png', 'text/plain')).toBe('text');
  });

  it('knows PDF, audio and video', () => {
    expect(kindOf('doc.pdf', 'application/pdf')).toBe('pdf');
    expect(kindOf('x', 'application/pdf')).toBe('pdf');
    expect(kindOf('song.mp3', 'binary/octet-stream')).toBe('audio');
    expect(kindOf('x', 'audio/ogg')).toBe('audio');
    expect(kindOf('clip.webm', undefined)).toBe('video');
    expect(kindOf('x', 'video/mp4')).toBe('video');
  });

  it('shows a PDF only when it is served as one (a frame would download it otherwise)', () => {
    const decision = previewKind({ key: 'doc.pdf', contentType: 'binary/octet-stream', size: 10 });
    expect(decision.kind).toBe('none');
    expect(decision.reason).toContain('Set its Content-Type to application/pdf');
  });

  it('has no preview for other types, compressed bodies or huge images, and says why', () => {
    expect(previewKind({ key: 'a.zip', contentType: 'application/zip', size: 10 })).toEqual({ kind: 'none', reason: 'No preview for this type' });
    expect(kindOf('blob', 'binary/octet-stream')).toBe('none');
    expect(previewKind({ key: 'a.json', contentType: 'application/json', size: 10, contentEncoding: 'gzip' }).reason).toContain('Content-Encoding: gzip');
    expect(kindOf('a.json', 'application/json', 10, 'identity')).toBe('json');
    expect(kindOf('big.png', 'image/png', MAX_IMAGE_PREVIEW_BYTES + 1)).toBe('none');
    expect(kindOf('ok.png', 'image/png', MAX_IMAGE_PREVIEW_BYTES)).toBe('image');
  });

  it('isTextKind and csvDelimiter', () => {
    expect(['text', 'json', 'csv', 'image', 'pdf'].map((k) => isTextKind(k as never))).toEqual([true, true, true, false, false]);
    expect(csvDelimiter({ key: 'a.tsv' })).toBe('\t');
    expect(csvDelimiter({ key: 'a', contentType: 'text/tab-separated-values' })).toBe('\t');
    expect(csvDelimiter({ key: 'a.csv', contentType: 'text/csv' })).toBe(',');
  });
});
