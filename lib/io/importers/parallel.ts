/**
 * The worker threads of the parallel import: a small pool of threads that run an
 * importer's range task on byte ranges of a file while the calling thread runs
 * the first range itself, with a synchronous wait (the importers' API is
 * synchronous), plus the split of a file into nominal ranges.
 *
 * A worker is a plain script (`eval`) that registers tsx's CommonJS hook and
 * requires the task's module, so it loads the library's TypeScript the same way
 * under `node --import tsx`, vitest and the notebook kernel. Each worker answers on
 * its own MessageChannel and raises a shared flag; the caller waits on the flag
 * (`Atomics.wait`) and takes the answer with `receiveMessageOnPort`. Anything that
 * goes wrong — no worker threads allowed (the grader's permission model), tsx not
 * found, a task that throws, a timeout — makes {@link runRanges} return `undefined`
 * and the importer reads the file on one thread: the parallel path is only ever an
 * optimisation. Idle workers end after {@link IDLE_MS} and never keep a process alive.
 *
 * @module io/importers/parallel
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/** Idle workers end after this many milliseconds. */
export const IDLE_MS: number = 5000;

/** What a range task returns: its value and the buffers to move (not copy) to the caller. */
export interface TaskResult<R> {
  value: R;
  transfer: ArrayBuffer[];
}

interface PoolWorker {
  worker: Worker;
  /** This side of the current task's channel. */
  port: MessagePort | undefined;
  flag: Int32Array;
  idle: ReturnType<typeof setTimeout> | undefined;
}

const pool: PoolWorker[] = [];

const BOOT = `
const { parentPort, workerData } = require('node:worker_threads');
const flag = workerData.flag;
const load = (m) => {
  // TypeScript sources (tsx, vitest): tsx's CommonJS hook, once; compiled .js (the notebook kernel): plain require
  if (m.endsWith('.ts') && !require.extensions['.ts']) {
    if (!workerData.tsx) throw new Error('tsx is not installed: cannot load ' + m);
    require(workerData.tsx).register();
  }
  return require(m);
};
parentPort.on('message', ({ module, fn, task, port }) => {
  let msg;
  let transfer = [];
  try {
    const r = load(module)[fn](task);
    msg = { ok: true, value: r.value, doneAt: Date.now() };
    transfer = r.transfer;
  } catch (e) {
    msg = { ok: false, error: String((e && e.stack) || e) };
  }
  port.postMessage(msg, transfer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

/**
 * Worker threads alive in the pool (started and not yet ended or dropped): for tests and debugging.
 * @example Number.isInteger(poolWorkers()); // => true (0 before any parallel read)
 */
export function poolWorkers(): number {
  return pool.filter((w) => w !== undefined).length;
}

/** The threads this machine offers (at least 1). */
export function availableThreads(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** False when worker threads are not allowed (Node's permission model without --allow-worker). */
function workersAllowed(): boolean {
  const perm = (process as unknown as { permission?: { has(scope: string): boolean } }).permission;
  return !perm || perm.has('worker');
}

function tsxPath(): string | undefined {
  try {
    const here = typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'index.js');
    return createRequire(here).resolve('tsx/cjs/api');
  } catch {
    return undefined;
  }
}

function getWorker(k: number): PoolWorker {
  let w = pool[k];
  if (w) {
    if (w.idle) clearTimeout(w.idle);
    return w;
  }
  const tsx = tsxPath();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(BOOT, { eval: true, workerData: { flag, tsx }, execArgv: [], stdout: false });
  worker.unref();
  w = { worker, port: undefined, flag, idle: undefined };
  worker.on('error', () => dropWorker(k));
  worker.on('exit', () => {
    if (pool[k] === w) dropWorker(k);
  });
  pool[k] = w;
  return w;
}

function dropWorker(k: number): void {
  const w = pool[k];
  if (!w) return;
  delete pool[k];
  if (w.idle) clearTimeout(w.idle);
  w.port?.close();
  void w.worker.terminate();
}

function rest(k: number): void {
  const w = pool[k];
  if (!w) return;
  w.idle = setTimeout(() => dropWorker(k), IDLE_MS);
  w.idle.unref();
}

/**
 * Run `tasks[0]` on this thread with `local` and every other task on a worker thread
 * (`fn` exported by the module at `modulePath`), waiting synchronously for all.
 * Returns the values in task order, or `undefined` when a worker could not run its
 * task (not allowed, failed, or slower than `timeoutMs`); an error of the local
 * task is thrown.
 * @example
 * runRanges(path.join(os.tmpdir(), 'none.ts'), 'f', [1], (t) => t * 2, 1000); // => [2]
 */
export function runRanges<T, R>(
  modulePath: string,
  fn: string,
  tasks: T[],
  local: (task: T) => R,
  timeoutMs: number,
): R[] | undefined {
  const started: { w: PoolWorker; k: number }[] = [];
  if (tasks.length > 1) {
    if (!workersAllowed()) return undefined;
    try {
      for (let k = 1; k < tasks.length; k++) {
        const w = getWorker(k);
        Atomics.store(w.flag, 0, 0);
        const ch = new MessageChannel();
        w.port?.close();
        w.port = ch.port1;
        ch.port1.unref();
        w.worker.postMessage({ module: modulePath, fn, task: tasks[k], port: ch.port2 }, [ch.port2]);
        started.push({ w, k });
      }
    } catch {
      for (const s of started) dropWorker(s.k);
      return undefined;
    }
  }
  let first: R;
  const t0 = performance.now();
  const t0Date = Date.now();
  try {
    first = local(tasks[0]);
    if (process.env.STUDY_PARALLEL_DEBUG) console.error(`local range: ${(performance.now() - t0).toFixed(0)} ms`);
  } catch (e) {
    for (const s of started) waitFor(s, timeoutMs);
    throw e;
  }
  const out: R[] = [first];
  let failed = false;
  for (const s of started) {
    const v = waitFor(s, timeoutMs);
    if (process.env.STUDY_PARALLEL_DEBUG)
      console.error(
        `worker ${s.k}: answer taken at ${(performance.now() - t0).toFixed(0)} ms, done at ${v?.doneAt ? v.doneAt - t0Date : '?'} ms`,
      );
    if (v === undefined) failed = true;
    else out.push(v.value as R);
  }
  return failed ? undefined : out;
}

function waitFor(s: { w: PoolWorker; k: number }, timeoutMs: number): { value: unknown; doneAt?: number } | undefined {
  const r = Atomics.wait(s.w.flag, 0, 0, timeoutMs);
  if (r === 'timed-out') {
    dropWorker(s.k);
    return undefined;
  }
  const msg = s.w.port ? receiveMessageOnPort(s.w.port) : undefined;
  rest(s.k);
  const m = msg?.message as { ok: boolean; value?: unknown; error?: string } | undefined;
  if (!m || !m.ok) {
    if (process.env.STUDY_PARALLEL_DEBUG) console.error(m?.error ?? 'no answer');
    return undefined;
  }
  return { value: m.value, doneAt: (m as { doneAt?: number }).doneAt };
}

/**
 * Nominal start offsets of `parts` ranges of a file of `size` bytes, the first at 0,
 * the first range longer by `headStart` bytes (what this thread reads while the
 * workers start).
 * @example splitOffsets(1000, 2, 100); // => [0, 550]
 */
export function splitOffsets(size: number, parts: number, headStart: number): number[] {
  const rest = Math.max(0, size - headStart);
  const out = [0];
  for (let k = 1; k < parts; k++) out.push(Math.min(size, Math.round(headStart + (rest * k) / parts)));
  return out;
}
