/** The checkout's root (with a trailing separator). */
export const REPO_ROOT: string;
/** The built renderer the browser host serves. */
export const RENDERER_OUT: string;
export function rendererBuilt(): boolean;
/** Whether out/renderer is missing or older than any of its sources. */
export function rendererStale(): boolean;
/** Builds out/renderer (or `outDir`) with vite; its warnings go to stderr. */
export function buildRenderer(outDir?: string): Promise<void>;
