import { z } from 'zod';
import { storageClassNameSchema } from '../upload-options';
import { setBandwidthRequestSchema, transferLimitRequestSchema, type BandwidthLimits } from '../bandwidth';
import {
  bucketUploadSettingsSchema,
  profileIdSchema,
  profileInputSchema,
  profilePatchSchema,
  publicUrlBaseSchema,
  settingBucketSchema,
  type DamagedProfile,
  type ProfileDeleted,
  type ProfileListEntry,
  type ProfileSummary,
  type RestoredBackups,
  type SecretStoreKind,
} from '../profile';
import { bucketNameSchema, prefixSchema } from '../s3-names';
import { connectionTestRequestSchema, type ConnectionReport } from '../connection-test';
import type { JobFinished, JobProgress, JobStarted } from '../jobs';
import { metadataEditSchema, type ObjectDetails } from '../object-details';
import type { VersionPage, VersioningStatus } from '../versions';
import { importApplyRequestSchema, importPreviewRequestSchema, type ImportPreview, type ImportResult, type ProfileExport } from '../profile-import';
import {
  concurrencyRequestSchema,
  downloadRequestSchema,
  dragOutRequestSchema,
  importUrlRequestSchema,
  resolveConflictRequestSchema,
  transferSelectionSchema,
  uploadRequestSchema,
  uploadStreamsRequestSchema,
  type BatchSnapshot,
  type BatchStarted,
  type BodyWanted,
  type StreamsStarted,
  type TransferActionResult,
  type TransferList,
  type TransferProgressEvent,
} from '../transfers';
import {
  bucketAccessRequestSchema,
  checkLinkRequestSchema,
  objectAccessRequestSchema,
  presignRequestSchema,
  publicUrlsRequestSchema,
  setAccessRequestSchema,
  setBucketAccessRequestSchema,
  type BucketAccessAnswer,
  type LinkCheck,
  type ObjectAccessAnswer,
  type PresignAnswer,
  type PublicUrlsAnswer,
} from '../sharing';
import type { MenuCommand } from '../menu';
import { folderSizeRequestSchema } from '../folder-size';
import { grantsRequestSchema, setGrantsRequestSchema, type Grants } from '../grants';
import {
  objectLockConfigRequestSchema,
  objectLockStateRequestSchema,
  setLegalHoldRequestSchema,
  setObjectLockConfigRequestSchema,
  setObjectRetentionRequestSchema,
  type ObjectLockSettings,
  type ObjectLockState,
} from '../object-lock';
import { publicAccessBlockRequestSchema, setPublicAccessBlockRequestSchema, type PublicAccessBlock } from '../public-access-block';
import { bucketTagsRequestSchema, objectTagsRequestSchema, setBucketTagsRequestSchema, setObjectTagsRequestSchema, type TagSet } from '../tags';
import { bucketPolicyRequestSchema, setBucketPolicyRequestSchema, type BucketPolicy } from '../bucket-policy';
import { bucketLifecycleRequestSchema, setBucketLifecycleRequestSchema, type BucketLifecycle } from '../lifecycle';
import { bucketCorsRequestSchema, setBucketCorsRequestSchema, type BucketCors } from '../cors';
import { abortUploadsRequestSchema, listUnfinishedUploadsRequestSchema, type UnfinishedUploadList } from '../unfinished-uploads';
import { THEME_CHOICES } from '../theme';
import { searchRequestSchema } from '../search';
import {
  editSessionRequestSchema,
  openInAppRequestSchema,
  openTextRequestSchema,
  saveTextRequestSchema,
  type EditSessionEvent,
  type OpenedText,
} from '../text-edit';
import { compareRequestSchema, syncRunRequestSchema, type SyncPlan } from '../sync';
import { bucketEncryptionRuleSchema, type BucketEncryption } from '../encryption';
import { linodeEndpointsRequestSchema, type LinodeAccountEndpoint } from '../linode-hosts';
import { describeBundleRequestSchema, type DescribedBundle } from '../certificates';
import type { EventChannel, RequestChannel } from './channels';

