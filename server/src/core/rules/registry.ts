// The rule registry: the single source of every rule's metadata. One entry a rule; everything else
// that names rules is generated from it by `npm run gen` (scripts/gen-registry.mjs): the rule list of
// schemas/planlintrc.schema.json, package.json's planlint.rules settings, package.nls*.json, the rules
// tables of README.md and docs/rules/README.md, and the imports of rules/index.ts. The rule's code is
// rules/<id>.ts, its doc docs/rules/<id>.md. test/unit/registry-drift.test.js fails when a generated file
// is stale. Pure data: no imports but types (the VS Code client and the generator read it alone).
import type { Severity } from '../types';

/** Bilingual text: zh-CN (the default) and English. */
export interface Localized {
  readonly zh: string;
  readonly en: string;
}

/**
 * A rule's tags. The first one is its group (the tables list rules by group): `structure` (the plan's
 * sections), `upstream` (compared with the upstream plans, needs baselines), `numbering` (the outline's
 * markers; the numbering fixes are what source.fixAll.planlint applies).
 */
export type RuleTag = 'structure' | 'upstream' | 'numbering' | 'domains' | 'targets';

export interface RuleMeta {
  /** Stable id (kebab-case): what configuration, disable comments, diagnostics and docs name. */
  readonly id: string;
  /** Other names a configuration may use for it (resolved to the id). */
  readonly aliases: readonly string[];
  readonly tags: readonly [RuleTag, ...RuleTag[]];
  readonly defaultSeverity: Severity;
  /** Its findings carry a fix (a quick fix in the editor). */
  readonly fixable: boolean;
  /** Needs upstream baselines (and alignment, hence the segmenter): skipped by structural-only checks. */
  readonly needsBaselines: boolean;
  /** Short name: the CLI's `rules` list, SARIF's short description. */
  readonly title: Localized;
  /** A column heading's few words (the reports' matrix of findings by rule). */
  readonly short: Localized;
  /** What it finds, one sentence: settings, the schema, the rules tables. */
  readonly description: Localized;
  /** When its findings are not all of the default severity (a footnote in the rules tables). */
  readonly severityNote?: Localized;
}

