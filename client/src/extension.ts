// The VS Code side of PlanLint, kept thin (DESIGN.md): it starts the bundled language server over IPC,
// keeps it running (restart on crash, with a message the user sees), and wires the commands, the status
// bar item, the comparison view and the `planlint` task type. All checking happens in the server.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { offerDeclaredUpstream, registerCommands } from './commands';
import { registerDocumentViews } from './documents';
import { ComparisonView } from './comparison';
import {
  ComparisonRequest,
  OffersNotification,
  SOURCE_VIEW_SCHEME,
  StatusNotification,
  type ComparisonResult,
  type OffersParams,
  type StatusParams,
} from './protocol';
import { PlanStatus } from './status';
import { PlanlintTaskProvider, TASK_TYPE } from './tasks';
import { registerLanguageSwitch, type LanguageSwitch } from './language-switch';
import { offerWalkthroughOnce, registerWalkthrough, type Walkthrough } from './walkthrough';

/** Crashes tolerated within CRASH_WINDOW_MS before we stop restarting and ask the user. */
const MAX_RESTARTS = 4;
const CRASH_WINDOW_MS = 3 * 60 * 1000;

let client: LanguageClient | undefined;

/** What activate() returns: read by the e2e tests (and usable by other extensions). */
export interface PlanlintApi {
  readonly client: LanguageClient;
  status(uri: vscode.Uri | string): StatusParams | undefined;
  readonly onDidUpdateStatus: vscode.Event<StatusParams>;
  readonly comparison: ComparisonView;
  /** Messages shown about server crashes and restarts, oldest first. */
  readonly crashMessages: string[];
  ready(): Promise<void>;
  /** Plain Text plans switched to the plan language (client/src/language-switch.ts). */
  readonly languageSwitch: LanguageSwitch;
  /** The getting-started walkthrough and its step commands (client/src/walkthrough.ts). */
  readonly walkthrough: Walkthrough;
}

