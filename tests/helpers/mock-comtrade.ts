/**
 * A local stand-in for the UN Comtrade data API on 127.0.0.1 (tests never touch the
 * real network). It answers the keyless preview (`/public/v1/preview/C/{M|A}/HS`, at most
 * 500 records, `count` = all matching records) and the keyed API (`/data/v1/get/…`, needs the
 * `Ocp-Apim-Subscription-Key` header) in the API's response shape
 * (`{elapsedTime, count, data: [records], error}`), and plays scripted faults: 429 with
 * Retry-After, 500, a timeout, a truncated body, empty data, a malformed record, 401, and a used-up
 * quota (403/429 "Out of call volume quota. Quota will be replenished in hh:mm:ss.", with or without
 * Retry-After). The availability service (`/public/v1/getDa/C/{M|A}/HS`, keyless, and
 * `/data/v1/getDa/…`) lists every period it holds data for, one record per period in the shape
 * public clients' fixtures give (period as a number, reporterCode, classificationCode,
 * isOriginalClassification, firstReleased, lastReleased, totalRecords…; see io/comtrade/availability).
 * `countIsRecords` plays an API whose `count` is the records returned, even when cut at the limit.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fault the server plays instead of (or on) a normal answer. */
export type MockFault =
  | { kind: '429'; retryAfter: number }
  | { kind: '500' }
  | { kind: 'timeout'; ms: number }
  | { kind: 'truncate' }
  | { kind: 'empty' }
  | { kind: 'malformed' }
  | { kind: '401' }
  /** A used-up quota: the status (403 by default), Retry-After seconds if any, the replenish time in the message. */
  | { kind: 'quota'; status?: 403 | 429; retryAfter?: number; replenishedIn?: string };

/** One request the server saw. */
export interface MockRequest {
  n: number;
  path: string;
  params: Record<string, string>;
  key: string | undefined;
  /** The raw request line's URL (to check that no key is in it). */
  url: string;
  fault?: MockFault['kind'];
}

/** The data the server holds: values by code and period (YYYYMM or YYYY). */
export interface MockData {
  /** code → period → US dollars (monthly periods YYYYMM). */
  monthly: Map<string, Map<string, number>>;
  /** code → year → US dollars (annual). */
  annual: Map<string, Map<string, number>>;
}

/** Options of {@link startMockComtrade}. */
export interface MockOptions {
  data: MockData;
  /** A fault for the n-th request (1-based), or undefined for a normal answer. */
  fault?: (req: MockRequest) => MockFault | undefined;
  /** The key the keyed endpoints accept (default: any non-empty key). */
  key?: string;
  previewLimit?: number;
  keyedLimit?: number;
  /** `count` = the records returned (not all matching): a cut answer looks complete. */
  countIsRecords?: boolean;
  /** Release date of a period (YYYYMM or YYYY) in the availability answer; default '2025-01-15T10:00:00'. Read at each request. */
  releases?: Map<string, string>;
  /** Data of reporters other than China (reporter code → data); `data` is China's (156). A reporter in neither has no data. */
  byReporter?: Map<string, MockData>;
}

/** ISO3 and name of the reporters the mock knows (the API's reference list's). */
const MOCK_REPORTERS: Record<string, [string, string]> = {
  '156': ['CHN', 'China'],
  '410': ['KOR', 'Rep. of Korea'],
  '392': ['JPN', 'Japan'],
  '842': ['USA', 'USA'],
  '490': ['S19', 'Other Asia, nes'],
};

/** A running mock server. */
export interface MockServer {
  base: string;
  requests: MockRequest[];
  close(): Promise<void>;
}

function classification(year: number): string {
  return year <= 2016 ? 'H4' : year <= 2021 ? 'H5' : 'H6';
}

/** One record in the API's shape. */
export function mockRecord(
  freq: 'M' | 'A',
  period: string,
  cmdCode: string,
  value: number,
  partnerCode = 0,
  reporter = '156',
): Record<string, unknown> {
  const year = Number(period.slice(0, 4));
  const month = freq === 'M' ? Number(period.slice(4, 6)) : 52;
  return {
    typeCode: 'C',
    freqCode: freq,
    refPeriodId: Number(`${year}${String(freq === 'M' ? month : 1).padStart(2, '0')}01`),
    refYear: year,
    refMonth: month,
    period,
    reporterCode: Number(reporter),
    reporterISO: MOCK_REPORTERS[reporter]?.[0] ?? 'XXX',
    reporterDesc: MOCK_REPORTERS[reporter]?.[1] ?? 'Reporter',
    flowCode: 'M',
    flowDesc: 'Import',
    partnerCode,
    partnerISO: partnerCode === 0 ? 'W00' : 'X',
    partnerDesc: partnerCode === 0 ? 'World' : 'Partner',
    partner2Code: 0,
    partner2ISO: 'W00',
    partner2Desc: 'World',
    classificationCode: classification(year),
    classificationSearchCode: 'HS',
    isOriginalClassification: true,
    cmdCode,
    cmdDesc: '',
    aggrLevel: cmdCode === 'TOTAL' ? 0 : cmdCode.length,
    isLeaf: cmdCode.length === 6,
    customsCode: 'C00',
    customsDesc: 'TOTAL CPC',
    mosCode: '0',
    motCode: 0,
    motDesc: 'TOTAL MOT',
    qtyUnitCode: -1,
    qtyUnitAbbr: 'N/A',
    qty: null,
    isQtyEstimated: false,
    altQtyUnitCode: -1,
    altQtyUnitAbbr: 'N/A',
    altQty: null,
    isAltQtyEstimated: false,
    netWgt: null,
    isNetWgtEstimated: false,
    grossWgt: null,
    isGrossWgtEstimated: false,
    cifvalue: value,
    fobvalue: null,
    primaryValue: value,
    legacyEstimationFlag: 0,
    isReported: true,
    isAggregate: false,
  };
}

