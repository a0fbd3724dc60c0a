/**
 * Names a bucket can hold that XML, terminals and file systems each find hard: control characters and line ends
 * (which XML cannot carry), unicode, URL-special characters, a climb, 300 bytes, and a key and a "folder" of the
 * same name ("a" and "a/b").
 */
export const HOSTILE_NAMES = [
  'esc\x1b[31mred',
  'line\nfeed',
  'carriage\rreturn',
  'crlf\r\nend',
  'tab\tbed',
  'del\x7f',
  'soh\x01',
  'ünï 文 😀',
  'plus+pct%41#hash?q',
  '../up',
  `${'l'.repeat(300)}.txt`,
  `${'é'.repeat(200)}.bin`,
  'a',
  'a/b',
];
