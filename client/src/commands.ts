// The palette commands. Each accepts optional arguments so it can run without UI (keybindings, tests, code
// actions); without them it asks through the usual quick picks.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WorkDoneProgress, type WorkDoneProgressBegin, type WorkDoneProgressReport } from 'vscode-languageclient/node';
import {
  BaselinesRequest,
  CheckFilesRequest,
  ReportRequest,
  type ReportResult,
  RULE_IDS,
  type BaselineInfo,
  type CheckFilesResult,
  type ComparisonResult,
} from './protocol';
import { CONFIG_FILE, readUpstream, writeUpstream } from './config';
import type { ComparisonView } from './comparison';
import type { PlanStatus } from './status';

export interface CommandContext {
  client: () => LanguageClient;
  ready: () => Promise<void>;
  /** A request on the running server, once more on the restarted one if the server is lost meanwhile. */
  request: <R>(fn: (client: LanguageClient) => Promise<R>) => Promise<R>;
  status: PlanStatus;
  comparison: ComparisonView;
  extensionUri: vscode.Uri;
  restart: () => Promise<void>;
}

/** Plans: text, and the Word/WPS/PDF/web-page files the server reads (node/read.ts). */
const PLAN_GLOB = '**/*.{txt,md,docx,doc,wps,pdf,html,htm}';
const EXCLUDE = '**/{node_modules,.git,.cache}/**';
const BATCH = 20;

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('planlint.checkDocument', (arg?: unknown) => checkDocument(ctx, arg)),
    vscode.commands.registerCommand('planlint.checkWorkspace', () => checkWorkspace(ctx)),
    vscode.commands.registerCommand('planlint.chooseBaseline', (arg?: unknown) => chooseBaseline(ctx, arg)),
    vscode.commands.registerCommand('planlint.showComparison', (arg?: unknown) => showComparison(ctx, arg)),
    vscode.commands.registerCommand('planlint.insertMissingDomain', (arg?: unknown) => insertMissingDomain(ctx, arg)),
    vscode.commands.registerCommand('planlint.openRuleDoc', (arg?: unknown) => openRuleDoc(ctx, arg)),
    vscode.commands.registerCommand('planlint.restartServer', () => ctx.restart()),
    vscode.commands.registerCommand('planlint.exportComparison', (arg?: unknown) => exportReport(ctx, 'xlsx', arg)),
    vscode.commands.registerCommand('planlint.writeReviewOpinions', (arg?: unknown) => exportReport(ctx, 'docx', arg)),
  ];
}

/** A document from an argument (Uri, uri string, or { uri }) or the active editor. */
function targetUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && /^[a-z][\w+.-]*:/i.test(arg)) return vscode.Uri.parse(arg);
  if (arg && typeof arg === 'object' && 'uri' in arg) return targetUri((arg as { uri: unknown }).uri);
  return vscode.window.activeTextEditor?.document.uri;
}

function noDocument(): undefined {
  void vscode.window.showInformationMessage(vscode.l10n.t('Open a plan document first.'));
  return undefined;
}

/** Re-checks a document: the server analyses open documents from the editor's text, others from disk. */
export async function checkDocument(ctx: CommandContext, arg?: unknown): Promise<CheckFilesResult | undefined> {
  const uri = targetUri(arg);
  if (!uri) return noDocument();
  const res = await ctx.request((client) =>
    client.sendRequest<CheckFilesResult>(CheckFilesRequest, { uris: [client.code2ProtocolConverter.asUri(uri)] }),
  );
  const st = ctx.status.get(uri);
  vscode.window.setStatusBarMessage(
    st
      ? vscode.l10n.t('PlanLint: {0} errors, {1} warnings, {2} infos', st.errors, st.warnings, st.infos)
      : vscode.l10n.t('PlanLint: {0} findings', res?.findings ?? 0),
    4000,
  );
  return res;
}

