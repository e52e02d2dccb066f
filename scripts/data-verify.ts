/**
 * `npm run data:verify`: checks every data file against the sha256 listed in
 * data/README.md (the provenance table between the `<!-- files -->` markers),
 * and that every file under data/ (except data/imported/, never committed) is listed.
 * `npm run data:verify -- --write` recomputes the hashes in the table after a
 * deliberate change (e.g. `npm run data:synthetic` with a new generator).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../lib/io/paths.js';

const root = projectRoot();
const readme = path.join(root, 'data', 'README.md');
const START = '<!-- files:start -->';
const END = '<!-- files:end -->';

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function dataFiles(dir = path.join(root, 'data')): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'imported' ? [] : dataFiles(p);
      return e.name === 'README.md' ? [] : [path.relative(path.join(root, 'data'), p).split(path.sep).join('/')];
    })
    .sort();
}

const text = fs.readFileSync(readme, 'utf8');
const [before, rest] = text.split(START);
if (rest === undefined || !rest.includes(END)) {
  console.error(`data:verify: ${readme} has no provenance table between ${START} and ${END}`);
  process.exit(1);
}
const [table, after] = rest.split(END);
const lines = table.trim().split('\n');
const rows = lines.slice(2).map((l, i) => {
  const cells = l.split('|').slice(1, -1).map((c) => c.trim());
  if (cells.length !== 5) {
    console.error(`data:verify: data/README.md provenance table, row ${i + 1}: expected 5 columns (file | real or synthetic | source | licence | sha256), got ${cells.length}`);
    process.exit(1);
  }
  return { file: cells[0].replace(/`/g, ''), kind: cells[1], source: cells[2], licence: cells[3], sha: cells[4].replace(/`/g, '') };
});

const write = process.argv.includes('--write');
const problems: string[] = [];
const listed = new Set(rows.map((r) => r.file));
for (const f of dataFiles()) if (!listed.has(f)) problems.push(`data/${f} is not listed in data/README.md`);
for (const r of rows) {
  const file = path.join(root, 'data', r.file);
  if (!fs.existsSync(file)) {
    problems.push(`data/${r.file} is listed but missing`);
    continue;
  }
  if (!/^(real|SYNTHETIC|curated|documentation)/.test(r.kind)) problems.push(`data/${r.file}: column 2 must say real, curated, documentation or SYNTHETIC (got "${r.kind}")`);
  if (/SYNTHETIC/.test(r.kind) !== /SYNTHETIC/.test(r.file) && /synthetic\//.test(r.file)) problems.push(`data/${r.file}: synthetic files carry SYNTHETIC in their name and their row`);
  const actual = sha256(file);
  if (write) r.sha = actual;
  else if (actual !== r.sha) problems.push(`data/${r.file}: sha256 ${actual} differs from the README's ${r.sha || '(none)'}`);
}

if (write) {
  const body = [lines[0], lines[1], ...rows.map((r) => `| \`${r.file}\` | ${r.kind} | ${r.source} | ${r.licence} | \`${r.sha}\` |`)].join('\n');
  fs.writeFileSync(readme, `${before}${START}\n${body}\n${END}${after}`);
  console.log(`data:verify: wrote ${rows.length} hashes to data/README.md`);
}
if (problems.length) {
  console.error(`data:verify: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
if (!write) console.log(`data:verify: ${rows.length} files match their sha256 in data/README.md`);
