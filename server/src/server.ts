// PlanLint language server: LSP wiring over the pure core (stdio or node IPC, chosen by
// vscode-languageserver from --stdio / --node-ipc). Everything non-trivial lives in ./lsp/*:
// analysis (one check of one version), convert (core → LSP, clamped ranges), actions, symbols,
// hover/inlay, compare, settings, workspace (config files, baselines), scheduler (debounce).
import {
  CancellationToken,
  CodeActionKind,
  CodeActionParams,
  Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  DocumentSymbol,
  InitializeParams,
  InitializeResult,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  SymbolInformation,
  TextDocumentSyncKind,
  WorkDoneProgress,
  createConnection,
  type CodeAction,
} from 'vscode-languageserver/node';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  BUILTIN_BASELINES,
  localize,
  declaredChain,
  baselineSourceKind,
  describeBaselineKind,
  confidenceLegend,
  sourceKindShort,
  provenanceJson,
  type ProvenanceInput,
  type Locale,
  type Segmenter,
  clearNameCaches,
} from './core';
import { clearBaselineLines } from './lsp/convert';
import { readPlanSource, PlanReadError } from './node/read';
import { errorText } from './node/message';
import { sourcePosition, type PlanSource } from './node/formats/source';
import { loadSegmenter } from './node/segmenter';
import { codeActions, resolvedFixEdit, FIX_ALL_KIND } from './lsp/actions';
import { draftJson } from './format/findings';
import { DocumentStore, type DocSnapshot, type DocState, type PendingRequest } from './lsp/documents';
import { analyze, type Analysis } from './lsp/analysis';
import { compare, listedRows, verdictCounts, type Comparison } from './core/compare';
import { domainHover, inlayHints, rowAt, targetHover } from './lsp/hover';
import { DEFAULT_SETTINGS, effectiveLocale, normalizeSettings, type PlanlintSettings } from './lsp/settings';
import { Scheduler, type RunToken } from './lsp/scheduler';
import { documentSymbols, foldingRanges } from './lsp/symbols';
import { LEGEND, SemanticTokensStore } from './lsp/semantic';
import { Workspace, uriToPath, sourceViewFile, sourceViewUri, SOURCE_VIEW_SCHEME } from './lsp/workspace';

// The young generation keeps its initial size instead of growing to 32 MB under a large document's
// allocations: V8 never shrinks it again, so after the documents close the grown space stayed resident
// (measured: RSS 67 → 122 MB after a fuzz session with it, 67 → 82 MB without; first diagnostics no slower).
v8.setFlagsFromString('--semi-space-growth-factor=1');
const connection: Connection = createConnection(ProposedFeatures.all);
const workspace = new Workspace();

/** Languages whose documents may be plans (the server then decides with PlanDocument.isPlan). */
const PLAN_LANGUAGES = new Set(['plan', 'plaintext', 'text', 'markdown', '']);

const client = {
  configuration: false,
  pull: false,
  pullRefresh: false,
  inlayRefresh: false,
  tokensRefresh: false,
  documentChanges: false,
  createFile: false,
  watchDynamic: false,
  configDynamic: false,
  hierarchicalSymbols: false,
  docCommand: false,
  offers: false,
  workspaceFolders: false,
  resolveEdit: false,
  foldingLimit: Number.MAX_SAFE_INTEGER,
  locale: undefined as string | undefined,
};
let folderUris: string[] = [];

interface Cached extends Analysis {
  /** The document state analysed (DocSnapshot.seq; 0 for a file read from disk). */
  seq: number;
  gen: number;
  settings: PlanlintSettings;
  locale: Locale;
  baselineTitle: string;
  baselines: import('./core').Baseline[];
  comparison?: Comparison;
}

// The open documents, one state object each (lsp/documents.ts): the server's exact copy of the text
// (every change validated and clamped), the analysis of one state, settings, the preparation done once
// per version, requests in flight, semantic tokens, debounce, a plan view's source map. Nothing about an
// open document is kept anywhere else; closing it drops it all.
type OpenDoc = DocState<Cached, PlanSource, PlanlintSettings>;
const documents = new DocumentStore<Cached, PlanSource, PlanlintSettings>((m) => connection.console.warn(m));

/** Bumped when the configuration, watched files or workspace folders change: every analysis is redone. */
let configGen = 0;
let globalSettings: PlanlintSettings = DEFAULT_SETTINGS;
const pushedClosed = new Set<string>(); // files checked by planlint/checkFiles while not open
const tokens = new SemanticTokensStore();

// --- the segmenter: loaded lazily, after the first (structural) diagnostics are out ----------
let segState: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
let segmenter: Segmenter | undefined;

function loadSegmenterNow(): void {
  if (segState === 'ready' || segState === 'failed') return;
  const t0 = Date.now();
  try {
    segmenter = loadSegmenter();
    segState = 'ready';
    connection.console.log(`nodejieba loaded in ${Date.now() - t0} ms`);
  } catch (e) {
    segState = 'failed';
    connection.console.error(`${(e as Error).message}; targets are aligned without word segmentation`);
  }
}

