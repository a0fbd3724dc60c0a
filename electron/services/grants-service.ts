import { GetBucketAclCommand, GetObjectAclCommand, PutBucketAclCommand, PutObjectAclCommand, type Grant as SdkGrant, type Owner } from '@aws-sdk/client-s3';
import { withOwnerKept, type Grant, type Grantee, type Grants } from '../../shared/grants';
import type { ParsedRequestOf } from '../../shared/ipc/contract';
import type { S3ClientProvider } from './s3-client-factory';
import { toPailError } from './s3-errors';

/** A grant as the server gave it, in Pail's shape; one Pail cannot name (no ID, e-mail or known group) is left out. */
function fromSdk(grant: SdkGrant): Grant | undefined {
  const g = grant.Grantee;
  const permission = grant.Permission as Grant['permission'] | undefined;
  if (!g || !permission) return undefined;
  let grantee: Grantee | undefined;
  if (g.URI) grantee = { type: 'group', uri: g.URI };
  else if (g.ID) grantee = { type: 'user', id: g.ID, ...(g.DisplayName && { displayName: g.DisplayName }) };
  else if (g.EmailAddress) grantee = { type: 'email', email: g.EmailAddress };
  return grantee && { grantee, permission };
}

function toSdk({ grantee, permission }: Grant): SdkGrant {
  const Grantee =
    grantee.type === 'group'
      ? { Type: 'Group' as const, URI: grantee.uri }
      : grantee.type === 'email'
        ? { Type: 'AmazonCustomerByEmail' as const, EmailAddress: grantee.email }
        : { Type: 'CanonicalUser' as const, ID: grantee.id };
  return { Grantee, Permission: permission };
}

const ownerOf = (owner: Owner | undefined): Grants['owner'] =>
  owner?.ID ? { id: owner.ID, ...(owner.DisplayName && { displayName: owner.DisplayName }) } : undefined;

/**
 * Every grant of an object's ACL (with a key) or a bucket's, and replacing them: the grants editor's
 * and `pail acl set --grant`'s. The owner stays the owner whatever the grants say.
 */
export class GrantsService {
  constructor(private readonly clients: S3ClientProvider) {}

  async grants({ profileId, bucket, key }: ParsedRequestOf<'s3:grants'>, { signal }: { signal?: AbortSignal } = {}): Promise<Grants> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    try {
      const acl =
        key === undefined
          ? await client.send(new GetBucketAclCommand({ Bucket: bucket }), { abortSignal: signal })
          : await client.send(new GetObjectAclCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
      const owner = ownerOf(acl.Owner);
      return { ...(owner && { owner }), grants: (acl.Grants ?? []).map(fromSdk).filter((grant): grant is Grant => grant !== undefined) };
    } catch (error) {
      throw toPailError(error, `reading the ACL of ${key ?? bucket}`, profile.endpoint);
    }
  }

  /** Replaces every grant (the owner read afresh, as S3 wants it in the policy); answers the ACL as the server now has it. */
  async setGrants({ profileId, bucket, key, grants }: ParsedRequestOf<'s3:setGrants'>): Promise<Grants> {
    const { client, profile } = await this.clients.clientFor(profileId, bucket);
    const { owner } = await this.grants({ profileId, bucket, key });
    const policy = {
      ...(owner && { Owner: { ID: owner.id, ...(owner.displayName && { DisplayName: owner.displayName }) } }),
      Grants: withOwnerKept(grants, owner).map(toSdk),
    };
    try {
      if (key === undefined) await client.send(new PutBucketAclCommand({ Bucket: bucket, AccessControlPolicy: policy }));
      else await client.send(new PutObjectAclCommand({ Bucket: bucket, Key: key, AccessControlPolicy: policy }));
    } catch (error) {
      throw toPailError(error, `saving the ACL of ${key ?? bucket}`, profile.endpoint);
    }
    return this.grants({ profileId, bucket, key });
  }
}
