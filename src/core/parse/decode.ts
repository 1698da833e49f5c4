/**
 * File bytes → text, the same in Node and in the browser: gzip is recognised by its magic bytes
 * and inflated with `DecompressionStream`; binary files (images, PDFs, archives, office files) are
 * refused with one clear message; text is decoded from UTF-8, UTF-16 (with a BOM, or without one
 * when the NUL bytes give it away) or, when the bytes are not UTF-8 at all, Windows-1252 (the
 * superset of Latin-1 that spreadsheet and reference-manager exports use), with a notice.
 * Line ends become LF and a BOM is dropped.
 */

import type { RecordNotice } from '../types';
import { ParseError } from './errors';

export interface DecodedFile {
  text: string;
  notices: RecordNotice[];
  /** The encoding the text was read in, e.g. "UTF-8", "UTF-16LE", "Windows-1252". */
  encoding: string;
  /** Whether the bytes were gzipped. */
  gzipped: boolean;
}

/** Signatures of file types that hold no list of papers, with a hint where one helps. */
const BINARY_SIGNATURES: ReadonlyArray<{ magic: readonly number[]; what: string; hint?: string }> = [
  {
    magic: [0x25, 0x50, 0x44, 0x46, 0x2d],
    what: 'a PDF document',
    hint:
      'papermap reads lists of papers, not the papers themselves: export the references from your ' +
      'reference manager (BibTeX, RIS, CSL-JSON) or database (CSV, MEDLINE) instead',
  },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { magic: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { magic: [0x52, 0x49, 0x46, 0x46], what: 'a RIFF file (WebP image, WAV or AVI)' },
  { magic: [0x42, 0x4d], what: 'a BMP image' },
  {
    magic: [0x50, 0x4b, 0x03, 0x04],
    what: 'a zip archive (or a .docx/.xlsx/.odt file, which are zip archives)',
    hint: 'unpack it, or save a spreadsheet as CSV, and give papermap the files inside',
  },
  { magic: [0x50, 0x4b, 0x05, 0x06], what: 'an empty zip archive' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { magic: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive' },
  { magic: [0x42, 0x5a, 0x68], what: 'a bzip2 file', hint: 'unpack it first (papermap reads gzip only)' },
  {
    magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00],
    what: 'an xz file',
    hint: 'unpack it first (papermap reads gzip only)',
  },
  {
    magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    what: 'an old Microsoft Office file (.doc/.xls)',
    hint: 'save it as CSV or text first',
  },
  { magic: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], what: 'an SQLite database' },
  { magic: [0x7f, 0x45, 0x4c, 0x46], what: 'an executable (ELF)' },
  { magic: [0x00, 0x61, 0x73, 0x6d], what: 'a WebAssembly module' },
];

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean =>
  bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte);

const isGzip = (bytes: Uint8Array): boolean => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

async function gunzip(name: string, bytes: Uint8Array): Promise<Uint8Array> {
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
      .stream()
      .pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ParseError(`papermap/parse: ${name}: not a valid gzip file (${why})`, name, 0);
  }
}

function refuseBinary(name: string, bytes: Uint8Array): void {
  const known = BINARY_SIGNATURES.find((signature) => startsWith(bytes, signature.magic));
  if (known) {
    const hint = known.hint ? `; ${known.hint}` : '';
    throw new ParseError(
      `papermap/parse: ${name}: this is ${known.what}, not a list of papers${hint}`,
      name,
      0,
    );
  }
}

/** UTF-16 without a BOM: NUL bytes in most even (BE) or odd (LE) positions of the first 4 KB. */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Text with NUL or other C0 control bytes (not tab, LF, CR, FF) in more than 1% of its first 8 KB. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control > n * 0.01;
}