export async function checkWorkspace(ctx: CommandContext): Promise<CheckFilesResult & { cancelled: boolean }> {
  await ctx.ready();
  const total: CheckFilesResult & { cancelled: boolean } = { files: 0, findings: 0, cancelled: false };
  await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('PlanLint: checking the plans in the workspace'),
      cancellable: true,
    },
    async (progress, token) => {
      const uris = await vscode.workspace.findFiles(PLAN_GLOB, EXCLUDE, undefined, token);
      uris.sort((a, b) => a.toString().localeCompare(b.toString()));
      if (uris.length === 0) return;
      for (let i = 0; i < uris.length; i += BATCH) {
        if (token.isCancellationRequested) {
          total.cancelled = true;
          break;
        }
        const batch = uris.slice(i, i + BATCH);
        progress.report({
          message: vscode.l10n.t('{0} of {1} files', Math.min(i + batch.length, uris.length), uris.length),
          increment: (batch.length / uris.length) * 100,
        });
        try {
          const res = await ctx.request((client) =>
            client.sendRequest<CheckFilesResult>(
              CheckFilesRequest,
              { uris: batch.map((u) => client.code2ProtocolConverter.asUri(u)) },
              token,
            ),
          );
          total.files += res?.files ?? 0;
          total.findings += res?.findings ?? 0;
        } catch (e) {
          if (token.isCancellationRequested) {
            total.cancelled = true;
            break;
          }
          throw e;
        }
      }
    },
  );
  const msg = total.cancelled
    ? vscode.l10n.t('PlanLint: cancelled after {0} plans ({1} findings).', total.files, total.findings)
    : vscode.l10n.t('PlanLint: checked {0} plans, {1} findings.', total.files, total.findings);
  const show = vscode.l10n.t('Show Problems');
  void vscode.window.showInformationMessage(msg, show).then((c) => {
    if (c === show) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return total;
}

interface BaselineItem extends vscode.QuickPickItem {
  value?: string;
}

/**
 * Chooses the upstream baseline(s) and saves them as `upstream` in the folder's .planlintrc.json.
 * Argument (optional): a baseline id or path, or an array of them: skips the quick pick.
 */
export async function chooseBaseline(ctx: CommandContext, arg?: unknown): Promise<string[] | undefined> {
  const folder = pickFolder();
  if (!folder) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first: the baseline is saved in its {0}.', CONFIG_FILE));
    return undefined;
  }
  const configUri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
  let chosen: string[] | undefined;
  if (typeof arg === 'string' && arg) chosen = [arg];
  else if (Array.isArray(arg) && arg.every((x) => typeof x === 'string')) chosen = arg as string[];
  else {
    await ctx.ready();
    const current = new Set((await readUpstream(configUri)) ?? []);
    const baselines = (await ctx.client().sendRequest<BaselineInfo[]>(BaselinesRequest, {})) ?? [];
    const items: BaselineItem[] = [{ label: vscode.l10n.t('Built-in baselines'), kind: vscode.QuickPickItemKind.Separator }];
    let importedHeader = false;
    for (const b of baselines) {
      if (b.origin === 'imported' && !importedHeader) {
        items.push({
          label: vscode.l10n.t('Imported baselines (.planlint/baselines)'),
          kind: vscode.QuickPickItemKind.Separator,
        });
        importedHeader = true;
      }
      items.push({
        label: b.title,
        description: b.id,
        detail: [
          levelLabel(b.level),
          vscode.l10n.t('{0} numeric targets', b.targets),
          b.origin === 'imported'
            ? vscode.l10n.t('read from the official text')
            : vscode.l10n.t('built-in, reconstructed from secondary sources'),
          coverageLabel(b.coverage),
        ]
          .filter(Boolean)
          .join(' · '),
        value: b.id,
        picked: current.has(b.id),
      });
    }
    const plans = await workspacePlans(folder);
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const files = plans.filter((u) => u.toString() !== active);
    if (files.length) {
      items.push({ label: vscode.l10n.t('Plan files in the workspace'), kind: vscode.QuickPickItemKind.Separator });
      for (const u of files) {
        const rel = vscode.workspace.asRelativePath(u, false);
        const value = relativeTo(folder.uri, u);
        items.push({ label: `$(file) ${rel}`, value, picked: current.has(value) });
      }
    }
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      title: vscode.l10n.t('PlanLint: upstream baseline'),
      placeHolder: vscode.l10n.t('Choose the upstream plans this draft must not fall below'),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked) return undefined;
    chosen = picked.map((p) => p.value).filter((v): v is string => !!v);
  }
  const ok = await writeUpstream(configUri, chosen);
  if (!ok) throw new Error(vscode.l10n.t('Could not write {0}.', configUri.fsPath));
  const inspect = vscode.workspace.getConfiguration('planlint', folder.uri).inspect<string[]>('upstream');
  const overridden = [inspect?.workspaceFolderValue, inspect?.workspaceValue, inspect?.globalValue].some(
    (v) => Array.isArray(v) && v.length > 0,
  );
  if (overridden) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Saved to {0}, but the setting planlint.upstream is set and takes precedence.', CONFIG_FILE),
    );
  } else {
    vscode.window.setStatusBarMessage(vscode.l10n.t('PlanLint: upstream saved to {0}', CONFIG_FILE), 4000);
  }
  return chosen;
}

