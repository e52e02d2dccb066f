/**
 * Authoring tool: build a .ipynb from a plain-text cell file (the .ipynb files
 * in notebooks/ are canonical; this only saves writing notebook JSON by hand).
 *
 *   tsx scripts/make-notebook.ts notebooks/src/03-indices.txt notebooks/03-indices.ipynb
 *
 * Cell markers, each on a line of its own:
 *   %% md          a markdown cell
 *   %% code        a code cell
 *   %% params      the code cell tagged `parameters`
 *   %% solution    a code cell with its source collapsed (an exercise solution)
 *   %% record      a code cell tagged `record`, its source collapsed: the notebook's key results for the tests
 *                  (study.recordResult calls); the report leaves it out, so the reader's view holds none
 * Blank lines at the start and end of a cell are trimmed; an empty code cell is an error.
 */
import * as fs from 'node:fs';
import { parseCli, parsedOrExit, scriptHelp, UsageError } from './cli.js';

interface Cell {
  cell_type: 'markdown' | 'code';
  id: string;
  metadata: Record<string, unknown>;
  source: string[];
  outputs?: unknown[];
  execution_count?: null;
}

/** Parse the cell file format into notebook JSON (nbformat 4.5). */
export function buildNotebook(text: string): object {
  const cells: Cell[] = [];
  let current: { kind: string; lines: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    const lines = current.lines.slice();
    while (lines.length && lines[0].trim() === '') lines.shift();
    while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
    const source = lines.map((l, i) => (i < lines.length - 1 ? l + '\n' : l));
    const id = `cell-${cells.length}`;
    if (current.kind === 'md') cells.push({ cell_type: 'markdown', id, metadata: {}, source });
    else {
      const metadata: Record<string, unknown> = {};
      if (current.kind === 'params') metadata.tags = ['parameters'];
      if (current.kind === 'solution' || current.kind === 'record') {
        metadata.jupyter = { source_hidden: true };
        metadata.tags = [current.kind];
      }
      if (source.length === 0)
        throw new Error(`make-notebook: an empty %% ${current.kind} cell (cell ${cells.length + 1})`);
      cells.push({ cell_type: 'code', id, metadata, source, outputs: [], execution_count: null });
    }
  };
  for (const line of text.split('\n')) {
    const m = /^%% (md|code|params|solution|record)\s*$/.exec(line);
    if (m) {
      flush();
      current = { kind: m[1], lines: [] };
    } else if (current) current.lines.push(line);
    else if (line.trim() !== '')
      throw new Error(`make-notebook: text before the first "%% md|code|params|solution|record" marker: ${line}`);
  }
  flush();
  return {
    cells,
    metadata: {
      kernelspec: { name: 'tslab-study', display_name: 'TypeScript (study)', language: 'typescript' },
      language_info: {
        name: 'typescript',
        file_extension: '.ts',
        mimetype: 'text/typescript',
        codemirror_mode: { name: 'javascript', typescript: true },
      },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

const COMMAND = 'tsx scripts/make-notebook.ts';
const USAGE = 'usage: tsx scripts/make-notebook.ts <cells.txt> <out.ipynb>';

/**
 * The command line of this script: exactly two positional arguments, the cell file and the notebook to write.
 * @throws {UsageError} for an option (there are none but --help) or another number of arguments
 */
export function parseMakeNotebookArgs(argv: string[]): { help: true } | { help: false; src: string; out: string } {
  const cli = parseCli(COMMAND, argv, { options: {}, allowPositionals: true });
  if (cli.help) return cli;
  const [src, out, ...extra] = cli.positionals;
  if (!src || !out || extra.length)
    throw new UsageError(COMMAND, `two arguments expected, got ${cli.positionals.length}; ${USAGE}`);
  return { help: false, src, out };
}

if (process.argv[1] && /make-notebook/.test(process.argv[1])) {
  const args = parsedOrExit(() => parseMakeNotebookArgs(process.argv.slice(2)));
  if (args.help) console.log(scriptHelp(__filename));
  else {
    fs.writeFileSync(args.out, JSON.stringify(buildNotebook(fs.readFileSync(args.src, 'utf8')), null, 1) + '\n');
    console.log(`wrote ${args.out}`);
  }
}
