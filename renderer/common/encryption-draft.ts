import { bucketEncryptionRuleSchema, uploadEncryptionSchema, type BucketEncryptionRule, type UploadEncryption } from '../../shared/encryption';
import type { EncryptionDraft } from './EncryptionChoice';

/** The draft a saved rule (or an upload's encryption) opens with; none: "none". */
export function draftOf(saved: BucketEncryptionRule | UploadEncryption | null | undefined): EncryptionDraft {
  return { algorithm: saved?.algorithm ?? 'none', kmsKeyId: saved?.kmsKeyId ?? '', bucketKey: !!saved && 'bucketKey' in saved && saved.bucketKey };
}

/** What the KMS fields add: the key when one is typed (empty: the default key). */
const kmsPart = (draft: EncryptionDraft) => (draft.algorithm.startsWith('aws:kms') && draft.kmsKeyId.trim() ? { kmsKeyId: draft.kmsKeyId.trim() } : {});

/** The bucket rule a draft makes ("none": null), or the problem with its KMS key. */
export function bucketRuleOfDraft(draft: EncryptionDraft): { rule: BucketEncryptionRule | null } | { error: string } {
  if (draft.algorithm === 'none') return { rule: null };
  const parsed = bucketEncryptionRuleSchema.safeParse({
    algorithm: draft.algorithm,
    ...kmsPart(draft),
    bucketKey: draft.algorithm !== 'AES256' && draft.bucketKey,
  });
  return parsed.success ? { rule: parsed.data } : { error: parsed.error.issues[0].message };
}

/** The upload encryption a draft makes ("none": undefined, the bucket's default), or the problem with its KMS key. */
export function uploadEncryptionOfDraft(draft: EncryptionDraft): { encryption?: UploadEncryption } | { error: string } {
  if (draft.algorithm === 'none') return {};
  const parsed = uploadEncryptionSchema.safeParse({ algorithm: draft.algorithm, ...kmsPart(draft) });
  return parsed.success ? { encryption: parsed.data } : { error: parsed.error.issues[0].message };
}
