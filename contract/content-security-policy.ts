// The one Content-Security-Policy of the app's page: sent as a response header by the Electron shell
// and the browser host, and repeated in renderer/index.html's meta tag (which cannot carry
// frame-ancestors: browsers ignore that directive there).

const DIRECTIVES = [
  ["default-src", "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  // The browser host's calls and event stream are same-origin; nothing else may be reached.
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'none'"],
] as const;

const render = (directives: readonly (readonly [string, string])[]) => directives.map(([name, value]) => `${name} ${value}`).join('; ');

export const CONTENT_SECURITY_POLICY = render(DIRECTIVES);

export const META_CONTENT_SECURITY_POLICY = render(DIRECTIVES.filter(([name]) => name !== 'frame-ancestors'));
