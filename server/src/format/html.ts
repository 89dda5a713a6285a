// `planlint check --format html`: a self-contained report for reviewers (妇儿工委 offices): per file,
// the 7 domains, every target beside its upstream figure with the verdict, the upstream targets the
// draft lacks, and every finding. No scripts, no remote content; prints well.
import type { Locale, Segmenter } from '../core/types';
import { compare, listedRows, type Comparison, type Verdict } from '../core/compare';
import { DOMAIN_IDS } from '../core/types';
import { DOMAIN_DEFS } from '../core/domains';
import { translator } from '../core/i18n';
import { countBySeverity, charColumn, findingPosition, declaredLines, summaryLine, type Checked } from './findings';
import {
  describeProvenance,
  provenanceOf,
  confidenceLabel,
  confidenceDefinition,
  describeBaselineKind,
  CONFIDENCE_DOC_PATH,
} from '../core/provenance';
import type { UpstreamFigure } from '../core/compare';

export const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function fig(kind: string, value: number, unit: string, year: number | null, locale: Locale): string {
  const dir = kind === 'max' ? '≤' : '≥';
  return `${dir}${value}${unit}${year ? ` <span class="muted">(${year}${locale === 'en' ? '' : '年'})</span>` : ''}`;
}

/** An upstream figure with its indicator, document, confidence (linked to the footnote that defines it)
 *  and where it comes from: official text (file, position, quote) or built-in reconstruction. */
function upstreamCell(u: UpstreamFigure, locale: Locale): string {
  const t = translator(locale);
  const kind = provenanceOf(u).kind;
  return (
    `${fig(u.kind, u.value, u.unit, u.year, locale)}${u.indicator ? ` <span class="ind">${esc(u.indicator)}</span>` : ''}` +
    `<br><span class="muted">${esc(u.baselineTitle)} · <a href="#confidence">${esc(t('confidence'))} ${esc(confidenceLabel(u.confidence, locale))}</a></span>` +
    `<br><span class="prov prov-${kind}">${esc(describeProvenance(u, locale, { maxSources: 4 }))}</span>`
  );
}

const VERDICT_CLASS: Record<Verdict, string> = { ok: 'ok', weaker: 'bad', horizon: 'warn', unmatched: 'muted' };

export const STYLE = `body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei",sans-serif;margin:2em;color:#222;line-height:1.5}
h1{font-size:1.5em}h2{font-size:1.25em;border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}h3{font-size:1.05em;margin-top:1.4em}
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{border:1px solid #ddd;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#f4f4f4}td.num{white-space:nowrap;font-variant-numeric:tabular-nums}
tr.bad td{background:#fdecea}tr.warn td{background:#fff6e0}.bad{color:#b3261e}.ok{color:#1e6b30}.muted{color:#777;font-size:.92em}
.ind{font-size:.92em}.prov{font-size:.88em;color:#555}.prov-reconstructed,.prov-unsourced{font-style:italic;color:#8a5a00}.declared{margin:.2em 0;color:#444}
hr{border:0;border-top:1px dotted #ccc;margin:.3em 0}footer{margin-top:2.5em;border-top:2px solid #ddd;font-size:.92em}
ul.domains{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4em 1.6em}code{font-size:.92em}
@media print{body{margin:0}tr{page-break-inside:avoid}}`;

/** The footnote the confidence links of upstreamCell() point to: the three definitions and where they are documented. */
export function confidenceFooter(locale: Locale): string {
  const t = translator(locale);
  return `<footer id="confidence"><h3>${esc(t('Confidence'))}</h3><ul>
${(['high', 'medium', 'low'] as const).map((c) => `<li>${esc(confidenceDefinition(c, locale))}</li>`).join('\n')}
</ul><p class="muted">${esc(t('Each upstream figure says where it comes from: the official text of a file you supplied (file, position, quoted sentence), or a built-in figure reconstructed from named sources and not yet checked against the official text.'))} ${esc(t('PlanLint documentation: {0}', CONFIDENCE_DOC_PATH))}</p></footer>`;
}

