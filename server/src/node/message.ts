// A message of an error thrown by the adapters (read, config, formats): an English template of the l10n bundle
// and its arguments, formatted where it is shown (cli, server, reports) in the caller's locale by the core's
// localize(). An argument may itself be a message (a cause inside a sentence), localized in the same locale.
// One mechanism for every message: the zh-CN wording lives in l10n/bundle.l10n.zh-cn.json, never in the code.
import { localize } from '../core/i18n';
import type { Locale } from '../core/types';

export type MessageArg = string | number | Message;

/** An English template with {0} placeholders and its arguments. */
export interface Message {
  readonly template: string;
  readonly args: readonly MessageArg[];
}

/** The message `template` with `args` (scripts/l10n-keys.mjs lists the templates given here). */
export function message(template: string, ...args: MessageArg[]): Message {
  return { template, args };
}

/** The message's text in `locale`: its template translated, nested messages too, then formatted. */
export function formatIn(locale: Locale, msg: Message): string {
  const args = msg.args.map((a) => (typeof a === 'object' && a !== null ? formatIn(locale, a) : a));
  return localize(locale, msg.template, ...args);
}

/** True for a Message-shaped value (also one built by another bundle, such as dist/pdf.js). */
export function isMessage(value: unknown): value is Message {
  const m = value as Message | null;
  return !!m && typeof m === 'object' && typeof m.template === 'string' && Array.isArray(m.args);
}

/** An error's one-line text in `locale`: localized(locale) for the errors that carry a Message, else its message. */
export function errorText(locale: Locale, error: unknown): string {
  const localized = (error as { localized?: (l: Locale) => string } | null)?.localized;
  return typeof localized === 'function' ? localized.call(error, locale) : ((error as Error)?.message ?? String(error));
}
