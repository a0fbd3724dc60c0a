/**
 * Which preview an object gets, decided from its Content-Type and, when the
 * type names nothing Pail can show, from its extension. Pure, so the rules are
 * tested without a page.
 */

/** The kinds of preview the inspector can show. */
export type PreviewKind = 'image' | 'text' | 'json' | 'csv' | 'pdf' | 'audio' | 'video' | 'none';

/** What decides the preview: the object's key, headers and size. */
export interface PreviewSubject {
  key: string;
  contentType?: string;
  contentEncoding?: string;
  size: number;
}

/** The preview to show, and for `none` the sentence saying why. */
export interface PreviewDecision {
  kind: PreviewKind;
  reason?: string;
}

/** An image is loaded whole by `<img>`; beyond this it is offered as a download instead. */
export const MAX_IMAGE_PREVIEW_BYTES = 25 * 1024 * 1024;

// Raster formats Chromium decodes whatever type they are served with; SVG only
// renders as an image when it is served as image/svg+xml.
const IMAGE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/jpg',
  'image/pjpeg',
  'image/gif',
  'image/webp',
  'image/svg+xml',
  'image/avif',
  'image/bmp',
  'image/x-icon',
  'image/vnd.microsoft.icon',
]);
const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'jfif', 'gif', 'webp', 'avif', 'bmp', 'ico']);

const AUDIO_EXTENSIONS = new Set(['mp3', 'wav', 'ogg', 'oga', 'opus', 'm4a', 'aac', 'flac', 'weba']);
const VIDEO_EXTENSIONS = new Set(['mp4', 'm4v', 'webm', 'ogv', 'mov']);
const CSV_EXTENSIONS = new Set(['csv', 'tsv']);
const JSON_EXTENSIONS = new Set(['json', 'geojson', 'jsonld', 'webmanifest', 'har']);

const TEXT_EXTENSIONS = new Set([
  // prose and logs
  'txt',
  'text',
  'md',
  'markdown',
  'rst',
  'adoc',
  'log',
  'out',
  'err',
  'nfo',
  // data and config
  'xml',
  'svg',
  'yaml',
  'yml',
  'toml',
  'ini',
  'cfg',
  'conf',
  'config',
  'env',
  'properties',
  'ndjson',
  'jsonl',
  'tf',
  'hcl',
  'plist',
  'csr',
  'pem',
  'crt',
  // web
  'html',
  'htm',
  'css',
  'scss',
  'sass',
  'less',
  'js',
  'mjs',
  'cjs',
  'jsx',
  'ts',
  'tsx',
  'mts',
  'cts',
  'vue',
  'svelte',
  'map',
  // code
  'py',
  'rb',
  'go',
  'rs',
  'java',
  'kt',
  'kts',
  'scala',
  'groovy',
  'gradle',
  'c',
  'h',
  'cc',
  'cpp',
  'cxx',
  'hpp',
  'cs',
  'fs',
  'swift',
  'm',
  'php',
  'pl',
  'pm',
  'r',
  'lua',
  'dart',
  'ex',
  'exs',
  'erl',
  'hs',
  'clj',
  'elm',
  'sql',
  'graphql',
  'gql',
  'proto',
  'sh',
  'bash',
  'zsh',
  'fish',
  'ps1',
  'bat',
  'cmd',
  'dockerfile',
  'makefile',
  'cmake',
  'mk',
  'gitignore',
  'gitattributes',
  'editorconfig',
  'diff',
  'patch',
  'srt',
  'vtt',
  'tex',
  'bib',
]);

// Whole names that are text though they have no extension.
const TEXT_NAMES = new Set([
  'dockerfile',
  'makefile',
  'readme',
  'license',
  'licence',
  'changelog',
  'authors',
  'notice',
  'procfile',
  'gemfile',
  'rakefile',
  'vagrantfile',
]);

const TEXT_APPLICATION_TYPES = new Set([
  'application/xml',
  'application/javascript',
  'application/x-javascript',
  'application/ecmascript',
  'application/typescript',
  'application/x-typescript',
  'application/x-sh',
  'application/x-shellscript',
  'application/sql',
  'application/yaml',
  'application/x-yaml',
  'application/toml',
  'application/x-toml',
  'application/graphql',
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/x-httpd-php',
  'application/xhtml+xml',
  'application/rtf',
]);

