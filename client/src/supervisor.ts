// Keeps the PlanLint language server running: every way the server can be lost (a crash while running, a
// crash while starting, a start that fails, a connection that keeps erroring) ends in one place, `lost()`,
// which restarts it and tells the user, until MAX_RESTARTS losses within CRASH_WINDOW_MS (then it stops and
// says so). A restart the user asks for (`restart()`) resets that budget and always ends with a start.
//
// Why not vscode-languageclient's own handling alone: its connection error handler can only answer
// "continue" or "shut down", and shutting down goes through stop(), after which the close of the connection
// is treated as intended (the close handler is not asked, nothing restarts, nothing is shown). A killed server
// reaches exactly that path when VS Code keeps writing to it before its close event is handled (each failed
// write is an error). And a start that fails leaves a client that cannot be started again (StartFailed).
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  ErrorCodes,
  LanguageClient,
  State,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type StateChangeEvent,
} from 'vscode-languageclient/node';

/** Losses tolerated within CRASH_WINDOW_MS before we stop restarting and ask the user. */
export const MAX_RESTARTS = 4;
export const CRASH_WINDOW_MS = 3 * 60 * 1000;

export type ServerState = 'running' | 'starting' | 'stopped';

export interface SupervisorOptions {
  output: vscode.LogOutputChannel;
  /** A new client with this error handler (one per start after a failed start). */
  create(errorHandler: ErrorHandler): LanguageClient;
  /** Registers the notification handlers on a new client; disposed with it. */
  wire(client: LanguageClient): vscode.Disposable[];
  onServerState(state: ServerState): void;
  /** Shows a message (warning when restarting, error with a Restart action when giving up). */
  notify(kind: 'restarting' | 'gave-up', msg: string): void;
}

