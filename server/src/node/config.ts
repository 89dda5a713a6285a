// Node adapter: the `.planlintrc.json` configuration file (JSONC: comments and trailing commas).
// The file is data: it is parsed and validated, never executed. What is valid comes from one place:
// the keys, levels and locales from schemas/planlintrc.schema.json (bundled), the rule ids and aliases
// from the rule registry (core/rules/registry.ts, which also generates the schema's rule list: npm run gen).
// This file adds what a schema cannot say well: one-line errors in both languages naming the key.
import { statSync } from 'node:fs';
import { PlanReadError, readFileGuarded } from './read';
import { formatIn, message, type Message, type MessageArg } from './message';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import {
  applyEdits,
  createScanner,
  getNodeValue,
  modify,
  parseTree,
  printParseErrorCode,
  type Edit,
  type FormattingOptions,
  type Node as JsonNode,
  type ParseError,
} from 'jsonc-parser/lib/esm/main.js';
import type { IgnoreEntry, Locale, PlanlintConfig, RuleId, Severity } from '../core/types';
import { RULE_IDS } from '../core/types';
import { RULE_REGISTRY, resolveRuleId } from '../core/rules/registry';
import SCHEMA from '../../../schemas/planlintrc.schema.json';

export const CONFIG_FILE_NAME = '.planlintrc.json';

/** Rule ids a configuration may name (rules and ignore entries). */
export const CONFIG_RULE_IDS: RuleId[] = [...RULE_IDS];
/** Every name a configuration may use for a rule: the ids, then their aliases (resolved to the id). */
export const CONFIG_RULE_NAMES: string[] = [...RULE_IDS, ...RULE_REGISTRY.flatMap((rule) => rule.aliases as readonly string[])];

export const CONFIG_RULE_LEVELS = SCHEMA.definitions.level.enum as Array<Severity | 'off'>;
export const CONFIG_LOCALES = SCHEMA.properties.locale.enum as Locale[];
export const CONFIG_KEYS = Object.keys(SCHEMA.properties);
const IGNORE_KEYS = Object.keys(SCHEMA.properties.ignore.items.properties);
/** An ignore entry needs its `rule` and one of these. */
const IGNORE_MATCH_KEYS = SCHEMA.properties.ignore.items.anyOf.flatMap((alt) => alt.required);

/** Extensions that make an upstream entry a path rather than a built-in id (text, baseline .json, and the document formats node/read.ts reads). */
const PATH_EXTENSIONS = ['.txt', '.md', '.markdown', '.json', '.docx', '.doc', '.wps', '.pdf', '.html', '.htm'];

/**
 * A configuration that cannot be used. `message` is one line naming the file and the key:
 * "<file>: rules.weaker-tagret: unknown rule id (known: …)" or "<file>: 3:5: JSON syntax error (…)".
 */
export class ConfigError extends Error {
  readonly file: string;
  /** The offending key path ("rules.x", "upstream[1]", "ignore[0]"), or null (syntax, I/O). */
  readonly key: string | null;
  /** The cause: an English template of the l10n bundle and its arguments (node/message.ts). */
  readonly cause_: Message;
  /** The cause in plain English words. */
  readonly reason: string;
  /** 1-based position of the offending node in the file, when known. */
  readonly line?: number;
  readonly column?: number;

  constructor(file: string, key: string | null, cause: Message, opts: { line?: number; column?: number } = {}) {
    const reason = formatIn('en', cause);
    super(`${file}: ${key ? `${key}: ` : ''}${reason}`);
    this.name = 'ConfigError';
    this.file = file;
    this.key = key;
    this.cause_ = cause;
    this.reason = reason;
    this.line = opts.line;
    this.column = opts.column;
  }

  /** The one-line message in the user's language (zh-cn by default). */
  localized(locale: Locale = 'zh-cn'): string {
    return `${this.file}: ${this.key ? `${this.key}: ` : ''}${formatIn(locale, this.cause_)}`;
  }
}

export function defaultConfig(): PlanlintConfig {
  return { upstream: ['national'], rules: {}, ignore: [] };
}

