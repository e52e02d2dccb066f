/**
 * Fetch China's imports from the UN Comtrade API and take them into the study:
 *
 *   npm run data:fetch -- comtrade [--freq monthly|annual] [--codes study|all] [--tariff-lines]
 *       [--from YYYY-MM|YYYY] [--to YYYY-MM|YYYY] [--api-base URL] [--throttle SECONDS]
 *       [--retries N] [--timeout SECONDS] [--refresh] [--dry-run] [--out FOLDER] [--no-import]
 *       [--vintage as-reported|HS2012|HS2017|HS2022] [--reporter LIST]
 *
 * `--reporter KOR,JPN,USA,DEU,VNM,IND,490` (Comtrade codes, ISO3 codes or names of the API's reporter list,
 * data/reference/un-comtrade/Reporters.json; default China, 156) fetches each reporter in turn, each into its
 * own folder: China's into <out>, every other reporter's into <out>/reporters/<code>/ (never mixed); Taiwan's
 * trade is Comtrade's "Other Asia, nes" (490). The availability call, plan, URLs, cache keys and manifests
 * carry the reporter.
 *
 * By default China (reporter 156) imports (flow M) from the World (partner 0). Defaults: monthly, the
 * study's codes (each curated HS8 code's HS6 parent, all batches), 2015-01 to the latest month
 * the API has. Before planning, one availability call (public/v1/getDa, keyless; data/v1/getDa
 * with a key) asks which periods exist for China, their classification and release date: the
 * plan asks only those, a month missing inside the series is reported before any data call, and
 * a cached response whose periods were released again since is fetched again. Keyless by default (public preview, ≤ 500 records per call); with
 * COMTRADE_API_KEY in the environment the keyed API (the key is sent in a header only and never
 * written). Every response is cached under <out>/comtrade/cache/ (temp file + rename), so a
 * re-run resumes; --refresh fetches again. A used-up call quota stops at once, saying when to run again. Monthly data are imported into <out>/panel.csv with
 * manifest.json; annual data of every code become <out>/comtrade-annual-hs6.csv and
 * <out>/bec-totals.csv (BEC end-use totals, real data) with the macro table printed. The API gives
 * codes as reported (HS2012 for 2015–16, HS2017 for 2017–21, HS2022 from 2022; it offers no converted vintage): annual
 * data are put into one vintage after the fetch (`--vintage`, default HS2012, UNSD's correlation tables, see
 * lib/io/hs-vintage), written beside the as-reported file; monthly data of the study's codes stay as reported (the
 * curated HS8 bridges keep each group's series continuous, and a subset of codes cannot be converted: a converted
 * code takes value from codes outside the subset).
 * `--dry-run` prints the plan without any network access (without options: the plans of
 * (a) study codes monthly and (b) every code annual 2015–2024, keyless and keyed).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  COMTRADE_DEFAULT_BASE,
  ComtradeFetchError,
  cachedCount,
  cachedRecords,
  comtradeRequester,
  fetchComtrade,
  formatDuration,
  availabilityGaps,
  availabilityUrl,
  isStale,
  monthPeriods,
  parseAvailability,
  planRequests,
  releaseOf,
  readCached,
  recordLimit,
  requestUrl,
  type AvailablePeriod,
  type CacheMeta,
  type ComtradeDataset,
  type ComtradeFreq,
  type ComtradeQuery,
  type FetchProgress,
} from '../lib/io/comtrade/index.js';
import { writeAtomic, writeImportedPanel } from '../lib/io/imported.js';
import { mergePartnerSums } from '../lib/io/partners.js';
import { convertToVintage, parseVintage, type HsVintage, type VintageChoice } from '../lib/io/hs-vintage.js';
import { formatImportReport, importComtradeJson } from '../lib/io/importers/index.js';
import { loadCodes, loadGroups } from '../lib/io/data.js';
import { importedDir, referenceDir } from '../lib/io/paths.js';
import {
  CHINA_REPORTER,
  reporterDir,
  reporterLabel,
  resolveReporter,
  resolveReporters,
  type Reporter,
} from '../lib/io/reporters.js';
import { controlGdp } from '../lib/steps/controls-macro.js';
import { parseCli, withUsage } from './cli.js';
import { loadGdp, loadPublished } from '../lib/io/published.js';
import { hs6Allocation, studyHs6Codes } from '../lib/steps/hs6-grouping.js';
import {
  annualHs6FromRecords,
  becTotalsCsv,
  loadHsBecTables,
  macroReal,
  revisionOfYear,
  type HsRevision,
} from '../lib/steps/macro-real.js';

const USAGE =
  'usage: npm run data:fetch -- comtrade [--freq monthly|annual] [--codes study|all] [--tariff-lines] [--from YYYY-MM|YYYY] [--to YYYY-MM|YYYY] [--api-base URL] [--throttle SECONDS] [--retries N] [--timeout SECONDS] [--refresh] [--dry-run] [--out FOLDER] [--no-import] [--vintage as-reported|HS2012|HS2017|HS2022] [--reporter CODES|ISO3,…]';

interface Args {
  freq?: ComtradeFreq;
  codes?: 'study' | 'all';
  dataset: ComtradeDataset;
  from?: string;
  to?: string;
  base: string;
  throttleMs: number;
  retries: number;
  timeoutMs: number;
  refresh: boolean;
  dryRun: boolean;
  out: string;
  doImport: boolean;
  vintage?: VintageChoice;
  /** The reporters, resolved (default China). */
  reporters: Reporter[];
}

