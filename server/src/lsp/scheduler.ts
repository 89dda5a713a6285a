// Debounced runs per document. The debounce state lives in the document's own state object
// (lsp/documents.ts, DocState.run): a change or a newer schedule() bumps its gen, which cancels the
// pending timer's run and makes any run already started for an older state stale (`token.current()`
// turns false), so its result is dropped instead of published; closing the document drops it all.
import type { RunState } from './documents';

export interface RunToken {
  /** False once a newer change, schedule() or the document's close happened. */
  current(): boolean;
}

export class Scheduler {
  constructor(private readonly run: (uri: string, token: RunToken) => unknown) {}

  schedule(uri: string, state: RunState, delayMs: number): void {
    const gen = ++state.gen;
    if (state.timer) clearTimeout(state.timer);
    const token: RunToken = { current: () => state.gen === gen };
    state.timer = setTimeout(
      () => {
        state.timer = undefined;
        if (!token.current()) return;
        Promise.resolve()
          .then(() => this.run(uri, token))
          .catch(() => undefined);
      },
      Math.max(0, delayMs),
    );
  }

  /** Milliseconds since the last change of the document (Infinity when none since it opened). */
  static sinceLastChange(state: RunState | undefined): number {
    return state?.lastChange ? Date.now() - state.lastChange : Infinity;
  }
}