/**
 * A workspace file whose title matches an upstream plan the draft names (依据《…》) but that was not supplied:
 * offered once; "Use as upstream" adds it to `upstream` in the folder's .planlintrc.json.
 */
export async function offerDeclaredUpstream(docUri: string, offer: { title: string; path: string }): Promise<boolean> {
  const file = vscode.Uri.file(offer.path);
  const folder = vscode.workspace.getWorkspaceFolder(file) ?? vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(docUri));
  if (!folder) return false;
  const rel = relativeTo(folder.uri, file);
  const use = vscode.l10n.t('Use as upstream');
  const pick = await vscode.window.showInformationMessage(
    vscode.l10n.t(
      'This plan follows 《{0}》, which was not compared: {1} in the workspace has that title. Use it as an upstream plan?',
      offer.title,
      rel,
    ),
    use,
  );
  if (pick !== use) return false;
  const configUri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
  const current = (await readUpstream(configUri)) ?? ['national'];
  if (current.includes(rel)) return true;
  const ok = await writeUpstream(configUri, [...current, rel]);
  if (ok) vscode.window.setStatusBarMessage(vscode.l10n.t('PlanLint: upstream saved to {0}', CONFIG_FILE), 4000);
  return ok;
}

function levelLabel(level: string): string {
  switch (level) {
    case 'national':
      return vscode.l10n.t('national');
    case 'provincial':
      return vscode.l10n.t('provincial');
    case 'city':
      return vscode.l10n.t('city');
    case 'district':
      return vscode.l10n.t('district');
    default:
      return level;
  }
}

function coverageLabel(coverage: string | undefined): string {
  if (coverage === 'partial') return vscode.l10n.t('figures partly transcribed');
  if (coverage === 'complete') return vscode.l10n.t('all figures transcribed');
  return coverage ?? '';
}

function pickFolder(): vscode.WorkspaceFolder | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc) {
    const f = vscode.workspace.getWorkspaceFolder(doc.uri);
    if (f) return f;
  }
  return vscode.workspace.workspaceFolders?.[0];
}

/** Workspace files that look like plans (a 规划/纲要 title near the top): candidates for an upstream. */
async function workspacePlans(folder: vscode.WorkspaceFolder): Promise<vscode.Uri[]> {
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, PLAN_GLOB), EXCLUDE, 500);
  const out: vscode.Uri[] = [];
  for (const u of uris) {
    try {
      const head = new TextDecoder('utf-8').decode((await vscode.workspace.fs.readFile(u)).slice(0, 4096));
      if (/规划|纲要/.test(head)) out.push(u);
    } catch {
      /* unreadable: not offered */
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

function relativeTo(base: vscode.Uri, u: vscode.Uri): string {
  const b = base.path.endsWith('/') ? base.path : base.path + '/';
  return u.path.startsWith(b) ? u.path.slice(b.length) : u.fsPath;
}

export async function showComparison(ctx: CommandContext, arg?: unknown): Promise<ComparisonResult | undefined> {
  const uri = targetUri(arg);
  if (!uri) return noDocument();
  await ctx.ready();
  return ctx.comparison.show(uri);
}

/**
 * Inserts a missing domain section: asks the server's code actions for the missing-domain diagnostics and
 * applies the chosen insertion. Argument (optional): a domain name (健康, 安全 …) or { uri, domain }.
 */
export async function insertMissingDomain(ctx: CommandContext, arg?: unknown): Promise<string | undefined> {
  const uri = targetUri(arg);
  if (!uri) return noDocument();
  const wanted =
    typeof arg === 'string' && !/^[a-z][\w+.-]*:/i.test(arg)
      ? arg
      : arg && typeof arg === 'object' && 'domain' in arg
        ? String((arg as { domain: unknown }).domain)
        : undefined;
  const diags = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'planlint' && codeOf(d) === 'missing-domain');
  if (diags.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No missing domain in this document.'));
    return undefined;
  }
  const actions: vscode.CodeAction[] = [];
  const seen = new Set<string>();
  for (const d of diags) {
    const got =
      (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        uri,
        d.range,
        vscode.CodeActionKind.QuickFix.value,
      )) ?? [];
    for (const a of got) {
      if (!('edit' in a) || !a.edit) continue;
      const ca = a as vscode.CodeAction;
      const forMissing =
        !ca.diagnostics || ca.diagnostics.length === 0 || ca.diagnostics.some((x) => codeOf(x) === 'missing-domain');
      if (!forMissing || seen.has(ca.title)) continue;
      seen.add(ca.title);
      actions.push(ca);
    }
  }
  if (actions.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The server offers no insertion for the missing domains.'));
    return undefined;
  }
  let chosen: vscode.CodeAction | undefined;
  if (wanted) {
    chosen = actions.find((a) => a.title.includes(wanted));
    if (!chosen) throw new Error(vscode.l10n.t('No insertion offered for the domain {0}.', wanted));
  } else if (actions.length === 1) {
    chosen = actions[0];
  } else {
    const pick = await vscode.window.showQuickPick(
      actions.map((a) => ({ label: a.title, action: a })),
      {
        title: vscode.l10n.t('PlanLint: insert a missing domain'),
        placeHolder: vscode.l10n.t('Which domain section to insert?'),
      },
    );
    chosen = pick?.action;
  }
  if (!chosen) return undefined;
  const ok = await vscode.workspace.applyEdit(chosen.edit!);
  if (!ok) throw new Error(vscode.l10n.t('The edit could not be applied (the document changed?).'));
  if (chosen.command) await vscode.commands.executeCommand(chosen.command.command, ...(chosen.command.arguments ?? []));
  return chosen.title;
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  if (typeof c === 'object') return String(c.value);
  return String(c);
}