function ensureSegmenter(): void {
  if (segState !== 'idle') return;
  segState = 'loading';
  setImmediate(() => {
    segState = 'idle';
    loadSegmenterNow();
    recheckAll();
  });
}

// --- settings ---------------------------------------------------------------------------------
/** The settings of a document: asked of the client (workspace/configuration), or the global ones. */
function askSettings(uri: string): Promise<PlanlintSettings> {
  if (!client.configuration) return Promise.resolve(globalSettings);
  return connection.workspace
    .getConfiguration({ scopeUri: uri, section: 'planlint' })
    .then(normalizeSettings, () => globalSettings);
}

/** The settings of an open document: asked once per configuration generation, kept in its state. */
function settingsOf(st: OpenDoc): Promise<PlanlintSettings> {
  if (st.settings?.gen !== configGen) st.settings = { gen: configGen, value: askSettings(st.uri) };
  return st.settings.value;
}

/** The settings of any document: an open one's kept settings, else asked now. */
function settingsFor(uri: string): Promise<PlanlintSettings> {
  const st = documents.state(uri);
  return st ? settingsOf(st) : askSettings(uri);
}

function cachedDebounce(st: OpenDoc): number {
  return (st.analysis?.settings ?? globalSettings).debounceMs;
}

// --- analysis ---------------------------------------------------------------------------------
function isCandidate(doc: { languageId: string; uri: string }): boolean {
  return (
    PLAN_LANGUAGES.has(doc.languageId) ||
    /\.(txt|md|markdown|plan)$/i.test(doc.uri) ||
    doc.uri.startsWith(SOURCE_VIEW_SCHEME + ':')
  );
}

// --- Word/WPS/PDF/HTML files: read by node/read.ts, shown as read-only plan views -------------
/**
 * Source maps of plan views read by planlint/readSource whose view is not open yet (the client opens it
 * right after): moved into the view's state when it opens. A few at most.
 */
const viewSources = new Map<string, PlanSource>();
const MAX_VIEW_SOURCES = 8;
/**
 * The key of a plan view. By path: clients spell the same view URI differently
 * (VS Code writes planlint-source:/a/b.docx.plan.txt, we build planlint-source:///a/…).
 */
function viewKey(uri: string): string {
  return `view:${uriToPath(uri) ?? uri}`;
}

function isView(uri: string): boolean {
  return uri.startsWith(SOURCE_VIEW_SCHEME + ':');
}

/** Keeps a plan view's source map: in the open view's state, else until the view opens. */
function keepViewSource(view: string, source: PlanSource): void {
  const key = viewKey(view);
  const open = documents.states().filter((st) => isView(st.uri) && viewKey(st.uri) === key);
  for (const st of open) st.source = source;
  if (open.length) return;
  viewSources.delete(key);
  viewSources.set(key, source);
  if (viewSources.size > MAX_VIEW_SOURCES) viewSources.delete(viewSources.keys().next().value!);
}

/**
 * A plan view opened without planlint/readSource on this server process (the client kept the view's
 * text across a server restart): read the document once more for its paragraph/page map.
 */
async function ensureSourceMap(st: OpenDoc): Promise<void> {
  if (!isView(st.uri) || st.source) return;
  const p = uriToPath(st.uri);
  if (!p) return;
  try {
    const source = await readPlanSource(p);
    st.source ??= source;
  } catch (e) {
    connection.console.error(errorText(effectiveLocale(DEFAULT_SETTINGS, client.locale), e));
  }
}

/** Findings in a document name the place in the source: 第 12 段「…」 (Word, web page) or 第 3 页 (PDF). */
function annotate<
  T extends { diagnostics: import('vscode-languageserver').Diagnostic[]; locale: Locale; lines: readonly string[] },
>(a: T, src: PlanSource | undefined): T {
  if (!src || src.format === 'text') return a;
  const diagnostics = a.diagnostics.map((d) => {
    const where = sourcePosition(src.lineRefs[d.range.start.line], a.lines[d.range.start.line], a.locale);
    return where ? { ...d, message: `${where}: ${d.message}` } : d;
  });
  return { ...a, diagnostics };
}

function emptyAnalysis(doc: { uri: string; version: number; seq: number }, settings: PlanlintSettings, locale: Locale): Cached {
  return {
    seq: doc.seq,
    uri: doc.uri,
    version: doc.version,
    lines: [],
    plan: null,
    findings: [],
    diagnostics: [],
    partial: false,
    counts: { errors: 0, warnings: 0, infos: 0 },
    gen: configGen,
    settings,
    locale,
    baselineTitle: '',
    baselines: [],
  };
}

