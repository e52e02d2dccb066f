/**
 * lib/io/comtrade/cache.ts: the files of one cached answer (names, record, bytes), what counts
 * as cached (a complete record whose body matches its sha256), and reading the records back.
 */
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  cachedCount,
  cachedRecords,
  isStale,
  readCached,
  requestId,
  removeStaleTemps,
  writeCached,
  type CacheMeta,
} from '../../../../lib/io/comtrade/cache.js';
import type { ComtradeQuery } from '../../../../lib/io/comtrade/plan.js';
import { validateResponse } from '../../../../lib/io/comtrade/response.js';
import { tempDir } from '../../../helpers/temp.js';

const Q: ComtradeQuery = {
  dataset: 'final',
  freq: 'M',
  periods: ['201501', '201502'],
  cmdCodes: ['854231'],
  reporterCode: '156',
  partnerCode: '0',
  flowCode: 'M',
};
const BODY =
  '{"elapsedTime":"0.01 secs","count":2,"data":[{"cmdCode":"854231","period":"201501","flowCode":"M","primaryValue":10},{"cmdCode":"854231","period":"201502","flowCode":"M","primaryValue":20.5}],"error":""}';
const tmp = () => tempDir('comtrade-cache-');
const cache = (dir: string, q = Q, body = BODY): CacheMeta =>
  writeCached(dir, q, {
    url: 'https://h/public/v1/preview/C/M/HS?x',
    keyed: false,
    fetchedAt: '2025-03-01T12:00:00.000Z',
    body,
    response: validateResponse(body),
  });

describe('writeCached', () => {
  it('writes <id>.json (the body as received) and <id>.meta.json (the record, one-space JSON, fields in order), nothing else', () => {
    const dir = tmp();
    const meta = cache(dir);
    const id = requestId(Q);
    expect(fs.readdirSync(dir).sort()).toEqual([`${id}.json`, `${id}.meta.json`]);
    expect(fs.readFileSync(path.join(dir, `${id}.json`), 'utf8')).toBe(BODY);
    const want: CacheMeta = {
      id,
      query: Q,
      url: 'https://h/public/v1/preview/C/M/HS?x',
      keyed: false,
      fetchedAt: '2025-03-01T12:00:00.000Z',
      count: 2,
      records: 2,
      capped: false,
      bytes: Buffer.byteLength(BODY),
      sha256: crypto.createHash('sha256').update(BODY).digest('hex'),
      file: `${id}.json`,
    };
    expect(meta).toEqual(want);
    expect(fs.readFileSync(path.join(dir, `${id}.meta.json`), 'utf8')).toBe(JSON.stringify(want, null, 1) + '\n');
  });

  it('bytes count UTF-8 bytes, not characters; count > records marks the answer capped', () => {
    const body =
      '{"count":3,"data":[{"cmdCode":"854231","period":"201501","flowCode":"M","primaryValue":1,"cmdDesc":"集成电路"}]}';
    const meta = cache(tmp(), Q, body);
    expect(meta.bytes).toBe(body.length + 4 * 2); // four 3-byte characters
    expect([meta.count, meta.records, meta.capped]).toEqual([3, 1, true]);
  });
});

describe('writeCached: the release date and the limit', () => {
  const answer = (body: string, more: { limit?: number; released?: string } = {}) => ({
    url: 'https://h/x',
    keyed: false,
    fetchedAt: '2025-03-01T12:00:00.000Z',
    body,
    response: validateResponse(body),
    ...more,
  });

  it('a release date is recorded as `released`; without one the record has no such field at all', () => {
    const dir = tmp();
    const dated = writeCached(dir, Q, answer(BODY, { released: '2025-02-01T08:00:00' }));
    expect(dated.released).toBe('2025-02-01T08:00:00');
    expect(readCached(dir, Q)!.released).toBe('2025-02-01T08:00:00');
    const plain = writeCached(dir, Q, answer(BODY));
    expect(Object.keys(plain)).toEqual([
      'id',
      'query',
      'url',
      'keyed',
      'fetchedAt',
      'count',
      'records',
      'capped',
      'bytes',
      'sha256',
      'file',
    ]);
    expect(readCached(dir, Q)).toStrictEqual(plain);
  });

  it('as many records as the limit marks the answer capped, one fewer does not; no limit, no cap by size', () => {
    const dir = tmp();
    expect(writeCached(dir, Q, answer(BODY, { limit: 2 })).capped).toBe(true);
    expect(writeCached(dir, Q, answer(BODY, { limit: 3 })).capped).toBe(false);
    expect(writeCached(dir, Q, answer(BODY)).capped).toBe(false);
  });
});

describe('isStale', () => {
  it('a record without a release date is stale once a date is known, not before; a later release makes it stale, the same not', () => {
    expect(isStale({}, '2025-01-15T10:00:00')).toBe(true);
    expect(isStale({}, undefined)).toBe(false);
    expect(isStale({ released: '2025-01-15T10:00:00' }, '2025-01-15T10:00:01')).toBe(true);
    expect(isStale({ released: '2025-01-15T10:00:00' }, '2025-01-15T10:00:00.000')).toBe(false);
  });
});

