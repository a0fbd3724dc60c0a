import { describe, expect, it } from 'vitest';
import { dragItem, dragOutSupported } from './shell-drag';

describe('dragging objects out as files', () => {
  it('is offered where startDrag works after the download (not on macOS)', () => {
    expect(dragOutSupported('linux')).toBe(true);
    expect(dragOutSupported('win32')).toBe(true);
    expect(dragOutSupported('darwin')).toBe(false);
  });

  it('drags only absolute paths, the first as `file`, always with the icon', () => {
    const icon = { png: true };
    expect(dragItem(['/tmp/pail-drag-1/a.txt', '/tmp/pail-drag-1/b.txt'], icon)).toEqual({
      file: '/tmp/pail-drag-1/a.txt',
      files: ['/tmp/pail-drag-1/a.txt', '/tmp/pail-drag-1/b.txt'],
      icon,
    });
    expect(dragItem(['relative/a.txt', '', '/tmp/x/b.txt'], icon)).toEqual({ file: '/tmp/x/b.txt', files: ['/tmp/x/b.txt'], icon });
    expect(dragItem([], icon)).toBeUndefined();
    expect(dragItem(['a.txt'], icon)).toBeUndefined();
  });
});
