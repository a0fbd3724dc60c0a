/** Which bucket a per-bucket store entry belongs to: `profileId/bucket`. */
export const bucketKeyOf = (profileId: string, bucket: string) => `${profileId}/${bucket}`;
