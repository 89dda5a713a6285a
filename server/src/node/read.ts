// Node adapter: turns the bytes of a plan file into text. The core never sees bytes.
//
// Decoding order (first match wins):
//   1. empty file → "".
//   2. BOM: UTF-8 (stripped), UTF-16LE, UTF-16BE.
//   3. a NUL byte anywhere → UTF-16 without a BOM when it reads as text (byte order from the NUL
//      positions), else binary.
//   4. valid UTF-8 → UTF-8.
//   5. mostly-valid UTF-8 with a few bad bytes → error (never decoded as GB18030 mojibake).
//   6. legacy Chinese: chardet's guess when it names GB18030 or Big5 with confidence ≥ 50,
//      otherwise GB18030 or Big5, each accepted only when the decoding has no replacement
//      character and reads as Chinese text (see decodeLegacyChinese for the tie-break).
//      GB2312/GBK/GB18030 all decode as GB18030. Text whose ideographs are mostly rare ones
//      (random bytes in the GB2312 or Big5 ranges) is refused; so is a decoding neither encoding
//      accepts, after one more try as BOM-less UTF-16 of Chinese text (no NUL byte).
//   Then: a high ratio of control characters → binary.
// Line terminators (CRLF, lone CR) are kept as they are: the core splits lines itself.
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync } from 'node:fs';
import { extname, join as joinPath } from 'node:path';
import * as chardet from 'chardet';
import * as iconv from 'iconv-lite';
import type { Locale } from '../core/types';
import { formatIn, isMessage, message, type Message } from './message';
import type { PlanSource } from './formats/source';
import { loadPdfBundle, savePdfCodeCache } from './formats/pdf-load';
// The readers are required on first use (esbuild keeps them lazy): a plain-text check does not pay
// for evaluating the zip, Word and HTML libraries at start-up.
type Readers = typeof import('./formats/docx') & typeof import('./formats/doc') & typeof import('./formats/html');
let readers: Readers | null = null;
function formatReaders(): Readers {
  /* eslint-disable @typescript-eslint/no-require-imports */
  readers ??= { ...require('./formats/docx'), ...require('./formats/doc'), ...require('./formats/html') } as Readers;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return readers;
}

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
function isCfb(buf: Uint8Array): boolean {
  return buf.length >= 8 && CFB_SIGNATURE.every((b, i) => buf[i] === b);
}

/** A text that is an HTML page (by its first bytes), whatever its file name. */
function looksLikeHtml(buf: Uint8Array): boolean {
  const head = Buffer.from(buf.subarray(0, 512))
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '')
    .trimStart()
    .toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || (head.startsWith('<?xml') && head.includes('<html'));
}

export type PlanEncoding = 'UTF-8' | 'UTF-8-BOM' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030' | 'Big5';

export type PlanReadErrorKind =
  | 'not-found'
  | 'is-directory'
  | 'not-a-file'
  | 'permission'
  | 'too-large'
  | 'binary'
  | 'decode'
  | 'io'
  // documents (node/formats): damaged, encrypted, macro-enabled, no text layer, not supported
  | 'malformed'
  | 'encrypted'
  | 'macros'
  | 'no-text'
  | 'unsupported';

/**
 * A plan file that cannot be read as text. `message` is one English line for logs: "<path>: <cause>";
 * localized(locale) is the line shown to the user, the cause a template of the l10n bundle (node/message.ts).
 */
export class PlanReadError extends Error {
  readonly file: string;
  /** The cause: an English template of the l10n bundle and its arguments. */
  readonly cause_: Message;
  /** The cause in plain English words (the message without the path). */
  readonly reason: string;
  readonly kind: PlanReadErrorKind;

  constructor(file: string, cause: Message, opts: { kind?: PlanReadErrorKind } = {}) {
    const reason = formatIn('en', cause);
    super(file ? `${file}: ${reason}` : reason);
    this.name = 'PlanReadError';
    this.file = file;
    this.cause_ = cause;
    this.reason = reason;
    this.kind = opts.kind ?? 'io';
  }

