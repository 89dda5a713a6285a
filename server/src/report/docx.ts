// `planlint report --format docx`: a 审查意见 (review opinion) draft in the official style of such letters:
// the title in 方正小标宋 (Word and WPS fall back to 宋体 where it is not installed), a short overall
// judgement, then the findings grouped by domain and numbered 一、（一）1., each with the draft's text, the
// upstream figure with its source and confidence, and the suggested change. One chapter per draft. Editable:
// plain paragraphs and styles, no text boxes, no fields.
import {
  AlignmentType,
  BorderStyle,
  Document,
  LineRuleType,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { DomainId, Locale } from '../core/types';
import { DOMAIN_IDS } from '../core/types';
import { DOMAIN_DEFS } from '../core/domains';
import { localize, translator } from '../core/i18n';
import { figureText, verdictTexts, type DraftReport, type ReportFinding, type ReportModel } from './model';
import { provenance } from './provenance';

/** Fonts of GB/T 9704 style documents; Word/WPS substitute a 宋体/黑体 family where one is missing. */
const FONT = {
  title: '方正小标宋简体',
  h1: '黑体',
  h2: '楷体',
  body: '仿宋',
  latin: 'Times New Roman',
};
const SIZE = { title: 44, body: 32, small: 28, cell: 21 }; // half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt

const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export function cnNumber(n: number): string {
  if (n <= 10) return CN[n];
  if (n < 20) return `十${CN[n - 10]}`;
  if (n < 100) return `${CN[Math.floor(n / 10)]}十${CN[n % 10]}`;
  return String(n);
}

/** A run: the paragraph style gives font and size; only bold or a different size is set here. */
function run(text: string, opts: Partial<IRunOptions> = {}): TextRun {
  return new TextRun({ text, ...opts });
}

type Style = 'plTitle' | 'plH1' | 'plH2' | 'plBody' | 'plSmall';

function para(
  children: TextRun[],
  style: Style = 'plBody',
  opts: { pageBreakBefore?: boolean; keepNext?: boolean } = {},
): Paragraph {
  return new Paragraph({
    children,
    style,
    ...(opts.pageBreakBefore ? { pageBreakBefore: true } : {}),
    ...(opts.keepNext ? { keepNext: true } : {}),
  });
}

const fonts = (eastAsia: string) => ({ ascii: FONT.latin, hAnsi: FONT.latin, eastAsia });
// 28 pt fixed line spacing and a two-character first-line indent, as in official documents
const BODY_PARA = {
  spacing: { line: 560, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
  indent: { firstLine: 640 },
  alignment: AlignmentType.JUSTIFIED,
};
const STYLES = [
  {
    id: 'plBody',
    name: 'PlanLint Body',
    basedOn: 'Normal',
    quickFormat: true,
    run: { font: fonts(FONT.body), size: SIZE.body },
    paragraph: BODY_PARA,
  },
  {
    id: 'plTitle',
    name: 'PlanLint Title',
    basedOn: 'plBody',
    next: 'plBody',
    quickFormat: true,
    run: { font: fonts(FONT.title), size: SIZE.title },
    paragraph: {
      alignment: AlignmentType.CENTER,
      indent: { firstLine: 0 },
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 300 },
      outlineLevel: 0,
    },
  },
  {
    id: 'plH1',
    name: 'PlanLint Heading 1',
    basedOn: 'plBody',
    next: 'plBody',
    quickFormat: true,
    run: { font: fonts(FONT.h1) },
    paragraph: { keepNext: true, outlineLevel: 1 },
  },
  {
    id: 'plH2',
    name: 'PlanLint Heading 2',
    basedOn: 'plBody',
    next: 'plBody',
    quickFormat: true,
    run: { font: fonts(FONT.h2) },
    paragraph: { keepNext: true, outlineLevel: 2 },
  },
  { id: 'plSmall', name: 'PlanLint Note', basedOn: 'plBody', run: { size: SIZE.small } },
];

const body = (text: string, style: Style = 'plBody') => para([run(text)], style);

function overall(d: DraftReport, t: (k: string, ...a: Array<string | number>) => string): string[] {
  const present = d.domains.filter((x) => x.line !== null).length;
  const rows = d.comparison.rows;
  const ok = rows.filter((r) => r.verdict === 'ok').length;
  const weaker = rows.filter((r) => r.verdict === 'weaker' || r.verdict === 'horizon').length;
  const numbering = d.findings.filter((f) => f.finding.rule.startsWith('numbering-')).length;
  const out = [
    t(
      'The draft covers {0} of the 7 domains and sets {1} numeric targets; compared with the upstream plans, {2} are as ambitious or more, {3} are weaker, and {4} upstream main targets have no counterpart. {5} numbering or heading problems were found.',
      present,
      rows.length,
      ok,
      weaker,
      d.comparison.missing.length,
      numbering,
    ),
  ];
  const missingDomains = d.domains.filter((x) => x.line === null).map((x) => x.label);
  if (missingDomains.length) out.push(t('The draft lacks the domain(s) {0}.', missingDomains.join('、')));
  out.push(
    d.findings.length
      ? t('We suggest revising the draft as set out below and submitting it again.')
      : t('No problem was found against the upstream plans; the draft can proceed.'),
  );
  return out;
}

function findingParagraphs(
  n: number,
  f: ReportFinding,
  d: DraftReport,
  locale: Locale,
  t: (k: string, ...a: Array<string | number>) => string,
): Paragraph[] {
  const x = f.finding;
  const colon = locale === 'en' ? ': ' : '：';
  const out: Paragraph[] = [];
  out.push(para([run(`${n}.${locale === 'en' ? ' ' : ''}${x.message}`, { bold: true })], 'plBody', { keepNext: true }));
  out.push(
    body(`${t('Draft text ({0})', t('line {0}', x.line))}${colon}“${f.text.length > 160 ? f.text.slice(0, 160) + '…' : f.text}”`),
  );
  if (x.upstream) {
    const fig = { ...x.upstream, indicator: x.indicator ?? '', baselineLevel: undefined };
    const p = provenance(
      fig,
      locale,
      d.baselines.find((b) => b.id === x.upstream!.baselineId),
    );
    const open = locale === 'en' ? ' (' : '（';
    const close = locale === 'en' ? ')' : '）';
    out.push(
      body(
        `${t('Upstream figure')}${colon}${x.indicator ? `${x.indicator} ` : ''}${figureText(x.upstream, locale)}${open}${p.detail}${close}`,
      ),
    );
  }
  const suggestion = x.fix?.title ?? (x.expected ? t('Change to “{0}”', x.expected) : '');
  if (suggestion) out.push(body(`${t('Suggested change')}${colon}${suggestion}${locale === 'en' ? '.' : '。'}`));
  return out;
}

function chapter(d: DraftReport, index: number, model: ReportModel, locale: Locale): Paragraph[] {
  const t = translator(locale);
  const out: Paragraph[] = [];
  out.push(para([run(t('Review opinions on {0}', `《${d.title}》`))], 'plTitle', { pageBreakBefore: index > 0 }));
  const upstream = d.baselines.map((b) => `《${b.title}》${b.docNo ? `（${b.docNo}）` : ''}`).join('、');
  out.push(body(t('Checked by PlanLint against {0}. File: {1}.', upstream || '—', d.file.replace(/^.*[\\/]/, '')), 'plSmall'));
  out.push(para([run(`${cnNumber(1)}、${t('Overall judgement')}`)], 'plH1'));
  for (const s of overall(d, t)) out.push(body(s));
  if (d.findings.length) {
    out.push(para([run(`${cnNumber(2)}、${t('Opinions by domain')}`)], 'plH1'));
    const groups = new Map<DomainId | null, ReportFinding[]>();
    for (const id of [...DOMAIN_IDS, null]) groups.set(id, []);
    for (const f of d.findings) groups.get(f.domain)!.push(f);
    let h2 = 0;
    for (const [id, list] of groups) {
      if (!list.length) continue;
      list.sort((a, b) => a.finding.line - b.finding.line || a.finding.col - b.finding.col);
      const label = id
        ? (d.domains.find((x) => x.id === id)?.label ?? DOMAIN_DEFS[DOMAIN_IDS.indexOf(id)].label)
        : t('Structure and numbering');
      out.push(para([run(`（${cnNumber(++h2)}）${label}`)], 'plH2'));
      list.forEach((f, i) => out.push(...findingParagraphs(i + 1, f, d, locale, t)));
    }
  }
  void model;
  return out;
}

const FILLS: Record<string, string | undefined> = { ok: 'E3F3E6', weaker: 'FBD9D5', horizon: 'FFF0C8', missing: 'ECECEC' };

function cell(text: string, opts: { bold?: boolean; fill?: string } = {}): TableCell {
  return new TableCell({
    ...(opts.fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: opts.fill } } : {}),
    // no paragraph style: table text takes the document defaults (五号, single spacing, no indent)
    children: [new Paragraph({ children: [new TextRun(opts.bold ? { text, bold: true } : text)] })],
  });
}