/** The nearest `.planlintrc.json` in startDir or one of its parents, up to the filesystem root. */
export function findConfigFile(startDir: string): string | null {
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** An upstream entry is a built-in id when it has no path separator and no plan-file extension. */
export function isUpstreamId(entry: string): boolean {
  if (entry.includes('/') || entry.includes('\\')) return false;
  const lower = entry.toLowerCase();
  return !PATH_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

function levenshtein(a: string, b: string): number {
  const d: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}

function unknownRuleReason(id: string): Message {
  const known = CONFIG_RULE_IDS.join(', ');
  let best: string | null = null;
  let bestD = Infinity;
  for (const r of CONFIG_RULE_IDS) {
    const dist = levenshtein(id, r);
    if (dist < bestD) {
      bestD = dist;
      best = r;
    }
  }
  if (best && bestD <= 3) {
    return message('unknown rule id (did you mean "{0}"? known: {1})', best, known);
  }
  return message('unknown rule id (known: {0})', known);
}

const MUST_BE_TYPE: Record<string, Message> = {
  object: message('must be an object'),
  array: message('must be an array'),
  string: message('must be a string'),
};

function jsonTypeOf(node: JsonNode): string {
  return node.type;
}

/** Deepest nesting of arrays and objects a configuration may have (the schema needs 3). */
export const CONFIG_MAX_DEPTH = 16;
/** Most entries an array of the configuration may have. */
export const CONFIG_MAX_ITEMS = 10000;

// jsonc-parser SyntaxKind values used by the shape check (a const enum in its typings).
const TK_OPEN_BRACE = 1;
const TK_CLOSE_BRACE = 2;
const TK_OPEN_BRACKET = 3;
const TK_CLOSE_BRACKET = 4;
const TK_COLON = 6;
const TK_STRING = 10;
const TK_EOF = 17;

/**
 * Before the (recursive) parser sees the text: nesting deeper than CONFIG_MAX_DEPTH or an array
 * longer than CONFIG_MAX_ITEMS is a one-line ConfigError naming the key where it happens, not a
 * stack overflow. One linear pass of the scanner, no recursion.
 */
function checkShape(text: string, file: string): void {
  const scanner = createScanner(text, true);
  const stack: Array<{ array: boolean; key: string; items: number }> = [];
  let lastString: string | null = null;
  let pendingKey: string | null = null;
  const path = (): string => {
    let out = '';
    for (const f of stack) out += f.key;
    return out.replace(/^\./, '');
  };
  const childKey = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    return top.array ? `[${top.items}]` : pendingKey !== null ? `.${pendingKey}` : '';
  };
  for (;;) {
    const kind = scanner.scan() as number;
    if (kind === TK_EOF) return;
    if (kind === TK_STRING) {
      lastString = scanner.getTokenValue();
      continue;
    }
    if (kind === TK_COLON) {
      pendingKey = lastString;
      continue;
    }
    if (kind === TK_OPEN_BRACE || kind === TK_OPEN_BRACKET) {
      const key = childKey();
      stack.push({ array: kind === TK_OPEN_BRACKET, key, items: 0 });
      pendingKey = null;
      if (stack.length > CONFIG_MAX_DEPTH) {
        const where = path() || null;
        throw new ConfigError(file, where, message('nested deeper than {0} levels', CONFIG_MAX_DEPTH));
      }
      continue;
    }
    if (kind === TK_CLOSE_BRACE || kind === TK_CLOSE_BRACKET) {
      stack.pop();
      pendingKey = null;
      continue;
    }
    // the items of an array are counted at their commas
    const top = stack[stack.length - 1];
    if (top?.array && kind === TK_COMMA) {
      top.items++;
      if (top.items >= CONFIG_MAX_ITEMS) {
        throw new ConfigError(file, path() || null, message('more than {0} entries', CONFIG_MAX_ITEMS));
      }
    }
  }
}

/** `"a", "b" or "c"` (en) / `"a"、"b" 或 "c"` (zh): the allowed values of a message. */
function oneOf(values: readonly string[]): MessageArg {
  const quoted = values.map((v) => `"${v}"`);
  if (quoted.length < 2) return quoted.join('');
  let head: MessageArg = quoted[0];
  for (const q of quoted.slice(1, -1)) head = message('{0}, {1}', head, q);
  return message('{0} or {1}', head, quoted[quoted.length - 1]);
}

interface Prop {
  key: string;
  keyNode: JsonNode;
  value: JsonNode;
}

/** What the section readers share: the text (for positions), the file, and the failing checks. */
interface ConfigReader {
  file: string;
  /** Folder of the file: relative upstream paths are resolved against it. */
  baseDir: string;
  /** Throws the one-line ConfigError at `node` (its line and column), naming `key`. */
  fail(node: JsonNode | undefined, key: string | null, why: Message): never;
  mustBe(node: JsonNode, key: string, type: 'object' | 'array' | 'string'): void;
  /** Properties of an object node, failing on duplicate keys. */
  props(obj: JsonNode, prefix: string): Prop[];
}

function configReader(text: string, file: string): ConfigReader {
  const fail = (node: JsonNode | undefined, key: string | null, why: Message): never => {
    const pos = node ? lineCol(text, node.offset) : undefined;
    throw new ConfigError(file, key, why, { line: pos?.line, column: pos?.column });
  };
  return {
    file,
    baseDir: dirname(resolve(file)),
    fail,
    mustBe(node, key, type) {
      if (jsonTypeOf(node) !== type) {
        fail(node, key, MUST_BE_TYPE[type]);
      }
    },
    props(obj, prefix) {
      const seen = new Set<string>();
      const out: Prop[] = [];
      for (const p of obj.children ?? []) {
        const [k, v] = p.children ?? [];
        if (!k || !v) continue;
        const key = String(k.value);
        const full = prefix ? `${prefix}.${key}` : key;
        if (seen.has(key)) fail(k, full, message('duplicate key'));
        seen.add(key);
        out.push({ key, keyNode: k, value: v });
      }
      return out;
    },
  };
}

/** The id a rule name of the configuration stands for (an id or an alias); fails naming the known ids. */
function ruleIdAt(reader: ConfigReader, node: JsonNode, key: string, name: string): RuleId {
  const id = resolveRuleId(name);
  if (id) return id;
  return reader.fail(node, key, unknownRuleReason(name));
}

function readUpstream(value: JsonNode, reader: ConfigReader, config: PlanlintConfig): void {
  reader.mustBe(value, 'upstream', 'array');
  const list: string[] = [];
  (value.children ?? []).forEach((item, i) => {
    const key = `upstream[${i}]`;
    reader.mustBe(item, key, 'string');
    const entry = String(item.value).trim();
    if (!entry) reader.fail(item, key, message('must not be empty'));
    list.push(isUpstreamId(entry) ? entry : isAbsolute(entry) ? resolve(entry) : resolve(reader.baseDir, entry));
  });
  // the same id or path named twice is one upstream
  config.upstream = [...new Set(list)];
}

function readRules(value: JsonNode, reader: ConfigReader, config: PlanlintConfig): void {
  reader.mustBe(value, 'rules', 'object');
  for (const rule of reader.props(value, 'rules')) {
    const key = `rules.${rule.key}`;
    const id = ruleIdAt(reader, rule.keyNode, key, rule.key);
    const level = rule.value.type === 'string' ? String(rule.value.value) : null;
    if (level === null || !(CONFIG_RULE_LEVELS as string[]).includes(level)) {
      reader.fail(rule.value, key, message('must be {0}', oneOf(CONFIG_RULE_LEVELS)));
    }
    config.rules[id] = level as Severity | 'off';
  }
}

function readIgnore(value: JsonNode, reader: ConfigReader, config: PlanlintConfig): void {
  reader.mustBe(value, 'ignore', 'array');
  (value.children ?? []).forEach((item, i) => {
    const key = `ignore[${i}]`;
    reader.mustBe(item, key, 'object');
    const entry: Partial<IgnoreEntry> = {};
    for (const p of reader.props(item, key)) {
      const propKey = `${key}.${p.key}`;
      if (!IGNORE_KEYS.includes(p.key)) {
        reader.fail(p.keyNode, propKey, message('unknown key (known: {0})', IGNORE_KEYS.join(', ')));
      }
      reader.mustBe(p.value, propKey, 'string');
      const str = String(p.value.value);
      if (IGNORE_MATCH_KEYS.includes(p.key) && str.trim() === '') reader.fail(p.value, propKey, message('must not be empty'));
      (entry as Record<string, string>)[p.key] = str;
    }
    if (!entry.rule || !IGNORE_MATCH_KEYS.some((k) => (entry as Record<string, string>)[k])) {
      reader.fail(item, key, message('needs "rule" and {0}', oneOf(IGNORE_MATCH_KEYS)));
    }
    const clean: IgnoreEntry = { rule: ruleIdAt(reader, item, `${key}.rule`, entry.rule as string) };
    if (entry.indicator) clean.indicator = entry.indicator;
    if (entry.text) clean.text = entry.text.trim();
    if (entry.reason) clean.reason = entry.reason;
    config.ignore.push(clean);
  });
}

function readLocale(value: JsonNode, reader: ConfigReader, config: PlanlintConfig): void {
  const locale = value.type === 'string' ? String(value.value) : null;
  if (locale === null || !(CONFIG_LOCALES as string[]).includes(locale)) {
    reader.fail(value, 'locale', message('must be {0}', oneOf(CONFIG_LOCALES)));
  }
  config.locale = locale as Locale;
}

/**
 * The reader of each top-level key. The keys themselves are the schema's (CONFIG_KEYS); a key the
 * schema gains without a reader here is refused as unknown, and test/unit/config.test.js fails.
 */
export const CONFIG_SECTIONS: Record<string, (value: JsonNode, reader: ConfigReader, config: PlanlintConfig) => void> = {
  $schema: () => {},
  upstream: readUpstream,
  rules: readRules,
  ignore: readIgnore,
  locale: readLocale,
};

/**
 * Parses and validates the text of a configuration file. Relative upstream paths are resolved
 * against the folder of `file` and returned absolute; built-in ids are returned as they are.
 * An empty file (or one with only comments) gives the defaults.
 */
export function parseConfigText(text: string, file: string): PlanlintConfig {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  checkShape(text, file);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  if (errors.length) {
    const e = errors[0];
    const { line, column } = lineCol(text, e.offset);
    const code = printParseErrorCode(e.error);
    throw new ConfigError(file, null, message('{0}:{1}: JSON syntax error ({2})', line, column, code), { line, column });
  }
  const config = defaultConfig();
  if (!root) return config;
  const reader = configReader(text, file);
  if (root.type !== 'object') reader.fail(root, null, message('the top level must be an object ({ … })'));
  for (const { key, keyNode, value } of reader.props(root, '')) {
    const section = CONFIG_KEYS.includes(key) ? CONFIG_SECTIONS[key] : undefined;
    if (!section) {
      reader.fail(keyNode, key, message('unknown key (known: {0})', CONFIG_KEYS.join(', ')));
    } else section(value, reader, config);
  }
  return config;
}

/** Largest configuration file read (a configuration is a few hundred bytes). */
export const CONFIG_MAX_BYTES = 1024 * 1024;

/**
 * Reads and parses a configuration file through the same guarded reader as plans (regular file,
 * size limit, no FIFO or device hang); read and decoding errors become a one-line ConfigError.
 */
export function loadConfig(file: string): PlanlintConfig {
  let buf: Buffer;
  try {
    buf = readFileGuarded(file, { maxBytes: CONFIG_MAX_BYTES });
  } catch (e) {
    if (e instanceof PlanReadError) throw new ConfigError(file, null, e.cause_);
    throw e;
  }
  return parseConfigText(decodeConfigBytes(buf, file), file);
}

/** JSON text: UTF-8 (a BOM is dropped by parseConfigText) or UTF-16 with a BOM; anything else is refused. */
export function decodeConfigBytes(buf: Uint8Array, file: string): string {
  try {
    if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe)
      return new TextDecoder('utf-16le', { fatal: true }).decode(buf.subarray(2));
    if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff)
      return new TextDecoder('utf-16be', { fatal: true }).decode(buf.subarray(2));
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
    const nul = text.indexOf('\0');
    if (nul >= 0) throw new Error(`NUL at ${nul}`);
    return text;
  } catch {
    throw new ConfigError(file, null, message('not UTF-8 or UTF-16 JSON text'));
  }
}