  /** The one-line message in the user's language (zh-cn by default). */
  localized(locale: Locale = 'zh-cn'): string {
    const r = formatIn(locale, this.cause_);
    return this.file ? `${this.file}: ${r}` : r;
  }

  /** The same error for another path (decodePlanBytes does not know the file name). */
  withFile(file: string): PlanReadError {
    return new PlanReadError(file, this.cause_, { kind: this.kind });
  }
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** Bytes looked at by the encoding detector and the control-character check. */
const SAMPLE_BYTES = 64 * 1024;

function mb(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** Maps a Node fs error to a PlanReadError with a plain cause. */
export function fsErrorToPlanReadError(file: string, err: unknown): PlanReadError {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return new PlanReadError(file, message('no such file'), { kind: 'not-found' });
    case 'ENOTDIR':
      return new PlanReadError(file, message('no such file (a parent is not a folder)'), { kind: 'not-found' });
    case 'EISDIR':
      return new PlanReadError(file, message('is a directory'), { kind: 'is-directory' });
    case 'EACCES':
    case 'EPERM':
      return new PlanReadError(file, message('permission denied'), { kind: 'permission' });
    case 'ELOOP':
      return new PlanReadError(file, message('too many symbolic links'), { kind: 'io' });
    case 'ENAMETOOLONG':
      return new PlanReadError(file, message('file name too long'), { kind: 'io' });
    default: {
      const what = code ? message('cannot read ({0})', code) : message('cannot read');
      return new PlanReadError(file, what, { kind: 'io' });
    }
  }
}

function decodeError(reason: Message): PlanReadError {
  return new PlanReadError('', message('cannot decode: {0}', reason), { kind: 'decode' });
}

/**
 * Scans UTF-8 structure: the offset of the first invalid byte, how many well-formed multi-byte
 * sequences and how many invalid bytes there are.
 */
function scanUtf8(buf: Uint8Array): { firstBad: number; good: number; bad: number } {
  let firstBad = -1;
  let good = 0;
  let bad = 0;
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let min = 0;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    }
    let ok = need > 0 && i + need < n;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    if (ok) {
      for (let k = 1; k <= need; k++) {
        const c = buf[i + k];
        if (c === undefined || (c & 0xc0) !== 0x80) {
          ok = false;
          break;
        }
        cp = (cp << 6) | (c & 0x3f);
      }
    }
    if (ok && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (ok) {
      good++;
      i += need + 1;
    } else {
      if (firstBad < 0) firstBad = i;
      bad++;
      i++;
    }
  }
  return { firstBad, good, bad };
}

/**
 * Characters a Chinese plan is made of (besides ASCII). Kana, Greek and Cyrillic are in GB2312 but
 * not in plans: Big5 bytes read as GB18030 often land there.
 */
function isChineseTextChar(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
    (c >= 0x3400 && c <= 0x4dbf) || // extension A
    (c >= 0xf900 && c <= 0xfaff) || // compatibility ideographs
    (c >= 0x3000 && c <= 0x303f) || // CJK symbols and punctuation 、。《》【】
    (c >= 0xff00 && c <= 0xffef) || // full-width forms （）：；，
    (c >= 0x2000 && c <= 0x20cf) || // general punctuation — … ‰ “ ”, superscripts, currency
    (c >= 0x2100 && c <= 0x21ff) || // letterlike ℃ №, number forms Ⅰ, arrows
    (c >= 0x2200 && c <= 0x22ff) || // math operators ≤ ≥
    (c >= 0x2460 && c <= 0x24ff) || // enclosed alphanumerics ① ⑴ ⒈
    (c >= 0x2500 && c <= 0x25ff) || // box drawing, geometric shapes ■ ○
    (c >= 0x2600 && c <= 0x26ff) || // misc symbols ★
    (c >= 0x3100 && c <= 0x312f) || // bopomofo (Big5)
    (c >= 0x3200 && c <= 0x33ff) || // enclosed CJK ㈠, CJK compatibility ㎡
    (c >= 0xfe30 && c <= 0xfe4f) || // CJK compatibility forms (Big5 vertical punctuation)
    c === 0xb2 ||
    c === 0xb3 ||
    c === 0xb9 ||
    c === 0xb7 ||
    c === 0xd7 ||
    c === 0xf7 ||
    c === 0xb0 ||
    c === 0xb1 ||
    c === 0xa7 ||
    c === 0xa4 ||
    c === 0x20ac // € (GBK 0x80)
  );
}

