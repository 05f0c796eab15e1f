// The window's pages come from app://counter/, a privileged standard scheme served by the main
// process from the built renderer folder, not from file://: a file:// page needs Electron's
// grantFileProtocolExtraPrivileges fuse for its module scripts, and may reach any other file: URL
// (Electron security checklist, item 18). The scheme is registered before the app is ready and
// handled on the window's session; files are found the way the browser host finds them (nothing
// outside the folder: dot segments, encoded slashes, symlinks) and carry the same security headers.
import { readFile } from 'node:fs/promises';
import type { CustomScheme, Protocol } from 'electron';
import { SECURITY_HEADERS } from '../host/replies';
import { contentTypeOf, resolveStaticFile } from '../host/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'counter';
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * standard: URLs with an origin (so 'self' in the CSP, relative URLs and local storage work);
 * secure: treated like https; fetch for the module scripts. No CORS, no service workers, no bypass of the CSP.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** Before `app` is ready: makes app:// a privileged scheme. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** Once ready, on the window's session: serves app://counter/ from `rendererDir`. */
export function serveAppScheme(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, appFileHandler(rendererDir));
}

/** The answer to one request: the file, read-only, or 404 (405 for anything but GET and HEAD). */
export function appFileHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refusal(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'Counter serves its pages read-only.');
    const file = await resolveStaticFile(rendererDir, url.pathname);
    if (!file) return refusal(404, 'Not found');
    const body = request.method === 'HEAD' ? null : await readFile(file.filePath);
    return new Response(body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'content-type': contentTypeOf(file.filePath), 'content-length': String(file.size), 'cache-control': 'no-cache' },
    });
  };
}

function refusal(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
}
