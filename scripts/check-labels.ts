/**
 * Scan a built report for labels that claim more than the slides print: every table column, table or chart
 * layer labelled "published" / "as printed" must show only values of data/study/published.json, and a
 * published share whose year the slides do not print must say "assumed".
 * Run: `npx tsx scripts/check-labels.ts [report folder]` (default: report/). Exit code 1 on any violation.
 */
import * as path from 'node:path';
import { loadPublished } from '../lib/io/published.js';
import { publishedVocabulary, scanReportDir } from '../lib/present/published-labels.js';
import { projectPath } from '../lib/io/paths.js';

const dir = path.resolve(process.argv[2] ?? process.env.STUDY_REPORT_DIR ?? projectPath('report'));
const violations = scanReportDir(dir, publishedVocabulary(loadPublished()));
for (const v of violations) console.log(`${v.where} · ${v.what} · ${v.column}: "${v.value}" — ${v.reason}`);
console.log(violations.length ? `${violations.length} label(s) claim more than the slides print (${dir})` : `labels OK: nothing labelled published/as printed outside published.json (${dir})`);
process.exit(violations.length ? 1 : 0);