/** The last path segment of a key: "a/b/photo.png" → "photo.png" (a key ending in "/" keeps its last segment). */
export function objectName(key: string): string {
  const trimmed = key.endsWith('/') ? key.slice(0, -1) : key;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || key;
}

/** The extension of a key in lower case, without the dot: "a/Photo.JPG" → "jpg"; "" when there is none. */
export function extensionOf(key: string): string {
  const name = objectName(key);
  const dot = name.lastIndexOf('.');
  // ".gitignore" is a name whose extension is the whole name after the dot.
  return dot === -1 || dot === name.length - 1 ? '' : name.slice(dot + 1).toLowerCase();
}

/** A Content-Type without parameters, in lower case: "Text/CSV; charset=utf-8" → "text/csv". */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function kindFromType(type: string): PreviewKind | undefined {
  if (IMAGE_TYPES.has(type)) return 'image';
  if (type === 'application/pdf') return 'pdf';
  if (type === 'text/csv' || type === 'text/tab-separated-values' || type === 'application/csv') return 'csv';
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('text/') || type.endsWith('+xml') || TEXT_APPLICATION_TYPES.has(type)) return 'text';
  return undefined;
}

function kindFromName(key: string): PreviewKind {
  const extension = extensionOf(key);
  if (IMAGE_EXTENSIONS.has(extension)) return 'image';
  if (CSV_EXTENSIONS.has(extension)) return 'csv';
  if (JSON_EXTENSIONS.has(extension)) return 'json';
  if (AUDIO_EXTENSIONS.has(extension)) return 'audio';
  if (VIDEO_EXTENSIONS.has(extension)) return 'video';
  if (TEXT_EXTENSIONS.has(extension) || TEXT_NAMES.has(objectName(key).toLowerCase())) return 'text';
  return 'none';
}

/**
 * The preview for an object. A Content-Type Pail can show wins (a `.txt`
 * served as image/png is an image); any other (`binary/octet-stream`, none,
 * application/vnd.ms-excel for a CSV) defers to the extension. A `.svg`
 * without the SVG type is shown as text, because `<img>` only renders SVG
 * served as image/svg+xml, and a PDF needs application/pdf, because a frame
 * downloads what it does not recognise. Compressed bodies and very large
 * images get no preview.
 */
export function previewKind(subject: PreviewSubject): PreviewDecision {
  const encoding = (subject.contentEncoding ?? '').trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    return { kind: 'none', reason: `No preview for content stored compressed (Content-Encoding: ${encoding}).` };
  }
  const type = mediaType(subject.contentType);
  const typed = kindFromType(type);
  if (!typed && extensionOf(subject.key) === 'pdf') {
    // A frame downloads what it does not recognise instead of showing it.
    return {
      kind: 'none',
      reason: `This PDF is stored as ${type || 'no type'}, so it cannot be shown here. Set its Content-Type to application/pdf (Edit metadata), or download it.`,
    };
  }
  const kind = typed ?? kindFromName(subject.key);
  if (kind === 'image' && subject.size > MAX_IMAGE_PREVIEW_BYTES) {
    return { kind: 'none', reason: 'This image is too large to preview; download it instead.' };
  }
  if (kind === 'none') return { kind, reason: 'No preview for this type' };
  return { kind };
}

/** Whether a preview of this kind reads the start of the object as text (rather than loading a local link). */
export function isTextKind(kind: PreviewKind): kind is 'text' | 'json' | 'csv' {
  return kind === 'text' || kind === 'json' || kind === 'csv';
}

/** The CSV delimiter for an object: tab for `.tsv` and text/tab-separated-values, otherwise a comma. */
export function csvDelimiter(subject: Pick<PreviewSubject, 'key' | 'contentType'>): ',' | '\t' {
  return mediaType(subject.contentType) === 'text/tab-separated-values' || extensionOf(subject.key) === 'tsv' ? '\t' : ',';
}
