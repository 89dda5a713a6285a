// Bundles the CLI, the language server and the VS Code extension into dist/, and copies the
// runtime data next to the bundles: nodejieba's native addon and its HMM model, our user
// dictionary, the built-in baselines (also bundled), the rule docs.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const out = 'dist';
mkdirSync(out, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  // nodejieba's JS wrapper requires its .node by a relative path: we load the addon ourselves.
  external: ['vscode', '*.node'],
  define: { 'process.env.PLANLINT_BUNDLED': '"1"' },
};

// Text extraction only: pdfjs converts every embedded font program to OpenType for rendering, the
// largest cost of reading a Chinese PDF. A font with a ToUnicode map and a declared encoding
// needs no program to give its text: its codes map through ToUnicode (and the CMap for a composite
// font), its widths come from /Widths or /W. Skip the program for those (a simple font with the
// program's built-in encoding, or without ToUnicode, keeps it: its codes are defined there). And
// the PDF reader drives pdfjs' document core directly (no
// display layer, no fake worker, no message cloning): export the core classes it uses. Fails the
// build if pdfjs changes the line or drops a name, so an upgrade cannot silently undo either.
const FONT_FILE_LINE = 'fontFile = descriptor.get("FontFile", "FontFile2", "FontFile3");';
const CORE_EXPORTS = 'LocalPdfManager, WorkerTask, PasswordException, XRefParseException, setVerbosityLevel';
// TextState.clone() makes each copy's prototype the state it copies (every own field is copied
// anyway): V8 then gives every copy a fresh hidden class, and a PDF switching fonts every few
// characters (LibreOffice's CJK subsets) clones per run. Same fields, shared prototype.
const TEXT_STATE_CLONE = 'const clone = Object.assign(Object.create(this), this);';
// bidi() classifies every character of every text item to find right-to-left ones; a string with no
// character in the Hebrew/Arabic/Syriac… ranges it tests (0590–08AC, FB50–FDFF, FE70–FEFF; no
// Latin-1 character is R, AL or AN) comes back unchanged as left-to-right: return that at once.
const BIDI_START = '  chars.length = strLength;\n  types.length = strLength;';
const BIDI_FAST = 'if (!/[\\u0590-\\u08ac\\ufb50-\\ufdff\\ufe70-\\ufeff]/.test(str)) return createBidiText(str, true);\n';
// getTextContent resolves every Tf through an async loadFont and then resumes its operator loop on a
// promise, even for a font it set a moment ago (a PDF switching between a CJK and a Latin subset
// every few characters does it tens of thousands of times). Remember each font name's loaded font
// for this getTextContent call (its resources are fixed) and set it at once when it comes again:
// the same three state fields handleSetFont sets, without the round trip.
const SET_FONT_ASYNC = '            next(handleSetFont(fontNameArg, null));';
const SET_FONT_FAST =
  '            const knownFont = planlintFonts.get(fontNameArg);\n' +
  '            if (knownFont) { textState.loadedName = knownFont.loadedName; textState.font = knownFont.font; ' +
  'textState.fontMatrix = knownFont.font.fontMatrix || FONT_IDENTITY_MATRIX; break; }\n';
const HANDLE_SET_FONT =
  '    async function handleSetFont(fontName, fontRef) {\n      const translated = await self.loadFont(fontName, fontRef, resources, task);';
const HANDLE_SET_FONT_CACHING =
  '    const planlintFonts = new Map();\n' +
  HANDLE_SET_FONT +
  '\n      if (fontName && !fontRef) planlintFonts.set(fontName, translated);';
