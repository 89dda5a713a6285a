import type { Locale } from './types';
import zh from '../../../l10n/bundle.l10n.zh-cn.json';

const ZH: Record<string, string> = zh as Record<string, string>;

/** Picks zh-cn or en from a VS Code / POSIX locale string; zh-cn when unknown. */
export function resolveLocale(raw?: string | null): Locale {
  if (!raw) return 'zh-cn';
  const s = raw.toLowerCase();
  if (s.startsWith('en')) return 'en';
  return 'zh-cn';
}

/** Message templates are English strings (the l10n bundle keys); zh-cn looks them up in l10n/bundle.l10n.zh-cn.json. */
export function localize(locale: Locale, key: string, ...args: Array<string | number>): string {
  const template = locale === 'en' ? key : ZH[key] ?? key;
  return template.replace(/\{(\d+)\}/g, (m, i) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}
