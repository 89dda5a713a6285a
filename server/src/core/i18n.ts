// Localisation for the core, the server and the CLI: @vscode/l10n over the one bundle the VS Code
// client uses too (l10n/bundle.l10n.zh-cn.json). Message templates are English ({0} placeholders);
// zh-CN is the default locale. Pure: the bundle is imported as data at build time, no file reads.
import * as l10n from '@vscode/l10n';
import type { Locale } from './types';
import zh from '../../../l10n/bundle.l10n.zh-cn.json';

const ZH = zh as Record<string, string>;
let configured: Locale | null = null;

/** Picks zh-cn or en from a VS Code / POSIX locale string; zh-cn when unknown. */
export function resolveLocale(raw?: string | null): Locale {
  if (!raw) return 'zh-cn';
  return raw.toLowerCase().startsWith('en') ? 'en' : 'zh-cn';
}

/** The message for `locale`: the zh-CN translation of the English template, or the template itself. */
export function localize(locale: Locale, key: string, ...args: Array<string | number>): string {
  if (configured !== locale) {
    l10n.config({ contents: locale === 'en' ? {} : ZH });
    configured = locale;
  }
  return l10n.t(key, ...args);
}
