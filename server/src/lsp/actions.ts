// Code actions from the findings of the document's current version: the finding's own fix
// (weaker value → upstream value, renumbering, bracket width, missing domain skeleton), "ignore
// this finding" (an edit of .planlintrc.json, created when absent), "disable for this line"
// in markdown, the rule's doc, and source.fixAll.planlint for the numbering fixes.
// Pure: the config-file edit comes from a function the server passes in.
import {
  CodeAction,
  CodeActionKind,
  Diagnostic,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import type { Finding, IgnoreEntry, Locale } from '../core';
import { coreRange, rangesOverlap, toDiagnostic, toTextEdit, type ConvertContext } from './convert';
import { msg } from './messages';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.planlint`;
export const NUMBERING_RULES = new Set(['numbering-gap', 'numbering-duplicate', 'numbering-style', 'numbering-level']);

export interface ClientEditSupport {
  /** workspace.workspaceEdit.documentChanges */
  documentChanges: boolean;
  /** workspace.workspaceEdit.resourceOperations includes "create" */
  createFile: boolean;
}

/** How to add an ignore entry: edits of an existing config file, or a new file's content. */
export type IgnoreEdit =
  | { uri: string; exists: true; edits: TextEdit[] }
  | { uri: string; exists: false; content: string };

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
        { textDocument: { uri: ie.uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: ie.content }] },
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

function fixAction(f: Finding, diag: Diagnostic, ctx: ActionContext): CodeAction | null {
  if (!f.fix || !f.fix.edits.length) return null;
  const edits = f.fix.edits.map((e) => toTextEdit(e, ctx.lines));
  if (!nonOverlapping(edits)) return null;
  return {
    title: f.fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diag],
    isPreferred: true,
    edit: docEdit(ctx, edits),
  };
}

function docAction(f: Finding, diag: Diagnostic, ctx: ActionContext): CodeAction | null {
  if (!ctx.docCommand) return null;
  const title = msg(ctx.locale, 'docTitle', f.rule);
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diag], command: { title, command: 'planlint.openRuleDoc', arguments: [f.rule] } };
}

function nonOverlapping(edits: TextEdit[]): boolean {
  for (let i = 0; i < edits.length; i++) for (let j = i + 1; j < edits.length; j++) if (rangesOverlap(edits[i].range, edits[j].range)) return false;
  return true;
}

/** The numbering fixes of the whole document, skipping any that overlaps one already taken. */
export function fixAllEdits(findings: readonly Finding[], lines: readonly string[]): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const f of findings) {
    if (!NUMBERING_RULES.has(f.rule) || !f.fix?.edits.length) continue;
    const edits = f.fix.edits.map((e) => toTextEdit(e, lines));
    if (!nonOverlapping(edits)) continue;
    if (edits.some((e) => taken.some((t) => rangesOverlap(e.range, t.range) || samePoint(e.range, t.range)))) continue;
    taken.push(...edits);
  }
  return taken;
}

function samePoint(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character;
}

function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || !only.length) return true;
  return only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

export function codeActions(range: Range, contextDiagnostics: Diagnostic[], only: string[] | undefined, ctx: ActionContext): CodeAction[] {
  const out: CodeAction[] = [];
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
        if (!(rangesOverlap(fr, range) || samePoint(fr, range) || (fr.start.line <= range.start.line && range.start.line <= fr.end.line))) continue;
        diag = toDiagnostic(f, ctx.convert);
      }
      for (const make of [fixAction, ignoreAction, disableLineAction, docAction]) {
        const a = make(f, diag, ctx);
        if (a) out.push(a);
      }
    }
  }
  if (only && only.length && wants(only, FIX_ALL_KIND) && only.some((k) => k !== CodeActionKind.QuickFix)) {
    const edits = fixAllEdits(ctx.findings, ctx.lines);
    if (edits.length) out.push({ title: msg(ctx.locale, 'fixAllTitle'), kind: FIX_ALL_KIND, edit: docEdit(ctx, edits) });
  } else if (!only || !only.length) {
    // In the lightbulb too, when more than one numbering fix exists.
    const n = ctx.findings.filter((f) => NUMBERING_RULES.has(f.rule) && f.fix?.edits.length).length;
    if (n > 1) {
      const edits = fixAllEdits(ctx.findings, ctx.lines);
      if (edits.length) out.push({ title: msg(ctx.locale, 'fixAllTitle'), kind: FIX_ALL_KIND, edit: docEdit(ctx, edits) });
    }
  }
  return out;
}
