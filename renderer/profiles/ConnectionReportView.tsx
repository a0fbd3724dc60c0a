import type { ConnectionReport, ConnectionStep, SettingSuggestion } from '../../shared/connection-test';
import { describeSuggestion } from './compat-options';
import { bucketsLine, cannotListBuckets, reportHeadline, stepDuration, VERDICT_WORDS } from './connection-report';
import { describeError } from '../common/error-words';
import { CustomDomainOffer } from './CustomDomainOffer';
import { UntrustedCertificateOffer } from './UntrustedCertificateOffer';
import { isSuggestionApplied } from './profile-form-changes';
import { useProfileEditorStore } from '../stores/profile-editor';

const editor = () => useProfileEditorStore.getState();

function StepItem({ step }: { step: ConnectionStep }) {
  const words = step.error && describeError(step.error);
  const duration = stepDuration(step);
  return (
    <li className={`report-step report-step-${step.verdict}`}>
      <span className={`verdict verdict-${step.verdict}`}>{VERDICT_WORDS[step.verdict]}</span>
      <div className="report-step-body">
        <p className="report-step-title">
          {step.title}
          {duration && <span className="report-step-duration"> · {duration}</span>}
        </p>
        {step.detail && <p className="report-step-detail">{step.detail}</p>}
        {words && (
          <>
            <p className="report-step-error">
              <strong className="error-code">{words.code}</strong> — {words.message}
            </p>
            {words.hint && <p className="report-step-hint">{words.hint}</p>}
            {words.details && <p className="report-step-detail">{words.details}</p>}
          </>
        )}
        {step.error?.certificate && <UntrustedCertificateOffer certificate={step.error.certificate} />}
      </div>
    </li>
  );
}

function SuggestionItem({ suggestion, index }: { suggestion: SettingSuggestion; index: number }) {
  const applied = useProfileEditorStore((state) => isSuggestionApplied(state.values, suggestion));
  const textId = `suggestion-${index}`;
  return (
    <li className="report-suggestion">
      <div id={textId}>
        <p className="report-step-title">{describeSuggestion(suggestion)}</p>
        <p className="report-step-detail">{suggestion.reason}</p>
      </div>
      {applied ? (
        <span className="suggestion-applied">Applied</span>
      ) : (
        <button type="button" className="button button-small" aria-describedby={textId} onClick={() => editor().applySuggestion(suggestion)}>
          Apply
        </button>
      )}
    </li>
  );
}

/** A connection test's answer: a headline, each step with its verdict in words, and suggested fixes. */
export function ConnectionReportView({ report }: { report: ConnectionReport }) {
  const seen = bucketsLine(report.buckets);
  const unverified = useProfileEditorStore((state) => state.values.dontVerifyCertificates);
  return (
    <>
      <p className={`report-headline report-headline-${report.ok ? 'ok' : 'fail'}`}>{reportHeadline(report)}</p>
      {unverified && (
        <p className="report-unverified" role="note">
          Certificates are not verified for this profile: this test cannot tell the real server from an impostor.
        </p>
      )}
      {report.summary && <p className="report-summary">{report.summary}</p>}
      <ol className="stack-list" aria-label="Steps">
        {report.steps.map((step) => (
          <StepItem key={step.id} step={step} />
        ))}
      </ol>
      {seen && <p className="report-summary">{seen}</p>}
      {!report.ok && <CustomDomainOffer report={report} />}
      {cannotListBuckets(report) && (
        <div className="report-note">
          <p>This key may not list buckets. Name the bucket to open instead: Pail opens it as the profile’s default bucket.</p>
          <button type="button" className="button button-small" onClick={() => editor().focusField('defaultBucket')}>
            Open a bucket by name
          </button>
        </div>
      )}
      {report.suggestions.length > 0 && (
        <>
          <h4 className="report-subheading">Suggested changes</h4>
          <ul className="stack-list">
            {report.suggestions.map((suggestion, index) => (
              <SuggestionItem key={`${suggestion.setting}-${String(suggestion.value)}`} suggestion={suggestion} index={index} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}
