/**
 * The kernel build's compile step (scripts/jupyter/kernel-build.cjs `compile`: esbuild for the JavaScript,
 * oxc-transform for the declarations), without a kernel: the real lib/ compiles with no problem (every export
 * states its type where it cannot be read off the code), the compiled library is the library, and a bad file
 * fails the build with its file, line and column. The kernel's side (a build per edit, atomic, never stale)
 * is tests/study/jupyter/kernel-build.test.ts.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lib from '../../../../lib/index.js';
import { kernelBuild as kb } from '../../../../scripts/jupyter/kernel-modules.js';
import { tempDir } from '../../../helpers/temp.js';

const ROOT = path.resolve('.');
const tmp = tempDir('kernel-compile-');

/** A project folder with `files` as its lib/ (node_modules and tsconfig files from the real project). */
function project(name: string, files: Record<string, string>): string {
  const root = path.join(tmp, name);
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, 'lib', f)), { recursive: true });
    fs.writeFileSync(path.join(root, 'lib', f), text);
  }
  for (const f of ['package.json', 'tsconfig.json', 'tsconfig.kernel.json']) fs.copyFileSync(path.join(ROOT, f), path.join(root, f));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
  return root;
}

/** The message `compile` throws for the project at `root` into root/out ('' when it compiles). */
function compileError(root: string): string {
  try {
    kb.compile(root, path.join(root, 'out'));
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('kernel build: compile', () => {
  it('compiles the real lib/ without a problem: one .js and one .d.ts per source, exporting what the library exports', () => {
    const out = path.join(tmp, 'real', 'lib');
    const t0 = Date.now();
    kb.compile(ROOT, out);
    const seconds = (Date.now() - t0) / 1000;
    const sources = kb.sourceFiles(ROOT);
    expect(sources.length).toBeGreaterThan(40);
    for (const f of sources) {
      const base = path.join(out, path.relative('lib', f)).replace(/\.ts$/, '');
      expect(fs.existsSync(`${base}.js`), `${f} → .js`).toBe(true);
      expect(fs.existsSync(`${base}.d.ts`), `${f} → .d.ts`).toBe(true);
    }
    // the compiled index is CommonJS with the library's exports (loaded from inside the project for its packages)
    const compiledDir = path.join(ROOT, '.kernel-root', `unit-compile-${process.pid}`);
    fs.cpSync(out, path.join(compiledDir, 'lib'), { recursive: true });
    try {
      const compiled = createRequire(path.join(compiledDir, 'x.js'))('./lib/index.js') as typeof lib;
      expect(Object.keys(compiled).sort()).toEqual(Object.keys(lib).filter((k) => k !== 'default').sort());
      expect(compiled.runStudy({ dataSource: 'synthetic' }).partition).toEqual(lib.runStudy({ dataSource: 'synthetic' }).partition);
    } finally {
      fs.rmSync(compiledDir, { recursive: true, force: true });
    }
    // a declaration states the exported function's type, as tsc writes it
    expect(fs.readFileSync(path.join(out, 'core', 'codes.d.ts'), 'utf8')).toMatch(/export declare function isHS8\(code: string\): boolean;/);
    expect(seconds).toBeLessThan(10); // ≈ 0.3 s here; tsc took 3.3 s
  });

  it('a file whose only declaration is `declare global` stays a module (as tsc writes it)', () => {
    const root = project('global', { 'index.ts': 'export const a: number = 1;\n', 'g.ts': 'declare global { interface Window { x: number } }\nconst y = 2;\nconsole.log(y);\n' });
    kb.compile(root, path.join(root, 'out'));
    expect(fs.readFileSync(path.join(root, 'out', 'g.d.ts'), 'utf8')).toMatch(/declare global[\s\S]*\nexport \{\};\n$/);
  });

  it('an export without a type that cannot be read off the code fails with file:line:column (counted in characters, after non-ASCII text too)', () => {
    const root = project('untyped', { 'index.ts': "export * from './m.js';\n", 'm.ts': '// 环氧树脂 — epoxy\nexport const ok: number = 1;\nexport function f(x: number) {\n  return [x].map(String);\n}\n' });
    const message = compileError(root);
    expect(message).toMatch(/return type/);
    // oxc points at the function's name, f: line 3, column 17 in characters (its UTF-8 byte offset, read as a
    // character offset, would say column 27: the first line's Chinese characters and dash take 10 more bytes)
    expect(message).toMatch(/^lib\/m\.ts:3:17: /m);
  });

  it('a syntax error fails with file:line:column, and nothing is half-written by the declarations step for that file', () => {
    const root = project('syntax', { 'index.ts': "export * from './m.js';\n", 'm.ts': 'export const a: number = 1;\nexport const b: number = ;\n' });
    const message = compileError(root);
    expect(message).toMatch(/^lib\/m\.ts:2:26: /m);
    expect(fs.existsSync(path.join(root, 'out', 'm.d.ts'))).toBe(false);
  });

  it('the column of a syntax error after non-ASCII text on its line is counted in characters', () => {
    // the stray ';' is the 33rd character of the line, the 37th byte (中 and 文 take 3 bytes each): both tools'
    // reports (the declarations step's and esbuild's) must say column 33
    const root = project('syntax-cjk', { 'index.ts': 'export const c: string = "中文" + ;\n' });
    const message = compileError(root);
    const lines = message.split('\n');
    expect(lines.length).toBe(2);
    for (const l of lines) expect(l).toMatch(/^lib\/index\.ts:1:33: /);
  });
});
