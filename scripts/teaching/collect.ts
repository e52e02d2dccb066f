/**
 * Collecting a class's submissions (`npm run collect`): from a folder of files or an LMS's "download all" zip, each
 * file's student found through a roster CSV (`id,name[,lms_id]`), written as `<out>/<id>/<NN-name>.ipynb` with
 * `collected.csv` (id, name, notebook, original file name, submitted-at, late). LMS downloads name files like
 * `Smith, Jane_1234_5678_03-indices.ipynb` (`<name>_<lms id>_<submission id>_<file>`, Canvas's pattern, which
 * nbgrader's zip-collect also reads); a plain file named `<id>.ipynb`, `<id>-03-indices.ipynb` or
 * `<id>/03-indices.ipynb` matches a roster id directly. Names that match no student are listed, not guessed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readZip } from './zip.js';

/** One student of the roster. */
export interface Student {
  id: string;
  name: string;
  /** The LMS's user id (the first number in its download's file names), '' when not given. */
  lmsId: string;
}

/** Split one CSV line (quoted fields with "" inside allowed). */
export function csvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') ((cur += '"'), i++);
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (out.push(cur), (cur = ''));
    else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

/** A CSV text as rows of named fields (the first line names the columns). */
export function readCsv(text: string): Record<string, string>[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (!lines.length) return [];
  const head = csvLine(lines[0]).map((h) => h.toLowerCase());
  return lines.slice(1).map((l) => {
    const f = csvLine(l);
    return Object.fromEntries(head.map((h, i) => [h, f[i] ?? '']));
  });
}

/** A CSV field, quoted when needed. */
export const csvField = (v: unknown): string => {
  const s = String(v ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The roster: a CSV with columns `id` and `name`, and optionally `lms_id`.
 * @throws Error when a column is missing or an id repeats
 */
export function parseRoster(text: string): Student[] {
  const rows = readCsv(text);
  if (rows.length && !('id' in rows[0] && 'name' in rows[0]))
    throw new Error('the roster needs the columns id and name (and optionally lms_id)');
  const seen = new Set<string>();
  return rows.map((r) => {
    if (!r.id) throw new Error(`a roster row has no id: ${JSON.stringify(r)}`);
    if (seen.has(r.id)) throw new Error(`id ${r.id} appears twice in the roster`);
    seen.add(r.id);
    return { id: r.id, name: r.name, lmsId: r.lms_id ?? '' };
  });
}

/** A name without case, accents, punctuation and word order: 'Smith, Jane' and 'jane smith' agree. */
export const nameKey = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .sort()
    .join(' ');

/** What a submitted file's name says: the LMS's pattern, or a roster id in front. */
export function matchStudent(file: string, roster: Student[]): { student?: Student; notebookFile: string } {
  const base = path.basename(file);
  const lms = /^(.+?)_(?:LATE_)?(\d+)_(\d+)_(.+)$/.exec(base);
  if (lms) {
    const [, name, lmsId, , rest] = lms;
    const byLms = roster.find((s) => s.lmsId && s.lmsId === lmsId);
    const byName = roster.filter((s) => nameKey(s.name) === nameKey(name));
    return { student: byLms ?? (byName.length === 1 ? byName[0] : undefined), notebookFile: rest };
  }
  const parent = path.basename(path.dirname(file));
  const byParent = roster.find((s) => s.id === parent);
  if (byParent) return { student: byParent, notebookFile: base };
  const byPrefix = roster
    .filter((s) => base === `${s.id}.ipynb` || base.startsWith(`${s.id}-`) || base.startsWith(`${s.id}_`))
    .sort((a, b) => b.id.length - a.id.length)[0];
  return { student: byPrefix, notebookFile: byPrefix ? base.slice(byPrefix.id.length).replace(/^[-_]/, '') : base };
}

/** One collected submission. */
export interface Collected {
  id: string;
  name: string;
  /** Where it was written: `<out>/<id>/<file>`. */
  file: string;
  original: string;
  /** ISO time: the zip entry's time, or the file's modification time. */
  submittedAt: string;
  late: boolean;
}

/** The outcome of {@link collect}: what was written, and the file names that matched no student. */
export interface CollectResult {
  collected: Collected[];
  unmatched: string[];
  /** Students of the roster with no submission. */
  missing: Student[];
}

/**
 * Collect the `.ipynb` files of `source` (a folder, searched one level deep, or a zip) into `outDir`, one folder per
 * student id, and write `collected.csv`. A later file of the same student and notebook name replaces an earlier one
 * (the latest counts). `deadline`: submissions after it are flagged late.
 */
export function collect(source: string, roster: Student[], outDir: string, deadline?: Date): CollectResult {
  const files: { name: string; data: Buffer; mtime: Date }[] = [];
  if (fs.statSync(source).isDirectory()) {
    for (const e of fs.readdirSync(source, { withFileTypes: true })) {
      const p = path.join(source, e.name);
      const add = (f: string) =>
        files.push({ name: path.relative(source, f), data: fs.readFileSync(f), mtime: fs.statSync(f).mtime });
      if (e.isFile()) add(p);
      else if (e.isDirectory() && !e.name.startsWith('.'))
        for (const f of fs.readdirSync(p)) if (fs.statSync(path.join(p, f)).isFile()) add(path.join(p, f));
    }
  } else files.push(...readZip(fs.readFileSync(source)));
  const result: CollectResult = { collected: [], unmatched: [], missing: [] };
  const latest = new Map<string, Collected & { data: Buffer }>();
  for (const f of files.filter((x) => x.name.endsWith('.ipynb') && !x.name.split('/').some((s) => s.startsWith('.')))) {
    const { student, notebookFile } = matchStudent(f.name, roster);
    if (!student) {
      result.unmatched.push(f.name);
      continue;
    }
    const target = path.join(outDir, student.id, path.basename(notebookFile));
    const c = {
      id: student.id,
      name: student.name,
      file: target,
      original: f.name,
      submittedAt: f.mtime.toISOString(),
      late: deadline !== undefined && f.mtime.getTime() > deadline.getTime(),
      data: f.data,
    };
    const prev = latest.get(target);
    if (!prev || prev.submittedAt < c.submittedAt) latest.set(target, c);
  }
  for (const c of [...latest.values()].sort((a, b) => a.file.localeCompare(b.file))) {
    fs.mkdirSync(path.dirname(c.file), { recursive: true });
    fs.writeFileSync(c.file, c.data);
    fs.utimesSync(c.file, new Date(c.submittedAt), new Date(c.submittedAt));
    const { data: _data, ...rest } = c;
    result.collected.push(rest);
  }
  result.missing = roster.filter((s) => !result.collected.some((c) => c.id === s.id));
  fs.mkdirSync(outDir, { recursive: true });
  const cols = ['id', 'name', 'file', 'original', 'submitted_at', 'late'];
  fs.writeFileSync(
    path.join(outDir, 'collected.csv'),
    [
      cols.join(','),
      ...result.collected.map((c) =>
        [c.id, c.name, path.relative(outDir, c.file), c.original, c.submittedAt, c.late ? 'yes' : 'no']
          .map(csvField)
          .join(','),
      ),
    ].join('\n') + '\n',
  );
  return result;
}