function runAnalysis(
  snap: { uri: string; version: number; seq: number; text: string },
  languageOk: boolean,
  settings: PlanlintSettings,
): Cached {
  const { uri, version, text, seq } = snap;
  const started = configGen;
  let locale = effectiveLocale(settings, client.locale);
  if (!settings.enable || !languageOk) return emptyAnalysis(snap, settings, locale);
  const env = workspace.environment(uri, settings, locale);
  announce(env.notices);
  locale = effectiveLocale(settings, client.locale, env.config.locale);
  const a = analyze({
    uri,
    version,
    text,
    config: env.config,
    baselines: env.baselines,
    locale,
    maxFileSize: settings.maxFileSize,
    segmenter: segState === 'ready' ? segmenter : undefined,
    structuralOnly: segState !== 'ready' && segState !== 'failed',
    baseDir: __dirname,
    upstreamLines: workspace.upstreamLines,
    notices: env.notices,
    logError: (m) => connection.console.error(m),
  });
  return {
    ...a,
    seq,
    gen: started,
    settings,
    locale,
    baselineTitle: env.baselines.map((b) => b.title).join(' + '),
    baselines: env.baselines,
  };
}

/**
 * An unusable config or upstream is said once where the user looks (window/showMessage) and in the
 * log, besides the warning on each document it affects; said again after the configuration changes.
 */
const announced = new Set<string>();
function announce(notices: readonly string[]): void {
  for (const n of notices) {
    if (announced.has(n) || announced.size > 100) continue;
    announced.add(n);
    connection.console.warn(n);
    void connection.window.showWarningMessage(n);
  }
}

/**
 * What every check of a document version needs first, done once per version and configuration: its
 * settings, the upstream documents its environment names (read asynchronously), a plan view's source map.
 * A preparation for a later state serves an earlier one too (it depends on the document's place, not its text).
 */
function prepare(st: OpenDoc, snap: DocSnapshot): Promise<PlanlintSettings> {
  const p = st.prepared;
  if (p && p.gen === configGen && p.seq >= snap.seq) return p.done;
  const done = (async () => {
    const settings = await settingsOf(st);
    await workspace.preload(st.uri, settings);
    await ensureSourceMap(st);
    return settings;
  })();
  st.prepared = { seq: snap.seq, gen: configGen, done };
  return done;
}

/**
 * The analysis of one document state: the one kept in the document's state, else computed now. Only
 * the current state's analysis is kept (an older one would push out the newer one's).
 */
async function analysisOf(st: OpenDoc, snap: DocSnapshot): Promise<Cached> {
  const settings = await prepare(st, snap);
  const kept = st.analysisOf(snap);
  const segDone = segState === 'ready' || segState === 'failed';
  if (kept && kept.gen === configGen && kept.settings === settings && !(kept.partial && segDone)) return kept;
  const a = annotate(runAnalysis(snap, isCandidate(snap), settings), st.source);
  if (documents.isCurrent(snap)) st.analysis = a;
  return a;
}

/** The analysis of an open document's current state. */
async function currentAnalysis(uri: string): Promise<Cached | null> {
  const st = documents.state(uri);
  return st ? analysisOf(st, st.snap) : null;
}

/** A refusal as the error the client expects: RequestCancelled, ContentModified, or ServerCancelled + retrigger. */
function refusalError(why: 'stale' | 'cancelled', retrigger: boolean): ResponseError<unknown> {
  if (retrigger)
    return new ResponseError(LSPErrorCodes.ServerCancelled, 'superseded by a newer change', { retriggerRequest: true });
  if (why === 'cancelled') return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  return new ResponseError(LSPErrorCodes.ContentModified, 'the document changed');
}

/** Throws unless the request may be answered now (DocumentStore.admit decides). */
function admitOrThrow(req: PendingRequest, policy: 'snapshot' | 'current', retrigger = false): void {
  const why = documents.admit(req, policy);
  if (why) throw refusalError(why, retrigger);
}

/**
 * Answers a request on an open document from the document as it was when the request arrived. The
 * request takes its snapshot now, waits for the version's preparation, yields once to the message
 * queue (so that a change the client sent right after it is seen, and a stale request costs nothing
 * instead of a check of a text already gone), and is then admitted or refused (lsp/documents.ts `admit`):
 * answered from its own snapshot's analysis, or cancelled as stale / closed / cancelled by the client.
 * `empty` answers a document that is not open.
 */
async function answer<T>(
  uri: string,
  token: CancellationToken | undefined,
  empty: T,
  compute: (a: Cached, snap: DocSnapshot, req: PendingRequest) => T,
): Promise<T> {
  const req = documents.begin(uri, () => !!token?.isCancellationRequested);
  const st = documents.state(uri);
  if (!req || !st) return empty;
  try {
    await prepare(st, req.snap);
    await new Promise<void>((r) => setImmediate(r));
    admitOrThrow(req, 'snapshot');
    const a = await analysisOf(st, req.snap);
    // computed from the request's own state whatever happened meanwhile; refused only if closed or cancelled
    if (req.closed || req.cancelled()) throw refusalError('cancelled', false);
    return compute(a, req.snap, req);
  } finally {
    documents.end(req);
  }
}

