// Saving a support bundle: the backend makes the zip (checking the manager unlock the page sent),
// the manager picks where it goes in the system's save dialog, and it is written there (0600: it
// holds the logs). The zip never passes through the page.
import { ok, type Result } from '../contract/result';
import type { SupportBundle } from '../contract/answers';
import type { SaveOutcome } from '../preload/bridge';

export interface SaveBundleDeps {
  /** The backend's support-bundle call, with the page's input as sent (the backend parses it). */
  makeBundle(input: unknown): Promise<Result<SupportBundle>>;
  /** Shows the save dialog with `fileName` suggested; null when cancelled. */
  chooseFile(fileName: string): Promise<string | null>;
  writeFile(filePath: string, bytes: Buffer): Promise<void>;
}

export async function saveSupportBundle(input: unknown, deps: SaveBundleDeps): Promise<Result<SaveOutcome>> {
  const bundle = await deps.makeBundle(input);
  if (!bundle.ok) return bundle;
  const filePath = await deps.chooseFile(bundle.value.fileName);
  if (filePath === null) return ok({ saved: false });
  await deps.writeFile(filePath, Buffer.from(bundle.value.zipBase64, 'base64'));
  return ok({ saved: true });
}
