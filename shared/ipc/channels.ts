/**
 * The names of every IPC channel, kept free of dependencies so the sandboxed
 * preload can build `window.pail` from them. `contract.ts` declares each one's
 * schema and types and fails to compile if the two lists differ.
 */
export const REQUEST_CHANNELS = [
  'app:info',
  'profiles:list',
  'profiles:create',
  'profiles:update',
  'profiles:delete',
  'profiles:duplicate',
  'profiles:reorder',
  'profiles:export',
  'profiles:importPreview',
  'profiles:importApply',
  'connection:test',
  's3:listBuckets',
  's3:listObjects',
  's3:createBucket',
  's3:bucketStats',
  's3:deleteBucket',
  's3:createFolder',
  's3:deleteEntries',
  's3:setStorageClass',
  's3:rename',
  's3:copyEntries',
  's3:objectDetails',
  's3:updateMetadata',
  's3:readText',
  's3:objectLink',
  's3:search',
  's3:versioning',
  's3:setVersioning',
  's3:listVersions',
  's3:restoreVersion',
  's3:deleteVersion',
  's3:listUnfinishedUploads',
  's3:bucketCors',
  's3:setBucketCors',
  's3:bucketLifecycle',
  's3:setBucketLifecycle',
  's3:bucketPolicy',
  's3:setBucketPolicy',
  's3:objectTags',
  's3:setObjectTags',
  's3:bucketTags',
  's3:setBucketTags',
  's3:objectLockConfig',
  's3:setObjectLockConfig',
  's3:objectLockState',
  's3:setObjectRetention',
  's3:setLegalHold',
  's3:publicAccessBlock',
  's3:setPublicAccessBlock',
  'sync:compare',
  'sync:run',
  's3:bucketEncryption',
  's3:setBucketEncryption',
  's3:folderSize',
  's3:grants',
  's3:setGrants',
  's3:abortUploads',
  'jobs:cancel',
  'app:chooseFolder',
  'app:contextMenu',
  'transfers:list',
  'transfers:upload',
  'transfers:uploadStreams',
  'transfers:download',
  'transfers:importUrl',
  'transfers:pause',
  'transfers:resume',
  'transfers:cancel',
  'transfers:retry',
  'transfers:clearFinished',
  'transfers:resolveConflict',
  'transfers:setConcurrency',
  'transfers:dragOut',
  's3:objectAccess',
  's3:setAccess',
  's3:bucketAccess',
  's3:setBucketAccess',
  's3:publicUrls',
  's3:presign',
  'links:check',
  'app:cancel',
  'profiles:restoreBackup',
  'profiles:setBucketSettings',
  'app:setTheme',
  'linode:endpoints',
  'certificates:describe',
] as const;

/** Main-to-renderer events. */
export const EVENT_CHANNELS = [
  'profiles:changed',
  'job:progress',
  'job:finished',
  'search:results',
  'transfer:progress',
  'transfer:batchFinished',
  'transfer:bodyWanted',
  'menu:command',
  'events:opened',
] as const;

export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export type EventChannel = (typeof EVENT_CHANNELS)[number];

/** The Electron IPC channel name that carries a request channel (one prefix, checked by the preload). */
export const ipcName = (channel: RequestChannel | EventChannel): string => `pail:${channel}`;

/** Splits `domain:verb` into its parts. */
export function splitChannel<C extends string>(channel: C): [string, string] {
  const at = channel.indexOf(':');
  return [channel.slice(0, at), channel.slice(at + 1)];
}
