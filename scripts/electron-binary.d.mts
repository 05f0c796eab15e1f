/**
 * The Electron binary's path, or null when the electron package or its binary is not installed
 * (honouring the package's ELECTRON_OVERRIDE_DIST_PATH).
 */
export function electronBinary(env?: Record<string, string | undefined>): string | null;