function comparisonOf(a: Cached): Comparison {
  if (!a.comparison)
    a.comparison = a.plan?.isPlan
      ? compare(a.plan, a.baselines, a.findings, a.partial ? undefined : segmenter)
      : { rows: [], missing: [] };
  return a.comparison;
}

/**
 * The draft's declared upstreams that were not supplied (in the status), and, once per change and off the
 * analysis path, the workspace files titled like them (planlint/offers: the client offers each as upstream).
 */
function declaredStatus(a: Cached): { notSupplied?: string[] } {
  if (!a.plan?.isPlan) return {};
  const missing = declaredChain(a.plan, a.baselines).filter((d) => !d.compared);
  if (!missing.length) return {};
  const notSupplied = missing.map((d) =>
    localize(a.locale, 'This plan follows 《{0}》: its text was not supplied, so it was not compared.', d.title),
  );
  const key = missing.map((d) => d.title).join('\n');
  const st = documents.state(a.uri);
  if (client.offers && st && st.offered !== key) {
    st.offered = key;
    const titles = missing.map((d) => d.title);
    setTimeout(() => {
      if (documents.state(a.uri) !== st || st.offered !== key) return;
      const found = workspace.filesTitled(titles, uriToPath(a.uri));
      const offers = [...found].flatMap(([title, paths]) => paths.map((p) => ({ title, path: p })));
      if (offers.length) void connection.sendNotification('planlint/offers', { uri: a.uri, offers });
    }, 1500);
  }
  return { notSupplied };
}

function sendStatus(a: Cached): void {
  connection.sendNotification('planlint/status', {
    ...declaredStatus(a),
    uri: a.uri,
    version: a.version,
    baseline: a.baselineTitle,
    // each upstream with its kind of source (official text of a user's file, or built-in reconstruction)
    upstream: a.baselines.map((b) => {
      const kind = baselineSourceKind(b);
      const short =
        kind === 'mixed'
          ? `${sourceKindShort('official', a.locale)}+${sourceKindShort('reconstructed', a.locale)}`
          : sourceKindShort(kind, a.locale);
      return {
        id: b.id,
        title: b.title,
        kind,
        short,
        label: localize(a.locale, '{0} ({1})', b.title, short),
        text: describeBaselineKind(b, a.locale),
      };
    }),
    confidence: confidenceLegend(a.locale),
    errors: a.counts.errors,
    warnings: a.counts.warnings,
    infos: a.counts.infos,
    ...(a.skipped ? { skipped: a.skipped } : {}),
    ...(a.partial ? { partial: true } : {}),
  });
}

function publish(a: Cached): void {
  connection.sendDiagnostics({ uri: a.uri, version: a.version, diagnostics: a.diagnostics });
  sendStatus(a);
}

// --- push diagnostics: debounced, never for a stale version ------------------------------------
const scheduler = new Scheduler(async (uri: string, token: RunToken) => {
  const st = documents.state(uri);
  if (!st) return;
  const snap = st.snap;
  const a = await analysisOf(st, snap);
  if (!token.current() || !documents.isCurrent(snap)) return;
  publish(a);
  if (a.partial) ensureSegmenter();
});

function recheckAll(): void {
  if (client.pull) {
    if (client.pullRefresh) void connection.languages.diagnostics.refresh().catch(() => undefined);
  } else {
    for (const st of documents.states()) scheduler.schedule(st.uri, st.run, 0);
  }
  if (client.inlayRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
  // verdicts change with the upstream plans and with the full check after the structural one
  if (client.tokensRefresh) void connection.languages.semanticTokens.refresh().catch(() => undefined);
}

/** A document opened (`first`) or changed: push mode schedules a check (at once for the opening), pull mode waits to be asked. */
function contentChanged(uri: string, first: boolean): void {
  const st = documents.state(uri);
  if (!st) return;
  if (client.pull) {
    if (pushedClosed.delete(uri)) connection.sendDiagnostics({ uri, diagnostics: [] });
    return;
  }
  scheduler.schedule(uri, st.run, first ? 0 : cachedDebounce(st));
}

connection.onDidOpenTextDocument((p) => {
  const td = p?.textDocument;
  if (!td || typeof td.uri !== 'string') return;
  if (!documents.open(td.uri, td.languageId, td.version, td.text)) return;
  const st = documents.state(td.uri);
  if (st && isView(td.uri)) {
    st.source = viewSources.get(viewKey(td.uri));
    viewSources.delete(viewKey(td.uri));
  }
  contentChanged(td.uri, true);
});

connection.onDidChangeTextDocument((p) => {
  const uri = p?.textDocument?.uri;
  if (typeof uri !== 'string') return;
  if (!documents.change(uri, p.textDocument.version, p.contentChanges)) return;
  contentChanged(uri, false);
});

connection.onDidCloseTextDocument((p) => {
  const uri = p?.textDocument?.uri;
  if (typeof uri !== 'string') return;
  // its state goes with it: analysis, comparison, tokens, timer, source map; requests in flight are cancelled
  documents.close(uri);
  if (!client.pull) connection.sendDiagnostics({ uri, diagnostics: [] });
  if (documents.size === 0) scheduleIdleCollect();
});

// --- memory: once the last document is closed, the heap grown for large documents is given back ---
let gcFn: (() => void) | null | undefined;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleIdleCollect(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    idleTimer = undefined;
    if (documents.size) return;
    workspace.invalidate();
    // the process-wide caches too: what the closed documents filled them with
    clearNameCaches();
    clearBaselineLines();
    try {
      if (gcFn === undefined) {
        // a full collection on demand (V8 otherwise keeps the grown heap resident while idle)
        v8.setFlagsFromString('--expose-gc');
        gcFn = vm.runInNewContext('gc') as () => void;
      }
      // two collections: the first frees the old space's objects, the second (once the first's sweeping is
      // done) unmaps the freed pages, so the resident size falls back, not only the heap; both compact (V8
      // otherwise compacts only pages fragmented beyond its threshold)
      v8.setFlagsFromString('--compact-on-every-full-gc');
      gcFn?.();
      setTimeout(() => {
        if (documents.size === 0) gcFn?.();
        v8.setFlagsFromString('--no-compact-on-every-full-gc');
      }, 300).unref?.();
    } catch {
      gcFn = null;
    }
  }, 1000);
  idleTimer.unref?.();
}

