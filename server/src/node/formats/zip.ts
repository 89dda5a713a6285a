// Reading the parts of an OOXML package (a zip) with caps, so a zip bomb is refused before it is
// inflated: fflate lists every entry with its declared size first (the filter), and inflates into
// a buffer of exactly that size, so a lying header cannot make it write more than declared.
import { unzipSync, strFromU8 } from 'fflate';
import { PlanReadError } from '../read';
import { message, type Message } from '../message';

export interface ZipCaps {
  /** Most entries a package may list. */
  maxEntries: number;
  /** Most bytes all the parts we read may declare together once inflated. */
  maxTotalBytes: number;
  /** Most bytes one part may declare. */
  maxEntryBytes: number;
  /** Highest compression ratio accepted for a part (declared size / compressed size). */
  maxRatio: number;
}

export const DEFAULT_ZIP_CAPS: ZipCaps = {
  maxEntries: 5000,
  maxTotalBytes: 256 * 1024 * 1024,
  maxEntryBytes: 128 * 1024 * 1024,
  maxRatio: 200,
};

export function malformed(file: string, what: Message): PlanReadError {
  return new PlanReadError(file, message('damaged or unreadable file: {0}', what), { kind: 'malformed' });
}

export interface ZipListing {
  /** Every entry name in the package (the directory, even of parts we did not inflate). */
  names: string[];
  /** The inflated parts that `want` selected. */
  parts: Map<string, Uint8Array>;
}

/**
 * Lists the entries of a zip and inflates those `want` accepts, within `caps`. Throws a one-line
 * PlanReadError for a damaged zip or one over a cap ("zip bomb").
 */
export function readZip(
  buf: Uint8Array,
  file: string,
  want: (name: string) => boolean,
  caps: ZipCaps = DEFAULT_ZIP_CAPS,
): ZipListing {
  const names: string[] = [];
  let total = 0;
  let over: PlanReadError | null = null;
  const bomb = (what: Message) => new PlanReadError(file, message('refused: {0} (a zip bomb?)', what), { kind: 'too-large' });
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(buf, {
      filter: (f) => {
        names.push(f.name);
        if (over) return false;
        if (names.length > caps.maxEntries) {
          over = bomb(message('more than {0} entries in the package', caps.maxEntries));
          return false;
        }
        if (!want(f.name)) return false;
        const size = f.originalSize ?? 0;
        if (size > caps.maxEntryBytes || (f.size > 0 && size / f.size > caps.maxRatio && size > 1024 * 1024)) {
          over = bomb(message('part {0} inflates to {1} bytes from {2}', f.name, size, f.size));
          return false;
        }
        total += size;
        if (total > caps.maxTotalBytes) {
          over = bomb(message('parts inflate to more than {0} bytes', caps.maxTotalBytes));
          return false;
        }
        return true;
      },
    });
  } catch (e) {
    if (over) throw over;
    throw malformed(file, message('not a valid zip package ({0})', (e as Error).message));
  }
  if (over) throw over;
  return { names, parts: new Map(Object.entries(parts)) };
}

export function partText(parts: Map<string, Uint8Array>, name: string): string | null {
  const p = parts.get(name);
  if (!p) return null;
  // XML parts are UTF-8 (or UTF-16 with a BOM, rare)
  if (p.length >= 2 && ((p[0] === 0xff && p[1] === 0xfe) || (p[0] === 0xfe && p[1] === 0xff))) {
    return new TextDecoder(p[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(p.subarray(2));
  }
  return strFromU8(p).replace(/^\ufeff/, '');
}
