import { useId, useRef, useState, type FormEvent } from 'react';
import { CORS_METHODS, corsRuleInWords, type CorsRule } from '../../shared/cors';
import type { ErrorInfo } from '../../shared/errors';
import { saveBucketCors } from '../actions/bucket-config';
import { ErrorPanel } from '../common/ErrorPanel';
import { TextField } from '../common/TextField';
import { Modal } from '../dialogs/Modal';
import { corsFormValues, corsRuleOf, presetValues, type CorsFormValues } from './cors-form';

const plainInput = { autoComplete: 'off', spellCheck: false, autoCapitalize: 'off' } as const;

/**
 * Adds a CORS rule to a bucket, or edits one (`index`): presets, the fields, and the rule in words
 * as it will be saved (beside the rule it replaces) before anything is sent.
 */
export function CorsRuleDialog({
  profileId,
  bucket,
  rules,
  index,
  onClose,
}: {
  profileId: string;
  bucket: string;
  rules: CorsRule[];
  index?: number;
  onClose(): void;
}) {
  const editing = index === undefined ? undefined : rules[index];
  const [values, setValues] = useState<CorsFormValues>(() => corsFormValues(editing));
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const originsRef = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const { rule, problems } = corsRuleOf(values);
  const shown = (field: keyof typeof problems) => (attempted ? problems[field] : undefined);
  const change = (patch: Partial<CorsFormValues>) => setValues((current) => ({ ...current, ...patch }));
  const title = editing ? `Edit CORS rule ${index! + 1}` : 'Add a CORS rule';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!rule || busy) return;
    setBusy(true);
    const next = index === undefined ? [...rules, rule] : rules.map((r, i) => (i === index ? rule : r));
    const result = await saveBucketCors(profileId, bucket, next);
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  const originsError = shown('origins');
  const methodsError = shown('methods');
  return (
    <Modal labelledBy={`${id}-title`} className="dialog-wide" initialFocus={originsRef} onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <h2 id={`${id}-title`} className="dialog-title">
          {title}
        </h2>
        <div className="dialog-body">
          <p className="dialog-intro">Which web pages (origins) may call {bucket} from a browser, and with what.</p>
          <div className="cors-presets" role="group" aria-label="Start from a preset">
            <span className="field-help">Start from:</span>
            <button type="button" className="button button-small" onClick={() => setValues(presetValues('browser-uploads', values))}>
              Browser uploads from a site (presigned PUT)
            </button>
            <button type="button" className="button button-small" onClick={() => setValues(presetValues('read-anywhere', values))}>
              GET from anywhere
            </button>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${id}-origins`}>
              Origins
            </label>
            <textarea
              ref={originsRef}
              id={`${id}-origins`}
              className="field-input cors-origins"
              rows={3}
              value={values.origins}
              placeholder="https://app.example.com"
              aria-invalid={originsError ? true : undefined}
              aria-describedby={`${originsError ? `${id}-origins-error ` : ''}${id}-origins-help`}
              {...plainInput}
              onChange={(event) => change({ origins: event.target.value })}
            />
            {originsError && (
              <p id={`${id}-origins-error`} className="field-error">
                {originsError}
              </p>
            )}
            <p id={`${id}-origins-help`} className="field-help">
              One per line: a scheme and host, like https://app.example.com; * for any site.
            </p>
          </div>
          <fieldset className="field-group cors-methods" aria-describedby={methodsError ? `${id}-methods-error` : undefined}>
            <legend className="field-label">Methods</legend>
            <div className="cors-method-list">
              {CORS_METHODS.map((method) => (
                <label key={method} className="field-check">
                  <input
                    type="checkbox"
                    checked={values.methods.includes(method)}
                    onChange={(event) => change({ methods: event.target.checked ? [...values.methods, method] : values.methods.filter((m) => m !== method) })}
                  />
                  {method}
                </label>
              ))}
            </div>
            {methodsError && (
              <p id={`${id}-methods-error`} className="field-error">
                {methodsError}
              </p>
            )}
          </fieldset>
          <TextField
            id={`${id}-headers`}
            label="Request headers pages may send"
            value={values.allowedHeaders}
            placeholder="* for any, or content-type, x-amz-date"
            error={shown('allowedHeaders')}
            {...plainInput}
            onChange={(allowedHeaders) => change({ allowedHeaders })}
          />
          <TextField
            id={`${id}-expose`}
            label="Response headers pages may read"
            value={values.exposeHeaders}
            placeholder="ETag"
            error={shown('exposeHeaders')}
            help="A page can read only a few headers unless they are named here; uploads in parts need ETag."
            {...plainInput}
            onChange={(exposeHeaders) => change({ exposeHeaders })}
          />
          <TextField
            id={`${id}-max-age`}
            label="Browsers may remember this for (seconds)"
            value={values.maxAge}
            inputMode="numeric"
            placeholder="3000"
            error={shown('maxAge')}
            {...plainInput}
            onChange={(maxAge) => change({ maxAge })}
          />
          <section className="cors-preview" aria-labelledby={`${id}-preview`}>
            <h3 id={`${id}-preview`} className="field-label">
              What changes
            </h3>
            {editing && <p className="cors-before">Now: {corsRuleInWords(editing)}</p>}
            <p className="cors-after" role="status">
              {rule ? `${editing ? 'After saving: ' : 'Adds: '}${corsRuleInWords(rule)}` : 'Fill in the rule to see what it allows.'}
            </p>
          </section>
          {error && <ErrorPanel title="Could not save the CORS rules" error={error} />}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-busy={busy || undefined}>
            Save rule
          </button>
        </div>
      </form>
    </Modal>
  );
}
