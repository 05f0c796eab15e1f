// The checkout the tests run in: its root, and the renderer bundle (out/renderer) that the browser
// host serves, built here for the e2e suite, the host-process suites and the benchmarks. The code
// is shared with `npm start`'s browser mode (scripts/renderer-build.mjs).
export { buildRenderer, RENDERER_OUT, rendererBuilt, rendererStale, REPO_ROOT } from '../scripts/renderer-build.mjs';