export class ServerSupervisor implements vscode.Disposable {
  /** Messages shown about server crashes and restarts, oldest first. */
  readonly crashMessages: string[] = [];
  private current: LanguageClient;
  private wired: vscode.Disposable[] = [];
  private readonly losses: number[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** closed() asked the library to restart the current client; it is between Stopped and Starting. */
  private restartPending = false;
  private userRestart: Promise<void> | undefined;
  private disposed = false;

  constructor(private readonly opts: SupervisorOptions) {
    this.current = this.create();
  }

  get client(): LanguageClient {
    return this.current;
  }

  /** Fires on every state change of the current client and when a client is replaced. */
  get onDidChange(): vscode.Event<void> {
    return this.changed.event;
  }

  /** The first start (activation). Failures are handled by the state listener like any other loss. */
  async start(): Promise<void> {
    const c = this.current;
    try {
      await c.start();
    } catch (e) {
      this.opts.output.warn(`start: ${errorText(e)}`);
    }
  }

  /** Resolves when the server is running; waits while it is starting or being restarted. */
  async ready(timeoutMs = 60000): Promise<void> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const c = this.current;
      if (c.state === State.Running) return;
      const pending = c.state === State.Starting || this.restartPending || this.userRestart !== undefined;
      if (!pending || this.disposed) throw new Error(notRunningText());
      const left = end - Date.now();
      if (left <= 0) throw new Error(vscode.l10n.t('The PlanLint language server did not start in time.'));
      await this.nextChange(left);
    }
  }

  /**
   * Runs a request on the running server. If the server is lost while it is in flight (its connection
   * closes: the pending request is rejected), runs it once more on the restarted server.
   */
  async request<R>(fn: (client: LanguageClient) => Promise<R>): Promise<R> {
    await this.ready();
    const c = this.current;
    try {
      return await fn(c);
    } catch (e) {
      if (!connectionLost(e)) throw e;
      this.opts.output.warn(`request: ${errorText(e)}: once more on the restarted server`);
      // the close is being handled: wait until the client has left the lost connection's Running state
      if (this.current === c && c.state === State.Running) await this.nextChange(10000);
      await this.ready();
      return fn(this.current);
    }
  }

  private nextChange(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      };
      const timer = setTimeout(done, ms);
      const sub = this.changed.event(done);
    });
  }

  /** "PlanLint: Restart the language server": resets the budget; ends with a started server (or a loss). */
  restart(): Promise<void> {
    if (this.userRestart) return this.userRestart;
    this.losses.length = 0;
    this.opts.onServerState('starting');
    const run = async (): Promise<void> => {
      let c = this.current;
      // a start in flight cannot be stopped: let it settle first
      if (c.state === State.Starting) await c.start().catch(() => undefined);
      c = this.current;
      if (c.state === State.Running) {
        try {
          await c.stop();
        } catch (e) {
          // the server died while being stopped: the client is stopped all the same
          this.opts.output.warn(`restart: stop: ${errorText(e)}`);
        }
      }
      c = this.current;
      if (c.state === State.StartFailed) this.replace();
      else if (c.state !== State.Starting && c.state !== State.Running) await this.startClient(c);
    };
    const p = run().finally(() => {
      this.userRestart = undefined;
      this.changed.fire();
    });
    this.userRestart = p;
    return p.then(() =>
      this.ready().catch((e) => {
        this.opts.output.warn(`restart: ${errorText(e)}`);
      }),
    );
  }

  async stop(): Promise<void> {
    this.disposed = true;
    const c = this.current;
    if (c.state === State.Running) await c.stop().catch(() => undefined);
    else this.killServer(c);
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.wired) d.dispose();
    this.changed.dispose();
  }

  private create(): LanguageClient {
    const handler: ErrorHandler = {
      error: (error, _message, count) => this.onError(c, error, count),
      closed: () => this.onClosed(c),
    };
    const c = this.opts.create(handler);
    this.wired = [c.onDidChangeState((e) => this.onState(c, e)), ...this.opts.wire(c)];
    return c;
  }

  private onError(c: LanguageClient, error: Error, count: number | undefined): ErrorHandlerResult {
    this.opts.output.warn(`connection error${count === undefined ? '' : ` (${count})`}: ${error?.message ?? error}`);
    // A few bad messages are survivable. More (or an error of the channel itself, count undefined) means a
    // broken connection: end the server process; its close comes to closed(), which restarts it within the
    // budget. Never ErrorAction.Shutdown: that stops the client so that its close is taken as intended.
    if (count === undefined || count > 3) this.killServer(c);
    return { action: ErrorAction.Continue, handled: true };
  }

  private onClosed(c: LanguageClient): CloseHandlerResult {
    if (c !== this.current || this.disposed) return { action: CloseAction.DoNotRestart, handled: true };
    if (c.state === State.Starting) {
      // died while starting: the pending start fails (StartFailed) and onState() takes it from there
      return { action: CloseAction.DoNotRestart, handled: true, message: 'The server closed while starting.' };
    }
    if (!this.lost()) return { action: CloseAction.DoNotRestart, handled: true, message: 'The server closed.' };
    this.restartPending = true;
    return { action: CloseAction.Restart, handled: true, message: 'The server closed: restarting.' };
  }

  private onState(c: LanguageClient, e: StateChangeEvent): void {
    if (c !== this.current) return;
    if (e.newState === State.Running) {
      this.restartPending = false;
      this.opts.onServerState('running');
    } else if (e.newState === State.Starting) {
      this.restartPending = false;
      this.opts.onServerState('starting');
    } else if (e.newState === State.StartFailed && !this.disposed) {
      // a client whose start failed cannot be started again: a new one takes its place
      if (this.lost()) this.replace();
    }
    this.changed.fire();
  }

  /** Counts a loss; true = restart (the user was told), false = the budget is spent (the user was asked). */
  private lost(): boolean {
    const now = Date.now();
    this.losses.push(now);
    while (this.losses.length && now - this.losses[0] > CRASH_WINDOW_MS) this.losses.shift();
    if (this.losses.length <= MAX_RESTARTS) {
      const msg = vscode.l10n.t(
        'The PlanLint language server stopped unexpectedly and is being restarted ({0} of {1}). Findings will reappear in a moment.',
        this.losses.length,
        MAX_RESTARTS,
      );
      this.crashMessages.push(msg);
      this.opts.output.warn(msg);
      this.opts.notify('restarting', msg);
      return true;
    }
    const msg = vscode.l10n.t(
      'The PlanLint language server stopped {0} times in 3 minutes and will not be restarted automatically. Plans are not being checked.',
      this.losses.length,
    );
    this.crashMessages.push(msg);
    this.opts.output.warn(msg);
    this.restartPending = false;
    this.opts.onServerState('stopped');
    this.opts.notify('gave-up', msg);
    return false;
  }

  private replace(): void {
    const old = this.current;
    for (const d of this.wired) d.dispose();
    this.killServer(old);
    old.dispose().catch(() => undefined);
    this.current = this.create();
    void this.startClient(this.current);
  }

  private async startClient(c: LanguageClient): Promise<void> {
    try {
      await c.start();
    } catch (e) {
      // StartFailed: onState() counts it and replaces the client
      this.opts.output.warn(`start: ${errorText(e)}`);
    }
  }

  private killServer(c: LanguageClient): void {
    const p = c.serverProcess;
    if (p && p.exitCode === null && p.signalCode === null) p.kill();
  }
}

function notRunningText(): string {
  return vscode.l10n.t('The PlanLint language server is not running. Run "PlanLint: Restart the language server".');
}

/** The connection closed under a request (jsonrpc's PendingResponseRejected / ConnectionInactive). */
function connectionLost(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === ErrorCodes.PendingResponseRejected || code === ErrorCodes.ConnectionInactive;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
