import type { FormEvent } from 'react';
import { publicUrlBaseOf } from '../../shared/profile';
import { errorOf, valueOf } from '../../shared/loadable';
import { changeLinkForm, copyLink, signNow } from '../actions/links';
import { formatExpiry, timeUntil } from './link-expiry';
import { useLinksStore, type PresignFormValues } from '../stores/links';
import { useProfilesStore } from '../stores/profiles';
import { profileById } from '../stores/selectors';
import { CopiedStatus, LinkResult } from './LinkResult';
import { ErrorPanel } from '../common/ErrorPanel';
import { ExpiryField } from './ExpiryField';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';

/** What an upload link may enforce as the new object's ACL. */
const UPLOAD_ACL_OPTIONS = [
  { value: '', label: 'Not enforced (bucket default)' },
  { value: 'private', label: 'Private' },
  { value: 'public-read', label: 'Public (public-read)' },
] as const;

/** The custom domain (public URL base) of the dialog's bucket, if the profile gives it one. */
function useCustomDomain(): string | undefined {
  const target = useLinksStore((state) => state.target);
  return useProfilesStore((state) => (target ? publicUrlBaseOf(profileById(state, target.profileId), target.bucket) : undefined));
}

/** "Sign for the custom domain", with when that works and when it fails. */
function CustomDomainField({ method, base }: { method: 'GET' | 'PUT'; base: string }) {
  const checked = useLinksStore((state) => state.forms[method].viaCustomDomain);
  const id = `presign-${method}-custom-domain`;
  return (
    <div className="field-check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-describedby={`${id}-help`}
        onChange={(event) => changeLinkForm(method, { viaCustomDomain: event.target.checked })}
      />
      <label htmlFor={id}>Sign for the custom domain</label>
      <p id={`${id}-help`} className="field-help">
        The link goes to {base} instead of the endpoint. It works only where the server maps that host to the bucket: on AWS, a bucket named like the domain; on
        Ceph, rgw_dns_name or CNAME resolution. Anywhere else it fails with SignatureDoesNotMatch.
      </p>
    </div>
  );
}

/** When the links stop working (local time, exactly), and anything the main process noted. */
function SignedFacts({ method }: { method: 'GET' | 'PUT' }) {
  const answer = useLinksStore((state) => valueOf(state.signed[method]));
  if (!answer) return null;
  return (
    <>
      <p className="link-expiry">
        <span className="field-label">Expires </span>
        <time dateTime={answer.expiresAt}>{formatExpiry(answer.expiresAt)}</time>
        <span className="field-help"> ({timeUntil(new Date(answer.expiresAt).getTime() - Date.now())})</span>
      </p>
      {answer.notes.length > 0 && (
        <ul className="link-notes" aria-label="Notes">
          {answer.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The curl commands that upload a file with the PUT links, with their own Copy. */
function CurlCommands({ commands }: { commands: string[] }) {
  const text = commands.join('\n');
  return (
    <div className="link-result">
      <label className="field-label" htmlFor="presign-curl">
        {commands.length === 1 ? 'curl command' : 'curl commands (one per line)'}
      </label>
      <textarea
        id="presign-curl"
        className="field-input link-text"
        readOnly
        rows={Math.min(6, Math.max(2, commands.length + 1))}
        value={text}
        spellCheck={false}
        onFocus={(event) => event.currentTarget.select()}
      />
      <div className="link-actions">
        <button type="button" className="button button-small" onClick={() => void copyLink('curl', text)}>
          {commands.length === 1 ? 'Copy curl command' : 'Copy curl commands'}
        </button>
        <CopiedStatus output="curl" />
      </div>
    </div>
  );
}

/**
 * The "Presigned download" (GET) or "Presigned upload" (PUT) tab: the expiry
 * and the optional headers, and the links for them with when they expire. The
 * links are made as the tab opens and made again once a change rests: no
 * button to press.
 */
export function PresignPanel({ method }: { method: 'GET' | 'PUT' }) {
  const form = useLinksStore((state) => state.forms[method]);
  const problem = useLinksStore((state) => state.expiryProblem[method]);
  const signed = useLinksStore((state) => state.signed[method]);
  const answer = valueOf(signed);
  const error = errorOf(signed);
  const count = useLinksStore((state) => state.target?.keys.length ?? 0);
  const base = useCustomDomain();
  const idPrefix = `presign-${method}`;
  const change = (patch: Partial<PresignFormValues>) => changeLinkForm(method, patch);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signNow(method);
  };
  return (
    <>
      <form className="link-form" noValidate onSubmit={submit}>
        <p className="dialog-text">
          {method === 'GET'
            ? 'Anyone with a presigned download link can read the object until it expires, even when the object is private.'
            : 'Anyone with a presigned upload link can put a file at this key until it expires, replacing what is there.'}
        </p>
        <ExpiryField idPrefix={idPrefix} value={form} problem={problem} onChange={change} />
        {method === 'GET' && (
          <TextField
            id={`${idPrefix}-name`}
            label="Download file name (optional)"
            value={form.downloadName}
            autoComplete="off"
            spellCheck={false}
            help="The browser saves the file under this name (Content-Disposition: attachment)."
            onChange={(downloadName) => change({ downloadName })}
          />
        )}
        <TextField
          id={`${idPrefix}-type`}
          label="Content-Type (optional)"
          value={form.contentType}
          autoComplete="off"
          spellCheck={false}
          placeholder={method === 'GET' ? 'as stored' : 'any'}
          help={
            method === 'GET' ? 'The link answers with this Content-Type instead of the stored one.' : 'Signed: the upload must send exactly this Content-Type.'
          }
          onChange={(contentType) => change({ contentType })}
        />
        {method === 'PUT' && (
          <SelectField
            id={`${idPrefix}-acl`}
            label="Access of the uploaded object"
            value={form.acl}
            options={UPLOAD_ACL_OPTIONS}
            help="Signed: the upload must send this x-amz-acl header, or it is refused."
            onChange={(acl) => change({ acl: acl as PresignFormValues['acl'] })}
          />
        )}
        {base && <CustomDomainField method={method} base={base} />}
      </form>
      {signed.status === 'loading' && (
        <p className="dialog-text" role="status">
          {count === 1 ? 'Making the link…' : `Making ${count} links…`}
        </p>
      )}
      {error && <ErrorPanel title={count === 1 ? 'Could not create the link' : 'Could not create the links'} error={error} />}
      {answer && (
        <section className="link-output" aria-label={method === 'GET' ? 'Download link' : 'Upload link'}>
          <SignedFacts method={method} />
          <LinkResult tab={method} urls={answer.urls} noun={method === 'GET' ? 'Download link' : 'Upload link'} />
          {answer.curl && answer.curl.length > 0 && <CurlCommands commands={answer.curl} />}
        </section>
      )}
    </>
  );
}
