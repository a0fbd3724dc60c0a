import { describe, expect, it } from 'vitest';
import { failed, idle, loading, ready, reloading } from '../../shared/loadable';
import type { ImportPreview, ImportResult } from '../../shared/profile-import';
import { selectImportError, selectImportPreview, selectImportResult, selectImportStatus, type ImportState } from './import';

const preview: ImportPreview = { source: 'aws', files: [], candidates: [] };
const result: ImportResult = { created: [], skipped: [] };
const error = { code: 'AccessDenied' as const, message: 'm', hint: 'h' };
const state = (patch: Partial<ImportState>): ImportState => ({
  isOpen: true,
  source: 'aws',
  path: '',
  preview: idle,
  choices: {},
  applied: idle,
  attempted: false,
  ...patch,
});

describe('import selectors', () => {
  it('say where the dialog stands: the import first, then the preview', () => {
    expect(selectImportStatus(state({}))).toBe('idle');
    expect(selectImportStatus(state({ preview: loading }))).toBe('previewing');
    expect(selectImportStatus(state({ preview: ready(preview) }))).toBe('preview');
    expect(selectImportStatus(state({ preview: failed(error) }))).toBe('idle');
    expect(selectImportStatus(state({ preview: ready(preview), applied: loading }))).toBe('applying');
    expect(selectImportStatus(state({ preview: ready(preview), applied: failed(error) }))).toBe('preview');
    expect(selectImportStatus(state({ preview: ready(preview), applied: ready(result) }))).toBe('done');
  });

  it('keep the last preview shown while it is read again, and give the error and result', () => {
    expect(selectImportPreview(state({ preview: reloading(ready(preview)) }))).toBe(preview);
    expect(selectImportError(state({ preview: ready(preview), applied: failed(error) }))).toBe(error);
    expect(selectImportError(state({ preview: failed(error) }))).toBe(error);
    expect(selectImportResult(state({ applied: ready(result) }))).toBe(result);
  });
});
