/**
 * The renderer's Content-Security-Policy: its own files only, no inline or
 * remote script, no plugins, no framing. Electron sends it as a header, the
 * web transport too, and renderer/index.html repeats it (without
 * frame-ancestors, which a <meta> policy cannot carry) for file:// loads.
 */
export const RENDERER_CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // pail-object: is Electron's local object link (previews); the web mode serves them under 'self'.
  "img-src 'self' data: blob: pail-object:",
  "media-src 'self' blob: pail-object:",
  "frame-src 'self' pail-object:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
] as const;

/** The policy as a header value. */
export const RENDERER_CSP = RENDERER_CSP_DIRECTIVES.join('; ');

/** The policy as a <meta> tag can carry it. */
export const RENDERER_META_CSP = RENDERER_CSP_DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');

/**
 * The policy of object content served for previews (an HTML or SVG object
 * opened directly must not run anything): no scripts, no loads, framed only by
 * the app. Not `sandbox`: Chromium shows no PDF in a sandboxed document.
 */
export const OBJECT_CSP = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
