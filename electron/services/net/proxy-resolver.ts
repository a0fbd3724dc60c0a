/**
 * Turns a profile's proxy setting into a ProxyPolicy for the connections to
 * one server: the environment's proxies (the default), none, one URL with
 * its credentials, or the system's (Electron's `resolveProxy`, given by the
 * shell; outside the app, "system" is the environment).
 */
import type { Profile } from '../../../shared/profile';
import { environmentProxy, type ProxyPolicy } from './proxy-policy';
import { parseSystemProxy } from './system-proxy';

/** The shell's look-up of the system's proxy for a URL (Electron's `session.resolveProxy`). */
export type SystemProxyLookup = (url: string) => Promise<string>;

/** The profile fields a proxy policy is made from. */
export type ProxyFields = 'proxyMode' | 'proxyUrl' | 'proxyUser';

/** Decides the proxy policy of a profile's connections. */
export class ProxyResolver {
  constructor(private readonly system?: SystemProxyLookup) {}

  /** True when "system" asks the operating system (the app); false when it means the environment (CLI, web mode). */
  get hasSystemProxy(): boolean {
    return !!this.system;
  }

  /**
   * The policy for connections to `target` (the profile's endpoint) under the
   * profile's setting; undefined means the environment has no proxy.
   */
  async policyFor(settings: Partial<Pick<Profile, ProxyFields>>, proxyPassword: string | undefined, target: string): Promise<ProxyPolicy | undefined> {
    switch (settings.proxyMode) {
      case 'none':
        return { source: 'profile' };
      case 'url':
        if (!settings.proxyUrl) return { source: 'profile' };
        return {
          source: 'profile',
          http: settings.proxyUrl,
          https: settings.proxyUrl,
          ...(settings.proxyUser && { username: settings.proxyUser }),
          ...(proxyPassword && { password: proxyPassword }),
        };
      case 'system':
        return this.systemPolicy(target);
      default:
        return environmentProxy();
    }
  }

  /** The system's proxy for the target; the environment's outside the app. */
  private async systemPolicy(target: string): Promise<ProxyPolicy | undefined> {
    if (!this.system) return environmentProxy();
    let answer: string;
    try {
      answer = await this.system(target);
    } catch {
      // A look-up that fails (no session yet) leaves the environment's proxies, as outside the app.
      return environmentProxy();
    }
    const choice = parseSystemProxy(answer);
    return {
      source: 'system',
      ...(choice.proxy && { http: choice.proxy, https: choice.proxy }),
      ...(choice.unusable.length && { unusable: choice.unusable }),
    };
  }
}
