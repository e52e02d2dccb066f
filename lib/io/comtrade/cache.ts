/**
 * The on-disk cache of UN Comtrade API answers (`<out>/comtrade/cache/`), which makes a fetch
 * resumable: each answer is kept as `<id>.json` (the body as received) beside `<id>.meta.json`
 * (the call's record: query, URL, counts, sha256), both written whole (temp file + rename),
 * the body first — so a call counts as cached only once its record is complete, and a body
 * whose sha256 differs from its record counts as not cached. The id is a hash of the query
 * ({@link requestId}); the URL recorded never holds the subscription key. A record may carry the
 * release date of its periods (from the availability answer, io/comtrade/availability): a later
 * release makes the fetch ask the call again ({@link isStale}).
 *
 * @module io/comtrade/cache
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fail } from '../../core/errors.js';
import { writeAtomic } from '../imported.js';
import type { ComtradeQuery } from './plan.js';
import { validateResponse, type ComtradeResponse } from './response.js';

/** The cached record of one call (written beside the response body). */
export interface CacheMeta {
  id: string;
  query: ComtradeQuery;
  /** The URL asked (never with the key). */
  url: string;
  keyed: boolean;
  fetchedAt: string;
  /** The API's `count` (records matching the selection). */
  count: number;
  /** Records returned. */
  records: number;
  /** count > records, or records ≥ the call's limit: the response may be cut; its halves are fetched instead. */
  capped: boolean;
  bytes: number;
  sha256: string;
  /** The response body file, relative to the cache folder. */
  file: string;
  /** The latest release date of the call's periods when it was fetched (the availability answer's `lastReleased`). */
  released?: string;
}

function sha256(buf: Buffer): string {
  return crypto.createHash('sha256').update(buf).digest('hex');
}

/**
 * A stable id of a query (cache file name): the first 16 hex digits of the sha256 of its canonical form.
 * @example requestId({ dataset: 'final', freq: 'A', periods: ['2015'], cmdCodes: ['AG6'], reporterCode: '156', partnerCode: '0', flowCode: 'M' }); // => 'eac5b8ea9efcca46'
 */
export function requestId(q: ComtradeQuery): string {
  const canon = JSON.stringify([q.dataset, q.freq, q.reporterCode, q.partnerCode, q.flowCode, q.periods, q.cmdCodes]);
  return crypto.createHash('sha256').update(canon).digest('hex').slice(0, 16);
}

/**
 * The cached record of a query, or undefined when it is not (completely) cached.
 * A body whose sha256 differs from its record counts as not cached.
 * @example readCached(fs.mkdtempSync(path.join(os.tmpdir(), 'cache-')),
 *   { dataset: 'final', freq: 'M', periods: ['201501'], cmdCodes: ['854231'], reporterCode: '156', partnerCode: '0', flowCode: 'M' }); // => undefined (an empty cache)
 */
export function readCached(cacheDir: string, q: ComtradeQuery): CacheMeta | undefined {
  const id = requestId(q);
  const metaFile = path.join(cacheDir, `${id}.meta.json`);
  if (!fs.existsSync(metaFile)) return undefined;
  try {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as CacheMeta;
    const body = fs.readFileSync(path.join(cacheDir, meta.file));
    if (sha256(body) !== meta.sha256) return undefined;
    return meta;
  } catch {
    return undefined;
  }
}

/** One answer to cache: the call's URL (without the key), whether it was keyed, when, and the validated body. */
export interface AnswerToCache {
  url: string;
  keyed: boolean;
  /** ISO time of the answer. */
  fetchedAt: string;
  /** The body as received. */
  body: string;
  /** The body validated (validateResponse). */
  response: ComtradeResponse;
  /** The call's record limit: an answer with this many records may be cut (marked capped). */
  limit?: number;
  /** The latest release date of the call's periods (recorded as `released`). */
  released?: string;
}