/** Share of non-ASCII characters that belong to Chinese text; 1 when there are none. */
function chineseShare(text: string): number {
  let non = 0;
  let cn = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) continue;
    non++;
    if (isChineseTextChar(c) || (c >= 0x20000 && c <= 0x3ffff)) cn++; // + CJK extensions B…
  }
  return non === 0 ? 1 : cn / non;
}

type Legacy = { name: 'GB18030' | 'Big5'; iconvName: string };
const GB: Legacy = { name: 'GB18030', iconvName: 'gb18030' };
const BIG5: Legacy = { name: 'Big5', iconvName: 'big5' };

/** Decodes with a legacy encoding; the offset (in characters) of the first replacement char, or -1. */
function decodeLegacy(buf: Buffer, enc: Legacy): { text: string; firstBad: number } {
  const text = iconv.decode(buf, enc.iconvName);
  let firstBad = text.indexOf('\ufffd');
  // A genuine U+FFFD is encodable in GB18030: accept it when the bytes round-trip.
  if (firstBad >= 0 && enc === GB && iconv.encode(text, enc.iconvName).equals(buf)) firstBad = -1;
  return { text, firstBad };
}

/**
 * Share of double-byte characters that fall in the encoding's common area: GB2312 (lead A1–F7,
 * trail A1–FE, minus the empty rows AA–AF) for GB18030; symbols (A140–A3BF) and frequently used
 * characters (A440–C67E) for Big5. Text in the other encoding lands in rare areas far more often.
 * This is what tells short texts apart when the detector has too little to go on.
 */
function commonShare(buf: Uint8Array, enc: Legacy): number {
  let total = 0;
  let common = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b < 0x80) continue;
    const t = buf[i + 1];
    if (t === undefined) break;
    total++;
    if (enc === GB) {
      if (t >= 0x30 && t <= 0x39) {
        i += 3; // four-byte GB18030 sequence: rare
        continue;
      }
      if (b >= 0xa1 && b <= 0xf7 && !(b >= 0xaa && b <= 0xaf) && t >= 0xa1 && t <= 0xfe) common++;
    } else {
      const code = (b << 8) | t;
      if ((code >= 0xa140 && code <= 0xa3bf) || (code >= 0xa440 && code <= 0xc67e)) common++;
    }
    i++;
  }
  return total === 0 ? 1 : common / total;
}

/**
 * Share of the ideographs that are rare ones: GB2312 level 2 (lead D8–F7) against level 1 (B0–D7,
 * the 3,755 common characters); Big5 less frequent (C940–F9D5) against frequent (A440–C67E). Chinese
 * text uses the common ones almost only (a plan: under 3 %); random bytes in the same ranges land
 * on rare ones about half the time. 0 when there are fewer than 50 ideographs to judge.
 */
function rareShare(buf: Uint8Array, enc: Legacy): number {
  let common = 0;
  let rare = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b < 0x80) continue;
    const t = buf[i + 1];
    if (t === undefined) break;
    if (enc === GB) {
      if (t >= 0x30 && t <= 0x39) {
        i += 3;
        rare++;
        continue;
      }
      if (b >= 0xb0 && b <= 0xd7) common++;
      else if (b >= 0xd8 && b <= 0xf7) rare++;
    } else {
      if (b >= 0xa4 && b <= 0xc6) common++;
      else if (b >= 0xc9 && b <= 0xf9) rare++;
    }
    i++;
  }
  return common + rare < 50 ? 0 : rare / (common + rare);
}

const MAX_RARE_SHARE = 0.2;

/** A character of ordinary text in UTF-16: ASCII text, basic CJK ideographs, CJK and full-width punctuation. */
function isPlainTextUnit(c: number): boolean {
  return (
    (c >= 0x20 && c < 0x7f) ||
    c === 0x09 ||
    c === 0x0a ||
    c === 0x0d ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xff00 && c <= 0xffef) ||
    (c >= 0x2010 && c <= 0x2030)
  );
}

