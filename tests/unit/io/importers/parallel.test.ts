/**
 * The parallel import (lib/io/importers/parallel.ts and its use by readTidyPanel): a file read in byte ranges on
 * worker threads gives the single-thread result byte for byte — cells, report (rows in = used + rejected),
 * notes — or, when the ranges cannot stand for it (a bad row, a quoted line break across a boundary, a file not
 * grouped by code and month), the file is read again on one thread, so errors name the same file, line, column
 * and value. Hand-computed cases; the property over random files and random boundaries, and a boundary on every byte of a
 * file, are in tests/study/bench/parallel-import.test.ts (seconds).
 */
import * as fs from 'node:fs';
import os from 'node:os';
import { syncBuiltinESMExports } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { readTidyPanel } from '../../../../lib/io/importers/tidy.js';
import {
  availableThreads,
  IDLE_MS,
  poolWorkers,
  runRanges,
  splitOffsets,
} from '../../../../lib/io/importers/parallel.js';
import { cellsToObject, grouped, H6, outcome, tmpFile, whole } from '../../../helpers/importers.js';

describe('readTidyPanel in byte ranges', () => {
  const codes = ['01012100', '01012900', '85423111'];
  const months = ['2015-01', '2015-02', '2015-03', '2015-04'];
  const text = grouped(codes, months, [1, 2, 3], (i) => String(i + 1));

  it('three ranges give the single-thread cells and report (hand-computed sums)', () => {
    const file = tmpFile('par-3.csv', text);
    const size = fs.statSync(file).size;
    const one = readTidyPanel(file, { threads: 1 });
    const three = readTidyPanel(file, { splits: [Math.round(size / 3), Math.round((2 * size) / 3)] });
    expect(three.threads).toEqual({ ranges: 3 });
    expect(whole(three)).toEqual(whole(one));
    // code 01012100, 2015-01: rows 1, 2, 3 → 6; the last cell (85423111, 2015-04): rows 34, 35, 36 → 105
    const obj = cellsToObject(three.cells);
    expect(obj['01012100']['2015-01']).toBe(6);
    expect(obj['85423111']['2015-04']).toBe(105);
    expect(three.report.rowsRead).toBe(36);
    expect(three.report.rowsUsed).toBe(36);
    expect(three.notes).toEqual(['SYNTHETIC test file']);
  });

  it('bad rows on both sides of a boundary: the error names the first one (file, line, column, value)', () => {
    const lines = text.split('\n');
    lines[5] = '01012100,HS8,2015-02,-5,1,10'; // line 6, before the boundary
    lines[30] = '85423111,HS8,2015-13,7,1,10'; // line 31, after it
    const file = tmpFile('par-bad.csv', lines.join('\n'));
    const at = lines.slice(0, 20).join('\n').length;
    const e1 = outcome(() => readTidyPanel(file, { threads: 1 }));
    const e2 = outcome(() => readTidyPanel(file, { splits: [at] }));
    expect(e2).toEqual(e1);
    expect(e2.error).toMatch(/par-bad\.csv, line 6, column "value_usd".*negative import value/s);
    // only the bad row after the boundary: its line number is counted across the boundary
    lines[5] = '01012100,HS8,2015-02,5,1,10';
    const file2 = tmpFile('par-bad2.csv', lines.join('\n'));
    const e3 = outcome(() => readTidyPanel(file2, { splits: [at] }));
    expect(e3).toEqual(outcome(() => readTidyPanel(file2, { threads: 1 })));
    expect(e3.error).toMatch(/par-bad2\.csv, line 31, column "month".*YYYY-MM/s);
  });

  it('a quoted line break across a boundary: the ranges do not join, the file is read on one thread', () => {
    const lines = text.split('\n');
    lines[12] = '01012900,HS8,2015-01,"1\n2",1,10';
    const file = tmpFile('par-quoted.csv', lines.join('\n'));
    const at = lines.slice(0, 12).join('\n').length + 24; // inside the quoted field, after its line break
    const a = outcome(() => readTidyPanel(file, { threads: 1 }));
    const b = outcome(() => readTidyPanel(file, { splits: [at] }));
    expect(b).toEqual(a);
    expect(a.error).toMatch(/line 13, column "value_usd"/);
  });

  it('a file not grouped by code and month (sums in another order) is read on one thread', () => {
    const rows = [H6, '01012100,HS8,2015-01,0.1,1,10', '01012100,HS8,2015-02,0.2,1,10'];
    rows.push('01012100,HS8,2015-01,0.2,2,10', '01012100,HS8,2015-02,0.3,2,10');
    const file = tmpFile('par-unsorted.csv', rows.join('\n') + '\n');
    const r = readTidyPanel(file, { splits: [rows.slice(0, 3).join('\n').length + 1] });
    expect(r.threads.ranges).toBe(1);
    expect(whole(r)).toEqual(whole(readTidyPanel(file, { threads: 1 })));
  });

  it('a small file stays on one thread unless asked', () => {
    const file = tmpFile('par-small.csv', text);
    expect(readTidyPanel(file).threads).toEqual({ ranges: 1 });
    expect(readTidyPanel(file, { threads: 2, minParallelBytes: 0 }).threads.ranges).toBe(2);
  });

  it('splitOffsets: the first range reads ahead while the workers start', () => {
    expect(splitOffsets(1000, 2, 100)).toEqual([0, 550]);
    expect(splitOffsets(1000, 3, 0)).toEqual([0, 333, 667]);
  });
});

