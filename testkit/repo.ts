// The checkout the tests run in: its root, the renderer bundle (out/renderer) that the browser host
// serves, and the host itself bundled into one file (out/host/cli.mjs), built here for the e2e
// suite, the host-process suites and the benchmarks. The code is shared with `npm start`'s browser
// mode (scripts/renderer-build.mjs, scripts/host-build.mjs).
export { buildHostBundle, hostBundle, hostBundleStale, HOST_BUNDLE } from '../scripts/host-build.mjs';
export { buildRenderer, RENDERER_OUT, rendererBuilt, rendererStale, REPO_ROOT } from '../scripts/renderer-build.mjs';
