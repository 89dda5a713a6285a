// SARIF 2.1.0 output (for code-scanning dashboards and CI annotations).
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { pathToFileURL } from 'node:url';
import type { Baseline, Finding, Locale, PlanDocument } from '../core/types';
import { RULES } from '../core/rules';
import { charColumn, findingPosition, fixesWithinBudget, upstreamJson } from './findings';
import type { PlanSource } from '../node/formats/source';
import { confidenceLegend, CONFIDENCE_DOC_URL } from '../core/provenance';

interface Checked {
  file: string;
  plan: PlanDocument;
  baselines: Baseline[];
  findings: Finding[];
  source?: PlanSource;
}

const MIME: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  wps: 'application/vnd.ms-works',
  pdf: 'application/pdf',
  html: 'text/html',
};

export const DOCS_BASE = 'https://github.com/planlint/planlint/blob/main/docs/rules/';

const LEVEL: Record<string, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

export function toSarif(results: Checked[], locale: Locale, version: string): Log {
  // rules that compare with upstream figures: their help defines the confidence labels (one line, one link)
  const legend = confidenceLegend(locale);
  const rules: ReportingDescriptor[] = RULES.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: locale === 'en' ? r.title.en : r.title.zh },
    fullDescription: { text: `${r.title.zh} / ${r.title.en}` },
    helpUri: `${DOCS_BASE}${r.id}.md`,
    help: r.needsBaselines
      ? {
          text: `${r.title.en}. See ${DOCS_BASE}${r.id}.md. ${legend}`,
          markdown: `${r.title.zh} — [docs/rules/${r.id}.md](${DOCS_BASE}${r.id}.md)\n\n${legend.replace(CONFIDENCE_DOC_URL, `[${CONFIDENCE_DOC_URL}](${CONFIDENCE_DOC_URL})`)}`,
        }
      : {
          text: `${r.title.en}. See ${DOCS_BASE}${r.id}.md`,
          markdown: `${r.title.zh} — [docs/rules/${r.id}.md](${DOCS_BASE}${r.id}.md)`,
        },
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
  }));
  // a rule that failed on a document is reported as internal-error: describe it too
  if (results.some((r) => r.findings.some((f) => f.rule === 'internal-error'))) {
    rules.push({
      id: 'internal-error',
      name: 'InternalError',
      shortDescription: { text: 'PlanLint could not run a rule on this document' },
      defaultConfiguration: { level: 'note' },
    });
  }
  if (results.some((r) => r.findings.some((f) => f.rule === 'too-many-findings'))) {
    rules.push({
      id: 'too-many-findings',
      name: 'TooManyFindings',
      shortDescription: { text: 'More findings than PlanLint reports per document' },
      defaultConfiguration: { level: 'note' },
    });
  }
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarifResults: Result[] = [];
  for (const r of results) {
    const uri = pathToFileURL(r.file).href;
    const withFix = fixesWithinBudget(r.findings);
    for (const f of r.findings) {
      const line = r.plan.lines[f.line - 1];
      const endLine = r.plan.lines[f.endLine - 1];
      // in a Word/PDF file the extracted text's lines mean nothing to a reader: name the paragraph or page
      const where = findingPosition(r, f.line, locale);
      const ref = r.source && r.source.format !== 'text' ? r.source.lineRefs[f.line - 1] : null;
      const res: Result = {
        ruleId: f.rule,
        level: LEVEL[f.severity],
        message: { text: where ? `${where}: ${f.message}` : f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri },
              region: {
                startLine: f.line,
                startColumn: charColumn(line, f.col),
                endLine: f.endLine,
                endColumn: charColumn(endLine, f.endCol),
                snippet: { text: line ?? '' },
              },
            },
          },
        ],
        properties: {
          ...(ref ? { sourcePosition: { ...ref, text: where } } : {}),
          ...(f.domain ? { domain: f.domain } : {}),
          ...(f.indicator ? { indicator: f.indicator } : {}),
          ...(f.draft ? { draft: f.draft } : {}),
          ...(f.upstream ? { upstream: upstreamJson(f.upstream, locale) } : {}),
        },
      };
      const ri = index.get(f.rule);
      if (ri !== undefined) res.ruleIndex = ri;
      if (f.related?.length) {
        res.relatedLocations = f.related.map((x, i) => ({
          id: i,
          message: { text: x.message },
          physicalLocation: {
            artifactLocation: { uri: x.path ? pathToFileURL(x.path).href : uri },
            region: { startLine: x.line, ...(x.path ? {} : { startColumn: charColumn(r.plan.lines[x.line - 1], x.col) }) },
          },
        }));
      }
      if (f.fix && withFix.has(f)) {
        res.fixes = [
          {
            description: { text: f.fix.title },
            artifactChanges: [
              {
                artifactLocation: { uri },
                replacements: f.fix.edits.map((e) => ({
                  deletedRegion: {
                    startLine: e.line,
                    startColumn: charColumn(r.plan.lines[e.line - 1], e.col),
                    endLine: e.endLine,
                    endColumn: charColumn(r.plan.lines[e.endLine - 1], e.endCol),
                  },
                  insertedContent: { text: e.newText },
                })),
              },
            ],
          },
        ];
      }
      sarifResults.push(res);
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'planlint', version, informationUri: 'https://github.com/planlint/planlint', rules } },
        results: sarifResults,
        artifacts: results.map((r) => ({
          location: { uri: pathToFileURL(r.file).href },
          mimeType: (r.source && MIME[r.source.format]) || 'text/plain',
        })),
      },
    ],
  };
}
