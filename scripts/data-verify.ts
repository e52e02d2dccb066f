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
import { parseCli, parsedOrExit, scriptHelp } from './cli.js';

const START = '<!-- files:start -->';
const END = '<!-- files:end -->';

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export interface VerifyResult {
  /** Files listed in the provenance table. */
  files: number;
  /** One line per problem, naming the file (empty when every file matches). */
  problems: string[];
}

/**
 * Check (or, with `write`, rewrite) the sha256 column of `<root>/data/README.md`'s provenance table.
 * Throws when the table itself is missing or malformed (naming the row).
 */
export function verifyData(root = projectRoot(), opts: { write?: boolean } = {}): VerifyResult {
  const readme = path.join(root, 'data', 'README.md');
  const dataFiles = (dir = path.join(root, 'data')): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === 'imported' ? [] : dataFiles(p);
        return e.name === 'README.md' ? [] : [path.relative(path.join(root, 'data'), p).split(path.sep).join('/')];
      })
      .sort();
  const text = fs.readFileSync(readme, 'utf8');
  const [before, rest] = text.split(START);
  if (rest === undefined || !rest.includes(END))
    throw new Error(`data:verify: ${readme} has no provenance table between ${START} and ${END}`);
  const [table, after] = rest.split(END);
  const lines = table.trim().split('\n');
  const rows = lines.slice(2).map((l, i) => {
    const cells = l
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length !== 5)
      throw new Error(
        `data:verify: data/README.md provenance table, row ${i + 1}: expected 5 columns (file | real or synthetic | source | licence | sha256), got ${cells.length}`,
      );
    return {
      file: cells[0].replace(/`/g, ''),
      kind: cells[1],
      source: cells[2],
      licence: cells[3],
      sha: cells[4].replace(/`/g, ''),
    };
  });

  const problems: string[] = [];
  const listed = new Set(rows.map((r) => r.file));
  for (const f of dataFiles()) if (!listed.has(f)) problems.push(`data/${f} is not listed in data/README.md`);
  for (const r of rows) {
    const file = path.join(root, 'data', r.file);
    if (!fs.existsSync(file)) {
      problems.push(`data/${r.file} is listed but missing`);
      continue;
    }
    if (!/^(real|SYNTHETIC|curated|documentation)/.test(r.kind))
      problems.push(`data/${r.file}: column 2 must say real, curated, documentation or SYNTHETIC (got "${r.kind}")`);
    if (/SYNTHETIC/.test(r.kind) !== /SYNTHETIC/.test(r.file) && /synthetic\//.test(r.file))
      problems.push(`data/${r.file}: synthetic files carry SYNTHETIC in their name and their row`);
    const actual = sha256(file);
    if (opts.write) r.sha = actual;
    else if (actual !== r.sha)
      problems.push(`data/${r.file}: sha256 ${actual} differs from the README's ${r.sha || '(none)'}`);
  }
  if (opts.write) {
    const body = [
      lines[0],
      lines[1],
      ...rows.map((r) => `| \`${r.file}\` | ${r.kind} | ${r.source} | ${r.licence} | \`${r.sha}\` |`),
    ].join('\n');
    fs.writeFileSync(readme, `${before}${START}\n${body}\n${END}${after}`);
  }
  return { files: rows.length, problems };
}

const COMMAND = 'npm run data:verify';

/**
 * The command line of `npm run data:verify`: `--write` (rewrite the hashes instead of checking them).
 * @throws {UsageError} for an unknown option or a positional argument
 */
export function parseVerifyArgs(argv: string[]): { help: true } | { help: false; write: boolean } {
  const cli = parseCli(COMMAND, argv, { options: { write: { type: 'boolean', default: false } } });
  return cli.help ? cli : { help: false, write: cli.values.write };
}

function main(): void {
  const args = parsedOrExit(() => parseVerifyArgs(process.argv.slice(2)));
  if (args.help) {
    console.log(scriptHelp(__filename));
    return;
  }
  const { write } = args;
  let r: VerifyResult;
  try {
    r = verifyData(projectRoot(), { write });
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
  if (write) console.log(`data:verify: wrote ${r.files} hashes to data/README.md`);
  if (r.problems.length) {
    console.error(`data:verify: ${r.problems.length} problem(s):\n  ${r.problems.join('\n  ')}`);
    process.exit(1);
  }
  if (!write) console.log(`data:verify: ${r.files} files match their sha256 in data/README.md`);
}

if (require.main === module) main();
