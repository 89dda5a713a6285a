// The `planlint extract` views of a PlanDocument: the JSON of the CLI contract and a readable text.
import type { PlanDocument, Target } from '../core/types';
import { declaredUpstreams } from '../core/chain';
import { visualWidth } from '../core/text';
import type { PlanSource, SourceRef } from '../node/formats/source';

/** The source position of a 1-based line of the extracted text (Word paragraph, PDF page, table row). */
export function sourceRefAt(source: PlanSource | undefined, line: number): SourceRef | null {
  return source?.lineRefs[line - 1] ?? null;
}

export function targetJson(t: Target) {
  return {
    line: t.line,
    column: t.col + 1,
    endColumn: t.endCol + 1,
    domain: t.domain,
    indicator: t.indicator,
    kind: t.kind,
    value: t.value,
    unit: t.unit,
    year: t.year,
    ...(t.measure ? { measure: t.measure } : {}),
    ...(t.baselineYear !== undefined ? { baseline_year: t.baselineYear } : {}),
    ...(t.valueMax !== undefined ? { value_max: t.valueMax } : {}),
    ...(t.approx ? { approx: true } : {}),
    from: t.from,
  };
}

export function extractJson(file: string, plan: PlanDocument, source?: PlanSource) {
  const doc = source && source.format !== 'text' ? source : undefined;
  const at = (line: number) => {
    const ref = sourceRefAt(doc, line);
    return ref ? { source: ref } : {};
  };
  return {
    file,
    ...(doc ? { format: doc.format } : {}),
    ...(source?.encoding ? { encoding: source.encoding } : {}),
    title: plan.title,
    period: plan.period,
    upstreamRefs: plan.upstreamRefs,
    // the upstream children's plans the preamble names (依据《…》): what `check` compares or reports not supplied
    declaredUpstream: declaredUpstreams(plan),
    isPlan: plan.isPlan,
    domains: plan.domains.map((d) => ({
      domain: d.domain,
      label: d.label,
      line: d.line,
      endLine: d.endLine,
      goals: d.goals,
      measures: d.measures,
      ...at(d.line),
    })),
    targets: plan.targets.map((t) => ({ ...targetJson(t), ...at(t.line) })),
    outline: plan.outline.map((n) => ({
      line: n.line,
      level: n.level,
      marker: n.marker,
      text: n.text,
      ...(n.mdDepth !== null ? { mdDepth: n.mdDepth } : {}),
      ...at(n.line),
    })),
    noise: plan.noise,
  };
}

export function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - visualWidth(s)));
}

export function extractText(file: string, plan: PlanDocument): string {
  const out: string[] = [];
  out.push(`${file}`);
  out.push(`  标题 title: ${plan.title ?? '—'}   期限 period: ${plan.period ? `${plan.period.start}—${plan.period.end}` : '—'}`);
  if (plan.upstreamRefs.length) out.push(`  依据 references: ${plan.upstreamRefs.map((r) => `《${r}》`).join(' ')}`);
  const declared = declaredUpstreams(plan);
  if (declared.length) out.push(`  上级规划 declared upstream: ${declared.map((r) => `《${r}》`).join(' ')}`);
  out.push('');
  out.push('提纲 Outline');
  const domainAt = new Map(plan.domains.map((d) => [d.line, d]));
  for (const n of plan.outline) {
    if (!n.heading || n.level > 2) continue;
    const indent = '  '.repeat(Math.max(0, n.level - 1) + 1);
    const d = domainAt.get(n.line);
    out.push(`${String(n.line).padStart(5)} ${indent}${n.marker}${n.text}${d ? `   ◆ ${d.domain}` : ''}`);
  }
  out.push('');
  out.push(`领域 Domains (${plan.domains.length}/7)`);
  for (const d of plan.domains) {
    out.push(
      `  ${pad(d.domain, 10)} ${d.label}  L${d.line}–${d.endLine}  主要目标 ${d.goals ? `L${d.goals.start}–${d.goals.end}` : '—'}  策略措施 ${d.measures ? `L${d.measures.start}–${d.measures.end}` : '—'}`,
    );
  }
  out.push('');
  out.push(`目标 Targets (${plan.targets.length})`);
  const rows = plan.targets.map((t) => [
    `L${t.line}:${t.col + 1}`,
    t.domain ?? '—',
    t.indicator,
    `${t.kind === 'max' ? '≤' : '≥'}${t.valueText}${t.valueMax !== undefined ? `—${t.valueMax}` : ''}${t.unit}${t.approx ? '左右' : ''}`,
    t.year ? String(t.year) : '',
    t.measure === 'relative_reduction' ? `降幅 vs ${t.baselineYear ?? '?'}` : t.measure === 'annual_reduction' ? '每年降幅' : '',
  ]);
  const widths = [0, 1, 2, 3, 4].map((i) => Math.min(40, Math.max(...rows.map((r) => visualWidth(r[i])), 4)));
  for (const r of rows)
    out.push(
      '  ' +
        r
          .map((c, i) => (i < 5 ? pad(c, widths[i]) : c))
          .join('  ')
          .trimEnd(),
    );
  return out.join('\n');
}
