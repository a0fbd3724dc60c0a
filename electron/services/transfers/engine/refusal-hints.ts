import type { S3Client } from '@aws-sdk/client-s3';
import { uploadsBlockedHint, type PublicAccessBlock } from '../../../../shared/public-access-block';
import { readPublicAccessBlock } from '../../public-access-read';

/** How long one reading of a bucket's settings explains its refusals: a batch of 20,000 refused files asks once. */
const FRESH_MS = 60_000;
/** A reading that takes longer is given up: the refusal is shown as the server worded it. */
const READ_DEADLINE_MS = 10_000;

type ReadBlock = (client: S3Client, bucket: string, signal: AbortSignal) => Promise<PublicAccessBlock>;

/**
 * Why a server refused an upload (AccessDenied) when the bucket's own
 * settings say so: with Block Public Access's "Block public ACLs" on, AWS
 * refuses public uploads and Ceph (Linode/Akamai, self-hosted) refuses every
 * upload, private ones too, with a bare AccessDenied that reads like wrong keys.
 * Each bucket's settings are read once a minute at most, shared by the uploads
 * refused meanwhile; a reading that fails explains nothing.
 */
export class UploadRefusalHints {
  private readonly readings = new Map<string, { at: number; hint: Promise<string | undefined> }>();

  constructor(
    private readonly readBlock: ReadBlock = readPublicAccessBlock,
    private readonly now: () => number = Date.now,
  ) {}

  /** The hint for an upload into `bucket` that was refused, or undefined when its settings do not explain it. */
  hintFor(profileId: string, client: S3Client, bucket: string): Promise<string | undefined> {
    const id = JSON.stringify([profileId, bucket]);
    const held = this.readings.get(id);
    if (held && this.now() - held.at < FRESH_MS) return held.hint;
    const hint = this.readBlock(client, bucket, AbortSignal.timeout(READ_DEADLINE_MS)).then(
      (block) => (block.blockPublicAcls ? uploadsBlockedHint : undefined),
      () => undefined,
    );
    this.readings.set(id, { at: this.now(), hint });
    return hint;
  }
}