// --- pull diagnostics ---------------------------------------------------------------------------
function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
  const uri = params.textDocument.uri;
  const req = documents.begin(uri, () => token.isCancellationRequested);
  const st = documents.state(uri);
  if (!req || !st) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  try {
    const settings = await prepare(st, req.snap);
    // The debounce: wait until the document has been quiet for debounceMs (the client cancels stale requests).
    for (
      let wait = settings.debounceMs - Scheduler.sinceLastChange(st.run);
      wait > 0 && !token.isCancellationRequested && !req.closed;
      wait = settings.debounceMs - Scheduler.sinceLastChange(st.run)
    ) {
      await sleep(wait);
    }
    // A newer change made the client cancel this request: it asks again for the new version.
    // So did a change the client did not cancel for: the report would describe a version it no longer has.
    admitOrThrow(req, 'current', true);
    let a = await analysisOf(st, req.snap);
    if (a.partial) {
      if (client.pullRefresh) ensureSegmenter();
      else {
        loadSegmenterNow();
        a = await analysisOf(st, req.snap);
      }
    }
    admitOrThrow(req, 'current', true);
    sendStatus(a);
    const resultId = `${a.version}:${a.gen}:${a.partial ? 'p' : 'f'}:${segState}`;
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: a.diagnostics };
  } finally {
    documents.end(req);
  }
});

// --- initialize ---------------------------------------------------------------------------------
connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  client.configuration = !!caps.workspace?.configuration;
  client.pull = !!caps.textDocument?.diagnostic;
  client.pullRefresh = !!caps.workspace?.diagnostics?.refreshSupport;
  client.inlayRefresh = !!caps.workspace?.inlayHint?.refreshSupport;
  client.tokensRefresh = !!caps.workspace?.semanticTokens?.refreshSupport;
  client.documentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
  client.createFile = !!caps.workspace?.workspaceEdit?.resourceOperations?.includes('create');
  client.watchDynamic = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  client.configDynamic = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
  client.hierarchicalSymbols = !!caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport;
  const init = (params.initializationOptions ?? {}) as { locale?: unknown; offers?: unknown };
  client.locale = typeof init.locale === 'string' ? init.locale : params.locale;
  // planlint/offers (workspace files titled like a declared upstream): only for a client that handles them
  client.offers = init.offers === true;
  // The VS Code client contributes planlint.openRuleDoc; other editors follow codeDescription.href.
  client.docCommand =
    typeof init.locale === 'string' || /visual studio code|vscode|code-server|vscodium/i.test(params.clientInfo?.name ?? '');
  client.workspaceFolders = !!caps.workspace?.workspaceFolders;
  const rangeLimit = caps.textDocument?.foldingRange?.rangeLimit;
  if (typeof rangeLimit === 'number' && rangeLimit > 0) client.foldingLimit = rangeLimit;
  client.resolveEdit =
    !!caps.textDocument?.codeAction?.dataSupport && !!caps.textDocument?.codeAction?.resolveSupport?.properties?.includes('edit');
  folderUris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspace.setFolders(folderUris);
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      inlayHintProvider: { resolveProvider: false },
      semanticTokensProvider: { legend: LEGEND, full: { delta: true }, range: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'planlint', version: process.env.PLANLINT_VERSION ?? '0.1.0' },
  };
  if (client.pull)
    result.capabilities.diagnosticProvider = {
      identifier: 'planlint',
      interFileDependencies: false,
      workspaceDiagnostics: false,
    };
  return result;
});