/** What the app tells the UI about itself. */
export interface AppInfo {
  version: string;
  transport: 'electron' | 'web';
  dataDir: string;
  secretStore: {
    kind: SecretStoreKind;
    /** Where secrets are kept, in words ("GNOME Keyring", "a file only you can read: …"). */
    description: string;
    /** Set when secrets are not in the OS keychain: said plainly in the UI and the CLI. */
    warning?: string;
  };
  /** Where downloads go unless the user picks another folder (the OS's Downloads folder). */
  downloadsDir: string;
  /** What the shell around the UI can do: a native folder picker, dragging objects out to the desktop, native context menus, opening files in applications. */
  shell: { chooseFolder: boolean; dragOut: boolean; nativeMenus: boolean; openInApp: boolean };
  /** What start-up fixed in the data folder (e.g. made a readable secrets file private), in words. */
  notices?: string[];
}

/** A bucket in a ListBuckets answer. */
export interface BucketSummary {
  name: string;
  createdAt?: string;
}

/** A folder (common prefix) in a listing. */
export interface FolderEntry {
  kind: 'folder';
  /** The full prefix, ending in "/". */
  prefix: string;
  /** The last segment, without the "/". */
  name: string;
}

/** An object in a listing. */
export interface ObjectEntry {
  kind: 'object';
  key: string;
  name: string;
  size: number;
  lastModified?: string;
  storageClass?: string;
  etag?: string;
}

/** One page of a folder listing: folders first, then objects. */
export interface ObjectPage {
  bucket: string;
  prefix: string;
  folders: FolderEntry[];
  objects: ObjectEntry[];
  /** Pass back to get the next page; absent on the last page. */
  nextContinuationToken?: string;
}

/**
 * The objects of one listing page in columns, as the window's table keeps
 * them (renderer/stores/listing-columns.ts), rather than one record per
 * object: at a million keys the window's peak memory was each page's answer
 * (some 220 KiB of text a page, and 1,000 records parsed from it) waiting to
 * be collected; in columns a page is about a fifth of that and parses into
 * five arrays. `objectRowsOf` and `objectEntriesOf` (shared/object-rows.ts)
 * convert.
 */
export interface ObjectRows {
  /** What every key on the page starts with (the folder listed, or "" when a key did not): a key is `base` + its part of `keys`. */
  base: string;
  /** The keys without `base`, joined; row i's part ends at `ends[i]` (UTF-16 code units) and starts where row i-1's ends. */
  keys: string;
  ends: number[];
  sizes: number[];
  /** Last modified, epoch ms; null when the server gave none. */
  modified: (number | null)[];
  /** The storage classes named on the page, "" (none given) first; row i's is `classNames[classes[i]]`. */
  classNames: string[];
  classes: number[];
}

/** One page of a folder listing as `s3:listObjects` sends it to the window: folders first, then the objects in columns. */
export interface ObjectRowsPage {
  bucket: string;
  prefix: string;
  folders: FolderEntry[];
  objects: ObjectRows;
  /** Pass back to get the next page; absent on the last page. */
  nextContinuationToken?: string;
}

const listObjectsRequest = z.object({
  profileId: profileIdSchema,
  bucket: bucketNameSchema,
  prefix: prefixSchema.default(''),
  continuationToken: z.string().max(4096).optional(),
  maxKeys: z.number().int().min(1).max(1000).optional(),
});

/** The start of a text object, for a preview. */
export interface TextPreview {
  text: string;
  /** True when only the first MiB was read. */
  truncated: boolean;
  size: number;
  contentType?: string;
}

/** How much a bucket holds (for the delete confirmation). */
export interface BucketStats {
  objects: number;
  versions: number;
  uploads: number;
  /** Counting stopped at 100,000: there are more. */
  more: boolean;
}

const inBucket = { profileId: profileIdSchema, bucket: bucketNameSchema };
const keyListSchema = z.array(prefixSchema.min(1)).max(100_000);
const selectionSchema = z
  .object({ ...inBucket, keys: keyListSchema.default([]), prefixes: keyListSchema.default([]) })
  .refine((s) => s.keys.length + s.prefixes.length > 0, {
    message: 'Select at least one object or folder.',
  });
/** Every object below a folder (the whole bucket for ""), but not the folder's own marker: what Select all in a fully listed folder covers. */
/**
 * `listedMsAgo`: how long ago (this side's clock) the listing the user saw began; objects changed or added since
 * were not among the rows selected, and are kept.
 */
