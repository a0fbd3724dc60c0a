import fc from 'fast-check';
import { z } from 'zod';

/**
 * fast-check arbitraries built from the contract's zod schemas, for fuzzing
 * the request channels. No maintained bridge supports zod 4 (zod-fast-check
 * 0.10 needs zod 3 and fast-check 3), so the schema goes through zod 4's own
 * documented export, `z.toJSONSchema` (its input side: defaults optional),
 * and this walks the JSON Schema subset that export produces: objects,
 * strings (length, pattern, uuid and date-time formats), integers, booleans,
 * arrays, enums, constants and unions. Refinements do not survive the export,
 * so some generated requests are invalid: the dispatcher must answer those too.
 */

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
};

/**
 * Arbitraries by property name, wherever the name occurs. `prefer` mixes the
 * given values with what the schema allows (real profile ids and buckets, so
 * requests get past "not found"); `force` replaces the schema entirely (local
 * paths and URLs, so a fuzzed request never reads or writes outside a
 * sandbox, nor talks to a host other than this machine).
 */
export interface PropertyHints {
  prefer?: Record<string, fc.Arbitrary<unknown>>;
  force?: Record<string, fc.Arbitrary<unknown>>;
}

/** Arrays are kept short: a fuzz case is about shapes, not volume (big inputs come from the junk arbitraries). */
const MAX_ITEMS = 6;
/** Strings are kept short unless the schema asks for more. */
const MAX_CHARS = 40;

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? MAX_CHARS, MAX_CHARS));
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date-time')
    return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    // Full-string patterns give strings of any length the pattern allows; the length bounds still apply.
    return fc.stringMatching(pattern).filter((s) => s.length >= min && s.length <= (schema.maxLength ?? Infinity));
  }
  return fc.string({
    minLength: min,
    maxLength: max,
    unit: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...'abcxyz019-_./ '.split('')) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    ),
  });
}

function integerArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000_000);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000_000);
  return fc.integer({ min, max });
}

function objectArbitrary(schema: JsonSchema, hints: PropertyHints): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) shape[name] = propertyArbitrary(name, property, hints);
  const record = fc.record(shape, { requiredKeys: Object.keys(shape).filter((name) => required.has(name)) });
  if (typeof schema.additionalProperties !== 'object') return record;
  // A map (z.record): keys from propertyNames, values from additionalProperties.
  const keys = schema.propertyNames ? stringArbitrary(schema.propertyNames) : fc.string({ maxLength: MAX_CHARS });
  const values = arbitraryOf(schema.additionalProperties, hints);
  return fc.tuple(record, fc.dictionary(keys, values, { maxKeys: 4 })).map(([fixed, extra]) => ({ ...extra, ...fixed }));
}

function propertyArbitrary(name: string, schema: JsonSchema, hints: PropertyHints): fc.Arbitrary<unknown> {
  const forced = hints.force?.[name];
  if (forced) return forced;
  const derived = arbitraryOf(schema, hints);
  const preferred = hints.prefer?.[name];
  return preferred ? fc.oneof(preferred, derived) : derived;
}

/** An arbitrary for one JSON Schema node. */
export function arbitraryOf(schema: JsonSchema, hints: PropertyHints = {}): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((member) => arbitraryOf(member, hints)));
  switch (Array.isArray(schema.type) ? schema.type[0] : schema.type) {
    case 'object':
      return objectArbitrary(schema, hints);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      return fc.array(schema.items ? arbitraryOf(schema.items, hints) : fc.anything(), {
        minLength,
        maxLength: Math.max(minLength, Math.min(schema.maxItems ?? MAX_ITEMS, MAX_ITEMS)),
      });
    }
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return integerArbitrary(schema);
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      // No type (zod's "unknown"/"any", or something the export could not represent): anything.
      return fc.anything();
  }
}

/** Requests as the schema describes them (as a caller writes them: defaults may be left out). */
export function requestArbitrary(schema: z.ZodType, hints: PropertyHints = {}): fc.Arbitrary<unknown> {
  return arbitraryOf(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema, hints);
}

/** Keys an attacker sends to pollute prototypes, as own properties (what JSON.parse makes of them). */
export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** A value with prototype-pollution keys as own properties, around `inner`. */
export function polluted(inner: unknown): Record<string, unknown> {
  return JSON.parse(
    `{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "inner": ${JSON.stringify(inner ?? null)}}`,
  ) as Record<string, unknown>;
}

/**
 * Junk for any request: values of the wrong type, huge strings, deep nesting,
 * objects with prototype-pollution keys, and well-formed requests with one
 * field (never a sandboxed one) replaced by junk or joined by pollution keys.
 */
export function junkArbitrary(valid: fc.Arbitrary<unknown>, sandboxed: ReadonlySet<string>): fc.Arbitrary<unknown> {
  const hugeString = fc.constantFrom('x'.repeat(1_000_000), '\u{1F600}'.repeat(100_000), '\0'.repeat(10_000));
  const wrongType = fc.oneof(
    fc.anything({
      maxDepth: 3,
      key: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...POLLUTION_KEYS)),
      withBigInt: false,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withNullPrototype: true,
    }),
    hugeString,
    fc.constantFrom(null, undefined, 0, -1, Number.NaN, Infinity, true, [], '', 'null', [[[[[[[[[[]]]]]]]]]]),
  );
  const mutated = fc.tuple(valid, wrongType, fc.nat()).map(([request, junk, pick]) => {
    if (!request || typeof request !== 'object' || Array.isArray(request)) return junk;
    const keys = Object.keys(request).filter((key) => !sandboxed.has(key));
    if (keys.length === 0) return { ...request, [`extra${pick}`]: junk };
    return { ...request, [keys[pick % keys.length]]: junk };
  });
  const withPollution = valid.map((request) =>
    request && typeof request === 'object' && !Array.isArray(request) ? { ...polluted(null), ...request } : polluted(request),
  );
  return fc.oneof(wrongType, mutated, withPollution);
}
