// A file the engine wrote offered as a download, made here and never fetched: the batch
// page's CSV (base64, UTF-8 with BOM) and the timeline's calendar (.ics text).

/** base64 → bytes. */
export function base64ToBytes(b64) {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Offer `bytes` (Uint8Array or string) as a file called `name` of MIME `type`: a Blob and a
 * temporary link, no network. */
export function downloadBytes(bytes, name, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Offer a base64 payload (e.g. the engine's `csv_base64`, UTF-8 with BOM) as a download. */
export function downloadBase64(b64, name, type) {
  downloadBytes(base64ToBytes(b64), name, type);
}
