import type { z } from 'zod';

/**
 * What is wrong with a data file, in words a user can act on: where JSON
 * breaks (line and column), and which field has the wrong kind of value.
 * Never quotes the file's content: secrets.json holds secret keys.
 */

/** Each parse error of jsonc-parser (by its printed name) in words. */
const JSON_ERRORS: Record<string, string> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a field name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a ":" was expected',
  CommaExpected: 'a "," was expected',
  CloseBraceExpected: 'a closing "}" was expected',
  CloseBracketExpected: 'a closing "]" was expected',
  EndOfFileExpected: 'more text follows the end of the data',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfString: 'a text value is not closed',
  UnexpectedEndOfNumber: 'a number is cut off',
  InvalidUnicode: 'a malformed \\u escape',
  InvalidEscapeCharacter: 'a malformed escape (\\)',
  InvalidCharacter: 'a control character inside a text value',
};

/** Line and column (from 1) of an offset in a text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/**
 * Where and why a text that `JSON.parse` refused is not JSON. Node's own
 * messages give no position for most errors and quote the text; jsonc-parser
 * (VS Code's, strict options) reports an offset and a reason without either.
 * Loaded only when a file is damaged, so a normal start pays nothing for it.
 */
export async function jsonProblem(text: string): Promise<string> {
  const { parse, printParseErrorCode } = await import('jsonc-parser');
  const errors: { error: number; offset: number; length: number }[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return 'it cannot be read as JSON';
  const { line, column } = lineAndColumn(text, first.offset);
  const name = printParseErrorCode(first.error as Parameters<typeof printParseErrorCode>[0]);
  // A text or number cut off by the end of the file is a file cut short, not a typo.
  const rest = text.slice(first.offset).trimEnd();
  const endsEarly = !rest || (name.startsWith('UnexpectedEndOf') && !rest.includes('\n'));
  const what = endsEarly ? 'it ends too early (the file may have been cut short)' : (JSON_ERRORS[name] ?? 'it cannot be read');
  return `${what}, at line ${line}, column ${column}`;
}

/** "a number", "a list", "text": what kind of value a user would call it. */
export function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return `${value}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/** `publicUrlBases.my-bucket`, `done[3]`: a field's place in words a hand edit can find. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`)).join('');
}

/**
 * The first problems of a value against its schema: "it is a list, where Pail
 * keeps an object", or "name: expected a string, got a number" per field.
 */
export function describeSchemaProblem(error: z.ZodError, input: unknown): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const value = valueAt(input, issue.path);
      const expected = issue.code === 'invalid_type' ? (EXPECTED[issue.expected] ?? issue.expected) : undefined;
      if (!issue.path.length) return expected ? `it is ${kindOf(value)}, where Pail keeps ${expected}` : issue.message;
      const field = fieldPath(issue.path);
      if (expected) return value === undefined ? `${field}: missing (expected ${expected})` : `${field}: expected ${expected}, got ${kindOf(value)}`;
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}
