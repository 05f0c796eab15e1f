// npm start: builds the desktop app (electron-vite build) and runs it in Electron.
//
// The Electron binary is downloaded from GitHub when the electron package installs; where that is
// impossible the package is present but the binary is not. Then this script starts the browser
// mode instead (the same app and backend, host/cli.ts bundled into out/host/cli.mjs), says so in one line, prints its address and
// opens it in the default browser where there is a display. Arguments after `npm start --` go to
// the browser mode (--port, --data-dir).
//
// better-sqlite3 is a native module built for one ABI at a time: npm installs it for Node (tests,
// the browser host); Electron needs it rebuilt for Electron's ABI (`electron-builder install-app-deps`,
// which downloads Electron headers or prebuilt binaries, so it needs internet). This script checks
// the module loads inside Electron and rebuilds it only when it does not. Afterwards Node tools
// need `npm rebuild better-sqlite3` to switch it back.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';
import { hostBundle } from './host-build.mjs';
import { buildRenderer, rendererStale } from './renderer-build.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(repo, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: repo, stdio: 'inherit', env, shell: process.platform === 'win32' });
  return result.status === 0;
}

function stop(message) {
  console.error(message);
  process.exit(1);
}

/** Passes SIGINT and SIGTERM on to `child` and exits with its code when it ends. */
function runUntilExit(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** The default browser, where there is one: none without a display (a server, a container, CI) or with BROWSER=none. */
function openInBrowser(url) {
  if (process.env.BROWSER === 'none') return false;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return false;
  const [command, args, options] =
    process.platform === 'darwin'
      ? ['open', [url], {}]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url], { windowsVerbatimArguments: true }]
        : ['xdg-open', [url], {}];
  const opener = spawn(command, args, { ...options, stdio: 'ignore', detached: true });
  opener.on('error', () => console.log('Could not open a browser: open the address above yourself.'));
  opener.unref();
  return true;
}

async function startBrowserMode() {
  console.log('Electron is not installed on this machine, so Counter starts in browser mode instead (see README: Browser mode).');
  if (rendererStale()) await buildRenderer();
  const host = spawn(process.execPath, [await hostBundle(), ...process.argv.slice(2)], { cwd: repo, stdio: ['inherit', 'pipe', 'inherit'] });
  let first = true;
  createInterface({ input: host.stdout }).on('line', (line) => {
    console.log(line);
    // The host's first line is its address (with this run's key).
    if (first && /^http:\/\/127\.0\.0\.1:\d+\//.test(line) && openInBrowser(line)) console.log('Opened it in your browser.');
    first = false;
  });
  runUntilExit(host);
}

function startDesktop(electron) {
  if (!run(bin('electron-vite'), ['build'])) stop('Building the app failed (see above).');

  const electronAsNode = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };
  const sqliteLoads = () =>
    spawnSync(electron, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: repo, env: electronAsNode, stdio: 'ignore' }).status === 0;
  if (!sqliteLoads()) {
    console.log('Rebuilding better-sqlite3 for Electron (needs internet; `npm rebuild better-sqlite3` switches it back for Node)…');
    if (!run(bin('electron-builder'), ['install-app-deps']) || !sqliteLoads()) {
      stop('better-sqlite3 could not be rebuilt for Electron (it needs internet access). Run `npm run start:browser` instead.');
    }
  }

  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  runUntilExit(spawn(electron, ['.'], { cwd: repo, stdio: 'inherit', env }));
}

const electron = electronBinary();
if (electron) startDesktop(electron);
else await startBrowserMode();