connection.onInitialized(() => {
  if (client.configDynamic)
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'planlint' }).catch(() => undefined);
  if (client.watchDynamic) {
    void connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.planlintrc.json' }] })
      .catch(() => undefined);
  }
  if (client.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => f.uri));
      folderUris = [...folderUris.filter((u) => !removed.has(u)), ...e.added.map((f) => f.uri)];
      workspace.setFolders(folderUris);
      workspace.invalidate();
      configGen++;
      recheckAll();
    });
  }
});

connection.onDidChangeConfiguration((change) => {
  announced.clear();
  if (!client.configuration) {
    const s = (change.settings as { planlint?: unknown } | null)?.planlint;
    globalSettings = normalizeSettings(s);
  }
  configGen++;
  recheckAll();
});

connection.onDidChangeWatchedFiles(() => {
  workspace.invalidate();
  announced.clear();
  configGen++;
  recheckAll();
});

// --- hover, code actions, outline, folding, inlay hints -----------------------------------------
connection.onHover((p, token) =>
  answer(p.textDocument.uri, token, null, (a) => {
    if (!a.plan || !a.plan.isPlan) return null;
    const d = domainHover(a.plan, a.findings, p.position, a.locale);
    if (d) return d;
    const row = rowAt(comparisonOf(a), p.position);
    return row ? targetHover(row, a.lines, a.locale) : null;
  }),
);

/** What a code action resolved later carries: the document state and the finding's index in its analysis. */
interface FixData {
  planlintFix: true;
  uri: string;
  seq: number;
  index: number;
}

connection.onCodeAction((p: CodeActionParams, token) => {
  const uri = p.textDocument.uri;
  return answer(uri, token, [], (a, snap, req) => {
    // Edits for an older text would land on the wrong characters: a client that cannot check the
    // version (no documentChanges) gets "content modified" and asks again.
    if (!client.documentChanges) admitOrThrow(req, 'current');
    const text = snap.text;
    const index = new Map(a.findings.map((f, i) => [f, i]));
    return codeActions(p.range, p.context.diagnostics, p.context.only, {
      uri,
      version: snap.version,
      languageId: snap.languageId,
      lines: a.lines,
      eol: text.includes('\r\n') ? '\r\n' : text.includes('\r') && !text.includes('\n') ? '\r' : '\n',
      locale: a.locale,
      findings: a.findings,
      support: { documentChanges: client.documentChanges, createFile: client.createFile },
      convert: { uri, lines: a.lines, baseDir: __dirname, upstreamLines: workspace.upstreamLines },
      ignoreEdit: (entry) => workspace.ignoreEdit(uri, entry),
      docCommand: client.docCommand,
      resolveFix: client.resolveEdit
        ? (f): FixData => ({ planlintFix: true, uri, seq: snap.seq, index: index.get(f) ?? -1 })
        : undefined,
    });
  });
});

connection.onCodeActionResolve((action: CodeAction): CodeAction => {
  const data = action.data as Partial<FixData> | undefined;
  if (!data?.planlintFix || typeof data.uri !== 'string') return action;
  const st = documents.state(data.uri);
  const snap = st?.snap;
  const a = snap && st.analysisOf(snap);
  // resolved against the state it was offered for, else left without an edit (the client asks again)
  if (!a || !snap || snap.seq !== data.seq) return action;
  const f = a.findings[data.index ?? -1];
  if (!f) return action;
  const edit = resolvedFixEdit(f, {
    uri: data.uri,
    version: snap.version,
    lines: a.lines,
    support: { documentChanges: client.documentChanges, createFile: client.createFile },
  });
  return edit ? { ...action, edit } : action;
});

// --- reply bounds: every reply stays well under 1 MB whatever the document --------------------------
/** Symbols per reply at most (an outline of 50,000 numbered lines would be megabytes), and their size. */
const MAX_SYMBOLS = 5000;
const MAX_SYMBOL_BYTES = 512 * 1024;
const MAX_FOLDING_RANGES = 5000;
const MAX_INLAY_HINTS = 2000;

/**
 * The symbol tree cut to `max` symbols and about `maxBytes` of JSON, in document order (parents before
 * their children); a symbol's size is estimated from its name and detail (ranges and kind ≈ 160 bytes).
 */
function capSymbols(symbols: DocumentSymbol[], max: number, maxBytes = MAX_SYMBOL_BYTES): DocumentSymbol[] {
  let left = max;
  let bytes = maxBytes;
  const cut = (list: DocumentSymbol[]): DocumentSymbol[] => {
    const out: DocumentSymbol[] = [];
    for (const s of list) {
      bytes -= 160 + 2 * (s.name.length + (s.detail?.length ?? 0));
      if (left <= 0 || bytes < 0) break;
      left--;
      out.push(s.children?.length ? { ...s, children: cut(s.children) } : s);
    }
    return out;
  };
  return cut(symbols);
}

