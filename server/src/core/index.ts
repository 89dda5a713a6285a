// Public API of the pure core. Adapters (cli.ts, server.ts, node/*) import from here only.
export * from './types';
export { parsePlan } from './parse';
export { checkPlan, type CheckOptions } from './check';
export { planToBaseline } from './baseline';
export { BUILTIN_BASELINES, getBuiltinBaseline } from './baselines';
export { RULES, getRule, type RuleDef, type RuleContext } from './rules';
export { localize, resolveLocale } from './i18n';
