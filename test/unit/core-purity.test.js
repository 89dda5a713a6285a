// The core is pure (docs/ARCHITECTURE.md, "Invariants"): server/src/core imports nothing but itself
// and JSON data (no fs, path, os, child_process, node:*, vscode*, @vscode/*, no package, nothing from
// outside core), has no runtime import cycle, keeps no module-level mutable state but the documented
// bounded caches, and its bundle requires nothing at all. The source is read with TypeScript's own
// parser (imports, exports, import(), require()), following every relative import from the core's files.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const esbuild = require('esbuild');

const ROOT = path.join(__dirname, '..', '..');
const CORE = path.join(ROOT, 'server', 'src', 'core');
/** Data a core module may import (as JSON, bundled at build time). */
const DATA_DIRS = [path.join(ROOT, 'server', 'data'), path.join(ROOT, 'l10n')];

const { tsFiles: walk } = require('../../scripts/lib/ts-files.js');

const rel = (p) => path.relative(ROOT, p).split(path.sep).join('/');

/** Every import of a source text: { spec, typeOnly, line }. */
function importsOf(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out = [];
  const add = (node, spec, typeOnly) =>
    out.push({ spec, typeOnly, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!named &&
            ts.isNamedImports(named) &&
            named.elements.length > 0 &&
            named.elements.every((e) => e.isTypeOnly)));
      add(node, node.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause;
      const typeOnly =
        node.isTypeOnly ||
        (!!named && ts.isNamedExports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly));
      add(node, node.moduleSpecifier.text, typeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expr = node.moduleReference.expression;
      if (ts.isStringLiteral(expr)) add(node, expr.text, node.isTypeOnly);
    } else if (ts.isCallExpression(node)) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isImport || isRequire) {
        const arg = node.arguments[0];
        add(node, arg && ts.isStringLiteralLike(arg) ? arg.text : '<computed>', false);
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node, node.argument.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** A relative import resolved to a file (TypeScript's rules for .ts sources), or null. */
function resolveRelative(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const inside = (file, dir) => !path.relative(dir, file).startsWith('..') && !path.isAbsolute(path.relative(dir, file));

/**
 * The import graph from the given core files, following relative imports. Returns the violations
 * (forbidden or outside imports, with file:line) and the runtime edges between core modules.
 */
function importGraph(files, readText = (f) => fs.readFileSync(f, 'utf8'), resolve = resolveRelative) {
  const violations = [];
  const runtimeEdges = new Map();
  const seen = new Set();
  const queue = [...files];
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const edges = [];
    runtimeEdges.set(file, edges);
    for (const imp of importsOf(file, readText(file))) {
      const where = `${rel(file)}:${imp.line}`;
      if (!imp.spec.startsWith('.')) {
        violations.push(`${where} imports '${imp.spec}' (the core imports only its own modules and JSON data)`);
        continue;
      }
      const target = resolve(file, imp.spec);
      if (!target) {
        violations.push(`${where} imports '${imp.spec}', which does not resolve to a file`);
        continue;
      }
      if (target.endsWith('.json')) {
        if (!DATA_DIRS.some((dir) => inside(target, dir)))
          violations.push(`${where} imports ${rel(target)}: JSON data comes from server/data or l10n only`);
        continue;
      }
      if (!inside(target, CORE)) {
        violations.push(`${where} imports ${rel(target)}, outside server/src/core`);
        continue;
      }
      if (!imp.typeOnly) edges.push(target);
      queue.push(target);
    }
  }
  return { violations, runtimeEdges };
}

/** The runtime import cycles (strongly connected components of more than one module, or a self-import). */
function importCycles(edges) {
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const cycles = [];
  let counter = 0;
  const connect = (v) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(component.map(rel).sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) connect(v);
  return cycles;
}

const MUTATING_METHODS = new Set([
  'push',
  'pop',
  'shift',
  'unshift',
  'splice',
  'sort',
  'reverse',
  'fill',
  'set',
  'add',
  'delete',
  'clear',
]);
/** Module-level state the core may keep: named bounded caches (core/cache.ts) and per-object memos. */
const CACHE_CONSTRUCTORS = new Set(['LruCache', 'WeakMap']);

/**
 * Module-level mutable state of a source text: `let`/`var` at top level, `new Map/Set/…` at top level,
 * and top-level constants that the module writes into. Caches (LruCache, WeakMap) are returned apart.
 */
function moduleState(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lineOf = (node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const violations = [];
  const caches = [];
  const constants = new Map();
  /** Module-level regexes with the g or y flag: their lastIndex is state (use matchAll, replace or a local copy). */
  const globalPatterns = new Set();
  for (const statement of source.statements) {
    if (ts.isClassDeclaration(statement)) {
      for (const member of statement.members)
        if (ts.isPropertyDeclaration(member) && member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword))
          violations.push(`${rel(file)}:${lineOf(member)} static class field`);
      continue;
    }
    if (!ts.isVariableStatement(statement)) continue;
    const isConst = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
    for (const decl of statement.declarationList.declarations) {
      const name = ts.isIdentifier(decl.name) ? decl.name.text : decl.name.getText(source);
      if (!isConst) {
        violations.push(`${rel(file)}:${lineOf(decl)} module-level '${name}' is a variable`);
        continue;
      }
      const init = decl.initializer;
      if (init && ts.isNewExpression(init) && ts.isIdentifier(init.expression)) {
        const ctor = init.expression.text;
        if (CACHE_CONSTRUCTORS.has(ctor)) {
          caches.push({ file: rel(file), name, kind: ctor, line: lineOf(decl) });
          continue;
        }
        if (['Map', 'Set', 'Array', 'WeakSet', 'Object'].includes(ctor)) {
          violations.push(`${rel(file)}:${lineOf(decl)} module-level '${name}' is a mutable ${ctor}`);
          continue;
        }
      }
      if (init && ts.isRegularExpressionLiteral(init) && /\/[a-z]*[gy][a-z]*$/.test(init.text)) globalPatterns.add(name);
      constants.set(name, decl);
    }
  }
  // writes into a module-level constant from anywhere in the module
  const visit = (node) => {
    let target = null;
    const isAccess = (n) => ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n);
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      node.operatorToken.kind <= ts.SyntaxKind.LastAssignment
    ) {
      if (isAccess(node.left)) target = node.left;
    } else if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) {
      if ([ts.SyntaxKind.PlusPlusToken, ts.SyntaxKind.MinusMinusToken].includes(node.operator) && isAccess(node.operand))
        target = node.operand;
    } else if (ts.isDeleteExpression(node)) target = node.expression;
    else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const object = node.expression.expression;
      if (MUTATING_METHODS.has(method)) target = object;
      else if (
        (method === 'exec' || method === 'test') &&
        ts.isIdentifier(object) &&
        globalPatterns.has(object.text) &&
        !isShadowed(object)
      )
        violations.push(`${rel(file)}:${lineOf(node)} '${object.text}.${method}' moves the lastIndex of a module-level /g regex`);
    }
    if (target) {
      let root = target;
      while (isAccess(root)) root = root.expression;
      if (ts.isIdentifier(root) && constants.has(root.text) && !isShadowed(root)) {
        violations.push(`${rel(file)}:${lineOf(node)} writes into module-level '${root.text}'`);
      }
    }
    ts.forEachChild(node, visit);
  };
  // a local binding of the same name inside a function hides the module's constant
  const isShadowed = (identifier) => {
    for (let scope = identifier.parent; scope && scope !== source; scope = scope.parent) {
      if (!ts.isFunctionLike(scope) && !ts.isBlock(scope) && !ts.isForOfStatement(scope) && !ts.isForStatement(scope)) continue;
      let found = false;
      const look = (node) => {
        if (found) return;
        if (
          (ts.isVariableDeclaration(node) || ts.isParameter(node)) &&
          ts.isIdentifier(node.name) &&
          node.name.text === identifier.text
        )
          found = true;
        else if (node === scope || !ts.isFunctionLike(node)) ts.forEachChild(node, look);
      };
      look(scope);
      if (found) return true;
    }
    return false;
  };
  visit(source);
  return { violations, caches };
}

