#!/usr/bin/env node
// The library as the notebook kernel reads it: lib/**/*.ts compiled by tsc to
// CommonJS .js + .d.ts, in .kernel-root/builds/<hash>/lib/ (git-ignored). The
// kernel starts tslab with its working directory in that build, so the
// notebooks' `import * as study from './lib/index.js'` resolves to declarations
// (tslab no longer type-checks the library's sources in every fresh kernel) and
// runs the compiled JavaScript. The build folder has no package.json, so
// projectRoot() walks up to the real project: data/, notebooks/, node_modules/
// and lib/present/esm-import.cjs are the project's own.
//
// Never stale: <hash> is a sha256 of every lib/**/*.ts (path and content), the
// tsconfig files, the TypeScript version and this file. Every kernel launch
// (scripts/jupyter/kernel.cjs), `npm start`/the runner and `npm install`
// compute it; a missing build is compiled first. Atomic: tsc writes into
// builds/<hash>.tmp-<pid>-<time>, which is renamed to builds/<hash> only after
// tsc succeeded, so a killed or failed build never replaces or damages a
// complete one (leftover .tmp folders are removed later).
//
// Usage: node scripts/jupyter/kernel-build.cjs [--root DIR] [--quiet] [--soft]
//   --soft: a failed build is reported but exits 0 (npm install: the kernel retries at launch)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawnSync } = require('node:child_process');

const BUILDER_VERSION = 1;
const KEEP_BUILDS = 3;
/** A .tmp build folder older than this whose process is gone is a killed build (the grace covers pid reuse races). */
const STALE_TMP_MS = 60_000;
const DONE = 'BUILD.json';

// Every lib/**/*.ts (declaration files excluded), as sorted paths relative to `root`.
function sourceFiles(root) {
  const out = [];
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = path.posix.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else if (e.isFile() && r.endsWith('.ts') && !r.endsWith('.d.ts')) out.push(r);
    }
  };
  walk('lib');
  return out.sort();
}

/** The build's content hash: sources, compiler settings, compiler version, builder. */
function sourceHash(root) {
  const h = crypto.createHash('sha256');
  h.update(`kernel-build ${BUILDER_VERSION}\n`);
  h.update(fs.readFileSync(__filename));
  const tsPkg = path.join(root, 'node_modules', 'typescript', 'package.json');
  h.update(`typescript ${fs.existsSync(tsPkg) ? JSON.parse(fs.readFileSync(tsPkg, 'utf8')).version : 'none'}\n`);
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
 * Returns { dir, hash, built, seconds }; throws with tsc's output when the build fails
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
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  // --noCheck: emit JS and declarations without re-checking every function body (npm run typecheck and
  // the tests check types); half the time of a checked build and the same output.
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.kernel.json'), '--outDir', path.join(tmp, 'lib'), '--noCheck', '--pretty', 'false'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...(opts.env ?? {}) },
  });
  if (r.status !== 0 || !fs.existsSync(path.join(tmp, 'lib', 'index.js'))) {
    fs.rmSync(tmp, { recursive: true, force: true });
    const why = r.error ? String(r.error) : `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() || `tsc exited with ${r.status ?? r.signal}`;
    throw new Error(`kernel build failed:\n${why}`);
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

/** Non-TypeScript files under lib/ (e.g. present/esm-import.cjs), copied into the build. */
function sourceFilesOther(root) {
  const out = [];
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = path.posix.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else if (e.isFile() && /\.(cjs|mjs|js|json)$/.test(r)) out.push(r);
    }
  };
  walk('lib');
  return out.sort();
}

module.exports = { ensureBuild, sourceHash, sourceFiles, buildsDir, isComplete, prune, isRunning };

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
