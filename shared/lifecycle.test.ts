import { describe, expect, it } from 'vitest';
import { abortIncompleteRule, lifecycleRuleInWords, lifecycleRulesSchema, type LifecycleRule } from './lifecycle';

const rule = (patch: Partial<LifecycleRule>): LifecycleRule => ({ id: 'r', enabled: true, prefix: '', tags: [], transitions: [], ...patch });

describe('lifecycle rules', () => {
  it('says each rule as sentences, what is off first', () => {
    expect(lifecycleRuleInWords(rule({ prefix: 'logs/', expireDays: 30, expireNoncurrentDays: 7, abortIncompleteDays: 1 }))).toBe(
      'For objects under logs/: they expire 30 days after they are written. Older versions are deleted 7 days after they are replaced. Unfinished uploads are aborted 1 day after they start.',
    );
    expect(lifecycleRuleInWords(abortIncompleteRule())).toBe('For everything in the bucket: unfinished uploads are aborted 7 days after they start.');
    expect(
      lifecycleRuleInWords(
        rule({
          enabled: false,
          tags: [{ key: 'team', value: 'web' }],
          transitions: [
            { days: 90, storageClass: 'GLACIER' },
            { days: 30, storageClass: 'STANDARD_IA' },
          ],
        }),
      ),
    ).toBe('Off. For objects tagged team=web: they move to STANDARD_IA after 30 days. They move to GLACIER after 90 days.');
    expect(lifecycleRuleInWords(rule({ expireDays: 1, locked: ['an expiry date'], original: '{}' }))).toBe(
      'For everything in the bucket: they expire 1 day after they are written. It also sets an expiry date, which Pail keeps as they are.',
    );
  });

  it('refuses a rule that does nothing, two rules of one name, and days out of range', () => {
    expect(lifecycleRulesSchema.safeParse([rule({})]).error?.issues[0].message).toMatch(/^Say what the rule does/);
    expect(lifecycleRulesSchema.safeParse([rule({ expireDays: 1 }), rule({ expireDays: 2 })]).error?.issues[0].message).toBe(
      'Two rules have the same name; each needs its own.',
    );
    expect(lifecycleRulesSchema.safeParse([rule({ expireDays: 0 })]).error?.issues[0].message).toBe('Give a number of days from 1.');
    expect(lifecycleRulesSchema.safeParse([rule({ abortIncompleteDays: 7 })]).success).toBe(true);
    // A rule kept as the server had it must be the server's JSON: the main process sends it back as it is.
    expect(lifecycleRulesSchema.safeParse([rule({ original: '{ not json' })]).error?.issues[0].message).toBe(
      'A kept rule is the server’s rule as a JSON object.',
    );
    expect(lifecycleRulesSchema.safeParse([rule({ original: '[1]' })]).success).toBe(false);
    expect(lifecycleRulesSchema.safeParse([rule({ original: '{"ID": "x"}' })]).success).toBe(true);
  });
});
