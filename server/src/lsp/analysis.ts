// One check of one document version: size policy, parse, core check, conversion to diagnostics.
// Pure apart from the logger it is given; never throws (a core exception becomes one diagnostic).
import { Buffer } from 'node:buffer';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { checkPlan, looksLikePlan, parsePlan } from '../core';
import type { Baseline, Finding, Locale, PlanDocument, PlanlintConfig, Segmenter } from '../core';
import { countSeverities, splitLines, toDiagnostic, type ConvertContext } from './convert';
import { msg } from './messages';

export interface AnalysisInput {
  uri: string;
  version: number;
  text: string;
  config: PlanlintConfig;
  baselines: Baseline[];
  locale: Locale;
  maxFileSize: number;
  segmenter?: Segmenter;
  /** Only the structural rules (domains, numbering): the segmenter is still loading. */
  structuralOnly: boolean;
  /** Drops findings the config's ignore list covers (the core may already have). */
  baseDir?: string;
  upstreamLines?: (p: string) => readonly string[] | null;
  /** Problems met while resolving config/baselines: shown as information diagnostics at the top. */
  notices?: string[];
  logError?: (message: string) => void;
}

export interface Analysis {
  uri: string;
  version: number;
  lines: string[];
  plan: PlanDocument | null;
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** True when only the structural rules ran. */
  partial: boolean;
  skipped?: string;
  failed?: boolean;
  counts: { errors: number; warnings: number; infos: number };
}

function topDiagnostic(lines: string[], message: string, severity: DiagnosticSeverity, code: string): Diagnostic {
  const end = Math.min(lines[0]?.length ?? 0, Math.max(0, lines[0]?.length ?? 0));
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: end } },
    severity,
    source: 'planlint',
    code,
    message,
  };
}

export function analyze(input: AnalysisInput): Analysis {
  const lines = splitLines(input.text);
  const base = { uri: input.uri, version: input.version, lines };
  const bytes = input.text.length > input.maxFileSize / 3 ? Buffer.byteLength(input.text, 'utf8') : 0;
  if (bytes > input.maxFileSize) {
    // Only plans get the notice: a large log or data file open in the editor stays quiet.
    if (!looksLikePlan(input.text)) {
      return { ...base, plan: null, findings: [], diagnostics: [], partial: false, counts: { errors: 0, warnings: 0, infos: 0 } };
    }
    const d = topDiagnostic(
      lines,
      msg(input.locale, 'skipped', bytes, input.maxFileSize),
      DiagnosticSeverity.Information,
      'file-too-large',
    );
    return {
      ...base,
      plan: null,
      findings: [],
      diagnostics: [d],
      partial: false,
      skipped: msg(input.locale, 'skippedShort', input.maxFileSize),
      counts: { errors: 0, warnings: 0, infos: 1 },
    };
  }
  let plan: PlanDocument | null = null;
  try {
    // Fault injection for the robustness test (test/lsp): a text holding this marker fails like a core bug.
    const fault = process.env.PLANLINT_LSP_FAULT_MARKER;
    if (fault && input.text.includes(fault)) throw new Error(`injected fault (${fault})`);
    plan = parsePlan(input.text);
    if (!plan.isPlan) {
      return { ...base, plan, findings: [], diagnostics: [], partial: false, counts: { errors: 0, warnings: 0, infos: 0 } };
    }
    const structuralOnly = input.structuralOnly;
    const raw = checkPlan(plan, input.baselines, {
      config: input.config,
      locale: input.locale,
      segmenter: input.segmenter,
      structuralOnly,
    });
    // checkPlan has applied the configuration (severities, the ignore list) and filled lineText
    const findings = raw;
    const ctx: ConvertContext = { uri: input.uri, lines, baseDir: input.baseDir, upstreamLines: input.upstreamLines };
    const diagnostics = findings.map((f) => toDiagnostic(f, ctx));
    // an unusable config or upstream changes what is checked: a warning, not a footnote
    for (const n of input.notices ?? []) diagnostics.unshift(topDiagnostic(lines, n, DiagnosticSeverity.Warning, 'config'));
    const counts = countSeverities(findings);
    counts.warnings += input.notices?.length ?? 0;
    return { ...base, plan, findings, diagnostics, partial: structuralOnly, counts };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    input.logError?.(`PlanLint core failed on ${input.uri} (version ${input.version}): ${err.stack ?? err.message}`);
    const d = topDiagnostic(lines, msg(input.locale, 'internalError', err.message), DiagnosticSeverity.Error, 'internal-error');
    return {
      ...base,
      plan,
      findings: [],
      diagnostics: [d],
      partial: false,
      failed: true,
      counts: { errors: 1, warnings: 0, infos: 0 },
    };
  }
}
