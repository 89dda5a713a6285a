// Hover (a target: indicator, draft and upstream figures with source, year, confidence, verdict;
// a domain heading: its targets and findings) and inlay hints (the upstream figure after a target).
import { Hover, InlayHint, InlayHintKind, MarkupKind, Position, Range } from 'vscode-languageserver';
import {
  localize,
  describeProvenance,
  confidenceLabel,
  provenanceOf,
  sourceKindShort,
  CONFIDENCE_DOC_URL,
  type Finding,
  type Locale,
  type PlanDocument,
} from '../core';
import type { Comparison, ComparisonRow, UpstreamFigure } from '../core/compare';
import { shortBaselineName } from '../core/compare';
import { clampRange, formatValue } from './convert';
import { msg } from './messages';

function colon(locale: Locale): string {
  return locale === 'en' ? ': ' : '：';
}

function md(s: string): string {
  return s.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

/** The upstream figure, its document (and indicator when worded differently), its confidence linked to the
 *  one definition of the labels, and on the next line where it comes from (provenance.ts). */
function figureLine(u: UpstreamFigure, locale: Locale, draftIndicator?: string): string {
  const year = u.year ? `, ${msg(locale, 'year', u.year)}` : '';
  const ind =
    u.indicator && u.indicator !== draftIndicator ? `; ${md(localize(locale, 'upstream indicator: {0}', u.indicator))}` : '';
  const conf = `[${msg(locale, 'hoverConfidence')}${colon(locale)}${confidenceLabel(u.confidence, locale)}](${CONFIDENCE_DOC_URL})`;
  const src = `${msg(locale, 'hoverSource')}${colon(locale)}${md(describeProvenance(u, locale))}`;
  return `${formatValue(u.kind, u.value, u.unit)}${year} (${md(u.baselineTitle)}${ind}; ${conf})\n  - ${src}`;
}

export function rowAt(comparison: Comparison, pos: Position): ComparisonRow | null {
  const onLine = comparison.rows.filter((r) => r.line === pos.line);
  if (!onLine.length) return null;
  const exact = onLine.find((r) => r.character <= pos.character && pos.character <= r.endCharacter);
  if (exact) return exact;
  // Anywhere else on the line: the first target after the cursor (the indicator precedes its value).
  return onLine.find((r) => r.character >= pos.character) ?? onLine[onLine.length - 1];
}

export function targetHover(row: ComparisonRow, lines: readonly string[], locale: Locale): Hover {
  const d = row.draft;
  const parts: string[] = [];
  parts.push(`**${msg(locale, 'hoverIndicator')}**${colon(locale)}${md(row.indicator)}${row.domain ? ` (${row.domain})` : ''}`);
  parts.push(
    `- ${msg(locale, 'hoverDraft')}${colon(locale)}${formatValue(d.kind, d.value, d.unit)}${d.year ? `, ${msg(locale, 'year', d.year)}` : ''}`,
  );
  if (row.upstream.length) {
    for (const u of row.upstream)
      parts.push(`- ${msg(locale, 'hoverUpstream')}${colon(locale)}${figureLine(u, locale, row.indicator)}`);
  } else {
    parts.push(`- ${msg(locale, 'hoverUpstream')}${colon(locale)}${msg(locale, 'hoverNoUpstream')}`);
  }
  parts.push(`- ${msg(locale, 'hoverVerdict')}${colon(locale)}${msg(locale, `verdict_${row.verdict}`)}`);
  for (const f of row.findings) parts.push(`- \`${f.rule}\`: ${md(f.message)}`);
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n') },
    range: clampRange(lines, row.line, row.character, row.line, row.endCharacter),
  };
}

export function domainHover(plan: PlanDocument, findings: Finding[], pos: Position, locale: Locale): Hover | null {
  const d = plan.domains.find((x) => x.line - 1 === pos.line);
  if (!d) return null;
  const targets = plan.targets.filter((t) => t.domain === d.domain || (t.line >= d.line && t.line <= d.endLine));
  const own = findings.filter((f) => f.domain === d.domain || (f.line >= d.line && f.line <= d.endLine));
  const parts = [
    `**${md(msg(locale, 'hoverDomain', d.label, d.domain))}**`,
    `- ${msg(locale, 'hoverDomainTargets', targets.length)}`,
    `- ${msg(locale, 'hoverDomainFindings', own.length)}`,
  ];
  const byRule = new Map<string, number>();
  for (const f of own) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  for (const [rule, n] of byRule) parts.push(`  - \`${rule}\`: ${n}`);
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n') },
    range: clampRange(plan.lines, d.line - 1, d.col, d.line - 1, d.endCol),
  };
}

/** "（重建）" / "（原文）" after an inlay hint's figure: its kind of source, never left out. */
function kindTag(u: UpstreamFigure, locale: Locale): string {
  const k = sourceKindShort(provenanceOf(u).kind, locale);
  return locale === 'en' ? ` (${k})` : `（${k}）`;
}

export function inlayHints(comparison: Comparison, lines: readonly string[], range: Range, locale: Locale): InlayHint[] {
  const out: InlayHint[] = [];
  for (const row of comparison.rows) {
    if (row.line < range.start.line || row.line > range.end.line) continue;
    if (!row.upstream.length) continue;
    // after the value's unit and its direction word ("85%以上" → after 以上), not inside the figure
    const text = lines[row.line] ?? '';
    const tail =
      /^[ \u3000]*(?:[—–\-~～至到][ \u3000]*\d+(?:\.\d+)?)?[ \u3000]*(?:‰|%|％|\/10万|\/万|个百分点|百分点|个|所|名|张|次|家|处|人|小时|分钟|天|平方米|倍)?[ \u3000]*(?:及以上|及以下|以上|以下|以内|之内|左右)?/.exec(
        text.slice(row.endCharacter),
      );
    const at = row.endCharacter + (tail ? tail[0].trimEnd().length : 0);
    const pos = clampRange(lines, row.line, at, row.line, at).start;
    const label = row.upstream
      .map(
        (u) =>
          `${shortBaselineName(u.baselineLevel, u.baselineTitle, locale)} ${formatValue(u.kind, u.value, u.unit)}${u.year && u.year !== row.draft.year ? `(${u.year})` : ''}${kindTag(u, locale)}`,
      )
      .join(' · ');
    out.push({
      position: pos,
      label,
      kind: InlayHintKind.Parameter,
      paddingLeft: true,
      tooltip: {
        kind: MarkupKind.Markdown,
        value: row.upstream.map((u) => `- ${figureLine(u, locale, row.indicator)}`).join('\n'),
      },
    });
  }
  return out;
}