/** 附表: every numeric target beside its upstream figures (the comparison rows), then the upstream targets it lacks. */
function appendix(d: DraftReport, locale: Locale): Array<Paragraph | Table> {
  const t = translator(locale);
  const verdicts = verdictTexts(locale);
  if (!d.comparison.rows.length && !d.comparison.missing.length) return [];
  const head = new TableRow({
    tableHeader: true,
    children: [t('Domain'), t('Indicator'), t('Draft'), t('Upstream'), t('Verdict'), t('Line')].map((x) =>
      cell(x, { bold: true, fill: 'F2F2F2' }),
    ),
  });
  const rows: TableRow[] = [];
  const sep = locale === 'en' ? '; ' : '；';
  for (const r of d.comparison.rows) {
    const up = r.upstream.map((u) => `${figureText(u, locale)} ${u.baselineTitle}`).join(sep) || '—';
    rows.push(
      new TableRow({
        children: [r.domain ?? '—', r.indicator, figureText(r.draft, locale), up, verdicts[r.verdict], String(r.line + 1)].map(
          (x, i) => cell(x, { fill: i === 4 ? FILLS[r.verdict] : undefined }),
        ),
      }),
    );
  }
  for (const m of d.comparison.missing) {
    rows.push(
      new TableRow({
        children: [
          m.domain ?? '—',
          m.indicator,
          '—',
          `${figureText(m.upstream, locale)} ${m.upstream.baselineTitle}`,
          verdicts.missing,
          '',
        ].map((x, i) => cell(x, { fill: i === 4 ? FILLS.missing : undefined })),
      }),
    );
  }
  const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
  return [
    para([run(t('Appendix: numeric targets beside the upstream figures'))], 'plH1'),
    // column widths in twips over the 15.6 cm text width (8844 twips): domain, indicator, draft, upstream, verdict, line
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: [700, 2000, 1800, 2500, 1300, 544],
      rows: [head, ...rows],
      borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    }),
  ];
}

export async function reportDocx(model: ReportModel, locale: Locale): Promise<Buffer> {
  const children = model.drafts.flatMap((d, i) => [...chapter(d, i, model, locale), ...appendix(d, locale)]);
  const doc = new Document({
    creator: 'PlanLint',
    title: localize(locale, 'Review opinions'),
    styles: {
      default: {
        document: {
          run: { font: fonts(FONT.body), size: SIZE.cell },
          paragraph: { spacing: { line: 276, lineRule: LineRuleType.AUTO } },
        },
      },
      paragraphStyles: STYLES,
    },
    sections: [
      {
        // A4, margins of GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm
        properties: {
          page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The drafts as one document each: [file name stem, bytes]. */
export async function reportDocxPerDraft(
  model: ReportModel,
  locale: Locale,
): Promise<Array<{ draft: DraftReport; bytes: Buffer }>> {
  const out: Array<{ draft: DraftReport; bytes: Buffer }> = [];
  for (const d of model.drafts) out.push({ draft: d, bytes: await reportDocx({ ...model, drafts: [d] }, locale) });
  return out;
}