/**
 * Layers `override` on `base` without mutating either: upstream is replaced when given (any
 * array, even empty: pass undefined for "not set"), rules are merged key by key, ignore entries
 * are concatenated, locale is replaced when given.
 */
export function mergeConfig(base: PlanlintConfig, override: Partial<PlanlintConfig>): PlanlintConfig {
  const out: PlanlintConfig = {
    upstream: override.upstream !== undefined ? [...override.upstream] : [...base.upstream],
    rules: { ...base.rules, ...(override.rules ?? {}) },
    ignore: [...base.ignore, ...(override.ignore ?? [])],
  };
  const locale = override.locale ?? base.locale;
  if (locale !== undefined) out.locale = locale;
  return out;
}

function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const m = /\n([ \t]+)["/\]}]/.exec(text);
  if (m && m[1].startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  const tabSize = m ? Math.max(1, Math.min(8, m[1].length)) : 2;
  return { insertSpaces: true, tabSize, eol };
}

function cleanEntry(entry: IgnoreEntry): IgnoreEntry {
  const e: IgnoreEntry = { rule: entry.rule };
  if (entry.indicator) e.indicator = entry.indicator;
  if (entry.text) e.text = entry.text.trim();
  if (entry.reason) e.reason = entry.reason;
  return e;
}

function sameEntry(a: unknown, b: IgnoreEntry): boolean {
  if (!a || typeof a !== 'object') return false;
  const x = a as Record<string, unknown>;
  return (
    x.rule === b.rule &&
    (x.indicator ?? undefined) === b.indicator &&
    (typeof x.text === 'string' ? x.text.trim() : undefined) === b.text
  );
}

/**
 * The edits (jsonc-parser offset/length/content) that append `entry` to "ignore", creating the
 * key, or the whole object when the text is empty. Comments and formatting are kept. No edits
 * when the same entry (rule, indicator, text) is already there. Throws ConfigError when the text
 * is not valid JSONC or "ignore" is not an array.
 */
export function addIgnoreEntryEdits(text: string, entry: IgnoreEntry, file: string = CONFIG_FILE_NAME): Edit[] {
  const e = cleanEntry(entry);
  const fmt = detectFormatting(text);
  const eol = fmt.eol ?? '\n';
  const unit = fmt.insertSpaces === false ? '\t' : ' '.repeat(fmt.tabSize ?? 2);
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = bom ? text.slice(1) : text;
  const shift = (edits: Edit[]): Edit[] => (bom ? edits.map((x) => ({ ...x, offset: x.offset + bom })) : edits);
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  if (errors.length) {
    const { line, column } = lineCol(body, errors[0].offset);
    const code = printParseErrorCode(errors[0].error);
    throw new ConfigError(file, null, message('{0}:{1}: JSON syntax error ({2})', line, column, code), { line, column });
  }
  const item = entryJson(e);
  if (!root) {
    // Empty (or comments only): write a whole object after whatever is there.
    const json = `{${eol}${unit}"ignore": [${eol}${unit}${unit}${item}${eol}${unit}]${eol}}${eol}`;
    if (body.trim() === '') return shift([{ offset: 0, length: body.length, content: json }]);
    return shift([{ offset: body.length, length: 0, content: (/\n$/.test(body) ? '' : eol) + json }]);
  }
  if (root.type !== 'object') {
    throw new ConfigError(file, null, message('the top level must be an object ({ … })'));
  }
  const props = root.children ?? [];
  const ignoreProp = props.find((p) => p.children?.[0]?.value === 'ignore');
  const ignoreNode = ignoreProp?.children?.[1];
  if (ignoreNode) {
    if (ignoreNode.type !== 'array') {
      throw new ConfigError(file, 'ignore', message('must be an array'));
    }
    const items = ignoreNode.children ?? [];
    if (items.some((c) => sameEntry(getNodeValue(c), e))) return [];
    if (items.length) return shift(appendAfter(body, items[items.length - 1], item, unit));
    // "ignore": [] (white space or comments inside).
    const edits = fillEmpty(body, ignoreNode, indentOf(body, (ignoreProp as JsonNode).offset), unit, eol, [item]);
    if (edits) return shift(edits);
  } else if (props.length) {
    const last = props[props.length - 1];
    const ind = firstOnLine(body, last.offset) ? indentOf(body, last.offset) : indentOf(body, last.offset) + unit;
    const block = `"ignore": [${eol}${ind}${unit}${item}${eol}${ind}]`;
    return shift(appendAfter(body, last, block, unit, `"ignore": [${item}]`));
  } else {
    const ind = indentOf(body, root.offset);
    const lines = [`"ignore": [`, `${unit}${item}`, `]`];
    const edits = fillEmpty(body, root, ind, unit, eol, lines);
    if (edits) return shift(edits);
  }
  // Odd layouts (a comment and the closing bracket on one line): let jsonc-parser place it.
  return shift(modify(body, ['ignore', -1], e, { formattingOptions: fmt, isArrayInsertion: true }));
}

/** `{ "rule": "…", "indicator": "…" }` on one line: ignore lists read best one entry per line. */
function entryJson(e: IgnoreEntry): string {
  const parts = Object.entries(e)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `{ ${parts.join(', ')} }`;
}

/** Leading white space of the line holding `offset`. */
function indentOf(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  const m = /^[ \t]*/.exec(text.slice(start, offset));
  return m ? m[0] : '';
}

function firstOnLine(text: string, offset: number): boolean {
  let i = offset;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i === 0 || text[i - 1] === '\n' || text[i - 1] === '\r';
}

/**
 * Edits that put `lines` (each without indentation) into an empty array or object `node` whose
 * line is indented by `ind`: replacing white space, or, when comments are inside, on lines of their
 * own just before the closing bracket. Null when the closing bracket does not start its line.
 */
function fillEmpty(text: string, node: JsonNode, ind: string, unit: string, eol: string, lines: string[]): Edit[] | null {
  const open = node.offset + 1;
  const close = node.offset + node.length - 1;
  const inner = text.slice(open, close);
  const block = lines.map((l) => `${ind}${unit}${l}`).join(eol);
  if (inner.trim() === '') return [{ offset: open, length: inner.length, content: `${eol}${block}${eol}${ind}` }];
  if (!firstOnLine(text, close)) return null;
  let lineStart = close;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  return [{ offset: lineStart, length: 0, content: `${block}${eol}` }];
}

// jsonc-parser SyntaxKind values (a const enum in its typings).
const TK_COMMA = 5;
const TK_LINE_COMMENT = 12;
const TK_BLOCK_COMMENT = 13;
const TK_LINE_BREAK = 14;
const TK_TRIVIA = 15;

/**
 * Edits that add `content` as a new sibling after `node` (the last element of an array or the
 * last property of an object) without touching anything else: the comma goes right after the
 * node, the new sibling on a line of its own after any comment that ends the node's line, with
 * the node's indentation. When the list closes on the node's line, `inline` (or `content`) is
 * inserted on that line instead. A trailing comma after the node is kept as the list's style.
 */
function appendAfter(text: string, node: JsonNode, content: string, unit: string, inline?: string): Edit[] {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const nodeEnd = node.offset + node.length;
  const scanner = createScanner(text, false);
  scanner.setPosition(nodeEnd);
  let commaEnd = -1;
  let lineEnd = nodeEnd;
  let newline = false;
  for (;;) {
    const kind = scanner.scan() as number;
    const end = scanner.getTokenOffset() + scanner.getTokenLength();
    if (kind === TK_COMMA && commaEnd < 0) {
      commaEnd = end;
      lineEnd = end;
    } else if (kind === TK_TRIVIA || kind === TK_LINE_COMMENT) {
      if (kind === TK_LINE_COMMENT) lineEnd = end;
    } else if (kind === TK_BLOCK_COMMENT) {
      const t = text.slice(scanner.getTokenOffset(), end);
      if (/[\r\n]/.test(t)) {
        newline = true;
        break;
      }
      lineEnd = end;
    } else if (kind === TK_LINE_BREAK) {
      newline = true;
      break;
    } else {
      break; // the closing bracket/brace (or end of file) on the same line
    }
  }
  const ind = firstOnLine(text, node.offset) ? indentOf(text, node.offset) : indentOf(text, node.offset) + unit;
  if (newline) {
    if (commaEnd >= 0) return [{ offset: lineEnd, length: 0, content: `${eol}${ind}${content},` }];
    return [
      { offset: nodeEnd, length: 0, content: ',' },
      { offset: lineEnd, length: 0, content: `${eol}${ind}${content}` },
    ];
  }
  const one = inline ?? content;
  if (commaEnd >= 0) return [{ offset: commaEnd, length: 0, content: ` ${one},` }];
  return [{ offset: nodeEnd, length: 0, content: `, ${one}` }];
}

/** The configuration text with `entry` appended to "ignore" (see addIgnoreEntryEdits). */
export function addIgnoreEntry(text: string, entry: IgnoreEntry, file: string = CONFIG_FILE_NAME): string {
  return applyEdits(text, addIgnoreEntryEdits(text, entry, file));
}

/** The ignore matcher is the core's (checkPlan applies it); re-exported for adapters. */
export { isIgnored } from '../core/check';

export type { Edit as JsoncEdit } from 'jsonc-parser/lib/esm/main.js';
