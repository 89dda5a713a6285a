// Small pure text helpers shared by the parser and the rules.

/** Splits text into lines on CRLF, CR or LF (the line numbering every layer agrees on). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23, 一百零五 → 105. NaN for anything else. */
export function cnToNumber(s: string): number {
  if (!s) return NaN;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch in CN_DIGITS) current = CN_DIGITS[ch];
    else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else return NaN;
  }
  return total + current;
}

const CN_NUMS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1 → 一, 12 → 十二, 20 → 二十, 23 → 二十三 (up to 99). */
export function numberToCn(n: number): string {
  if (n < 10) return CN_NUMS[n];
  if (n < 20) return '十' + (n % 10 ? CN_NUMS[n % 10] : '');
  if (n < 100) return CN_NUMS[Math.floor(n / 10)] + '十' + (n % 10 ? CN_NUMS[n % 10] : '');
  return String(n);
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
export function circledToNumber(ch: string): number {
  const i = CIRCLED.indexOf(ch);
  return i < 0 ? NaN : i + 1;
}
export function numberToCircled(n: number): string {
  return CIRCLED[n - 1] ?? String(n);
}

/** Full-width digits and letters → ASCII; keeps the string length (one UTF-16 unit each). */
export function foldWidth(s: string): string {
  return s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Leading indentation: ASCII spaces, tabs, U+3000, NBSP. */
export function indentLength(line: string): number {
  const m = /^[\s\u3000\u00a0\ufeff]*/.exec(line);
  return m ? m[0].length : 0;
}

/** Compact form for comparing indicator names: no spaces, unified brackets and dashes. */
export function normalizeName(s: string): string {
  return foldWidth(s)
    .replace(/[\s\u3000]+/g, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[—–~～\-至]/g, '-')
    .replace(/學/g, '学')
    .replace(/權/g, '权');
}

/** Display width of a line: CJK and full-width characters count 2, others 1 (what a printed line holds). */
export function visualWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x1100) {
      w += 1;
      continue;
    }
    // a surrogate pair (rare in plans) counts once, as wide
    if (c >= 0xd800 && c <= 0xdbff) {
      i++;
      w += 2;
      continue;
    }
    const wide =
      c <= 0x115f ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c === 0x2014 ||
      c === 0x2026 ||
      (c >= 0x2018 && c <= 0x201d);
    w += wide ? 2 : 1;
  }
  return w;
}

/**
 * The wrap width of each lines array (the parser, the outline and the numbering rules ask for the
 * same document's). A WeakMap keyed by the array: an entry lives as long as its document's lines,
 * which are never mutated after splitting (docs/ARCHITECTURE.md, Caches).
 */
const wrapWidthMemo = new WeakMap<string[], number | null>();

/**
 * The width text copied out of a PDF was hard-wrapped at, or null when the lines are paragraphs.
 * A wrapped text has most of its lines within a few columns of one width and few wider.
 */
export function wrapWidth(lines: string[]): number | null {
  const cached = wrapWidthMemo.get(lines);
  if (cached !== undefined) return cached;
  const width = computeWrapWidth(lines);
  wrapWidthMemo.set(lines, width);
  return width;
}

function computeWrapWidth(lines: string[]): number | null {
  const widths: number[] = [];
  let nonBlank = 0;
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed) nonBlank++;
    const width = visualWidth(trimmed);
    if (width >= 40) widths.push(width);
  }
  if (widths.length < 20) return null;
  const count = new Map<number, number>();
  for (const width of widths) count.set(width, (count.get(width) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const width of count.keys()) {
    let near = 0;
    for (let k = width - 4; k <= width; k++) near += count.get(k) ?? 0;
    if (near > bestCount || (near === bestCount && width > best)) {
      best = width;
      bestCount = near;
    }
  }
  // most lines of the text fill that width (a few headings of one length do not make a wrapped text)
  const wider = widths.filter((width) => width > best + 2).length;
  return bestCount >= 20 && bestCount >= nonBlank * 0.3 && bestCount >= widths.length * 0.4 && wider <= widths.length * 0.2
    ? best
    : null;
}

/** A line that fills the wrap width: the text goes on on the next line, whatever its last character. */
export function isWrappedLine(line: string, wrap: number | null): boolean {
  return wrap !== null && visualWidth(line.trim()) >= wrap - 6;
}
