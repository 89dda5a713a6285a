// Provenance of an upstream figure, in words a reviewer can repeat, and the one definition of the
// confidence labels (高/中/低). Every view (hover, inlay hint, comparison view, HTML/text/JSON/SARIF
// output, status bar, reports) takes its wording from here, so no view can call a reconstructed
// figure official. Pure: no I/O.
//
// Stable API (other modules and the reports build on it):
//   provenanceOf(figure)                  → Provenance { kind, confidence, official?, sources }
//   describeProvenance(figure, locale)    → one sentence: "official text of FILE, line N: 「…」" or
//                                           "built-in figure reconstructed from A, B, not yet checked against the official text"
//   provenanceSentence(figure, locale)    → one short sentence for a finding's message
//   sourceKindLabel(kind, locale)         → short tag: 原文 / 内置重建 / 内置无来源 (sourceKindShort: 原文 / 重建 / 无来源)
//   confidenceLabel(c, locale)            → 高 / 中 / 低 (high / medium / low)
//   confidenceDefinition(c, locale)       → what the label requires
//   confidenceLegend(locale)              → the three definitions and the docs link, one line
//   CONFIDENCE_DOC_URL                    → the docs page section defining the labels
//   describeBaselineKind(baseline, locale)→ "TITLE (official text of FILE)" / "TITLE (built-in, reconstructed …)"
//   provenanceJson(figure, locale)        → { kind, confidence, text, official?, sources } for JSON/SARIF
import type { Baseline, Confidence, Locale, OfficialEvidence } from './types';
import { localize } from './i18n';

/** official = read from the text of a file the user supplied; reconstructed = built-in, rebuilt from
 *  named secondary sources; unsourced = built-in with no source at all (recollection). */
export type SourceKind = 'official' | 'reconstructed' | 'unsourced';

/** What provenance needs of a figure: BaselineTarget, Finding['upstream'] and UpstreamFigure all fit. */
export interface ProvenanceInput {
  evidence?: readonly string[];
  confidence?: Confidence | string;
  official?: OfficialEvidence;
}

export interface Provenance {
  kind: SourceKind;
  confidence: Confidence;
  official?: OfficialEvidence;
  /** The named sources of a reconstructed figure: web sites (host names) and local plans (title, line). */
  sources: string[];
}

/** The docs section that defines the confidence labels and the source kinds. */
export const CONFIDENCE_DOC_URL = 'https://github.com/planlint/planlint/blob/main/docs/PROVENANCE.md#confidence-levels';
/** The same, relative to the repository (for the README and docs). */
export const CONFIDENCE_DOC_PATH = 'docs/PROVENANCE.md#confidence-levels';

const CONFIDENCES: readonly string[] = ['high', 'medium', 'low'];

function toConfidence(value: unknown): Confidence {
  return typeof value === 'string' && CONFIDENCES.includes(value) ? (value as Confidence) : 'low';
}

