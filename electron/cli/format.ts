/** Sizes as people read them: 0 B, 1.5 KiB, 12 MiB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** An ISO date as `YYYY-MM-DD HH:MM` in the local time zone. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Splits `profile:bucket/prefix` into its parts. */
export function parseRemote(target: string): { profile: string; bucket?: string; prefix: string } | undefined {
  const at = target.indexOf(':');
  if (at <= 0) return undefined;
  const profile = target.slice(0, at);
  const path = target.slice(at + 1).replace(/^\/+/, '');
  if (!path) return { profile, prefix: '' };
  const slash = path.indexOf('/');
  if (slash === -1) return { profile, bucket: path, prefix: '' };
  return { profile, bucket: path.slice(0, slash), prefix: path.slice(slash + 1) };
}