/**
 * Opens docs/rules/<id>.md (shipped in dist/docs) as a rendered preview. Argument: a rule id (or { rule }).
 * Anything that is not one of the rule ids (a typo in a keybinding, a path) is a user error: it is said in
 * a message and the command resolves to undefined; it does not throw (a throwing command is logged as an
 * extension-host error).
 */
export async function openRuleDoc(ctx: CommandContext, arg?: unknown): Promise<vscode.Uri | undefined> {
  let rule =
    typeof arg === 'string'
      ? arg
      : arg && typeof arg === 'object' && 'rule' in arg
        ? String((arg as { rule: unknown }).rule)
        : undefined;
  if (!rule) {
    const pick = await vscode.window.showQuickPick([...RULE_IDS], {
      title: vscode.l10n.t("PlanLint: open a rule's documentation"),
    });
    if (!pick) return undefined;
    rule = pick;
  }
  if (!(RULE_IDS as readonly string[]).includes(rule)) return unknownRule(rule);
  const dir = vscode.Uri.joinPath(ctx.extensionUri, 'dist', 'docs', 'rules');
  const english = !vscode.env.language.toLowerCase().startsWith('zh');
  const candidates = english ? [`${rule}.en.md`, `${rule}.md`] : [`${rule}.md`];
  for (const name of candidates) {
    const uri = vscode.Uri.joinPath(dir, name);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      continue;
    }
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      await vscode.window.showTextDocument(uri, { preview: true });
    }
    return uri;
  }
  return unknownRule(rule);
}

function unknownRule(rule: string): undefined {
  void vscode.window.showErrorMessage(vscode.l10n.t('Unknown rule: {0}', rule));
  return undefined;
}

export interface ExportResult {
  uri?: vscode.Uri;
  files: number;
  findings: number;
  cancelled: boolean;
}

/**
 * 导出对照表 (xlsx) / 生成审查意见 (docx): for the current plan or every plan of the workspace, with the server's
 * settings and findings; saved beside the plan (the workspace folder for the workspace), then offered to open.
 * Argument (optional): a plan Uri → that plan; 'workspace' → every plan; { uri?, scope?, open?: false } (tests).
 */
