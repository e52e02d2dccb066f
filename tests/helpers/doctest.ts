/**
 * The doc-test machinery (tests/helpers/doctest-suite.ts, run by tests/unit/doctest.test.ts and doctest-present.test.ts): extract every `@example` of the
 * library's JSDoc, compile it, and compare its value with the `// => expected`
 * text. The conventions are documented in docs/CONTRIBUTING.md ("Examples that run").
 */
import * as os from 'node:os';
import { transformSync } from 'esbuild';
import ts from 'typescript';

/** One `// =>` check: the code to run (everything of its example up to it) and the expected text. */
export interface ExampleCheck {
  file: string;
  /** 1-based line of the `// =>` marker. */
  line: number;
  code: string;
  expected: string;
}

/** An example without any `// =>` (it shows or writes something): run only to check it does not throw. */
export interface ShowExample {
  file: string;
  line: number;
  code: string;
}

export interface FileExamples {
  file: string;
  /** Code of the module's `@exampleSetup` tags, run once before its examples. */
  setup: { line: number; code: string }[];
  checks: ExampleCheck[];
  shows: ShowExample[];
}

interface Line {
  line: number;
  text: string;
}

/** The lines of every JSDoc comment of a source text, with their 1-based line numbers and the ` * ` stripped. */
export function jsdocComments(source: string): Line[][] {
  const out: Line[][] = [];
  const re = /\/\*\*(?!\/)([\s\S]*?)\*\//g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const startLine = source.slice(0, m.index).split('\n').length;
    const raw = m[1].split('\n');
    out.push(
      raw.map((t, i) => ({
        line: startLine + i,
        text: (i === 0 ? t : t.replace(/^\s*\*(?!\/) ?/, '')).replace(/\s+$/, ''),
      })),
    );
  }
  return out;
}

/** Split a comment into tags: each `@name` at the start of a line (or `@example…` anywhere after a space) starts one. */
function tags(comment: Line[]): { tag: string; lines: Line[] }[] {
  const out: { tag: string; lines: Line[] }[] = [];
  let cur: { tag: string; lines: Line[] } | undefined;
  for (const l of comment) {
    let text = l.text;
    const mid = /(^|\s)@(example(?:Setup)?)\b/.exec(text);
    if (mid) {
      // `@example` may follow prose on the same line (`/** Empty the cache. @example f(); // => 1 */`)
      const at = mid.index + mid[1].length;
      if (cur && text.slice(0, at).trim() !== '') cur.lines.push({ line: l.line, text: text.slice(0, at) });
      text = text.slice(at + 1 + mid[2].length);
      cur = { tag: mid[2], lines: [{ line: l.line, text }] };
      out.push(cur);
      continue;
    }
    const start = /^\s*@(\w+)/.exec(text);
    if (start) {
      cur = { tag: start[1], lines: [{ line: l.line, text: text.replace(/^\s*@\w+/, '') }] };
      out.push(cur);
      continue;
    }
    cur?.lines.push({ line: l.line, text });
  }
  return out;
}

const ARROW = /\/\/\s*=>\s?(.*)$/;

/**
 * Every example of a source file: the `// =>` checks (each runs the example's
 * code up to its marker), the examples with no check, and the module's setup.
 */
export function extractExamples(source: string, file: string): FileExamples {
  const res: FileExamples = { file, setup: [], checks: [], shows: [] };
  for (const comment of jsdocComments(source)) {
    for (const t of tags(comment)) {
      if (t.tag === 'exampleSetup') {
        res.setup.push({
          line: t.lines[0].line,
          code: t.lines
            .map((l) => l.text)
            .join('\n')
            .trim(),
        });
        continue;
      }
      if (t.tag !== 'example') continue;
      const code: string[] = [];
      let checks = 0;
      let continuing = false;
      for (const l of t.lines) {
        // an expected value may go on over the next lines, each a comment indented by two spaces or more (`//     …`)
        const more = continuing ? /^\s*\/\/\s{2,}(\S.*)$/.exec(l.text) : null;
        if (more) {
          const last = res.checks[res.checks.length - 1];
          last.expected = `${last.expected} ${more[1].trim()}`;
          continue;
        }
        const m = ARROW.exec(l.text);
        continuing = m !== null;
        if (!m) {
          code.push(l.text);
          continue;
        }
        code.push(l.text.slice(0, m.index));
        res.checks.push({ file, line: l.line, code: code.join('\n').trim(), expected: m[1].trim() });
        checks++;
      }
      const text = code.join('\n').trim();
      if (checks === 0 && text !== '') res.shows.push({ file, line: t.lines[0].line, code: text });
    }
  }
  return res;
}

