// Imported baselines: JSON files in the baseline schema (written by `planlint baselines import`, reviewed and
// committed by the user) under `.planlint/baselines/` next to the project's .planlintrc.json. Looked up by id
// (the file name without .json), walking up from a document's folder, as the config file is.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileToBaseline, type Baseline, type BaselineFile, type Locale } from '../core';
import { formatIn, message, type Message } from './message';

export const IMPORTED_BASELINES_DIR = join('.planlint', 'baselines');

/** The nearest `.planlint/baselines` folder at or above `start`, or null. */
export function findBaselinesDir(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    const d = join(dir, IMPORTED_BASELINES_DIR);
    try {
      if (statSync(d).isDirectory()) return d;
    } catch {
      /* not here */
    }
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** A baseline JSON file that cannot be used; `message` is English, localized(locale) the line shown to users. */
export class BaselineFileError extends Error {
  /** The cause: an English template of the l10n bundle and its arguments (node/message.ts). */
  readonly cause_: Message;

  constructor(
    readonly file: string,
    cause: Message,
  ) {
    super(`${file}: ${formatIn('en', cause)}`);
    this.name = 'BaselineFileError';
    this.cause_ = cause;
  }

  localized(locale: Locale = 'zh-cn'): string {
    return `${this.file}: ${formatIn(locale, this.cause_)}`;
  }
}

/** Reads a baseline JSON file into a Baseline (origin "imported"); official-text files resolved next to it. */
export function loadBaselineFile(file: string): Baseline {
  let json: BaselineFile;
  try {
    json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new BaselineFileError(file, message('not a readable baseline JSON file ({0})', (e as Error).message.split('\n')[0]));
  }
  if (!json || typeof json !== 'object' || !Array.isArray(json.targets) || typeof json.id !== 'string') {
    throw new BaselineFileError(file, message('not a baseline file (no id or no targets; see baseline.schema.json)'));
  }
  const dir = dirname(file);
  const resolveFile = (f: string) => (isAbsolute(f) ? f : join(dir, f));
  const b = fileToBaseline(json, { origin: 'imported', file, resolveFile });
  // the official text at hand: findings can point at its lines
  const src = json.source?.file ? resolveFile(json.source.file) : null;
  if (src && existsSync(src)) b.path = src;
  return b;
}

/** The baseline files in a folder (ids = file names without .json; the schema file skipped). */
export function listBaselineFiles(dir: string | null): string[] {
  if (!dir) return [];
  try {
    return readdirSync(dir)
      .filter((f) => f.toLowerCase().endsWith('.json') && !f.toLowerCase().endsWith('.schema.json'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** An imported baseline by id (case-insensitive), from the nearest `.planlint/baselines` at or above `start`. */
export function findImportedBaseline(id: string, start: string): Baseline | null {
  const dir = findBaselinesDir(start);
  const want = `${id.trim().toLowerCase()}.json`;
  const file = listBaselineFiles(dir).find((f) => f.replace(/^.*[\\/]/, '').toLowerCase() === want);
  return file ? loadBaselineFile(file) : null;
}

export interface ImportedBaselineInfo {
  id: string;
  title: string;
  level: string;
  targets: number;
  coverage?: string;
  file: string;
  /** Where its figures come from: official (read from a file), reconstructed, or mixed. */
  origin: 'imported';
}

/** The imported baselines visible from `start` (for `planlint baselines` and the extension's picker). */
export function listImportedBaselines(start: string): ImportedBaselineInfo[] {
  const out: ImportedBaselineInfo[] = [];
  for (const file of listBaselineFiles(findBaselinesDir(start))) {
    try {
      const b = loadBaselineFile(file);
      out.push({
        id: file.replace(/^.*[\\/]/, '').replace(/\.json$/i, ''),
        title: b.title,
        level: b.level,
        targets: b.targets.length,
        coverage: b.coverage,
        file,
        origin: 'imported',
      });
    } catch {
      /* a broken file is reported when it is used */
    }
  }
  return out;
}
