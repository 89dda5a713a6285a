// The reviewer deliverables (planlint report): HTML matrix, xlsx 对照表, docx 审查意见. Bundled apart from the
// CLI and the server (dist/report.js, loaded only when a report is written) so `planlint check` and the
// language server do not pay for exceljs and docx at start-up.
import type { Locale, Segmenter } from '../core/types';
import { buildReport, type Checked, type ReportModel } from './model';
import { reportHtml } from './html';
import { reportXlsx } from './xlsx';
import { reportDocx } from './docx';

export type ReportFormat = 'html' | 'xlsx' | 'docx';
export const REPORT_FORMATS: ReportFormat[] = ['html', 'xlsx', 'docx'];

export { buildReport, reportHtml, reportXlsx, reportDocx, type Checked, type ReportModel };
export { provenance } from './provenance';

/** The report's bytes for one model. */
export async function renderReport(model: ReportModel, format: ReportFormat, locale: Locale): Promise<Buffer> {
  if (format === 'html') return Buffer.from(reportHtml(model, locale), 'utf8');
  if (format === 'xlsx') return reportXlsx(model, locale);
  return reportDocx(model, locale);
}

export function writeReport(results: Checked[], format: ReportFormat, locale: Locale, segmenter?: Segmenter): Promise<Buffer> {
  return renderReport(buildReport(results, segmenter), format, locale);
}
