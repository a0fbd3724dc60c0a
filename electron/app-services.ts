import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Emitter } from '../shared/event';
import type { EventChannel } from '../shared/ipc/channels';
import type { EventOf } from '../shared/ipc/contract';
import type { Handlers } from './ipc/dispatcher';
import { InFlightRequests } from './ipc/in-flight-requests';
import { ConnectionTester } from './services/connection-tester';
import { LinodeEndpointLister } from './services/linode-endpoints';
import { describeCaBundle } from './services/net/ca-bundle';
import { ProfileImportService } from './services/profile-import-service';
import { BucketService } from './services/bucket-service';
import { JobRunner } from './services/job-runner';
import { ObjectDetailsService } from './services/object-details-service';
import { ObjectOpsService } from './services/object-ops-service';
import { ObjectStreams } from './services/object-streams';
import { SearchService } from './services/search-service';
import { SyncService } from './services/sync/sync-service';
import { TextEditService } from './services/text-edit-service';
import { EditSessions } from './services/edit-sessions';
import { VersionsService } from './services/versions-service';
import { UnfinishedUploadsService } from './services/unfinished-uploads-service';
import { BucketConfigService } from './services/bucket-config-service';
import { TaggingService } from './services/tagging-service';
import { ObjectLockService } from './services/object-lock-service';
import { FolderSizeService } from './services/folder-size-service';
import { GrantsService } from './services/grants-service';
import { TransferStateStore } from './services/transfers/state/state-store';
import { ProfileService } from './services/profile-service';
import { securePermissions } from './services/data-dir';
import { CachedS3ClientProvider, type ClientOverrides } from './services/s3-client-factory';
import { S3BrowseService } from './services/s3-browse-service';
import { openSecretStores, type SecretStores } from './services/secret-store';
import { createTransferService, type TransferService } from './services/transfers/engine/transfer-service';
import { AccessService } from './services/access-service';
import { LinkService } from './services/link-service';
import { AppInfoService, type TransportInfo } from './services/app-info-service';
import { DragOutService } from './services/drag-out-service';
import { notInThisShell, ShellService, type ShellHooks } from './services/shell-service';
import { ProxyResolver, type SystemProxyLookup } from './services/net/proxy-resolver';
import { objectRowsOf } from '../shared/object-rows';

/** Sends an event to every connected renderer. */
export type EventSink = <E extends EventChannel>(event: E, payload: EventOf<E>) => void;

/** One event for the renderers: its channel and payload. */
type AppEvent = { [E in EventChannel]: { channel: E; payload: EventOf<E> } }[EventChannel];

/** The services' events on their way to the renderers: services `emit`, transports and tests listen with `onEvent`. */
export class AppEvents {
  private readonly emitter = new Emitter<AppEvent>();

  /** Sends one event to every listener. */
  readonly emit: EventSink = (channel, payload) => this.emitter.fire({ channel, payload } as AppEvent);

  /** Listens to every event; returns the function that stops listening. */
  onEvent(listener: EventSink): () => void {
    return this.emitter.event(({ channel, payload }) => listener(channel, payload as never));
  }
}

/** Everything the app runs on, built once per process from a data folder. */
export interface AppServices {
  dataDir: string;
  secrets: SecretStores;
  profiles: ProfileService;
  imports: ProfileImportService;
  connection: ConnectionTester;
  /** Lists a Linode account's Object Storage endpoints with an API token (`PAIL_LINODE_API_URL` points it elsewhere). */
  linode: LinodeEndpointLister;
  browse: S3BrowseService;
  jobs: JobRunner;
  buckets: BucketService;
  objects: ObjectOpsService;
  details: ObjectDetailsService;
  streams: ObjectStreams;
  search: SearchService;
  versions: VersionsService;
  /** A bucket's configuration on the server: CORS and lifecycle rules, policy. */
  bucketConfig: BucketConfigService;
  /** Every grant of an object's or a bucket's ACL (the grants editor). */
  grants: GrantsService;
  /** "Calculate size" of a folder or a bucket. */
  folderSizes: FolderSizeService;
  /** Object and bucket tags. */
  tagging: TaggingService;
  /** Object Lock: a bucket's default retention, each version's retention and legal hold. */
  objectLock: ObjectLockService;
  /** A bucket's unfinished multipart uploads: listed with the space they hold, aborted. */
  unfinishedUploads: UnfinishedUploadsService;
  /** Uploads, downloads and URL imports (the queue the transfer panel shows). */
  transfers: TransferService;
  /** Comparing a local folder with a prefix, and syncing one way through the transfers. */
  sync: SyncService;
  /** Text objects edited in place, saved only over the version opened. */
  textEdit: TextEditService;
  /** Objects open in a desktop application, each save there sent back (data folder's edits/). */
  editSessions: EditSessions;
  /** Object and bucket ACLs: public / private toggles. */
  access: AccessService;
  /** Public URLs, presigned links, and checking a link. */
  links: LinkService;
  /** Service events for the renderers: services emit, a transport listens (`wireEvents`), tests listen with `onEvent`. */
  events: AppEvents;
  /** Requests in flight, for `app:cancel` (give it to the transport's dispatcher). */
  requests: InFlightRequests;
  /** Settings this run imposes on every profile's clients (the CLI's --timeout). */
  clientOverrides: ClientOverrides;
  /** What start-up fixed in the data folder (permissions), in words: said once on stderr and in the app. */
  notices: string[];
}