const folderContentsRequest = z.object({
  ...inBucket,
  prefix: prefixSchema,
  listedMsAgo: z
    .number()
    .int()
    .nonnegative()
    .max(366 * 24 * 3600 * 1000),
});
/** Objects and folders (every object below) to move to another storage class, by a copy onto itself. */
const setStorageClassRequestSchema = z
  .object({ ...inBucket, keys: keyListSchema.default([]), prefixes: keyListSchema.default([]), storageClass: storageClassNameSchema })
  .refine((s) => s.keys.length + s.prefixes.length > 0, { message: 'Select at least one object or folder.' });
/** `objectLock`: the bucket is created with Object Lock (and so with versioning), which cannot be undone. */
const createBucketRequest = z.object({
  profileId: profileIdSchema,
  name: z.string().max(255),
  region: z.string().max(64).optional(),
  objectLock: z.boolean().optional(),
});
const bucketRequest = z.object(inBucket);
const deleteBucketRequest = z.object({ ...inBucket, confirmName: z.string().max(255).optional() });
const createFolderRequest = z.object({ ...inBucket, prefix: prefixSchema, name: z.string().max(1024) });
const renameRequest = z.object({ ...inBucket, source: prefixSchema.min(1), newName: z.string().max(1024) });
const copyEntriesRequest = z.object({
  source: selectionSchema,
  target: z.object({ ...inBucket, prefix: prefixSchema }),
  mode: z.enum(['copy', 'move']),
});
const jobRequest = z.object({ jobId: z.string().uuid() });
const objectKeySchema = prefixSchema.min(1, 'Name the object.');
const versionIdSchema = z.string().min(1).max(1024);
const objectRequest = z.object({ ...inBucket, key: objectKeySchema, versionId: versionIdSchema.optional() });
const objectLinkRequest = objectRequest.extend({ download: z.boolean().default(false) });
const updateMetadataRequest = z.object({ ...inBucket, key: objectKeySchema, edit: metadataEditSchema });
const setVersioningRequest = z.object({ ...inBucket, enabled: z.boolean() });
const setBucketEncryptionRequest = z.object({ ...inBucket, rule: bucketEncryptionRuleSchema.nullable() });
const listVersionsRequest = z.object({
  ...inBucket,
  prefix: prefixSchema.default(''),
  keyMarker: z.string().max(2048).optional(),
  versionIdMarker: versionIdSchema.optional(),
});
const versionRequest = z.object({ ...inBucket, key: objectKeySchema, versionId: versionIdSchema });

/** Declares one request channel: its request schema and (as a type only) its response. */
function channel<Req extends z.ZodType, Res>(request: Req) {
  return { request, response: undefined as unknown as Res };
}

const empty = z.object({}).strict();
const byProfileId = z.object({ id: profileIdSchema });
const reorderRequest = z.object({ ids: z.array(profileIdSchema).min(1).max(1000) });
/** A native picker: a folder, or (`files`) several files. */
const chooseFolderRequest = z.object({ title: z.string().max(200).optional(), files: z.boolean().default(false) });
/** One item of a native context menu. */
const contextMenuItem = z.object({
  id: z.string().max(40),
  label: z.string().min(1).max(200),
  enabled: z.boolean().default(true),
  separatorBefore: z.boolean().default(false),
});
/** A context menu for the shell to show natively: its items (the page runs the one chosen); an item may hold one level of submenu. */
const contextMenuRequest = z.object({
  items: z
    .array(contextMenuItem.extend({ submenu: z.array(contextMenuItem).min(1).max(20).optional() }))
    .min(1)
    .max(60),
});
export type ContextMenuRequest = z.output<typeof contextMenuRequest>;
/** Stops a request still in flight: the id its caller gave it (see `CallOptions`). */
const cancelRequest = z.object({ requestId: z.string().uuid() });

