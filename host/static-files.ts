// The renderer's built files, served read-only from one folder: no directory listings, nothing
// outside the folder (dot segments, encoded slashes, symlinks), and a content type for each file.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { SECURITY_HEADERS } from './replies';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticFile {
  filePath: string;
  size: number;
}

/** The file a URL path names inside `root` (compared as real paths), or null when there is none. */
export async function resolveStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const realRoot = await realpath(root);
  const candidate = resolve(realRoot, `.${decoded.endsWith('/') ? `${decoded}index.html` : decoded}`);
  if (!isInside(realRoot, candidate)) return null;
  try {
    const real = await realpath(candidate);
    if (!isInside(realRoot, real)) return null;
    const stats = await stat(real);
    return stats.isFile() ? { filePath: real, size: stats.size } : null;
  } catch {
    return null;
  }
}

export function sendFile(res: ServerResponse, { filePath, size }: StaticFile, headOnly: boolean): void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': contentTypeOf(filePath),
    'content-length': size,
    'cache-control': 'no-cache',
  });
  if (headOnly) {
    res.end();
    return;
  }
  createReadStream(filePath)
    .on('error', () => res.destroy())
    .pipe(res);
}

function isInside(root: string, path: string): boolean {
  return path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}
