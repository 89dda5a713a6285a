// The VS Code side of PlanLint, kept thin (DESIGN.md): it starts the bundled language server over IPC,
// keeps it running (restart on crash, with a message the user sees), and wires the commands, the status
// bar item, the comparison view and the `planlint` task type. All checking happens in the server.
import * as vscode from 'vscode';
import {
  LanguageClient,
  ResponseError,
  TransportKind,
  type CancellationToken,
  type LanguageClientOptions,
  type MessageSignature,
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
import { ServerSupervisor } from './supervisor';
import { serverEnv } from '../../server/src/node/server-env';

let supervisor: ServerSupervisor | undefined;

/**
 * The language client, with one difference: an editor request (hover, code actions, tokens…) that VS Code sends
 * while the server is being restarted or stopped gets the empty answer instead of an error. The library starts
 * the connection inside sendRequest and throws a plain Error ("Starting server failed") when the server is lost
 * in between; its handleFailedRequest only lets ResponseErrors through quietly, so VS Code logged "provider
 * FAILED" although nothing was wrong but timing. VS Code asks again on the next edit or cursor move, and the
 * supervisor restarts the server and says so.
 */
class PlanlintClient extends LanguageClient {
  override handleFailedRequest<T>(
    type: MessageSignature,
    token: CancellationToken | undefined,
    error: unknown,
    defaultValue: T,
    showNotification?: boolean,
    throwOnCancel?: boolean,
  ): T {
    if (!(error instanceof ResponseError) && !this.isRunning()) {
      try {
        this.outputChannel.appendLine(
          `${type.method}: no answer, the server is not running (${error instanceof Error ? error.message : String(error)})`,
        );
      } catch {
        // the channel is gone at shutdown: nothing to tell
      }
      return defaultValue;
    }
    return super.handleFailedRequest(type, token, error, defaultValue, showNotification, throwOnCancel);
  }
}
let outputChannel: vscode.LogOutputChannel | undefined;

/** What activate() returns: read by the e2e tests (and usable by other extensions). */
export interface PlanlintApi {
  /** The current client (a new one replaces a client whose start failed: read it each time). */
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
  // the output channel is disposed by deactivate(), after the client: requests that fail while it stops
  // log there (an extension's subscriptions are disposed as soon as deactivate() has returned)
  outputChannel = output;
  context.subscriptions.push(status);
  const languageSwitch = registerLanguageSwitch(context, output);
  const walkthrough = registerWalkthrough(context, vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath);
  offerWalkthroughOnce(context, languageSwitch.onDidSwitch, walkthrough);

  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    // the server environment: native memory given back after documents close (server/src/node/server-env.ts)
    run: { module: serverModule, transport: TransportKind.ipc, options: { env: serverEnv(process.env) } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { env: serverEnv(process.env), execArgv: ['--nolazy', '--inspect=6011'] },
    },
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
    // a failed initialize (the server died while starting, say) ends the start: the supervisor restarts
    // and tells the user, instead of the library's raw error message
    initializationFailedHandler: (e) => {
      output.warn(`initialize: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    },
  };

  const sup = new ServerSupervisor({
    output,
    create: (errorHandler) => new PlanlintClient('planlint', 'PlanLint', serverOptions, { ...clientOptions, errorHandler }),
    wire: (c) => [
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
    ],
    onServerState: (st) => status.setServerState(st),
    notify: (kind, msg) => {
      if (kind === 'restarting') {
        void showWithLog(vscode.window.showWarningMessage, msg, output);
        return;
      }
      const restart = vscode.l10n.t('Restart');
      void showWithLog(vscode.window.showErrorMessage, msg, output, restart).then((choice) => {
        if (choice === restart) void vscode.commands.executeCommand('planlint.restartServer');
      });
    },
  });
  supervisor = sup;
  context.subscriptions.push(sup);
  const ready = (): Promise<void> => sup.ready();
  const client = (): LanguageClient => sup.client;

  const fetchComparison = async (uri: vscode.Uri): Promise<ComparisonResult> => {
    return sup.request((c) => c.sendRequest<ComparisonResult>(ComparisonRequest, { uri: c.code2ProtocolConverter.asUri(uri) }));
  };
  const comparison = new ComparisonView(fetchComparison);
  context.subscriptions.push(comparison);

  const restart = (): Promise<void> => sup.restart();

  context.subscriptions.push(
    ...registerDocumentViews(client, ready).disposables,
    ...registerCommands({
      client,
      ready,
      request: (fn) => sup.request(fn),
      status,
      comparison,
      extensionUri: context.extensionUri,
      restart,
    }),
    vscode.tasks.registerTaskProvider(
      TASK_TYPE,
      new PlanlintTaskProvider(vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath),
    ),
  );

  await sup.start();

  return {
    get client() {
      return sup.client;
    },
    status: (uri) => status.get(uri),
    onDidUpdateStatus: status.onDidUpdate,
    comparison,
    crashMessages: sup.crashMessages,
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

export async function deactivate(): Promise<void> {
  await supervisor?.stop();
  // what the stop rejected settles first (its handlers may still log)
  await new Promise((resolve) => setTimeout(resolve, 0));
  outputChannel?.dispose();
}
