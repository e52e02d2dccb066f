/**
 * The formatter of the notebook sources: every code cell of notebooks/src/*.txt (`%% code`, `%% params`,
 * `%% solution`, `%% record`) is formatted by Prettier with the project's settings (.prettierrc.json), as
 * TypeScript; markdown cells are left as they are. Then rebuild the notebooks (scripts/make-notebook.ts).
 *
 *   node --import tsx scripts/format-notebooks.ts           # format in place, rebuild the .ipynb files
 *   node --import tsx scripts/format-notebooks.ts --check   # list the sources that are not formatted; exit 1 if any
 *
 * `npm run format` and `npm run lint` call it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import { buildNotebook } from './make-notebook.js';

const ROOT = path.resolve(__dirname, '..');
const CELL = /^%% (md|code|params|solution|record)\s*$/;

/** One cell of a notebook source: its marker line and its lines. */
interface SourceCell {
  kind: string;
  lines: string[];
}

/** Split a notebook source into cells (the text before the first marker must be blank). */
export function sourceCells(text: string): SourceCell[] {
  const cells: SourceCell[] = [];
  for (const line of text.split('\n')) {
    const m = CELL.exec(line);
    if (m) cells.push({ kind: m[1], lines: [] });
    else if (cells.length) cells[cells.length - 1].lines.push(line);
    else if (line.trim() !== '') throw new Error(`format-notebooks: text before the first cell marker: ${line}`);
  }
  return cells;
}

/**
 * Format a notebook source: code cells through Prettier (parser typescript), one blank line between cells.
 * @param file named in errors (a cell that does not parse names the file and the cell)
 */
export async function formatNotebookSource(
  text: string,
  options: prettier.Options,
  file = 'notebook',
): Promise<string> {
  const out: string[] = [];
  const cells = sourceCells(text);
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    let body = c.lines.join('\n').trim();
    if (c.kind !== 'md') {
      try {
        body = (await prettier.format(body, { ...options, parser: 'typescript' })).trim();
      } catch (e) {
        throw new Error(`format-notebooks: ${file}, cell ${i + 1} (%% ${c.kind}): ${(e as Error).message}`);
      }
    }
    out.push(`%% ${c.kind}\n${body}\n`);
  }
  return out.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { check: { type: 'boolean', default: false } }, strict: true });
  const options = (await prettier.resolveConfig(path.join(ROOT, '.prettierrc.json'))) ?? {};
  const dir = path.join(ROOT, 'notebooks', 'src');
  const unformatted: string[] = [];
  for (const f of fs
    .readdirSync(dir)
    .filter((x) => x.endsWith('.txt'))
    .sort()) {
    const file = path.join(dir, f);
    const text = fs.readFileSync(file, 'utf8');
    const formatted = await formatNotebookSource(text, options, path.relative(ROOT, file));
    if (formatted === text) continue;
    unformatted.push(path.relative(ROOT, file));
    if (!values.check) {
      fs.writeFileSync(file, formatted);
      const ipynb = path.join(ROOT, 'notebooks', f.replace(/\.txt$/, '.ipynb'));
      fs.writeFileSync(ipynb, JSON.stringify(buildNotebook(formatted), null, 1) + '\n');
    }
  }
  if (values.check) {
    for (const f of unformatted) console.log(`[warn] ${f} (run npm run format)`);
    return unformatted.length ? 1 : 0;
  }
  for (const f of unformatted) console.log(`formatted ${f} and rebuilt its notebook`);
  return 0;
}

if (require.main === module)
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: Error) => {
      console.error(e.message);
      process.exit(2);
    },
  );