export async function exportReport(
  ctx: CommandContext,
  format: 'xlsx' | 'docx',
  arg?: unknown,
): Promise<ExportResult | undefined> {
  const opts =
    arg && typeof arg === 'object' && !(arg instanceof vscode.Uri)
      ? (arg as { uri?: unknown; scope?: string; open?: boolean })
      : {};
  let scope: 'plan' | 'workspace' | undefined = arg === 'workspace' || opts.scope === 'workspace' ? 'workspace' : undefined;
  let planUri = scope ? undefined : targetUri(arg instanceof vscode.Uri || typeof arg === 'string' ? arg : opts.uri);
  if (
    !scope &&
    !(arg instanceof vscode.Uri) &&
    !opts.uri &&
    typeof arg !== 'string' &&
    vscode.workspace.workspaceFolders?.length
  ) {
    const editor = vscode.window.activeTextEditor?.document;
    const plan = editor && ['plan', 'plaintext', 'markdown'].includes(editor.languageId) ? editor.uri : undefined;
    if (plan) {
      const pick = await vscode.window.showQuickPick(
        [
          {
            label: vscode.l10n.t('The current plan'),
            description: vscode.workspace.asRelativePath(plan, false),
            scope: 'plan' as const,
          },
          { label: vscode.l10n.t('Every plan in the workspace'), scope: 'workspace' as const },
        ],
        {
          title:
            format === 'xlsx'
              ? vscode.l10n.t('PlanLint: export the comparison table')
              : vscode.l10n.t('PlanLint: write the review opinions'),
        },
      );
      if (!pick) return undefined;
      scope = pick.scope;
      planUri = pick.scope === 'plan' ? plan : undefined;
    } else scope = 'workspace';
  }
  scope ??= planUri ? 'plan' : 'workspace';
  const folder = planUri ? vscode.workspace.getWorkspaceFolder(planUri) : pickFolder();
  if (scope === 'plan' && !planUri) return noDocument();
  if (scope === 'workspace' && !folder) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first.'));
    return undefined;
  }
  await ctx.ready();
  const client = ctx.client();
  const name = format === 'xlsx' ? vscode.l10n.t('comparison table') : vscode.l10n.t('review opinions');
  let target: vscode.Uri;
  if (scope === 'plan') {
    const base = planUri!.path.replace(/^.*\//, '').replace(/\.(plan\.)?(txt|md|markdown)$/i, '');
    target = vscode.Uri.joinPath(planUri!, '..', `${base}-${name}.${format}`);
  } else target = vscode.Uri.joinPath(folder!.uri, `${name}.${format}`);
  const result: ExportResult = { files: 0, findings: 0, cancelled: false };
  const title =
    format === 'xlsx'
      ? vscode.l10n.t('PlanLint: exporting the comparison table')
      : vscode.l10n.t('PlanLint: writing the review opinions');
  const res = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const uris =
        scope === 'plan'
          ? [planUri!]
          : (await vscode.workspace.findFiles(new vscode.RelativePattern(folder!, PLAN_GLOB), EXCLUDE, undefined, token)).sort(
              (a, b) => a.toString().localeCompare(b.toString()),
            );
      if (!uris.length || token.isCancellationRequested) return undefined;
      const workDoneToken = `planlint-report-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      let last = 0;
      const sub = client.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
        if (v.kind === 'end') return;
        const p = (v as WorkDoneProgressBegin | WorkDoneProgressReport).percentage ?? last;
        progress.report({ message: vscode.l10n.t('{0} plans', v.message ?? ''), increment: Math.max(0, p - last) });
        last = p;
      });
      try {
        return await client.sendRequest<ReportResult>(
          ReportRequest,
          { uris: uris.map((u) => client.code2ProtocolConverter.asUri(u)), format, workDoneToken },
          token,
        );
      } catch (e) {
        if (token.isCancellationRequested) {
          result.cancelled = true;
          return undefined;
        }
        throw e;
      } finally {
        sub.dispose();
      }
    },
  );
  if (result.cancelled) {
    void vscode.window.showInformationMessage(vscode.l10n.t('PlanLint: cancelled; nothing was saved.'));
    return result;
  }
  if (!res || !res.data) {
    void vscode.window.showInformationMessage(vscode.l10n.t('PlanLint: no plan to report on.'));
    return result;
  }
  await vscode.workspace.fs.writeFile(target, new Uint8Array(Buffer.from(res.data, 'base64')));
  result.uri = target;
  result.files = res.files;
  result.findings = res.findings;
  if (opts.open !== false) {
    const open = vscode.l10n.t('Open');
    const reveal = vscode.l10n.t('Show in folder');
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t(
          'PlanLint: saved {0} ({1} plans, {2} findings).',
          vscode.workspace.asRelativePath(target, false),
          res.files,
          res.findings,
        ),
        open,
        reveal,
      )
      .then((c) => {
        if (c === open) void vscode.env.openExternal(target);
        else if (c === reveal) void vscode.commands.executeCommand('revealFileInOS', target);
      });
  }
  return result;
}
