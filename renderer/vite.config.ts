// Builds the renderer (renderer/ → out/renderer) for the browser host; electron.vite.config.ts
// reuses these settings for the desktop app, so both serve the same files.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));

export const rendererConfig = {
  root: rendererRoot,
  // Relative asset URLs: the same build loads from file:// in Electron and from / in the browser host.
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    // The CSP forbids inline scripts, so nothing may be inlined as a data: script.
    assetsInlineLimit: 0,
    minify: true,
  },
} satisfies UserConfig;

export default defineConfig(rendererConfig);
