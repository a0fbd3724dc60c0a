import { describe, expect, it } from 'vitest';
import type { ConnectionReport, ConnectionStep } from '../../shared/connection-test';
import { compatSummary, describeSuggestion } from './compat-options';
import { bucketsLine, cannotListBuckets, reportHeadline, stepDuration, VERDICT_WORDS } from './connection-report';

const step = (patch: Partial<ConnectionStep>): ConnectionStep => ({
  id: 'dns',
  title: 'Endpoint name resolves (DNS)',
  verdict: 'pass',
  detail: '',
  durationMs: 3,
  ...patch,
});

const report = (steps: ConnectionStep[], patch: Partial<ConnectionReport> = {}): ConnectionReport => ({
  ok: !steps.some((s) => s.verdict === 'fail'),
  steps,
  summary: '',
  suggestions: [],
  ...patch,
});

describe('the report headline', () => {
  it('says connected, with warnings counted', () => {
    expect(reportHeadline(report([step({})]))).toBe('Connected');
    expect(reportHeadline(report([step({ verdict: 'warn' }), step({ id: 'auth', verdict: 'skip' })]))).toBe('Connected, with 1 warning');
  });

  it('names the first step that failed', () => {
    const failed = report([step({}), step({ id: 'auth', title: 'Credentials accepted', verdict: 'fail' })]);
    expect(reportHeadline(failed)).toBe('Not connected: Credentials accepted failed');
  });

  it('gives every verdict a word', () => {
    expect(Object.values(VERDICT_WORDS)).toEqual(['Passed', 'Warning', 'Failed', 'Skipped']);
  });
});

describe('report details', () => {
  it('notice a key that may not list buckets', () => {
    const denied = { code: 'AccessDenied' as const, message: 'm', hint: 'h' };
    expect(cannotListBuckets(report([step({ id: 'auth', verdict: 'warn', error: denied })]))).toBe(true);
    expect(cannotListBuckets(report([step({ id: 'auth' })]))).toBe(false);
    expect(cannotListBuckets(report([], { suggestions: [{ setting: 'defaultBucket', value: 'b', reason: 'r' }] }))).toBe(true);
  });

  it('read durations and buckets for people', () => {
    expect(stepDuration(step({ durationMs: 12.4 }))).toBe('12 ms');
    expect(stepDuration(step({ durationMs: 1440 }))).toBe('1.4 s');
    expect(stepDuration(step({ verdict: 'skip' }))).toBe('');
    expect(bucketsLine(['a', 'b', 'c'], 2)).toBe('Buckets seen: a, b and 1 more');
    expect(bucketsLine([])).toBe('This key sees no buckets.');
    expect(bucketsLine(undefined)).toBeUndefined();
  });

  it('words a suggestion as an instruction', () => {
    expect(describeSuggestion({ setting: 'checksumMode', value: 'WHEN_REQUIRED', reason: '' })).toBe(
      'Set Checksum mode to “Only when required (recommended for non-AWS)”',
    );
    expect(describeSuggestion({ setting: 'deleteObjectsMd5', value: true, reason: '' })).toBe('Turn on Content-MD5 on batch deletes');
    expect(describeSuggestion({ setting: 'region', value: 'eu-west-1', reason: '' })).toBe('Set Region to “eu-west-1”');
  });
});

describe('compatSummary', () => {
  it('reads the settings in one line', () => {
    const base = {
      addressingStyle: 'path' as const,
      checksumMode: 'WHEN_REQUIRED' as const,
      deleteObjectsMd5: false,
      aclSupport: 'auto' as const,
      defaultBucket: '',
    };
    expect(compatSummary(base)).toBe('Path addressing · checksums only when required · ACLs: auto-detect');
    expect(compatSummary({ ...base, addressingStyle: 'virtual', checksumMode: 'WHEN_SUPPORTED', deleteObjectsMd5: true, defaultBucket: 'only' })).toBe(
      'Virtual-host addressing · checksums when supported · ACLs: auto-detect · Content-MD5 on batch deletes · default bucket only',
    );
  });
});
