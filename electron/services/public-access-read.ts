import { GetPublicAccessBlockCommand, type S3Client } from '@aws-sdk/client-s3';
import { NOTHING_BLOCKED, type PublicAccessBlock } from '../../shared/public-access-block';

/** A bucket's Block Public Access as the server keeps it (nothing blocked when it has no configuration); any other error is thrown as the SDK threw it. */
export async function readPublicAccessBlock(client: S3Client, bucket: string, signal?: AbortSignal): Promise<PublicAccessBlock> {
  try {
    const answer = await client.send(new GetPublicAccessBlockCommand({ Bucket: bucket }), { abortSignal: signal });
    const config = answer.PublicAccessBlockConfiguration ?? {};
    return {
      blockPublicAcls: config.BlockPublicAcls === true,
      ignorePublicAcls: config.IgnorePublicAcls === true,
      blockPublicPolicy: config.BlockPublicPolicy === true,
      restrictPublicBuckets: config.RestrictPublicBuckets === true,
    };
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchPublicAccessBlockConfiguration') return NOTHING_BLOCKED;
    throw error;
  }
}
