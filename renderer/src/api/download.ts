// The browser's way to save a file: a temporary object URL and an <a download> click.

/** Object URLs are revoked after the download has had time to start. */
const REVOKE_AFTER_MS = 10_000;

export function downloadText(fileName: string, text: string, type: string): void {
  download(fileName, new Blob([text], { type }));
}

/** A file that crossed HTTP as base64 (the support bundle's zip). */
export function downloadBase64(fileName: string, base64: string, type: string): void {
  download(fileName, new Blob([Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))], { type }));
}

/** A file gathered by the page (a streamed CSV). */
export function download(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
