/** The whole message of an error a test expects (vitest's `toThrow(string)` matches a part of it). */

/**
 * The message of the error `f` throws; fails the test when `f` does not throw.
 * @example messageOf(() => { throw new Error('bad'); }); // => 'bad'
 */
export function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a throw');
}
