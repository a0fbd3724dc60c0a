/**
 * Saves text as a file through the browser's download: a Blob URL on a
 * temporary `<a download>` (the CSP allows blob:), revoked once the download
 * has started.
 */
export function downloadTextFile(fileName: string, content: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  downloadFromUrl(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Starts the download of a URL Pail serves itself (an object link made with
 * `download: true`) through a hidden `<a download>`, so the page stays put.
 */
export function downloadFromUrl(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}
