import {
  PutObjectAclCommand,
  type AccessControlPolicy,
  type GetObjectAclCommandOutput,
  type Grant as SdkGrant,
  type ObjectCannedACL,
  type PutObjectCommandInput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { GROUPS } from '../../shared/grants';

/** The ACL a write sends as headers: PutObject, CopyObject and CreateMultipartUpload all take these. */
export type GrantHeaders = Pick<PutObjectCommandInput, 'ACL' | 'GrantFullControl' | 'GrantRead' | 'GrantReadACP' | 'GrantWriteACP'>;

/** An object's grants as its rewrite carries them. */
export interface KeptGrants {
  /** Sent with the write itself, so the new object never exists without them. */
  headers: GrantHeaders;
  /**
   * The whole ACL, when headers cannot say all of it (a WRITE grant, which no object write takes; a grantee
   * without ID, URI or e-mail; no grant at all): put back after the write, as {@link putBackRest} does.
   */
  rest?: AccessControlPolicy;
}

const HEADER_OF = { FULL_CONTROL: 'GrantFullControl', READ: 'GrantRead', READ_ACP: 'GrantReadACP', WRITE_ACP: 'GrantWriteACP' } as const;

/** A grant as x-amz-grant-* names its grantee (`id="…"`, `uri="…"`, `emailAddress="…"`), or undefined when it cannot. */
function granteeInHeader({ Grantee: g }: SdkGrant): string | undefined {
  if (g?.ID) return `id="${g.ID}"`;
  if (g?.URI) return `uri="${g.URI}"`;
  if (g?.EmailAddress) return `emailAddress="${g.EmailAddress}"`;
  return undefined;
}

/** The canned ACLs an object's grants can be exactly, each as its grants besides the owner's full control. */
const CANNED: { acl: ObjectCannedACL; others: string[] }[] = [
  { acl: 'public-read', others: [`READ uri="${GROUPS.AllUsers}"`] },
  { acl: 'public-read-write', others: [`READ uri="${GROUPS.AllUsers}"`, `WRITE uri="${GROUPS.AllUsers}"`] },
  { acl: 'authenticated-read', others: [`READ uri="${GROUPS.AuthenticatedUsers}"`] },
];

/**
 * How a write that replaces an object (a save, a copy onto itself) keeps its grants: with the write itself,
 * never in a second request a lost answer could leave unsent (the object would stay private, and the next
 * rewrite would read that and keep it). Exactly the owner's full control is what a write without ACL
 * headers gives, so nothing is sent (as a bucket with ACLs turned off wants); exactly a canned ACL is
 * sent as that; anything else as x-amz-grant-* headers naming every grantee, the owner too (Ceph gives the
 * owner only what the headers list).
 */
export function keptGrantsOf(acl: Pick<GetObjectAclCommandOutput, 'Owner' | 'Grants'> | undefined): KeptGrants {
  if (!acl?.Grants || !acl.Owner?.ID) return { headers: {} };
  const policy: AccessControlPolicy = { Grants: acl.Grants, Owner: acl.Owner };
  const named = acl.Grants.map((grant) => ({ permission: grant.Permission, grantee: granteeInHeader(grant) }));
  if (named.length === 0) return { headers: {}, rest: policy };
  const said = [...new Set(named.map(({ permission, grantee }) => `${permission} ${grantee}`))];
  const ownerFull = `FULL_CONTROL id="${acl.Owner.ID}"`;
  if (said.includes(ownerFull)) {
    const others = said.filter((grant) => grant !== ownerFull).sort();
    if (others.length === 0) return { headers: {} };
    const canned = CANNED.find((c) => c.others.length === others.length && c.others.every((grant, i) => grant === others[i]));
    if (canned) return { headers: { ACL: canned.acl } };
  }
  const lists = new Map<keyof GrantHeaders, string[]>();
  let rest: AccessControlPolicy | undefined;
  for (const { permission, grantee } of named) {
    const header = HEADER_OF[permission as keyof typeof HEADER_OF] as keyof GrantHeaders | undefined;
    if (!header || !grantee) {
      rest = policy;
      continue;
    }
    const list = lists.get(header) ?? [];
    if (!list.includes(grantee)) lists.set(header, [...list, grantee]);
  }
  const headers = Object.fromEntries([...lists].map(([header, list]) => [header, list.join(', ')])) as GrantHeaders;
  return { headers, ...(rest && { rest }) };
}

/** After the write: puts the whole ACL back when its headers could not carry all of it (see {@link KeptGrants.rest}). */
export async function putBackRest(client: S3Client, bucket: string, key: string, kept: KeptGrants, signal?: AbortSignal): Promise<void> {
  if (kept.rest) await client.send(new PutObjectAclCommand({ Bucket: bucket, Key: key, AccessControlPolicy: kept.rest }), { abortSignal: signal });
}
