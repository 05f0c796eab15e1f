// `node scripts/run-together.mjs test:unit typecheck lint`: runs those npm scripts at the same time and
// fails when any of them fails. npm test runs the checks beside vitest: vitest keeps two cores about
// 70 % busy (its tests wait on simulators, hosts and timers), and the checks fill the rest. The first
// script's output is shown as it comes; the others' is printed whole when they end, so that no two
// interleave. A line says when each starts and how it ended.
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
// npm sets npm_execpath for the scripts it runs: the same npm, on any platform.
const npm = process.env.npm_execpath;
if (!npm || names.length === 0) {
  console.error('Usage, from an npm script: node scripts/run-together.mjs <npm script>…');
  process.exit(2);
}

const started = performance.now();
const seconds = () => `${Math.round((performance.now() - started) / 1000)} s`;

function run(name, index) {
  console.log(`▶ npm run ${name}: started`);
  const live = index === 0;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [npm, 'run', name], { stdio: ['ignore', live ? 'inherit' : 'pipe', live ? 'inherit' : 'pipe'] });
    const output = [];
    child.stdout?.on('data', (chunk) => output.push(chunk));
    child.stderr?.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      process.stdout.write(Buffer.concat(output));
      if (code === 0) console.log(`✔ npm run ${name}: passed at ${seconds()}`);
      else console.error(`✘ npm run ${name}: FAILED (exit ${code}) at ${seconds()}`);
      resolve(code === 0);
    });
  });
}

const passed = await Promise.all(names.map(run));
process.exit(passed.every(Boolean) ? 0 : 1);