/** Says a start-up notice on stderr, where the CLI's and the web mode's user reads it. */
const noticeOnStderr = (line: string) => void process.stderr.write(`Note: ${line}\n`);

/** What a run may set when it builds its services. */
export interface AppServicesOptions {
  /** Settings imposed on every profile's clients (the CLI's --timeout). */
  clientOverrides?: ClientOverrides;
  /** Where start-up notices go (stderr unless given); the app also shows `notices`. */
  report?: (line: string) => void;
  /** The system's proxy for a URL (Electron's session.resolveProxy); absent outside the app, where "system" is the environment. */
  systemProxy?: SystemProxyLookup;
}

/**
 * Builds the services over a data folder (the same for Electron, the web mode
 * and the CLI). A data folder or secrets file that other users can read is made
 * private first, and `report` says so (the app also shows `notices`).
 */
export async function createAppServices(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  { clientOverrides = {}, report = noticeOnStderr, systemProxy }: AppServicesOptions = {},
): Promise<AppServices> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const notices = await securePermissions(dataDir);
  notices.forEach(report);
  const secrets = await openSecretStores(dataDir, env);
  const profiles = new ProfileService(dataDir, secrets);
  const proxies = new ProxyResolver(systemProxy);
  const clients = new CachedS3ClientProvider(profiles, undefined, clientOverrides, proxies);
  // Events raised while no transport listens go nowhere (the CLI has none).
  const events = new AppEvents();
  const jobs = new JobRunner({
    progress: (progress) => events.emit('job:progress', progress),
    finished: (finished) => events.emit('job:finished', finished),
  });
  const transfers = createTransferService(
    profiles,
    dataDir,
    {
      progress: (event) => events.emit('transfer:progress', event),
      batchFinished: (batch) => events.emit('transfer:batchFinished', batch),
      bodyWanted: (wanted) => events.emit('transfer:bodyWanted', wanted),
    },
    { clientOverrides, proxies, bandwidthFile: join(dataDir, 'bandwidth.json') },
  );
  const textEdit = new TextEditService(clients);
  return {
    events,
    requests: new InFlightRequests(),
    clientOverrides,
    jobs,
    transfers,
    sync: new SyncService(clients, () => transfers, jobs),
    textEdit,
    editSessions: new EditSessions(clients, textEdit, join(dataDir, 'edits'), (event) => events.emit('edit:session', event)),
    access: new AccessService(clients, jobs, profiles),
    links: new LinkService(clients),
    buckets: new BucketService(clients, jobs),
    objects: new ObjectOpsService(clients, jobs),
    details: new ObjectDetailsService(clients),
    streams: new ObjectStreams(clients),
    search: new SearchService(clients, jobs, () => (jobId, entries) => events.emit('search:results', { jobId, entries })),
    versions: new VersionsService(clients),
    bucketConfig: new BucketConfigService(clients),
    tagging: new TaggingService(clients),
    objectLock: new ObjectLockService(clients),
    folderSizes: new FolderSizeService(clients, jobs),
    grants: new GrantsService(clients),
    unfinishedUploads: new UnfinishedUploadsService(clients, jobs, () => new TransferStateStore(dataDir).savedUploads()),
    dataDir,
    notices,
    secrets,
    profiles,
    imports: new ProfileImportService(profiles, { env, homeDir: homedir(), platform: process.platform }),
    connection: new ConnectionTester({ profiles, proxies }),
    linode: new LinodeEndpointLister({ ...(env.PAIL_LINODE_API_URL && { apiBase: env.PAIL_LINODE_API_URL }) }),
    browse: new S3BrowseService(clients),
  };
}

