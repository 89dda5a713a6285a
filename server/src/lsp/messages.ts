// Messages the language server itself shows (action titles, skip and error notices).
// The core's finding messages come localised from the core; these are the server's own.
import type { Locale } from '../core';

const MESSAGES = {
  skipped: {
    en: 'PlanLint did not check this file: it is {0} bytes, above planlint.maxFileSize ({1} bytes). Raise the setting to check it.',
    zh: 'PlanLint 未检查此文件：文件大小为 {0} 字节，超过 planlint.maxFileSize（{1} 字节）。调大该设置即可检查。',
  },
  skippedShort: { en: 'above maxFileSize ({0} bytes)', zh: '超过 maxFileSize（{0} 字节）' },
  internalError: {
    en: 'PlanLint could not check this document (internal error: {0}). The details are in the PlanLint output log; other documents are still checked.',
    zh: 'PlanLint 无法检查此文档（内部错误：{0}）。详情见 PlanLint 输出日志；其他文档仍正常检查。',
  },
  upstreamUnreadable: {
    en: 'PlanLint could not read the upstream plan "{0}": {1}',
    zh: 'PlanLint 无法读取上级规划“{0}”：{1}',
  },
  upstreamUnknown: {
    en: 'Unknown upstream baseline "{0}" (planlint.upstream / .planlintrc.json): neither a built-in id nor a readable file.',
    zh: '未知的上级基线“{0}”（planlint.upstream / .planlintrc.json）：既不是内置基线 id，也不是可读取的文件。',
  },
  configUnreadable: {
    en: 'PlanLint could not read {0}: {1}. The defaults are used.',
    zh: 'PlanLint 无法读取 {0}：{1}。已改用默认配置。',
  },
  fixTitle: { en: 'Fix: {0}', zh: '修复：{0}' },
  fixAllTitle: { en: 'Fix all numbering problems (PlanLint)', zh: '修复全部编号问题（PlanLint）' },
  ignoreTitle: {
    en: 'Ignore this {0} finding (add it to .planlintrc.json)',
    zh: '忽略此 {0} 问题（写入 .planlintrc.json）',
  },
  disableLineTitle: {
    en: 'Disable {0} for this line (insert a planlint-disable-next-line comment)',
    zh: '对此行停用 {0}（插入 planlint-disable-next-line 注释）',
  },
  docTitle: { en: 'Show the documentation of rule {0}', zh: '查看规则 {0} 的说明' },
  ignoreReason: { en: 'ignored from the editor', zh: '在编辑器中忽略' },
  // Hover
  hoverTarget: { en: 'Target', zh: '目标' },
  hoverIndicator: { en: 'Indicator', zh: '指标' },
  hoverDraft: { en: 'Draft', zh: '草案' },
  hoverUpstream: { en: 'Upstream', zh: '上级' },
  hoverVerdict: { en: 'Verdict', zh: '结论' },
  hoverConfidence: { en: 'confidence', zh: '可信度' },
  hoverNoUpstream: { en: 'no upstream target for this indicator', zh: '上级规划中没有对应指标' },
  verdict_ok: { en: 'as ambitious as the upstream target, or more', zh: '不低于上级目标' },
  verdict_weaker: { en: 'weaker than the upstream target', zh: '低于上级目标' },
  verdict_unmatched: { en: 'no matching upstream target', zh: '无对应上级目标' },
  verdict_horizon: {
    en: 'weaker than the upstream target, which is set for another year (no upstream milestone for the draft\'s year)',
    zh: '低于上级目标，但上级目标针对另一年份（上级未设本规划年份的阶段目标）',
  },
  hoverDomain: { en: 'Domain {0} ({1})', zh: '领域：{0}（{1}）' },
  hoverDomainTargets: { en: '{0} numeric targets', zh: '数值目标 {0} 项' },
  hoverDomainFindings: { en: '{0} findings', zh: '问题 {0} 个' },
  hoverFindings: { en: 'Findings on this line', zh: '本行问题' },
  symbolGoals: { en: 'Main targets', zh: '主要目标' },
  symbolMeasures: { en: 'Strategies and measures', zh: '策略措施' },
  year: { en: 'in {0}', zh: '{0}年' },
  lineOf: { en: 'line {0}', zh: '第 {0} 行' },
  upstreamSource: { en: 'Upstream source: {0}', zh: '上级依据：{0}' },
} satisfies Record<string, { en: string; zh: string }>;

export type MessageKey = keyof typeof MESSAGES;

export function msg(locale: Locale, key: MessageKey, ...args: Array<string | number>): string {
  const m = MESSAGES[key];
  const template = locale === 'en' ? m.en : m.zh;
  return template.replace(/\{(\d+)\}/g, (s, i) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : s));
}