/** One record of the availability answer (getDa) for China. */
export function availabilityRecord(
  period: string,
  codes: number,
  lastReleased: string,
  reporter = '156',
): Record<string, unknown> {
  const year = Number(period.slice(0, 4));
  return {
    datasetCode: Number(`${reporter}${period}`),
    typeCode: 'C',
    freqCode: period.length === 6 ? 'M' : 'A',
    period: Number(period),
    reporterCode: Number(reporter),
    reporterISO: MOCK_REPORTERS[reporter]?.[0] ?? 'XXX',
    reporterDesc: MOCK_REPORTERS[reporter]?.[1] ?? 'Reporter',
    classificationCode: classification(year),
    classificationSearchCode: 'HS',
    isOriginalClassification: true,
    isExtendedFlowCode: false,
    isExtendedPartnerCode: false,
    isExtendedPartner2Code: false,
    isExtendedCmdCode: false,
    isExtendedCustomsCode: false,
    isExtendedMotCode: false,
    totalRecords: codes * 2,
    datasetChecksum: 1000 + year,
    firstReleased: '2016-03-01T00:00:00',
    lastReleased,
  };
}

function matching(data: MockData, freq: 'M' | 'A', periods: string[], codes: string[]): Record<string, unknown>[] {
  const table = freq === 'M' ? data.monthly : data.annual;
  const out: Record<string, unknown>[] = [];
  for (const p of periods) {
    if (codes.includes('TOTAL')) {
      let s = 0;
      let any = false;
      for (const m of table.values()) {
        const v = m.get(p);
        if (v !== undefined) {
          s += v;
          any = true;
        }
      }
      if (any) out.push(mockRecord(freq, p, 'TOTAL', s));
    }
    const list = codes.includes('AG6')
      ? [...table.keys()].filter((c) => c.length === 6).sort()
      : codes.filter((c) => c !== 'TOTAL');
    for (const c of list) {
      const v = table.get(c)?.get(p);
      if (v !== undefined) out.push(mockRecord(freq, p, c, v));
    }
  }
  return out;
}

/**
 * Tariff-line records: each HS6 value split into two national lines (…10, …90) × two partners
 * (Japan 392, Germany 276) in the shares 0.3/0.2 and 0.4/0.1; codes in the query are prefixes.
 */
function tarifflines(
  data: MockData,
  freq: 'M' | 'A',
  periods: string[],
  prefixes: string[],
): Record<string, unknown>[] {
  const table = freq === 'M' ? data.monthly : data.annual;
  const out: Record<string, unknown>[] = [];
  const split: [string, number, number][] = [
    ['10', 392, 0.3],
    ['10', 276, 0.2],
    ['90', 392, 0.4],
    ['90', 276, 0.1],
  ];
  for (const p of periods)
    for (const hs6 of [...table.keys()].sort())
      if (prefixes.some((x) => hs6.startsWith(x))) {
        const v = table.get(hs6)?.get(p);
        if (v !== undefined)
          for (const [tail, partner, share] of split) out.push(mockRecord(freq, p, hs6 + tail, v * share, partner));
      }
  return out;
}

/**
 * Start the mock API on 127.0.0.1 (a free port).
 * @example const s = await startMockComtrade({ data }); s.base; // => 'http://127.0.0.1:40123'
 */
