/**
 * The layout of lib/ stays what README's "Architecture and layout" says: imports run one way between the
 * folders, every module names itself by its path, no file is over 400 lines unless it is one job (listed here
 * with the job), no document or comment names a project file that does not exist, and the README's diagram lists
 * every folder of lib/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const LIB = path.join(ROOT, 'lib');

function walk(dir: string, keep: (f: string) => boolean): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? walk(path.join(dir, e.name), keep) : keep(e.name) ? [path.join(dir, e.name)] : [],
    )
    .sort();
}

const libFiles = walk(LIB, (f) => f.endsWith('.ts'));
const rel = (f: string) => path.relative(LIB, f).split(path.sep).join('/');

/** The folder a module belongs to, for the dependency rule: core, io, steps, present, present/explore, … */
function layer(r: string): string {
  if (r.startsWith('present/explore/')) return 'present/explore';
  return r.includes('/') ? r.split('/')[0] : r.replace(/\.(ts|cjs|js)$/, '');
}

/** What each folder may import (besides itself). */
const MAY_IMPORT: Record<string, string[]> = {
  core: [],
  io: ['core'],
  steps: ['core', 'io'],
  // synthetic: the explorer regenerates the SYNTHETIC control economies in the page (present/explore-controls.ts)
  present: ['core', 'io', 'steps', 'synthetic'],
  // browser code: no io (it reads files with Node.js)
  'present/explore': ['core', 'steps', 'present'],
  synthetic: ['core', 'io', 'steps'],
  study: ['core', 'io', 'steps'],
  teaching: ['core', 'io', 'steps', 'present', 'study'],
};

/** Files over 400 lines, each one job. */
const ONE_JOB: Record<string, string> = {
  'io/importers/csv-scan.ts': 'the byte scanner of CSV downloads (encodings, quoting, records)',
  'io/importers/comtrade.ts': 'the UN Comtrade importer (CSV and JSON answers, their breakdown rules)',
  'io/data.ts': 'the loaders of the curated study tables (one checked reader per data/study file)',
  'steps/choices.ts': "the study's one vocabulary of open choices: their types, defaults, validation and labels",
  'steps/indices.ts':
    'step 3: V and G of a series under the choices, with the typed-array kernels the sweep and screen share',
  'steps/sensitivity.ts': 'the sensitivity sweep (its enumeration, caches and typed-array inner loop)',
  'steps/screen.ts': 'the universe screen: every code indexed and partitioned, its candidates and density',
  'present/explore-model.ts':
    "the what-if explorer's model: its settings and their URL form, the embedded data, the study computed for them",
};

describe('lib/ layout', () => {
  it('imports run one way between the folders', () => {
    const bad: string[] = [];
    for (const f of libFiles) {
      const r = rel(f);
      const from = layer(r);
      if (from === 'index') continue;
      for (const m of fs.readFileSync(f, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
        const to = layer(path.posix.normalize(path.posix.join(path.posix.dirname(r), m[1])));
        if (to !== from && !(MAY_IMPORT[from] ?? []).includes(to)) bad.push(`${r} imports ${m[1]} (${from} → ${to})`);
      }
    }
    expect(bad).toEqual([]);
    expect(Object.keys(MAY_IMPORT).sort()).toEqual(
      [...new Set(libFiles.map((f) => layer(rel(f))))].filter((l) => l !== 'index').sort(),
    );
  });

  it('every module comment names its file: @module <path under lib/> (a folder index: the folder)', () => {
    const wrong = libFiles
      .map((f) => {
        const r = rel(f);
        const want = r.replace(/\.ts$/, '').replace(/\/index$/, '');
        const tag = /@module (\S+)/.exec(fs.readFileSync(f, 'utf8'))?.[1];
        return tag === want ? '' : `${r}: @module ${tag ?? '(none)'}, want ${want}`;
      })
      .filter(Boolean);
    expect(wrong).toEqual([]);
  });

  it('no file is over 400 lines unless it is one job (listed with its job)', () => {
    const long = libFiles.filter((f) => fs.readFileSync(f, 'utf8').split('\n').length > 400).map(rel);
    expect(long.filter((r) => !(r in ONE_JOB))).toEqual([]);
    // the list holds no file that has become short (or gone)
    expect(Object.keys(ONE_JOB).filter((r) => !long.includes(r))).toEqual([]);
  });

  it('no document, comment or script names a file under lib/, scripts/, tests/ or bench/ that does not exist', () => {
    const texts = [
      ...walk(path.join(ROOT, 'lib'), (f) => /\.(ts|cjs)$/.test(f)),
      ...walk(path.join(ROOT, 'scripts'), (f) => /\.(ts|cjs|mjs|py)$/.test(f)),
      ...walk(path.join(ROOT, 'tests'), (f) => f.endsWith('.ts')),
      ...walk(path.join(ROOT, 'docs'), (f) => f.endsWith('.md')),
      ...walk(path.join(ROOT, 'notebooks', 'src'), (f) => f.endsWith('.txt')),
      path.join(ROOT, 'README.md'),
      path.join(ROOT, 'data', 'README.md'),
    ];
    const missing: string[] = [];
    for (const f of texts)
      for (const m of fs
        .readFileSync(f, 'utf8')
        .matchAll(/(?<![\w./-])(?:lib|scripts|tests|bench)\/[\w./-]*\w\.(?:ts|cjs|mjs|py)\b/g))
        // a template such as tests/study/notebooks/NN-name.test.ts names no file
        if (!/\bNN\b/.test(m[0]) && !fs.existsSync(path.join(ROOT, m[0])))
          missing.push(`${path.relative(ROOT, f)}: ${m[0]}`);
    expect(missing).toEqual([]);
  });

  it("README's architecture diagram lists every folder of lib/, and no other", () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Architecture and layout'));
    const diagram = section.slice(section.indexOf('```'), section.indexOf('```', section.indexOf('```') + 3));
    const named = [...new Set([...diagram.matchAll(/\blib\/([\w/-]+)\//g)].map((m) => m[1]))].sort();
    const folders = [...new Set(libFiles.map((f) => path.posix.dirname(rel(f))).filter((d) => d !== '.'))].sort();
    expect(named).toEqual(folders);
  });
});