// ---------------------------------------------------------------------------
// compiling an example

function parseBody(code: string): { sf: ts.SourceFile; body: ts.Block; offset: number } {
  const prefix = 'async function __example() {\n';
  const sf = ts.createSourceFile('example.ts', `${prefix}${code}\n}`, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const fnDecl = sf.statements[0] as ts.FunctionDeclaration;
  return { sf, body: fnDecl.body!, offset: prefix.length };
}

/** Replace the completion value of a statement by a `return`: expression statements, and the last statements of try/catch blocks. */
function returnEdits(
  stmt: ts.Statement,
  sf: ts.SourceFile,
  edits: { start: number; end: number; text: string }[],
): boolean {
  if (ts.isExpressionStatement(stmt)) {
    edits.push({ start: stmt.getStart(sf), end: stmt.getEnd(), text: `return (${stmt.expression.getText(sf)});` });
    return true;
  }
  if (ts.isThrowStatement(stmt)) return true;
  if (ts.isBlock(stmt)) {
    const last = stmt.statements[stmt.statements.length - 1];
    return last !== undefined && returnEdits(last, sf, edits);
  }
  if (ts.isTryStatement(stmt)) {
    const a = returnEdits(stmt.tryBlock, sf, edits);
    const b = stmt.catchClause ? returnEdits(stmt.catchClause.block, sf, edits) : true;
    return a && b;
  }
  return false;
}

/** TypeScript → JavaScript of one example (esbuild: types stripped, nothing else changed; ~50× faster than tsc's transpileModule). */
function transpile(src: string): string {
  try {
    return transformSync(src, { loader: 'ts', format: 'esm', target: 'es2022' }).code;
  } catch (e) {
    const first = (e as { errors?: { text: string }[] }).errors?.[0]?.text ?? String(e);
    throw new Error(`example does not parse: ${first}`);
  }
}

/**
 * Compile an example (TypeScript) into the JavaScript of `async function __example()`
 * that runs it and returns the value of its last statement.
 * @throws when the last statement has no value (a declaration, a loop …)
 */
export function compileExample(code: string): string {
  const { sf, body } = parseBody(code);
  const last = body.statements[body.statements.length - 1];
  const edits: { start: number; end: number; text: string }[] = [];
  if (!last || !returnEdits(last, sf, edits))
    throw new Error('the last statement before `// =>` is not an expression with a value');
  let src = sf.text;
  for (const e of edits.sort((x, y) => y.start - x.start)) src = src.slice(0, e.start) + e.text + src.slice(e.end);
  return transpile(src);
}

/** Compile a statement list (no value): an example that only shows something. */
export function compileStatements(code: string): string {
  return transpile(`async function __example() {\n${code}\n}`);
}

/** Compile a module's `@exampleSetup` code into `async function __example()` returning every top-level name it declares. */
export function compileSetup(code: string): { js: string; names: string[] } {
  const { body } = parseBody(code);
  const names: string[] = [];
  const bind = (n: ts.BindingName): void => {
    if (ts.isIdentifier(n)) names.push(n.text);
    else for (const el of n.elements) if (!ts.isOmittedExpression(el)) bind(el.name);
  };
  for (const s of body.statements) {
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) bind(d.name);
    else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) names.push(s.name.text);
  }
  return { js: transpile(`async function __example() {\n${code}\nreturn { ${names.join(', ')} };\n}`), names };
}

const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
  ...args: string[]
) => (...a: unknown[]) => Promise<unknown>;

/** Run compiled example code with the given free names in scope. */
export async function runCompiled(js: string, scope: Record<string, unknown>): Promise<unknown> {
  const names = Object.keys(scope);
  const f = new AsyncFunction(...names, `${js}\nreturn await __example();`);
  return f(...names.map((n) => scope[n]));
}

// ---------------------------------------------------------------------------
// expected values

/** What an expected text means: a tree of values, where `…` stands for "anything more". */
export type Pattern =
  | { kind: 'any' }
  | { kind: 'exact'; value: unknown }
  | { kind: 'numberPrefix'; text: string }
  | { kind: 'string'; parts: string[] }
  | { kind: 'array'; items: Pattern[] }
  | { kind: 'object'; entries: [string, Pattern][]; open: boolean };

const ANY: Pattern = { kind: 'any' };
const ELLIPSIS = '…';