function flatten(symbols: DocumentSymbol[], uri: string, container?: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const s of symbols) {
    out.push({
      name: s.name,
      kind: s.kind,
      location: { uri, range: s.range },
      ...(container ? { containerName: container } : {}),
    });
    out.push(...flatten(s.children ?? [], uri, s.name));
  }
  return out;
}

connection.onDocumentSymbol((p, token) =>
  answer(p.textDocument.uri, token, [], (a) => {
    if (!a.plan) return [];
    const symbols = capSymbols(documentSymbols(a.plan, a.locale), MAX_SYMBOLS);
    return client.hierarchicalSymbols ? symbols : flatten(symbols, p.textDocument.uri);
  }),
);

connection.onFoldingRanges((p, token) =>
  answer(p.textDocument.uri, token, [], (a) =>
    a.plan ? foldingRanges(a.plan).slice(0, Math.min(MAX_FOLDING_RANGES, client.foldingLimit)) : [],
  ),
);

connection.languages.inlayHint.on((p, token) =>
  answer(p.textDocument.uri, token, [], (a) => {
    if (!a.plan || !a.settings.inlayHints) return [];
    return inlayHints(comparisonOf(a), a.lines, p.range, a.locale).slice(0, MAX_INLAY_HINTS);
  }),
);

// Semantic tokens: from the analysis of the request's version (the one diagnostics, hovers and inlay hints
// use; computed once per version) and its comparison; a delta answers with one edit against the last
// tokens kept in the document's state.
function tokenData(a: Cached): number[] {
  return a.plan?.isPlan ? SemanticTokensStore.encode(a.plan, comparisonOf(a)) : [];
}

connection.languages.semanticTokens.on((p, token) =>
  answer(p.textDocument.uri, token, { data: [] }, (a) => tokens.full(documents.state(p.textDocument.uri), tokenData(a))),
);
// the kept tokens are those the client last received (its previousResultId), whatever state they described
connection.languages.semanticTokens.onDelta((p, token) =>
  answer(p.textDocument.uri, token, { data: [] }, (a) =>
    tokens.delta(documents.state(p.textDocument.uri), p.previousResultId, tokenData(a)),
  ),
);

// --- custom requests (docs/LSP.md) --------------------------------------------------------------
connection.onRequest('planlint/baselines', () => [
  ...BUILTIN_BASELINES.map((b) => ({
    id: b.id,
    title: b.title,
    level: b.level,
    targets: b.targets.length,
    ...(b.coverage ? { coverage: b.coverage } : {}),
    origin: 'builtin',
  })),
  // baselines imported with `planlint baselines import` into .planlint/baselines/ of a workspace folder
  ...workspace.importedBaselines().map((b) => ({
    id: b.id,
    title: b.title,
    level: b.level,
    targets: b.targets,
    ...(b.coverage ? { coverage: b.coverage } : {}),
    origin: 'imported',
    file: b.file,
  })),
]);

/** A file that is not open: read from disk (any format node/read.ts reads) and checked in full. */
async function analyzeFromDisk(uri: string): Promise<Cached | null> {
  const p = uriToPath(uri);
  if (!p) return null;
  const settings = await askSettings(uri);
  let source: PlanSource;
  try {
    source = await readPlanSource(p);
  } catch (e) {
    connection.console.error(errorText(effectiveLocale(settings, client.locale), e));
    return null;
  }
  await workspace.preload(uri, settings);
  return annotate(runAnalysis({ uri, version: 0, seq: 0, text: source.text }, true, settings), source);
}

/**
 * planlint/readSource: the plan text of a Word/WPS/PDF/HTML file for its read-only view
 * (docs/LSP.md). Errors come back as one line in the user's language, never as a crash.
 */
connection.onRequest('planlint/readSource', async (params: { uri: string }) => {
  const fileUri = sourceViewFile(params.uri) ?? params.uri;
  const view = sourceViewUri(fileUri);
  const p = uriToPath(fileUri);
  const settings = await settingsFor(view);
  const locale = effectiveLocale(settings, client.locale);
  if (!p) return { uri: view, error: locale === 'en' ? `not a local file: ${fileUri}` : `不是本地文件：${fileUri}` };
  try {
    const source = await readPlanSource(p);
    keepViewSource(view, source);
    return { uri: view, text: source.text, format: source.format, lineRefs: source.lineRefs };
  } catch (e) {
    // a PlanReadError names its file; anything else gets the path in front
    const message = e instanceof PlanReadError ? errorText(locale, e) : `${p}: ${errorText(locale, e)}`;
    connection.console.error(message);
    return { uri: view, error: message.split('\n')[0] };
  }
});
/** An upstream figure with its provenance in words (official text vs built-in reconstruction). */
function withProvenance<T extends ProvenanceInput>(u: T, locale: Locale) {
  return { ...u, provenance: { ...provenanceJson(u, locale), confidenceLegend: confidenceLegend(locale) } };
}

