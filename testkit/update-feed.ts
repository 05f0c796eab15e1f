// An update feed on 127.0.0.1 as electron-builder publishes one for the generic provider: the
// channel file (latest-linux.yml: the version, the file, its sha512 and size) and the file itself,
// and a packaged app's view of it (the app-update.yml electron-builder writes into the package), so
// that electron-updater runs its real check, download and sha512 verification under Node.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor';

export interface UpdateFeed {
  /** The feed's folder URL, as electron-builder.yml's publish.url names the real one. */
  url: string;
  /** The paths asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

export interface FeedRelease {
  version: string;
  fileName: string;
  /** The file as built: its sha512 and size go into the channel file. */
  file: Buffer;
  /** What the feed actually serves as the file (default: `file`); anything else is a tampered download. */
  served?: Buffer;
}

/** The channel file for Linux x64 (latest-linux.yml), as `electron-builder --publish` writes it. */
export function channelFile(release: FeedRelease): string {
  const sha512 = createHash('sha512').update(release.file).digest('base64');
  return [
    `version: ${release.version}`,
    'files:',
    `  - url: ${release.fileName}`,
    `    sha512: ${sha512}`,
    `    size: ${release.file.length}`,
    `path: ${release.fileName}`,
    `sha512: ${sha512}`,
    `releaseDate: '2026-11-29T10:00:00.000Z'`,
    '',
  ].join('\n');
}

export async function startUpdateFeed(release: FeedRelease): Promise<UpdateFeed> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    if (path === '/counter/latest-linux.yml') return res.writeHead(200, { 'content-type': 'text/yaml' }).end(channelFile(release));
    if (path === `/counter/${release.fileName}`) {
      const body = release.served ?? release.file;
      return res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/counter/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * electron-updater's own HTTP executor (its download, redirects, sha512 check) with Node's http.request
 * where Electron's net.request would be: Electron's net module exists only inside Electron.
 */
export class NodeNetExecutor extends ElectronHttpExecutor {
  override createRequest(options: Parameters<ElectronHttpExecutor['createRequest']>[0], callback: (response: unknown) => void): Electron.ClientRequest {
    return request(options as object, callback) as unknown as Electron.ClientRequest;
  }
}

/**
 * A packaged Counter of `version` as electron-updater sees it, with its app-update.yml pointing at
 * `feedUrl` and its caches under `dir`. It never quits or relaunches (there is no app to quit).
 */
export function packagedApp(dir: string, feedUrl: string, version: string): AppAdapter {
  mkdirSync(dir, { recursive: true });
  const appUpdateConfigPath = join(dir, 'app-update.yml');
  writeFileSync(appUpdateConfigPath, `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: counter-updater\n`);
  return {
    version,
    name: 'Counter',
    isPackaged: true,
    appUpdateConfigPath,
    userDataPath: join(dir, 'user-data'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  };
}
