// Public API of the pure core. Adapters (cli.ts, server.ts, node/*) import from here only.
export * from './types';
export { parsePlan, looksLikePlan } from './parse';
export { checkPlan, type CheckOptions } from './check';
export { planToBaseline, sentenceAt, officialEvidence, levelOf } from './baseline';
export {
  BUILTIN_BASELINES,
  BUILTIN_ALIASES,
  getBuiltinBaseline,
  fileToBaseline,
  officialOf,
  listBuiltinBaselines,
  getBuiltinBaselineFile,
  getBuiltinQualitative,
  type BaselineFile,
  type BaselineFileTarget,
  type QualitativeGoal,
  type BuiltinBaselineSummary,
} from './baselines';
export { alignTargets, alignmentScore, nameSimilarity, clearNameCaches, MATCH_THRESHOLD, type Alignment } from './align';
export { readDisableComments, disabledAt, disableNextLineComment } from './disable';
export { clampFinding, isIgnored, ignoreMatcher, MAX_FINDINGS } from './check';
export { soften, severityRank, SEVERITY_ORDER } from './severity';
export {
  RULES,
  getRule,
  RULE_REGISTRY,
  ruleMeta,
  resolveRuleId,
  rulesTagged,
  ruleDocPath,
  type RuleDef,
  type RuleContext,
  type RuleImpl,
  type RuleMeta,
  type RuleTag,
  type RegisteredRuleId,
} from './rules';
export { finding, type Span } from './rules/finding';
export { localize, resolveLocale, translator, formatMessage, CATALOGUES, type Catalogue, type Translate } from './i18n';
export { splitLines } from './text';
export { LruCache } from './cache';
export {
  compare,
  listedRows,
  verdictCounts,
  MAX_LISTED_ROWS,
  shortBaselineName,
  upstreamFigure,
  type Comparison,
  type ComparisonRow,
  type UpstreamFigure,
  type Verdict,
} from './compare';
export {
  planTokens,
  encodeTokens,
  diffTokens,
  applyTokenEdits,
  TOKEN_TYPES,
  TOKEN_MODIFIERS,
  VERDICT_MODIFIER,
  type PlanToken,
  type TokenType,
  type TokenModifier,
  type TokensEdit,
} from './tokens';
export {
  provenanceOf,
  describeProvenance,
  provenanceSentence,
  sourceKindLabel,
  sourceKindShort,
  sourceName,
  positionText,
  confidenceLabel,
  confidenceDefinition,
  confidenceLegend,
  baselineSourceKind,
  describeBaselineKind,
  provenanceJson,
  CONFIDENCE_DOC_URL,
  CONFIDENCE_DOC_PATH,
  type SourceKind,
  type Provenance,
  type ProvenanceInput,
} from './provenance';
export { declaredChain, declaredUpstreams, sameDocument, titleKey, type DeclaredUpstream } from './chain';
export {
  planToBaselineFile,
  verifyBaseline,
  correctedBaselineFile,
  type ImportOptions,
  type VerifyReport,
  type VerifiedTarget,
  type VerifyStatus,
} from './verify';