describe('readCached: only a complete, intact answer counts', () => {
  it('the record back as written; another query is not cached', () => {
    const dir = tmp();
    const meta = cache(dir);
    expect(readCached(dir, { ...Q })).toEqual(meta);
    expect(readCached(dir, { ...Q, periods: ['201501'] })).toBeUndefined();
  });

  it('a body changed on disk, a missing body, or a cut record is not cached', () => {
    const edited = tmp();
    const m = cache(edited);
    fs.writeFileSync(path.join(edited, m.file), BODY.replace('20.5', '20.6'));
    expect(readCached(edited, Q)).toBeUndefined();

    const noBody = tmp();
    fs.rmSync(path.join(noBody, cache(noBody).file));
    expect(readCached(noBody, Q)).toBeUndefined();

    const cut = tmp();
    cache(cut);
    const metaFile = path.join(cut, `${requestId(Q)}.meta.json`);
    fs.writeFileSync(metaFile, fs.readFileSync(metaFile, 'utf8').slice(0, 40));
    expect(readCached(cut, Q)).toBeUndefined();
  });
});

describe('cachedCount and cachedRecords', () => {
  it('counts the records (.meta.json) of a folder; a missing folder has none', () => {
    const dir = tmp();
    expect(cachedCount(path.join(dir, 'nothing-here'))).toBe(0);
    cache(dir);
    cache(dir, { ...Q, periods: ['201503'] }, '{"count":0,"data":[]}');
    fs.writeFileSync(path.join(dir, 'x.json.123.tmp'), '');
    expect(cachedCount(dir)).toBe(2);
  });

  it('the records of several answers in order; a missing body is an error naming the file', () => {
    const dir = tmp();
    const a = cache(dir);
    const b = cache(
      dir,
      { ...Q, periods: ['201503'] },
      '{"count":1,"data":[{"cmdCode":"854232","period":"201503","flowCode":"M","primaryValue":7}]}',
    );
    expect(cachedRecords(dir, [b, a]).map((r) => [r.cmdCode, r.period, r.primaryValue])).toEqual([
      ['854232', '201503', 7],
      ['854231', '201501', 10],
      ['854231', '201502', 20.5],
    ]);
    fs.rmSync(path.join(dir, a.file));
    expect(() => cachedRecords(dir, [a])).toThrow(
      `cachedRecords: cached response is missing (got ${JSON.stringify(path.join(dir, a.file))})`,
    );
  });
});

describe('endpoints, URLs and small helpers', () => {
  const TWO_CODES: ComtradeQuery = { ...Q, cmdCodes: ['854231', '854232'] };

  it('ids are stable and differ between selections', () => {
    expect(requestId(TWO_CODES)).toBe(requestId({ ...TWO_CODES }));
    expect(requestId(TWO_CODES)).not.toBe(requestId({ ...TWO_CODES, periods: ['201501'] }));
    expect(requestId(TWO_CODES)).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('removeStaleTemps', () => {
  it("removes a killed run's temp files, keeps a live process's and every other file", () => {
    const dir = tempDir('stale-temps-');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // exited: its pid no longer runs
    const stale = `abc.json.${dead}.0a1b2c3d.tmp`;
    const mine = `def.json.${process.pid}.0a1b2c3d.tmp`;
    for (const f of [stale, mine, 'abc.json', 'abc.meta.json']) fs.writeFileSync(path.join(dir, f), 'x');
    expect(removeStaleTemps(dir)).toEqual([stale]);
    expect(fs.readdirSync(dir).sort()).toEqual(['abc.json', 'abc.meta.json', mine].sort());
  });
});

describe('removeStaleTemps: whose temp files go', () => {
  const ESRCH = () => Object.assign(new Error('kill ESRCH'), { code: 'ESRCH' });

  it("keeps the temp file of another live process (here the test runner's parent)", () => {
    const dir = tempDir('stale-temps-');
    const parents = `abc.json.${process.ppid}.0a1b2c3d.tmp`;
    fs.writeFileSync(path.join(dir, parents), 'x');
    expect(removeStaleTemps(dir)).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual([parents]);
  });

  it('keeps a file whose process exists but may not be signalled (EPERM); removes those of gone processes, sorted', () => {
    const dir = tempDir('stale-temps-');
    const names = ['f', 'c', 'h', 'a', 'e', 'b', 'g', 'd'].map((x, k) => `${x}.json.${900001 + k}.0a1b.tmp`);
    const guarded = 'z.json.999999.ff.tmp';
    for (const f of [...names, guarded]) fs.writeFileSync(path.join(dir, f), 'x');
    const kill = vi.spyOn(process, 'kill').mockImplementation((pid) => {
      if (pid === 999999) throw Object.assign(new Error('kill EPERM'), { code: 'EPERM' });
      throw ESRCH();
    });
    try {
      expect(removeStaleTemps(dir)).toEqual([...names].sort());
      expect(kill).toHaveBeenCalledTimes(9);
    } finally {
      kill.mockRestore();
    }
    expect(fs.readdirSync(dir)).toEqual([guarded]);
  });

  it('only names that end in .<pid>.<hex>.tmp are temp files', () => {
    const dir = tempDir('stale-temps-');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const others = [`a.json.${dead}.0a1b.tmp.keep`, `a.json.${dead}.0a1b.tmpx`, `a.json.${dead}.xyz.tmp`, 'a.json.tmp'];
    for (const f of others) fs.writeFileSync(path.join(dir, f), 'x');
    expect(removeStaleTemps(dir)).toEqual([]);
    expect(fs.readdirSync(dir).sort()).toEqual([...others].sort());
  });

  it('a temp file another cleaner removed meanwhile is no error', () => {
    const dir = tempDir('stale-temps-');
    const f = 'abc.json.900001.0a1b.tmp';
    fs.writeFileSync(path.join(dir, f), 'x');
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => {
      fs.rmSync(path.join(dir, f)); // the other cleaner got there first
      throw ESRCH();
    });
    try {
      expect(removeStaleTemps(dir)).toEqual([f]);
    } finally {
      kill.mockRestore();
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
