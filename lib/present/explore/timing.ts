/**
 * The explorer's update timings: each update appends one entry to `window.exploreTimings`
 * (tests/study/report/explore.test.ts reads them for the latency figures in the README) and writes the
 * last one under the results. The `Window` declaration here is the page's one global.
 *
 * @module present/explore/timing
 */

/** One update's timings, in milliseconds. */
export interface ExploreTiming {
  /** The library's computation. */
  compute: number;
  /** The input event to the end of the DOM writes. */
  handler: number;
  /** The input event to the next frame. */
  frame: number;
}

declare global {
  interface Window {
    /** Update timings (ms): `compute` = the library's computation; `handler` = input event to the end of the DOM writes; `frame` = input event to the next frame. */
    exploreTimings: ExploreTiming[];
  }
}

/**
 * The timing line under the results (`ok` false: the settings were rejected, nothing was computed).
 * @example timingText({ compute: 0.42, handler: 3.5, frame: 21 }, true);
 * // => 'Last update: 0.4 ms to compute, 3.5 ms to redraw, 21.0 ms to the next frame.'
 * @example timingText({ compute: NaN, handler: 1.25, frame: 18 }, false);
 * // => 'Last update: 1.3 ms to redraw, 18.0 ms to the next frame (settings rejected).'
 */
export function timingText(t: ExploreTiming, ok: boolean): string {
  return `Last update: ${ok ? `${t.compute.toFixed(1)} ms to compute, ` : ''}${t.handler.toFixed(1)} ms to redraw, ${t.frame.toFixed(1)} ms to the next frame${ok ? '' : ' (settings rejected)'}.`;
}

/** Start the page's list of timings (empty). */
export function startTimings(): void {
  window.exploreTimings = [];
}

/** When an input began: the event's time stamp (never after now), or now when the browser gives none. */
export function inputStart(ev: Event): number {
  return ev.timeStamp > 0 ? Math.min(ev.timeStamp, performance.now()) : performance.now();
}

/**
 * Record an update that began at `t0` and has just finished its DOM writes: the handler time now, the frame time
 * once the next frame has been drawn; then the entry is appended and shown in `out`.
 */
export function recordTiming(out: HTMLElement, t0: number, compute: number, ok: boolean): void {
  const handler = performance.now() - t0;
  requestAnimationFrame(() =>
    setTimeout(() => {
      const t: ExploreTiming = { compute, handler, frame: performance.now() - t0 };
      window.exploreTimings.push(t);
      out.textContent = timingText(t, ok);
    }, 0),
  );
}
