import type { Ref } from 'react';
import { legacyEndpointWarning, PROVIDERS, providerById, unlistedRegionWarning, type R2Jurisdiction } from '../../shared/providers';
import { fieldElementId, type FormField } from './profile-form';
import {
  canUsePresetEndpoint,
  chooseCustomRegion,
  chooseJurisdiction,
  chooseProvider,
  chooseRegion,
  presetWritesEndpoint,
  typeAccountId,
  typeEndpoint,
  typeRegion,
  usePresetEndpoint,
} from './profile-form-changes';
import { selectShownError } from '../stores/editor-selectors';
import { useProfileEditorStore } from '../stores/profile-editor';
import { SelectField } from '../common/SelectField';
import { LinodeAccountEndpoints } from './LinodeAccountEndpoints';
import { TextField } from '../common/TextField';

const CUSTOM_REGION = '__custom__';
const PROVIDER_OPTIONS = PROVIDERS.map((p) => ({ value: p.id, label: p.label }));
const noAutoCorrect = { spellCheck: false, autoCapitalize: 'off', autoCorrect: 'off' } as const;

const editor = () => useProfileEditorStore.getState();
const useShownError = (field: FormField) => useProfileEditorStore((state) => selectShownError(state, field));
/** Leaving a field untouched is not a mistake yet; leaving it filled is checked. */
const touchIfFilled = (field: FormField, value: string) => () => {
  if (value !== '') editor().touch(field);
};

/** Region: the preset's list (plus "Custom…") when the preset writes the endpoint, else a text field. */
function RegionField() {
  const provider = useProfileEditorStore((state) => state.values.provider);
  const region = useProfileEditorStore((state) => state.values.region);
  const customRegion = useProfileEditorStore((state) => state.values.customRegion);
  const error = useShownError('region');
  const preset = providerById(provider);
  const listed = preset.endpointTemplate !== undefined;
  const inList = preset.regions.some((r) => r.id === region);
  const textField = (label: string, help: string) => (
    <TextField
      id={fieldElementId('region')}
      label={label}
      value={region}
      error={error}
      warning={error ? undefined : unlistedRegionWarning(preset, region)}
      help={help}
      autoComplete="off"
      {...noAutoCorrect}
      onChange={(value) => editor().change((v) => typeRegion(v, value))}
      onBlur={touchIfFilled('region', region)}
    />
  );
  if (!listed) {
    const help = preset.id === 'other' ? 'Use us-east-1 if your provider does not name one.' : `Usually ${preset.defaultRegion}.`;
    return textField('Region', help);
  }
  const options = [
    ...preset.regions.map((r) => ({ value: r.id, label: r.label, ...(r.group && { group: r.group }) })),
    { value: CUSTOM_REGION, label: 'Custom…' },
  ];
  // Linode: the list picks the endpoint host (grouped by data center); the region is its first label.
  const pickerLabel = preset.regionFieldLabel ?? 'Region';
  const group = inList && !customRegion ? preset.regions.find((r) => r.id === region)?.group : undefined;
  const pickerHelp = preset.regionFieldLabel
    ? `${group ? `In ${group}. ` : ''}Pick the host Cloud Manager shows beside your bucket, or paste it as the endpoint below.`
    : undefined;
  return (
    <>
      <SelectField
        id="profile-region-choice"
        label={pickerLabel}
        value={customRegion || !inList ? CUSTOM_REGION : region}
        options={options}
        help={pickerHelp}
        onChange={(value) => editor().change((v) => (value === CUSTOM_REGION ? chooseCustomRegion(v) : chooseRegion(v, value)))}
      />
      {(customRegion || !inList) &&
        textField(
          'Custom region',
          preset.regionFieldLabel
            ? 'The first part of the endpoint host (us-iad-10 for us-iad-10.linodeobjects.com).'
            : 'A region this list does not have yet.',
        )}
    </>
  );
}