class ExpectedParser {
  i = 0;
  constructor(
    readonly s: string,
    readonly root: string,
    readonly tmp: string,
  ) {}
  ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }
  fail(msg: string): never {
    throw new Error(`cannot read the expected value at "${this.s.slice(this.i, this.i + 20)}": ${msg}`);
  }
  eat(ch: string): boolean {
    this.ws();
    if (this.s.startsWith(ch, this.i)) {
      this.i += ch.length;
      return true;
    }
    return false;
  }
  value(): Pattern {
    this.ws();
    const c = this.s[this.i];
    if (c === ELLIPSIS) {
      this.i++;
      return ANY;
    }
    if (c === "'" || c === '"') return this.string(c);
    if (c === '[') return this.array();
    if (c === '{') return this.object();
    const num = /^-?(\d[\d_]*(\.\d*)?([eE][+-]?\d+)?|Infinity)/.exec(this.s.slice(this.i));
    if (num) {
      this.i += num[0].length;
      if (this.s[this.i] === ELLIPSIS) {
        this.i++;
        return { kind: 'numberPrefix', text: num[0] };
      }
      return { kind: 'exact', value: Number(num[0].replace(/_/g, '')) };
    }
    const word = /^(true|false|null|undefined|NaN)\b/.exec(this.s.slice(this.i));
    if (word) {
      this.i += word[0].length;
      const values: Record<string, unknown> = { true: true, false: false, null: null, undefined, NaN };
      return { kind: 'exact', value: values[word[0]] };
    }
    return this.fail('not a value');
  }
  string(q: string): Pattern {
    this.i++;
    let cur = '';
    const parts: string[] = [];
    for (;;) {
      if (this.i >= this.s.length) this.fail('unterminated string');
      const c = this.s[this.i++];
      if (c === q) break;
      if (c === '\\') {
        const e = this.s[this.i++];
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0' };
        if (e === 'u') {
          cur += String.fromCharCode(parseInt(this.s.slice(this.i, this.i + 4), 16));
          this.i += 4;
        } else cur += simple[e] ?? e;
      } else if (c === ELLIPSIS) {
        parts.push(cur);
        cur = '';
      } else cur += c;
    }
    parts.push(cur);
    const subst = parts.map((p) => p.split('<root>').join(this.root).split('<tmp>').join(this.tmp));
    return subst.length === 1 ? { kind: 'exact', value: subst[0] } : { kind: 'string', parts: subst };
  }
  array(): Pattern {
    this.i++;
    const items: Pattern[] = [];
    if (this.eat(']')) return { kind: 'array', items };
    for (;;) {
      items.push(this.value());
      if (this.eat(']')) return { kind: 'array', items };
      if (!this.eat(',')) this.fail("expected ',' or ']'");
    }
  }
  object(): Pattern {
    this.i++;
    const entries: [string, Pattern][] = [];
    let open = false;
    if (this.eat('}')) return { kind: 'object', entries, open };
    for (;;) {
      this.ws();
      if (this.s[this.i] === ELLIPSIS) {
        this.i++;
        open = true;
      } else {
        let key: string;
        const c = this.s[this.i];
        if (c === "'" || c === '"') {
          const k = this.string(c);
          if (k.kind !== 'exact') this.fail('a key cannot hold …');
          key = String(k.value);
        } else {
          const m = /^[A-Za-z_$][\w$]*|^\d+/.exec(this.s.slice(this.i));
          if (!m) this.fail('expected a key');
          key = m[0];
          this.i += key.length;
        }
        if (!this.eat(':')) this.fail("expected ':'");
        entries.push([key, this.value()]);
      }
      if (this.eat('}')) return { kind: 'object', entries, open };
      if (!this.eat(',')) this.fail("expected ',' or '}'");
    }
  }
}

/**
 * Read an expected text: a JS literal (numbers, strings, arrays, objects, true/false/null/undefined/NaN)
 * where `…` means "more": `2.06…` a number starting 2.06, `'ab…'` a string starting ab, `[1, …]` an array
 * starting with 1, `{ a: 1, … }` an object with a = 1 and other keys, `…` alone any value; `<root>` inside a
 * string is the project root, `<tmp>` the temporary folder `tmp` (the system's, os.tmpdir(), unless given). Plain arithmetic (`8 / 6`) is evaluated. A trailing `(…)` is a comment.
 * @throws when the text is not such a value, or its comment says `e.g.` (a value that is not checkable)
 */
