import { z } from 'zod';
import { profileIdSchema } from './profile';
import { bucketNameSchema } from './s3-names';

/** S3 keeps a bucket policy of at most 20 KB. */
export const POLICY_MAX_BYTES = 20 * 1024;

export const bucketPolicyRequestSchema = z.object({ profileId: profileIdSchema, bucket: bucketNameSchema });
/** Replaces the bucket's policy (JSON text), or removes it (null). */
export const setBucketPolicyRequestSchema = bucketPolicyRequestSchema.extend({
  policy: z.string().max(POLICY_MAX_BYTES, 'A bucket policy has at most 20 KB.').nullable(),
});

/** A bucket's policy as the server keeps it (JSON text), or null when it has none. */
export interface BucketPolicy {
  policy: string | null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Statement {
  Sid?: string;
  Effect?: string;
  Principal?: Json;
  NotPrincipal?: Json;
  Action?: Json;
  NotAction?: Json;
  Resource?: Json;
  Condition?: Record<string, Record<string, Json>>;
}

const asList = (value: Json | undefined): string[] => (Array.isArray(value) ? value.map(String) : value === undefined || value === null ? [] : [String(value)]);

/** The problem with a policy's text, or undefined when it is a policy S3 would read: JSON, a Statement list, each with an Effect, Action and Resource. */
export function policyProblem(text: string): string | undefined {
  if (new TextEncoder().encode(text).length > POLICY_MAX_BYTES) return 'A bucket policy has at most 20 KB.';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `It is not JSON: ${(error as Error).message}.`;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return 'A policy is one JSON object, { "Version": "2012-10-17", "Statement": [ … ] }.';
  const statements = (json as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : statements && typeof statements === 'object' ? [statements] : undefined;
  if (!list?.length) return 'A policy needs a "Statement" with at least one statement in it.';
  for (const [i, statement] of list.entries()) {
    const s = statement as Statement;
    const which = `Statement ${i + 1}${s.Sid ? ` (${s.Sid})` : ''}`;
    if (!s || typeof s !== 'object') return `${which} is not an object.`;
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return `${which} needs "Effect": "Allow" or "Deny".`;
    if (s.Action === undefined && s.NotAction === undefined) return `${which} needs an "Action", such as "s3:GetObject".`;
    if (s.Resource === undefined) return `${which} needs a "Resource", such as "arn:aws:s3:::bucket/*".`;
    if (s.Principal === undefined && s.NotPrincipal === undefined) return `${which} needs a "Principal": "*" for anyone, or whom it names.`;
  }
  return undefined;
}

/** Who a statement is for, in words. */
function whoInWords(principal: Json | undefined): string {
  if (principal === '*' || (principal && typeof principal === 'object' && !Array.isArray(principal) && asList(principal.AWS).includes('*'))) return 'anyone';
  if (principal && typeof principal === 'object' && !Array.isArray(principal)) {
    const names = Object.values(principal).flatMap((value) => asList(value));
    return names.length ? names.join(', ') : 'no one';
  }
  return asList(principal).join(', ') || 'no one';
}

/** What actions mean to a user, by S3's names (a "*" covers all). */
const ACTION_WORDS: [RegExp, string][] = [
  [/^s3:\*$|^\*$/, 'do anything'],
  [/^s3:GetObject(Version)?$/, 'read objects'],
  [/^s3:PutObject$/, 'write objects'],
  [/^s3:DeleteObject(Version)?$/, 'delete objects'],
  [/^s3:ListBucket(Versions)?$/, 'list the bucket'],
  [/^s3:Get\*$/, 'read anything'],
  [/^s3:List\*$/, 'list anything'],
  [/^s3:Put\*$/, 'change anything'],
  [/^s3:(Get|Put)Object(Version)?Acl$/, 'read or change object ACLs'],
];

function actionsInWords(actions: string[]): string {
  const words = [...new Set(actions.map((action) => ACTION_WORDS.find(([pattern]) => pattern.test(action))?.[1] ?? action))];
  return words.length <= 1 ? (words[0] ?? 'nothing') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** Where a statement applies, in words: "in the whole bucket", "under public/". */
function whereInWords(resources: string[], bucket: string): string {
  const places = resources.map((resource) => {
    const path = resource.replace(/^arn:aws[a-z-]*:s3:::/, '');
    if (path === bucket || path === `${bucket}/*` || path === '*') return 'in the whole bucket';
    if (path.startsWith(`${bucket}/`)) {
      const rest = path.slice(bucket.length + 1);
      return rest.endsWith('*') && !rest.slice(0, -1).includes('*') ? `under ${rest.slice(0, -1)}` : `on ${rest}`;
    }
    return `on ${resource}`;
  });
  const unique = [...new Set(places)];
  return unique.includes('in the whole bucket') ? 'in the whole bucket' : unique.join(' and ');
}

/** The conditions a summary says in words (others are named as they are). */
function conditionInWords(condition: Statement['Condition']): string {
  if (!condition) return '';
  const parts: string[] = [];
  for (const [operator, tests] of Object.entries(condition)) {
    for (const [key, value] of Object.entries(tests)) {
      if (key === 'aws:SecureTransport' && String(value) === 'false') parts.push('when the request does not use HTTPS');
      else if (key === 'aws:SecureTransport' && String(value) === 'true') parts.push('when the request uses HTTPS');
      else if (key === 'aws:SourceIp')
        parts.push(`${operator.startsWith('Not') ? 'unless the request comes' : 'when the request comes'} from ${asList(value).join(', ')}`);
      else parts.push(`when ${key} ${operator} ${asList(value).join(', ')}`);
    }
  }
  return parts.length ? ` ${parts.join(' and ')}` : '';
}

/**
 * A policy in plain words, one line per statement: "Anyone may read objects under public/.",
 * "No one may do anything in the whole bucket when the request does not use HTTPS."
 * Undefined when the text is not a policy (see policyProblem).
 */
export function policySummary(text: string, bucket: string): string[] | undefined {
  if (policyProblem(text)) return undefined;
  const json = JSON.parse(text) as { Statement: Statement | Statement[] };
  const statements = Array.isArray(json.Statement) ? json.Statement : [json.Statement];
  return statements.map((s) => {
    const who = s.NotPrincipal !== undefined ? `everyone except ${whoInWords(s.NotPrincipal)}` : whoInWords(s.Principal);
    const what = s.NotAction !== undefined ? `do anything but ${actionsInWords(asList(s.NotAction))}` : actionsInWords(asList(s.Action));
    const where = whereInWords(asList(s.Resource), bucket);
    const when = conditionInWords(s.Condition);
    if (s.Effect === 'Deny' && who === 'anyone') return `No one may ${what} ${where}${when}.`;
    const subject = who === 'anyone' ? 'Anyone' : who.startsWith('everyone') ? `E${who.slice(1)}` : who;
    return `${subject} ${s.Effect === 'Allow' ? 'may' : 'may not'} ${what} ${where}${when}.`;
  });
}

/** Ready-made policies, as JSON text to edit before saving. */
export const POLICY_TEMPLATES = {
  /** Anyone may read objects under a prefix (the whole bucket when empty). */
  'public-read': (bucket: string, prefix = '') =>
    JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${bucket}/${prefix}*`] }],
      },
      null,
      2,
    ),
  /** One principal may list the bucket and read its objects, nothing more. */
  'read-only': (bucket: string, principal = 'arn:aws:iam::ACCOUNT-ID:user/NAME') =>
    JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ReadOnly',
            Effect: 'Allow',
            Principal: { AWS: [principal] },
            Action: ['s3:GetObject', 's3:ListBucket'],
            Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
          },
        ],
      },
      null,
      2,
    ),
  /** Every request without TLS is refused. */
  'deny-insecure': (bucket: string) =>
    JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      },
      null,
      2,
    ),
} as const;
export type PolicyTemplateName = keyof typeof POLICY_TEMPLATES;

/**
 * The bucket's policy with one more statement letting anyone read an object (`key`) or everything
 * under a folder (`prefix`): what "Make public" offers where ACLs are off. An existing policy keeps
 * its statements; one that cannot be read is replaced only if the user saves.
 */
export function withPublicRead(current: string | null, bucket: string, target: { key: string } | { prefix: string }): string {
  const resource = 'key' in target ? `arn:aws:s3:::${bucket}/${target.key}` : `arn:aws:s3:::${bucket}/${target.prefix}*`;
  let policy: { Version?: string; Statement?: unknown } = { Version: '2012-10-17', Statement: [] };
  if (current !== null && !policyProblem(current)) policy = JSON.parse(current) as typeof policy;
  const statements = Array.isArray(policy.Statement) ? policy.Statement : policy.Statement ? [policy.Statement] : [];
  const sids = new Set(statements.map((s) => (s as { Sid?: string }).Sid));
  let sid = 'PublicRead';
  for (let n = 2; sids.has(sid); n += 1) sid = `PublicRead${n}`;
  const statement = { Sid: sid, Effect: 'Allow', Principal: '*', Action: ['s3:GetObject'], Resource: [resource] };
  return JSON.stringify({ ...policy, Version: policy.Version ?? '2012-10-17', Statement: [...statements, statement] }, null, 2);
}
