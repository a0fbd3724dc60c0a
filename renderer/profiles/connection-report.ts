import { countOf } from '../../shared/counts';
import type { ConnectionReport, ConnectionStep, Verdict } from '../../shared/connection-test';

/** Each verdict as a word, so the report never relies on colour alone. */
export const VERDICT_WORDS: Record<Verdict, string> = {
  pass: 'Passed',
  warn: 'Warning',
  fail: 'Failed',
  skip: 'Skipped',
};

/** The report's first line: "Connected", "Connected, with 1 warning", or the first step that failed. */
export function reportHeadline(report: ConnectionReport): string {
  const failed = report.steps.find((s) => s.verdict === 'fail');
  if (!report.ok || failed) return failed ? `Not connected: ${failed.title} failed` : 'Not connected';
  const warnings = report.steps.filter((s) => s.verdict === 'warn').length;
  if (warnings === 0) return 'Connected';
  return `Connected, with ${countOf(warnings, 'warning')}`;
}

/** Whether the key works but may not list buckets, so the user should name one to open. */
export function cannotListBuckets(report: ConnectionReport): boolean {
  const auth = report.steps.find((s) => s.id === 'auth');
  if (auth?.error?.code === 'AccessDenied' && auth.verdict !== 'pass') return true;
  return report.suggestions.some((s) => s.setting === 'defaultBucket');
}

/** A step's duration for people: "12 ms", "1.4 s"; nothing for a skipped step. */
export function stepDuration(step: ConnectionStep): string {
  if (step.verdict === 'skip') return '';
  if (step.durationMs < 1000) return `${Math.max(0, Math.round(step.durationMs))} ms`;
  return `${(step.durationMs / 1000).toFixed(1)} s`;
}

/** The buckets a report saw, shortened for one line: "a, b, c and 4 more". */
export function bucketsLine(buckets: string[] | undefined, shown = 5): string | undefined {
  if (!buckets) return undefined;
  if (buckets.length === 0) return 'This key sees no buckets.';
  const head = buckets.slice(0, shown).join(', ');
  const rest = buckets.length - shown;
  return `Buckets seen: ${head}${rest > 0 ? ` and ${rest} more` : ''}`;
}
