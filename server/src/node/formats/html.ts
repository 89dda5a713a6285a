// .html / .htm (a plan saved from a government website): the article body only — no navigation,
// breadcrumbs, 发布时间/来源 lines, share bars, related links or footers — with the declared
// charset honoured as browsers do (gb2312 and gbk are read as GB18030, their superset).
//
// htmlparser2: a tolerant, fast, dependency-light parser that builds a DOM from broken markup; we
// pick the article with a Readability-style score (text in paragraphs, credited to the parent and
// half to the grandparent, link text not counted). Nothing the page links to is ever fetched.
import { parseDocument } from 'htmlparser2';
import * as iconv from 'iconv-lite';
import { decodePlanBytes, PlanReadError } from '../read';
import { message } from '../message';
import { SourceBuilder, type PlanSource } from './source';

// domhandler node shapes (kept structural: no import of domhandler's types)
interface Node {
  type: string;
  parent: Element | null;
}
interface Element extends Node {
  name: string;
  attribs: Record<string, string>;
  children: Node[];
}
interface TextNode extends Node {
  data: string;
}

const isElement = (n: Node): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style' || n.type === 'root';
const isText = (n: Node): n is TextNode => n.type === 'text';

/** The charset a page declares (BOM, <meta charset>, <meta http-equiv content="…charset=…">), normalised. */
export function declaredCharset(buf: Uint8Array): string | null {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 'utf-8';
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)))
    return buf[0] === 0xff ? 'utf-16le' : 'utf-16be';
  const head = Buffer.from(buf.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  if (!m) return null;
  return normalizeCharset(m[1]);
}

/** WHATWG label → what we decode with: every GB label is GB18030 (as browsers do), Big5 as Big5. */
export function normalizeCharset(label: string): string | null {
  const l = label.trim().toLowerCase();
  if (/^(utf-?8|unicode-1-1-utf-8)$/.test(l)) return 'utf-8';
  if (/^(gb2312|gbk|gb18030|x-gbk|gb_2312-80|csgb2312|chinese|iso-ir-58|euc-cn|cp936|windows-936|ms936)$/.test(l))
    return 'gb18030';
  if (/^(big5|big5-hkscs|cn-big5|csbig5|x-x-big5)$/.test(l)) return 'big5';
  if (/^utf-16(le)?$/.test(l)) return 'utf-16le';
  if (l === 'utf-16be') return 'utf-16be';
  if (iconv.encodingExists(l)) return l;
  return null;
}

export function decodeHtml(buf: Buffer, file: string): { html: string; encoding: string } {
  const cs = declaredCharset(buf);
  if (cs) {
    let body = buf;
    if (cs === 'utf-8' && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) body = buf.subarray(3);
    else if (cs.startsWith('utf-16') && (buf[0] === 0xff || buf[0] === 0xfe)) body = buf.subarray(2);
    return { html: iconv.decode(body, cs), encoding: cs === 'gb18030' ? 'GB18030' : cs.toUpperCase() };
  }
  const { text, encoding } = decodePlanBytes(buf, file);
  return { html: text, encoding };
}

const DROP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'select',
  'button',
  'input',
  'textarea',
  'svg',
  'canvas',
  'head',
  'title',
  'object',
  'embed',
  'video',
  'audio',
  'img',
  'map',
  'menu',
]);
const BLOCK = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'section',
  'article',
  'main',
  'blockquote',
  'pre',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'center',
  'address',
  'figure',
  'figcaption',
  'hr',
  'body',
  'html',
]);
/** Class / id words of page furniture, not the article. */
const FURNITURE =
  /(^|[\s_-])(nav|navbar|menu|breadcrumbs?|crumbs?|position|location|dqwz|footer|foot|header|top|topbar|sidebar|side|share|bdshare|copyright|banner|toolbar|related|xgwj|xglj|links?|comments?|print|close|search|login|ewm|qrcode|pager?|pagination|fontsize|zoomtool)([\s_-]|\d|$)/i;
/** Short lines that are article metadata or page chrome, not plan text. */
const META_LINE =
  /^[\s\u3000【[]*(发布时间|发布日期|发文日期|成文日期|更新时间|时间|日期|来源|信息来源|作者|撰稿|编辑|责任编辑|审核|浏览次数|阅读次数|点击数|访问量|字体|字号|打印本页|打印|关闭窗口|关闭|分享到|扫一扫|当前位置|您现在的位置|索\s*引\s*号|主题分类|发布机构)[\s\u3000]*([:：】\]]|$)/;

