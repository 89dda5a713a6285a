// Loads the PDF reader bundle (dist/pdf.js: pdfjs and our page pass) into this thread: with a V8
// code cache, inert stand-ins for the browser classes pdfjs touches at load, and the natives that
// pdfjs' core-js replaces put back. Used by node/read.ts (the main thread) and by the PDF page
// workers (formats/pdf-worker.ts), so every thread reads pages with the same code and the same natives.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join as joinPath } from 'node:path';
import * as vm from 'node:vm';

/**
 * Loads the bundle at `path` once per thread and returns its exports. `save`: the code cache may be
 * written (the main thread, after its first document: savePdfCodeCache); workers only read it.
 */
export function loadPdfBundle(path: string, save = true): unknown {
  let loaded: unknown;
  // pdfjs probes for a canvas package when it loads (we never render): give it inert stand-ins for
  // the three browser classes it instantiates at load time, and keep its load-time warnings off stdout.
  const g = globalThis as Record<string, unknown>;
  for (const name of ['DOMMatrix', 'ImageData', 'Path2D']) {
    if (!g[name]) g[name] = class {};
  }
  const saved = { log: console.log, warn: console.warn };
  // pdfjs' legacy build carries core-js, which *replaces* some natives it finds non-conforming
  // (Array.prototype.push, JSON.parse/stringify: 3–10× slower for the whole process, the language
  // server's JSON-RPC included) and defines globalThis.self. It only needs the features it *adds*
  // (Promise.withResolvers, Uint8Array.toHex…): put the natives back and drop `self`.
  const natives = snapshotNatives();
  const hadSelf = 'self' in globalThis;
  // …and it patches Response.prototype at load: in Node that first touch loads the whole fetch
  // implementation (undici, ≈ 0.1 s). Let it patch a stand-in, then put the lazy global back.
  const response = Object.getOwnPropertyDescriptor(globalThis, 'Response');
  if (response?.configurable)
    Object.defineProperty(globalThis, 'Response', { value: class {}, configurable: true, writable: true });
  console.log = () => undefined;
  console.warn = () => undefined;
  try {
    loaded = loadWithCodeCache(path, save);
  } finally {
    console.log = saved.log;
    console.warn = saved.warn;
    restoreNatives(natives);
    if (!hadSelf) delete (globalThis as { self?: unknown }).self;
    if (response?.configurable) Object.defineProperty(globalThis, 'Response', response);
  }
  return loaded;
}

/**
 * Loads a CommonJS bundle (dist/pdf.js: 1.8 MB of pdfjs) with a V8 code cache: compiling it is a
 * good part of reading a short PDF. The cache is written once, after the first document is read
 * (so the functions that reading compiled are in it), to the temp folder under a key of the
 * bundle's text, the Node version and the platform; V8 checks it again and rejects a stale one,
 * which is then rewritten. Any failure only means compiling as `require` would.
 */
let pendingCodeCache: (() => void) | null = null;
function loadWithCodeCache(path: string, save: boolean): unknown {
  const src = readFileSync(path, 'utf8');
  const key = createHash('sha256').update(`${process.version} ${process.arch} ${process.platform}\n`).update(src).digest('hex');
  const dir = joinPath(tmpdir(), 'planlint-code-cache');
  const cacheFile = joinPath(dir, `${key.slice(0, 32)}.bin`);
  let cached: Buffer | undefined;
  try {
    cached = readFileSync(cacheFile);
  } catch {
    cached = undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wrap = (require('node:module') as { wrap: (s: string) => string }).wrap;
  const script = new vm.Script(wrap(src), { filename: path, cachedData: cached });
  const fn = script.runInThisContext() as (e: unknown, r: unknown, m: unknown, f: string, d: string) => void;
  const mod = { exports: {} as unknown };
  fn.call(mod.exports, mod.exports, createRequire(path), mod, path, dirname(path));
  if (save && (!cached || script.cachedDataRejected)) {
    pendingCodeCache = () => {
      try {
        // not { recursive: true }: the temp folder exists, and Node's recursive mkdir can spin on odd paths
        try {
          mkdirSync(dir);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        }
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        // a read-only or full temp folder: no cache, nothing else changes
      }
    };
  }
  return mod.exports;
}

export function savePdfCodeCache(): void {
  const save = pendingCodeCache;
  pendingCodeCache = null;
  save?.();
}

type NativeSnapshot = Array<[object, PropertyKey, PropertyDescriptor]>;

function snapshotNatives(): NativeSnapshot {
  const out: NativeSnapshot = [];
  const owners: object[] = [
    Array,
    Array.prototype,
    Object,
    Object.prototype,
    String,
    String.prototype,
    JSON,
    Math,
    Number,
    Number.prototype,
    Promise,
    Promise.prototype,
    Map,
    Map.prototype,
    Set,
    Set.prototype,
    Function.prototype,
    RegExp.prototype,
    Uint8Array,
    Uint8Array.prototype,
  ];
  for (const o of owners) {
    for (const k of Reflect.ownKeys(o)) {
      const d = Object.getOwnPropertyDescriptor(o, k);
      if (d) out.push([o, k, d]);
    }
  }
  return out;
}

function restoreNatives(snap: NativeSnapshot): void {
  for (const [o, k, d] of snap) {
    const now = Object.getOwnPropertyDescriptor(o, k);
    if (
      now &&
      (now.value !== d.value || now.get !== d.get || now.set !== d.set) &&
      !(typeof d.value === 'number' && Number.isNaN(d.value))
    ) {
      try {
        Object.defineProperty(o, k, d);
      } catch {
        // a non-configurable property cannot have been replaced either
      }
    }
  }
}
