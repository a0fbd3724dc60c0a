// Following a bucket that lives in another region: a server that answers 301 PermanentRedirect names
// the region the bucket is in (`x-amz-bucket-region`). The test signs
// for that region and runs the step again, so the rest of the report says whether the profile would work
// with it, and the fix is a setting to change rather than a dead end.
import type { SettingSuggestion } from '../../shared/connection-test';
import { failed, type StepOutcome } from './connection-diagnosis';
import { regionSuggestions } from './connection-sign-in';
import { toPailError } from './s3-errors';

/** What following a redirect needs from the run: the region it signs for now, and a way to change it. */
export interface RegionFollower {
  readonly endpoint: string;
  readonly region: string;
  useRegion(region: string): void;
}

/** Runs a step; a thrown error becomes its failure, with the region the error names (if any) as a suggestion. */
async function attempt(session: RegionFollower, run: () => Promise<StepOutcome>): Promise<StepOutcome> {
  try {
    return await run();
  } catch (cause) {
    const error = toPailError(cause, undefined, session.endpoint);
    return { ...failed(error), suggestions: regionSuggestions(error, session.region) };
  }
}

/** The region a 301 PermanentRedirect named (a wrong region for the whole endpoint, AuthorizationHeaderMalformed, is only suggested). */
function regionOf(outcome: StepOutcome): string | undefined {
  if (outcome.verdict !== 'fail' || outcome.error?.code !== 'PermanentRedirect') return undefined;
  const value = outcome.suggestions?.find((s) => s.setting === 'region')?.value;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Runs `run`; when it fails because the bucket lives in another region, signs
 * for that region from now on and runs it again. A step that then works is a
 * warning that says the redirect was followed and suggests the region; one
 * that still fails keeps the suggestion.
 */
export async function followingRegion(session: RegionFollower, run: () => Promise<StepOutcome>): Promise<StepOutcome> {
  const first = await attempt(session, run);
  const region = regionOf(first);
  if (!region || region === session.region) return first;
  const from = session.region;
  session.useRegion(region);
  const again = await attempt(session, run);
  const suggestion: SettingSuggestion = {
    setting: 'region',
    value: region,
    reason: `The bucket lives in region "${region}": the server redirected requests signed for "${from}" there.`,
  };
  const suggestions = [suggestion, ...(again.suggestions ?? []).filter((s) => s.setting !== 'region')];
  if (again.verdict === 'fail') return { ...again, detail: `${again.detail}, also after following the redirect to region "${region}"`, suggestions };
  return {
    verdict: 'warn',
    detail: `${again.detail}, after following the server's redirect: the bucket lives in region "${region}", not "${from}" (set the profile's region to "${region}")`,
    ...(first.error && { error: first.error }),
    suggestions,
  };
}
