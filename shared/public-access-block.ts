import { z } from 'zod';
import { profileIdSchema } from './profile';
import { bucketNameSchema } from './s3-names';

/** A bucket's Block Public Access: four switches, S3's names in Pail's casing. */
export const publicAccessBlockSchema = z.object({
  blockPublicAcls: z.boolean(),
  ignorePublicAcls: z.boolean(),
  blockPublicPolicy: z.boolean(),
  restrictPublicBuckets: z.boolean(),
});
export type PublicAccessBlock = z.infer<typeof publicAccessBlockSchema>;
export type PublicAccessFlag = keyof PublicAccessBlock;

export const PUBLIC_ACCESS_FLAGS: readonly PublicAccessFlag[] = ['blockPublicAcls', 'ignorePublicAcls', 'blockPublicPolicy', 'restrictPublicBuckets'];

/** Nothing blocked: what a bucket without a configuration has. */
export const NOTHING_BLOCKED: PublicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };

/** Each switch: its label (as the AWS console names it), the CLI flag, and what it does when on. */
export const PUBLIC_ACCESS_WORDS: Record<PublicAccessFlag, { label: string; cli: string; when: string }> = {
  blockPublicAcls: {
    label: 'Block public ACLs',
    cli: 'block-acls',
    when: 'new public ACLs (Public, public-read uploads) are refused (Ceph-based storage refuses every upload)',
  },
  ignorePublicAcls: { label: 'Ignore public ACLs', cli: 'ignore-acls', when: 'public ACLs already set open nothing' },
  blockPublicPolicy: { label: 'Block public policies', cli: 'block-policy', when: 'a bucket policy that opens the bucket to anyone is refused' },
  restrictPublicBuckets: { label: 'Restrict public buckets', cli: 'restrict-buckets', when: 'a public policy already set serves only this account' },
};

export const publicAccessBlockRequestSchema = z.object({ profileId: profileIdSchema, bucket: bucketNameSchema });
/** New switches, or `null` to remove the bucket's configuration (nothing blocked). */
export const setPublicAccessBlockRequestSchema = publicAccessBlockRequestSchema.extend({ block: publicAccessBlockSchema.nullable() });

/** A bucket's Block Public Access in words. */
export function publicAccessBlockInWords(block: PublicAccessBlock): string {
  const on = PUBLIC_ACCESS_FLAGS.filter((flag) => block[flag]);
  if (!on.length) return 'Block Public Access is off: ACLs and policies may make this bucket’s objects public.';
  if (on.length === PUBLIC_ACCESS_FLAGS.length) return 'All public access is blocked: no ACL or policy makes this bucket’s objects public.';
  return `Block Public Access: ${on.map((flag) => PUBLIC_ACCESS_WORDS[flag].when).join('; ')}.`;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** What saving `next` over `before` turns on and off, in words ("" when nothing). */
export function publicAccessChangesInWords(before: PublicAccessBlock, next: PublicAccessBlock): string {
  const turned = (value: boolean) =>
    PUBLIC_ACCESS_FLAGS.filter((flag) => before[flag] !== value && next[flag] === value).map((flag) => lowerFirst(PUBLIC_ACCESS_WORDS[flag].label));
  const parts = [turned(true).length ? `turns on ${turned(true).join(', ')}` : '', turned(false).length ? `turns off ${turned(false).join(', ')}` : ''].filter(
    Boolean,
  );
  return parts.length ? `${parts.join('; ')}.` : '';
}

/** Why Block Public Access keeps an object's Public switch off, in words, or undefined when it does not. */
export function publicSwitchBlockedBy(block: PublicAccessBlock): string | undefined {
  if (block.blockPublicAcls) return 'Block Public Access refuses public ACLs in this bucket ("Block public ACLs").';
  if (block.ignorePublicAcls) return 'Block Public Access ignores public ACLs in this bucket ("Ignore public ACLs"): a public object would still be private.';
  return undefined;
}

/** What to do about uploads refused in a bucket whose "Block public ACLs" is on (Ceph then refuses every upload, private ones too). */
export const uploadsBlockedHint =
  'This bucket’s Block Public Access has “Block public ACLs” on: AWS then refuses public uploads, and Ceph-based storage (Linode/Akamai, self-hosted Ceph) refuses every upload, private ones too. Turn it off in the bucket inspector’s Block Public Access section (pail public-access set), or upload as private.';