describe('runRanges: the worker pool on the calling thread', () => {
  // a worker module in plain CommonJS; `count` tells a worker that already ran it (n + 1) from a new one (1)
  const mod = tmpFile(
    'pool-task.cjs',
    [
      'let n = 0;',
      'exports.count = () => ({ value: ++n, transfer: [] });',
      "exports.bad = () => { throw new Error('bad task'); };",
      // `hang` outlasts any wait of these tests (30 s), so a timed-out worker kept in the pool cannot answer the next call in time
      'exports.hang = () => { const end = Date.now() + 30000; while (Date.now() < end); return { value: 0, transfer: [] }; };',
      "exports.quit = () => { setImmediate(() => process.exit(0)); return { value: 'bye', transfer: [] }; };",
      "exports.boom = () => { setImmediate(() => { throw new Error('boom later'); }); return { value: 'boom', transfer: [] }; };",
    ].join('\n'),
  );
  /** The count of worker 1 (this thread's task is 0). */
  const count = (timeoutMs = 5000): number | undefined => runRanges(mod, 'count', [0, 0], (t) => t, timeoutMs)?.[1];
  /** Let the event loop run for `ms` real milliseconds (worker exit and error events). */
  /** Let worker events arrive: until `done()` holds (at most `ms`), or for `ms` without one. */
  const settle = async (ms: number, done?: () => boolean): Promise<void> => {
    const end = Date.now() + ms;
    while (Date.now() < end && !done?.()) await new Promise((r) => setImmediate(r));
  };
  const fakeTimers = (): void => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldClearNativeTimers: true });
  };
  const realTimers = (): void => {
    vi.advanceTimersByTime(IDLE_MS + 1); // idle workers end, as they would
    vi.useRealTimers();
  };

  it("availableThreads is the machine's available parallelism, at least 1", () => {
    const spy = vi.spyOn(os, 'availableParallelism');
    try {
      spy.mockReturnValue(7);
      syncBuiltinESMExports();
      expect(availableThreads()).toBe(7);
      spy.mockReturnValue(0);
      syncBuiltinESMExports();
      expect(availableThreads()).toBe(1);
    } finally {
      spy.mockRestore();
      syncBuiltinESMExports();
    }
  });

  it('one task runs on this thread; the values come back in task order', () => {
    expect(runRanges(mod, 'count', [21], (t) => t * 2, 5000)).toEqual([42]);
    const c = count()!;
    expect(c).toBeGreaterThanOrEqual(1);
    expect(runRanges(mod, 'count', [5, 0], (t) => t * 2, 5000)).toEqual([10, c + 1]);
  });

  it('without permission for worker threads several tasks give undefined, one task still runs', () => {
    const set = (has: (scope: string) => boolean): void => {
      Object.defineProperty(process, 'permission', { value: { has }, configurable: true });
    };
    try {
      set((scope) => scope !== 'worker');
      expect(runRanges(mod, 'count', [1, 0], (t) => t, 5000)).toBeUndefined();
      expect(runRanges(mod, 'count', [3], (t) => t * 2, 5000)).toEqual([6]);
      set((scope) => scope === 'worker');
      expect(runRanges(mod, 'count', [1, 0], (t) => t, 5000)?.[0]).toBe(1);
    } finally {
      delete (process as { permission?: unknown }).permission;
    }
  });

  it('a failing worker task gives undefined; a task that cannot be sent to a worker too', () => {
    expect(runRanges(mod, 'bad', [1, 2], (t) => t * 2, 5000)).toBeUndefined();
    expect(runRanges<unknown, unknown>(mod, 'count', [0, 0, () => 1], (t) => t, 5000)).toBeUndefined();
  });

  it('an idle worker ends after IDLE_MS; a worker used again is not ended by its earlier idle timer', () => {
    fakeTimers();
    try {
      const c = count()!;
      vi.advanceTimersByTime(IDLE_MS - 1000);
      expect(count()).toBe(c + 1); // the same worker
      vi.advanceTimersByTime(2000); // past the first run's idle time, not the second's
      expect(count()).toBe(c + 2);
      vi.advanceTimersByTime(IDLE_MS + 1);
      expect(count()).toBe(1); // a new worker
    } finally {
      realTimers();
    }
  });

  it('poolWorkers counts the live workers only: one per task after the first, none once they are idle', () => {
    fakeTimers();
    try {
      expect(runRanges(mod, 'count', [0, 0, 0], () => 0, 5000)?.length).toBe(3);
      expect(poolWorkers()).toBe(2); // workers 1 and 2; task 0 ran on this thread
      vi.advanceTimersByTime(IDLE_MS + 1);
      expect(poolWorkers()).toBe(0);
    } finally {
      realTimers();
    }
  });

  it('a worker that exits by itself is replaced, and its idle timer does not end the next worker', async () => {
    fakeTimers();
    try {
      expect(runRanges(mod, 'quit', [0, 0], () => 'here', 5000)).toEqual(['here', 'bye']);
      const before = poolWorkers();
      await settle(3000, () => poolWorkers() < before); // the exited worker is dropped
      expect(poolWorkers()).toBe(before - 1);
      vi.advanceTimersByTime(IDLE_MS - 2000);
      expect(count(3000)).toBe(1);
      vi.advanceTimersByTime(2500); // past the idle time of the worker that exited
      expect(count()).toBe(2);
    } finally {
      realTimers();
    }
  });

  it('a worker that crashes after answering is replaced', async () => {
    expect(runRanges(mod, 'boom', [0, 0], () => 'here', 5000)).toEqual(['here', 'boom']);
    const before = poolWorkers();
    await settle(3000, () => poolWorkers() < before); // the crashed worker is dropped
    expect(poolWorkers()).toBe(before - 1);
    expect(count(3000)).toBe(1);
  });

  it('a worker slower than the timeout gives undefined, is ended and replaced; its exit does not end the new one', async () => {
    expect(runRanges(mod, 'hang', [0, 0], () => 'here', 100)).toBeUndefined();
    expect(count(3000)).toBe(1);
    await new Promise((r) => setTimeout(r, 500)); // real timers here: wait without spinning for the old worker's exit
    expect(count()).toBe(2);
  });

  it("STUDY_PARALLEL_DEBUG: the times and a worker's error go to stderr, and nothing without it", () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const old = process.env.STUDY_PARALLEL_DEBUG;
    try {
      process.env.STUDY_PARALLEL_DEBUG = '1';
      let t = performance.now();
      expect(runRanges(mod, 'bad', [1, 2], (x) => x * 2, 5000)).toBeUndefined();
      let elapsed = performance.now() - t + 1;
      const lines = spy.mock.calls.map((c) => String(c[0]));
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(/^local range: \d+ ms$/);
      expect(Number(/\d+/.exec(lines[0])![0])).toBeLessThanOrEqual(elapsed);
      expect(lines[1]).toMatch(/^Error: bad task/); // the worker's error, then its times
      expect(lines[2]).toMatch(/^worker 1: answer taken at \d+ ms, done at \? ms$/);
      expect(Number(/\d+/.exec(lines[2].slice(9))![0])).toBeLessThanOrEqual(elapsed);
      spy.mockClear();
      t = performance.now();
      expect(count()).toBeGreaterThanOrEqual(1);
      elapsed = performance.now() - t + 1;
      const done = /^worker 1: answer taken at \d+ ms, done at (-?\d+) ms$/.exec(String(spy.mock.calls[1][0]));
      expect(Math.abs(Number(done![1]))).toBeLessThanOrEqual(elapsed);
      spy.mockClear();
      delete process.env.STUDY_PARALLEL_DEBUG;
      expect(runRanges(mod, 'bad', [1, 2], (x) => x * 2, 5000)).toBeUndefined();
      expect(spy).not.toHaveBeenCalled();
    } finally {
      if (old === undefined) delete process.env.STUDY_PARALLEL_DEBUG;
      else process.env.STUDY_PARALLEL_DEBUG = old;
      spy.mockRestore();
    }
  });
});
