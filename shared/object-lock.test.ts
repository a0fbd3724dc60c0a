import { describe, expect, it } from 'vitest';
import {
  defaultRetentionSchema,
  needsGovernanceBypass,
  objectLockInWords,
  objectLockStateInWords,
  retentionChangeInWords,
  retentionChangeProblem,
  type Retention,
} from './object-lock';

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');
const now = new Date('2026-12-06T12:00:00Z');
const governance = (until: string): Retention => ({ mode: 'GOVERNANCE', retainUntil: until });
const compliance = (until: string): Retention => ({ mode: 'COMPLIANCE', retainUntil: until });

describe('Object Lock in words', () => {
  it('says a bucket’s setting and default retention', () => {
    expect(objectLockInWords({ enabled: false })).toBe('Object Lock is off. A bucket gets it only when it is created (Create bucket, "Object Lock").');
    expect(objectLockInWords({ enabled: true })).toMatch(/^Object Lock is on, without a default retention/);
    expect(objectLockInWords({ enabled: true, defaultRetention: { mode: 'COMPLIANCE', years: 1 } })).toBe(
      'Object Lock is on. Each new version is kept for 1 year after it is written, in compliance mode: no one, not even the account’s root user, may delete or overwrite it or shorten its retention.',
    );
    expect(objectLockInWords({ enabled: true, defaultRetention: { mode: 'GOVERNANCE', days: 30 } })).toMatch(
      /kept for 30 days after it is written, in governance mode/,
    );
  });

  it('says a version’s retention, one that has ended, and its legal hold', () => {
    expect(objectLockStateInWords({ retention: governance('2027-01-01T00:00:00Z'), legalHold: false }, when, now)).toEqual([
      'Locked until 2027-01-01 00:00, in governance mode: only users allowed to bypass governance retention may delete or overwrite it, or shorten its retention.',
      'No legal hold.',
    ]);
    expect(objectLockStateInWords({ retention: compliance('2026-12-01T00:00:00Z'), legalHold: true }, when, now)).toEqual([
      'Its retention ended 2026-12-01 00:00: it may be deleted.',
      'Legal hold is on: this version may not be deleted or overwritten, whatever its retention, until the hold is removed.',
    ]);
    expect(objectLockStateInWords({ legalHold: false }, when, now)[0]).toBe('No retention: this version is not locked for a time.');
  });

  it('says what a retention change does, and when it needs the governance bypass', () => {
    const jan = governance('2027-01-01T00:00:00Z');
    const feb = governance('2027-02-01T00:00:00Z');
    expect(retentionChangeInWords(undefined, jan, when)).toMatch(/^Locks this version until 2027-01-01 00:00, in governance mode/);
    expect(retentionChangeInWords(jan, feb, when)).toBe('Lengthens its retention from 2027-01-01 00:00 to 2027-02-01 00:00.');
    expect(retentionChangeInWords(feb, jan, when)).toBe('Shortens its retention from 2027-02-01 00:00 to 2027-01-01 00:00.');
    expect(retentionChangeInWords(jan, compliance(jan.retainUntil), when)).toBe('Changes its mode from governance to compliance, until 2027-01-01 00:00.');
    expect(retentionChangeInWords(jan, compliance(feb.retainUntil), when)).toBe(
      'Lengthens its retention from 2027-01-01 00:00 to 2027-02-01 00:00 and changes its mode from governance to compliance.',
    );
    expect(retentionChangeInWords(jan, null, when)).toBe('Removes the governance retention that ends 2027-01-01 00:00.');
    expect(retentionChangeInWords(jan, jan, when)).toBe('');

    expect(needsGovernanceBypass(jan, feb)).toBe(false);
    expect(needsGovernanceBypass(feb, jan)).toBe(true);
    expect(needsGovernanceBypass(jan, null)).toBe(true);
    expect(needsGovernanceBypass(jan, compliance(feb.retainUntil))).toBe(true);
    expect(needsGovernanceBypass(compliance(feb.retainUntil), compliance('2027-03-01T00:00:00Z'))).toBe(false);
  });

  it('refuses what a compliance retention forbids, and a retention in the past', () => {
    const march = compliance('2027-03-01T00:00:00Z');
    expect(retentionChangeProblem(march, null, now)).toBe('A compliance retention cannot be removed before it ends, by anyone.');
    expect(retentionChangeProblem(march, compliance('2027-02-01T00:00:00Z'), now)).toBe('A compliance retention can only be lengthened, never shortened.');
    expect(retentionChangeProblem(march, governance('2027-04-01T00:00:00Z'), now)).toBe(
      'A compliance retention cannot be turned into governance before it ends.',
    );
    expect(retentionChangeProblem(march, compliance('2027-04-01T00:00:00Z'), now)).toBeUndefined();
    expect(retentionChangeProblem(compliance('2026-11-01T00:00:00Z'), null, now)).toBeUndefined();
    expect(retentionChangeProblem(undefined, governance('2026-12-01T00:00:00Z'), now)).toMatch(/^Choose a moment in the future/);
  });

  it('takes a default retention in days or in years, not both, within S3’s limits', () => {
    expect(defaultRetentionSchema.safeParse({ mode: 'GOVERNANCE', days: 30 }).success).toBe(true);
    expect(defaultRetentionSchema.safeParse({ mode: 'GOVERNANCE', days: 30, years: 1 }).error?.issues[0].message).toBe(
      'Give the period in days or in years, not both.',
    );
    expect(defaultRetentionSchema.safeParse({ mode: 'GOVERNANCE' }).success).toBe(false);
    expect(defaultRetentionSchema.safeParse({ mode: 'COMPLIANCE', years: 101 }).error?.issues[0].message).toBe('S3 keeps objects for at most 100 years.');
  });
});
