#!/usr/bin/env node
// The library as the notebook kernel reads it: lib/**/*.ts compiled to CommonJS
// .js (esbuild, file by file) + .d.ts (oxc-transform's isolated declarations),
// in .kernel-root/builds/<hash>/lib/ (git-ignored); the explorer page's browser
// code (lib/present/explore/) is left out. The kernel starts tslab
// with its working directory in that build, so the notebooks'
// `import * as study from './lib/index.js'` resolves to declarations (tslab no
// longer type-checks the library's sources in every fresh kernel) and runs the
// compiled JavaScript. The build folder has no package.json, so projectRoot()
// walks up to the real project: data/, notebooks/, node_modules/ and
// lib/present/esm-import.cjs are the project's own.
//
// Fast: about 0.3 s for the whole library (tsc --noCheck took 3.3 s, nearly all
// of it TypeScript warming up), so the first kernel after an edit of lib/ waits
// a fraction of a second. Neither tool type-checks (npm run typecheck and the
// tests do). Declarations are written file by file without a type checker, so
// every export of lib/ states its type where it cannot be read off the code
// (TypeScript's `isolatedDeclarations` rule, set in tsconfig.kernel.json): a
// missing annotation fails the build with the file, line and column, and
// tests/unit/scripts/jupyter/kernel-build.test.ts keeps lib/ to that rule.
//
// Never stale: <hash> is a sha256 of every lib/**/*.ts (path and content), the
// tsconfig files, the compilers' versions and this file. Every kernel launch
// (scripts/jupyter/kernel.cjs), `npm start`/the runner and `npm install`
// compute it; a missing build is compiled first. Atomic: the build is written
// into builds/<hash>.tmp-<pid>-<time>, which is renamed to builds/<hash> only
// when complete, so a killed or failed build never replaces or damages a
// complete one (leftover .tmp folders are removed later).
//
// Usage: node scripts/jupyter/kernel-build.cjs [--root DIR] [--quiet] [--soft]
//   --soft: a failed build is reported but exits 0 (npm install: the kernel retries at launch)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const BUILDER_VERSION = 2;
const KEEP_BUILDS = 3;
/** A .tmp build folder older than this whose process is gone is a killed build (the grace covers pid reuse races). */
const STALE_TMP_MS = 60_000;
const DONE = 'BUILD.json';
/** The packages that compile the build (devDependencies, pinned in package.json). */
const COMPILERS = ['esbuild', 'oxc-transform'];

function packageVersion(root, pkg) {
  const file = path.join(root, 'node_modules', pkg, 'package.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')).version : 'none';
}

/**
 * Folders of lib/ the kernel never loads: the explorer page's browser code (it touches the DOM and is bundled into
 * report/explore.html instead). The same folders tsconfig.kernel.json excludes.
 */
const BROWSER_ONLY = ['lib/present/explore'];

// The files under lib/ (browser-only folders left out) whose path (relative to `root`, / separators) passes `keep`, sorted.
function libFiles(root, keep) {
  const out = [];
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = path.posix.join(rel, e.name);
      if (e.isDirectory()) {
        if (!BROWSER_ONLY.includes(r)) walk(r);
      } else if (e.isFile() && keep(r)) out.push(r);
    }
  };
  walk('lib');
  return out.sort();
}

// Every lib/**/*.ts (declaration files and browser-only folders excluded), as sorted paths relative to `root`.
function sourceFiles(root) {
  return libFiles(root, (r) => r.endsWith('.ts') && !r.endsWith('.d.ts'));
}

/** The build's content hash: sources, compiler settings, compiler version, builder. */
function sourceHash(root) {
  const h = crypto.createHash('sha256');
  h.update(`kernel-build ${BUILDER_VERSION}\n`);
  h.update(fs.readFileSync(__filename));
  for (const pkg of COMPILERS) h.update(`${pkg} ${packageVersion(root, pkg)}\n`);
  for (const f of ['tsconfig.json', 'tsconfig.kernel.json', ...sourceFiles(root)]) {
    const file = path.join(root, f);
    h.update(`\0${f}\0`);
    if (fs.existsSync(file)) h.update(fs.readFileSync(file));
  }
  return h.digest('hex').slice(0, 20);
}

function buildsDir(root) {
  return path.join(root, '.kernel-root', 'builds');
}

/** A build folder is complete when its marker (written before the rename) is there. */
function isComplete(dir) {
  return fs.existsSync(path.join(dir, DONE)) && fs.existsSync(path.join(dir, 'lib', 'index.js')) && fs.existsSync(path.join(dir, 'lib', 'index.d.ts'));
}

/** Running: signal 0 reaches it and, on Linux, it is not a zombie (exited, not yet reaped by its parent). */
function isRunning(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if (e.code !== 'EPERM') return false;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(')').pop().trim()[0] !== 'Z';
  } catch {
    return true; // no /proc (macOS): signal 0 is the answer
  }
}

/** Remove killed builds' .tmp folders and all but the newest KEEP_BUILDS complete builds (never `keep`). */
function prune(root, keep) {
  const dir = buildsDir(root);
  if (!fs.existsSync(dir)) return;
  const complete = [];
  for (const name of fs.readdirSync(dir)) {
    const full = path.join(dir, name);
    const tmp = /\.tmp-(\d+)-\d+$/.exec(name);
    if (tmp) {
      let age = Infinity;
      try {
        age = Date.now() - fs.statSync(full).mtimeMs;
      } catch {
        /* gone */
      }
      // a killed build (its process is gone), or one that has been running for an hour
      if ((!isRunning(Number(tmp[1])) && age > STALE_TMP_MS) || age > 3600_000) fs.rmSync(full, { recursive: true, force: true });
    } else if (isComplete(full)) {
      complete.push({ full, mtime: fs.statSync(path.join(full, DONE)).mtimeMs });
    }
  }
  complete.sort((a, b) => b.mtime - a.mtime);
  for (const b of complete.slice(KEEP_BUILDS)) if (b.full !== keep) fs.rmSync(b.full, { recursive: true, force: true });
}

