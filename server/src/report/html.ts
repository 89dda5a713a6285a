// `planlint report --format html`: for reviewers of many drafts. First the cross-draft matrix — one row
// per draft (region, title, period), the 7 domains present / missing, findings by rule, and for each upstream
// indicator the draft's figure coloured by verdict — then each draft's own section (as `check --format html`).
// Self-contained (no remote content); readable without script, in the static order of the files; a tiny inline
// script only adds click-to-sort on the matrix headers. Prints on A4 landscape.
import type { Locale } from '../core/types';
import { translator } from '../core/i18n';
import { confidenceFooter, esc, sectionHtml, STYLE } from '../format/html';
import { figureText, ruleShort, stateLabels, type ReportModel } from './model';
import { provenance } from './provenance';

const SORT_SCRIPT = `document.querySelectorAll('table.sortable').forEach(function(tb){tb.querySelectorAll('thead th').forEach(function(th,i){th.classList.add('sorter');th.title=th.title||'';th.addEventListener('click',function(){var body=tb.tBodies[0],rows=[].slice.call(body.rows),dir=th.dataset.dir==='asc'?'desc':'asc';tb.querySelectorAll('thead th').forEach(function(x){delete x.dataset.dir});th.dataset.dir=dir;var key=function(r){var c=r.cells[i];var v=c?(c.dataset.sort!==undefined?c.dataset.sort:c.textContent):'';var n=parseFloat(v);return isNaN(n)||/[^\\d.\\-]/.test(v.trim())?v:n};rows.sort(function(a,b){var x=key(a),y=key(b);var r=typeof x==='number'&&typeof y==='number'?x-y:String(x).localeCompare(String(y),'zh-CN');return dir==='asc'?r:-r});rows.forEach(function(r){body.appendChild(r)})})})});`;

const MATRIX_STYLE = `@page{size:A4 landscape;margin:10mm}
table.matrix{font-size:.82em;width:auto;min-width:60%}
table.matrix th,table.matrix td{padding:.2em .35em;text-align:center;vertical-align:middle}
table.matrix td.l,table.matrix th.l{text-align:left}
#indicators td.l{white-space:nowrap}
table.matrix th.v{vertical-align:bottom;padding:.3em .1em}
table.matrix th.v>div{writing-mode:vertical-rl;max-height:11em;margin:0 auto;line-height:1.25;font-weight:600}
table.matrix th.w{min-width:3.6em;max-width:5.2em;font-size:.92em;line-height:1.25;vertical-align:bottom}
table.matrix th.w span{font-weight:400;color:#555;white-space:nowrap}
.s-ok{background:#e3f3e6;color:#1e6b30}.s-weaker{background:#fbd9d5;color:#8c1d18;font-weight:600}
.s-horizon{background:#fff0c8;color:#7a5200}.s-missing{background:#ececec;color:#8c1d18}.s-none{color:#999}
td.dom-no{background:#fbd9d5;color:#8c1d18;font-weight:600}td.dom-yes{color:#1e6b30}td.zero{color:#bbb}
th.sorter{cursor:pointer}th[data-dir=asc]::after{content:" ▲"}th[data-dir=desc]::after{content:" ▼"}
.legend span{display:inline-block;padding:0 .5em;margin-right:.4em;border:1px solid #ddd}
.matrixwrap{overflow-x:auto}
@media print{.noprint{display:none}.matrixwrap{overflow:visible}h2{page-break-before:always}table.matrix{page-break-inside:auto}thead{display:table-header-group}}`;