/**
 * UTF-16 without a byte order mark: the byte order is read from where the NUL bytes are (the high
 * bytes of ASCII characters), else from which order reads as text; accepted when ≥ 95 % of the
 * sampled characters are ordinary text characters. Null otherwise.
 */
function utf16WithoutBom(buf: Buffer): { text: string; encoding: PlanEncoding } | null {
  if (buf.length < 4 || buf.length % 2 !== 0) return null;
  const n = Math.min(buf.length, SAMPLE_BYTES);
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i++) {
    if (buf[i] !== 0) continue;
    if (i % 2) zeroOdd++;
    else zeroEven++;
  }
  const orders: boolean[] =
    zeroOdd > 2 * zeroEven ? [true] : zeroEven > 2 * zeroOdd ? [false] : zeroOdd + zeroEven === 0 ? [true, false] : [];
  let best: { text: string; encoding: PlanEncoding } | null = null;
  let bestScore = 0;
  for (const le of orders) {
    let text: string;
    try {
      text = new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(buf);
    } catch {
      continue;
    }
    const m = Math.min(text.length, SAMPLE_BYTES / 2);
    let good = 0;
    for (let i = 0; i < m; i++) if (isPlainTextUnit(text.charCodeAt(i))) good++;
    const score = m ? good / m : 0;
    if (score > bestScore) {
      bestScore = score;
      best = { text, encoding: le ? 'UTF-16LE' : 'UTF-16BE' };
    }
  }
  return bestScore >= 0.95 ? best : null;
}

function decodeLegacyChinese(buf: Buffer): { text: string; encoding: PlanEncoding } {
  const sample = buf.length > SAMPLE_BYTES ? buf.subarray(0, SAMPLE_BYTES) : buf;
  let guess: Legacy | null = null;
  try {
    const top = chardet.analyse(sample)[0];
    if (top && top.confidence >= 50) {
      if (top.name === 'GB18030') guess = GB;
      else if (top.name === 'Big5') guess = BIG5;
    }
  } catch {
    guess = null;
  }
  const attempt = (enc: Legacy) => {
    const { text, firstBad } = decodeLegacy(buf, enc);
    const ok = firstBad < 0 && chineseShare(text) >= 0.9 && rareShare(sample, enc) <= MAX_RARE_SHARE;
    return { enc, text, firstBad, ok };
  };
  // BOM-less UTF-16 holding only Chinese (no NUL byte): tried first, accepted only when it reads as text
  const u16 = utf16WithoutBom(buf);
  if (u16) return u16;
  // 1. The detector's confident guess, when it decodes cleanly (the other one is not tried).
  const guessed = guess ? attempt(guess) : null;
  if (guessed?.ok) return { text: guessed.text, encoding: guessed.enc.name };
  const gb = guessed?.enc === GB ? guessed : attempt(GB);
  const big5 = guessed?.enc === BIG5 ? guessed : attempt(BIG5);
  // 2. Otherwise whichever decodes cleanly; when both do, the one whose characters are the more
  //    common ones, GB18030 on a tie (mainland plans are GB far more often than Big5).
  if (gb.ok && big5.ok) {
    const pick = commonShare(sample, BIG5) > commonShare(sample, GB) ? big5 : gb;
    return { text: pick.text, encoding: pick.enc.name };
  }
  if (gb.ok) return { text: gb.text, encoding: 'GB18030' };
  if (big5.ok) return { text: big5.text, encoding: 'Big5' };
  const rare = guessed && guessed.firstBad < 0 ? rareShare(sample, guessed.enc) : 0;
  if (rare > MAX_RARE_SHARE) {
    const pct = Math.round(rare * 100);
    throw new PlanReadError(
      '',
      message('decodes as {0} but {1}% of its characters are rare ones (random bytes?), not a plan text', guessed!.enc.name, pct),
      { kind: 'binary' },
    );
  }
  if (guessed && guessed.firstBad >= 0) {
    const byteOffset = iconv.encode(guessed.text.slice(0, guessed.firstBad), guessed.enc.iconvName).length;
    throw decodeError(message('looks like {0} but has an invalid byte sequence near offset {1}', guessed.enc.name, byteOffset));
  }
  throw decodeError(message('not UTF-8, UTF-16, GB18030 or Big5 text'));
}

