// Reading the parts of an OOXML package (a zip) with caps, so a zip bomb is refused before it is
// inflated: fflate lists every entry with its declared size first (the filter), and inflates into
// a buffer of exactly that size, so a lying header cannot make it write more than declared.
import { unzipSync, strFromU8 } from 'fflate';
import { PlanReadError } from '../read';

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

export function malformed(file: string, what: string, zh: string): PlanReadError {
  return new PlanReadError(file, `damaged or unreadable file: ${what}`, { kind: 'malformed', zh: `文件已损坏或无法读取：${zh}` });
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
  const bomb = (en: string, zh: string) =>
    new PlanReadError(file, `refused: ${en} (a zip bomb?)`, { kind: 'too-large', zh: `拒绝读取：${zh}（疑似压缩炸弹）` });
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(buf, {
      filter: (f) => {
        names.push(f.name);
        if (over) return false;
        if (names.length > caps.maxEntries) {
          over = bomb(`more than ${caps.maxEntries} entries in the package`, `压缩包内条目超过 ${caps.maxEntries} 个`);
          return false;
        }
        if (!want(f.name)) return false;
        const size = f.originalSize ?? 0;
        if (size > caps.maxEntryBytes || (f.size > 0 && size / f.size > caps.maxRatio && size > 1024 * 1024)) {
          over = bomb(
            `part ${f.name} inflates to ${size} bytes from ${f.size}`,
            `部件 ${f.name} 解压后 ${size} 字节（压缩后 ${f.size} 字节）`,
          );
          return false;
        }
        total += size;
        if (total > caps.maxTotalBytes) {
          over = bomb(`parts inflate to more than ${caps.maxTotalBytes} bytes`, `解压后超过 ${caps.maxTotalBytes} 字节`);
          return false;
        }
        return true;
      },
    });
  } catch (e) {
    if (over) throw over;
    throw malformed(
      file,
      `not a valid zip package (${(e as Error).message})`,
      `不是有效的 zip 压缩包（${(e as Error).message}）`,
    );
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
