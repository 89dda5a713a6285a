// Where an upstream figure comes from, in words: the one place the three reviewer deliverables (HTML, xlsx,
// docx) phrase provenance. The baseline's title (and document number), the item or line it was read from,
// the evidence (URLs, local plans), and the confidence, in the wording hovers and findings already use
// ("上级依据", "可信度：高"). Kept in this single function so a shared provenance helper can replace it in one edit.
import type { Baseline, Locale } from '../core/types';
import type { UpstreamFigure } from '../core/compare';
import { localize } from '../core/i18n';

export interface Provenance {
  /** The document: title, plus document number when known. */
  document: string;
  /** Item / line and evidence, readable ("常宁市儿童发展规划（2021—2025年）第56行 · http://…"). */
  where: string;
  /** Localised confidence word (高 / 中 / 低). */
  confidence: string;
  /** One line: "上级依据：… ；可信度：高". */
  text: string;
  /** The same without the leading label: "《…》（国发…） — …；可信度：高". */
  detail: string;
}

function basename(p: string): string {
  return p.replace(/^.*[\\/]/, '');
}

/** "local-plan:TITLE:L56" → "TITLE 第56行"; "/a/b/plan.txt:L12" → "plan.txt 第12行"; URLs as they are. */
function evidenceText(e: string, locale: Locale): string {
  if (/^https?:/i.test(e)) return e;
  const unverified = /^unverified:\s*(.*)$/i.exec(e);
  if (unverified) return localize(locale, 'unverified: {0}', unverified[1]);
  const m = /^(?:local-plan:)?(.*?):L(\d+)$/.exec(e);
  if (m) return `${basename(m[1])} ${localize(locale, 'line {0}', Number(m[2]))}`;
  return basename(e.replace(/^local-plan:/, ''));
}

export function provenance(u: UpstreamFigure, locale: Locale, baseline?: Baseline): Provenance {
  const document = `${u.baselineTitle}${baseline?.docNo ? `（${baseline.docNo}）` : ''}`;
  const parts: string[] = [];
  if (u.path && u.line) parts.push(`${basename(u.path)} ${localize(locale, 'line {0}', u.line)}`);
  for (const e of u.evidence.slice(0, 3)) {
    const t = evidenceText(e, locale);
    if (t && !parts.includes(t)) parts.push(t);
  }
  const where = parts.join(' · ');
  const confidence = localize(locale, u.confidence);
  const sep = locale === 'en' ? '; ' : '；';
  const conf = u.confidence === 'high' ? 'confidence: high' : u.confidence === 'medium' ? 'confidence: medium' : 'confidence: low';
  const source = document + (where ? ` — ${where}` : '');
  const text = `${localize(locale, 'Upstream source: {0}', source)}${sep}${localize(locale, conf)}`;
  return { document, where, confidence, text, detail: `${source}${sep}${localize(locale, conf)}` };
}
