import { profileInputSchema, type ProfileInput } from '../shared/profile';

/** The text fields of the add-profile form, in the order they show. */
export const PROFILE_TEXT_FIELDS = ['name', 'endpoint', 'region', 'accessKeyId', 'secretAccessKey'] as const;

/** One of the text fields. */
export type ProfileTextField = (typeof PROFILE_TEXT_FIELDS)[number];

/** What the add-profile form holds while the user types. */
export interface ProfileFormValues extends Record<ProfileTextField, string> {
  /** Checked → path-style addressing (`https://host/bucket/key`), else virtual-hosted. */
  pathStyle: boolean;
}

/** A fresh form: region us-east-1 (what most S3-compatible servers accept), path style on. */
export const emptyProfileForm: ProfileFormValues = {
  name: '',
  endpoint: '',
  region: 'us-east-1',
  accessKeyId: '',
  secretAccessKey: '',
  pathStyle: true,
};

/** What the form sends to `profiles:create`. */
export function toProfileInput(values: ProfileFormValues): ProfileInput {
  return {
    name: values.name,
    endpoint: values.endpoint,
    region: values.region,
    accessKeyId: values.accessKeyId,
    secretAccessKey: values.secretAccessKey,
    addressingStyle: values.pathStyle ? 'path' : 'virtual',
  };
}

/**
 * The first problem with each field, in the words of the shared schema (the
 * same one the main process checks), so the form and the border never disagree.
 */
export function profileFormErrors(values: ProfileFormValues): Partial<Record<ProfileTextField, string>> {
  const parsed = profileInputSchema.safeParse(toProfileInput(values));
  if (parsed.success) return {};
  const errors: Partial<Record<ProfileTextField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (typeof field !== 'string' || !(PROFILE_TEXT_FIELDS as readonly string[]).includes(field)) continue;
    errors[field as ProfileTextField] ??= issue.message;
  }
  return errors;
}