function isControl(c: number): boolean {
  // Tab, LF, VT, FF (page breaks from PDF extraction), CR are text.
  if (c < 0x20) return c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d;
  return c === 0x7f || (c >= 0x80 && c <= 0x9f);
}

/** Throws when a decoded text looks like binary data (NUL, or > 5 % control characters in its head). */
function checkNotBinary(text: string): void {
  const n = Math.min(text.length, SAMPLE_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) {
      throw new PlanReadError('', message('binary file (NUL character at position {0}), not a plan text', i), {
        kind: 'binary',
      });
    }
    if (isControl(c)) controls++;
  }
  if (n > 0 && controls / n > 0.05) {
    throw new PlanReadError('', message('binary file ({0} control characters in the first {1}), not a plan text', controls, n), {
      kind: 'binary',
    });
  }
}

function decodeUtf16(body: Buffer, le: boolean): string {
  if (body.length % 2 !== 0) {
    throw decodeError(message('UTF-16{0} byte order mark but an odd number of bytes', le ? 'LE' : 'BE'));
  }
  try {
    return new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(body);
  } catch {
    throw decodeError(message('UTF-16{0} byte order mark but invalid UTF-16 (unpaired surrogate)', le ? 'LE' : 'BE'));
  }
}

/**
 * Decodes the bytes of a plan file. Throws a PlanReadError (with `file` = the given name, "" by
 * default) for binary data or text in an unsupported encoding. Never returns replacement
 * characters that were not in the file.
 */
export function decodePlanBytes(buf: Buffer, file = ''): { text: string; encoding: PlanEncoding } {
  try {
    return decodeInner(buf);
  } catch (e) {
    if (e instanceof PlanReadError && file) throw e.withFile(file);
    throw e;
  }
}

function decodeInner(buf: Buffer): { text: string; encoding: PlanEncoding } {
  if (buf.length === 0) return { text: '', encoding: 'UTF-8' };
  // Byte order marks.
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    const body = buf.subarray(3);
    const s = scanUtf8(body);
    if (s.firstBad >= 0) {
      throw decodeError(message('UTF-8 byte order mark but invalid UTF-8 at offset {0}', s.firstBad + 3));
    }
    const text = body.toString('utf8');
    checkNotBinary(text);
    return { text, encoding: 'UTF-8-BOM' };
  }
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    const le = buf[0] === 0xff;
    const text = decodeUtf16(buf.subarray(2), le);
    checkNotBinary(text);
    return { text, encoding: le ? 'UTF-16LE' : 'UTF-16BE' };
  }
  // No BOM: a NUL byte means BOM-less UTF-16 when it reads as text, else binary.
  const nul = buf.indexOf(0);
  if (nul >= 0) {
    const u16 = utf16WithoutBom(buf);
    if (u16) {
      checkNotBinary(u16.text);
      return u16;
    }
    throw new PlanReadError('', message('binary file (NUL byte at offset {0}), not a plan text', nul), {
      kind: 'binary',
    });
  }
  const s = scanUtf8(buf);
  if (s.firstBad < 0) {
    const text = buf.toString('utf8');
    checkNotBinary(text);
    return { text, encoding: 'UTF-8' };
  }
  // UTF-8 with a few broken bytes (a truncated or damaged file): say so, do not guess GB18030.
  if (s.good >= 4 && s.bad * 10 <= s.good) {
    throw decodeError(message('invalid UTF-8 byte sequence at offset {0} (the rest reads as UTF-8)', s.firstBad));
  }
  const out = decodeLegacyChinese(buf);
  checkNotBinary(out.text);
  return out;
}

export interface GuardedReadOptions {
  /** Largest accepted size in bytes (DEFAULT_MAX_BYTES when not given). */
  maxBytes?: number;
}

