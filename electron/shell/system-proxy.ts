import { session } from 'electron';
import type { SystemProxyLookup } from '../services/net/proxy-resolver';

/**
 * The system's proxy for a URL, as Chromium's network stack resolves it (the
 * OS settings, a PAC script or WPAD): Electron's `session.resolveProxy`, whose
 * answer ("PROXY host:port; DIRECT", "HTTPS …", "SOCKS5 …") the services parse
 * (net/system-proxy.ts). Pitfalls, see docs/electron-shell.md: a look-up right
 * after the session is made may answer DIRECT (electron/electron#26166), and a
 * changed PAC file is not re-read until the proxy settings are set again
 * (electron/electron#7644); Pail asks again whenever it builds a profile's
 * clients, not on every request.
 */
export const electronSystemProxy: SystemProxyLookup = (url) => session.defaultSession.resolveProxy(url);