/**
 * Cache the answer to a query: the body as `<id>.json`, then its record as `<id>.meta.json`
 * (each temp file + rename). Returns the record.
 * @example
 * const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-'));
 * const q = { dataset: 'final' as const, freq: 'A' as const, periods: ['2015'], cmdCodes: ['854231'], reporterCode: '156', partnerCode: '0', flowCode: 'M' };
 * const body = '{"count":1,"data":[]}';
 * const meta = writeCached(dir, q, { url: 'https://x/y', keyed: false, fetchedAt: '2025-01-01T00:00:00.000Z', body, response: { count: 1, data: [], error: '' } });
 * [meta.file, meta.count, meta.records, meta.capped, meta.bytes]; // => ['0817efe8e260c7a4.json', 1, 0, true, 21] (count 1 > 0 records: capped)
 * readCached(dir, q)!.sha256 === meta.sha256; // => true
 */
export function writeCached(cacheDir: string, q: ComtradeQuery, a: AnswerToCache): CacheMeta {
  const id = requestId(q);
  const file = `${id}.json`;
  const buf = Buffer.from(a.body, 'utf8');
  writeAtomic(path.join(cacheDir, file), buf);
  const meta: CacheMeta = {
    id,
    query: q,
    url: a.url,
    keyed: a.keyed,
    fetchedAt: a.fetchedAt,
    count: a.response.count,
    records: a.response.data.length,
    capped: a.response.count > a.response.data.length || (a.limit !== undefined && a.response.data.length >= a.limit),
    bytes: buf.length,
    sha256: sha256(buf),
    file,
  };
  if (a.released !== undefined) meta.released = a.released;
  writeAtomic(path.join(cacheDir, `${id}.meta.json`), JSON.stringify(meta, null, 1) + '\n');
  return meta;
}

/**
 * Whether a cached answer is older than its periods' latest release: the API released them again
 * after the answer was fetched (a record without a release date is stale once a date is known).
 * @example isStale({ released: '2025-03-10T08:00:00' }, '2025-04-01T00:00:00'); // => true
 * @example isStale({ released: '2025-03-10T08:00:00' }, '2025-03-10T08:00:00'); // => false
 * @example isStale({ released: '2025-03-10T08:00:00' }, undefined); // => false (no date known)
 */
export function isStale(meta: Pick<CacheMeta, 'released'>, released: string | undefined): boolean {
  if (released === undefined) return false;
  if (meta.released === undefined) return true;
  return Date.parse(released) > Date.parse(meta.released);
}

/**
 * How many calls have a record in a cache folder (0 when the folder does not exist).
 * @example cachedCount(path.join(os.tmpdir(), 'no-such-cache-folder')); // => 0
 */
export function cachedCount(cacheDir: string): number {
  return fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).filter((f) => f.endsWith('.meta.json')).length : 0;
}

/**
 * Read the records of cached responses.
 * @throws {StudyError} when a body is missing or not valid
 * @example cachedRecords(fs.mkdtempSync(path.join(os.tmpdir(), 'cache-')), []).length; // => 0 (after fetchComtrade: cachedRecords(dir, summary.responses).length === summary.records)
 */
export function cachedRecords(cacheDir: string, metas: CacheMeta[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const m of metas) {
    const f = path.join(cacheDir, m.file);
    if (!fs.existsSync(f)) fail('cachedRecords', 'cached response is missing', f);
    for (const r of validateResponse(fs.readFileSync(f, 'utf8')).data) out.push(r);
  }
  return out;
}

/**
 * Remove the temp files a killed run left in the cache folder (`<name>.<pid>.<hex>.tmp`, see writeAtomic) whose
 * process no longer runs; a live process's temp file is left alone. Returns the files removed. A killed fetch
 * thus leaves its answered calls cached and, after the next run, no debris.
 * @example removeStaleTemps(path.join(os.tmpdir(), 'no-such-cache-folder')); // => []
 */
export function removeStaleTemps(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const removed: string[] = [];
  for (const f of fs.readdirSync(dir)) {
    const m = /\.(\d+)\.[0-9a-f]+\.tmp$/.exec(f);
    if (!m) continue;
    const pid = Number(m[1]);
    let alive = pid === process.pid;
    if (!alive)
      try {
        process.kill(pid, 0);
        alive = true;
      } catch (e) {
        alive = (e as NodeJS.ErrnoException).code === 'EPERM';
      }
    if (alive) continue;
    fs.rmSync(path.join(dir, f), { force: true });
    removed.push(f);
  }
  return removed.sort();
}
