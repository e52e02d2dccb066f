// Warm spare kernels (scripts/jupyter/kernel-spare.cjs) for the kernel launcher (kernel.cjs) and `npm run notebook`.
//
// Spares live in a folder of the OS temp dir that only this user can open (checked on every use: owner and mode
// 0700), one per project checkout: <tag>-<id>.sock (listening, warm) and <tag>-<id>.pid (the spare's pid, written
// when it is started). <tag> = the library build's hash and a digest of what a Node.js process reads at start
// (the node binary, NODE_OPTIONS, locale, time zone), so a kernel never claims a spare built for other sources
// or another environment. Spares of an older build are stopped when a newer build's kernel starts.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { isRunning } = require('./kernel-build.cjs');

const SPARE_SCRIPT = path.join(__dirname, 'kernel-spare.cjs');
const DEFAULT_IDLE_MS = 600_000;

const sha = (s, n) => crypto.createHash('sha256').update(s).digest('hex').slice(0, n);

/** Spares are for interactive kernels: off for headless runs (npm start, tests, grading) and with STUDY_KERNEL_SPARE=0. */
function enabled(env) {
  return env.STUDY_KERNEL_SPARE !== '0' && env.STUDY_HEADLESS !== '1' && process.platform !== 'win32';
}

/** The spares folder of this checkout, created 0700; undefined when it exists but another user owns it or others may open it. */
function spareDir(root) {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  const dir = path.join(os.tmpdir(), `study-kernels-${uid}-${sha(path.resolve(root), 12)}`);
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if (e.code !== 'EEXIST') return undefined;
  }
  const st = fs.lstatSync(dir);
  if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o077) !== 0) return undefined;
  return dir;
}

/** What a Node.js process fixes at start and a spare therefore must share with the kernel that claims it. */
function startEnvDigest(env) {
  return sha([process.execPath, process.version, env.NODE_OPTIONS, env.LANG, env.LC_ALL, env.LC_CTYPE, env.TZ].map((v) => v ?? '').join('\0'), 8);
}

const tagOf = (hash, env) => `${hash}-${startEnvDigest(env)}`;

const alive = isRunning;

/**
 * Call `onLine(line, rest)` once, with the first newline-terminated line `conn` receives (utf8) and whatever
 * came after it in the same chunk; later data is left to the caller's own listeners.
 */
function onFirstLine(conn, onLine) {
  let buf = '';
  conn.setEncoding('utf8');
  const onData = (d) => {
    buf += d;
    const nl = buf.indexOf('\n');
    if (nl < 0) return;
    conn.off('data', onData);
    onLine(buf.slice(0, nl), buf.slice(nl + 1));
  };
  conn.on('data', onData);
}

function readPid(file) {
  try {
    return Number(fs.readFileSync(file, 'utf8').trim());
  } catch {
    return NaN;
  }
}

/** The spares of this folder: id (file stem), hash, ready (listening) or warming, and pid. */
function list(dir) {
  const out = new Map();
  for (const f of fs.readdirSync(dir)) {
    const m = /^([0-9a-f]+)-([0-9a-f]+)-([0-9a-f]+)\.(sock|pid)$/.exec(f);
    if (!m) continue;
    const stem = `${m[1]}-${m[2]}-${m[3]}`;
    const s = out.get(stem) ?? { stem, hash: m[1], tag: `${m[1]}-${m[2]}`, ready: false, pid: NaN };
    if (m[4] === 'sock') s.ready = true;
    else s.pid = readPid(path.join(dir, f));
    out.set(stem, s);
  }
  return [...out.values()].sort((a, b) => a.stem.localeCompare(b.stem));
}

function remove(dir, stem) {
  for (const ext of ['sock', 'pid']) fs.rmSync(path.join(dir, `${stem}.${ext}`), { force: true });
}

/** Stop spares of other library builds (and forget dead ones). */
function pruneStale(dir, hash) {
  for (const s of list(dir)) {
    if (!alive(s.pid)) remove(dir, s.stem);
    else if (s.hash !== hash) {
      try {
        process.kill(s.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      remove(dir, s.stem);
    }
  }
}

/** Ask one spare to become the kernel for `config`; resolves with its connection and pid, or undefined. */
function tryClaim(sock, config, env) {
  return new Promise((resolve) => {
    const conn = net.createConnection(sock);
    let settled = false;
    const done = (v) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!v) conn.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => done(undefined), 3000);
    conn.on('connect', () => conn.write(`${JSON.stringify({ config, env })}\n`));
    onFirstLine(conn, (line, rest) => {
      let reply;
      try {
        reply = JSON.parse(line);
      } catch {
        return done(undefined);
      }
      if (!reply.ok) return done(undefined);
      if (rest) process.stderr.write(rest);
      done({ conn, pid: reply.pid });
    });
    conn.on('error', () => done(undefined));
    conn.on('close', () => done(undefined));
  });
}

/** Claim a ready spare of this build and environment: resolves with { conn, pid }, or undefined when there is none. */
async function claim(root, hash, config, env) {
  const dir = spareDir(root);
  if (!dir) return undefined;
  pruneStale(dir, hash);
  const tag = tagOf(hash, env);
  for (const s of list(dir)) {
    if (s.tag !== tag || !s.ready) continue;
    const got = await tryClaim(path.join(dir, `${s.stem}.sock`), config, env);
    if (got) return got;
  }
  return undefined;
}

/**
 * Start a spare for `build` unless one is ready or warming for this build and environment. Returns its pid, or
 * undefined. (At normal priority: a claimed spare is a user's kernel, and a user may not raise a lowered priority.)
 * `owner`: the pid of the process the spare serves (the Jupyter server that launched the kernel, or `npm run
 * notebook`): an unclaimed spare exits within 2 s of its owner's end, whoever started Jupyter.
 */
function ensureOne(root, build, env, owner = process.ppid) {
  const dir = spareDir(root);
  if (!dir) return undefined;
  const tag = tagOf(build.hash, env);
  if (list(dir).some((s) => s.tag === tag && alive(s.pid))) return undefined;
  const stem = `${tag}-${crypto.randomBytes(4).toString('hex')}`;
  const idle = String(Number(env.STUDY_KERNEL_SPARE_IDLE_MS) || DEFAULT_IDLE_MS);
  const child = spawn(process.execPath, [SPARE_SCRIPT, root, build.dir, path.join(dir, `${stem}.sock`), idle, String(owner)], {
    cwd: build.dir,
    detached: true,
    stdio: 'ignore',
    env: { ...env, STUDY_PROJECT_ROOT: root, STUDY_KERNEL_LIB: path.join(build.dir, 'lib') },
  });
  fs.writeFileSync(path.join(dir, `${stem}.pid`), String(child.pid));
  child.unref();
  return child.pid;
}

/** Stop every spare of this checkout (tests, and `npm run notebook` when Jupyter ends). */
function stopAll(root) {
  const dir = spareDir(root);
  if (!dir) return 0;
  let n = 0;
  for (const s of list(dir)) {
    if (alive(s.pid)) {
      try {
        process.kill(s.pid, 'SIGTERM');
        n++;
      } catch {
        /* gone */
      }
    }
    remove(dir, s.stem);
  }
  try {
    fs.rmdirSync(dir); // only when empty
  } catch {
    /* not empty: another checkout's files, or a race */
  }
  return n;
}

module.exports = { enabled, spareDir, list, claim, ensureOne, stopAll, tagOf, alive, onFirstLine };
