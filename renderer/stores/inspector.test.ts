import { describe, expect, it } from 'vitest';
import { INSPECTOR_MAX_WIDTH, INSPECTOR_MIN_WIDTH, resetInspectorStore, soundInspectorPrefs, useInspectorStore } from './inspector';

describe('soundInspectorPrefs', () => {
  it('keeps remembered values that make sense', () => {
    expect(soundInspectorPrefs({ width: 480, openInOnePane: true, openInTwoPanes: false })).toEqual({ width: 480, openInOnePane: true, openInTwoPanes: false });
  });

  it('falls back field by field for a damaged entry, and keeps the width within its limits', () => {
    expect(soundInspectorPrefs(null)).toEqual({ width: 340, openInOnePane: true, openInTwoPanes: true });
    expect(soundInspectorPrefs({ width: 'wide', openInTwoPanes: 'no' })).toEqual({ width: 340, openInOnePane: true, openInTwoPanes: true });
    expect(soundInspectorPrefs({ width: 5000 }).width).toBe(INSPECTOR_MAX_WIDTH);
    expect(soundInspectorPrefs({ width: 10 }).width).toBe(INSPECTOR_MIN_WIDTH);
  });
});

describe('the inspector folded per layout', () => {
  it('folds in two-pane mode without folding the one-pane layout, and comes back folded there', () => {
    resetInspectorStore();
    const store = () => useInspectorStore.getState();
    store().setLayout(true);
    store().setOpen(false);
    store().setLayout(false);
    expect(store().open).toBe(true);
    store().setLayout(true);
    expect(store().open).toBe(false);
  });
});
