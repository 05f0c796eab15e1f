// npm start: builds the desktop app (electron-vite build) and runs it in Electron.
//
// The Electron binary is downloaded from GitHub when the electron package installs; where that is
// impossible the package is present but the binary is not, and this script says so and stops
// (`npm run start:browser` runs the same app in a browser instead).
//
// better-sqlite3 is a native module built for one ABI at a time: npm installs it for Node (tests,
// the browser host); Electron needs it rebuilt for Electron's ABI (`electron-builder install-app-deps`,
// which downloads Electron headers or prebuilt binaries, so it needs internet). This script checks
// the module loads inside Electron and rebuilds it only when it does not. Afterwards Node tools
// need `npm rebuild better-sqlite3` to switch it back.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

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

const electron = electronBinary();
if (!electron) {
  stop(
    'The Electron binary is not installed (it downloads from GitHub on first install, which this machine cannot reach). ' +
      'Run `npm run start:browser` to use Counter in your browser, or, with internet access, install it: `node node_modules/electron/install.js`.',
  );
}

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
const app = spawn(electron, ['.'], { cwd: repo, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
