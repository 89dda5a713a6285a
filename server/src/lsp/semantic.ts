// textDocument/semanticTokens/full and /full/delta: the core's plan tokens (core/tokens.ts) of the
// analysis the server already holds for the document's version (no parse of its own), encoded, with the
// last answer kept in the document's state so a delta request gets one edit instead of the whole array.
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensLegend } from 'vscode-languageserver';
import { TOKEN_MODIFIERS, TOKEN_TYPES, diffTokens, encodeTokens, planTokens, type Comparison, type PlanDocument } from '../core';

export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

/** Where the last answer for one document is kept (its DocState). */
export interface TokensHolder {
  tokens?: { resultId: string; data: number[] };
}

export class SemanticTokensStore {
  private seq = 0;

  /** The encoded tokens of a plan (an empty array for a text that is not a plan). */
  static encode(plan: PlanDocument | null, comparison: Comparison | null): number[] {
    return plan?.isPlan ? encodeTokens(planTokens(plan, comparison)) : [];
  }

  /** The full tokens; kept in `holder` (the document's state) when given, for a later delta. */
  full(holder: TokensHolder | undefined, data: number[]): SemanticTokens {
    const resultId = String(++this.seq);
    if (holder) holder.tokens = { resultId, data };
    return { resultId, data };
  }

  /** A delta against the client's previous result when it is the one we kept, else the full tokens. */
  delta(holder: TokensHolder | undefined, previousResultId: string, data: number[]): SemanticTokens | SemanticTokensDelta {
    const prev = holder?.tokens;
    if (!holder || !prev || prev.resultId !== previousResultId) return this.full(holder, data);
    const resultId = String(++this.seq);
    holder.tokens = { resultId, data };
    return { resultId, edits: diffTokens(prev.data, data) };
  }
}