/** The options (node:util parseArgs); every string option takes a value, every boolean none. */
const OPTIONS = {
  freq: { type: 'string' },
  codes: { type: 'string' },
  'tariff-lines': { type: 'boolean' },
  from: { type: 'string' },
  to: { type: 'string' },
  'api-base': { type: 'string' },
  throttle: { type: 'string' },
  retries: { type: 'string' },
  timeout: { type: 'string' },
  refresh: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  'no-import': { type: 'boolean' },
  out: { type: 'string' },
  vintage: { type: 'string' },
  reporter: { type: 'string' },
} as const;

function readArgs(argv: string[]): Args {
  const cli = withUsage(USAGE, () =>
    parseCli('npm run data:fetch', argv, { options: OPTIONS, allowPositionals: true }),
  );
  if (cli.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const { values, positionals } = cli;
  if (positionals[0] !== 'comtrade') throw new Error(`the first argument names the source: comtrade\n${USAGE}`);
  if (positionals.length > 1)
    throw new Error(`unexpected argument ${positionals[1]} (see npm run data:fetch -- --help)\n${USAGE}`);
  const str = (k: keyof typeof OPTIONS): string | undefined => values[k] as string | undefined;
  const num = (k: keyof typeof OPTIONS, min: number, dflt: number): number => {
    const v = str(k);
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${k} must be a number ≥ ${min} (got ${v})`);
    return n;
  };
  const a: Args = {
    dataset: values['tariff-lines'] ? 'tariffline' : 'final',
    from: str('from'),
    to: str('to'),
    base: str('api-base') ?? (process.env.COMTRADE_API_BASE || COMTRADE_DEFAULT_BASE),
    throttleMs: num('throttle', 0, 1) * 1000,
    retries: num('retries', 0, 5),
    timeoutMs: num('timeout', 0.001, 120) * 1000,
    refresh: !!values.refresh,
    dryRun: !!values['dry-run'],
    out: str('out') === undefined ? importedDir() : path.resolve(str('out')!),
    doImport: !values['no-import'],
    reporters: [resolveReporter(CHINA_REPORTER)],
  };
  const rep = str('reporter');
  if (rep !== undefined) {
    try {
      a.reporters = resolveReporters(rep);
    } catch (e) {
      throw new Error(`--reporter: ${(e as Error).message.replace(/^resolveReporters?: /, '')}`);
    }
  }
  const freq = str('freq');
  if (freq === 'monthly' || freq === 'M') a.freq = 'M';
  else if (freq === 'annual' || freq === 'A') a.freq = 'A';
  else if (freq !== undefined) throw new Error(`--freq must be monthly or annual (got ${freq})`);
  const codes = str('codes');
  if (codes === 'study' || codes === 'all') a.codes = codes;
  else if (codes !== undefined) throw new Error(`--codes must be study or all (got ${codes})`);
  const vintage = str('vintage');
  if (vintage !== undefined) {
    try {
      a.vintage = parseVintage(vintage);
    } catch {
      throw new Error(`--vintage must be as-reported, HS2012, HS2017 or HS2022 (got ${vintage})`);
    }
    if (a.vintage !== 'as-reported' && a.freq !== 'A')
      throw new Error(
        `--vintage ${a.vintage} applies to annual data (--freq annual): monthly data stay as reported, because the curated HS8 bridges keep each group's series continuous and a subset of codes cannot be converted (a converted code takes value from codes outside the subset)`,
      );
  }
  try {
    new URL(a.base);
  } catch {
    throw new Error(`--api-base must be a URL (got ${a.base})`);
  }
  return a;
}

function ym(d: Date): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Every HS6 code of a year's HS revision (the UNSD HS→BEC table of that revision). */
function codesOfYearFn(): ((y: number) => string[]) | undefined {
  if (!referenceDir()) return undefined;
  let tables: ReturnType<typeof loadHsBecTables> | undefined;
  return (y: number) => {
    tables ??= loadHsBecTables();
    return [...tables[revisionOfYear(y) as HsRevision].keys()].sort();
  };
}

