import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CustomScheme } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_PAGE_URL, appFileHandler, registerAppScheme, serveAppScheme } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from '../contract/content-security-policy';

let parent: string;
let rendererDir: string;
let serve: (request: Request) => Promise<Response>;

beforeAll(() => {
  parent = mkdtempSync(join(tmpdir(), 'counter-app-scheme-'));
  rendererDir = join(parent, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Counter</title>');
  writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'export {};');
  writeFileSync(join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(rendererDir, 'assets', 'icon.svg'), '<svg/>');
  writeFileSync(join(parent, 'secret.txt'), 'outside the renderer folder');
  symlinkSync(join(parent, 'secret.txt'), join(rendererDir, 'assets', 'link.txt'));
  serve = appFileHandler(rendererDir);
});

afterAll(() => rmSync(parent, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

describe('app://counter/: the renderer folder, read-only', () => {
  it('serves the page and its assets with the right content types and the security headers', async () => {
    const page = await get(APP_PAGE_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Counter</title>');
    expect((await get('app://counter/')).headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const [path, type] of [
      ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
      ['assets/index-abc.css', 'text/css; charset=utf-8'],
      ['assets/icon.svg', 'image/svg+xml'],
    ] as const) {
      const answer = await get(`app://counter/${path}`);
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('content-type'), path).toBe(type);
      expect(await answer.text()).toBe(readFileSync(join(rendererDir, path), 'utf8'));
    }
  });

  it('never reaches outside the folder: dot segments, encoded slashes and backslashes, links', async () => {
    for (const url of [
      'app://counter/../secret.txt',
      'app://counter/..%2fsecret.txt',
      'app://counter/%2e%2e/secret.txt',
      'app://counter/assets/..%2f..%2fsecret.txt',
      'app://counter/assets/..%5c..%5csecret.txt',
      'app://counter/assets/link.txt',
      'app://counter/assets',
      'app://counter/missing.js',
    ]) {
      const answer = await get(url);
      expect(answer.status, url).toBe(404);
      expect(await answer.text(), url).not.toContain('outside the renderer folder');
    }
  });

  it('answers its own host only, and reads only', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get(APP_PAGE_URL, 'POST')).status).toBe(405);
    const head = await get(APP_PAGE_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('the wiring', () => {
  it('registers app as a standard, secure scheme with fetch, and nothing more', () => {
    const registered: CustomScheme[][] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => void registered.push(schemes) });
    expect(registered).toEqual([[{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]]);
  });

  it('serves the scheme on the session from the renderer folder', async () => {
    const handlers = new Map<string, (request: Request) => Response | Promise<Response>>();
    serveAppScheme({ handle: (scheme, handler) => void handlers.set(scheme, handler) }, rendererDir);
    const handler = handlers.get('app');
    expect(handler).toBeDefined();
    expect((await handler?.(new Request(APP_PAGE_URL)))?.status).toBe(200);
  });

  it('main/index.ts loads the window from app://counter/, registering the scheme before the app is ready', () => {
    const main = readFileSync(new URL('./index.ts', import.meta.url), 'utf8');
    expect(main).toContain('const appPageUrl = devServerUrl ?? APP_PAGE_URL;');
    expect(main).not.toContain('pathToFileURL');
    expect(main.indexOf('registerAppScheme(protocol);')).toBeGreaterThan(-1);
    expect(main.indexOf('registerAppScheme(protocol);')).toBeLessThan(main.indexOf('await app.whenReady()'));
    expect(main).toContain('serveAppScheme(session.defaultSession.protocol, rendererDir);');
  });

  it('the packaged app has the grantFileProtocolExtraPrivileges fuse off', () => {
    const builder = readFileSync(new URL('../electron-builder.yml', import.meta.url), 'utf8');
    expect(builder).toMatch(/^electronFuses:\n(?: {2}.*\n)*? {2}grantFileProtocolExtraPrivileges: false$/m);
  });
});