export async function startMockComtrade(opts: MockOptions): Promise<MockServer> {
  const requests: MockRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const none: MockData = { monthly: new Map(), annual: new Map() };
  const dataOf = (reporter: string): MockData =>
    reporter === '156' ? opts.data : (opts.byReporter?.get(reporter) ?? none);
  const reporterFields = (reporter: string) => ({
    reporterCode: Number(reporter),
    reporterISO: MOCK_REPORTERS[reporter]?.[0] ?? 'XXX',
    reporterDesc: MOCK_REPORTERS[reporter]?.[1] ?? 'Reporter',
  });
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const params: Record<string, string> = {};
    u.searchParams.forEach((v, k) => (params[k] = v));
    const keyHeader = req.headers['ocp-apim-subscription-key'];
    const r: MockRequest = {
      n: requests.length + 1,
      path: u.pathname,
      params,
      key: typeof keyHeader === 'string' ? keyHeader : undefined,
      url: req.url ?? '',
    };
    requests.push(r);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
      res.end(text);
    };
    const playFault = (f: MockFault) => {
      if (f.kind === 'quota')
        return send(
          f.status ?? 403,
          {
            statusCode: f.status ?? 403,
            message: `Out of call volume quota. Quota will be replenished in ${f.replenishedIn ?? '23:59:59'}.`,
          },
          f.retryAfter === undefined ? {} : { 'Retry-After': String(f.retryAfter) },
        );
      if (f.kind === '429')
        return send(
          429,
          { statusCode: 429, message: `Rate limit is exceeded. Try again in ${f.retryAfter} seconds.` },
          { 'Retry-After': String(f.retryAfter) },
        );
      return send(500, { statusCode: 500, message: 'Internal server error' });
    };
    const da = /^\/(public|data)\/v1\/(getDa|getDaTariffline)\/C\/(M|A)\/HS$/.exec(u.pathname);
    if (da) {
      if (da[1] === 'data' && !r.key)
        return send(401, { statusCode: 401, message: 'Access denied due to missing subscription key.' });
      const f0 = opts.fault?.(r);
      r.fault = f0?.kind;
      if (f0) return playFault(f0);
      const reporter = params.reportercode ?? params.reporterCode ?? '156';
      const held = dataOf(reporter);
      const table = da[3] === 'M' ? held.monthly : held.annual;
      const counts = new Map<string, number>();
      for (const m of table.values()) for (const p of m.keys()) counts.set(p, (counts.get(p) ?? 0) + 1);
      const data = [...counts.keys()]
        .sort()
        .map((p) => availabilityRecord(p, counts.get(p)!, opts.releases?.get(p) ?? '2025-01-15T10:00:00', reporter));
      return send(200, { elapsedTime: '0.01 secs', count: data.length, data, error: '' });
    }
    const m =
      /^\/(public\/v1\/preview|data\/v1\/get|public\/v1\/previewTariffline|data\/v1\/getTariffline)\/C\/(M|A)\/HS$/.exec(
        u.pathname,
      );
    if (!m) return send(404, { statusCode: 404, message: 'Resource not found' });
    const keyed = m[1].startsWith('data/');
    const tariffline = m[1].endsWith('Tariffline');
    if (keyed && (!r.key || (opts.key !== undefined && r.key !== opts.key)))
      return send(401, {
        statusCode: 401,
        message:
          'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
      });
    const fault = opts.fault?.(r);
    r.fault = fault?.kind;
    if (fault?.kind === 'quota') return playFault(fault);
    if (fault?.kind === '429')
      return send(
        429,
        { statusCode: 429, message: `Rate limit is exceeded. Try again in ${fault.retryAfter} seconds.` },
        { 'Retry-After': String(fault.retryAfter) },
      );
    if (fault?.kind === '500') return send(500, { statusCode: 500, message: 'Internal server error' });
    if (fault?.kind === '401') return send(401, { statusCode: 401, message: 'Access denied' });
    if (fault?.kind === 'timeout') {
      setTimeout(() => {
        if (!res.writableEnded) send(500, { statusCode: 500, message: 'late' });
      }, fault.ms);
      return;
    }
    const freq = m[2] as 'M' | 'A';
    const periods = (params.period ?? '').split(',').filter(Boolean);
    const codes = (params.cmdCode ?? '').split(',').filter(Boolean);
    const reporter = params.reporterCode ?? '156';
    const held = dataOf(reporter);
    let all = (tariffline ? tarifflines(held, freq, periods, codes) : matching(held, freq, periods, codes)).map(
      (rec) => (reporter === '156' ? rec : { ...rec, ...reporterFields(reporter) }),
    );
    if (fault?.kind === 'empty') all = [];
    const limit = Math.min(
      Number(params.maxRecords ?? Infinity),
      keyed ? (opts.keyedLimit ?? 100_000) : (opts.previewLimit ?? 500),
    );
    const data = all.slice(0, limit);
    if (fault?.kind === 'malformed' && data.length > 0) data[0] = { ...data[0], primaryValue: 'n/a' };
    const count = opts.countIsRecords ? data.length : all.length;
    const body = JSON.stringify({ elapsedTime: '0.01 secs', count, data, error: '' });
    if (fault?.kind === 'truncate') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(body.slice(0, Math.floor(body.length / 2)));
      return;
    }
    send(200, body);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Mock data: `codes` × months of [from, to] (YYYY-MM) with deterministic values (and annual sums). */
export function mockData(codes: string[], fromYear: number, toYear: number, lastMonth = 12): MockData {
  const monthly = new Map<string, Map<string, number>>();
  const annual = new Map<string, Map<string, number>>();
  codes.forEach((c, k) => {
    const mm = new Map<string, number>();
    const aa = new Map<string, number>();
    for (let y = fromYear; y <= toYear; y++) {
      let s = 0;
      for (let mo = 1; mo <= (y === toYear ? lastMonth : 12); mo++) {
        const v = 1000 * (k + 1) + 10 * (y - 2000) + mo;
        mm.set(`${y}${String(mo).padStart(2, '0')}`, v);
        s += v;
      }
      aa.set(String(y), s);
    }
    monthly.set(c, mm);
    annual.set(c, aa);
  });
  return { monthly, annual };
}
