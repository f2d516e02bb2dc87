// Small helpers for CSV files in the browser: a file's bytes as base64 (for the worker), a
// base64 payload offered as a download (made here, never fetched), and a CSV parser for
// the preview (RFC 4180: quotes, doubled quotes, CRLF, line breaks inside quotes).

/** The bytes of `file` (a File or Blob), base64-encoded. */
export async function fileToBase64(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** base64 → bytes. */
export function base64ToBytes(b64) {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Offer `bytes` (Uint8Array) as a file called `name`: a Blob and a temporary link, no network. */
export function downloadBytes(bytes, name, type = 'text/csv;charset=utf-8') {
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

/** Parse CSV text into rows of cells (a leading BOM is dropped). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { cell += '"'; i += 1; } else quoted = false;
      } else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
