// The custom part of the LSP contract between this client and dist/server.js (docs: briefs/lsp-contract.md,
// mirrored in docs/ARCHITECTURE.md). Plain types and method names only: no vscode import here.

export const BaselinesRequest = 'planlint/baselines';
export const ComparisonRequest = 'planlint/comparison';
export const CheckFilesRequest = 'planlint/checkFiles';
export const StatusNotification = 'planlint/status';
/** The reviewer deliverables (xlsx 对照表, docx 审查意见) for some plans: params { uris, format, workDoneToken }. */
export const ReportRequest = 'planlint/report';

export interface ReportResult {
  files: number;
  findings: number;
  /** The file's bytes, base64. */
  data: string;
}

export interface BaselineInfo {
  id: string;
  title: string;
  level: string;
  targets: number;
  coverage?: string;
  /** builtin = shipped with PlanLint; imported = .planlint/baselines/ID.json (`planlint baselines import`). */
  origin?: 'builtin' | 'imported';
  file?: string;
}

// The comparison rows are the core's (server/src/core/compare.ts): types only, nothing bundled.
import type { ComparisonRow, UpstreamFigure, Verdict } from '../../server/src/core/compare';
export type { ComparisonRow, Verdict };
/** An upstream figure as the server sends it: with its provenance in the user's language (core/provenance.ts). */
export type UpstreamValue = UpstreamFigure & {
  provenance?: { kind: string; text: string; confidenceLabel: string; confidenceDefinition: string; confidenceLegend?: string };
};

export interface ComparisonResult {
  uri: string;
  /** label: the title with its kind of source (core/provenance.ts describeBaselineKind), localised by the server. */
  baselines: Array<{ id: string; title: string; path?: string; kind?: string; label?: string }>;
  /** At most MAX_LISTED_ROWS (core/compare.ts): the problems first, in document order. */
  rows: Array<Omit<ComparisonRow, 'upstream'> & { upstream: UpstreamValue[] }>;
  /** Rows left out of `rows` (a pathological draft's tens of thousands). */
  omittedRows: number;
  /** Rows by verdict, all of them (listed or not). */
  counts: Record<Verdict, number>;
  missing: Array<{ domain: string | null; indicator: string; upstream: UpstreamValue }>;
  /** The one-line definition of the confidence labels, with the docs link. */
  confidence?: string;
}

export interface CheckFilesResult {
  files: number;
  findings: number;
}

export interface StatusParams {
  uri: string;
  /** Baseline titles joined by " + ". */
  baseline: string;
  /** Each upstream with its kind of source, localised by the server (core/provenance.ts). */
  upstream?: Array<{
    id: string;
    title: string;
    kind: 'official' | 'reconstructed' | 'unsourced' | 'mixed';
    short: string;
    label: string;
    text: string;
  }>;
  /** The one-line definition of the confidence labels, with the docs link. */
  confidence?: string;
  /** Upstream plans the draft names (依据《…》) that were not supplied, hence not compared. */
  notSupplied?: string[];
  errors: number;
  warnings: number;
  infos: number;
  skipped?: string;
}

/** Workspace files whose title matches a declared upstream that was not supplied (sent once per change). */
export const OffersNotification = 'planlint/offers';
export interface OffersParams {
  uri: string;
  offers: Array<{ title: string; path: string }>;
}

/** Rule ids with a doc in dist/docs/rules (DESIGN.md; stable): the core's list, data only. */
export { RULE_IDS } from '../../server/src/core/types';

/** planlint/readSource: the plan text of a Word/WPS/PDF/HTML file for its read-only view (docs/LSP.md). */
export const ReadSourceRequest = 'planlint/readSource';
/** The scheme of the read-only plan views (server/src/lsp/workspace.ts SOURCE_VIEW_SCHEME). */
export const SOURCE_VIEW_SCHEME = 'planlint-source';
export const SOURCE_VIEW_SUFFIX = '.plan.txt';

export interface SourceRefInfo {
  paragraph?: number;
  page?: number;
  table?: number;
  row?: number;
}

export interface ReadSourceResult {
  uri: string;
  text?: string;
  format?: string;
  lineRefs?: Array<SourceRefInfo | null>;
  /** One line in the user's language when the file cannot be read. */
  error?: string;
}
