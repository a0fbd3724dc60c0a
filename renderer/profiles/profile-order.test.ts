import { describe, expect, it } from 'vitest';
import { moveId } from './profile-order';

describe('moveId', () => {
  it('swaps a profile with its neighbour', () => {
    expect(moveId(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(moveId(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
  });

  it('does nothing at either end or for an unknown id', () => {
    expect(moveId(['a', 'b'], 'a', -1)).toBeUndefined();
    expect(moveId(['a', 'b'], 'b', 1)).toBeUndefined();
    expect(moveId(['a', 'b'], 'z', 1)).toBeUndefined();
  });
});