export const RULE_REGISTRY = [
  {
    id: 'missing-domain',
    aliases: [],
    tags: ['structure', 'domains'],
    defaultSeverity: 'error',
    fixable: true,
    needsBaselines: false,
    title: { zh: '缺少标准领域（七大领域之一没有章节）', en: 'A standard domain has no section' },
    short: { zh: '缺少领域', en: 'missing domain' },
    description: {
      zh: '7 个发展领域中某个领域没有正文章节（目录、表格或句子里提到不算）。',
      en: 'One of the 7 domains has no section (a mention in the 目录, a table or a sentence is not one).',
    },
  },
  {
    id: 'weaker-target',
    aliases: [],
    tags: ['upstream', 'targets'],
    defaultSeverity: 'error',
    fixable: true,
    needsBaselines: true,
    title: { zh: '目标弱于上级规划', en: 'Target weaker than the upstream plan' },
    short: { zh: '目标偏弱', en: 'weaker target' },
    description: {
      zh: '数值目标不如上级规划同一指标积极（区分“以下/以上”方向；降幅比大小）。',
      en: 'A numeric target less ambitious than the upstream one for the same indicator (lower-is-better and higher-is-better aware; reductions compare their size).',
    },
    severityNote: {
      zh: '草案期限年份在上级规划中没有阶段性目标时为 warning；上级数值为低可信度时再降一级。',
      en: "Warning when the draft's horizon year has no upstream milestone; one severity softer when the upstream figure is low-confidence.",
    },
  },
  {
    id: 'missing-target',
    aliases: [],
    tags: ['upstream', 'targets'],
    defaultSeverity: 'warning',
    fixable: true,
    needsBaselines: true,
    title: { zh: '缺少上级规划的量化目标', en: 'Upstream numeric target missing from the draft' },
    short: { zh: '缺少目标', en: 'missing target' },
    description: {
      zh: '上级规划某领域的数值主要目标在草案该领域中没有对应。',
      en: "An upstream numeric main target with no counterpart in the draft's domain.",
    },
    severityNote: { zh: '上级数值为低可信度时为 info。', en: 'Info when the upstream figure is low-confidence.' },
  },
  {
    id: 'numbering-gap',
    aliases: [],
    tags: ['numbering', 'structure'],
    defaultSeverity: 'warning',
    fixable: true,
    needsBaselines: false,
    title: { zh: '序号跳号（同一列表中缺号或不从一开始）', en: 'A numbered list skips a number or does not start at one' },
    short: { zh: '序号缺漏', en: 'numbering gap' },
    description: {
      zh: '同一层级的序号跳号或缺号，如（一）（二）（四）。',
      en: "A level's sequence skips or loses a number, e.g. （一）（二）（四）.",
    },
  },
  {
    id: 'numbering-duplicate',
    aliases: [],
    tags: ['numbering', 'structure'],
    defaultSeverity: 'warning',
    fixable: true,
    needsBaselines: false,
    title: { zh: '序号重复（同一列表中同一序号出现两次）', en: 'A number repeats within one numbered list' },
    short: { zh: '序号重复', en: 'duplicate number' },
    description: { zh: '同一列表中序号重复，如 1. 2. 2.。', en: 'A number repeats within one list, e.g. 1. 2. 2.' },
  },
  {
    id: 'numbering-style',
    aliases: [],
    tags: ['numbering', 'structure'],
    defaultSeverity: 'warning',
    fixable: true,
    needsBaselines: false,
    title: { zh: '序号样式不统一（全角半角括号、标点或层级体系混用）', en: 'One outline level mixes numbering styles' },
    short: { zh: '序号样式', en: 'numbering style' },
    description: {
      zh: '同一层级混用序号样式：（二）与 (二)，1. 与 1、，该用“二、”处写成“2、”。',
      en: 'One level mixes marker styles: （二） and (二), 1. and 1、, 2、 where 二、 belongs.',
    },
  },
  {
    id: 'numbering-level',
    aliases: [],
    tags: ['numbering', 'structure'],
    defaultSeverity: 'warning',
    fixable: true,
    needsBaselines: false,
    title: {
      zh: '层级错乱（跳级，或 Markdown 标题级数与序号层级不一致）',
      en: 'Outline levels out of order, or markdown heading depth disagreeing with the numbering level',
    },
    short: { zh: '标题层级', en: 'heading level' },
    description: {
      zh: '层级顺序错误（一、→（一）→1.→（1）），或 Markdown 标题级数与序号层级不一致。',
      en: 'Levels out of order (一、→（一）→1.→（1）), or a markdown heading depth that disagrees with the numbering level.',
    },
  },
  {
    id: 'empty-goals',
    aliases: [],
    tags: ['structure', 'domains'],
    defaultSeverity: 'warning',
    fixable: false,
    needsBaselines: false,
    title: { zh: '主要目标为空', en: 'A domain with no main targets' },
    short: { zh: '目标为空', en: 'empty goals' },
    description: {
      zh: '某领域的主要目标部分没有内容：标题或“主要目标”之后直接是策略措施或下一个领域。',
      en: 'A domain whose 主要目标 part has no content: its heading or its 主要目标 label is followed directly by the 策略措施 or the next domain.',
    },
  },
] as const satisfies readonly RuleMeta[];

/** The id of a registered rule. */
export type RegisteredRuleId = (typeof RULE_REGISTRY)[number]['id'];

/** The registered rules' ids, in registry order. */
export const RULE_IDS: readonly RegisteredRuleId[] = RULE_REGISTRY.map((rule) => rule.id);

/** A rule's metadata by id, or undefined. */
export function ruleMeta(id: string): RuleMeta | undefined {
  return RULE_REGISTRY.find((rule) => rule.id === id);
}

/** The id a configuration's name stands for (an id or an alias), or undefined when it names no rule. */
export function resolveRuleId(name: string): RegisteredRuleId | undefined {
  const rule = RULE_REGISTRY.find((r) => r.id === name || (r.aliases as readonly string[]).includes(name));
  return rule?.id;
}

/** The ids of the rules that carry a tag (e.g. the numbering group), in registry order. */
export function rulesTagged(tag: RuleTag): RegisteredRuleId[] {
  return RULE_REGISTRY.filter((rule) => (rule.tags as readonly RuleTag[]).includes(tag)).map((rule) => rule.id);
}

/** The rule's doc, relative to the repository (and to dist/, where the build copies docs/rules). */
export function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}