export function parseExpected(text: string, root: string, tmp: string = os.tmpdir()): Pattern {
  const arith = /^([-+*/.\d\s]+?)\s*(\(.*\))?$/.exec(text);
  let comment = '';
  let pattern: Pattern;
  if (arith && /\d/.test(arith[1])) {
    const v = Function(`"use strict"; return (${arith[1]});`)() as unknown;
    if (typeof v !== 'number') throw new Error(`cannot read the expected value "${text}"`);
    pattern = { kind: 'exact', value: v };
    comment = arith[2] ?? '';
  } else {
    const p = new ExpectedParser(text, root, tmp);
    pattern = p.value();
    p.ws();
    const rest = text.slice(p.i);
    if (rest !== '' && !rest.startsWith('(')) p.fail('after the value only a comment in parentheses may follow');
    comment = rest;
  }
  if (/\be\.g\./.test(comment))
    throw new Error(
      `the expected value is marked "(e.g.)": give the real value (say SYNTHETIC when it comes from the teaching panel)`,
    );
  return pattern;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !ArrayBuffer.isView(v) &&
    !(v instanceof Map) &&
    !(v instanceof Set)
  );
}

function show(v: unknown): string {
  try {
    return (
      JSON.stringify(v, (_k, x) =>
        typeof x === 'number' && !Number.isFinite(x) ? String(x) : x === undefined ? '<undefined>' : x,
      ) ?? String(v)
    );
  } catch {
    return String(v);
  }
}

function matchSeq(items: Pattern[], actual: unknown[], where: string): string | null {
  // `…` items match any run of elements (glob); others match one element each
  const go = (i: number, j: number): string | null => {
    if (i === items.length)
      return j === actual.length ? null : `${where}: ${actual.length - j} more element(s) than expected`;
    const p = items[i];
    if (p.kind === 'any') {
      for (let k = j; k <= actual.length; k++) if (go(i + 1, k) === null) return null;
      return `${where}: no way to place the elements around …`;
    }
    if (j >= actual.length) return `${where}: fewer elements than expected (${actual.length})`;
    const m = matchPattern(p, actual[j], `${where}[${j}]`);
    return m ?? go(i + 1, j + 1);
  };
  return go(0, 0);
}

/** Compare a value with a pattern: null when it matches, else where and how it differs. */
export function matchPattern(p: Pattern, actual: unknown, where = 'value'): string | null {
  switch (p.kind) {
    case 'any':
      return null;
    case 'exact':
      if (typeof p.value === 'number' && typeof actual === 'number' && Number.isNaN(p.value) && Number.isNaN(actual))
        return null;
      return actual === p.value ? null : `${where}: expected ${show(p.value)}, got ${show(actual)}`;
    case 'numberPrefix':
      return typeof actual === 'number' && String(actual).startsWith(p.text)
        ? null
        : `${where}: expected a number starting ${p.text}, got ${show(actual)}`;
    case 'string': {
      if (typeof actual !== 'string') return `${where}: expected a string, got ${show(actual)}`;
      const [first, ...rest] = p.parts;
      if (!actual.startsWith(first)) return `${where}: expected a string starting ${show(first)}, got ${show(actual)}`;
      let at = first.length;
      for (let k = 0; k < rest.length; k++) {
        const part = rest[k];
        if (k === rest.length - 1) {
          if (!(actual.endsWith(part) && actual.length - part.length >= at))
            return `${where}: expected a string ending ${show(part)}, got ${show(actual)}`;
        } else {
          const f = actual.indexOf(part, at);
          if (f < 0) return `${where}: expected ${show(part)} after position ${at}, got ${show(actual)}`;
          at = f + part.length;
        }
      }
      return null;
    }
    case 'array':
      if (!Array.isArray(actual)) return `${where}: expected an array, got ${show(actual)}`;
      return matchSeq(p.items, actual, where);
    case 'object': {
      if (!isPlainObject(actual)) return `${where}: expected an object, got ${show(actual)}`;
      for (const [k, v] of p.entries) {
        if (!(k in actual)) return `${where}: no key ${k} in ${show(actual)}`;
        const m = matchPattern(v, actual[k], `${where}.${k}`);
        if (m) return m;
      }
      if (!p.open) {
        const keys = new Set(p.entries.map(([k]) => k));
        const extra = Object.keys(actual).filter((k) => !keys.has(k) && actual[k] !== undefined);
        if (extra.length > 0)
          return `${where}: unexpected key(s) ${extra.join(', ')} (add … to the expected object to allow more)`;
      }
      return null;
    }
  }
}

export { show as showValue };