/** Every request channel with its request schema and response type. */
export const requestContract = {
  'app:info': channel<typeof empty, AppInfo>(empty),
  /** Usable profiles and, in their places, entries of profiles.json that are damaged. */
  'profiles:list': channel<typeof empty, ProfileListEntry[]>(empty),
  'profiles:create': channel<typeof profileInputSchema, ProfileSummary>(profileInputSchema),
  'profiles:update': (() => {
    const schema = z.object({ id: profileIdSchema, patch: profilePatchSchema });
    return channel<typeof schema, ProfileSummary>(schema);
  })(),
  'profiles:delete': channel<typeof byProfileId, ProfileDeleted>(byProfileId),
  'profiles:duplicate': channel<typeof byProfileId, ProfileSummary>(byProfileId),
  'profiles:reorder': channel<typeof reorderRequest, ProfileSummary[]>(reorderRequest),
  'profiles:export': channel<typeof byProfileId, ProfileExport>(byProfileId),
  'profiles:importPreview': channel<typeof importPreviewRequestSchema, ImportPreview>(importPreviewRequestSchema),
  'profiles:importApply': channel<typeof importApplyRequestSchema, ImportResult>(importApplyRequestSchema),
  'connection:test': channel<typeof connectionTestRequestSchema, ConnectionReport>(connectionTestRequestSchema),
  's3:listBuckets': (() => {
    const schema = z.object({ profileId: profileIdSchema });
    return channel<typeof schema, BucketSummary[]>(schema);
  })(),
  's3:listObjects': channel<typeof listObjectsRequest, ObjectRowsPage>(listObjectsRequest),
  's3:createBucket': channel<typeof createBucketRequest, BucketSummary>(createBucketRequest),
  's3:bucketStats': channel<typeof bucketRequest, BucketStats>(bucketRequest),
  's3:deleteBucket': channel<typeof deleteBucketRequest, JobStarted>(deleteBucketRequest),
  's3:createFolder': channel<typeof createFolderRequest, FolderEntry>(createFolderRequest),
  's3:deleteEntries': channel<typeof selectionSchema, JobStarted>(selectionSchema),
  /** Deletes everything in a folder as a job, listing and deleting a page (1,000 keys) at a time: a million keys never cross IPC or sit in memory at once. */
  's3:deleteFolderContents': channel<typeof folderContentsRequest, JobStarted>(folderContentsRequest),
  /** Moves objects, and every object below folders, to a storage class (each copied onto itself, its headers and grants kept), as a job. */
  's3:setStorageClass': channel<typeof setStorageClassRequestSchema, JobStarted>(setStorageClassRequestSchema),
  's3:rename': channel<typeof renameRequest, JobStarted>(renameRequest),
  's3:copyEntries': channel<typeof copyEntriesRequest, JobStarted>(copyEntriesRequest),
  's3:objectDetails': channel<typeof objectRequest, ObjectDetails>(objectRequest),
  's3:updateMetadata': channel<typeof updateMetadataRequest, ObjectDetails>(updateMetadataRequest),
  's3:readText': channel<typeof objectRequest, TextPreview>(objectRequest),
  's3:objectLink': channel<typeof objectLinkRequest, { url: string }>(objectLinkRequest),
  /** Searches below a folder by name, by tag or both, as a job; results come as `search:results` events. */
  's3:search': channel<typeof searchRequestSchema, JobStarted>(searchRequestSchema),
  's3:versioning': channel<typeof bucketRequest, { status: VersioningStatus }>(bucketRequest),
  's3:setVersioning': channel<typeof setVersioningRequest, { status: VersioningStatus }>(setVersioningRequest),
  's3:listVersions': channel<typeof listVersionsRequest, VersionPage>(listVersionsRequest),
  's3:restoreVersion': channel<typeof versionRequest, { restored: true }>(versionRequest),
  's3:deleteVersion': channel<typeof versionRequest, { deleted: true }>(versionRequest),
  /** A bucket's unfinished multipart uploads, each with the parts and bytes it holds. */
  's3:listUnfinishedUploads': channel<typeof listUnfinishedUploadsRequestSchema, UnfinishedUploadList>(listUnfinishedUploadsRequestSchema),
  /** A bucket's CORS rules (none: browsers on other sites may not call it). */
  's3:bucketCors': channel<typeof bucketCorsRequestSchema, BucketCors>(bucketCorsRequestSchema),
  /** Replaces a bucket's CORS rules (an empty list removes its CORS configuration); answers them as saved. */
  's3:setBucketCors': channel<typeof setBucketCorsRequestSchema, BucketCors>(setBucketCorsRequestSchema),
  /** A bucket's lifecycle rules (what happens to objects, older versions and unfinished uploads after some days). */
  's3:bucketLifecycle': channel<typeof bucketLifecycleRequestSchema, BucketLifecycle>(bucketLifecycleRequestSchema),
  /** Replaces a bucket's lifecycle rules (an empty list removes its lifecycle configuration); answers them as saved. */
  's3:setBucketLifecycle': channel<typeof setBucketLifecycleRequestSchema, BucketLifecycle>(setBucketLifecycleRequestSchema),
  /** A bucket's policy (JSON text; null: none). */
  's3:bucketPolicy': channel<typeof bucketPolicyRequestSchema, BucketPolicy>(bucketPolicyRequestSchema),
  /** Replaces a bucket's policy, or removes it (null); answers it as saved. */
  's3:setBucketPolicy': channel<typeof setBucketPolicyRequestSchema, BucketPolicy>(setBucketPolicyRequestSchema),
  /** An object's tags. */
  's3:objectTags': channel<typeof objectTagsRequestSchema, TagSet>(objectTagsRequestSchema),
  /** Replaces an object's tags (none: removes them); answers them as saved. */
  's3:setObjectTags': channel<typeof setObjectTagsRequestSchema, TagSet>(setObjectTagsRequestSchema),
  /** A bucket's tags. */
  's3:bucketTags': channel<typeof bucketTagsRequestSchema, TagSet>(bucketTagsRequestSchema),
  /** Replaces a bucket's tags (none: removes them); answers them as saved. */
  's3:setBucketTags': channel<typeof setBucketTagsRequestSchema, TagSet>(setBucketTagsRequestSchema),
  /** A bucket's Object Lock: whether it has it (`enabled: false` when not), and the retention new versions get. */
  's3:objectLockConfig': channel<typeof objectLockConfigRequestSchema, ObjectLockSettings>(objectLockConfigRequestSchema),
  /** Sets or (null) removes a bucket's default retention; answers the settings as saved. */
  's3:setObjectLockConfig': channel<typeof setObjectLockConfigRequestSchema, ObjectLockSettings>(setObjectLockConfigRequestSchema),
  /** A version's retention and legal hold (the current version unless named). */
  's3:objectLockState': channel<typeof objectLockStateRequestSchema, ObjectLockState>(objectLockStateRequestSchema),
  /** Gives a version a retention, or (null) removes it; shortening a governance retention needs `bypassGovernance`. */
  's3:setObjectRetention': channel<typeof setObjectRetentionRequestSchema, ObjectLockState>(setObjectRetentionRequestSchema),
  /** Places or removes a version's legal hold. */
  's3:setLegalHold': channel<typeof setLegalHoldRequestSchema, ObjectLockState>(setLegalHoldRequestSchema),
  /** A bucket's Block Public Access switches (all off when it has none). */
  's3:publicAccessBlock': channel<typeof publicAccessBlockRequestSchema, PublicAccessBlock>(publicAccessBlockRequestSchema),
  /** Sets them, or (null) removes the configuration; answers them as saved. */
  's3:setPublicAccessBlock': channel<typeof setPublicAccessBlockRequestSchema, PublicAccessBlock>(setPublicAccessBlockRequestSchema),
  /** A text object opened to edit in place: its text (UTF-8, up to 2 MiB) and the ETag it was read at. */
  'edit:openText': channel<typeof openTextRequestSchema, OpenedText>(openTextRequestSchema),
  /** Saves edited text over the object if it still has the ETag it was opened at (else EditConflict); answers the new ETag. */
  'edit:saveText': channel<typeof saveTextRequestSchema, { etag: string }>(saveTextRequestSchema),
  /** Desktop only: opens an object in the system's application; each save there is sent back (events `edit:session`). */
  'edit:openInApp': channel<typeof openInAppRequestSchema, { sessionId: string; path: string }>(openInAppRequestSchema),
  /** Desktop only: "Edit with…": the user picks an application, which opens the object; saves are sent back. Empty when cancelled. */
  'edit:openWith': channel<typeof openInAppRequestSchema, { sessionId?: string; path?: string }>(openInAppRequestSchema),
  /** Saves an open object's file over a change made on the server meanwhile (the user's answer to a conflict). */
  'edit:overwrite': channel<typeof editSessionRequestSchema, { saved: true }>(editSessionRequestSchema),
  /** Stops sending an open object's saves back, and removes its file. */
  'edit:stop': channel<typeof editSessionRequestSchema, { stopped: true }>(editSessionRequestSchema),
  /** Compares a local folder with a prefix, one way: every path as new, changed, only on the target, or the same. */
  'sync:compare': channel<typeof compareRequestSchema, SyncPlan>(compareRequestSchema),
  /** Runs a comparison's plan as a job: the new and changed as one transfer batch, then (when asked) deletes what is only on the target. */
  'sync:run': channel<typeof syncRunRequestSchema, JobStarted>(syncRunRequestSchema),
  /** A bucket's default encryption (rule null: none); a server without it is refused with NotImplemented. */
  's3:bucketEncryption': channel<typeof bucketRequest, BucketEncryption>(bucketRequest),
  /** Sets the default encryption, or (null) removes it; never sent to a server that does not know it. Answers it as saved. */
  's3:setBucketEncryption': channel<typeof setBucketEncryptionRequest, BucketEncryption>(setBucketEncryptionRequest),
  /** Counts the objects and bytes under a prefix (every level), as a job whose progress carries the totals. */
  's3:folderSize': channel<typeof folderSizeRequestSchema, JobStarted>(folderSizeRequestSchema),
  /** Every grant of an object's ACL (with a key) or a bucket's, and its owner. */
  's3:grants': channel<typeof grantsRequestSchema, Grants>(grantsRequestSchema),
  /** Replaces every grant of an object's or a bucket's ACL; answers the ACL as saved. */
  's3:setGrants': channel<typeof setGrantsRequestSchema, Grants>(setGrantsRequestSchema),
  /** Aborts unfinished uploads (their parts are deleted), as a job. */
  's3:abortUploads': channel<typeof abortUploadsRequestSchema, JobStarted>(abortUploadsRequestSchema),
  'jobs:cancel': channel<typeof jobRequest, { cancelled: boolean }>(jobRequest),
  /** A native folder picker (Electron); `path` is absent when the user cancelled. */
  /** A native picker (Electron): `path` is the folder chosen, `paths` the files (with `files`); absent when cancelled. */
  'app:chooseFolder': channel<typeof chooseFolderRequest, { path?: string; paths?: string[] }>(chooseFolderRequest),
  /** A native context menu (Electron); `chosen` is the id of the item picked, absent when dismissed. */
  'app:contextMenu': channel<typeof contextMenuRequest, { chosen?: string }>(contextMenuRequest),
  'transfers:list': channel<typeof empty, TransferList>(empty),
  'transfers:upload': channel<typeof uploadRequestSchema, BatchStarted>(uploadRequestSchema),
  'transfers:uploadStreams': channel<typeof uploadStreamsRequestSchema, StreamsStarted>(uploadStreamsRequestSchema),
  'transfers:download': channel<typeof downloadRequestSchema, BatchStarted>(downloadRequestSchema),
  'transfers:importUrl': channel<typeof importUrlRequestSchema, BatchStarted>(importUrlRequestSchema),
  'transfers:pause': channel<typeof transferSelectionSchema, TransferActionResult>(transferSelectionSchema),
  'transfers:resume': channel<typeof transferSelectionSchema, TransferActionResult>(transferSelectionSchema),
  'transfers:cancel': channel<typeof transferSelectionSchema, TransferActionResult>(transferSelectionSchema),
  'transfers:retry': channel<typeof transferSelectionSchema, TransferActionResult>(transferSelectionSchema),
  'transfers:clearFinished': channel<typeof transferSelectionSchema, TransferActionResult>(transferSelectionSchema),
  'transfers:resolveConflict': channel<typeof resolveConflictRequestSchema, TransferActionResult>(resolveConflictRequestSchema),
  'transfers:setConcurrency': channel<typeof concurrencyRequestSchema, { files: number; parts: number }>(concurrencyRequestSchema),
  'transfers:setBandwidth': channel<typeof setBandwidthRequestSchema, BandwidthLimits>(setBandwidthRequestSchema),
  'transfers:setLimit': channel<typeof transferLimitRequestSchema, TransferActionResult>(transferLimitRequestSchema),
  /** Electron: downloads the objects to a temp folder and starts the OS drag with them. */
  'transfers:dragOut': channel<typeof dragOutRequestSchema, { files: number }>(dragOutRequestSchema),
  's3:objectAccess': channel<typeof objectAccessRequestSchema, ObjectAccessAnswer>(objectAccessRequestSchema),
  /** A job (progress in Activity): objects and folders, recursively, made public or private. */
  's3:setAccess': channel<typeof setAccessRequestSchema, JobStarted>(setAccessRequestSchema),
  's3:bucketAccess': channel<typeof bucketAccessRequestSchema, BucketAccessAnswer>(bucketAccessRequestSchema),
  's3:setBucketAccess': channel<typeof setBucketAccessRequestSchema, BucketAccessAnswer>(setBucketAccessRequestSchema),
  's3:publicUrls': channel<typeof publicUrlsRequestSchema, PublicUrlsAnswer>(publicUrlsRequestSchema),
  's3:presign': channel<typeof presignRequestSchema, PresignAnswer>(presignRequestSchema),
  'links:check': channel<typeof checkLinkRequestSchema, LinkCheck>(checkLinkRequestSchema),
  /** Aborts a request in flight (its server calls stop; it answers `Cancelled`); false when it had already finished. */
  'app:cancel': channel<typeof cancelRequest, { cancelled: boolean }>(cancelRequest),
  /** Puts back the last good profiles.json / secrets.json from their .bak when damaged; NothingToRestore otherwise. */
  'profiles:restoreBackup': channel<typeof empty, RestoredBackups>(empty),
  /**
   * One bucket's own settings in a profile (its settings dialog, the upload sheet's "remember"):
   * `uploads` replaces the bucket's upload settings (null clears them), `publicUrlBase` its custom
   * domain (null clears it); an absent field is kept. Other buckets and settings are untouched.
   */
  'profiles:setBucketSettings': (() => {
    const schema = z.object({
      id: profileIdSchema,
      bucket: settingBucketSchema,
      uploads: bucketUploadSettingsSchema.nullable().optional(),
      publicUrlBase: publicUrlBaseSchema.nullable().optional(),
    });
    return channel<typeof schema, ProfileSummary>(schema);
  })(),
  /** The theme the user chose: Electron makes its own parts (menus, dialogs, title bar) follow; the web mode has none. */
  'app:setTheme': (() => {
    const schema = z.object({ theme: z.enum(THEME_CHOICES) }).strict();
    return channel<typeof schema, { native: boolean }>(schema);
  })(),
  /** The Object Storage endpoints of a Linode account, listed by the Linode API with a token used for this request only. */
  'linode:endpoints': channel<typeof linodeEndpointsRequestSchema, LinodeAccountEndpoint[]>(linodeEndpointsRequestSchema),
  /**
   * The certificates a CA bundle holds (the profile editor's CA bundle field): from PEM text
   * (pasted, or a file read by the page), or from a file the native picker chose (`path`);
   * answers the PEM text to keep and each certificate's details; a bundle that is not PEM
   * certificates fails in words (InvalidRequest).
   */
  'certificates:describe': channel<typeof describeBundleRequestSchema, DescribedBundle>(describeBundleRequestSchema),
} satisfies Record<RequestChannel, { request: z.ZodType; response: unknown }>;

