// The target comparison view: a webview table built from the server's planlint/comparison answer.
// Strict CSP (nothing remote, one nonce for our own style and script), theme colours through the
// --vscode-* CSS variables, every string HTML-escaped. A click (or Enter) on a row reveals its line.
import * as vscode from 'vscode';
import type { ComparisonResult, UpstreamValue, Verdict } from './protocol';

export type FetchComparison = (uri: vscode.Uri) => Promise<ComparisonResult>;

export class ComparisonView implements vscode.Disposable {
  static readonly viewType = 'planlint.comparison';
  private panel: vscode.WebviewPanel | undefined;
  private docUri: vscode.Uri | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** The data last rendered (for tests and for re-rendering on theme changes). */
  last: ComparisonResult | undefined;

  constructor(private readonly fetch: FetchComparison) {
    this.disposables.push(
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (this.panel && this.docUri && e.uris.some((u) => u.toString() === this.docUri!.toString())) this.scheduleRefresh();
      }),
    );
  }

  get uri(): vscode.Uri | undefined {
    return this.panel ? this.docUri : undefined;
  }

  async show(uri: vscode.Uri): Promise<ComparisonResult | undefined> {
    this.docUri = uri;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        ComparisonView.viewType,
        vscode.l10n.t('Target comparison'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, localResourceRoots: [], enableFindWidget: true, enableCommandUris: false },
      );
      this.panel.onDidDispose(
        () => {
          this.panel = undefined;
        },
        null,
        this.disposables,
      );
      this.panel.webview.onDidReceiveMessage((m) => this.onMessage(m), null, this.disposables);
    } else {
      this.panel.reveal(undefined, true);
    }
    return this.refresh();
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh().catch(() => undefined), 400);
  }

  private async refresh(): Promise<ComparisonResult | undefined> {
    const uri = this.docUri;
    const panel = this.panel;
    if (!uri || !panel) return undefined;
    const data = await this.fetch(uri);
    if (this.panel !== panel || this.docUri !== uri) return data;
    this.last = data;
    const name = uri.path.split('/').pop() || uri.toString();
    panel.title = vscode.l10n.t('Targets: {0}', name);
    panel.webview.html = renderHtml(data, name, nonce(), panel.webview.cspSource);
    return data;
  }

  /** Reveals a row's line in the compared document (also used by the e2e tests). */
  async reveal(line: number, character: number): Promise<void> {
    if (!this.docUri) return;
    const doc = await vscode.workspace.openTextDocument(this.docUri);
    const l = Math.max(0, Math.min(line, doc.lineCount - 1));
    const pos = new vscode.Position(l, Math.max(0, Math.min(character, doc.lineAt(l).text.length)));
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
    const editor = await vscode.window.showTextDocument(doc, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      selection: new vscode.Range(pos, pos),
      preserveFocus: false,
    });
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private onMessage(m: unknown): void {
    if (!m || typeof m !== 'object') return;
    const msg = m as { type?: unknown; line?: unknown; character?: unknown };
    if (msg.type === 'reveal' && Number.isInteger(msg.line) && Number.isInteger(msg.character)) {
      void this.reveal(msg.line as number, msg.character as number);
    }
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}

