import type { AppInfo, ParsedRequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { ObjectStreams } from './object-streams';
import type { SecretStores } from './secret-store';
import type { ShellService } from './shell-service';

/** The scheme of local object links in Electron (the web mode uses /object/<ticket>). */
export const OBJECT_PROTOCOL = 'pail-object';

/** What the page is served by: the app's version, and which transport carries its requests. */
export type TransportInfo = Pick<AppInfo, 'version' | 'transport'>;

/** What the app tells the page about itself. */
export interface AppFacts {
  dataDir: string;
  secrets: SecretStores;
  /** What start-up fixed in the data folder, in words. */
  notices: string[];
}

/**
 * What depends on the transport the page talks through: the app's own facts
 * (`app:info`) and where local object links point (Electron's `pail-object:`
 * protocol, or the web server's `/object/<ticket>` route).
 */
export class AppInfoService {
  constructor(
    private readonly transport: TransportInfo,
    private readonly facts: AppFacts,
    private readonly shell: ShellService,
    private readonly streams: Pick<ObjectStreams, 'issue'>,
  ) {}

  /** The version, data folder, secret store, start-up notices and the shell's features. */
  info(): AppInfo {
    const { secrets, notices, dataDir } = this.facts;
    return {
      ...this.transport,
      dataDir,
      secretStore: {
        kind: secrets.preferred.kind,
        description: secrets.preferred.description,
        ...(secrets.preferred.warning && { warning: secrets.preferred.warning }),
      },
      ...(notices.length > 0 && { notices }),
      downloadsDir: this.shell.downloadsDir(),
      shell: this.shell.features(),
    };
  }

  /** A local link to one object (or version) for previews and downloads; the renderer never sees credentials. */
  objectLink({ download, ...ref }: ParsedRequestOf<'s3:objectLink'>): ResponseOf<'s3:objectLink'> {
    const ticket = this.streams.issue(ref, download);
    return { url: this.transport.transport === 'web' ? `/object/${ticket}` : `${OBJECT_PROTOCOL}://o/${ticket}` };
  }
}