interface Selection {
  reporter: Reporter;
  freq: ComtradeFreq;
  codes: 'study' | 'all';
  dataset: ComtradeDataset;
  from: string;
  to: string;
}

function describe(s: Selection, nStudy: number): string {
  const what =
    s.codes === 'study'
      ? `the study's codes (${nStudy} HS6 parents of the curated HS8 codes, batches 1–3)`
      : 'every HS6 code';
  return `${s.reporter.code === CHINA_REPORTER ? 'China (156)' : reporterLabel(s.reporter)} imports (M) from the World (0), ${s.freq === 'M' ? 'monthly' : 'annual'}, ${what}${s.dataset === 'tariffline' ? ', national tariff lines' : ''}, ${s.from} to ${s.to}`;
}

function plan(s: Selection, keyed: boolean, base: string, available?: ReadonlySet<string>): ComtradeQuery[] {
  const codes = s.codes === 'study' ? studyHs6Codes(loadCodes()) : 'all';
  return planRequests({
    dataset: s.dataset,
    freq: s.freq,
    from: s.from,
    to: s.to,
    codes,
    keyed,
    base,
    codesOfYear: s.codes === 'all' ? codesOfYearFn() : undefined,
    available,
    reporterCode: s.reporter.code,
  });
}

function printPlan(
  s: Selection,
  a: Args,
  nStudy: number,
  assumed: string | undefined,
  list: boolean,
): [number, number] {
  const counts: [number, number] = [0, 0];
  console.log(`${describe(s, nStudy)}${assumed ? ` (${assumed})` : ''}`);
  for (const keyed of [false, true]) {
    let p: ComtradeQuery[];
    try {
      p = plan(s, keyed, a.base);
    } catch (e) {
      console.log(`  ${keyed ? 'keyed' : 'keyless'}: cannot plan: ${(e as Error).message}`);
      continue;
    }
    counts[keyed ? 1 : 0] = p.length;
    const t = formatDuration(p.length * a.throttleMs);
    console.log(
      `  ${keyed ? 'keyed (COMTRADE_API_KEY), ≤ 100,000 records per call' : 'keyless public preview, ≤ 500 records per call'}: ${p.length} requests, ${t} at ${a.throttleMs / 1000} s between calls (plus the API's response time)`,
    );
    const active = keyed === !!process.env.COMTRADE_API_KEY;
    if (list && active)
      p.forEach((q, k) => {
        const per = q.periods.length > 1 ? `${q.periods[0]}..${q.periods[q.periods.length - 1]}` : q.periods[0];
        console.log(
          `    ${String(k + 1).padStart(4)}  ${per.padEnd(13)} ${String(q.cmdCodes.length).padStart(4)} codes  ${requestUrl(a.base, q, keyed).slice(0, 160)}`,
        );
      });
  }
  return counts;
}

/**
 * Ask the availability service which periods the API has for China (one small call, keyless unless
 * a key is set), through the client's requester: the same throttle, retries, quota and no-network
 * stops as the fetch.
 */
async function askAvailability(
  a: Args,
  freq: ComtradeFreq,
  apiKey: string | undefined,
  reporter: string,
): Promise<AvailablePeriod[]> {
  const requester = comtradeRequester({
    base: a.base,
    apiKey,
    throttleMs: a.throttleMs,
    maxRetries: a.retries,
    timeoutMs: a.timeoutMs,
    onRetry: (event) => process.stderr.write(`  ${event}\n`),
  });
  const url = availabilityUrl(a.base, a.dataset, freq, requester.keyed, reporter);
  return (await requester.get(url, 'the availability call', (body) => parseAvailability(body, reporter))).response
    .periods;
}

/** The periods of a selection in the API's form (YYYYMM or YYYY). */
function selectionPeriods(freq: ComtradeFreq, from: string, to: string): string[] {
  if (freq === 'M') return monthPeriods(from, to);
  const out: string[] = [];
  for (let y = Number(from); y <= Number(to); y++) out.push(String(y));
  return out;
}

/** YYYYMM → YYYY-MM (a year stays as it is). */
function label(p: string): string {
  return p.length === 6 ? `${p.slice(0, 4)}-${p.slice(4)}` : p;
}

/** Runs of one classification: 'H4 2015-01..2016-12, H5 2017-01..2021-12'. */
function classificationRuns(ps: AvailablePeriod[]): string {
  const runs: { cl: string; from: string; to: string }[] = [];
  for (const p of ps) {
    const last = runs[runs.length - 1];
    if (last && last.cl === p.classificationCode) last.to = p.period;
    else runs.push({ cl: p.classificationCode || '?', from: p.period, to: p.period });
  }
  return runs.map((r) => `${r.cl} ${label(r.from)}${r.to === r.from ? '' : `..${label(r.to)}`}`).join(', ');
}

