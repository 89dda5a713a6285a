// Node adapter: expands the paths given on a command line into the plan files to check.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PlanReadError, fsErrorToPlanReadError } from './read';
import { message } from './message';

/** File name endings taken when walking a folder (case-insensitive): text, Word, WPS, PDF, web pages. */
export const PLAN_FILE_EXTENSIONS = ['.txt', '.md', '.markdown', '.docx', '.doc', '.wps', '.pdf', '.html', '.htm'];

/** Folder names never walked into (besides every folder whose name starts with "."). */
export const SKIPPED_FOLDERS = ['node_modules', '.git'];

function isPlanFileName(name: string): boolean {
  const lower = name.toLowerCase();
  // Word's owner files (~$draft.docx) are locks, not documents
  if (lower.startsWith('~$')) return false;
  return PLAN_FILE_EXTENSIONS.some((ext) => lower.endsWith(ext) && lower.length > ext.length);
}

function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw fsErrorToPlanReadError(dir, e);
  }
  for (const ent of entries) {
    const p = join(dir, ent.name);
    let isDir = ent.isDirectory();
    let isFile = ent.isFile();
    if (ent.isSymbolicLink()) {
      // Follow links to files; never links to folders (they can loop).
      try {
        const st = statSync(p);
        isFile = st.isFile();
      } catch {
        isFile = false;
      }
      isDir = false;
    }
    if (isDir) {
      if (ent.name.startsWith('.') || SKIPPED_FOLDERS.includes(ent.name)) continue;
      walk(p, out);
    } else if (isFile && isPlanFileName(ent.name)) {
      out.push(p);
    }
  }
}

/**
 * Files pass through as given (whatever their extension); a folder is walked recursively
 * (skipping node_modules, .git and dot-folders) for PLAN_FILE_EXTENSIONS, sorted by path.
 * A path that does not exist → PlanReadError "<path>: no such file or folder".
 * The same file named twice is listed once (first occurrence).
 */
export function collectPlanFiles(paths: string[]): string[] {
  const result: string[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    const key = resolve(p);
    if (seen.has(key)) return;
    seen.add(key);
    result.push(p);
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        throw new PlanReadError(p, message('no such file or folder'), { kind: 'not-found' });
      }
      throw fsErrorToPlanReadError(p, e);
    }
    if (st.isDirectory()) {
      const found: string[] = [];
      walk(p, found);
      found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (const f of found) add(f);
    } else {
      add(p);
    }
  }
  return result;
}