/** One draft's section: domains, targets beside upstream figures, upstream targets it lacks, findings. */
export function sectionHtml(r: Checked, cmp: Comparison, locale: Locale, id?: string): string {
  const t = translator(locale);
  const verdictText: Record<Verdict, string> = {
    ok: t('as ambitious as the upstream target, or more'),
    weaker: t('weaker than the upstream target'),
    horizon: t('weaker than an upstream target set for another year'),
    unmatched: t('no matching upstream target'),
  };
  const present = new Set(r.plan.domains.map((d) => d.domain));
  const domains = DOMAIN_IDS.map((id, i) => {
    const d = r.plan.domains.find((x) => x.domain === id);
    return `<li class="${present.has(id) ? 'ok' : 'bad'}">${present.has(id) ? '✔' : '✘'} ${esc(d?.label ?? DOMAIN_DEFS[i].label)}${d ? ` <span class="muted">L${d.line}</span>` : ` — ${esc(t('missing'))}`}</li>`;
  }).join('');
  const listed = listedRows(cmp.rows);
  const rows = listed.rows
    .map(
      (row) => `<tr class="${VERDICT_CLASS[row.verdict]}">
<td>${esc(row.domain ?? '—')}</td><td>${esc(row.indicator)}</td>
<td class="num">${fig(row.draft.kind, row.draft.value, row.draft.unit, row.draft.year, locale)}</td>
<td>${row.upstream.map((u) => upstreamCell(u, locale)).join('<hr>') || '—'}</td>
<td>${esc(verdictText[row.verdict])}</td><td class="num">L${row.line + 1}</td></tr>`,
    )
    .join('\n');
  const missing = cmp.missing
    .map(
      (m) =>
        `<tr class="warn"><td>${esc(m.domain ?? '—')}</td><td>${esc(m.indicator)}</td><td>${upstreamCell(m.upstream, locale)}</td></tr>`,
    )
    .join('\n');
  const findings = r.findings
    .map(
      (f) => `<tr class="${f.severity === 'error' ? 'bad' : f.severity === 'warning' ? 'warn' : 'muted'}">
<td class="num">${f.line}:${charColumn(r.plan.lines[f.line - 1], f.col)}</td><td>${esc(f.severity)}</td><td><code>${esc(f.rule)}</code></td><td>${((w) => (w ? `<span class="muted">${esc(w)}</span> ` : ''))(findingPosition(r, f.line, locale))}${esc(f.message)}</td></tr>`,
    )
    .join('\n');
  const c = countBySeverity(r.findings);
  return `<section${id ? ` id="${esc(id)}"` : ''}>
<h2>${esc(r.plan.title ?? r.file)}</h2>
<p class="muted">${esc(r.file)} · ${esc(t('Upstream'))}: ${r.baselines.map((b) => esc(describeBaselineKind(b, locale))).join(' + ')} · ${esc(t('{0} error(s), {1} warning(s), {2} info', c.error, c.warning, c.info))}</p>
${declaredLines(r, locale)
  .map((l) => `<p class="declared">${esc(l)}</p>`)
  .join('\n')}
${r.plan.isPlan ? '' : `<p class="bad">${esc(t('not a plan (no plan title and no domain heading): nothing to check'))}</p>`}
<h3>${esc(t('Domains'))}</h3><ul class="domains">${domains}</ul>
<h3>${esc(t('Targets compared with upstream'))} (${cmp.rows.length})</h3>
<table><thead><tr><th>${esc(t('Domain'))}</th><th>${esc(t('Indicator'))}</th><th>${esc(t('Draft'))}</th><th>${esc(t('Upstream'))}</th><th>${esc(t('Verdict'))}</th><th>${esc(t('Line'))}</th></tr></thead>
<tbody>${rows || `<tr><td colspan="6" class="muted">—</td></tr>`}</tbody></table>
${listed.omitted ? `<p class="muted">${esc(t('Showing {0} of {1} targets: the weaker ones first, then the others in document order. `planlint report --format xlsx` lists every one.', listed.rows.length, cmp.rows.length))}</p>` : ''}
${missing ? `<h3>${esc(t('Upstream targets the draft lacks'))} (${cmp.missing.length})</h3><table><thead><tr><th>${esc(t('Domain'))}</th><th>${esc(t('Indicator'))}</th><th>${esc(t('Upstream'))}</th></tr></thead><tbody>${missing}</tbody></table>` : ''}
<h3>${esc(t('Findings'))} (${r.findings.length})</h3>
<table><thead><tr><th>${esc(t('Line'))}</th><th>${esc(t('Severity'))}</th><th>${esc(t('Rule'))}</th><th>${esc(t('Message'))}</th></tr></thead>
<tbody>${findings || `<tr><td colspan="4" class="muted">—</td></tr>`}</tbody></table>
</section>`;
}

export function toHtml(results: Checked[], locale: Locale, segmenter?: Segmenter): string {
  const t = translator(locale);
  const total = results.reduce(
    (c, r) => {
      const x = countBySeverity(r.findings);
      return { error: c.error + x.error, warning: c.warning + x.warning, info: c.info + x.info };
    },
    { error: 0, warning: 0, info: 0 },
  );
  const sections = results.map((r) => sectionHtml(r, compare(r.plan, r.baselines, r.findings, r.segmenter ?? segmenter), locale));
  return `<!DOCTYPE html>
<html lang="${locale === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>PlanLint — ${esc(t('report'))}</title>
<style>
${STYLE}
</style></head><body>
<h1>PlanLint ${esc(t('report'))}</h1>
<p>${esc(summaryLine(results, total, locale))}</p>
${sections.join('\n')}
${confidenceFooter(locale)}
</body></html>
`;
}