/** Every main-to-renderer event with its payload type. */
export interface EventPayloads {
  'profiles:changed': { profiles: ProfileSummary[]; damaged?: DamagedProfile[] };
  'job:progress': JobProgress;
  'job:finished': JobFinished;
  'search:results': { jobId: string; entries: (FolderEntry | ObjectEntry)[] };
  /** An object open in an application: a save sent back, refused as a conflict, or failed. */
  'edit:session': EditSessionEvent;
  'transfer:progress': TransferProgressEvent;
  'transfer:batchFinished': BatchSnapshot;
  'transfer:bodyWanted': BodyWanted;
  /** Electron's application menu asks the focused page to run one of its actions. */
  'menu:command': { command: MenuCommand };
  /**
   * The web transport's event stream opened, or opened again after a drop: what was raised while it was
   * closed never arrived, so the page reads again what events keep fresh. (Electron's IPC has no such gap: the
   * page listens before it asks.)
   */
  'events:opened': Record<string, never>;
}

// Compile-time checks that the contract and the channel lists name the same channels.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const contractMatchesChannels: Same<keyof typeof requestContract, RequestChannel> = true;
export const eventsMatchChannels: Same<keyof EventPayloads, EventChannel> = true;

/** The request a channel takes, as the caller writes it (defaults may be omitted). */
export type RequestOf<C extends RequestChannel> = z.input<(typeof requestContract)[C]['request']>;
/** The request after validation, as a handler receives it. */
export type ParsedRequestOf<C extends RequestChannel> = z.output<(typeof requestContract)[C]['request']>;
/** The response a channel gives. */
export type ResponseOf<C extends RequestChannel> = (typeof requestContract)[C]['response'];
/** The payload of an event. */
export type EventOf<E extends EventChannel> = EventPayloads[E];