function progressBar(): (p: FetchProgress) => void {
  const tty = process.stderr.isTTY;
  let lastPrinted = -1;
  return (p) => {
    if (p.event) {
      if (tty) process.stderr.write('\n');
      process.stderr.write(`  ${p.event}\n`);
    }
    const w = 30;
    const frac = p.total ? p.done / p.total : 0;
    const bar = '#'.repeat(Math.round(frac * w)).padEnd(w, '.');
    const line = `[${bar}] ${p.done}/${p.total} requests, ${p.records.toLocaleString('en-US')} records, ${p.fromCache} cached, ETA ${p.etaMs === undefined ? '?' : formatDuration(p.etaMs)}`;
    if (tty) process.stderr.write(`\r${line}`);
    else {
      const step = Math.floor(frac * 10);
      if (step !== lastPrinted || p.done === p.total) {
        lastPrinted = step;
        process.stderr.write(`${line}\n`);
      }
    }
    if (tty && p.done === p.total) process.stderr.write('\n');
  };
}

function sha256(buf: Buffer): string {
  return crypto.createHash('sha256').update(buf).digest('hex');
}

function requestsForManifest(metas: CacheMeta[]): Record<string, unknown>[] {
  return metas.map((m) => ({
    id: m.id,
    url: m.url,
    keyed: m.keyed,
    fetchedAt: m.fetchedAt,
    count: m.count,
    records: m.records,
    file: path.join('comtrade', 'cache', m.file),
    bytes: m.bytes,
    sha256: m.sha256,
    released: m.released ?? null,
    classification: classificationOf(m.query.periods),
  }));
}

/** The classification(s) the availability service gave for a call's periods (null when it was not asked). */
function classificationOf(periods: string[]): string[] | null {
  if (!availabilitySeen) return null;
  const cl = new Map(availabilitySeen.periods.map((p) => [p.period, p.classificationCode]));
  return [...new Set(periods.map((p) => cl.get(p) ?? '?'))].sort();
}

/** The availability answer of this run, for the manifest. */
let availabilitySeen: { url: string; periods: AvailablePeriod[] } | undefined;

/** The release date of every period fetched, as the availability service gave it (null when it was not asked). */
function releasesForManifest(): Record<string, unknown> | null {
  if (!availabilitySeen) return null;
  return {
    source: availabilitySeen.url,
    periods: availabilitySeen.periods.map((p) => ({
      period: p.period,
      classificationCode: p.classificationCode,
      isOriginalClassification: p.isOriginalClassification,
      lastReleased: p.lastReleased,
    })),
  };
}

function conversionForManifest(r: ReturnType<typeof convertToVintage>['report']): Record<string, unknown> {
  return {
    tables: r.steps.map((st) => `unsd-hs-bec/${correlationFile(st.from, r.target)}`),
    rule: 'per source code: kept in its own code when it exists in the target vintage, moved whole to a single target, else split among its targets by their values in the periods already in the target vintage (equally without them)',
    weightPeriods: r.weightPeriods,
    steps: r.steps,
  };
}

function correlationFile(a: HsVintage, b: HsVintage): string {
  const [newer, older] = a > b ? [a, b] : [b, a];
  return `hs${newer.slice(2)}-hs${older.slice(2)}-correlation.csv`;
}

/** One line on a conversion: 'HS2017 2017–2021 → HS2012: 5,100 code-years kept, …'. */
function conversionLine(r: ReturnType<typeof convertToVintage>['report']): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const parts = r.steps.map(
    (st) =>
      `${st.from} ${st.periods[0]}–${st.periods[st.periods.length - 1]} → ${r.target}: ${n(st.kept)} code-periods kept in their own code, ${n(st.moved)} moved whole, ${n(st.split)} split (${n(st.equalSplits)} equally), ${st.unmapped.length} codes not in the table kept as they are`,
  );
  const w = r.weightPeriods.length
    ? `weights: the ${r.weightPeriods.length} period(s) reported in ${r.target} (${r.weightPeriods[0]}–${r.weightPeriods[r.weightPeriods.length - 1]})`
    : `no period is in ${r.target}: splits are equal`;
  return parts.length ? `${parts.join('; ')}; ${w}` : `every period is in ${r.target} already`;
}