export async function activate(context: vscode.ExtensionContext): Promise<PlanlintApi> {
  const output = vscode.window.createOutputChannel('PlanLint', { log: true });
  const offered = new Set<string>();
  const status = new PlanStatus();
  const crashMessages: string[] = [];
  const crashes: number[] = [];
  context.subscriptions.push(output, status);
  const languageSwitch = registerLanguageSwitch(context, output);
  const walkthrough = registerWalkthrough(context, vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath);
  offerWalkthroughOnce(context, languageSwitch.onDidSwitch, walkthrough);

  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const selector: Array<{ scheme: string; language: string }> = [];
  for (const language of ['plan', 'plaintext', 'markdown']) {
    for (const scheme of ['file', 'untitled']) selector.push({ scheme, language });
  }
  // the read-only plan views of Word/WPS/PDF/HTML files (documents.ts)
  selector.push({ scheme: SOURCE_VIEW_SCHEME, language: 'plan' });
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    outputChannel: output,
    initializationOptions: { locale: vscode.env.language, offers: true },
    synchronize: {
      configurationSection: 'planlint',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.planlintrc.json'),
    },
    errorHandler: {
      error(_error, _message, count): ErrorHandlerResult {
        // A few bad messages are survivable; a broken pipe is not.
        return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
      },
      closed(): CloseHandlerResult {
        const now = Date.now();
        crashes.push(now);
        while (crashes.length && now - crashes[0] > CRASH_WINDOW_MS) crashes.shift();
        if (crashes.length <= MAX_RESTARTS) {
          const msg = vscode.l10n.t(
            'The PlanLint language server stopped unexpectedly and is being restarted ({0} of {1}). Findings will reappear in a moment.',
            crashes.length,
            MAX_RESTARTS,
          );
          crashMessages.push(msg);
          output.warn(msg);
          void showWithLog(vscode.window.showWarningMessage, msg, output);
          return { action: CloseAction.Restart, handled: true };
        }
        const msg = vscode.l10n.t(
          'The PlanLint language server stopped {0} times in 3 minutes and will not be restarted automatically. Plans are not being checked.',
          crashes.length,
        );
        crashMessages.push(msg);
        output.warn(msg);
        status.setServerState('stopped');
        const restart = vscode.l10n.t('Restart');
        void showWithLog(vscode.window.showErrorMessage, msg, output, restart).then((c) => {
          if (c === restart) void vscode.commands.executeCommand('planlint.restartServer');
        });
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    },
  };

  client = new LanguageClient('planlint', 'PlanLint', serverOptions, clientOptions);
  const c = client;
  context.subscriptions.push(
    c.onDidChangeState((e) => {
      if (e.newState === State.Running) status.setServerState('running');
      else if (e.newState === State.Starting) status.setServerState('starting');
    }),
    c.onNotification(StatusNotification, (p: StatusParams) => status.update(p)),
    // a declared upstream (依据《…》) not supplied, and a workspace file with its title: offer it, once
    c.onNotification(OffersNotification, (p: OffersParams) => {
      for (const o of p?.offers ?? []) {
        const key = `${o.title}\n${o.path}`;
        if (offered.has(key)) continue;
        offered.add(key);
        void offerDeclaredUpstream(p.uri, o).catch((e) => output.appendLine(String(e)));
      }
    }),
  );

  const ready = async (): Promise<void> => {
    if (c.state === State.Running) return;
    if (c.state !== State.Starting) {
      throw new Error(vscode.l10n.t('The PlanLint language server is not running. Run "PlanLint: Restart the language server".'));
    }
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(vscode.l10n.t('The PlanLint language server did not start in time.')));
      }, 60000);
      const sub = c.onDidChangeState((e) => {
        if (e.newState === State.Starting) return;
        clearTimeout(timer);
        sub.dispose();
        if (e.newState === State.Running) resolve();
        else
          reject(
            new Error(vscode.l10n.t('The PlanLint language server is not running. Run "PlanLint: Restart the language server".')),
          );
      });
    });
  };

  const fetchComparison = async (uri: vscode.Uri): Promise<ComparisonResult> => {
    await ready();
    return c.sendRequest<ComparisonResult>(ComparisonRequest, { uri: c.code2ProtocolConverter.asUri(uri) });
  };
  const comparison = new ComparisonView(fetchComparison);
  context.subscriptions.push(comparison);

  const restart = async (): Promise<void> => {
    crashes.length = 0;
    status.setServerState('starting');
    if (c.state === State.Stopped || c.state === State.StartFailed) await c.start();
    else await c.restart();
  };

  context.subscriptions.push(
    ...registerDocumentViews(() => c, ready).disposables,
    ...registerCommands({ client: () => c, ready, status, comparison, extensionUri: context.extensionUri, restart }),
    vscode.tasks.registerTaskProvider(
      TASK_TYPE,
      new PlanlintTaskProvider(vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath),
    ),
  );

  try {
    await c.start();
  } catch (e) {
    const msg = vscode.l10n.t('The PlanLint language server could not start: {0}', e instanceof Error ? e.message : String(e));
    output.error(msg);
    status.setServerState('stopped');
    void showWithLog(vscode.window.showErrorMessage, msg, output);
  }

  return {
    client: c,
    status: (uri) => status.get(uri),
    onDidUpdateStatus: status.onDidUpdate,
    comparison,
    crashMessages,
    ready,
    languageSwitch,
    walkthrough,
  };
}

function showWithLog(
  show: (msg: string, ...items: string[]) => Thenable<string | undefined>,
  msg: string,
  output: vscode.LogOutputChannel,
  ...extra: string[]
): Thenable<string | undefined> {
  const log = vscode.l10n.t('Show Log');
  return show(msg, ...extra, log).then((choice) => {
    if (choice === log) output.show(true);
    return choice;
  });
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
