// textDocument/semanticTokens/full and /full/delta: the core's plan tokens (core/tokens.ts) of the
// analysis the server already holds for the document's version (no parse of its own), encoded, with the
// last answer per document kept so a delta request gets one edit instead of the whole array.
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensLegend } from 'vscode-languageserver';
import { TOKEN_MODIFIERS, TOKEN_TYPES, diffTokens, encodeTokens, planTokens, type Comparison, type PlanDocument } from '../core';

export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

interface Last {
  resultId: string;
  data: number[];
}

export class SemanticTokensStore {
  private last = new Map<string, Last>();
  private seq = 0;

  /** The encoded tokens of a plan (an empty array for a text that is not a plan). */
  static encode(plan: PlanDocument | null, comparison: Comparison | null): number[] {
    return plan?.isPlan ? encodeTokens(planTokens(plan, comparison)) : [];
  }

  full(uri: string, data: number[]): SemanticTokens {
    const resultId = String(++this.seq);
    this.last.set(uri, { resultId, data });
    return { resultId, data };
  }

  /** A delta against the client's previous result when it is the one we kept, else the full tokens. */
  delta(uri: string, previousResultId: string, data: number[]): SemanticTokens | SemanticTokensDelta {
    const prev = this.last.get(uri);
    if (!prev || prev.resultId !== previousResultId) return this.full(uri, data);
    const resultId = String(++this.seq);
    this.last.set(uri, { resultId, data });
    return { resultId, edits: diffTokens(prev.data, data) };
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}
