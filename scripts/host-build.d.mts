/** The browser host bundled into one file (out/host/cli.mjs), run with node. */
export const HOST_BUNDLE: string;
/** Whether the bundle is missing or older than any file it was made from. */
export function hostBundleStale(): boolean;
/** Builds the bundle with esbuild. */
export function buildHostBundle(): Promise<void>;
/** Builds the bundle when it is missing or stale; its path. */
export function hostBundle(): Promise<string>;