/** The services whose answers depend on the transport and the shell around the page. */
export interface TransportServices {
  app: AppInfoService;
  shell: ShellService;
  dragOut: DragOutService;
}

/** Builds the services bound to one transport: what `app:info` says, local object links, native dialogs, dragging out. */
export function createTransportServices(services: AppServices, transport: TransportInfo, hooks: ShellHooks = {}): TransportServices {
  const shell = new ShellService(hooks);
  return {
    shell,
    app: new AppInfoService(transport, services, shell, services.streams),
    dragOut: new DragOutService(services.transfers, hooks.startDrag?.bind(hooks)),
  };
}

/** Maps every request channel to its service call. */
export function createHandlers(services: AppServices, transport: TransportInfo, hooks: ShellHooks = {}): Handlers {
  const {
    profiles,
    imports,
    connection,
    browse,
    buckets,
    objects,
    jobs,
    details,
    search,
    versions,
    unfinishedUploads,
    bucketConfig,
    tagging,
    folderSizes,
    grants,
    transfers,
    access,
    links,
  } = services;
  const { app, shell, dragOut } = createTransportServices(services, transport, hooks);
  return {
    'app:info': async () => app.info(),
    'profiles:list': () => profiles.listEntries(),
    'profiles:create': (request) => profiles.create(request),
    'profiles:update': (request) => profiles.update(request),
    'profiles:delete': (request) => profiles.delete(request),
    'profiles:duplicate': (request) => profiles.duplicate(request),
    'profiles:reorder': (request) => profiles.reorder(request),
    'profiles:export': (request) => profiles.export(request),
    'profiles:importPreview': (request) => imports.preview(request),
    'profiles:importApply': (request) => imports.apply(request),
    'connection:test': (request) => connection.test(request),
    's3:listBuckets': (request, { signal }) => browse.listBuckets(request, { signal }),
    's3:listObjects': async (request, { signal }) => objectRowsOf(await browse.listObjects(request, { signal })),
    's3:createBucket': (request) => buckets.create(request),
    's3:bucketStats': (request) => buckets.stats(request),
    's3:deleteBucket': (request) => buckets.delete(request),
    's3:createFolder': (request) => objects.createFolder(request),
    's3:setStorageClass': (request) => objects.setStorageClass(request),
    's3:deleteEntries': (request) => objects.deleteEntries(request),
    's3:deleteFolderContents': (request) => objects.deleteFolderContents(request),
    's3:rename': (request) => objects.rename(request),
    's3:copyEntries': (request) => objects.copyEntries(request),
    's3:objectDetails': (request, { signal }) => details.details(request, { signal }),
    's3:updateMetadata': (request) => details.updateMetadata(request),
    's3:readText': (request, { signal }) => details.readText(request, { signal }),
    's3:objectLink': async (request) => app.objectLink(request),
    's3:search': (request) => search.search(request),
    's3:versioning': (request, { signal }) => versions.status(request, { signal }),
    's3:setVersioning': (request) => versions.setStatus(request),
    's3:listVersions': (request, { signal }) => versions.list(request, { signal }),
    's3:restoreVersion': (request) => versions.restore(request),
    's3:deleteVersion': (request) => versions.deleteVersion(request),
    's3:listUnfinishedUploads': (request, { signal }) => unfinishedUploads.list(request, { signal }),
    's3:abortUploads': (request) => unfinishedUploads.abort(request),
    's3:bucketCors': (request, { signal }) => bucketConfig.cors(request, { signal }),
    's3:setBucketCors': (request) => bucketConfig.setCors(request),
    's3:bucketLifecycle': (request, { signal }) => bucketConfig.lifecycle(request, { signal }),
    's3:setBucketLifecycle': (request) => bucketConfig.setLifecycle(request),
    's3:bucketPolicy': (request, { signal }) => bucketConfig.policy(request, { signal }),
    's3:setBucketPolicy': (request) => bucketConfig.setPolicy(request),
    's3:objectTags': (request, { signal }) => tagging.objectTags(request, { signal }),
    's3:setObjectTags': (request) => tagging.setObjectTags(request),
    's3:bucketTags': (request, { signal }) => tagging.bucketTags(request, { signal }),
    's3:setBucketTags': (request) => tagging.setBucketTags(request),
    's3:objectLockConfig': (request, { signal }) => services.objectLock.settings(request, { signal }),
    's3:setObjectLockConfig': (request) => services.objectLock.setSettings(request),
    's3:objectLockState': (request, { signal }) => services.objectLock.state(request, { signal }),
    's3:setObjectRetention': (request) => services.objectLock.setRetention(request),
    's3:setLegalHold': (request) => services.objectLock.setLegalHold(request),
    's3:publicAccessBlock': (request, { signal }) => services.bucketConfig.publicAccessBlock(request, { signal }),
    's3:setPublicAccessBlock': (request) => services.bucketConfig.setPublicAccessBlock(request),
    'edit:openText': (request, { signal }) => services.textEdit.open(request, { signal }),
    'edit:saveText': (request) => services.textEdit.save(request),
    'edit:openInApp': async (request) => {
      if (!shell.features().openInApp) throw notInThisShell('Opening an object in an application');
      const opened = await services.editSessions.open(request);
      try {
        await shell.openPath(opened.path);
      } catch (error) {
        await services.editSessions.stop(opened.sessionId);
        throw error;
      }
      return opened;
    },
    'edit:openWith': async (request) => {
      const application = await shell.chooseApplication();
      if (!application) return {};
      const opened = await services.editSessions.open(request);
      try {
        await shell.startWith(application, opened.path);
      } catch (error) {
        await services.editSessions.stop(opened.sessionId);
        throw error;
      }
      return opened;
    },
    'edit:overwrite': async ({ sessionId }) => (await services.editSessions.overwrite(sessionId), { saved: true }),
    'edit:stop': async ({ sessionId }) => (await services.editSessions.stop(sessionId), { stopped: true }),
    'sync:compare': (request, { signal }) => services.sync.compare(request, { signal }),
    'sync:run': (request) => services.sync.run(request),
    's3:bucketEncryption': (request, { signal }) => services.bucketConfig.encryption(request, { signal }),
    's3:setBucketEncryption': (request) => services.bucketConfig.setEncryption(request),
    's3:folderSize': (request) => folderSizes.measure(request),
    's3:grants': (request, { signal }) => grants.grants(request, { signal }),
    's3:setGrants': (request) => grants.setGrants(request),
    'jobs:cancel': async (request) => jobs.cancel(request),
    'app:chooseFolder': (request) => shell.chooseFolder(request),
    'app:contextMenu': (request) => shell.contextMenu(request),
    'transfers:list': async () => transfers.list(),
    'transfers:upload': (request) => transfers.uploadPaths(request),
    'transfers:uploadStreams': (request) => transfers.uploadStreams(request),
    'transfers:download': (request) => transfers.downloadSelection(request),
    'transfers:importUrl': (request) => transfers.importUrl(request),
    'transfers:pause': async (request) => transfers.pause(request),
    'transfers:resume': async (request) => transfers.resume(request),
    'transfers:cancel': (request) => transfers.cancel(request),
    'transfers:retry': async (request) => transfers.retry(request),
    'transfers:clearFinished': (request) => transfers.clearFinished(request),
    'transfers:resolveConflict': async (request) => transfers.resolveConflict(request),
    'transfers:setConcurrency': async (request) => transfers.setConcurrency(request),
    'transfers:setBandwidth': (request) => transfers.setBandwidth(request),
    'transfers:setLimit': async (request) => transfers.setLimit(request),
    's3:objectAccess': (request, { signal }) => access.objectAccess(request, { signal }),
    's3:setAccess': (request) => access.setAccess(request),
    's3:bucketAccess': (request, { signal }) => access.bucketAccess(request, { signal }),
    's3:setBucketAccess': (request) => access.setBucketAccess(request),
    's3:publicUrls': (request) => links.publicUrls(request),
    's3:presign': (request) => links.presign(request),
    'links:check': (request, { signal }) => links.check(request, { signal }),
    'app:cancel': async (request) => services.requests.cancel(request),
    'profiles:restoreBackup': () => profiles.restoreBackups(),
    'profiles:setBucketSettings': (request) => profiles.setBucketSettings(request),
    'transfers:dragOut': (request) => dragOut.dragOut(request),
    'app:setTheme': async (request) => shell.setTheme(request),
    'linode:endpoints': (request, { signal }) => services.linode.endpoints(request, { signal }),
    'certificates:describe': (request) => describeCaBundle(request),
  };
}

/** Forwards service events to the renderers; returns the function that stops forwarding. */
export function wireEvents(services: AppServices, emit: EventSink): () => void {
  const stopEvents = services.events.onEvent(emit);
  const stopProfiles = services.profiles.onChange((profiles, damaged) => emit('profiles:changed', { profiles, damaged }));
  // A profile saved by the CLI (or changed in another window) shows in the open app.
  const stopWatchingProfiles = services.profiles.watchDisk();
  return () => {
    stopWatchingProfiles();
    stopProfiles();
    stopEvents();
  };
}
