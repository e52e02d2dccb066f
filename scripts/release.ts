/**
 * `npm run release -- [NN …]` — the student edition of the chosen notebooks (all when none given) for a class: one
 * folder per notebook and a zip of it to upload to an LMS. The notebooks carry no solutions and no outputs; each
 * exercise has a typed answer cell with its check and, where the exercise asks for words, a cell to write them in.
 *
 *   npm run release -- 03                     # → release/03-indices/03-indices.ipynb and release/03-indices.zip
 *   npm run release -- 03 04 --out dist/
 *
 * Students open it with the project installed (Node.js ≥ 20.19, `npm install`, Jupyter — see README "Teaching with
 * this project"): `npm run notebook -- --notebook-dir=<the unzipped folder>`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCli, parsedOrExit, scriptHelp, UsageError } from './cli.js';
import { ROOT } from './jupyter/env.js';
import { studentEdition, type Nb } from './teaching/edition.js';
import { writeZip } from './teaching/zip.js';

const COMMAND = 'npm run release';

const STUDENT_NOTE = `How to work on this notebook
1. Install the project once (Node.js 20.19 or later, then \`npm install\` in its folder; Jupyter: see its README).
2. Unzip this file, then in the project's folder run: npm run notebook -- --notebook-dir=<the unzipped folder>
3. Answer each exercise in its answer cell (replace \`undefined\`) and run the cell: the check under it says
   "correct" or "not yet" with a hint. Exercises that ask for words have a cell to write them in.
4. Before handing in: npm run validate -- <the notebook>   (runs it as the grader will and lists each check).
5. Hand in the .ipynb file, keeping its name.
The numbers in the notebooks come from the SYNTHETIC teaching panel unless the notebook's banner says otherwise.
`;

/** `npm run release`'s arguments. */
export function parseReleaseArgs(argv: string[]): { help: true } | { help: false; notebooks: string[]; out: string } {
  const cli = parseCli(COMMAND, argv, { options: { out: { type: 'string' } }, allowPositionals: true });
  if (cli.help) return cli;
  for (const p of cli.positionals)
    if (!/^\d\d$/.test(p)) throw new UsageError(COMMAND, `a notebook is given by its number (e.g. 03), got "${p}"`);
  return { help: false, notebooks: cli.positionals, out: path.resolve(cli.values.out ?? path.join(ROOT, 'release')) };
}

/** Write the release of `notebooks` (numbers; all when empty) into `out`; returns the zips written. */
export function release(notebooks: string[], out: string, srcDir = path.join(ROOT, 'notebooks')): string[] {
  const files = fs
    .readdirSync(srcDir)
    .filter((f) => /^0[1-9]-.+\.ipynb$/.test(f))
    .filter((f) => !notebooks.length || notebooks.includes(f.slice(0, 2)))
    .sort();
  const unknown = notebooks.filter((n) => !files.some((f) => f.startsWith(`${n}-`)));
  if (unknown.length) throw new Error(`no student notebook numbered ${unknown.join(', ')} in ${srcDir}`);
  return files.map((f) => {
    const stem = f.replace(/\.ipynb$/, '');
    const nb = studentEdition(JSON.parse(fs.readFileSync(path.join(srcDir, f), 'utf8')) as Nb, f.slice(0, 2));
    const text = JSON.stringify(nb, null, 1) + '\n';
    const dir = path.join(out, stem);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
    fs.writeFileSync(path.join(dir, 'HOW-TO.txt'), STUDENT_NOTE);
    const zip = path.join(out, `${stem}.zip`);
    const now = new Date();
    fs.writeFileSync(
      zip,
      writeZip([
        { name: `${stem}/${f}`, data: Buffer.from(text), mtime: now },
        { name: `${stem}/HOW-TO.txt`, data: Buffer.from(STUDENT_NOTE), mtime: now },
      ]),
    );
    return zip;
  });
}

function main(): void {
  const args = parsedOrExit(() => parseReleaseArgs(process.argv.slice(2)));
  if (args.help) return void console.log(scriptHelp(__filename));
  try {
    for (const z of release(args.notebooks, args.out))
      console.log(
        `${path.relative(process.cwd(), z)}  (and its folder ${path.relative(process.cwd(), z.replace(/\.zip$/, ''))}/)`,
      );
  } catch (e) {
    console.error(`${COMMAND}: ${(e as Error).message}`);
    process.exit(1);
  }
}

if (require.main === module) main();
