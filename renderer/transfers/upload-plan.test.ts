import { describe, expect, it } from 'vitest';
import { cleanRelativePath, pickedFolderRoot, pickedFromList, planStreams, type PickedFile } from './upload-plan';

const picked = (path: string, size = 1): PickedFile<string> => ({ path, size, file: path });

describe('cleanRelativePath', () => {
  it('joins segments with "/" and drops empty and "." ones', () => {
    expect(cleanRelativePath('photos//2024/./a.jpg')).toBe('photos/2024/a.jpg');
    expect(cleanRelativePath('/photos/a.jpg')).toBe('photos/a.jpg');
    expect(cleanRelativePath('photos\\2024\\a.jpg')).toBe('photos/2024/a.jpg');
  });

  it('refuses paths that climb out or say nothing', () => {
    expect(cleanRelativePath('../etc/passwd')).toBeUndefined();
    expect(cleanRelativePath('a/../../b')).toBeUndefined();
    expect(cleanRelativePath('')).toBeUndefined();
    expect(cleanRelativePath('./')).toBeUndefined();
  });
});

describe('pickedFromList', () => {
  it('uses the path inside a picked folder, else the name', () => {
    const files = [
      { name: 'a.jpg', size: 3, webkitRelativePath: 'photos/2024/a.jpg' },
      { name: 'notes.txt', size: 5, webkitRelativePath: '' },
      { name: 'plain.bin', size: 7 },
    ];
    expect(pickedFromList(files).map((f) => [f.path, f.size])).toEqual([
      ['photos/2024/a.jpg', 3],
      ['notes.txt', 5],
      ['plain.bin', 7],
    ]);
  });
});

describe('planStreams', () => {
  it('keeps files in order, sends a path given twice once, and refuses unsafe paths', () => {
    const plan = planStreams([picked('b.txt'), picked('a/x.txt'), picked('b.txt', 9), picked('../up.txt')], []);
    expect(plan.files.map((f) => f.path)).toEqual(['b.txt', 'a/x.txt']);
    expect(plan.files[0].size).toBe(1);
    expect(plan.refused).toEqual(['../up.txt']);
  });

  it('makes markers only of folders nothing lies below', () => {
    const plan = planStreams([picked('photos/2024/a.jpg')], ['photos', 'photos/2024', 'photos/empty', 'photos/deep/er', 'photos/deep', 'photos/empty']);
    expect(plan.folders).toEqual(['photos/empty', 'photos/deep/er']);
  });

  it('uploads a drop of only empty folders as markers', () => {
    expect(planStreams([], ['empty/'])).toEqual({ files: [], folders: ['empty'], refused: [] });
  });
});

describe('pickedFolderRoot', () => {
  it('finds the picked folder from a file of it', () => {
    expect(pickedFolderRoot('/home/u/photos/2024/a.jpg', 'photos/2024/a.jpg')).toBe('/home/u/photos');
    expect(pickedFolderRoot('C:\\Users\\u\\photos\\a.jpg', 'photos/a.jpg')).toBe('C:\\Users\\u\\photos');
  });

  it('says nothing when the paths do not match', () => {
    expect(pickedFolderRoot('/home/u/other/a.jpg', 'photos/a.jpg')).toBeUndefined();
    expect(pickedFolderRoot('/home/u/photos/b.jpg', 'photos/a.jpg')).toBeUndefined();
    expect(pickedFolderRoot('/home/u/a.jpg', 'a.jpg')).toBeUndefined();
  });
});
