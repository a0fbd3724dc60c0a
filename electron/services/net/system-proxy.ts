/**
 * The system's proxy for a URL, as Electron's `session.resolveProxy(url)`
 * answers it: a PAC-style list such as "PROXY proxy:3128; DIRECT", tried in
 * order. Parsed here, in plain Node, so it is tested without Electron.
 */

/** What Pail does with the system's answer: one proxy, or none (direct), and the entries it cannot use. */
export interface SystemProxyChoice {
  /** http://host:port (PROXY) or https://host:port (HTTPS); absent: connect directly. */
  proxy?: string;
  /** Entries skipped because Pail cannot speak them (SOCKS…), as the system wrote them. */
  unusable: string[];
}

/**
 * The first entry Pail can use: `PROXY host:port` (an HTTP proxy), `HTTPS
 * host:port` (a proxy spoken to over TLS) or `DIRECT`; `SOCKS`, `SOCKS4`,
 * `SOCKS5`, `QUIC` and anything unknown are skipped and listed. An empty answer, or only
 * unusable entries, means direct (as a browser falls back when no entry works).
 */
export function parseSystemProxy(answer: string): SystemProxyChoice {
  const unusable: string[] = [];
  for (const raw of answer.split(';')) {
    const entry = raw.trim();
    if (!entry) continue;
    const [kind, address] = entry.split(/\s+/, 2);
    const type = kind.toUpperCase();
    if (type === 'DIRECT') return { unusable };
    if ((type === 'PROXY' || type === 'HTTP') && address) return { proxy: `http://${address}`, unusable };
    if (type === 'HTTPS' && address) return { proxy: `https://${address}`, unusable };
    unusable.push(entry);
  }
  return { unusable };
}