/** Whether the bytes hold at least one well-formed multi-byte UTF-8 sequence. */
function hasUtf8Sequences(bytes: Uint8Array): boolean {
  for (let i = 0; i + 1 < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0xc2 || b > 0xf4) continue;
    const length = b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
    let ok = i + length <= bytes.length;
    for (let j = 1; ok && j < length; j++) ok = (bytes[i + j] & 0xc0) === 0x80;
    if (ok) return true;
  }
  return false;
}

/**
 * Windows-1252's characters for bytes 0x80–0x9F (the rest is Latin-1), from the WHATWG Encoding
 * standard's index; written out because Node's TextDecoder reads this range as C1 controls.
 * Unassigned bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) keep their code points, as browsers do.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes = Array.from(bytes.subarray(start, start + CHUNK), (b) =>
      b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b,
    );
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/** 1-based numbers of the lines of `text` that contain `char`. */
function linesContaining(text: string, char: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let scanned = 0;
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) {
    for (let nl = text.indexOf('\n', scanned); nl !== -1 && nl < at; nl = text.indexOf('\n', nl + 1)) {
      line++;
      scanned = nl + 1;
    }
    if (lines[lines.length - 1] !== line) lines.push(line);
  }
  return lines;
}

/** 1-based numbers of the lines holding a byte ≥ 0x80 (for text read as Windows-1252). */
function linesWithHighBytes(bytes: Uint8Array): number[] {
  const lines: number[] = [];
  let line = 1;
  for (const byte of bytes) {
    if (byte === 0x0a) line++;
    else if (byte >= 0x80 && lines[lines.length - 1] !== line) lines.push(line);
  }
  return lines;
}

function listLines(lines: number[], max = 10): string {
  const shown = lines.slice(0, max).join(', ');
  return lines.length > max ? `${shown} and ${lines.length - max} more` : shown;
}

/**
 * Decodes one file. Throws `ParseError` for a binary file or broken gzip; every other byte
 * sequence gives text, with a notice whenever the text may not be what the file's author wrote.
 */
export async function decodeFile(name: string, raw: Uint8Array): Promise<DecodedFile> {
  const gzipped = isGzip(raw);
  const bytes = gzipped ? await gunzip(name, raw) : raw;
  const notices: RecordNotice[] = [];
  const notice = (line: number, message: string): void => {
    notices.push({ origin: `${name}:${line}`, message: `papermap/parse: ${name}:${line}: ${message}` });
  };

  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' = 'utf-8';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) encoding = 'utf-8';
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  else {
    refuseBinary(name, bytes);
    const utf16 = bomlessUtf16(bytes);
    if (utf16) encoding = utf16;
    else if (looksBinary(bytes)) {
      throw new ParseError(
        `papermap/parse: ${name}: this is a binary file (control bytes where text should be), not a list of papers`,
        name,
        0,
      );
    }
  }

  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    if (encoding === 'utf-8' && !hasUtf8Sequences(bytes)) {
      // No valid multi-byte sequence at all: the file was written in a single-byte code page.
      encoding = 'windows-1252';
      text = decodeWindows1252(bytes);
      const lines = linesWithHighBytes(bytes);
      notice(
        lines[0] ?? 1,
        `not UTF-8: read as Windows-1252 (Latin-1), which gives the accented letters on line(s) ${listLines(lines)}; ` +
          'if they look wrong, save the file as UTF-8 and read it again',
      );
    } else {
      text = new TextDecoder(encoding).decode(bytes);
      const lines = linesContaining(text, '\uFFFD');
      const label = encoding === 'utf-8' ? 'UTF-8' : encoding.toUpperCase();
      notice(
        lines[0] ?? 1,
        `invalid ${label} bytes on line(s) ${listLines(lines)}, replaced with U+FFFD (�); the records there are kept`,
      );
    }
  }
  // TextDecoder drops a BOM already; the replace covers one that survived another route.
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const label = encoding === 'windows-1252' ? 'Windows-1252' : encoding.toUpperCase();
  return { text, notices, encoding: label, gzipped };
}
