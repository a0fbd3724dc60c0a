import { describe, expect, it } from 'vitest';
import { CORS_PRESETS } from '../../shared/cors';
import { corsFormValues, corsRuleOf, presetValues } from './cors-form';

describe('the CORS rule editor', () => {
  it('turns the fields into a rule, lists split by lines, commas or spaces', () => {
    const values = {
      ...corsFormValues(),
      origins: 'https://a.example\nhttps://b.example, http://localhost:3000',
      methods: ['PUT' as const, 'GET' as const],
      allowedHeaders: 'content-type, x-amz-date',
      exposeHeaders: 'ETag',
      maxAge: '600',
    };
    expect(corsRuleOf(values)).toEqual({
      rule: {
        allowedOrigins: ['https://a.example', 'https://b.example', 'http://localhost:3000'],
        allowedMethods: ['GET', 'PUT'],
        allowedHeaders: ['content-type', 'x-amz-date'],
        exposeHeaders: ['ETag'],
        maxAgeSeconds: 600,
      },
      problems: {},
    });
  });

  it('names the field each problem belongs to', () => {
    expect(corsRuleOf({ ...corsFormValues(), origins: '' }).problems).toEqual({ origins: 'Name at least one origin (or "*" for any site).' });
    expect(corsRuleOf({ ...corsFormValues(), origins: 'example.com', methods: [] }).problems).toMatchObject({
      origins: expect.stringMatching(/^"example\.com" is not an origin/),
      methods: 'Allow at least one method.',
    });
    expect(corsRuleOf({ ...corsFormValues(), origins: '*', maxAge: 'soon' }).problems).toEqual({
      maxAge: 'Give a whole number of seconds, or leave it empty.',
    });
    expect(corsRuleOf({ ...corsFormValues(), origins: '*', allowedHeaders: 'a b c d(e)' }).problems).toEqual({
      allowedHeaders: 'A header name has letters, digits and - only (or "*").',
    });
  });

  it('reads a saved rule back into the fields unchanged', () => {
    const rule = CORS_PRESETS['browser-uploads']('https://app.example');
    expect(corsRuleOf(corsFormValues(rule)).rule).toEqual(rule);
  });

  it('fills a preset, keeping the origin already typed for uploads', () => {
    const typed = { ...corsFormValues(), origins: 'https://app.example' };
    expect(corsRuleOf(presetValues('browser-uploads', typed)).rule).toEqual(CORS_PRESETS['browser-uploads']('https://app.example'));
    expect(presetValues('browser-uploads', { ...corsFormValues(), origins: '*' }).origins).toBe('');
    expect(corsRuleOf(presetValues('read-anywhere', typed)).rule).toEqual(CORS_PRESETS['read-anywhere']());
  });
});
