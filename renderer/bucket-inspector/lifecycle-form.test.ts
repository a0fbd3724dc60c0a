import { describe, expect, it } from 'vitest';
import { abortIncompleteRule } from '../../shared/lifecycle';
import { lifecycleFormValues, lifecycleRuleOf } from './lifecycle-form';

describe('the lifecycle rule editor', () => {
  it('turns the fields into a rule', () => {
    const values = {
      ...lifecycleFormValues(),
      id: 'logs',
      prefix: 'logs/',
      tags: 'team=web, tmp=yes',
      expireDays: '30',
      abortIncompleteDays: '3',
      transitions: '10:STANDARD_IA, 90 : GLACIER',
    };
    expect(lifecycleRuleOf(values, [])).toEqual({
      rule: {
        id: 'logs',
        enabled: true,
        prefix: 'logs/',
        tags: [
          { key: 'team', value: 'web' },
          { key: 'tmp', value: 'yes' },
        ],
        expireDays: 30,
        abortIncompleteDays: 3,
        transitions: [
          { days: 10, storageClass: 'STANDARD_IA' },
          { days: 90, storageClass: 'GLACIER' },
        ],
      },
      problems: {},
    });
  });

  it('names the field of each problem', () => {
    expect(lifecycleRuleOf(lifecycleFormValues(), []).problems).toEqual({ actions: 'Say what the rule does: fill in at least one of the days below.' });
    expect(lifecycleRuleOf({ ...lifecycleFormValues(), expireDays: 'soon' }, []).problems).toEqual({
      expireDays: 'Give a whole number of days, or leave it empty.',
    });
    expect(lifecycleRuleOf({ ...lifecycleFormValues(), expireDays: '0' }, []).problems).toEqual({ expireDays: 'Give a number of days from 1.' });
    expect(lifecycleRuleOf({ ...lifecycleFormValues(), expireDays: '1', tags: 'team' }, []).problems).toEqual({
      tags: 'Write each tag as name=value (not "team").',
    });
    expect(lifecycleRuleOf({ ...lifecycleFormValues(), expireDays: '1', transitions: 'GLACIER' }, []).problems).toEqual({
      transitions: 'Write each change as DAYS:CLASS, e.g. 30:STANDARD_IA (not "GLACIER").',
    });
    expect(lifecycleRuleOf({ ...lifecycleFormValues(), id: 'a', expireDays: '1' }, ['a']).problems).toEqual({
      id: 'Another rule has this name; each needs its own.',
    });
    expect(lifecycleRuleOf({ ...lifecycleFormValues(), id: ' ', expireDays: '1' }, []).problems).toEqual({ id: 'Name the rule.' });
  });

  it('reads a rule back unchanged, and names a new one apart from the others', () => {
    expect(lifecycleRuleOf(lifecycleFormValues(abortIncompleteRule(3)), []).rule).toEqual(abortIncompleteRule(3));
    expect(lifecycleFormValues(undefined, ['rule-1', 'rule-2']).id).toBe('rule-3');
  });
});
