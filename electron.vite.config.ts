// The desktop build: main (ESM) → out/main, preload (CommonJS: sandboxed preloads cannot be ES
// modules) → out/preload/index.cjs, renderer → out/renderer with the browser host's settings.
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: { entry: 'main/index.ts', formats: ['es'], fileName: () => 'index.js' },
      // Native and runtime dependencies load from node_modules (better-sqlite3 is unpacked from the asar).
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: 'preload/index.ts', formats: ['cjs'], fileName: () => 'index.cjs' },
      // A sandboxed preload can require only electron: everything else is bundled in.
      externalizeDeps: false,
    },
  },
  renderer: {
    ...rendererConfig,
    build: { ...rendererConfig.build, rolldownOptions: { input: 'renderer/index.html' } },
  },
});
