import { z } from 'zod';
import { profileIdSchema } from './profile';
import { bucketNameSchema, prefixSchema } from './s3-names';

/** What an ACL grant may allow (S3's names). */
export const PERMISSIONS = ['READ', 'WRITE', 'READ_ACP', 'WRITE_ACP', 'FULL_CONTROL'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The groups S3 knows, by their URIs. */
export const GROUPS = {
  AllUsers: 'http://acs.amazonaws.com/groups/global/AllUsers',
  AuthenticatedUsers: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
  LogDelivery: 'http://acs.amazonaws.com/groups/s3/LogDelivery',
} as const;
const GROUP_URIS = Object.values(GROUPS) as [string, ...string[]];

/** Whom a grant is for: a user by canonical ID, a user by e-mail (AWS, some regions), or a group. */
export const granteeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), id: z.string().trim().min(1, 'Give the user’s canonical ID.').max(256), displayName: z.string().max(256).optional() }),
  z.object({ type: z.literal('email'), email: z.string().trim().email('Give an e-mail address, like ann@example.com.').max(256) }),
  z.object({ type: z.literal('group'), uri: z.enum(GROUP_URIS) }),
]);
export type Grantee = z.infer<typeof granteeSchema>;

export const grantSchema = z.object({ grantee: granteeSchema, permission: z.enum(PERMISSIONS) });
export type Grant = z.infer<typeof grantSchema>;

/** An object's (with `key`) or a bucket's ACL: its owner and every grant. */
export interface Grants {
  owner?: { id: string; displayName?: string };
  grants: Grant[];
}

/** S3 holds at most 100 grants in an ACL. */
export const GRANTS_MAX = 100;

export const grantsRequestSchema = z.object({ profileId: profileIdSchema, bucket: bucketNameSchema, key: prefixSchema.min(1).optional() });
export const setGrantsRequestSchema = grantsRequestSchema.extend({
  grants: z.array(grantSchema).max(GRANTS_MAX, `An ACL holds at most ${GRANTS_MAX} grants.`),
});

/**
 * The grants a save keeps: as given, with the owner's full control first when they do not name the owner. An
 * ACL without its owner locks the owner out of writing to the bucket or reading the object (S3 and Ceph leave an
 * owner only the right to change the ACL); naming the owner with less is a choice, and kept.
 */
export function withOwnerKept(grants: Grant[], owner: Grants['owner']): Grant[] {
  if (!owner || grants.some((grant) => grant.grantee.type === 'user' && grant.grantee.id === owner.id)) return grants;
  return [{ grantee: { type: 'user', id: owner.id, ...(owner.displayName && { displayName: owner.displayName }) }, permission: 'FULL_CONTROL' }, ...grants];
}

/** Who a grantee is, in words: "Everyone", "Any authenticated user", "Log delivery", "owner (ann)", a name, an ID or an e-mail. */
export function granteeInWords(grantee: Grantee, owner?: Grants['owner']): string {
  if (grantee.type === 'group')
    return grantee.uri === GROUPS.AllUsers ? 'Everyone' : grantee.uri === GROUPS.AuthenticatedUsers ? 'Any authenticated user' : 'Log delivery';
  if (grantee.type === 'email') return grantee.email;
  if (owner && grantee.id === owner.id) return `owner (${owner.displayName || owner.id})`;
  return grantee.displayName || grantee.id;
}

/** What a permission lets its grantee do, in words. */
export const PERMISSION_WORDS: Record<Permission, string> = {
  READ: 'read',
  WRITE: 'write',
  READ_ACP: 'read the ACL',
  WRITE_ACP: 'change the ACL',
  FULL_CONTROL: 'full control',
};

const sameGrantee = (a: Grantee, b: Grantee) =>
  a.type === b.type &&
  (a.type === 'group' ? a.uri === (b as typeof a).uri : a.type === 'email' ? a.email === (b as typeof a).email : a.id === (b as typeof a).id);
const sameGrant = (a: Grant, b: Grant) => a.permission === b.permission && sameGrantee(a.grantee, b.grantee);

/** What saving `next` over `before` changes: "gives Everyone read; takes away pail-b’s write." ("" when nothing). */
export function grantChangesInWords(before: Grant[], next: Grant[], owner?: Grants['owner']): string {
  const said = (grant: Grant) => `${granteeInWords(grant.grantee, owner)} ${PERMISSION_WORDS[grant.permission]}`;
  const given = next.filter((grant) => !before.some((old) => sameGrant(old, grant))).map(said);
  const taken = before.filter((grant) => !next.some((now) => sameGrant(now, grant))).map(said);
  const parts = [given.length && `gives ${given.join(', ')}`, taken.length && `takes away ${taken.join(', ')}`].filter(Boolean);
  return parts.length ? `${parts.join('; ')}.` : '';
}

/**
 * A grant as `pail acl set --grant` takes it, in the AWS CLI's words: PERMISSION=TYPE=VALUE, e.g.
 * `read=uri=http://acs.amazonaws.com/groups/global/AllUsers`, `full-control=id=CANONICAL-ID`,
 * `write-acp=emailaddress=ann@example.com`; the groups also by name (`read=group=AllUsers`).
 */
export function parseGrantSpec(spec: string): Grant {
  const match = /^([a-z_-]+)=(uri|id|emailaddress|email|group)=(.+)$/i.exec(spec.trim());
  if (!match) throw new Error(`Give a grant as PERMISSION=TYPE=VALUE, e.g. read=uri=${GROUPS.AllUsers} or full-control=id=CANONICAL-ID (not "${spec}").`);
  const permission = match[1].toUpperCase().replace(/-/g, '_');
  if (!(PERMISSIONS as readonly string[]).includes(permission))
    throw new Error(`"${match[1]}" is no permission: read, write, read-acp, write-acp or full-control.`);
  const type = match[2].toLowerCase();
  const value = match[3];
  const grantee: Grantee =
    type === 'uri'
      ? { type: 'group', uri: value }
      : type === 'group'
        ? { type: 'group', uri: (GROUPS as Record<string, string>)[value] ?? value }
        : type === 'id'
          ? { type: 'user', id: value }
          : { type: 'email', email: value };
  const parsed = grantSchema.safeParse({ grantee, permission });
  if (!parsed.success)
    throw new Error(
      grantee.type === 'group' ? `"${value}" is no group S3 knows: AllUsers, AuthenticatedUsers or LogDelivery.` : parsed.error.issues[0].message,
    );
  return parsed.data;
}