function esc(s: unknown): string {
  return String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function fmtValue(v: { value: number; unit: string; kind: string; year: number | null }): string {
  const dir = v.kind === 'max' ? '≤' : v.kind === 'min' ? '≥' : '';
  const year = v.year ? ` (${v.year})` : '';
  return `${dir} ${v.value}${v.unit ?? ''}${year}`.trim();
}

function verdictLabel(v: Verdict): string {
  switch (v) {
    case 'ok':
      return vscode.l10n.t('meets upstream');
    case 'weaker':
      return vscode.l10n.t('weaker than upstream');
    case 'unmatched':
      return vscode.l10n.t('no upstream counterpart');
    case 'horizon':
      return vscode.l10n.t('different target year');
    default:
      return String(v);
  }
}

function confidenceLabel(c: string): string {
  switch (c) {
    case 'high':
      return vscode.l10n.t('confidence: high');
    case 'medium':
      return vscode.l10n.t('confidence: medium');
    case 'low':
      return vscode.l10n.t('confidence: low');
    default:
      return c;
  }
}

function upstreamCell(ups: UpstreamValue[], draftIndicator?: string): string {
  if (!ups || ups.length === 0) return '<span class="muted">—</span>';
  return ups
    .map((u) => {
      const ev = (u.evidence || []).join('\n');
      const p = u.provenance;
      // the confidence label links to its one definition; the source line says official text vs reconstruction
      const conf = p?.confidenceDefinition
        ? `<a class="conf conf-${esc(u.confidence)}" href="${esc(p.confidenceDefinition)}" title="${esc(p.confidenceLegend ?? '')}">${esc(confidenceLabel(u.confidence))}</a>`
        : `<span class="conf conf-${esc(u.confidence)}">${esc(confidenceLabel(u.confidence))}</span>`;
      const ind = u.indicator && u.indicator !== draftIndicator ? ` <span class="small muted">${esc(u.indicator)}</span>` : '';
      const src = p ? `<div class="prov small prov-${esc(p.kind)}">${esc(p.text)}</div>` : '';
      return `<div class="up"><span class="val">${esc(fmtValue(u))}</span>${ind} ${conf}<div class="src small" title="${esc(ev)}">${esc(u.baselineTitle || u.baselineId)}</div>${src}</div>`;
    })
    .join('');
}

function row(r: ComparisonResult['rows'][number]): string {
  const label = vscode.l10n.t('Go to line {0}', r.line + 1);
  return `<tr class="v-${esc(r.verdict)}" data-line="${r.line | 0}" data-character="${r.character | 0}" tabindex="0" title="${esc(label)}">
<td class="c-domain">${esc(r.domain ?? '—')}</td><td>${esc(r.indicator)}</td>
<td title="${esc(r.draft.text)}"><span class="val">${esc(fmtValue(r.draft))}</span></td>
<td>${upstreamCell(r.upstream, r.indicator)}</td>
<td><span class="verdict">${esc(verdictLabel(r.verdict))}</span></td>
<td class="num">${r.line + 1}</td></tr>`;
}

export function renderHtml(data: ComparisonResult, name: string, nonceValue: string, cspSource: string): string {
  const t = vscode.l10n.t;
  const rows = data.rows || [];
  const missing = data.missing || [];
  // every row's verdict, listed or not (the server lists at most MAX_LISTED_ROWS and counts them all)
  const counts = data.counts;
  const omitted = data.omittedRows;
  const baselines = (data.baselines || []).map((b) => b.label || b.title || b.id).join(' + ') || '—';
  const csp = `default-src 'none'; style-src ${cspSource} 'nonce-${nonceValue}'; script-src 'nonce-${nonceValue}'; img-src ${cspSource}; font-src ${cspSource};`;
  const missingRows = missing
    .map(
      (m) =>
        `<tr class="v-missing"><td>${esc(m.domain ?? '—')}</td><td>${esc(m.indicator)}</td><td>${upstreamCell([m.upstream])}</td></tr>`,
    )
    .join('');
  return `<!DOCTYPE html>
<html lang="${esc(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${esc(t('Target comparison'))}</title>
<style nonce="${nonceValue}">
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 12px 16px; }
h1 { font-size: 1.2em; font-weight: 600; margin: 12px 0 4px; }
h2 { font-size: 1.05em; font-weight: 600; margin: 18px 0 6px; }
.meta { color: var(--vscode-descriptionForeground); margin-bottom: 8px; }
.toolbar { display: flex; gap: 16px; align-items: center; margin: 6px 0 10px; flex-wrap: wrap; }
.chip { padding: 1px 8px; border-radius: 10px; border: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); }
table { border-collapse: collapse; width: 100%; }
th { text-align: left; font-weight: 600; color: var(--vscode-foreground); border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, currentColor)); padding: 4px 8px; position: sticky; top: 0; background: var(--vscode-editor-background); }
td { padding: 4px 8px; vertical-align: top; border-bottom: 1px solid var(--vscode-editorWidget-border, transparent); }
tbody tr[data-line] { cursor: pointer; }
tbody tr[data-line]:hover { background: var(--vscode-list-hoverBackground); }
tbody tr[data-line]:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; background: var(--vscode-list-activeSelectionBackground); color: var(--vscode-list-activeSelectionForeground); }
.val { font-variant-numeric: tabular-nums; white-space: nowrap; }
.num { text-align: right; color: var(--vscode-editorLineNumber-foreground); font-variant-numeric: tabular-nums; }
.muted { color: var(--vscode-descriptionForeground); }
.small { font-size: 0.9em; }
.src { color: var(--vscode-textLink-foreground); }
.conf { font-size: 0.85em; color: var(--vscode-descriptionForeground); }
.conf-low { color: var(--vscode-editorWarning-foreground); }
a.conf { text-decoration: underline dotted; }
.prov { color: var(--vscode-descriptionForeground); }
.up + .up { margin-top: 6px; padding-top: 4px; border-top: 1px dotted var(--vscode-editorWidget-border, var(--vscode-descriptionForeground)); }
.prov-reconstructed, .prov-unsourced { font-style: italic; }
.legend { color: var(--vscode-descriptionForeground); font-size: 0.9em; margin-top: 14px; }
.verdict { white-space: nowrap; }
th.c-domain, td.c-domain { white-space: nowrap; }
.v-weaker .verdict, .chip.weaker { color: var(--vscode-errorForeground); font-weight: 600; }
.v-horizon .verdict, .chip.horizon { color: var(--vscode-editorWarning-foreground); }
.v-unmatched .verdict, .chip.unmatched { color: var(--vscode-descriptionForeground); }
.v-ok .verdict, .chip.ok { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
body.problems-only tr.v-ok { display: none; }
.empty { color: var(--vscode-descriptionForeground); padding: 12px 0; }
</style>
</head>
<body>
<h1>${esc(t('Targets: {0}', name))}</h1>
<div class="meta">${esc(t('Upstream baseline: {0}', baselines))}</div>
<div class="toolbar">
<span class="chip weaker">${esc(verdictLabel('weaker'))}: ${counts.weaker}</span>
<span class="chip horizon">${esc(verdictLabel('horizon'))}: ${counts.horizon}</span>
<span class="chip ok">${esc(verdictLabel('ok'))}: ${counts.ok}</span>
<span class="chip unmatched">${esc(verdictLabel('unmatched'))}: ${counts.unmatched}</span>
<label><input type="checkbox" id="problems-only"> ${esc(t('Show only problems'))}</label>
</div>
${
  rows.length === 0
    ? `<div class="empty">${esc(t('No numeric targets found in this document.'))}</div>`
    : `<table id="targets" aria-label="${esc(t('Target comparison'))}">
<thead><tr><th class="c-domain">${esc(t('Domain'))}</th><th>${esc(t('Indicator'))}</th><th>${esc(t('Draft'))}</th><th>${esc(t('Upstream and source'))}</th><th>${esc(t('Verdict'))}</th><th>${esc(t('Line'))}</th></tr></thead>
<tbody>
${rows.map(row).join('\n')}
</tbody></table>${
        omitted
          ? `\n<p class="muted" id="omitted">${esc(t('Showing {0} of {1} targets: the weaker ones first, then the others in document order. `planlint report --format xlsx` lists every one.', rows.length, rows.length + omitted))}</p>`
          : ''
      }`
}
${
  missing.length
    ? `<h2>${esc(t('Upstream targets with no counterpart in the draft ({0})', missing.length))}</h2>
<table id="missing"><thead><tr><th>${esc(t('Domain'))}</th><th>${esc(t('Indicator'))}</th><th>${esc(t('Upstream and source'))}</th></tr></thead>
<tbody>${missingRows}</tbody></table>`
    : ''
}
${data.confidence ? `<p class="legend">${esc(data.confidence)}</p>` : ''}
<script nonce="${nonceValue}">
(function () {
  const vscode = acquireVsCodeApi();
  const state = vscode.getState() || {};
  const box = document.getElementById('problems-only');
  function apply() { document.body.classList.toggle('problems-only', !!box.checked); }
  box.checked = !!state.problemsOnly; apply();
  box.addEventListener('change', function () { vscode.setState({ problemsOnly: box.checked }); apply(); });
  function go(tr) { vscode.postMessage({ type: 'reveal', line: Number(tr.dataset.line), character: Number(tr.dataset.character) }); }
  document.addEventListener('click', function (e) { const tr = e.target.closest && e.target.closest('tr[data-line]'); if (tr) go(tr); });
  document.addEventListener('keydown', function (e) {
    const tr = e.target.closest && e.target.closest('tr[data-line]');
    if (!tr) return;
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(tr); }
    else if (e.key === 'ArrowDown' && tr.nextElementSibling) { e.preventDefault(); tr.nextElementSibling.focus(); }
    else if (e.key === 'ArrowUp' && tr.previousElementSibling) { e.preventDefault(); tr.previousElementSibling.focus(); }
  });
})();
</script>
</body>
</html>`;
}
