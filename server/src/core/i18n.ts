// Localisation, one mechanism for every message of the core, the server, the CLI and the reports: a
// message is an English template with {0} placeholders; a catalogue maps templates to their
// translation; zh-CN is the default locale. The adapters choose the locale (CLI --locale, the VS Code
// display language, the config's "locale") and pass it in; nothing here is configured globally.
// Pure: the zh-CN catalogue is the bundle the VS Code client uses too (l10n/bundle.l10n.zh-cn.json),
// imported as data at build time; no file reads, no state.
import type { Locale } from './types';
import zh from '../../../l10n/bundle.l10n.zh-cn.json';

/** English message template → its translation. */
export type Catalogue = Readonly<Record<string, string>>;

/** A function that localises one message template with its arguments. */
export type Translate = (template: string, ...args: Array<string | number>) => string;

/** The built-in catalogues: zh-CN from the bundle, English = the templates themselves. */
export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = Object.freeze({
  'zh-cn': Object.freeze({ ...(zh as Record<string, string>) }),
  en: Object.freeze({}),
});

/** Picks zh-cn or en from a VS Code / POSIX locale string; zh-cn when unknown. */
export function resolveLocale(raw?: string | null): Locale {
  if (!raw) return 'zh-cn';
  return raw.toLowerCase().startsWith('en') ? 'en' : 'zh-cn';
}

/** Fills {0}, {1}… with `args`; a placeholder without an argument is left as written. */
export function formatMessage(template: string, args: ReadonlyArray<string | number>): string {
  if (!args.length) return template;
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const arg = args[Number(index)];
    return arg === undefined ? whole : String(arg);
  });
}

/** The message for `locale`: the translation of the English template (or the template itself), formatted. */
export function localize(locale: Locale, template: string, ...args: Array<string | number>): string {
  return translate(CATALOGUES[locale] ?? CATALOGUES['zh-cn'], template, args);
}

/** A Translate for `locale`, over the built-in catalogue or the one given. */
export function translator(locale: Locale, catalogue: Catalogue = CATALOGUES[locale] ?? CATALOGUES['zh-cn']): Translate {
  return (template, ...args) => translate(catalogue, template, args);
}

function translate(catalogue: Catalogue, template: string, args: ReadonlyArray<string | number>): string {
  const translated = Object.prototype.hasOwnProperty.call(catalogue, template) ? catalogue[template] : '';
  return formatMessage(translated || template, args);
}
