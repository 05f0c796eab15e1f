// npm run start:browser: the browser mode (host/cli.ts; README: Browser mode), run from its builds.
// The renderer and the host bundle are built first when missing or older than their sources; the
// host then runs in this process, with this command's arguments.
import { pathToFileURL } from 'node:url';
import { hostBundle } from './host-build.mjs';
import { buildRenderer, rendererStale } from './renderer-build.mjs';

if (rendererStale()) await buildRenderer();
await import(pathToFileURL(await hostBundle()).href);
