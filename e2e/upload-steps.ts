import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** The upload sheet a drop or pick opens ("Upload to BUCKET"). */
export const uploadSheet = (page: Page): Locator => page.getByRole('dialog', { name: /^Upload to / });

/** Accepts the upload sheet as it opened (the bucket's remembered or default settings). */
export async function acceptUploadSheet(page: Page): Promise<void> {
  const sheet = uploadSheet(page);
  await sheet.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(sheet).toBeHidden();
}

/**
 * Drops files made in the page onto a target, the way a desktop drop
 * arrives (dragenter, dragover, drop). Synthetic files have no
 * `webkitGetAsEntry`, so this takes the plain-files path of the drop code.
 */
export async function dropFiles(target: Locator, files: { name: string; text: string; type?: string }[]): Promise<void> {
  const dataTransfer = await target.page().evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const f of list) data.items.add(new File([f.text], f.name, f.type ? { type: f.type } : {}));
    return data;
  }, files);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

/**
 * Drops a folder tree onto a target the way a desktop drop of a folder
 * arrives: each dropped item gives a `webkitGetAsEntry` folder entry to walk.
 * A page cannot make real entries, so the drop's `items` are stand-ins built
 * from `paths` ("album/a.txt" a file, "album/empty/" an empty folder); the
 * drop code, the upload and the table are the real ones.
 */
export async function dropFolderTree(target: Locator, paths: string[]): Promise<void> {
  const dataTransfer = await target.page().evaluateHandle((list) => {
    interface Node {
      name: string;
      text?: string;
      children?: Map<string, Node>;
    }
    const root: Node = { name: '', children: new Map() };
    for (const path of list) {
      const segments = path.split('/');
      const isFolder = path.endsWith('/');
      let at = root;
      segments.filter(Boolean).forEach((name, i, all) => {
        const last = i === all.length - 1;
        if (!at.children!.has(name)) at.children!.set(name, last && !isFolder ? { name, text: `content of ${path}` } : { name, children: new Map() });
        at = at.children!.get(name)!;
      });
    }
    const entryOf = (node: Node): unknown =>
      node.children
        ? {
            isFile: false,
            isDirectory: true,
            name: node.name,
            createReader: () => {
              let given = false;
              return {
                readEntries: (done: (entries: unknown[]) => void) => {
                  done(given ? [] : [...node.children!.values()].map(entryOf));
                  given = true;
                },
              };
            },
          }
        : { isFile: true, isDirectory: false, name: node.name, file: (done: (file: File) => void) => done(new File([node.text!], node.name)) };
    const data = new DataTransfer();
    const tops = [...root.children!.values()];
    // Real files too, so the drop carries the "Files" type the page checks for.
    for (const top of tops) data.items.add(new File([''], top.name));
    Object.defineProperty(data, 'items', { value: tops.map((top) => ({ kind: 'file', webkitGetAsEntry: () => entryOf(top) })) });
    return data;
  }, paths);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}
