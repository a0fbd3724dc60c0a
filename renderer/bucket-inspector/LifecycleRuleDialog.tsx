import { useId, useRef, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import { lifecycleRuleInWords, type LifecycleRule } from '../../shared/lifecycle';
import { saveBucketLifecycle } from '../actions/bucket-config';
import { ErrorPanel } from '../common/ErrorPanel';
import { TextField } from '../common/TextField';
import { Modal } from '../dialogs/Modal';
import { lifecycleFormValues, lifecycleRuleOf, type LifecycleFormValues } from './lifecycle-form';

const plainInput = { autoComplete: 'off', spellCheck: false, autoCapitalize: 'off' } as const;

/**
 * Adds a lifecycle rule to a bucket (`start` fills it in, e.g. "abort unfinished uploads after 7
 * days"), or edits one (`index`); the rule in words as it will be saved shows before anything is sent.
 */
export function LifecycleRuleDialog({
  profileId,
  bucket,
  rules,
  index,
  start,
  onClose,
}: {
  profileId: string;
  bucket: string;
  rules: LifecycleRule[];
  index?: number;
  start?: LifecycleRule;
  onClose(): void;
}) {
  const editing = index === undefined ? undefined : rules[index];
  const others = rules.filter((_, i) => i !== index).map((rule) => rule.id);
  const [values, setValues] = useState<LifecycleFormValues>(() => lifecycleFormValues(editing ?? start, others));
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const firstRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const { rule, problems } = lifecycleRuleOf(values, others);
  const shown = (field: keyof typeof problems) => (attempted ? problems[field] : undefined);
  const change = (patch: Partial<LifecycleFormValues>) => setValues((current) => ({ ...current, ...patch }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!rule || busy) return;
    setBusy(true);
    const next = index === undefined ? [...rules, rule] : rules.map((r, i) => (i === index ? rule : r));
    const result = await saveBucketLifecycle(profileId, bucket, next);
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  const daysField = (field: 'expireDays' | 'expireNoncurrentDays' | 'abortIncompleteDays', label: string, help?: string) => (
    <TextField
      id={`${id}-${field}`}
      label={label}
      value={values[field]}
      inputMode="numeric"
      placeholder="Days"
      error={shown(field)}
      help={help}
      {...plainInput}
      onChange={(text) => change({ [field]: text })}
    />
  );

  return (
    <Modal labelledBy={`${id}-title`} className="dialog-wide" initialFocus={firstRef} onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <h2 id={`${id}-title`} className="dialog-title">
          {editing ? `Edit lifecycle rule ${editing.id}` : 'Add a lifecycle rule'}
        </h2>
        <div className="dialog-body">
          <p className="dialog-intro">What the server does by itself to objects in {bucket} after some days. Leave a number empty to skip that step.</p>
          <TextField
            id={`${id}-name`}
            label="Name"
            value={values.id}
            error={shown('id')}
            inputRef={firstRef}
            {...plainInput}
            onChange={(text) => change({ id: text })}
          />
          <div className="field field-check">
            <input id={`${id}-enabled`} type="checkbox" checked={values.enabled} onChange={(event) => change({ enabled: event.target.checked })} />
            <label htmlFor={`${id}-enabled`}>The rule is on</label>
          </div>
          <TextField
            id={`${id}-prefix`}
            label="For keys starting with"
            value={values.prefix}
            placeholder="Empty: everything in the bucket"
            error={shown('prefix')}
            {...plainInput}
            onChange={(prefix) => change({ prefix })}
          />
          <TextField
            id={`${id}-tags`}
            label="Only objects tagged"
            value={values.tags}
            placeholder="name=value, name=value"
            error={shown('tags')}
            {...plainInput}
            onChange={(tags) => change({ tags })}
          />
          {attempted && problems.actions && (
            <p className="field-error" role="alert">
              {problems.actions}
            </p>
          )}
          {daysField('expireDays', 'Expire objects after (days)', 'Current objects are deleted (in a versioned bucket: become older versions).')}
          {daysField('expireNoncurrentDays', 'Delete older versions after (days)', 'Counted from when a version was replaced.')}
          {daysField('abortIncompleteDays', 'Abort unfinished uploads after (days)', 'Their parts are billed until the upload is completed or aborted.')}
          <TextField
            id={`${id}-transitions`}
            label="Change the storage class"
            value={values.transitions}
            placeholder="30:STANDARD_IA, 90:GLACIER"
            error={shown('transitions')}
            help="DAYS:CLASS, with a class the provider offers."
            {...plainInput}
            onChange={(transitions) => change({ transitions })}
          />
          <section className="rule-preview" aria-labelledby={`${id}-preview`}>
            <h3 id={`${id}-preview`}>What changes</h3>
            {editing && <p className="rule-before">Now: {lifecycleRuleInWords(editing)}</p>}
            <p role="status">{rule ? `${editing ? 'After saving: ' : 'Adds: '}${lifecycleRuleInWords(rule)}` : 'Fill in the rule to see what it does.'}</p>
          </section>
          {error && <ErrorPanel title="Could not save the lifecycle rules" error={error} />}
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
