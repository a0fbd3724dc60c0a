import { describe, expect, it } from 'vitest';
import { CORS_PRESETS, corsRuleInWords, corsRuleSchema, corsRulesSchema, isCorsOrigin } from './cors';

describe('CORS rules', () => {
  it('accepts origins as S3 matches them, and explains one that is not', () => {
    for (const origin of ['*', 'https://example.com', 'http://localhost:5173', 'https://*.example.com', 'app://pail']) expect(isCorsOrigin(origin)).toBe(true);
    for (const origin of ['example.com', 'https://example.com/path', 'https://*.*.example.com', '', 'https://exa mple.com'])
      expect(isCorsOrigin(origin)).toBe(false);
    const parsed = corsRuleSchema.safeParse({ allowedOrigins: ['example.com'], allowedMethods: ['GET'] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toBe(
      '"example.com" is not an origin: write "*" or a scheme and host with no path, like https://example.com (one "*" may stand for part of it: https://*.example.com).',
    );
  });

  it('needs an origin and a method, knows S3’s methods, and holds at most 100 rules', () => {
    expect(corsRuleSchema.safeParse({ allowedOrigins: [], allowedMethods: ['GET'] }).error?.issues[0].message).toBe(
      'Name at least one origin (or "*" for any site).',
    );
    expect(corsRuleSchema.safeParse({ allowedOrigins: ['*'], allowedMethods: [] }).error?.issues[0].message).toBe('Allow at least one method.');
    expect(corsRuleSchema.safeParse({ allowedOrigins: ['*'], allowedMethods: ['PATCH'] }).success).toBe(false);
    expect(corsRuleSchema.safeParse({ allowedOrigins: ['*'], allowedMethods: ['GET'], allowedHeaders: ['x y'] }).success).toBe(false);
    expect(corsRulesSchema.safeParse(Array.from({ length: 101 }, () => CORS_PRESETS['read-anywhere']())).error?.issues[0].message).toBe(
      'A bucket holds at most 100 CORS rules.',
    );
  });

  it('says each rule as a sentence', () => {
    expect(corsRuleInWords(CORS_PRESETS['browser-uploads']('https://example.com'))).toBe(
      'Web pages on https://example.com may send GET, PUT, POST and HEAD requests with any headers, and read the ETag header. Browsers may remember this for 50 minutes.',
    );
    expect(corsRuleInWords(CORS_PRESETS['read-anywhere']())).toBe(
      'Web pages on any site may send GET and HEAD requests, and read the ETag, Content-Length, Content-Type and Last-Modified headers. Browsers may remember this for 50 minutes.',
    );
    expect(
      corsRuleInWords({
        allowedOrigins: ['https://a.example', 'https://b.example'],
        allowedMethods: ['DELETE'],
        allowedHeaders: ['x-amz-date'],
        exposeHeaders: [],
      }),
    ).toBe('Web pages on https://a.example and https://b.example may send DELETE requests with the header x-amz-date.');
    expect(corsRuleInWords({ allowedOrigins: ['*'], allowedMethods: ['GET'], allowedHeaders: [], exposeHeaders: [], maxAgeSeconds: 86_400 })).toBe(
      'Web pages on any site may send GET requests. Browsers may remember this for 1 day.',
    );
  });
});