/** The caches docs/ARCHITECTURE.md lists: `file` | `name` rows of its "Caches" table. */
function documentedCaches() {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'ARCHITECTURE.md'), 'utf8');
  const start = doc.indexOf('### Caches');
  assert.ok(start >= 0, 'docs/ARCHITECTURE.md has no "### Caches" section');
  const section = doc.slice(start, doc.indexOf('\n#', start + 1) === -1 ? undefined : doc.indexOf('\n#', start + 1));
  const rows = [];
  for (const m of section.matchAll(/^\|\s*`([^`]+\.ts)`\s*\|\s*`([^`]+)`\s*\|/gm)) rows.push(`${m[1]} ${m[2]}`);
  return rows;
}

describe('core purity (server/src/core)', function () {
  this.timeout(60000);
  const files = walk(CORE);

  it('imports only core modules and JSON data, following every relative import', () => {
    const { violations, runtimeEdges } = importGraph(files);
    assert.ok(runtimeEdges.size >= files.length, `only ${runtimeEdges.size} modules walked`);
    assert.deepEqual(violations, []);
  });

  it('has no runtime import cycle', () => {
    const { runtimeEdges } = importGraph(files);
    assert.deepEqual(importCycles(runtimeEdges), []);
  });

  it('keeps no module-level mutable state but the caches listed in docs/ARCHITECTURE.md', () => {
    const violations = [];
    const caches = [];
    for (const file of files) {
      const state = moduleState(file, fs.readFileSync(file, 'utf8'));
      violations.push(...state.violations);
      caches.push(...state.caches);
    }
    assert.deepEqual(violations, []);
    const inCode = caches.map((c) => `${c.file.replace(/^server\/src\/core\//, '')} ${c.name}`).sort();
    const inDocs = documentedCaches().sort();
    assert.deepEqual(inCode, inDocs, 'the caches in the code and the "Caches" table of docs/ARCHITECTURE.md differ');
  });

  it('every LruCache has a fixed, documented bound', () => {
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/new LruCache<[^>]*>\(([^)]*)\)/g)) {
        assert.match(m[1], /^'[\w.-]+',\s*\d[\d_]*$/, `${rel(file)}: LruCache(${m[1]}) needs a name and a literal bound`);
      }
    }
  });

  it('bundles without any node builtin or package: dist/core.js requires nothing', async () => {
    // platform "neutral": a node builtin (fs, path…) does not resolve, so importing one fails the build
    const result = await esbuild.build({
      entryPoints: [path.join(CORE, 'index.ts')],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'neutral',
      format: 'cjs',
      mainFields: ['main', 'module'],
      logLevel: 'silent',
    });
    const outside = Object.keys(result.metafile.inputs)
      .map((p) => path.resolve(ROOT, p))
      .filter((p) => !inside(p, CORE) && !(p.endsWith('.json') && DATA_DIRS.some((dir) => inside(p, dir))))
      .map(rel);
    assert.deepEqual(outside, []);
    for (const output of Object.values(result.metafile.outputs)) assert.deepEqual(output.imports, []);
    const built = fs.readFileSync(path.join(ROOT, 'dist', 'core.js'), 'utf8');
    assert.deepEqual(
      [...built.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]),
      [],
    );
  });

  describe('the checks can fail', () => {
    const fake = (name) => path.join(CORE, name);
    it('on a node builtin, a package, vscode and an import from outside core', () => {
      const texts = new Map([
        [
          fake('a.ts'),
          "import { readFileSync } from 'node:fs';\nimport * as l10n from '@vscode/l10n';\nimport type { X } from 'vscode';\nimport { b } from './b';\n",
        ],
        [fake('b.ts'), "import { x } from '../node/read';\nexport const b = require('path');\n"],
      ]);
      const resolve = (from, spec) => {
        const candidate = path.resolve(path.dirname(from), `${spec}.ts`);
        return texts.has(candidate) ? candidate : resolveRelative(from, spec);
      };
      const { violations } = importGraph([fake('a.ts')], (f) => texts.get(f) ?? '', resolve);
      assert.equal(violations.length, 5, violations.join('\n'));
      assert.match(violations.join('\n'), /'node:fs'[\s\S]*'@vscode\/l10n'[\s\S]*'vscode'/);
      assert.match(violations.join('\n'), /node\/read\.ts, outside server\/src\/core/);
    });
    it('on a runtime cycle, not on a type-only one', () => {
      const a = fake('a.ts');
      const b = fake('b.ts');
      const c = fake('c.ts');
      assert.deepEqual(
        importCycles(
          new Map([
            [a, [b]],
            [b, [c]],
            [c, [a]],
          ]),
        ),
        [['server/src/core/a.ts', 'server/src/core/b.ts', 'server/src/core/c.ts']],
      );
      const typeOnly = importsOf(
        a,
        "import type { T } from './b';\nimport { type U } from './c';\nimport { v, type W } from './d';",
      );
      assert.deepEqual(
        typeOnly.map((i) => i.typeOnly),
        [true, true, false],
      );
    });
    it('on module-level variables, mutable collections and writes into constants', () => {
      const { violations, caches } = moduleState(
        fake('a.ts'),
        [
          'let configured = null;',
          'const seen = new Map();',
          'const TABLE: Record<string, number> = {};',
          'const memo = new WeakMap();',
          'const RE = /a/g;',
          'export function g(s: string) { RE.lastIndex = 0; return RE.exec(s) ?? /b/g.exec(s); }',
          "const tokens = new LruCache('t', 10);",
          'export function f(k: string) { TABLE[k] = 1; const seen = new Set(); seen.add(k); }',
        ].join('\n'),
      );
      assert.equal(violations.length, 5, violations.join('\n'));
      assert.deepEqual(
        caches.map((c) => c.name),
        ['memo', 'tokens'],
      );
    });
  });
});
