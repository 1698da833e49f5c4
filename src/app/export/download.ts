/**
 * Saving a file from the page: an object URL for the data and a temporary `<a download>` clicked
 * on it. The URL is revoked a little later rather than at once, as some browsers still read it
 * after `click()` returns (FileSaver.js waits 40 s for the same reason).
 */

const REVOKE_AFTER_MS = 30_000;

export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}

/** Saves `text` as UTF-8; `mime` gets `charset=utf-8` unless it names a charset already. */
export function downloadText(fileName: string, mime: string, text: string): void {
  const type = /;\s*charset=/i.test(mime) ? mime : `${mime};charset=utf-8`;
  downloadBlob(fileName, new Blob([text], { type }));
}
