// The `planlint.*` settings (workspace/configuration, section "planlint"), validated, with their
// defaults, and how they combine with a .planlintrc.json: settings override the file.
import type { Locale, PlanlintConfig, RuleId, Severity } from '../core';
import { resolveLocale, resolveRuleId } from '../core';

export interface PlanlintSettings {
  enable: boolean;
  /** Built-in baseline ids or paths; empty = .planlintrc.json's, else "national". */
  upstream: string[];
  rules: Partial<Record<RuleId, Severity | 'off'>>;
  locale: 'auto' | 'zh-cn' | 'en';
  /** Bytes (UTF-8); above it the check is skipped with one information diagnostic. */
  maxFileSize: number;
  debounceMs: number;
  inlayHints: boolean;
  /** Read upstream plan files outside the workspace folders (off: such a path is reported, not read). */
  allowUpstreamOutsideWorkspace: boolean;
}

export const DEFAULT_SETTINGS: PlanlintSettings = {
  enable: true,
  upstream: [],
  rules: {},
  locale: 'auto',
  maxFileSize: 2_000_000,
  debounceMs: 200,
  inlayHints: true,
  allowUpstreamOutsideWorkspace: false,
};

export const DEFAULT_UPSTREAM = ['national'];

const LEVELS = new Set(['error', 'warning', 'info', 'off']);

/** Accepts whatever the client sent (null, partial, wrong types) and returns complete settings. */
export function normalizeSettings(raw: unknown): PlanlintSettings {
  const s: Record<string, unknown> = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const out: PlanlintSettings = { ...DEFAULT_SETTINGS, rules: {} };
  if (typeof s.enable === 'boolean') out.enable = s.enable;
  if (Array.isArray(s.upstream)) out.upstream = s.upstream.filter((u): u is string => typeof u === 'string' && u.trim() !== '');
  if (s.rules && typeof s.rules === 'object' && !Array.isArray(s.rules)) {
    for (const [k, v] of Object.entries(s.rules as Record<string, unknown>)) {
      // an alias of the registry names its rule (unknown names are kept: check.ts ignores them)
      if (typeof v === 'string' && LEVELS.has(v)) (out.rules as Record<string, string>)[resolveRuleId(k) ?? k] = v;
    }
  }
  if (s.locale === 'zh-cn' || s.locale === 'en' || s.locale === 'auto') out.locale = s.locale;
  if (typeof s.maxFileSize === 'number' && Number.isFinite(s.maxFileSize) && s.maxFileSize > 0) out.maxFileSize = s.maxFileSize;
  if (typeof s.debounceMs === 'number' && Number.isFinite(s.debounceMs) && s.debounceMs >= 0)
    out.debounceMs = Math.min(s.debounceMs, 10_000);
  if (typeof s.inlayHints === 'boolean') out.inlayHints = s.inlayHints;
  if (typeof s.allowUpstreamOutsideWorkspace === 'boolean') out.allowUpstreamOutsideWorkspace = s.allowUpstreamOutsideWorkspace;
  // the same upstream named twice is one
  out.upstream = [...new Set(out.upstream)];
  return out;
}

/** Locale: the setting unless "auto", else the client's (initializationOptions.locale / InitializeParams.locale), else zh-cn. */
export function effectiveLocale(settings: PlanlintSettings, clientLocale: string | undefined, fileLocale?: Locale): Locale {
  if (settings.locale !== 'auto') return settings.locale;
  if (clientLocale) return resolveLocale(clientLocale);
  if (fileLocale) return fileLocale;
  return 'zh-cn';
}

/** The config the core sees: the .planlintrc.json (if any), overridden by the settings. */
export function effectiveConfig(settings: PlanlintSettings, file: Partial<PlanlintConfig> | null): PlanlintConfig {
  const upstream = settings.upstream.length ? settings.upstream : file?.upstream?.length ? file.upstream : DEFAULT_UPSTREAM;
  return {
    upstream: [...upstream],
    rules: { ...(file?.rules ?? {}), ...settings.rules },
    ignore: [...(file?.ignore ?? [])],
    locale: file?.locale,
  };
}
