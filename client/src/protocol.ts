// The custom part of the LSP contract between this client and dist/server.js (docs: briefs/lsp-contract.md,
// mirrored in docs/ARCHITECTURE.md). Plain types and method names only: no vscode import here.

export const BaselinesRequest = 'planlint/baselines';
export const ComparisonRequest = 'planlint/comparison';
export const CheckFilesRequest = 'planlint/checkFiles';
export const StatusNotification = 'planlint/status';

export interface BaselineInfo {
  id: string;
  title: string;
  level: string;
  targets: number;
  coverage?: string;
}

// The comparison rows are the core's (server/src/core/compare.ts): types only, nothing bundled.
import type { ComparisonRow, UpstreamFigure, Verdict } from '../../server/src/core/compare';
export type { ComparisonRow, Verdict };
export type UpstreamValue = UpstreamFigure;

export interface ComparisonResult {
  uri: string;
  baselines: Array<{ id: string; title: string; path?: string }>;
  rows: ComparisonRow[];
  missing: Array<{ domain: string | null; indicator: string; upstream: UpstreamValue }>;
}

export interface CheckFilesResult {
  files: number;
  findings: number;
}

export interface StatusParams {
  uri: string;
  /** Baseline titles joined by " + ". */
  baseline: string;
  errors: number;
  warnings: number;
  infos: number;
  skipped?: string;
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
