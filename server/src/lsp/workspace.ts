// Per-document environment: the .planlintrc.json that applies (walking up from the document's
// folder), merged with the settings, and the upstream baselines it names (built-in ids, or plan
// files read from disk and turned into baselines by the same parser). File reads are cached by
// path and mtime; `invalidate()` drops the cache (a watched config file changed).
import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver';
import { getBuiltinBaseline, parsePlan, planToBaseline, sameDocument } from '../core';
import type { Baseline, IgnoreEntry, Locale, PlanlintConfig } from '../core';
import {
  CONFIG_FILE_NAME,
  ConfigError,
  addIgnoreEntryEdits,
  findConfigFile,
  isUpstreamId,
  loadConfig,
  mergeConfig,
  readPlanFile,
  readPlanSource,
  DOCUMENT_EXTENSIONS,
  collectPlanFiles,
  findBaselinesDir,
  listBaselineFiles,
  listImportedBaselines,
  loadBaselineFile,
  type ImportedBaselineInfo,
} from '../node';
import { errorText, formatIn, message, type Message } from '../node/message';
import { splitLines } from './convert';
import { msg } from './messages';
import { DEFAULT_UPSTREAM, type PlanlintSettings } from './settings';
import type { IgnoreEdit } from './actions';

/** An upstream file that reads as text but is not a plan (no domain section, no target). */
export class NotAPlanError extends Error {
  readonly cause_: Message;

  constructor(readonly file: string) {
    super(`${file}: not a plan (no domain sections and no targets found)`);
    this.name = 'NotAPlanError';
    this.cause_ = message('{0}: not a plan (no domain sections and no targets found)', file);
  }

  localized(locale: Locale = 'zh-cn'): string {
    return formatIn(locale, this.cause_);
  }
}

export interface DocEnvironment {
  config: PlanlintConfig;
  baselines: Baseline[];
  /** Problems with the config or an upstream entry (shown as information diagnostics). */
  notices: string[];
  configPath: string | null;
}

/** The scheme of the read-only plan views of Word/WPS/PDF/HTML files (docs/LSP.md). */
export const SOURCE_VIEW_SCHEME = 'planlint-source';
/** A view's path is the document's path plus this ending (so editors take it for a plan text). */
export const SOURCE_VIEW_SUFFIX = '.plan.txt';

/** file:///a/b.docx → planlint-source:///a/b.docx.plan.txt */
export function sourceViewUri(fileUri: string): string {
  return SOURCE_VIEW_SCHEME + fileUri.slice('file'.length) + SOURCE_VIEW_SUFFIX;
}

