import { describe, expect, it } from 'vitest';
import {
  bucketEncryptionChangeInWords,
  bucketEncryptionInWords,
  bucketEncryptionRuleSchema,
  unconfirmedEncryptionNote,
  uploadEncryptionInWords,
  uploadEncryptionSchema,
} from './encryption';

describe('encryption in words', () => {
  it('says what a bucket’s default does', () => {
    expect(bucketEncryptionInWords(null)).toBe('No default encryption: objects are encrypted only when their upload asks for it.');
    expect(bucketEncryptionInWords({ algorithm: 'AES256', bucketKey: false })).toBe(
      'New objects are encrypted at rest with SSE-S3: the provider holds and manages the keys.',
    );
    expect(bucketEncryptionInWords({ algorithm: 'aws:kms', bucketKey: false })).toBe(
      'New objects are encrypted at rest with SSE-KMS, with the account’s default KMS key.',
    );
    expect(bucketEncryptionInWords({ algorithm: 'aws:kms:dsse', kmsKeyId: 'alias/logs', bucketKey: false })).toBe(
      'New objects are encrypted at rest in two layers (DSSE-KMS), with key alias/logs.',
    );
  });

  it('says what saving changes, and nothing when nothing does', () => {
    const s3 = { algorithm: 'AES256' as const, bucketKey: false };
    expect(bucketEncryptionChangeInWords(s3, { ...s3 })).toBe('');
    expect(bucketEncryptionChangeInWords(null, s3)).toBe('Saving sets the default: SSE-S3. Objects already stored keep the encryption they have.');
    expect(bucketEncryptionChangeInWords(s3, { algorithm: 'aws:kms', kmsKeyId: 'alias/a', bucketKey: true })).toBe(
      'Saving sets the default: SSE-KMS with key alias/a and a bucket key. Objects already stored keep the encryption they have.',
    );
    expect(bucketEncryptionChangeInWords(s3, null)).toMatch(/^Saving removes the default encryption/);
  });

  it('says what an upload asks for, and notes a server that did not confirm it', () => {
    expect(uploadEncryptionInWords(undefined)).toBe('As the bucket’s default encryption says (none asked by the upload).');
    expect(uploadEncryptionInWords({ algorithm: 'aws:kms', kmsKeyId: 'k1' })).toBe('Encrypted at rest with SSE-KMS, with key k1.');
    expect(unconfirmedEncryptionNote(undefined, undefined)).toBeUndefined();
    expect(unconfirmedEncryptionNote({ algorithm: 'AES256' }, 'AES256')).toBeUndefined();
    // AWS answers the key's full ARN for an alias: the algorithm is what is compared.
    expect(unconfirmedEncryptionNote({ algorithm: 'aws:kms', kmsKeyId: 'alias/a' }, 'aws:kms')).toBeUndefined();
    expect(unconfirmedEncryptionNote({ algorithm: 'aws:kms' }, 'AES256')).toMatch(/^SSE-KMS encryption was asked for, but the server answered SSE-S3:/);
  });

  it('takes a KMS key only with SSE-KMS, and a key id without spaces', () => {
    expect(uploadEncryptionSchema.safeParse({ algorithm: 'AES256', kmsKeyId: 'k' }).error?.issues[0].message).toBe('A KMS key goes with SSE-KMS only.');
    expect(uploadEncryptionSchema.safeParse({ algorithm: 'aws:kms', kmsKeyId: 'my key' }).error?.issues[0].message).toBe(
      'A KMS key id is a key id, ARN or alias/NAME, without spaces.',
    );
    expect(bucketEncryptionRuleSchema.parse({ algorithm: 'aws:kms' })).toEqual({ algorithm: 'aws:kms', bucketKey: false });
  });
});