function textOf(n: Node, links = true): string {
  if (isText(n)) return n.data;
  if (!isElement(n) || (n.name && DROP.has(n.name))) return '';
  if (!links && n.name === 'a') return '';
  let s = '';
  for (const c of n.children) s += textOf(c, links);
  return s;
}

function cjkLength(s: string): number {
  return s.replace(/[\s\u00a0\u3000]+/g, '').length;
}

function isFurniture(e: Element): boolean {
  if (DROP.has(e.name)) return true;
  const a = e.attribs ?? {};
  const cls = `${a.class ?? ''} ${a.id ?? ''} ${a.role ?? ''}`;
  return cls.trim() !== '' && FURNITURE.test(cls) && !/content|article|zoom|main|text|body|detail/i.test(cls);
}

/** The element holding the article: Readability-style scoring of paragraph text. */
function pickArticle(root: Element): Element {
  const scores = new Map<Element, number>();
  const visit = (e: Element) => {
    if (isFurniture(e)) return;
    let own = 0;
    for (const c of e.children) {
      if (isText(c)) own += cjkLength(c.data);
      else if (isElement(c)) {
        if (c.name === 'a' || c.name === 'span' || c.name === 'strong' || c.name === 'b' || c.name === 'em' || c.name === 'font')
          own += cjkLength(textOf(c, false));
        visit(c);
      }
    }
    if (
      own >= 10 &&
      (e.name === 'p' ||
        e.name === 'div' ||
        e.name === 'td' ||
        e.name === 'li' ||
        e.name === 'pre' ||
        e.name === 'section' ||
        e.name === 'article' ||
        /^h\d$/.test(e.name))
    ) {
      // a paragraph credits its container (and half its grandparent); commas mean prose
      const commas = (textOf(e, false).match(/[，。；、,]/g) ?? []).length;
      const score = 1 + commas + Math.min(own / 100, 3);
      const parent = e.parent && isElement(e.parent) ? e.parent : null;
      const target = e.name === 'p' || /^h\d$/.test(e.name) || !parent ? (parent ?? e) : parent;
      scores.set(target, (scores.get(target) ?? 0) + score);
      const gp = target.parent && isElement(target.parent) ? target.parent : null;
      if (gp) scores.set(gp, (scores.get(gp) ?? 0) + score / 2);
    }
  };
  visit(root);
  let best: Element = root;
  let bestScore = 0;
  for (const [e, s] of scores) {
    // link-heavy containers are lists of links, not articles
    const all = cjkLength(textOf(e));
    const nonLink = cjkLength(textOf(e, false));
    const adjusted = all > 0 ? s * (nonLink / all) : 0;
    if (adjusted > bestScore) {
      best = e;
      bestScore = adjusted;
    }
  }
  return best;
}

