// Core data model of PlanLint. Pure data: no I/O, no vscode imports.
// Conventions: `line` is 1-based (as split on "\n" after normalising CRLF/CR);
// `col`/`endCol` are 0-based UTF-16 offsets inside that line (JS string indices), end exclusive.

import type { RegisteredRuleId } from './rules/registry';

export type DomainId = '健康' | '安全' | '教育' | '福利' | '家庭' | '环境' | '法律保护';
export const DOMAIN_IDS: DomainId[] = ['健康', '安全', '教育', '福利', '家庭', '环境', '法律保护'];

export type Severity = 'error' | 'warning' | 'info';
/** A registered rule's id (rules/registry.ts is their single source), or one of the engine's own findings. */
export type RuleId = RegisteredRuleId | 'internal-error' | 'file-too-large' | 'too-many-findings';

export type Locale = 'zh-cn' | 'en';

/** The rules' stable ids (DESIGN.md): what configuration, disable comments and docs name. */
export { RULE_IDS } from './rules/registry';

/** Marker families of GB/T 9704 style outlines, plus markdown headings. */
export type MarkerFamily =
  | 'cn' // 一、
  | 'paren-cn' // （一） (一)
  | 'arabic' // 1. 1、 1．
  | 'paren-arabic' // （1） (1)
  | 'circled' // ①
  | 'md'; // markdown heading without a numbering marker

export interface OutlineNode {
  line: number;
  /** Outline level: 1 一、 2 （一） 3 1. 4 （1） 5 ①; 0 for an unnumbered markdown heading. */
  level: number;
  family: MarkerFamily;
  /** The marker as written ("（二）", "2、", "一、", "①"); "" for unnumbered md headings. */
  marker: string;
  /** Its number (二 → 2); null when unnumbered. */
  number: number | null;
  /** Punctuation style: 'full'/'half' for brackets, '.', '、', '．' for arabic, '、' for cn. */
  style: string;
  /** Column range of the marker in the line. */
  col: number;
  endCol: number;
  /** Text after the marker (trimmed). */
  text: string;
  /** Markdown heading depth (# = 1), or null when the line is not a markdown heading. */
  mdDepth: number | null;
  /** True when this line looks like a heading (short, no sentence body) rather than a list item with prose. */
  heading: boolean;
}

export interface NoiseRegion {
  start: number;
  end: number;
  /** page: page furniture (page numbers, running headers of a PDF copy). */
  kind: 'toc' | 'notice' | 'table' | 'title' | 'page';
}

export interface Part {
  start: number;
  end: number;
}

export interface DomainSection {
  domain: DomainId;
  /** The label as written: 儿童与健康, 儿童与发展环境 … */
  label: string;
  /** Heading line and its range. */
  line: number;
  col: number;
  endCol: number;
  /** Last line of the section (inclusive). */
  endLine: number;
  /** Outline node index of the heading. */
  node: number;
  goals: Part | null;
  measures: Part | null;
  /** The 主要目标 label's line, or null when the goals part is implied (no label: what precedes 策略措施). */
  goalsLabel?: number | null;
  /** Lines of the goals part holding text other than a bare label (0: an empty 主要目标 part). */
  goalsContent?: number;
}

export type TargetKind = 'max' | 'min';
export type TargetMeasure = 'relative_reduction' | 'annual_reduction';

export interface Target {
  line: number;
  /** Column range of the value (the number) in its line. */
  col: number;
  endCol: number;
  domain: DomainId | null;
  indicator: string;
  kind: TargetKind;
  value: number;
  /** The number as written ("2.0"), for edits that keep formatting. */
  valueText: string;
  unit: string;
  year: number | null;
  measure?: TargetMeasure;
  baselineYear?: number;
  valueMax?: number;
  approx?: boolean;
  /** Where it was read: a domain's 主要目标 part, or a target table. */
  from: 'goals' | 'table';
}

export interface PlanDocument {
  /** Lines of the normalised text (no line terminators). */
  lines: string[];
  title: string | null;
  period: { start: number; end: number } | null;
  upstreamRefs: string[];
  outline: OutlineNode[];
  /** Outline lines excluded because they sit in a TOC, notice, table or title. */
  noise: NoiseRegion[];
  domains: DomainSection[];
  targets: Target[];
  /** True when the text looks like a plan (a plan title or a domain heading early on). */
  isPlan: boolean;
}

