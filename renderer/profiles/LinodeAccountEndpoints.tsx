import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { listLinodeEndpoints } from '../actions/linode-endpoints';
import { ErrorPanel } from '../common/ErrorPanel';
import { TextField } from '../common/TextField';
import { useLinodeEndpointsStore } from '../stores/linode-endpoints';
import { useProfileEditorStore } from '../stores/profile-editor';
import { typeEndpoint } from './profile-form-changes';

/**
 * Optional, behind a disclosure: the endpoints of the user's Linode account,
 * listed by the Linode API with a personal access token that is sent once and
 * kept nowhere; choosing one sets the endpoint (and so the region).
 */
export function LinodeAccountEndpoints() {
  const [open, setOpen] = useState(false);
  const [token, setToken] = useState('');
  const endpoints = useLinodeEndpointsStore(useShallow((state) => state.endpoints));
  const current = useProfileEditorStore((state) => state.values.endpoint);

  const submit = (event: { preventDefault(): void; stopPropagation(): void }) => {
    event.preventDefault();
    event.stopPropagation();
    if (token.trim()) void listLinodeEndpoints(token.trim()).then(() => setToken(''));
  };
  const use = (host: string) => useProfileEditorStore.getState().change((v) => typeEndpoint(v, `https://${host}`));

  return (
    <div className="linode-endpoints">
      <button type="button" className="button button-small" aria-expanded={open} onClick={() => setOpen(!open)}>
        List my account’s endpoints (optional, with a Linode API token)
      </button>
      {open && (
        // A form of its own inside the editor's would nest forms: a group with its own button instead.
        <div role="group" aria-label="Linode account endpoints" className="linode-endpoints-body">
          <TextField
            id="linode-api-token"
            label="Linode API token"
            type="password"
            autoComplete="off"
            value={token}
            help="A personal access token with Object Storage read-only access (Cloud Manager → API Tokens). Sent once to list the endpoints; never stored."
            onChange={setToken}
            onKeyDown={(event) => {
              if (event.key === 'Enter') submit(event);
            }}
          />
          <button type="button" className="button button-small" disabled={!token.trim() || endpoints.status === 'loading'} onClick={submit}>
            {endpoints.status === 'loading' ? 'Listing…' : 'List endpoints'}
          </button>
          {endpoints.status === 'failed' && <ErrorPanel title="Could not list the endpoints" error={endpoints.error} />}
          {endpoints.status === 'ready' && (
            <ul aria-label="Your endpoints" className="linode-endpoints-list">
              {endpoints.value.length === 0 && <li>This account has no Object Storage endpoints yet.</li>}
              {endpoints.value.map((e) => (
                <li key={e.host}>
                  <button type="button" className="button button-small" aria-pressed={current === `https://${e.host}`} onClick={() => use(e.host)}>
                    {e.host}
                  </button>{' '}
                  <span className="field-help">
                    {e.region}
                    {e.endpointType && `, ${e.endpointType}`}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
