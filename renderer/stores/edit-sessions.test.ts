import { beforeEach, describe, expect, it } from 'vitest';
import { selectSessionOf, useEditSessionsStore } from './edit-sessions';

describe('objects open in an application', () => {
  const store = () => useEditSessionsStore.getState();
  const place = { profileId: 'p1', bucket: 'b', key: 'a/notes.txt' };
  beforeEach(() => useEditSessionsStore.setState({ sessions: [] }));

  it('finds an object’s session, follows its last save, and forgets it once stopped', () => {
    store().opened({ ...place, sessionId: 's1' });
    expect(selectSessionOf(place)(store())?.sessionId).toBe('s1');
    expect(selectSessionOf({ ...place, key: 'a/other.txt' })(store())).toBeUndefined();
    store().reported('s1', { kind: 'conflict', error: { code: 'EditConflict', message: 'changed', hint: 'h' } });
    expect(selectSessionOf(place)(store())?.last).toMatchObject({ kind: 'conflict' });
    store().reported('s1', { kind: 'saved' });
    expect(selectSessionOf(place)(store())?.last).toEqual({ kind: 'saved' });
    store().stopped('s1');
    expect(store().sessions).toEqual([]);
  });
});
