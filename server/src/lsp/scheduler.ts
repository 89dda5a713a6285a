// Debounced runs per document. A newer schedule() for the same document cancels the pending
// timer and makes any run already started for an older state stale (`token.current()` turns
// false), so its result is dropped instead of published.
export interface RunToken {
  /** False once a newer schedule() or cancel() for the same document happened. */
  current(): boolean;
}

export class Scheduler {
  private state = new Map<string, { gen: number; timer?: ReturnType<typeof setTimeout>; lastChange: number }>();

  constructor(private readonly run: (uri: string, token: RunToken) => unknown) {}

  schedule(uri: string, delayMs: number): void {
    const s = this.state.get(uri) ?? { gen: 0, lastChange: 0 };
    this.state.set(uri, s);
    s.gen++;
    s.lastChange = Date.now();
    if (s.timer) clearTimeout(s.timer);
    const gen = s.gen;
    const token: RunToken = { current: () => this.state.get(uri)?.gen === gen };
    s.timer = setTimeout(
      () => {
        s.timer = undefined;
        if (!token.current()) return;
        Promise.resolve()
          .then(() => this.run(uri, token))
          .catch(() => undefined);
      },
      Math.max(0, delayMs),
    );
  }

  /**
   * Marks a change without scheduling a run (pull mode: the client asks). The first call for a
   * document (its opening) does not start a debounce: its first diagnostics are not delayed.
   */
  touch(uri: string): void {
    const s = this.state.get(uri);
    if (!s) {
      this.state.set(uri, { gen: 1, lastChange: 0 });
      return;
    }
    s.gen++;
    s.lastChange = Date.now();
  }

  /** Milliseconds since the last change of the document (Infinity when none is known). */
  sinceLastChange(uri: string): number {
    const s = this.state.get(uri);
    return s ? Date.now() - s.lastChange : Infinity;
  }

  known(uri: string): boolean {
    return this.state.has(uri);
  }

  cancel(uri: string): void {
    const s = this.state.get(uri);
    if (s?.timer) clearTimeout(s.timer);
    this.state.delete(uri);
  }
}