function tooLarge(path: string, size: number | null, maxBytes: number): PlanReadError {
  const what = size === null ? message('more than {0}', mb(maxBytes)) : `${mb(size)} > ${mb(maxBytes)}`;
  return new PlanReadError(path, message('file too large ({0})', what), { kind: 'too-large' });
}

/** O_NONBLOCK where the platform has it: opening a FIFO must not wait for a writer. */
const OPEN_FLAGS = fsConstants.O_RDONLY | (typeof fsConstants.O_NONBLOCK === 'number' ? fsConstants.O_NONBLOCK : 0);

/**
 * The one way PlanLint opens a file (plans, upstream plans, configuration, and every document
 * format reader): returns its bytes, or throws a PlanReadError whose message is one line
 * "<path>: <cause>".
 *
 * Guards, in order: the path is opened without blocking (a FIFO with no writer does not hang), and
 * the opened descriptor — not the path, which may change in between — must be a regular file
 * (FIFOs, sockets, /dev/zero, /dev/urandom and folders are refused); a symbolic link loop is an
 * ELOOP error; the size must be ≤ maxBytes; at most maxBytes + 1 bytes are ever read, so a file
 * that grows while being read (or lies about its size) is refused rather than read without end.
 */
export function readFileGuarded(path: string, opts: GuardedReadOptions = {}): Buffer {
  const maxBytes = Math.max(0, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (e) {
    throw fsErrorToPlanReadError(path, e);
  }
  try {
    let size: number;
    try {
      const st = fstatSync(fd);
      if (st.isDirectory()) {
        throw new PlanReadError(path, message('is a directory'), { kind: 'is-directory' });
      }
      if (!st.isFile()) {
        const what = st.isFIFO()
          ? message('named pipe')
          : st.isCharacterDevice() || st.isBlockDevice()
            ? message('device')
            : st.isSocket()
              ? message('socket')
              : message('special file');
        throw new PlanReadError(path, message('not a regular file ({0})', what), { kind: 'not-a-file' });
      }
      size = st.size;
    } catch (e) {
      if (e instanceof PlanReadError) throw e;
      throw fsErrorToPlanReadError(path, e);
    }
    if (size > maxBytes) throw tooLarge(path, size, maxBytes);
    // Read at most maxBytes + 1 bytes whatever the size said.
    const cap = maxBytes + 1;
    let buf = Buffer.allocUnsafe(Math.min(cap, Math.max(size, 4096)));
    let len = 0;
    for (;;) {
      if (len === buf.length) {
        if (buf.length >= cap) break;
        const bigger = Buffer.allocUnsafe(Math.min(cap, buf.length * 2));
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
      }
      let n: number;
      try {
        n = readSync(fd, buf, len, buf.length - len, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN' || code === 'EWOULDBLOCK') {
          throw new PlanReadError(path, message('not a regular file ({0})', message('would block')), {
            kind: 'not-a-file',
          });
        }
        throw fsErrorToPlanReadError(path, e);
      }
      if (n === 0) break;
      len += n;
    }
    // The file grew between stat and read.
    if (len > maxBytes) throw tooLarge(path, null, maxBytes);
    return buf.subarray(0, len);
  } finally {
    try {
      closeSync(fd);
    } catch {
      // nothing to do
    }
  }
}

/**
 * Reads and decodes a plan file through readFileGuarded. Throws PlanReadError with a one-line
 * message ("<path>: no such file", "<path>: file too large (80.0 MB > 64.0 MB)", …).
 */
export function readPlanFile(
  path: string,
  opts: GuardedReadOptions = {},
): { text: string; encoding: PlanEncoding; bytes: number } {
  const buf = readFileGuarded(path, opts);
  const { text, encoding } = decodePlanBytes(buf, path);
  return { text, encoding, bytes: buf.length };
}

/**
 * The one dispatch point for every format a plan arrives in (node/formats): Word (.docx, .doc,
 * WPS), PDF, saved web pages, else text as readPlanFile decodes it. Returns the plan text and the
 * line → source map (paragraph, page, table row). Async: the PDF reader is.
 */
export async function readPlanSource(path: string, opts: { maxBytes?: number } = {}): Promise<PlanSource> {
  const buf = readFileGuarded(path, opts);
  return sourceFromBytes(buf, path);
}

/** The same for bytes already read (`file` names them in errors and picks the reader by extension). */
export async function sourceFromBytes(buf: Buffer, file: string): Promise<PlanSource> {
  try {
    return await dispatch(buf, file);
  } catch (e) {
    throw asPlanReadError(e, file);
  }
}

async function dispatch(buf: Buffer, file: string): Promise<PlanSource> {
  const ext = extname(file).toLowerCase();
  const kind = sniffDocument(buf, ext);
  switch (kind) {
    case 'zip':
      if (/^\.(docm|dotm)$/.test(ext)) {
        throw new PlanReadError(file, message('refused: macro-enabled Word document (.docm); save it as .docx without macros'), {
          kind: 'macros',
        });
      }
      return formatReaders().readDocx(buf, file);
    case 'cfb':
      return formatReaders().readDoc(buf, file, ext === '.wps' ? 'wps' : 'doc');
    case 'pdf': {
      const source = await loadPdfReader().readPdf(buf, file);
      savePdfCodeCache();
      return source;
    }
    case 'html':
      return formatReaders().readHtml(buf, file);
    default: {
      if (ext === '.wps') {
        // WPS Office saves .wps in Word 97's compound container (read above) or, renamed, as .docx;
        // anything else is the old proprietary WPS format (or not a WPS file at all)
        throw new PlanReadError(
          file,
          message(
            'cannot read: not a .wps file WPS Office saves in the Word 97 container (an older proprietary WPS format, or another file renamed .wps); open it in WPS and save it as .docx',
          ),
          { kind: 'unsupported' },
        );
      }
      if (DOCUMENT_EXTENSIONS.includes(ext)) {
        const what = ext === '.pdf' ? 'PDF' : 'Word';
        throw new PlanReadError(
          file,
          message(
            'damaged or unreadable file: {0}',
            message('not a valid {0} file (truncated, or another format renamed {1})', what, ext),
          ),
          { kind: 'malformed' },
        );
      }
      const { text, encoding } = decodePlanBytes(buf, file);
      return { text, format: 'text', lineRefs: [], encoding };
    }
  }
}

/** Extensions read as documents (not as text); folders pick these up besides .txt/.md. */
export const DOCUMENT_EXTENSIONS = ['.docx', '.docm', '.doc', '.wps', '.pdf', '.html', '.htm'];

function sniffDocument(buf: Buffer, ext: string): 'zip' | 'cfb' | 'pdf' | 'html' | null {
  if (
    buf.length >= 4 &&
    buf[0] === 0x50 &&
    buf[1] === 0x4b &&
    (buf[2] === 0x03 || buf[2] === 0x05) &&
    (buf[3] === 0x04 || buf[3] === 0x06)
  )
    return 'zip';
  if (isCfb(buf)) return 'cfb';
  const head = buf.subarray(0, 1024).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml' || ext === '.shtml' || looksLikeHtml(buf)) return 'html';
  return null;
}

/** The PDF reader is its own bundle (dist/pdf.js, with pdfjs): loaded on first use only (formats/pdf-load.ts). */
let pdfReader: { readPdf: (buf: Uint8Array, file: string) => Promise<PlanSource> } | null = null;
function loadPdfReader(): { readPdf: (buf: Uint8Array, file: string) => Promise<PlanSource> } {
  pdfReader ??= loadPdfBundle(joinPath(__dirname, 'pdf.js')) as {
    readPdf: (buf: Uint8Array, file: string) => Promise<PlanSource>;
  };
  return pdfReader;
}

/** Errors thrown by another bundle (dist/pdf.js) are other PlanReadError classes: make them ours. */
function asPlanReadError(e: unknown, file: string): unknown {
  if (e instanceof PlanReadError) return e;
  const x = e as { name?: string; cause_?: unknown; kind?: PlanReadErrorKind; file?: string } | null;
  if (x && x.name === 'PlanReadError' && isMessage(x.cause_)) {
    return new PlanReadError(x.file ?? file, x.cause_, { kind: x.kind });
  }
  return e;
}