function importMonthly(a: Args, s: Selection, cacheDir: string, metas: CacheMeta[], keyed: boolean): void {
  const withData = metas.filter((m) => m.records > 0);
  if (withData.length === 0) throw new Error('the API returned no records for this selection: nothing to import');
  const level = s.dataset === 'tariffline' ? 'HS8' : 'HS6';
  const results = withData.map((m) => ({
    file: path.join(cacheDir, m.file),
    // tariff lines are fetched for every partner (no World row): their sum is China's total, not a partial one
    ...importComtradeJson(path.join(cacheDir, m.file), {
      label: `comtrade/cache/${m.file}`,
      level,
      everyPartner: s.dataset === 'tariffline',
    }),
  }));
  const rowsRead = results.reduce((t, r) => t + r.report.rowsRead, 0);
  const rowsUsed = results.reduce((t, r) => t + r.report.rowsUsed, 0);
  const notes = [...new Set(results.flatMap((r) => r.report.notes))];
  const host = new URL(a.base).host;
  // responses with partner rows and no World row (not asked for by this fetch, but said first if they come)
  const partners = mergePartnerSums(results.map((r) => r.report.partners))?.text;
  if (partners) console.log(`Partners: ${partners}`);
  const w = writeImportedPanel(results, {
    outDir: a.out,
    notes: (p) => [
      `Fetched by npm run data:fetch -- comtrade from the UN Comtrade API (${host}), ${results.length} responses; see manifest.json`,
      `Real trade data (not synthetic): ${s.reporter.code === CHINA_REPORTER ? "China's" : `${reporterLabel(s.reporter)}:`} imports from the World, ${p.level}, monthly US dollars, ${p.period[0]} to ${p.period[1]}`,
    ],
    manifest: {
      options: {
        format: 'comtrade-json',
        source: 'UN Comtrade API',
        freq: s.freq,
        codes: s.codes,
        dataset: s.dataset,
        from: s.from,
        to: s.to,
      },
      fetch: {
        api: new URL(a.base).origin,
        keyed,
        reporterCode: s.reporter.code,
        reporter: s.reporter.name,
        partnerCode: s.dataset === 'tariffline' ? null : '0',
        flowCode: 'M',
        writtenAt: new Date().toISOString(),
        requests: requestsForManifest(metas),
        records: metas.reduce((t, m) => t + m.records, 0),
        releases: releasesForManifest(),
      },
      sources: [
        {
          file: 'UN Comtrade API',
          name: `UN Comtrade API (${host})`,
          responses: results.length,
          sha256: sha256(Buffer.from(metas.map((m) => m.sha256).join('\n'))),
          report: { rowsRead, rowsUsed, notes },
        },
      ],
    },
  });
  // combined January–February (China Customs since 2020), per code and year: also in manifest.json (janFeb)
  const janFeb = (w.manifest.janFeb as { text: string } | undefined)?.text;
  if (janFeb) console.log(`January–February: ${janFeb}`);
  console.log(
    formatImportReport(results[0].report)
      .split('\n')
      .slice(0, 1)
      .join('\n')
      .replace(/^Imported .*? \(/, `Imported ${results.length} API responses (`),
  );
  console.log(
    `  rows read ${rowsRead.toLocaleString('en-US')}, used ${rowsUsed.toLocaleString('en-US')}; ${notes
      .filter((n) => /World/.test(n))
      .slice(0, 1)
      .join('')}`,
  );
  console.log(
    `Wrote ${path.relative(process.cwd(), w.panelFile) || w.panelFile} (${w.rows.toLocaleString('en-US')} rows, ${w.codes.toLocaleString('en-US')} ${w.level} codes, ${w.period[0]} to ${w.period[1]}) and manifest.json`,
  );
  console.log(
    s.reporter.code === CHINA_REPORTER
      ? `Run the study on it: npm start -- --set '*.dataSource="imported"'`
      : `Reporter ${s.reporter.code}'s data are in ${path.relative(process.cwd(), a.out) || a.out}: runStudy({ dataSource: 'imported', reporter: '${s.reporter.code}' }); notebook 09 reads them`,
  );
}

function importAnnual(a: Args, s: Selection, cacheDir: string, metas: CacheMeta[], keyed: boolean): void {
  const records = cachedRecords(cacheDir, metas);
  const { rows, skipped } = annualHs6FromRecords(records);
  if (rows.length === 0) throw new Error('the API returned no annual HS6 records for this selection: nothing to write');
  fs.mkdirSync(a.out, { recursive: true });
  const csv =
    [
      `# Real data (not synthetic): UN Comtrade API, ${s.reporter.code === CHINA_REPORTER ? 'China (156)' : reporterLabel(s.reporter)} imports from the World (0), annual, US dollars; see comtrade-annual-manifest.json`,
      'year,hs6,revision,value_usd',
      ...rows.map((r) => `${r.year},${r.hs6},${r.revision},${r.value_usd}`),
    ].join('\n') + '\n';
  writeAtomic(path.join(a.out, 'comtrade-annual-hs6.csv'), csv);
  const years = [...new Set(rows.map((r) => r.year))];
  console.log(
    `Annual HS6 imports: ${rows.length.toLocaleString('en-US')} code-years, ${years[0]}–${years[years.length - 1]}${
      Object.keys(skipped).length
        ? `; skipped ${Object.entries(skipped)
            .map(([k, v]) => `${v} ${k}`)
            .join(', ')}`
        : ''
    }`,
  );
  const vintage: VintageChoice = a.vintage ?? 'HS2012';
  let macroRows = rows;
  let conversion: Record<string, unknown> = {
    vintage: 'as-reported',
    note: 'each year in the HS revision it was reported in',
  };
  if (vintage !== 'as-reported') {
    const c = convertToVintage(
      rows.map((r) => ({ period: String(r.year), code: r.hs6, vintage: r.revision, value: r.value_usd })),
      vintage,
    );
    macroRows = c.rows.map((r) => ({ year: Number(r.period), hs6: r.code, revision: r.vintage, value_usd: r.value }));
    const file = `comtrade-annual-hs6-${vintage}.csv`;
    writeAtomic(
      path.join(a.out, file),
      [
        `# Real data (not synthetic): UN Comtrade API, ${s.reporter.code === CHINA_REPORTER ? 'China (156)' : reporterLabel(s.reporter)} imports from the World (0), annual, US dollars, every year converted to ${vintage} with UNSD's correlation tables (rule: lib/io/hs-vintage); see comtrade-annual-manifest.json`,
        'year,hs6,revision,value_usd',
        ...macroRows.map((r) => `${r.year},${r.hs6},${r.revision},${r.value_usd}`),
      ].join('\n') + '\n',
    );
    conversion = { vintage, file, ...conversionForManifest(c.report) };
    console.log(`One HS vintage: ${conversionLine(c.report)}; wrote ${file}`);
  } else console.log('One HS vintage: not asked (--vintage as-reported): each year stays in its own revision');
  const manifest: Record<string, unknown> = {
    kind: 'imported-annual',
    file: 'comtrade-annual-hs6.csv',
    years: [years[0], years[years.length - 1]],
    codeYears: rows.length,
    reporterCode: s.reporter.code,
    reporter: s.reporter.name,
    options: { freq: s.freq, codes: s.codes, from: s.from, to: s.to, vintage },
    conversion,
    fetch: {
      api: new URL(a.base).origin,
      keyed,
      writtenAt: new Date().toISOString(),
      requests: requestsForManifest(metas),
      records: records.length,
      releases: releasesForManifest(),
    },
  };
  if (s.codes === 'all' && referenceDir()) {
    const tables = loadHsBecTables();
    const china = s.reporter.code === CHINA_REPORTER;
    const gdp = china ? loadGdp() : controlGdp(s.reporter.iso3);
    if (gdp.length === 0) {
      console.log(
        `No World Bank GDP for ${reporterLabel(s.reporter)} in data/reference/world-bank/controls-gdp-current-usd.csv: no macro table (the annual file is written)`,
      );
      writeAtomic(path.join(a.out, 'comtrade-annual-manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
      return;
    }
    const real = macroReal(macroRows, tables, gdp, loadGroups(), hs6Allocation(1));
    // the library's note names China; another reporter's data say whose they are, and whose GDP
    const res = china
      ? real
      : {
          ...real,
          sourceNote: real.sourceNote
            .replace(/China's/g, `${reporterLabel(s.reporter)}:`)
            .replace(
              'GDP: World Bank WDI',
              'GDP: World Bank WDI (data/reference/world-bank/controls-gdp-current-usd.csv)',
            ),
        };
    writeAtomic(path.join(a.out, 'bec-totals.csv'), becTotalsCsv(res.totals.totals, res.sourceNote));
    manifest.becTotals = {
      file: 'bec-totals.csv',
      vintage,
      unmatchedCodeYears: res.totals.unmatched.length,
      nToN: res.totals.nToN,
    };
    const pub = china ? loadPublished().macro.filter((p) => p.year === 2015 || p.year === 2024) : [];
    console.log(
      `Wrote bec-totals.csv (BEC end-use totals by year${vintage === 'as-reported' ? '' : `, every year in ${vintage}`}; ${res.totals.unmatched.length} code-years without a BEC row counted as unclassified, ${res.totals.nToN} n:n by rule R3)`,
    );
    console.log(`Macro on REAL data${china ? '' : `, ${reporterLabel(s.reporter)}`} (${res.sourceNote})`);
    console.log('  year  capital %GDP  adj.  intermediate %GDP  adj.');
    for (const r of res.rows)
      console.log(
        `  ${r.year}  ${r.capital_pct.toFixed(2).padStart(12)}  ${r.capital_adjusted_pct.toFixed(2).padStart(4)}  ${r.intermediate_pct.toFixed(2).padStart(17)}  ${r.intermediate_adjusted_pct.toFixed(2).padStart(4)}`,
      );
    if (pub.length)
      console.log(`  published (slides): ${pub.map((p) => `${p.series} ${p.year} ${p.value_pct_gdp}`).join('; ')}`);
  }
  writeAtomic(path.join(a.out, 'comtrade-annual-manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}

async function main(argv: string[]): Promise<number> {
  const a = readArgs(argv);
  const apiKey = process.env.COMTRADE_API_KEY || undefined;
  const keyed = !!apiKey;
  const nStudy = studyHs6Codes(loadCodes()).length;
  const now = new Date();
  const assumedMonth = ym(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)));
  if (a.dryRun) {
    console.log(
      `UN Comtrade fetch plan (dry run, no network); API ${a.base}; ${keyed ? 'COMTRADE_API_KEY is set: keyed calls' : 'no COMTRADE_API_KEY: keyless preview calls'}`,
    );
    console.log(
      `Which periods exist cannot be known without the network: a real run first asks the availability service (${availabilityUrl(a.base, a.dataset, a.freq ?? 'M', keyed, a.reporters[0].code)}${a.reporters.length > 1 ? ', and so for each reporter' : ''}) and plans only the periods it lists; planned here as if every period exists.`,
    );
    const sels: Selection[] = [];
    const both = a.freq === undefined && a.codes === undefined;
    for (const reporter of a.reporters)
      if (both) {
        sels.push({
          reporter,
          freq: 'M',
          codes: 'study',
          dataset: a.dataset,
          from: a.from ?? '2015-01',
          to: a.to ?? assumedMonth,
        });
        sels.push({ reporter, freq: 'A', codes: 'all', dataset: 'final', from: '2015', to: '2024' });
      } else {
        const freq = a.freq ?? 'M';
        sels.push({
          reporter,
          freq,
          codes: a.codes ?? 'study',
          dataset: a.dataset,
          from: a.from ?? (freq === 'M' ? '2015-01' : '2015'),
          to: a.to ?? (freq === 'M' ? assumedMonth : String(now.getUTCFullYear() - 1)),
        });
      }
    if (both)
      console.log('(a) and (b)' + (a.reporters.length > 1 ? `, for each of ${a.reporters.length} reporters:` : ':'));
    const total: [number, number] = [0, 0];
    for (const s of sels) {
      const c = printPlan(
        s,
        a,
        nStudy,
        a.to
          ? undefined
          : s.freq === 'M' && s.to === assumedMonth
            ? 'latest month assumed; a real run asks the API'
            : undefined,
        sels.length === 1,
      );
      total[0] += c[0];
      total[1] += c[1];
    }
    if (a.reporters.length > 1)
      console.log(
        `All ${a.reporters.length} reporters (${a.reporters.map((r) => r.code).join(', ')}), each in its own folder: keyless ${total[0]} requests, ${formatDuration(total[0] * a.throttleMs)}; keyed ${total[1]} requests, ${formatDuration(total[1] * a.throttleMs)} at ${a.throttleMs / 1000} s between calls (plus ${a.reporters.length} availability calls)`,
      );
    return 0;
  }
  let code = 0;
  for (const reporter of a.reporters) {
    const out = reporterDir(reporter.code, a.out);
    if (a.reporters.length > 1)
      console.log(`— ${reporterLabel(reporter)} → ${path.relative(process.cwd(), out) || out}`);
    availabilitySeen = undefined;
    code = Math.max(code, await fetchReporter({ ...a, out }, reporter, apiKey, nStudy));
    if (code !== 0) break;
  }
  return code;
}

/** 'China', or the reporter's label. */
function whoOf(r: Reporter): string {
  return r.code === CHINA_REPORTER ? 'China' : reporterLabel(r);
}

/** Fetch (and import) one reporter's selection into `a.out`. */
async function fetchReporter(a: Args, reporter: Reporter, apiKey: string | undefined, nStudy: number): Promise<number> {
  const keyed = !!apiKey;
  const freq = a.freq ?? 'M';
  const codes = a.codes ?? 'study';
  const from = a.from ?? (freq === 'M' ? '2015-01' : '2015');
  const cacheDir = path.join(a.out, 'comtrade', 'cache');
  const stopLine = (e: ComtradeFetchError): string =>
    `data:fetch stopped: ${e.message}; ${cachedCount(cacheDir)} response(s) are cached in ${cacheDir} (${
      e.quota ? `${e.runAgain}: the same command resumes` : 'give --to to plan without asking the API'
    })`;
  let to = a.to;
  let available: Set<string> | undefined;
  let releases = new Map<string, string>();
  let avail: AvailablePeriod[] | undefined;
  try {
    avail = await askAvailability(a, freq, apiKey, reporter.code);
  } catch (e) {
    if (!(e instanceof ComtradeFetchError)) throw e;
    if (e.noNetwork || e.quota) {
      console.error(stopLine(e));
      return 1;
    }
    if (to === undefined)
      throw new Error(`the availability service did not say which periods the API has: ${e.message}; give --to`);
    console.error(
      `  the availability service did not answer (${e.message}): every period of ${from} to ${to} is planned`,
    );
  }
  if (avail) {
    const now2 = new Date();
    const end = to ?? (freq === 'M' ? ym(now2) : String(now2.getUTCFullYear()));
    const wanted = selectionPeriods(freq, from, end < from ? from : end);
    const set = new Set(avail.map((p) => p.period));
    const g = availabilityGaps(wanted, set);
    if (g.have.length === 0)
      throw new Error(
        `the API has no ${freq === 'M' ? 'month' : 'year'} of ${from} to ${end} for ${whoOf(reporter)} (availability service)`,
      );
    to ??= label(g.have[g.have.length - 1]);
    const inSel = avail.filter((p) => g.have.includes(p.period));
    availabilitySeen = { url: availabilityUrl(a.base, a.dataset, freq, keyed, reporter.code), periods: inSel };
    available = set;
    releases = new Map(inSel.map((p) => [p.period, p.lastReleased]));
    const latest = inSel.reduce(
      (m, p) => (Date.parse(p.lastReleased) > Date.parse(m) ? p.lastReleased : m),
      inSel[0].lastReleased,
    );
    const unit = freq === 'M' ? 'months' : 'years';
    console.log(
      `Availability: the API has ${g.have.length} ${unit} of ${from} to ${to} for ${whoOf(reporter)} (${classificationRuns(inSel)}); latest release ${latest}`,
    );
    if (g.holes.length)
      console.log(`  missing inside the series (not asked; the data will lack them): ${g.holes.map(label).join(', ')}`);
    if (g.before.length) console.log(`  missing before ${label(g.have[0])}: ${g.before.map(label).join(', ')}`);
    if (a.to !== undefined && g.after.length)
      console.log(`  not released yet (not asked): ${g.after.map(label).join(', ')}`);
  }
  const s: Selection = { reporter, freq, codes, dataset: a.dataset, from, to: to! };
  const p = plan(s, keyed, a.base, available);
  const cached = p.map((q) => readCached(cacheDir, q));
  const cachedBefore = cached.filter((m) => m).length;
  const stale = a.refresh
    ? 0
    : p.filter((q, k) => cached[k] && isStale(cached[k]!, releaseOf(q.periods, releases))).length;
  console.log(
    `${describe(s, nStudy)}: ${p.length} requests (${keyed ? 'keyed' : 'keyless preview'}, ≤ ${recordLimit(keyed).toLocaleString('en-US')} records each${cachedBefore ? `, ${cachedBefore} already cached` : ''}${stale ? `, ${stale} of them released again since: fetched again` : ''}), ${a.throttleMs / 1000} s between calls`,
  );
  let sum;
  try {
    sum = await fetchComtrade(p, {
      base: a.base,
      apiKey,
      cacheDir,
      throttleMs: a.throttleMs,
      maxRetries: a.retries,
      timeoutMs: a.timeoutMs,
      refresh: a.refresh,
      releases,
      onProgress: progressBar(),
    });
  } catch (e) {
    if (e instanceof ComtradeFetchError) {
      console.error(`data:fetch stopped: ${e.message}`);
      return 1;
    }
    throw e;
  }
  console.log(
    `Fetched ${sum.fetched} responses (${sum.refetched} of them again: a newer release), ${sum.fromCache} from the cache, ${sum.retries} retries, ${sum.splits} capped responses split; ${sum.records.toLocaleString('en-US')} records`,
  );
  if (!a.doImport) return 0;
  if (freq === 'M') importMonthly(a, s, cacheDir, sum.responses, keyed);
  else importAnnual(a, s, cacheDir, sum.responses, keyed);
  return 0;
}

// a closed pipe (e.g. `| head`) ends the listing quietly
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    const msg = (e as Error).message;
    const key = process.env.COMTRADE_API_KEY;
    console.error(`data:fetch failed: ${key ? msg.split(key).join('<key>') : msg}`);
    process.exitCode = 1;
  },
);
