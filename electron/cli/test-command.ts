import { certificateDetails } from '../../shared/certificates';
import { connectionTestRequestSchema, type ConnectionReport, type SettingSuggestion, type Verdict } from '../../shared/connection-test';
import { UsageError, type CliCommand, type CliRun } from './cli-kit';

/** The usage lines of the connection test, for the CLI's help. */
export const TEST_USAGE = `  pail profile test NAME [--write-bucket BUCKET]   test a profile step by step (DNS, TCP, TLS, sign-in, clock); with a bucket, also a small upload, read and delete
`;

/**
 * Thrown after a failing report has been printed: the command failed, and
 * everything worth saying is on the screen already, so the runner should exit
 * with 1 without printing anything more.
 */
export class ReportedFailure extends Error {
  constructor(readonly report: ConnectionReport) {
    super(report.summary);
    this.name = 'ReportedFailure';
  }
}

const LABELS: Record<Verdict, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' };

const SETTING_WORDS: Record<SettingSuggestion['setting'], string> = {
  checksumMode: 'checksum mode',
  deleteObjectsMd5: 'Content-MD5 on batch deletes',
  addressingStyle: 'addressing style',
  region: 'region',
  defaultBucket: 'default bucket',
};

function describeSuggestion(s: SettingSuggestion): string {
  const change = typeof s.value === 'boolean' ? `turn ${s.value ? 'on' : 'off'} ${SETTING_WORDS[s.setting]}` : `set ${SETTING_WORDS[s.setting]} to ${s.value}`;
  return `${change[0].toUpperCase()}${change.slice(1)}: ${s.reason}`;
}

/**
 * A report as terminal lines: one line per step (verdict, title, what was
 * found), the error's message and hint indented under failures and warnings,
 * then the suggested setting changes and the summary.
 */
export function formatConnectionReport(report: ConnectionReport): string {
  const width = Math.max(...report.steps.map((s) => s.title.length));
  const lines: string[] = [];
  for (const step of report.steps) {
    lines.push(`${LABELS[step.verdict]}  ${step.title.padEnd(width)}  ${step.detail}`.trimEnd());
    if (step.error && step.verdict !== 'pass') {
      lines.push(`      ${step.error.message}`, `      ${step.error.hint}`);
      // A refused certificate: what it says, to check its fingerprint before `pail profile trust`.
      if (step.error.certificate?.sha256) for (const [label, value] of certificateDetails(step.error.certificate)) lines.push(`        ${label}: ${value}`);
    }
  }
  if (report.suggestions.length) {
    lines.push('', 'Suggested changes to the profile:');
    for (const suggestion of report.suggestions) lines.push(`  - ${describeSuggestion(suggestion)}`);
  }
  lines.push('', report.summary);
  return lines.join('\n') + '\n';
}

const profileTest: CliRun = async (services, { flags, positional }, io) => {
  if (positional.length !== 1) throw new UsageError('Name one profile to test: pail profile test NAME [--write-bucket BUCKET].');
  const profile = await services.profiles.find(positional[0]);
  const writeBucket = flags['write-bucket'] as string | undefined;
  const request = connectionTestRequestSchema.safeParse({ profileId: profile.id, ...(writeBucket !== undefined && { writeBucket }) });
  if (!request.success) throw new UsageError(request.error.issues.map((i) => i.message).join(' '));

  io.stdout.write(`Testing "${profile.name}" (${profile.endpoint}, region ${profile.region})${writeBucket ? ` with bucket ${writeBucket}` : ''}\n\n`);
  const report = await services.connection.test(request.data);
  io.stdout.write(formatConnectionReport(report));
  if (!report.ok) throw new ReportedFailure(report);
};

/** The connection test command, to merge into the CLI's command table. */
export const TEST_COMMANDS: Record<string, CliCommand> = {
  'profile test': { usage: TEST_USAGE, options: { 'write-bucket': { type: 'string' } }, run: profileTest },
};