export type Confidence = 'high' | 'medium' | 'low';

/**
 * A figure read from the official text of an upstream plan the user supplied (or imported with
 * `planlint baselines import`): the file, where in it, and the sentence it was read from.
 */
export interface OfficialEvidence {
  /** The file as the user named it (a path, relative to the baseline file when imported). */
  file: string;
  /** 1-based line of the figure in the file's text (as PlanLint reads it). */
  line: number;
  /** 1-based column (in characters) where `quote` starts in that line. */
  column?: number;
  /** 1-based paragraph number (non-empty lines counted), for files read as paragraphs (Word, PDF). */
  paragraph?: number;
  /** The sentence the figure was read from, verbatim. */
  quote: string;
}

export interface BaselineTarget {
  domain: DomainId | null;
  indicator: string;
  /** Extra words that identify the indicator (from the facts' keywords). */
  keywords: string[];
  kind: TargetKind;
  value: number;
  unit: string;
  year: number | null;
  measure?: TargetMeasure;
  baselineYear?: number;
  valueMax?: number;
  confidence: Confidence;
  /** 'main' = a 主要目标; 'related' = a figure outside the 主要目标 (compared, never reported missing). */
  role: 'main' | 'related';
  /** Provenance: URLs or local-plan references, and the line in an upstream plan file. */
  evidence: string[];
  /** Set when the figure was read from the official text of a file (see provenance.ts). */
  official?: OfficialEvidence;
  line?: number;
  note?: string;
}

export interface Baseline {
  id: string;
  title: string;
  level: 'national' | 'provincial' | 'city' | 'district' | 'file';
  period: { start: number; end: number } | null;
  /** Issuer and document number when known. */
  issuer?: string;
  docNo?: string;
  /** For a plan file given with --upstream: its path. For an imported baseline: its official text, when that file is at hand. */
  path?: string;
  /** builtin = server/data/baselines; imported = a baseline file (`planlint baselines import`, .planlint/baselines/); file = a plan file read as upstream. */
  origin?: 'builtin' | 'imported' | 'file';
  /** For an imported baseline: the baseline JSON file. */
  file?: string;
  coverage?: 'complete' | 'partial';
  targets: BaselineTarget[];
}

export interface TextEdit {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  newText: string;
}

export interface RelatedInfo {
  line: number;
  col: number;
  endCol: number;
  message: string;
  /** When the related place is in another document (an upstream plan file). */
  path?: string;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  message: string;
  domain?: DomainId;
  indicator?: string;
  draft?: { value: number; unit: string; kind: TargetKind; year: number | null; measure?: TargetMeasure; text?: string };
  upstream?: {
    value: number;
    unit: string;
    kind: TargetKind;
    year: number | null;
    measure?: TargetMeasure;
    baselineId: string;
    baselineTitle: string;
    confidence: Confidence;
    evidence: string[];
    /** The official text it was read from, when it was (else a reconstructed built-in figure). */
    official?: OfficialEvidence;
    /** The upstream indicator as that upstream words it. */
    indicator?: string;
    line?: number;
    path?: string;
  };
  related?: RelatedInfo[];
  /** The mechanical fix, when one exists (applied as is by quick fixes). */
  fix?: FindingFix;
  /** Expected marker for numbering findings. */
  expected?: string;
  /** Text of the finding's line (for ignore entries that survive line moves). */
  lineText?: string;
}

/**
 * A finding's fix. `edits` may be computed when first read (renumbering the rest of a list): adapters
 * that output many findings read `maxEdits` first to keep their output bounded.
 */
export interface FindingFix {
  title: string;
  edits: TextEdit[];
  /** An upper bound on edits.length known without computing the edits (set when they are computed lazily). */
  maxEdits?: number;
}

export interface IgnoreEntry {
  rule: RuleId | string;
  indicator?: string;
  /** The text of the line (trimmed); survives line moves. */
  text?: string;
  reason?: string;
}

export interface PlanlintConfig {
  upstream: string[];
  rules: Partial<Record<RuleId, Severity | 'off'>>;
  ignore: IgnoreEntry[];
  locale?: Locale;
}

export interface Segmenter {
  cut(text: string): string[];
}
