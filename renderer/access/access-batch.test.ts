import { describe, expect, it } from 'vitest';
import { batches, keysToFetch, touchedKeys, withoutTouched } from './access-batch';

describe('keysToFetch', () => {
  it('keeps the keys neither known nor asked for, once each, and never folders', () => {
    const known = { 'a.txt': {}, 'b.txt': null };
    expect(keysToFetch(['a.txt', 'b.txt', 'c.txt', 'c.txt', 'd/', 'e.txt'], known, new Set(['e.txt']))).toEqual(['c.txt']);
  });

  it('asks again for known keys that went stale', () => {
    expect(keysToFetch(['a.txt', 'b.txt'], { 'a.txt': {}, 'b.txt': {} }, new Set(), new Set(['b.txt']))).toEqual(['b.txt']);
  });
});

describe('batches', () => {
  it('splits into runs the server takes', () => {
    const keys = Array.from({ length: 1201 }, (_, i) => `k${i}`);
    expect(batches(keys).map((b) => b.length)).toEqual([500, 500, 201]);
    expect(batches([])).toEqual([]);
  });
});

describe('touchedKeys', () => {
  it('lists the known keys changed, or below a folder changed', () => {
    expect(touchedKeys({ 'a.txt': 1, 'f/x': 2, 'g/x': 3 }, ['a.txt'], ['f/'])).toEqual(['a.txt', 'f/x']);
    expect(touchedKeys({ 'a.txt': 1, 'f/x': 2 }, [], [''])).toEqual(['a.txt', 'f/x']);
  });
});

describe('withoutTouched', () => {
  it('drops the keys changed and everything below the folders changed', () => {
    const states = { 'a.txt': 1, 'f/x': 2, 'f/y/z': 3, 'g/x': 4 };
    expect(withoutTouched(states, ['a.txt'], ['f/'])).toEqual({ 'g/x': 4 });
  });

  it('returns the same object when nothing is stale', () => {
    const states = { 'g/x': 4 };
    expect(withoutTouched(states, ['a.txt'], ['f/'])).toBe(states);
  });
});
