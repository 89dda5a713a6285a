// nodejieba, loaded once, lazily, with PlanLint's small domain dictionary as its main dictionary
// (plus cppjieba's HMM model for words the dictionary lacks). The default 5 MB dictionaries take
// ≈ 1.2 s and ≈ 350 MB to load (../shared/notes/TOOLING.md); this set loads in a fraction of that.
// Adapter, not core: it touches the file system and a native addon.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import type { Segmenter } from '../core/types';

interface Jieba {
  load(dict: string, hmm: string, user: string, idf: string, stop: string): unknown;
  cut(text: string, hmm?: boolean): string[];
  insertWord?(word: string, tag?: string): boolean;
}

let cached: Segmenter | null = null;
let failure: Error | null = null;

/** Where the runtime files are: next to the bundle (dist/) or, unbundled, in the source tree. */
function locate(): { addon: string; dictDir: string; hmm: string } {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  const bundled = existsSync(join(here, 'native', 'nodejieba.node'));
  if (bundled)
    return {
      addon: join(here, 'native', 'nodejieba.node'),
      dictDir: join(here, 'dict'),
      hmm: join(here, 'dict', 'hmm_model.utf8'),
    };
  const pkg = dirname(createRequire(join(here, 'x.js')).resolve('nodejieba/package.json'));
  const root = join(here, '..', '..', '..');
  return {
    addon: join(pkg, 'build', 'Release', 'nodejieba.node'),
    dictDir: join(root, 'server', 'data', 'dict'),
    hmm: join(pkg, 'submodules', 'cppjieba', 'dict', 'hmm_model.utf8'),
  };
}

/** Loads nodejieba (sync, once). Throws a one-line Error when the addon or dictionaries are missing. */
export function loadSegmenter(): Segmenter {
  if (cached) return cached;
  if (failure) throw failure;
  try {
    const where = locate();
    // A runtime require of the native addon by absolute path (not bundled).
    const jieba = createRequire(where.addon)(where.addon) as Jieba;
    const d = where.dictDir;
    jieba.load(
      join(d, 'planlint.dict.utf8'),
      where.hmm,
      join(d, 'user.dict.utf8'),
      join(d, 'idf.utf8'),
      join(d, 'stop_words.utf8'),
    );
    cached = { cut: (text: string) => jieba.cut(text, true) };
    return cached;
  } catch (e) {
    failure = new Error(`nodejieba could not be loaded: ${(e as Error).message.split('\n')[0]}`);
    throw failure;
  }
}

/** The segmenter when it can be loaded, else undefined (alignment then uses character n-grams only). */
export function tryLoadSegmenter(): Segmenter | undefined {
  try {
    return loadSegmenter();
  } catch {
    return undefined;
  }
}

export function segmenterLoaded(): boolean {
  return cached !== null;
}
