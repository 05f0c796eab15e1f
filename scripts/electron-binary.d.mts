/** The Electron binary's path, or null when the electron package or its binary is not installed. */
export function electronBinary(): string | null;