/** A short, repeatable name for one evidence entry; null for `unverified:` entries. */
export function sourceName(entry: string): string | null {
  if (typeof entry !== 'string' || !entry) return null;
  if (/^unverified:/.test(entry)) return null;
  const url = /^https?:\/\/([^/?#]+)/i.exec(entry);
  if (url) return url[1].replace(/^(www|m)\./i, '');
  const localPlan = /^local-plan:(.+):L(\d+)$/.exec(entry);
  if (localPlan) return `《${localPlan[1]}》L${localPlan[2]}`;
  // a plan file's "path:Lline": the file name and line
  const file = /^(.*?):L(\d+)$/.exec(entry);
  if (file) return `${fileName(file[1])} L${file[2]}`;
  return fileName(entry);
}

export function provenanceOf(figure: ProvenanceInput | null | undefined): Provenance {
  const confidence = toConfidence(figure?.confidence);
  const official = figure?.official;
  if (official && typeof official.file === 'string' && typeof official.quote === 'string' && Number.isFinite(official.line)) {
    return { kind: 'official', confidence, official, sources: [official.file] };
  }
  const names: string[] = [];
  for (const entry of Array.isArray(figure?.evidence) ? figure!.evidence : []) {
    const name = sourceName(entry);
    if (name && !names.includes(name)) names.push(name);
  }
  return { kind: names.length ? 'reconstructed' : 'unsourced', confidence, sources: names };
}

function fileName(path: string): string {
  return path.replace(/^.*[\\/]/, '');
}

/** Where in the official text: 第N段 when the file has paragraphs (Word, PDF), else 第N行. */
export function positionText(official: OfficialEvidence, locale: Locale): string {
  if (official.paragraph) return localize(locale, 'paragraph {0}', official.paragraph);
  return localize(locale, 'line {0}', official.line);
}

function listSources(names: string[], locale: Locale, max: number): string {
  const shown = names.slice(0, Math.max(1, max));
  const separator = locale === 'en' ? ', ' : '、';
  const more = names.length - shown.length;
  return shown.join(separator) + (more > 0 ? localize(locale, ' and {0} more', more) : '');
}

/** One sentence a reviewer can repeat: where the figure comes from and whether it was checked. */
export function describeProvenance(
  figure: ProvenanceInput | null | undefined,
  locale: Locale,
  opts: { maxSources?: number; quote?: boolean } = {},
): string {
  const provenance = provenanceOf(figure);
  const official = provenance.official;
  if (provenance.kind === 'official' && official) {
    const where = positionText(official, locale);
    if (opts.quote === false) return localize(locale, 'official text of {0}, {1}', fileName(official.file), where);
    return localize(locale, 'official text of {0}, {1}: 「{2}」', fileName(official.file), where, official.quote);
  }
  if (provenance.kind === 'reconstructed') {
    return localize(
      locale,
      'built-in figure reconstructed from {0}, not yet checked against the official text',
      listSources(provenance.sources, locale, opts.maxSources ?? 3),
    );
  }
  return localize(locale, 'built-in figure from recollection, with no source; not checked against the official text');
}

/** One short sentence for a finding's message: the kind of source, without the list of sources. */
export function provenanceSentence(figure: ProvenanceInput | null | undefined, locale: Locale): string {
  const { kind, official, sources } = provenanceOf(figure);
  if (kind === 'official' && official)
    return localize(
      locale,
      'The upstream figure is from the official text of {0}, {1}.',
      fileName(official.file),
      positionText(official, locale),
    );
  if (kind === 'reconstructed') {
    return sources.length > 1
      ? sources.length === 2
        ? localize(
            locale,
            'The upstream figure is built in, reconstructed from {0} and 1 other source, not yet checked against the official text.',
            sources[0],
          )
        : localize(
            locale,
            'The upstream figure is built in, reconstructed from {0} and {1} other sources, not yet checked against the official text.',
            sources[0],
            sources.length - 1,
          )
      : localize(
          locale,
          'The upstream figure is built in, reconstructed from {0}, not yet checked against the official text.',
          sources[0],
        );
  }
  return localize(locale, 'The upstream figure is built in with no source, not checked against the official text.');
}

/** Short tag for tables and inlay hints. */
export function sourceKindLabel(kind: SourceKind, locale: Locale): string {
  if (kind === 'official') return localize(locale, 'official text');
  if (kind === 'reconstructed') return localize(locale, 'built-in, reconstructed');
  return localize(locale, 'built-in, no source');
}

/** Shortest tag, for inlay hints: 原文 / 重建 / 无来源. */
export function sourceKindShort(kind: SourceKind, locale: Locale): string {
  if (kind === 'official') return localize(locale, 'official');
  if (kind === 'reconstructed') return localize(locale, 'reconstructed');
  return localize(locale, 'no source');
}

/** 高 / 中 / 低 (high / medium / low). */
export function confidenceLabel(confidence: Confidence | string, locale: Locale): string {
  const level = toConfidence(confidence);
  if (level === 'high') return localize(locale, 'high');
  if (level === 'medium') return localize(locale, 'medium');
  return localize(locale, 'low');
}

/** What each confidence label requires: the one definition every view points to. */
export function confidenceDefinition(confidence: Confidence | string, locale: Locale): string {
  const level = toConfidence(confidence);
  if (level === 'high')
    return localize(
      locale,
      'high: read from the official text of a file you supplied, or (built-in figures) two or more independent sources agree',
    );
  if (level === 'medium') return localize(locale, 'medium: one source only (built-in figures)');
  return localize(locale, 'low: recollection or topic only, no source; findings built on it are one severity softer');
}

/** The three definitions and where they are documented, in one line. */
export function confidenceLegend(locale: Locale): string {
  const separator = locale === 'en' ? '; ' : '；';
  return localize(
    locale,
    'Confidence: {0} (see {1})',
    (['high', 'medium', 'low'] as const).map((level) => confidenceDefinition(level, locale)).join(separator),
    CONFIDENCE_DOC_URL,
  );
}

/** How a baseline's figures were obtained, summarised over its targets. */
export function baselineSourceKind(baseline: Pick<Baseline, 'targets'>): SourceKind | 'mixed' {
  const kinds = new Set((baseline.targets ?? []).map((target) => provenanceOf(target).kind));
  if (!kinds.size) return 'reconstructed';
  if (kinds.size === 1) return [...kinds][0];
  return kinds.has('official') ? 'mixed' : 'reconstructed';
}

/** "TITLE（用户提供的原文 FILE）" / "TITLE（内置，依据二手来源重建，未与官方原文核对）" — for summary lines. */
export function describeBaselineKind(baseline: Pick<Baseline, 'title' | 'targets' | 'path'>, locale: Locale): string {
  const kind = baselineSourceKind(baseline);
  const files = [...new Set(baseline.targets.map((target) => target.official?.file).filter((f): f is string => !!f))].map(
    fileName,
  );
  const file = files[0] ?? (baseline.path ? fileName(baseline.path) : '');
  let what: string;
  if (kind === 'official') what = localize(locale, 'official text of {0}', file);
  else if (kind === 'mixed') {
    const checked = baseline.targets.filter((target) => provenanceOf(target).kind === 'official').length;
    what = localize(
      locale,
      '{0} of {1} figures checked against the official text of {2}, the others built-in and reconstructed',
      checked,
      baseline.targets.length,
      file,
    );
  } else what = localize(locale, 'built-in, reconstructed from secondary sources, not checked against the official text');
  return localize(locale, '{0} ({1})', baseline.title, what);
}

/** The provenance as data, for JSON and SARIF. */
export function provenanceJson(figure: ProvenanceInput | null | undefined, locale: Locale) {
  const provenance = provenanceOf(figure);
  return {
    kind: provenance.kind,
    confidence: provenance.confidence,
    confidenceLabel: confidenceLabel(provenance.confidence, locale),
    text: describeProvenance(figure, locale, { maxSources: 6 }),
    ...(provenance.official ? { official: provenance.official } : {}),
    sources: provenance.sources,
    confidenceDefinition: CONFIDENCE_DOC_URL,
  };
}
