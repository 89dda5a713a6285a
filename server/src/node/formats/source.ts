// What every format reader returns: the plan text (what the core parses) and, for each line of it,
// where it came from in the source file (a Word paragraph, a PDF page, a table row), so findings
// can name a place the user can find in Word or a PDF viewer.
import type { Locale } from '../../core/types';
import { localize } from '../../core/i18n';

export type SourceFormat = 'text' | 'docx' | 'doc' | 'wps' | 'pdf' | 'html';

/** A place in the source file. Paragraphs, pages, tables and rows are 1-based. */
export interface SourceRef {
  /** Word / HTML: the n-th non-empty paragraph of the body (table rows are not counted). */
  paragraph?: number;
  /** PDF: the page. */
  page?: number;
  /** Word / HTML: the n-th table and the row within it. */
  table?: number;
  row?: number;
  /** Word: the n-th footnote / endnote (in the order the body first refers to them), read after the body. */
  footnote?: number;
  endnote?: number;
}

export interface PlanSource {
  text: string;
  format: SourceFormat;
  /** For line i + 1 of `text` (0-based index i): where it came from; null for lines the reader added. Empty for plain text. */
  lineRefs: Array<SourceRef | null>;
  /** Set for text and HTML files: the character encoding read. */
  encoding?: string;
}

/** Builds the text line by line together with the line → source map. */
export class SourceBuilder {
  private lines: string[] = [];
  private refs: Array<SourceRef | null> = [];

  push(line: string, ref: SourceRef | null): void {
    // a paragraph can hold line breaks (w:br, <br>): every piece keeps the paragraph's ref
    for (const piece of line.split(/\r\n|\r|\n/)) {
      this.lines.push(piece);
      this.refs.push(ref);
    }
  }

  get lineCount(): number {
    return this.lines.length;
  }

  build(format: SourceFormat, encoding?: string): PlanSource {
    return { text: this.lines.join('\n'), format, lineRefs: this.refs, ...(encoding ? { encoding } : {}) };
  }
}

/** "第 12 段" / "paragraph 12"; "第 3 页" / "page 3"; "表格 2 第 4 行" / "table 2, row 4". */
export function describeSourceRef(ref: SourceRef | null | undefined, locale: Locale): string {
  if (!ref) return '';
  if (ref.table !== undefined && ref.row !== undefined) {
    return localize(locale, 'table {0}, row {1}', ref.table, ref.row);
  }
  if (ref.page !== undefined) return localize(locale, 'page {0}', ref.page);
  if (ref.footnote !== undefined) return localize(locale, 'footnote {0}', ref.footnote);
  if (ref.endnote !== undefined) return localize(locale, 'endnote {0}', ref.endnote);
  if (ref.paragraph !== undefined) return localize(locale, 'paragraph {0}', ref.paragraph);
  return '';
}

/** The start of a line, for quoting: whitespace trimmed, at most `max` characters (code points). */
export function quoteStart(line: string | undefined, max = 16): string {
  const chars = Array.from((line ?? '').replace(/^[\s\u3000]+/, '').replace(/[\s\u3000]+$/, ''));
  return chars.length > max ? chars.slice(0, max).join('') + '…' : chars.join('');
}

/** "第 12 段「一、指导思想…」" (Word, HTML) or "第 3 页" (PDF): empty when the line has no source ref. */
export function sourcePosition(ref: SourceRef | null | undefined, line: string | undefined, locale: Locale): string {
  const where = describeSourceRef(ref, locale);
  if (!where) return '';
  if (ref?.page !== undefined) return where;
  const q = quoteStart(line);
  return q ? (locale === 'en' ? `${where} “${q}”` : `${where}「${q}」`) : where;
}