// getTextContent keeps a copy of the text state only to tell when the font or its size changes
// (fontSize, fontName, font.name, font.vertical: nothing else of it is read), and makes it with
// TextState.clone() (matrices copied too) at every change: keep those three fields instead.
const CURRENT_STATE_CLONES = ['        currentTextState = textState.clone();', '        currentTextState ||= textState.clone();'];
const CURRENT_STATE = '{ fontSize: textState.fontSize, fontName: textState.fontName, font: textState.font }';
const pdfTextOnly = {
  name: 'pdfjs-text-only',
  setup(build) {
    build.onLoad({ filter: /pdfjs-dist[\\/]legacy[\\/]build[\\/]pdf\.worker\.mjs$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const src = await readFile(args.path, 'utf8');
      for (const line of [
        FONT_FILE_LINE,
        TEXT_STATE_CLONE,
        BIDI_START,
        SET_FONT_ASYNC,
        HANDLE_SET_FONT,
        ...CURRENT_STATE_CLONES,
      ]) {
        if (src.split(line).length !== 2) throw new Error(`pdfjs-text-only: "${line}" not found once in ${args.path}`);
      }
      for (const name of CORE_EXPORTS.split(', ')) {
        if (!new RegExp(`^(class|function|const) ${name}\\b`, 'm').test(src))
          throw new Error(`pdfjs-text-only: ${name} not found in ${args.path}`);
      }
      return {
        contents:
          src
            .replace(
              FONT_FILE_LINE,
              `${FONT_FILE_LINE} if (fontFile && toUnicode && (composite || dict.has("Encoding"))) fontFile = null;`,
            )
            .replace(TEXT_STATE_CLONE, 'const clone = Object.assign(Object.create(Object.getPrototypeOf(this)), this);')
            .replace(BIDI_START, BIDI_FAST + BIDI_START)
            .replace(SET_FONT_ASYNC, SET_FONT_FAST + SET_FONT_ASYNC)
            .replace(HANDLE_SET_FONT, HANDLE_SET_FONT_CACHING)
            .replace(CURRENT_STATE_CLONES[0], `        currentTextState = ${CURRENT_STATE};`)
            .replace(CURRENT_STATE_CLONES[1], `        currentTextState ||= ${CURRENT_STATE};`) +
          `\nexport { ${CORE_EXPORTS} };\n`,
        loader: 'js',
      };
    });
  },
};

const entries = [
  { entryPoints: ['server/src/cli.ts'], outfile: `${out}/cli.js`, banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/server.ts'], outfile: `${out}/server.js` },
  { entryPoints: ['client/src/extension.ts'], outfile: `${out}/extension.js` },
  // The reviewer deliverables (exceljs, docx): loaded by the CLI and the server only when a report is written.
  // Minified: it is ≈ 3 MB of library code, and parsing it is most of its load time.
  { entryPoints: ['server/src/report/index.ts'], outfile: `${out}/report.js`, minify: true },
  // The PDF reader (pdfjs-dist, ≈ 3 MB): its own bundle, required by node/read.ts on the first PDF only.
  {
    entryPoints: ['server/src/node/formats/pdf.ts'],
    outfile: `${out}/pdf.js`,
    plugins: [pdfTextOnly],
    // pdfjs inflates through DecompressionStream: give it the zlib-backed one (see the file)
    inject: ['server/src/node/formats/pdf-inflate.ts'],
    minify: !process.env.PDF_NOMINIFY,
  },
  // A PDF page worker (worker thread): loads dist/pdf.js as the main thread does (formats/pdf-load.ts).
  { entryPoints: ['server/src/node/formats/pdf-worker.ts'], outfile: `${out}/pdf-worker.js` },
  // Library bundles the unit tests require (not shipped in the VSIX).
  { entryPoints: ['server/src/core/index.ts'], outfile: `${out}/core.js` },
  { entryPoints: ['server/src/node/index.ts'], outfile: `${out}/node.js` },
].filter((e) => existsSync(e.entryPoints[0]));
// `node esbuild.mjs cli server` builds only the named bundles (by output name).
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const chosen = only.length ? entries.filter((e) => only.some((n) => e.outfile.endsWith(`/${n}.js`))) : entries;

function copyRuntime() {
  const jiebaDir = dirname(require.resolve('nodejieba/package.json'));
  const addon = join(jiebaDir, 'build', 'Release', 'nodejieba.node');
  if (existsSync(addon)) cpSync(addon, `${out}/native/nodejieba.node`);
  const dictDir = join(jiebaDir, 'submodules', 'cppjieba', 'dict');
  mkdirSync(`${out}/dict`, { recursive: true });
  for (const f of ['hmm_model.utf8']) if (existsSync(join(dictDir, f))) cpSync(join(dictDir, f), `${out}/dict/${f}`);
  if (existsSync('server/data/dict')) cpSync('server/data/dict', `${out}/dict`, { recursive: true });
  if (existsSync('server/data/baselines')) cpSync('server/data/baselines', `${out}/baselines`, { recursive: true });
  if (existsSync('docs/rules')) cpSync('docs/rules', `${out}/docs/rules`, { recursive: true });
  // pdfjs' character maps (CJK PDFs with non-embedded fonts name predefined CMaps such as UniGB-UCS2-H)
  const pdfjsDir = dirname(require.resolve('pdfjs-dist/package.json'));
  if (existsSync(join(pdfjsDir, 'cmaps'))) cpSync(join(pdfjsDir, 'cmaps'), `${out}/cmaps`, { recursive: true });
}

if (watch) {
  for (const e of chosen) (await esbuild.context({ ...common, ...e })).watch();
} else {
  await Promise.all(chosen.map((e) => esbuild.build({ ...common, ...e })));
}
copyRuntime();
if (existsSync(`${out}/cli.js`)) chmodSync(`${out}/cli.js`, 0o755);