export function reportHtml(model: ReportModel, locale: Locale): string {
  const t = translator(locale);
  const labels = stateLabels(locale);
  const total = model.drafts.reduce(
    (c, d) => ({ error: c.error + d.severity.error, warning: c.warning + d.severity.warning, info: c.info + d.severity.info }),
    { error: 0, warning: 0, info: 0 },
  );
  const baselineText = model.baselines.map((b) => `${b.title}${b.docNo ? `（${b.docNo}）` : ''}`).join(' + ') || '—';
  const id = (i: number) => `d${i + 1}`;
  const domainHead = model.drafts[0]?.domains.map((d) => `<th title="${esc(d.label)}">${esc(d.id)}</th>`).join('') ?? '';
  const ruleHead = model.rules
    .map((r) => `<th class="v" title="${esc(r)}"><div>${esc(ruleShort(r, locale))}</div></th>`)
    .join('');
  const overview = model.drafts
    .map((d, i) => {
      const missingDomains = d.domains.filter((x) => x.line === null).length;
      const n = d.findings.length;
      return (
        `<tr><td class="num" data-sort="${i + 1}">${i + 1}</td><td class="l" data-sort="${esc(d.region)}"><a href="#${id(i)}">${esc(d.region)}</a></td><td class="l">${esc(d.title)}<br><span class="muted">${esc(d.file.replace(/^.*[\\/]/, ''))}</span></td><td class="num">${esc(d.period || '—')}</td>` +
        d.domains
          .map((x) =>
            x.line === null
              ? `<td class="dom-no" data-sort="0" title="${esc(x.label)}">✘</td>`
              : `<td class="dom-yes" data-sort="1" title="${esc(x.label)} L${x.line}">✔</td>`,
          )
          .join('') +
        model.rules.map((r) => `<td class="num${d.byRule[r] ? '' : ' zero'}">${d.byRule[r] ?? 0}</td>`).join('') +
        `<td class="num" data-sort="${n}"><b>${n}</b></td><td class="num" data-sort="${missingDomains}">${missingDomains}</td></tr>`
      );
    })
    .join('\n');
  const colHead = model.columns
    .map(
      (c) =>
        `<th class="w" title="${esc(
          provenance(
            c.figure,
            locale,
            model.baselines.find((b) => b.id === c.baselineId),
          ).text,
        )}">${esc(c.indicator)}<br><span>${esc(figureText(c.figure, locale, false))}</span></th>`,
    )
    .join('');
  const matrix = model.drafts
    .map((d, i) => {
      let weak = 0;
      const cells = model.columns
        .map((c) => {
          const cell = d.cells.get(c.key) ?? { state: 'none' as const };
          if (cell.state === 'weaker' || cell.state === 'horizon') weak++;
          const text = cell.draft
            ? figureText(cell.draft, locale, false)
            : cell.noDomain
              ? t('no domain')
              : cell.state === 'missing'
                ? labels.missing
                : '—';
          const tip = cell.noDomain
            ? t('the draft lacks this domain')
            : `${labels[cell.state]}${cell.line ? ` · ${t('line {0}', cell.line)}` : ''}`;
          return `<td class="s-${cell.state}" data-sort="${cell.draft ? cell.draft.value : cell.state === 'missing' ? -1 : -2}" title="${esc(tip)}">${esc(text)}</td>`;
        })
        .join('');
      return `<tr><td class="l" data-sort="${esc(d.region)}" title="${esc(`${d.title} · ${d.file.replace(/^.*[\\/]/, '')}`)}"><a href="#${id(i)}">${esc(d.region)}</a></td>${cells}<td class="num">${weak}</td><td class="num">${d.unmatched}</td></tr>`;
    })
    .join('\n');
  const sources = model.columns
    .map(
      (c) =>
        `<tr><td>${esc(c.domain ?? '—')}</td><td>${esc(c.indicator)}</td><td class="num">${esc(figureText(c.figure, locale))}</td><td>${esc(
          provenance(
            c.figure,
            locale,
            model.baselines.find((b) => b.id === c.baselineId),
          ).text,
        )}</td></tr>`,
    )
    .join('\n');
  const ranked = model.drafts.map((d, i) => ({ d, i })).sort((a, b) => b.d.findings.length - a.d.findings.length || a.i - b.i);
  const sections = model.drafts.map((d, i) =>
    sectionHtml(
      { file: d.file, plan: d.plan, baselines: d.baselines, findings: d.findings.map((f) => f.finding) },
      d.comparison,
      locale,
      id(i),
    ),
  );
  const legend = (['ok', 'weaker', 'horizon', 'missing', 'none'] as const)
    .map((s) => `<span class="s-${s}">${esc(labels[s])}</span>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="${locale === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PlanLint — ${esc(t('Review matrix of {0} drafts', model.drafts.length))}</title>
<style>
${STYLE}
${MATRIX_STYLE}
</style></head><body>
<h1>${esc(t('Review matrix of {0} drafts', model.drafts.length))}</h1>
<p>${esc(t('{0} file(s) checked against {1}: {2} error(s), {3} warning(s), {4} info.', model.drafts.length, baselineText, total.error, total.warning, total.info))}</p>
<p class="noprint muted">${esc(t('Click a column heading to sort (the static order is the order of the files).'))}</p>
<h3>${esc(t('Domains and findings by rule'))}</h3>
<div class="matrixwrap"><table class="matrix sortable" id="overview"><thead><tr><th>#</th><th class="l">${esc(t('Region'))}</th><th class="l">${esc(t('Title'))}</th><th>${esc(t('Period'))}</th>${domainHead}${ruleHead}<th>${esc(t('Findings'))}</th><th class="v"><div>${esc(t('missing domains'))}</div></th></tr></thead>
<tbody>
${overview}
</tbody></table></div>
<details class="noprint"><summary>${esc(t('Drafts by number of findings'))}</summary><ol>${ranked.map(({ d, i }) => `<li><a href="#${id(i)}">${esc(d.region)}</a> — ${d.findings.length}</li>`).join('')}</ol></details>
<h3>${esc(t('Targets beside the upstream figures'))}</h3>
<p class="legend">${esc(t('Legend'))}: ${legend}</p>
<div class="matrixwrap"><table class="matrix sortable" id="indicators"><thead><tr><th class="l">${esc(t('Region'))}</th>${colHead}<th class="v"><div>${esc(t('weaker'))}</div></th><th class="v"><div>${esc(t('no upstream counterpart'))}</div></th></tr></thead>
<tbody>
${matrix}
</tbody></table></div>
<h3>${esc(t('Upstream figures and their sources'))}</h3>
<table><thead><tr><th>${esc(t('Domain'))}</th><th>${esc(t('Indicator'))}</th><th>${esc(t('Upstream'))}</th><th>${esc(t('Source'))}</th></tr></thead><tbody>
${sources}
</tbody></table>
${sections.join('\n')}
${confidenceFooter(locale)}
<script>${SORT_SCRIPT}</script>
</body></html>
`;
}