connection.onRequest('planlint/comparison', async (params: { uri: string }) => {
  loadSegmenterNow();
  const a = documents.get(params.uri) ? await currentAnalysis(params.uri) : await analyzeFromDisk(params.uri);
  if (!a) return { uri: params.uri, baselines: [], rows: [], omittedRows: 0, counts: verdictCounts([]), missing: [] };
  const c = comparisonOf(a);
  // bounded reply: at most MAX_LISTED_ROWS rows (problems first), the counts of all
  const listed = listedRows(c.rows);
  return {
    uri: params.uri,
    baselines: a.baselines.map((b) => ({
      id: b.id,
      title: b.title,
      ...(b.path ? { path: b.path } : {}),
      kind: baselineSourceKind(b),
      label: describeBaselineKind(b, a.locale),
    })),
    rows: listed.rows.map((r) => ({
      domain: r.domain,
      indicator: r.indicator,
      line: r.line,
      character: r.character,
      draft: draftJson(r.draft, r.character),
      upstream: r.upstream.map(({ baselineLevel: _l, ...u }) => withProvenance(u, a.locale)),
      verdict: r.verdict,
    })),
    omittedRows: listed.omitted,
    counts: verdictCounts(c.rows),
    missing: c.missing.map((m) => ({
      domain: m.domain,
      indicator: m.indicator,
      upstream: (({ baselineLevel: _l, ...u }) => withProvenance(u, a.locale))(m.upstream),
    })),
    confidence: confidenceLegend(a.locale),
  };
});

connection.onRequest('planlint/checkFiles', async (params: { uris: string[] }) => {
  loadSegmenterNow();
  let files = 0;
  let findings = 0;
  for (const uri of params.uris ?? []) {
    const open = documents.get(uri);
    const a = open ? await currentAnalysis(uri) : await analyzeFromDisk(uri);
    if (!a) continue;
    files++;
    findings += a.findings.length;
    if (open && client.pull) continue;
    if (open) {
      if (documents.get(uri)?.seq === a.seq) publish(a);
    } else {
      pushedClosed.add(uri);
      connection.sendDiagnostics({ uri, diagnostics: a.diagnostics });
      sendStatus(a);
    }
  }
  if (client.pull) recheckAll();
  return { files, findings };
});

// planlint/report: the reviewer deliverables (xlsx 对照表, docx 审查意见, html matrix) for the given plans, with the
// same settings, baselines and findings as the diagnostics. Work-done progress per file; cancellable between files.
// dist/report.js (exceljs, docx) is loaded on the first request only.
let reports: typeof import('./report') | undefined;
connection.onRequest(
  'planlint/report',
  async (params: { uris: string[]; format: string; workDoneToken?: string | number }, token) => {
    const format = params.format;
    if (format !== 'xlsx' && format !== 'docx' && format !== 'html')
      throw new ResponseError(-32602, `unknown report format ${format}`);
    loadSegmenterNow();
    const uris = params.uris ?? [];
    const progress = (message: string, percentage: number, kind: 'begin' | 'report' | 'end' = 'report') => {
      if (params.workDoneToken === undefined) return;
      const value =
        kind === 'begin'
          ? { kind, title: 'PlanLint', message, percentage, cancellable: true }
          : kind === 'end'
            ? { kind, message }
            : { kind, message, percentage };
      void connection.sendProgress(WorkDoneProgress.type, params.workDoneToken, value);
    };
    const results: Array<{
      file: string;
      plan: import('./core').PlanDocument;
      baselines: import('./core').Baseline[];
      findings: import('./core').Finding[];
    }> = [];
    let locale: Locale | undefined;
    progress(`0/${uris.length}`, 0, 'begin');
    for (let i = 0; i < uris.length; i++) {
      // let a cancellation arrive between files
      await new Promise((r) => setImmediate(r));
      if (token.isCancellationRequested) {
        progress('', 100, 'end');
        throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      }
      const uri = uris[i];
      const a = documents.get(uri) ? await currentAnalysis(uri) : await analyzeFromDisk(uri);
      progress(`${i + 1}/${uris.length}`, Math.round(((i + 1) / uris.length) * 90));
      if (!a?.plan) continue;
      locale ??= a.locale;
      results.push({ file: uriToPath(uri) ?? uri, plan: a.plan, baselines: a.baselines, findings: a.findings });
    }
    if (!results.length) {
      progress('', 100, 'end');
      return { files: 0, findings: 0, data: '' };
    }
    reports ??= createRequire(__filename)(join(__dirname, 'report.js')) as typeof import('./report');
    const bytes = await reports.renderReport(
      reports.buildReport(results, segmenter),
      format,
      locale ?? effectiveLocale(globalSettings, client.locale),
    );
    progress('', 100, 'end');
    return {
      files: results.length,
      findings: results.reduce((n, r) => n + r.findings.length, 0),
      data: bytes.toString('base64'),
    };
  },
);

process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${(e as Error)?.stack ?? String(e)}`));
process.on('uncaughtException', (e) => connection.console.error(`uncaught exception: ${e.stack ?? e.message}`));

connection.listen();