/** Endpoint URL: written by the preset until the user types another, with a way back. */
function EndpointField() {
  const values = useProfileEditorStore((state) => state.values);
  const error = useShownError('endpoint');
  const writes = presetWritesEndpoint(values);
  const offerPreset = canUsePresetEndpoint(values);
  const legacy = error ? undefined : legacyEndpointWarning(providerById(values.provider), values.endpoint.trim());
  // A custom domain typed here is what makes requests fail with SignatureDoesNotMatch: it has its own field.
  const domains = 'A custom domain (CNAME, CDN) goes in the bucket’s settings, not here.';
  let help = `The provider’s S3 address only: scheme, host and optional port. No bucket, no path. ${domains}`;
  if (writes && !values.endpointEdited) help = `The provider’s S3 address, filled in from the provider and region. ${domains}`;
  if (offerPreset) help = 'You typed this endpoint: choosing a region no longer changes it.';
  return (
    <div className="field-with-action">
      <TextField
        id={fieldElementId('endpoint')}
        label="Endpoint URL"
        type="url"
        inputMode="url"
        autoComplete="url"
        placeholder="https://s3.example.com"
        value={values.endpoint}
        error={error}
        warning={legacy}
        help={help}
        {...noAutoCorrect}
        onChange={(value) => editor().change((v) => typeEndpoint(v, value))}
        onBlur={touchIfFilled('endpoint', values.endpoint)}
      />
      {offerPreset && (
        <button type="button" className="button button-small" onClick={() => editor().change(usePresetEndpoint)}>
          Use the preset endpoint
        </button>
      )}
    </div>
  );
}

/** Props of {@link ProfileConnectionFields}. */
export interface ProfileConnectionFieldsProps {
  nameRef: Ref<HTMLInputElement>;
}

/** Name, provider (with its notes), region, R2's account id and the endpoint. */
export function ProfileConnectionFields({ nameRef }: ProfileConnectionFieldsProps) {
  const name = useProfileEditorStore((state) => state.values.name);
  const provider = useProfileEditorStore((state) => state.values.provider);
  const accountId = useProfileEditorStore((state) => state.values.accountId);
  const jurisdiction = useProfileEditorStore((state) => state.values.jurisdiction);
  const nameError = useShownError('name');
  const accountError = useShownError('accountId');
  const preset = providerById(provider);

  return (
    <>
      <TextField
        id={fieldElementId('name')}
        label="Name"
        placeholder="e.g. Work storage"
        autoComplete="off"
        inputRef={nameRef}
        value={name}
        error={nameError}
        onChange={(value) => editor().change((v) => ({ ...v, name: value }))}
        onBlur={touchIfFilled('name', name)}
      />
      <SelectField
        id="profile-provider"
        label="Provider"
        value={provider}
        options={PROVIDER_OPTIONS}
        help={preset.notes}
        onChange={(value) => editor().change((v) => chooseProvider(v, providerById(value).id))}
      />
      <RegionField />
      {preset.id === 'linode' && <LinodeAccountEndpoints />}
      {preset.needsAccountId && (
        <TextField
          id={fieldElementId('accountId')}
          label="Account ID"
          autoComplete="off"
          value={accountId}
          error={accountError}
          help="The 32 letters and digits in your Cloudflare dashboard’s URL; it names the endpoint."
          {...noAutoCorrect}
          onChange={(value) => editor().change((v) => typeAccountId(v, value))}
          onBlur={touchIfFilled('accountId', accountId)}
        />
      )}
      {preset.jurisdictions && (
        <SelectField
          id="profile-jurisdiction"
          label="Jurisdiction"
          value={jurisdiction}
          options={[{ value: '', label: 'None (default)' }, ...preset.jurisdictions.map((j) => ({ value: j.id, label: j.label }))]}
          help="Buckets created in a jurisdiction (EU, FedRAMP, US) are only reached through its own endpoint."
          onChange={(value) => editor().change((v) => chooseJurisdiction(v, value as R2Jurisdiction | ''))}
        />
      )}
      <EndpointField />
    </>
  );
}
