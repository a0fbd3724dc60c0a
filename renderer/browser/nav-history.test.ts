import { describe, expect, it } from 'vitest';
import { emptyHistory, forgetPlaces, goBack, goForward, HISTORY_LIMIT, pushLocation, type PaneLocation } from './nav-history';

const at = (prefix: string, bucket = 'b', profileId = 'p'): PaneLocation => ({ profileId, bucket, prefix });

describe('navigation history', () => {
  it('goes back and forward like a browser', () => {
    let history = pushLocation(emptyHistory, at(''), at('a/'));
    history = pushLocation(history, at('a/'), at('a/b/'));
    const back = goBack(history, at('a/b/'))!;
    expect(back.location).toEqual(at('a/'));
    const again = goBack(back.history, back.location)!;
    expect(again.location).toEqual(at(''));
    const forward = goForward(again.history, again.location)!;
    expect(forward.location).toEqual(at('a/'));
    expect(goForward(forward.history, forward.location)!.location).toEqual(at('a/b/'));
  });

  it('forgets Forward when going somewhere new, and ignores going to the same place', () => {
    const history = pushLocation(emptyHistory, at(''), at('a/'));
    const back = goBack(history, at('a/'))!;
    const fresh = pushLocation(back.history, back.location, at('c/'));
    expect(fresh.forward).toEqual([]);
    expect(pushLocation(fresh, at('c/'), at('c/'))).toBe(fresh);
    expect(pushLocation(emptyHistory, undefined, at('c/'))).toBe(emptyHistory);
  });

  it('has nothing to go back or forward to at first', () => {
    expect(goBack(emptyHistory, at(''))).toBeUndefined();
    expect(goForward(emptyHistory, at(''))).toBeUndefined();
  });

  it('keeps at most the limit of places', () => {
    let history = emptyHistory;
    for (let i = 0; i < HISTORY_LIMIT + 20; i += 1) history = pushLocation(history, at(`${i}/`), at(`${i + 1}/`));
    expect(history.back).toHaveLength(HISTORY_LIMIT);
    expect(history.back[0]).toEqual(at('20/'));
  });

  it('forgets the places in a deleted bucket or a deleted profile', () => {
    let history = pushLocation(emptyHistory, at('', 'gone'), at('', 'kept'));
    history = pushLocation(history, at('', 'kept'), at('x/', 'gone'));
    expect(forgetPlaces(history, 'p', 'gone').back).toEqual([at('', 'kept')]);
    expect(forgetPlaces(history, 'p').back).toEqual([]);
    expect(forgetPlaces(history, 'other').back).toHaveLength(2);
  });
});
