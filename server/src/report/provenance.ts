// Where an upstream figure comes from, in words: the one place the three reviewer deliverables (HTML, xlsx,
// docx) phrase provenance, on top of the core's shared helper (core/provenance.ts: describeProvenance,
// confidenceLabel), so the reports say exactly what hovers, findings and the comparison view say.
import type { Baseline, Locale } from '../core/types';
import type { UpstreamFigure } from '../core/compare';
import { localize } from '../core/i18n';
import { confidenceLabel, describeProvenance } from '../core/provenance';

export interface Provenance {
  /** The document: title, plus document number when known. */
  document: string;
  /** Where in it, and whether checked against the official text (the shared helper's sentence). */
  where: string;
  /** Localised confidence word (高 / 中 / 低). */
  confidence: string;
  /** One line: "上级依据：… — …；可信度：高". */
  text: string;
  /** The same without the leading label. */
  detail: string;
}

export function provenance(u: UpstreamFigure, locale: Locale, baseline?: Baseline): Provenance {
  const document = `${u.baselineTitle}${baseline?.docNo ? `（${baseline.docNo}）` : ''}`;
  const where = describeProvenance(u, locale, { maxSources: 3 });
  const confidence = confidenceLabel(u.confidence, locale);
  const sep = locale === 'en' ? '; ' : '；';
  const source = document + (where ? ` — ${where}` : '');
  const conf = `${localize(locale, 'confidence')}${locale === 'en' ? ': ' : '：'}${confidence}`;
  return {
    document,
    where,
    confidence,
    text: `${localize(locale, 'Upstream source: {0}', source)}${sep}${conf}`,
    detail: `${source}${sep}${conf}`,
  };
}