/**
 * The kernel root for the current sources, compiling it first when missing.
 * Returns { dir, hash, built, seconds }; throws with one `file:line:column: message` line per problem when the build fails
 * (the previous builds are untouched).
 */
function ensureBuild(root, opts = {}) {
  const log = opts.log ?? (() => {});
  const hash = sourceHash(root);
  const dir = path.join(buildsDir(root), hash);
  if (isComplete(dir)) {
    // mark it recently used, so pruning keeps the builds in use
    const now = new Date();
    try {
      fs.utimesSync(path.join(dir, DONE), now, now);
    } catch {
      /* read-only: fine */
    }
    return { dir, hash, built: false, seconds: 0 };
  }
  const t0 = Date.now();
  fs.mkdirSync(buildsDir(root), { recursive: true });
  const tmp = path.join(buildsDir(root), `${hash}.tmp-${process.pid}-${Date.now()}`);
  log(`kernel build: compiling lib/ for the notebook kernel (${path.relative(root, dir)}) …`);
  try {
    compile(root, path.join(tmp, 'lib'));
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new Error(`kernel build failed:\n${e.message}`);
  }
  // files tslab or the library load beside the compiled code (not TypeScript)
  for (const f of sourceFilesOther(root)) fs.cpSync(path.join(root, f), path.join(tmp, f));
  fs.writeFileSync(path.join(tmp, DONE), JSON.stringify({ hash, sources: sourceFiles(root).length, builtAt: new Date().toISOString() }) + '\n');
  try {
    fs.renameSync(tmp, dir);
  } catch (e) {
    // another process finished the same build first: use theirs
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!isComplete(dir)) throw e;
  }
  prune(root, dir);
  const seconds = (Date.now() - t0) / 1000;
  log(`kernel build: done in ${seconds.toFixed(1)} s`);
  return { dir, hash, built: true, seconds };
}

/** The text before a 0-based UTF-8 byte offset: both compilers report positions in bytes, editors count characters. */
function textBefore(text, byteOffset) {
  return Buffer.from(text, 'utf8').subarray(0, byteOffset).toString('utf8');
}

/** `file:line:column` of a position in `text` given as a 0-based UTF-8 byte offset (oxc's spans). */
function where(file, text, byteOffset) {
  const before = textBefore(text, byteOffset).split('\n');
  return `${file}:${before.length}:${before[before.length - 1].length + 1}`;
}

/**
 * Compile every .ts file under lib/ of `root` into `outLib` (a folder that mirrors lib/): declarations with
 * oxc-transform, JavaScript with esbuild. Throws with one `file:line:column: message` line per problem.
 */
function compile(root, outLib) {
  const req = require('node:module').createRequire(path.join(root, 'package.json'));
  const { isolatedDeclarationSync } = req('oxc-transform');
  const esbuild = req('esbuild');
  const files = sourceFiles(root);
  const problems = [];
  for (const f of files) {
    const text = fs.readFileSync(path.join(root, f), 'utf8');
    const d = isolatedDeclarationSync(f, text, { sourcemap: false });
    for (const e of d.errors) problems.push(`${where(f, text, e.labels?.[0]?.start ?? 0)}: ${e.message}${e.helpMessage ? ` (${e.helpMessage})` : ''}`);
    if (d.errors.length) continue;
    // a file whose only declaration is `declare global` must stay a module, as tsc writes it
    const code = /^(export|import)\b/m.test(d.code) ? d.code : `${d.code}export {};\n`;
    const out = path.join(outLib, path.relative('lib', f).replace(/\.ts$/, '.d.ts'));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, code);
  }
  try {
    esbuild.buildSync({
      entryPoints: files.map((f) => path.join(root, f)),
      outdir: outLib,
      outbase: path.join(root, 'lib'),
      bundle: false,
      format: 'cjs',
      platform: 'node',
      target: 'node20', // the oldest Node.js the project supports (package.json engines)
      tsconfig: path.join(root, 'tsconfig.kernel.json'),
      logLevel: 'silent',
    });
  } catch (e) {
    for (const m of e.errors ?? []) {
      const loc = m.location;
      // esbuild's column is a 0-based byte offset within the line
      problems.push(loc ? `${path.relative(root, loc.file)}:${loc.line}:${textBefore(loc.lineText, loc.column).length + 1}: ${m.text}` : m.text);
    }
    if (!e.errors) problems.push(String(e.message ?? e));
  }
  if (problems.length) throw new Error(problems.join('\n'));
}

/** Non-TypeScript files under lib/ (e.g. present/esm-import.cjs), copied into the build. */
function sourceFilesOther(root) {
  return libFiles(root, (r) => /\.(cjs|mjs|js|json)$/.test(r));
}

module.exports = { ensureBuild, compile, sourceHash, sourceFiles, buildsDir, isComplete, prune, isRunning };

if (require.main === module) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--root');
  const root = i >= 0 ? path.resolve(args[i + 1]) : path.resolve(__dirname, '..', '..');
  const quiet = args.includes('--quiet');
  try {
    const r = ensureBuild(root, { log: quiet ? undefined : (s) => console.log(s) });
    if (!quiet && !r.built) console.log(`kernel build: up to date (${path.relative(root, r.dir)})`);
  } catch (e) {
    console.error(String(e.message ?? e));
    process.exit(args.includes('--soft') ? 0 : 1);
  }
}