/** The file:// URI a plan view shows (planlint-source:///a/b.docx.plan.txt → file:///a/b.docx); null for other URIs. */
export function sourceViewFile(uri: string): string | null {
  if (!uri.startsWith(SOURCE_VIEW_SCHEME + ':')) return null;
  const rest = uri.slice(SOURCE_VIEW_SCHEME.length).replace(/[?#].*$/, '');
  return 'file' + (rest.endsWith(SOURCE_VIEW_SUFFIX) ? rest.slice(0, -SOURCE_VIEW_SUFFIX.length) : rest);
}

/** The file path of a file:// URI, or of the document a plan view shows. */
export function uriToPath(uri: string): string | null {
  const viewed = sourceViewFile(uri);
  if (viewed) return uriToPath(viewed);
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

/** True for files read by a document reader (Word, WPS, PDF, web page) rather than as text. */
export function isDocumentPath(p: string): boolean {
  return DOCUMENT_EXTENSIONS.includes(path.extname(p).toLowerCase());
}

/** The first bytes of a file as text (UTF-8, or UTF-16 with a BOM): enough for a plan's title. */
function readHead(p: string, bytes: number): string {
  const fd = openSync(p, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    const b = buf.subarray(0, n);
    if (b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString('utf16le');
    return b
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .replace(/\uFFFD+$/, '');
  } finally {
    closeSync(fd);
  }
}

function mtime(p: string): number {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return -1;
  }
}

interface CachedFile<T> {
  mtime: number;
  value: T;
}

export class Workspace {
  private folders: string[] = [];
  private configCache = new Map<string, CachedFile<PlanlintConfig | ConfigError>>();
  private findCache = new Map<string, string | null>();
  private planCache = new Map<string, CachedFile<{ baseline: Baseline; lines: string[] } | Error>>();

  setFolders(uris: string[]): void {
    this.folders = uris.map(uriToPath).filter((p): p is string => !!p);
  }

  /** Drop cached config lookups and files (a .planlintrc.json was created, changed or deleted). */
  invalidate(): void {
    this.configCache.clear();
    this.findCache.clear();
    this.planCache.clear();
  }

  /** The workspace folder holding `p`, else (unless `strict`) the first folder. */
  folderOf(p: string | null, strict = false): string | null {
    if (p) {
      const hit = this.folders
        .filter((f) => p === f || p.startsWith(f.endsWith(path.sep) ? f : f + path.sep))
        .sort((a, b) => b.length - a.length)[0];
      if (hit) return hit;
      if (strict) return null;
    }
    return this.folders[0] ?? null;
  }

  private startDir(uri: string): string | null {
    const p = uriToPath(uri);
    if (p) return path.dirname(p);
    return this.folders[0] ?? null;
  }

  configPathFor(uri: string): string | null {
    const dir = this.startDir(uri);
    if (!dir) return null;
    if (!this.findCache.has(dir)) this.findCache.set(dir, findConfigFile(dir));
    return this.findCache.get(dir) ?? null;
  }

  private loadConfigCached(file: string): PlanlintConfig | ConfigError {
    const m = mtime(file);
    const c = this.configCache.get(file);
    if (c && c.mtime === m) return c.value;
    let value: PlanlintConfig | ConfigError;
    try {
      value = loadConfig(file);
    } catch (e) {
      value = e instanceof ConfigError ? e : new ConfigError(file, null, message('{0}', (e as Error).message));
    }
    this.configCache.set(file, { mtime: m, value });
    return value;
  }

  /** Reads an upstream plan file into a baseline (cached by mtime); the Error when it cannot. */
  upstreamPlan(file: string): { baseline: Baseline; lines: string[] } | Error {
    const m = mtime(file);
    const c = this.planCache.get(file);
    if (c && c.mtime === m) return c.value;
    let value: { baseline: Baseline; lines: string[] } | Error;
    if (isDocumentPath(file)) return new Error('not read yet'); // documents: preload() reads them
    try {
      const { text } = readPlanFile(file);
      const plan = parsePlan(text);
      // as the CLI: a file with no domain section and no target is not an upstream plan
      if (plan.domains.length === 0 && plan.targets.length === 0) value = new NotAPlanError(file);
      else value = { baseline: planToBaseline(plan, path.basename(file), file), lines: splitLines(text) };
    } catch (e) {
      value = e instanceof Error ? e : new Error(String(e));
    }
    this.planCache.set(file, { mtime: m, value });
    return value;
  }

  private baselineFileCache = new Map<string, CachedFile<Baseline | Error>>();
  /** An imported baseline file (cached by mtime); the Error when it cannot be read. */
  baselineFile(file: string): Baseline | Error {
    const m = mtime(file);
    const c = this.baselineFileCache.get(file);
    if (c && c.mtime === m) return c.value;
    let value: Baseline | Error;
    try {
      value = loadBaselineFile(file);
    } catch (e) {
      value = e instanceof Error ? e : new Error(String(e));
    }
    this.baselineFileCache.set(file, { mtime: m, value });
    return value;
  }

  /** An imported baseline by id: .planlint/baselines/ID.json at or above the document's folder (or the workspace folder). */
  importedBaseline(id: string, docPath: string | null): Baseline | Error | null {
    const starts = [docPath ? path.dirname(docPath) : null, this.folderOf(docPath)].filter((x): x is string => !!x);
    for (const start of starts) {
      const want = `${id.trim().toLowerCase()}.json`;
      const file = listBaselineFiles(findBaselinesDir(start)).find((f) => path.basename(f).toLowerCase() === want);
      if (file) return this.baselineFile(file);
    }
    return null;
  }

  /** The imported baselines visible in the workspace folders (for the baseline picker). */
  importedBaselines(): ImportedBaselineInfo[] {
    const seen = new Set<string>();
    const out: ImportedBaselineInfo[] = [];
    for (const f of this.folders)
      for (const b of listImportedBaselines(f))
        if (!seen.has(b.file)) {
          seen.add(b.file);
          out.push(b);
        }
    return out;
  }

  private titleCache = new Map<string, CachedFile<string | null>>();
  /**
   * Plan files in the workspace whose title is one of `titles` (the upstream plans a draft names but the
   * user has not supplied): title → paths. Titles are read from each file's head, cached by mtime.
   */
  filesTitled(titles: string[], exclude: string | null): Map<string, string[]> {
    const out = new Map<string, string[]>();
    if (!titles.length || !this.folders.length) return out;
    let files: string[];
    try {
      files = collectPlanFiles(this.folders).slice(0, 500);
    } catch {
      return out;
    }
    for (const f of files) {
      if (exclude && path.resolve(f) === path.resolve(exclude)) continue;
      const m = mtime(f);
      let c = this.titleCache.get(f);
      if (!c || c.mtime !== m) {
        let title: string | null;
        try {
          title = parsePlan(readHead(f, 6000)).title;
        } catch {
          title = null;
        }
        c = { mtime: m, value: title };
        this.titleCache.set(f, c);
      }
      const t = c.value;
      if (!t) continue;
      for (const want of titles) if (sameDocument(want, t)) out.set(want, [...(out.get(want) ?? []), f]);
    }
    return out;
  }

  upstreamLines = (p: string): readonly string[] | null => {
    const r = this.planCache.get(p)?.value;
    return r && !(r instanceof Error) ? r.lines : null;
  };

  /** Reads (asynchronously) the upstream Word/PDF/HTML files the document's environment names, so environment() finds them cached. */
  async preload(uri: string, settings: PlanlintSettings): Promise<void> {
    for (const u of this.environment(uri, settings, 'zh-cn').config.upstream) {
      if (isUpstreamId(u) || !isDocumentPath(u)) continue;
      const m = mtime(u);
      const c = this.planCache.get(u);
      if (c && c.mtime === m) continue;
      let value: { baseline: Baseline; lines: string[] } | Error;
      try {
        const { text } = await readPlanSource(u);
        value = { baseline: planToBaseline(parsePlan(text), path.basename(u), u), lines: splitLines(text) };
      } catch (e) {
        value = e instanceof Error ? e : new Error(String(e));
      }
      this.planCache.set(u, { mtime: m, value });
    }
  }

  environment(uri: string, settings: PlanlintSettings, locale: Locale): DocEnvironment {
    const notices: string[] = [];
    const configPath = this.configPathFor(uri);
    let fileConfig: PlanlintConfig | null = null;
    if (configPath) {
      const c = this.loadConfigCached(configPath);
      if (c instanceof ConfigError) notices.push(msg(locale, 'configUnreadable', CONFIG_FILE_NAME, c.localized(locale)));
      else fileConfig = c;
    }
    // Settings override the file; settings' relative upstream paths are relative to the workspace folder.
    const folder = this.folderOf(uriToPath(uri)) ?? (uriToPath(uri) ? path.dirname(uriToPath(uri)!) : process.cwd());
    const settingsUpstream = settings.upstream.map((u) => (isUpstreamId(u) || path.isAbsolute(u) ? u : path.resolve(folder, u)));
    const base = fileConfig ?? { upstream: DEFAULT_UPSTREAM, rules: {}, ignore: [] };
    const config = mergeConfig(base, {
      upstream: settingsUpstream.length ? settingsUpstream : undefined,
      rules: settings.rules,
    });
    if (!config.upstream.length) config.upstream = [...DEFAULT_UPSTREAM];
    const baselines: Baseline[] = [];
    for (const u of config.upstream) {
      if (isUpstreamId(u)) {
        const b = getBuiltinBaseline(u) ?? this.importedBaseline(u, uriToPath(uri));
        if (b instanceof Error) notices.push(msg(locale, 'upstreamUnreadable', u, errorText(locale, b)));
        else if (b) baselines.push(b);
        else notices.push(msg(locale, 'upstreamUnknown', u));
        continue;
      }
      if (!settings.allowUpstreamOutsideWorkspace && !this.insideWorkspace(u, uri, configPath)) {
        notices.push(msg(locale, 'upstreamOutside', u));
        continue;
      }
      if (/\.json$/i.test(u)) {
        const b = this.baselineFile(u);
        if (b instanceof Error) notices.push(msg(locale, 'upstreamUnreadable', u, errorText(locale, b)));
        else baselines.push(b);
        continue;
      }
      const r = this.upstreamPlan(u);
      if (r instanceof NotAPlanError) notices.push(msg(locale, 'upstreamNotPlan', u));
      else if (r instanceof Error) {
        notices.push(msg(locale, 'upstreamUnreadable', u, errorText(locale, r)));
      } else baselines.push(r.baseline);
    }
    return { config, baselines, notices, configPath };
  }

  /**
   * Is an upstream path inside the workspace: inside one of its folders (after following symbolic
   * links), or, with no folder open, beside the document or its .planlintrc.json? A path that leaves
   * it ("../../../etc/passwd", a link out) needs planlint.allowUpstreamOutsideWorkspace.
   */
  insideWorkspace(p: string, uri: string, configPath: string | null): boolean {
    const real = (x: string) => {
      try {
        return realpathSync(x);
      } catch {
        return path.resolve(x);
      }
    };
    const roots = this.folders.length
      ? this.folders
      : [uriToPath(uri), configPath].filter((x): x is string => !!x).map((x) => path.dirname(x));
    const target = real(p);
    return roots.some((r) => {
      const root = real(r);
      const rel = path.relative(root, target);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    });
  }

  /** Where "ignore this finding" writes: the config that applies, else a new one in the workspace folder (or beside the document). */
  ignoreEdit(uri: string, entry: IgnoreEntry): IgnoreEdit | null {
    const existing = this.configPathFor(uri);
    if (existing) {
      let text: string;
      try {
        text = readPlanFile(existing).text;
      } catch {
        return null;
      }
      let edits;
      try {
        edits = addIgnoreEntryEdits(text, entry, existing);
      } catch {
        return null; // a broken config: the notice on the document says why
      }
      if (!edits.length) return null;
      const doc = TextDocument.create('file:///x', 'json', 0, text);
      const lspEdits: TextEdit[] = edits.map((e) => ({
        range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) },
        newText: e.content,
      }));
      return { uri: pathToFileURL(existing).href, exists: true, edits: lspEdits };
    }
    const docPath = uriToPath(uri);
    // The workspace folder that holds the document, else the document's own folder.
    const dir = (docPath ? (this.folderOf(docPath, true) ?? path.dirname(docPath)) : this.folderOf(null)) ?? null;
    if (!dir) return null;
    const file = path.join(dir, CONFIG_FILE_NAME);
    const [edit] = addIgnoreEntryEdits('', entry, file);
    return { uri: pathToFileURL(file).href, exists: false, content: edit.content };
  }
}
