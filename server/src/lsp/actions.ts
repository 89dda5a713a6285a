// Code actions from the findings of the document's current version: the finding's own fix
// (weaker value → upstream value, renumbering, bracket width, missing domain skeleton), "ignore
// this finding" (an edit of .planlintrc.json, created when absent), "disable for this line"
// in markdown, the rule's doc, and source.fixAll.planlint for the numbering fixes.
// Pure: the config-file edit comes from a function the server passes in.
import { CodeAction, CodeActionKind, Diagnostic, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { rulesTagged, type Finding, type IgnoreEntry, type Locale } from '../core';
import { coreRange, rangesOverlap, toDiagnostic, toTextEdit, type ConvertContext } from './convert';
import { msg } from './messages';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.planlint`;
/** The numbering group (tag `numbering` in the rule registry): what source.fixAll.planlint applies. */
export const NUMBERING_RULES: ReadonlySet<string> = new Set(rulesTagged('numbering'));

export interface ClientEditSupport {
  /** workspace.workspaceEdit.documentChanges */
  documentChanges: boolean;
  /** workspace.workspaceEdit.resourceOperations includes "create" */
  createFile: boolean;
}

/** How to add an ignore entry: edits of an existing config file, or a new file's content. */
export type IgnoreEdit = { uri: string; exists: true; edits: TextEdit[] } | { uri: string; exists: false; content: string };

export interface ActionContext {
  uri: string;
  version: number;
  languageId: string;
  lines: readonly string[];
  /** The text's line terminator, for inserted lines. */
  eol: string;
  locale: Locale;
  findings: readonly Finding[];
  support: ClientEditSupport;
  convert: ConvertContext;
  ignoreEdit?: (entry: IgnoreEntry) => IgnoreEdit | null;
  /** Offer the doc link as a command (VS Code client contributes planlint.openRuleDoc). */
  docCommand: boolean;
  /**
   * When the client resolves code actions (codeAction/resolve with "edit"): the data that lets the
   * server find this finding again; the fix edits computed lazily are then left out of the reply.
   */
  resolveFix?: (f: Finding) => unknown;
}

export function isMarkdown(languageId: string, uri: string): boolean {
  return languageId === 'markdown' || /\.(md|markdown)$/i.test(uri);
}

function docEdit(ctx: ActionContext, edits: TextEdit[]): WorkspaceEdit {
  if (ctx.support.documentChanges) {
    return { documentChanges: [{ textDocument: { uri: ctx.uri, version: ctx.version }, edits }] };
  }
  return { changes: { [ctx.uri]: edits } };
}

function findingRange(f: Finding, lines: readonly string[]): Range {
  return coreRange(lines, f.line, f.col, f.endLine, f.endCol);
}

/** Does a diagnostic the client sent correspond to this finding (same rule, same start)? */
function matches(d: Diagnostic, f: Finding, lines: readonly string[]): boolean {
  if (d.code !== f.rule || (d.source && d.source !== 'planlint')) return false;
  const r = findingRange(f, lines);
  return d.range.start.line === r.start.line && d.range.start.character === r.start.character;
}

/** The ignore entry for a finding: its rule and indicator, else (numbering, missing domain) the line's text. */
export function ignoreEntry(f: Finding, lines: readonly string[], locale: Locale): IgnoreEntry {
  const e: IgnoreEntry = { rule: f.rule };
  if (f.indicator) e.indicator = f.indicator;
  else {
    const text = (f.lineText ?? lines[f.line - 1] ?? '').trim();
    if (text) e.text = text;
  }
  e.reason = msg(locale, 'ignoreReason');
  return e;
}

function ignoreAction(f: Finding, diag: Diagnostic, ctx: ActionContext): CodeAction | null {
  if (!ctx.ignoreEdit) return null;
  const ie = ctx.ignoreEdit(ignoreEntry(f, ctx.lines, ctx.locale));
  if (!ie) return null;
  let edit: WorkspaceEdit;
  if (ie.exists) {
    edit = ctx.support.documentChanges
      ? { documentChanges: [{ textDocument: { uri: ie.uri, version: null }, edits: ie.edits }] }
      : { changes: { [ie.uri]: ie.edits } };
  } else {
    if (!ctx.support.documentChanges || !ctx.support.createFile) return null;
    edit = {
      documentChanges: [
        { kind: 'create', uri: ie.uri, options: { overwrite: false, ignoreIfExists: true } },
        {
          textDocument: { uri: ie.uri, version: null },
          edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: ie.content }],
        },
      ],
    };
  }
  return { title: msg(ctx.locale, 'ignoreTitle', f.rule), kind: CodeActionKind.QuickFix, diagnostics: [diag], edit };
}

function disableLineAction(f: Finding, diag: Diagnostic, ctx: ActionContext): CodeAction | null {
  if (!isMarkdown(ctx.languageId, ctx.uri)) return null;
  if (f.rule === 'missing-domain' || f.rule === 'internal-error' || f.rule === 'file-too-large') return null;
  const line0 = Math.min(Math.max(0, f.line - 1), ctx.lines.length - 1);
  const indent = /^[ \t]*/.exec(ctx.lines[line0] ?? '')?.[0] ?? '';
  const newText = `${indent.length >= 4 ? '' : indent}<!-- planlint-disable-next-line ${f.rule} -->${ctx.eol}`;
  const at = { line: line0, character: 0 };
  return {
    title: msg(ctx.locale, 'disableLineTitle', f.rule),
    kind: CodeActionKind.QuickFix,
    diagnostics: [diag],
    edit: docEdit(ctx, [{ range: { start: at, end: at }, newText }]),
  };
}

/** Edits one fix (or the fix-all action) may carry: beyond, the reply would pass 1 MB. */
export const MAX_ACTION_EDITS = 4000;

/** The finding's fix edits, or null when there are none or too many (read from maxEdits before computing them). */
function boundedFixEdits(f: Finding, lines: readonly string[], budget = MAX_ACTION_EDITS): TextEdit[] | null {
  if (!f.fix) return null;
  if ((f.fix.maxEdits ?? 0) > budget) return null;
  const core = f.fix.edits;
  if (!core.length || core.length > budget) return null;
  return core.map((e) => toTextEdit(e, lines));
}

function fixAction(f: Finding, diag: Diagnostic, ctx: ActionContext): CodeAction | null {
  if (!f.fix) return null;
  if (ctx.resolveFix && f.fix.maxEdits !== undefined) {
    // Computed when the client resolves the action (codeAction/resolve).
    if (f.fix.maxEdits > MAX_ACTION_EDITS) return null;
    const data = ctx.resolveFix(f);
    if (data !== null) return { title: f.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diag], isPreferred: true, data };
  }
  const edits = boundedFixEdits(f, ctx.lines);
  if (!edits || !nonOverlapping(edits)) return null;
  return {
    title: f.fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diag],
    isPreferred: true,
    edit: docEdit(ctx, edits),
  };
}

/** The edit of a fix action resolved later (see ActionContext.resolveFix); null when it has none. */
export function resolvedFixEdit(
  f: Finding,
  ctx: Pick<ActionContext, 'uri' | 'version' | 'lines' | 'support'>,
): WorkspaceEdit | null {
  const edits = boundedFixEdits(f, ctx.lines);
  if (!edits || !nonOverlapping(edits)) return null;
  return docEdit(ctx as ActionContext, edits);
}

function docAction(f: Finding, diag: Diagnostic, ctx: ActionContext): CodeAction | null {
  if (!ctx.docCommand) return null;
  const title = msg(ctx.locale, 'docTitle', f.rule);
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diag],
    command: { title, command: 'planlint.openRuleDoc', arguments: [f.rule] },
  };
}

function before(p: { line: number; character: number }, q: { line: number; character: number }): number {
  return p.line - q.line || p.character - q.character;
}

/** No two edits overlap (touching ends do not): sorted by start, each starts at or after the furthest end so far. */
function nonOverlapping(edits: TextEdit[]): boolean {
  const sorted = edits.map((e) => e.range).sort((a, b) => before(a.start, b.start) || before(a.end, b.end));
  for (let i = 1; i < sorted.length; i++) {
    // the furthest end among the earlier ones is the previous one's or beyond: track it
    if (before(sorted[i].start, sorted[i - 1].end) < 0) return false;
    if (before(sorted[i].end, sorted[i - 1].end) < 0) sorted[i] = { start: sorted[i].start, end: sorted[i - 1].end };
  }
  return true;
}

/**
 * The numbering fixes of the whole document, skipping any that overlaps (or inserts at the same point
 * as) one already taken, at most MAX_ACTION_EDITS edits. Taken edits are indexed by line, so the work
 * is linear in the edits (numbering edits lie inside one line).
 */
export function fixAllEdits(findings: readonly Finding[], lines: readonly string[]): TextEdit[] {
  const taken: TextEdit[] = [];
  const byLine = new Map<number, Range[]>();
  const clash = (r: Range) => {
    for (let l = r.start.line; l <= r.end.line; l++) {
      for (const t of byLine.get(l) ?? []) if (rangesOverlap(r, t) || samePoint(r, t)) return true;
    }
    return false;
  };
  for (const f of findings) {
    if (!NUMBERING_RULES.has(f.rule)) continue;
    const edits = boundedFixEdits(f, lines, MAX_ACTION_EDITS - taken.length);
    if (!edits || !nonOverlapping(edits)) continue;
    if (edits.some((e) => clash(e.range))) continue;
    for (const e of edits) {
      taken.push(e);
      for (let l = e.range.start.line; l <= e.range.end.line; l++) {
        const at = byLine.get(l);
        if (at) at.push(e.range);
        else byLine.set(l, [e.range]);
      }
    }
  }
  return taken;
}

function samePoint(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character;
}

function editCount(e: WorkspaceEdit | undefined): number {
  if (!e) return 0;
  let n = 0;
  for (const c of e.documentChanges ?? []) if ('edits' in c) n += c.edits.length;
  for (const list of Object.values(e.changes ?? {})) n += list.length;
  return n;
}

function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || !only.length) return true;
  return only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/** Findings whose quick fixes one reply offers at most (a range over a whole long document). */
export const MAX_ACTION_FINDINGS = 100;

export function codeActions(
  range: Range,
  contextDiagnostics: Diagnostic[],
  only: string[] | undefined,
  ctx: ActionContext,
): CodeAction[] {
  const out: CodeAction[] = [];
  let budget = MAX_ACTION_EDITS;
  let findingsLeft = MAX_ACTION_FINDINGS;
  if (wants(only, CodeActionKind.QuickFix)) {
    const ours = contextDiagnostics.filter((d) => d.source === 'planlint' || d.source === undefined);
    for (const f of ctx.findings) {
      const fr = findingRange(f, ctx.lines);
      let diag: Diagnostic | undefined;
      if (ours.length) {
        diag = ours.find((d) => matches(d, f, ctx.lines));
        if (!diag) continue;
      } else {
        // Clients that send no diagnostics (or none of ours): the findings under the range.
        if (!(
          rangesOverlap(fr, range) ||
          samePoint(fr, range) ||
          (fr.start.line <= range.start.line && range.start.line <= fr.end.line)
        ))
          continue;
        diag = toDiagnostic(f, ctx.convert);
      }
      if (findingsLeft-- <= 0) break;
      for (const make of [fixAction, ignoreAction, disableLineAction, docAction]) {
        const a = make(f, diag, ctx);
        if (!a) continue;
        // the reply stays bounded: at most MAX_ACTION_EDITS edits over all its actions
        const n = editCount(a.edit);
        if (n > budget) continue;
        budget -= n;
        out.push(a);
      }
    }
  }
  if (only && only.length && wants(only, FIX_ALL_KIND) && only.some((k) => k !== CodeActionKind.QuickFix)) {
    const edits = fixAllEdits(ctx.findings, ctx.lines);
    if (edits.length) out.push({ title: msg(ctx.locale, 'fixAllTitle'), kind: FIX_ALL_KIND, edit: docEdit(ctx, edits) });
  } else if (!only || !only.length) {
    // In the lightbulb too, when more than one numbering fix exists.
    const n = ctx.findings.filter(
      (f) => NUMBERING_RULES.has(f.rule) && f.fix && (f.fix.maxEdits ?? f.fix.edits.length) > 0,
    ).length;
    if (n > 1) {
      const edits = fixAllEdits(ctx.findings, ctx.lines);
      if (edits.length) out.push({ title: msg(ctx.locale, 'fixAllTitle'), kind: FIX_ALL_KIND, edit: docEdit(ctx, edits) });
    }
  }
  return out;
}
