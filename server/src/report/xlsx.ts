// `planlint report --format xlsx`: the 对照表 a reviewer keeps working in. Sheets: the summary matrix (one
// row per draft: domains, findings by rule, each upstream indicator's draft figure coloured by verdict), one
// sheet per draft (every target beside its upstream figures, source, confidence, verdict and line; then the
// upstream main targets it lacks), all findings, and the upstream figures with their sources. Frozen headers,
// filters, widths fitted to Chinese text, numbers stored as numbers (units in the number format).
import ExcelJS from 'exceljs';
import type { Locale } from '../core/types';
import { localize } from '../core/i18n';
import { visualWidth } from '../core/text';
import { columnKey, figureText, ruleShort, stateLabels, verdictTexts, type CellState, type ReportModel } from './model';
import { provenance } from './provenance';

const FILL: Record<CellState | 'unmatched' | 'head' | 'dom-no', string> = {
  ok: 'FFE3F3E6',
  weaker: 'FFFBD9D5',
  horizon: 'FFFFF0C8',
  missing: 'FFECECEC',
  none: '',
  unmatched: '',
  head: 'FFF2F2F2',
  'dom-no': 'FFFBD9D5',
};

function fill(cell: ExcelJS.Cell, argb: string): void {
  if (argb) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/** Number format that shows the unit (and ≤/≥) but keeps the value a number. */
function numFmt(unit: string, kind?: string): string {
  const q = (s: string) => (s ? `"${s.replace(/"/g, '')}"` : '');
  return `${kind ? q(kind === 'max' ? '≤' : '≥') : ''}General${q(unit)}`;
}

/** Header row: bold, grey, wrapped; frozen; filter over the table; widths from the content. */
function finish(
  ws: ExcelJS.Worksheet,
  headerRows: number,
  cols: number,
  opts: { freezeCols?: number; maxWidth?: number; wrapHeader?: boolean } = {},
): void {
  for (let r = 1; r <= headerRows; r++) {
    const row = ws.getRow(r);
    row.font = { bold: true };
    row.alignment = { vertical: 'middle', wrapText: opts.wrapHeader ?? true };
    for (let c = 1; c <= cols; c++) fill(row.getCell(c), FILL.head);
  }
  ws.views = [{ state: 'frozen', xSplit: opts.freezeCols ?? 0, ySplit: headerRows }];
  if (ws.rowCount > headerRows || headerRows === 1)
    ws.autoFilter = { from: { row: headerRows, column: 1 }, to: { row: Math.max(ws.rowCount, headerRows), column: cols } };
  const max = opts.maxWidth ?? 60;
  for (let c = 1; c <= cols; c++) {
    let w = 4;
    ws.getColumn(c).eachCell({ includeEmpty: false }, (cell, rowNumber) => {
      if (rowNumber <= headerRows && opts.wrapHeader !== false) return;
      const v = cell.value;
      const s = v == null ? '' : typeof v === 'object' && 'richText' in v ? v.richText.map((x) => x.text).join('') : String(v);
      w = Math.max(w, ...s.split('\n').map(visualWidth));
    });
    if (opts.wrapHeader !== false) {
      const h = ws.getRow(headerRows).getCell(c).value;
      w = Math.max(w, Math.min(12, visualWidth(String(h ?? ''))));
    }
    ws.getColumn(c).width = Math.min(max, w + 2);
  }
}

function sheetName(name: string, used: Set<string>): string {
  const base = (name.replace(/[\\/?*[\]:]/g, '').trim() || 'Sheet').slice(0, 28);
  let n = base;
  for (let i = 2; used.has(n.toLowerCase()); i++) n = `${base.slice(0, 28 - String(i).length - 1)}~${i}`;
  used.add(n.toLowerCase());
  return n;
}

export async function reportXlsx(model: ReportModel, locale: Locale): Promise<Buffer> {
  const t = (k: string, ...a: Array<string | number>) => localize(locale, k, ...a);
  /** The direction column: 下降 / 年均下降 for reductions, else ≤ or ≥. */
  const dir = (kind: string, measure?: string) =>
    measure === 'relative_reduction'
      ? t('reduction')
      : measure === 'annual_reduction'
        ? t('annual reduction')
        : kind === 'max'
          ? '≤'
          : '≥';
  /** An upstream figure's cells: value, unit, year, then where it comes from (document, place, confidence). */
  const figureCells = (
    u: { value: number; unit: string; year: number | null },
    p: { document: string; where: string; confidence: string },
  ) => [u.value, u.unit, u.year, p.document, p.where, p.confidence];
  const labels = stateLabels(locale);
  const verdicts = verdictTexts(locale);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PlanLint';
  wb.created = new Date(0);
  const used = new Set<string>();
  const baselineOf = (id: string) => model.baselines.find((b) => b.id === id);

  // 1. summary matrix
  const sum = wb.addWorksheet(sheetName(t('Summary'), used));
  const domainLabels = model.drafts[0]?.domains.map((d) => d.label) ?? [];
  const head = [
    t('No.'),
    t('Region'),
    t('Title'),
    t('Period'),
    ...domainLabels,
    ...model.rules.map((r) => ruleShort(r, locale)),
    t('Findings'),
    ...model.columns.map((c) => `${c.indicator}\n${figureText(c.figure, locale)}`),
    t('Sheet'),
  ];
  sum.addRow(head);
  const firstCol = 5 + domainLabels.length + model.rules.length + 1;
  const sheetNames: string[] = [];
  for (const d of model.drafts) sheetNames.push(sheetName(d.region, used));
  model.drafts.forEach((d, i) => {
    const row = sum.addRow([
      i + 1,
      d.region,
      d.title,
      d.period,
      ...d.domains.map((x) => (x.line === null ? '✘' : '✔')),
      ...model.rules.map((r) => d.byRule[r] ?? 0),
      d.findings.length,
      ...model.columns.map((c) => {
        const cell = d.cells.get(c.key);
        return cell?.draft
          ? cell.draft.value
          : cell?.noDomain
            ? t('no domain')
            : cell?.state === 'missing'
              ? labels.missing
              : null;
      }),
      sheetNames[i],
    ]);
    d.domains.forEach((x, k) => {
      if (x.line === null) fill(row.getCell(5 + k), FILL['dom-no']);
    });
    model.columns.forEach((c, k) => {
      const cell = d.cells.get(c.key);
      const xc = row.getCell(firstCol + k);
      if (!cell) return;
      fill(xc, FILL[cell.state]);
      if (cell.draft) xc.numFmt = numFmt(cell.draft.unit);
    });
    const link = row.getCell(head.length);
    link.value = { text: sheetNames[i], hyperlink: `#'${sheetNames[i]}'!A1` };
  });
  finish(sum, 1, head.length, { freezeCols: 2, maxWidth: 40 });
  for (let k = 0; k < model.columns.length; k++) sum.getColumn(firstCol + k).width = 12;
  sum.getRow(1).height = 75;

  // 2. one sheet per draft
  const dHead = [
    t('Domain'),
    t('Indicator'),
    t('Draft text'),
    t('Draft value'),
    t('Unit'),
    t('Direction'),
    t('Year'),
    t('Upstream indicator'),
    t('Upstream value'),
    t('Upstream unit'),
    t('Upstream year'),
    t('Upstream document'),
    t('Source'),
    t('Confidence'),
    t('Verdict'),
    t('Line'),
  ];
  model.drafts.forEach((d, i) => {
    const ws = wb.addWorksheet(sheetNames[i]);
    ws.addRow(dHead);
    const add = (values: unknown[], state: CellState | 'unmatched', unit?: string, upUnit?: string) => {
      const row = ws.addRow(values);
      fill(row.getCell(15), FILL[state]);
      if (unit !== undefined) row.getCell(4).numFmt = numFmt(unit);
      if (upUnit !== undefined) row.getCell(9).numFmt = numFmt(upUnit);
    };
    for (const r of d.comparison.rows) {
      const draft = [
        r.domain ?? '',
        r.indicator,
        r.draft.text,
        r.draft.value,
        r.draft.unit,
        dir(r.draft.kind, r.draft.measure),
        r.draft.year,
      ];
      if (!r.upstream.length)
        add([...draft, '', null, '', null, '', '', '', verdicts.unmatched, r.line + 1], 'unmatched', r.draft.unit);
      for (const u of r.upstream) {
        const p = provenance(u, locale, baselineOf(u.baselineId));
        add(
          [...draft, u.indicator, ...figureCells(u, p), verdicts[r.verdict], r.line + 1],
          r.verdict === 'unmatched' ? 'unmatched' : r.verdict,
          r.draft.unit,
          u.unit,
        );
      }
    }
    for (const m of d.comparison.missing) {
      const u = m.upstream;
      const p = provenance(u, locale, baselineOf(u.baselineId));
      const line = d.cells.get(columnKey(u.baselineId, u.indicator || m.indicator, u.measure))?.line ?? null;
      add(
        [m.domain ?? '', '', '', null, '', '', null, u.indicator || m.indicator, ...figureCells(u, p), verdicts.missing, line],
        'missing',
        undefined,
        u.unit,
      );
    }
    finish(ws, 1, dHead.length, { freezeCols: 2, maxWidth: 50 });
    ws.getColumn(3).width = 50;
    ws.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  });

  // 3. findings
  const fHead = [
    t('Region'),
    t('File'),
    t('Line'),
    t('Column'),
    t('Severity'),
    t('Rule'),
    t('Domain'),
    t('Indicator'),
    t('Message'),
    t('Draft value'),
    t('Upstream value'),
    t('Unit'),
    t('Upstream document'),
    t('Source'),
    t('Confidence'),
    t('Suggested change'),
  ];
  const fs = wb.addWorksheet(sheetName(t('Findings'), used));
  fs.addRow(fHead);
  for (const d of model.drafts) {
    for (const f of d.findings) {
      const x = f.finding;
      const u = x.upstream;
      const p = u ? provenance({ ...u, indicator: x.indicator ?? '' }, locale, baselineOf(u.baselineId)) : null;
      const row = fs.addRow([
        d.region,
        d.file,
        x.line,
        f.column,
        t(x.severity),
        x.rule,
        f.domain ?? '',
        x.indicator ?? '',
        x.message,
        x.draft?.value ?? null,
        u?.value ?? null,
        u?.unit ?? x.draft?.unit ?? '',
        p?.document ?? '',
        p?.where ?? '',
        p?.confidence ?? '',
        x.fix?.title ?? (x.expected ? t('Change to “{0}”', x.expected) : ''),
      ]);
      fill(row.getCell(5), x.severity === 'error' ? FILL.weaker : x.severity === 'warning' ? FILL.horizon : '');
    }
  }
  finish(fs, 1, fHead.length, { freezeCols: 1, maxWidth: 60 });
  fs.getColumn(9).width = 60;
  fs.getColumn(9).alignment = { wrapText: true, vertical: 'top' };

  // 4. upstream figures and their sources
  const uHead = [
    t('Domain'),
    t('Indicator'),
    t('Direction'),
    t('Upstream value'),
    t('Unit'),
    t('Year'),
    t('Upstream document'),
    t('Source'),
    t('Confidence'),
  ];
  const us = wb.addWorksheet(sheetName(t('Upstream sources'), used));
  us.addRow(uHead);
  for (const c of model.columns) {
    const u = c.figure;
    const p = provenance(u, locale, baselineOf(u.baselineId));
    const row = us.addRow([c.domain ?? '', c.indicator, dir(u.kind, u.measure), ...figureCells(u, p)]);
    row.getCell(4).numFmt = numFmt(u.unit);
  }
  finish(us, 1, uHead.length, { maxWidth: 80 });

  // fast deflate: the workbook is written once and read by people; level 1 halves the time for ~10 % more bytes
  return Buffer.from(
    await wb.xlsx.writeBuffer({ zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } } as ExcelJS.XlsxWriteOptions),
  );
}
