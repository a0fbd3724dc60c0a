import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { APP_USER_MODEL_ID, NotificationKeeper } from './shell-notifications';

describe('notifications', () => {
  it("use the installer's app id as the Windows AppUserModelID", () => {
    const config = createRequire(import.meta.url)('../../electron-builder.cjs') as { appId: string };
    expect(APP_USER_MODEL_ID).toBe(config.appId);
  });

  it('are held until they close, are clicked or fail, and never more than the limit', () => {
    const keeper = new NotificationKeeper<EventEmitter>(2);
    const [a, b, c] = [new EventEmitter(), new EventEmitter(), new EventEmitter()];
    keeper.keep(a);
    keeper.keep(b);
    expect(keeper.size).toBe(2);
    a.emit('click');
    expect(keeper.size).toBe(1);
    keeper.keep(a);
    keeper.keep(c);
    expect(keeper.size).toBe(2);
    b.emit('failed');
    c.emit('close');
    expect(keeper.size).toBe(1);
  });
});