/** Block lines of an element: paragraphs, headings, list items, table rows as `| a | b |`. */
function blockLines(root: Element): Array<{ text: string; table?: number; row?: number }> {
  const lines: Array<{ text: string; table?: number; row?: number }> = [];
  let cur = '';
  let tableNo = 0;
  const flush = () => {
    const t = cur.replace(/[\u00a0\s]+$/g, '').replace(/^[\u00a0\s\u3000]+/, '');
    if (t) lines.push({ text: t.replace(/\u00a0/g, ' ') });
    cur = '';
  };
  const cellText = (e: Element): string => {
    const parts: string[] = [];
    let piece = '';
    const walk = (n: Node) => {
      if (isText(n)) piece += n.data;
      else if (isElement(n) && !DROP.has(n.name)) {
        if (n.name === 'br' || BLOCK.has(n.name)) {
          parts.push(piece);
          piece = '';
        }
        for (const c of n.children) walk(c);
        if (BLOCK.has(n.name)) {
          parts.push(piece);
          piece = '';
        }
      }
    };
    walk(e);
    parts.push(piece);
    return parts
      .map((p) => p.replace(/[\s\u00a0\u3000]+/g, ' ').trim())
      .filter(Boolean)
      .join(' ')
      .replace(/\|/g, '｜');
  };
  let pre = 0; // inside <pre>/<textarea>: line breaks in the text are lines
  const walk = (n: Node) => {
    if (isText(n)) {
      if (pre) {
        const parts = n.data.split(/\r\n|\r|\n/);
        parts.forEach((part, i) => {
          if (i > 0) flush();
          cur += part.replace(/\t/g, ' ');
        });
      } else cur += n.data.replace(/[\r\n\t]+/g, ' ');
      return;
    }
    if (!isElement(n) || isFurniture(n)) return;
    if (n.name === 'br') {
      flush();
      return;
    }
    if (n.name === 'table') {
      flush();
      const no = ++tableNo;
      let row = 0;
      const rows: Element[] = [];
      const findRows = (x: Node) => {
        if (!isElement(x)) return;
        if (x.name === 'tr') rows.push(x);
        else if (x.name !== 'table') for (const c of x.children) findRows(c);
      };
      for (const c of n.children) findRows(c);
      for (const r of rows) {
        const cells = r.children.filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th')).map(cellText);
        if (!cells.some(Boolean)) continue;
        row++;
        lines.push({ text: `| ${cells.join(' | ')} |`, table: no, row });
      }
      return;
    }
    const block = BLOCK.has(n.name);
    if (block) flush();
    if (n.name === 'pre') pre++;
    for (const c of n.children) walk(c);
    if (n.name === 'pre') pre--;
    if (block) flush();
  };
  walk(root);
  flush();
  return lines;
}

function decodeEntitiesText(s: string): string {
  return s.replace(/[\s\u00a0\u3000]+/g, '');
}

/**
 * The plan's title from the page's <title> when no h1/h2 stands above the article (sites laid out in
 * tables or divs show the title in a styled cell): the part before the site's name ("…规划（2021—2030年）_某区
 * 人民政府", "… - 某市政府网", "…｜…"), when it names a plan (规划/纲要) and is a title's length.
 */
function pageTitle(dom: Element): string {
  let found: Element | null = null;
  const find = (n: Node): void => {
    if (found) return;
    if (isElement(n)) {
      if (n.name === 'title') {
        found = n;
        return;
      }
      if (n.name === 'body') return;
    }
    for (const c of (n as { children?: Node[] }).children ?? []) find(c);
  };
  find(dom);
  if (!found) return '';
  // its text nodes (textOf leaves <title> out, as it does everything in <head>)
  const text = (found as Element).children
    .map((c) => (isText(c) ? c.data : ''))
    .join('')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
  const part = text.split(/\s*[_|｜]\s*|\s+[-–]\s+/).find((x) => /规划|纲要/.test(x)) ?? '';
  const n = cjkLength(part);
  return n >= 6 && n <= 60 ? part : '';
}

/** Reads a saved web page into the article's plan text. */
export function readHtml(buf: Buffer, file: string): PlanSource {
  const { html, encoding } = decodeHtml(buf, file);
  let dom: Element;
  try {
    dom = parseDocument(html, { decodeEntities: true }) as unknown as Element;
  } catch (e) {
    throw new PlanReadError(file, message('cannot parse the HTML ({0})', (e as Error).message), { kind: 'malformed' });
  }
  const article = pickArticle(dom);
  const lines = blockLines(article).filter((l) => l.table !== undefined || !(META_LINE.test(l.text) && cjkLength(l.text) <= 80));
  // the article's heading often sits just above the body: keep it when the body does not repeat it
  const headings: Element[] = [];
  const collect = (n: Node) => {
    if (n === article) return false;
    if (!isElement(n) || isFurniture(n)) return true;
    if (/^h[12]$/.test(n.name)) headings.push(n);
    for (const c of n.children) if (collect(c) === false) return false;
    return true;
  };
  collect(dom);
  const title = headings.length
    ? textOf(headings[headings.length - 1])
        .replace(/[\s\u00a0]+/g, ' ')
        .trim()
    : pageTitle(dom);
  const out = new SourceBuilder();
  let paragraph = 0;
  if (title && !lines.slice(0, 3).some((l) => decodeEntitiesText(l.text).includes(decodeEntitiesText(title)))) {
    out.push(title, { paragraph: ++paragraph });
  }
  for (const l of lines) {
    if (l.table !== undefined) out.push(l.text, { table: l.table, row: l.row });
    else out.push(l.text, { paragraph: ++paragraph });
  }
  return out.build('html', encoding);
}
