// The `planlint` task type: runs the bundled CLI (dist/cli.js, our own code: nothing from the workspace is
// executed) over a folder's plans, its text output read by the `$planlint` problem matcher
// (`file:line:col: severity [rule] message`).
import { spawn, type ChildProcess } from 'node:child_process';
import * as vscode from 'vscode';

export interface PlanlintTaskDefinition extends vscode.TaskDefinition {
  type: 'planlint';
  /** Files or glob patterns relative to the folder; default: every *.txt and *.md outside node_modules. */
  files?: string[];
  /** Built-in baseline ids or plan file paths (passed as --upstream). */
  upstream?: string[];
}

export const TASK_TYPE = 'planlint';
const DEFAULT_GLOB = '**/*.{txt,md}';
const EXCLUDE = '**/{node_modules,.git,.cache,dist,out}/**';

export class PlanlintTaskProvider implements vscode.TaskProvider {
  constructor(private readonly cliPath: string) {}

  async provideTasks(): Promise<vscode.Task[]> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const tasks: vscode.Task[] = [];
    for (const folder of folders) {
      const t = await this.build({ type: TASK_TYPE }, folder);
      if (t) tasks.push(t);
    }
    return tasks;
  }

  async resolveTask(task: vscode.Task): Promise<vscode.Task | undefined> {
    const def = task.definition as PlanlintTaskDefinition;
    if (def.type !== TASK_TYPE) return undefined;
    const folder =
      task.scope && typeof task.scope === 'object'
        ? (task.scope as vscode.WorkspaceFolder)
        : vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    return this.build(def, folder, task);
  }

  private async build(
    def: PlanlintTaskDefinition,
    folder: vscode.WorkspaceFolder,
    from?: vscode.Task,
  ): Promise<vscode.Task | undefined> {
    const patterns =
      Array.isArray(def.files) && def.files.length ? def.files.filter((f) => typeof f === 'string') : [DEFAULT_GLOB];
    const files = new Set<string>();
    for (const p of patterns) {
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, p), EXCLUDE, 5000);
      for (const u of found) files.add(relative(folder.uri, u));
    }
    const args = [this.cliPath, 'check', '--format', 'text'];
    for (const u of Array.isArray(def.upstream) ? def.upstream : []) if (typeof u === 'string' && u) args.push('--upstream', u);
    args.push(...[...files].sort());
    const exec = new vscode.CustomExecution(async () => new CliTerminal(process.execPath, args, folder.uri.fsPath));
    const name = from?.name ?? vscode.l10n.t('check plans');
    const task = new vscode.Task(def, folder, name, 'planlint', exec, ['$planlint']);
    task.group = vscode.TaskGroup.Build;
    task.detail = vscode.l10n.t('Check {0} plan files against the upstream baseline', files.size);
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, clear: true };
    return task;
  }
}

function relative(base: vscode.Uri, u: vscode.Uri): string {
  const b = base.path.endsWith('/') ? base.path : base.path + '/';
  return u.path.startsWith(b) ? u.path.slice(b.length) : u.fsPath;
}

/**
 * Runs the CLI as a plain child process and shows its output in the task terminal; closes only once the
 * terminal has parsed all of it.
 *
 * Why: the workbench feeds the problem matcher from the terminal's parsed lines (xterm's line feeds), and
 * when the task's process exits it stops reading them and ends the matcher (`done()`); it waits at most
 * ~100 ms for xterm to catch up with what was written. Output not yet parsed by then never reaches the
 * Problems panel (seen on a loaded machine: 15 of 16, or 0 of 16, findings of the last file). So after the
 * child has exited and its output has been written, the terminal asks xterm for the cursor position
 * (DSR, `ESC [6n`): xterm answers (`ESC [r;cR`, our handleInput) only after it has parsed everything
 * written before the question, and only then does the task end. (The matcher's file location is relative
 * to the folder, not autoDetect: autoDetect stats each file asynchronously and `done()` does not wait for
 * those, which lost findings the same way.)
 */
export class CliTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private child: ChildProcess | undefined;
  /** The exit code, while waiting for the terminal's answer to the position request. */
  private exitCode: number | undefined;
  private fallback: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  /** `fallbackMs`: a terminal that never answers the position request (not VS Code's) ends the task anyway. */
  constructor(
    private readonly node: string,
    private readonly args: string[],
    private readonly cwd: string,
    private readonly fallbackMs = 30000,
  ) {}

  open(): void {
    const shown = ['planlint', ...this.args.slice(1, 4), this.args.length > 4 ? `… (${this.args.length - 4})` : ''].join(' ');
    this.writeEmitter.fire(`\x1b[2m> ${shown}\x1b[0m\r\n`);
    // ELECTRON_RUN_AS_NODE: in desktop VS Code the extension host's executable is Electron
    const child = spawn(this.node, this.args, {
      cwd: this.cwd,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const write = (chunk: string): void => this.writeEmitter.fire(chunk.replace(/\r?\n/g, '\r\n'));
    child.stdout.setEncoding('utf8').on('data', write);
    child.stderr.setEncoding('utf8').on('data', write);
    child.on('error', (e) => {
      write(`${e.message}\n`);
      this.finish(2);
    });
    child.on('close', (code) => this.finish(code ?? 2));
  }

  private finish(code: number): void {
    if (!this.child) return;
    this.child = undefined;
    this.exitCode = code;
    this.writeEmitter.fire('\x1b[6n');
    this.fallback = setTimeout(() => {
      console.warn(
        `planlint task: the terminal did not answer the position request within ${this.fallbackMs} ms; ending the task`,
      );
      this.end();
    }, this.fallbackMs);
  }

  /** The terminal's input: the answer to the position request ends the task. */
  handleInput(data: string): void {
    // eslint-disable-next-line no-control-regex -- the terminal's cursor-position report starts with ESC
    if (this.exitCode !== undefined && /\x1b\[\d+;\d+R/.test(data)) this.end();
  }

  private end(): void {
    if (this.closed || this.exitCode === undefined) return;
    this.closed = true;
    clearTimeout(this.fallback);
    this.closeEmitter.fire(this.exitCode);
  }

  close(): void {
    clearTimeout(this.fallback);
    this.closed = true;
    this.child?.kill();
    this.child = undefined;
  }
}
