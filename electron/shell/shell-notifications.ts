/**
 * The app's Windows identity: toasts show, and their clicks arrive, only when
 * the process's AppUserModelID is the one on its Start-menu shortcut, which
 * electron-builder's NSIS installer sets to `appId` (electron/electron#32585,
 * Electron's notifications guide). It must equal electron-builder.cjs's appId.
 */
export const APP_USER_MODEL_ID = 'app.pail.desktop';

/** What the keeper needs of a notification: its events. */
export interface NotificationLike {
  once(event: 'close' | 'click' | 'failed', listener: () => void): unknown;
}

/**
 * Holds shown notifications until they close: a `Notification` nobody
 * references is garbage-collected, and its banner then loses its click
 * (0-AI-UG/cate#259). At most `limit` are held (Linux may never report a close
 * when no notification daemon runs), the oldest dropped first.
 */
export class NotificationKeeper<N extends NotificationLike> {
  private readonly held = new Set<N>();

  constructor(private readonly limit = 20) {}

  keep(notification: N): N {
    if (this.held.size >= this.limit) this.held.delete(this.held.values().next().value!);
    this.held.add(notification);
    const release = () => this.held.delete(notification);
    for (const event of ['close', 'click', 'failed'] as const) notification.once(event, release);
    return notification;
  }

  get size(): number {
    return this.held.size;
  }
}
