/**
 * What the grader writes and the class workflow reads back: grades.csv (one row per student, exercise and part),
 * grades.html (the class table with each exercise's success rate), grades.json (everything, for `npm run feedback`
 * and `npm run export`), and manual.csv — the answers in words, for the teacher to fill in (points, comment). A
 * manual.csv already there keeps the teacher's points and comments when the class is graded again.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { escapeHtml } from '../../lib/present/display.js';
import { csvField, readCsv } from './collect.js';
import type { GradeRow, GradeStatus, SubmissionGrade } from './grader.js';

/** grades.csv: one row per student, exercise and part (answer, written). */
export function gradesCsv(rows: GradeRow[]): string {
  const cols: (keyof GradeRow)[] = [
    'student',
    'file',
    'notebook',
    'exercise',
    'part',
    'status',
    'points',
    'max',
    'reason',
  ];
  return (
    [
      cols.join(','),
      ...rows.map((r) => cols.map((c) => csvField(c === 'file' ? path.basename(r.file) : r[c])).join(',')),
    ].join('\n') + '\n'
  );
}

const SYMBOL: Record<GradeStatus, string> = {
  correct: '✓',
  incorrect: '✗',
  unanswered: '–',
  unavailable: '?',
  error: 'error',
  missing: 'deleted',
  timeout: 'time-out',
  crashed: 'crashed',
  unreadable: 'unreadable',
  'not run': 'not run',
  manual: 'to grade',
};

const keyOf = (r: GradeRow) => `${r.notebook}.${r.exercise}${r.part === 'written' ? ' (words)' : ''}`;
const sum = (rows: GradeRow[], f: (r: GradeRow) => number) =>
  Math.round(100 * rows.reduce((s, r) => s + f(r), 0)) / 100;

/** grades.html: a table (student × exercise, the reason on hover and listed below) and each exercise's success rate. */
export function gradesHtml(grades: SubmissionGrade[]): string {
  const rows = grades.flatMap((g) => g.rows);
  const keys = [...new Set(rows.filter((r) => r.exercise !== '').map(keyOf))].sort();
  const cell = (g: SubmissionGrade, key: string) => {
    const r = g.rows.find((x) => keyOf(x) === key);
    if (!r) return '<td></td>';
    const pts = r.part === 'answer' && r.points > 0 && r.points < r.max ? ` ${r.points}` : '';
    return `<td class="s-${r.status.replace(' ', '-')}" title="${escapeHtml(r.reason)}">${escapeHtml(SYMBOL[r.status] + pts)}</td>`;
  };
  const rate = (key: string) => {
    const rs = rows.filter((r) => keyOf(r) === key);
    const ok = rs.filter((r) => r.status === 'correct').length;
    return `<td>${rs.length ? `${Math.round((100 * ok) / rs.length)} %` : ''}<br><small>${ok} of ${rs.length}</small></td>`;
  };
  const body = grades
    .map(
      (g) =>
        `<tr><th>${escapeHtml(g.student)}<br><small>${escapeHtml(path.basename(g.file))}</small></th>${keys.map((k) => cell(g, k)).join('')}<td>${sum(g.rows, (r) => r.points)} / ${sum(g.rows, (r) => r.max)}</td><td>${escapeHtml(g.outcome)}</td></tr>`,
    )
    .join('\n');
  const problems = rows.filter((r) => r.part === 'answer' && r.status !== 'correct' && r.status !== 'unanswered');
  const confined = [...new Set(grades.map((g) => g.confinement).filter(Boolean))];
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Grades</title><style>
body{font-family:system-ui,sans-serif;margin:24px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:center}th{text-align:left}
.s-correct{background:#dafbe1}.s-incorrect{background:#fff1e5}.s-unanswered{color:#777}.s-manual{background:#eef}.s-error,.s-missing,.s-timeout,.s-crashed,.s-unreadable,.s-not-run{background:#ffebe9}
</style></head><body><h1>Grades</h1><p>${grades.length} submissions, ${rows.length} graded parts. ✓ correct, ✗ not yet (a number: partial credit), – not answered, "to grade": an answer in words for you (manual.csv); hover a cell for the reason.</p>
${confined.map((c) => `<p><small>Confinement: ${escapeHtml(c!)}</small></p>`).join('')}
<table><thead><tr><th>Student</th>${keys.map((k) => `<th>${escapeHtml(k)}</th>`).join('')}<th>Points</th><th>Run</th></tr></thead><tbody>
${body}
<tr><th>Success rate</th>${keys.map(rate).join('')}<td></td><td></td></tr></tbody></table>
<h2>Reasons</h2><ul>${problems.map((r) => `<li><b>${escapeHtml(r.student)}</b> ${escapeHtml(keyOf(r))} — ${escapeHtml(r.status)}: ${escapeHtml(r.reason)}</li>`).join('') || '<li>none</li>'}</ul>
</body></html>\n`;
}

/** A teacher's grade of one answer in words (manual.csv). */
export interface ManualGrade {
  student: string;
  notebook: string;
  exercise: number;
  /** '' until the teacher fills it in. */
  points: number | '';
  comment: string;
}

const MANUAL_COLS = ['student', 'notebook', 'exercise', 'max', 'answer', 'points', 'comment'];

/** manual.csv as read back (rows without points count as not graded yet). */
export function readManual(file: string): ManualGrade[] {
  if (!fs.existsSync(file)) return [];
  return readCsv(fs.readFileSync(file, 'utf8')).map((r) => ({
    student: r.student,
    notebook: r.notebook.padStart(2, '0'),
    exercise: Number(r.exercise),
    points: r.points === '' ? '' : Number(r.points),
    comment: r.comment ?? '',
  }));
}

/** manual.csv for `grades`: one row per answer in words; the teacher's earlier points and comments kept. */
export function manualCsv(grades: SubmissionGrade[], earlier: ManualGrade[] = []): string {
  const rows = grades.flatMap((g) => g.rows.filter((r) => r.part === 'written'));
  const lines = rows.map((r) => {
    const was = earlier.find((m) => m.student === r.student && m.notebook === r.notebook && m.exercise === r.exercise);
    const answer = r.status === 'manual' ? r.reason : '';
    const points = was?.points ?? (r.status === 'manual' ? '' : 0);
    return [
      r.student,
      r.notebook,
      r.exercise,
      r.max,
      answer,
      points,
      was?.comment ?? (answer ? '' : r.reason || 'not answered'),
    ]
      .map(csvField)
      .join(',');
  });
  return [MANUAL_COLS.join(','), ...lines].join('\n') + '\n';
}

/** Write grades.csv, grades.html, grades.json and manual.csv into `outDir`; returns their paths. */
export function writeGrades(
  grades: SubmissionGrade[],
  outDir: string,
): { csv: string; html: string; json: string; manual: string } {
  fs.mkdirSync(outDir, { recursive: true });
  const csv = path.join(outDir, 'grades.csv');
  const html = path.join(outDir, 'grades.html');
  const json = path.join(outDir, 'grades.json');
  const manual = path.join(outDir, 'manual.csv');
  fs.writeFileSync(csv, gradesCsv(grades.flatMap((g) => g.rows)));
  fs.writeFileSync(html, gradesHtml(grades));
  fs.writeFileSync(json, JSON.stringify(grades, null, 1) + '\n');
  fs.writeFileSync(manual, manualCsv(grades, readManual(manual)));
  return { csv, html, json, manual };
}

/** The rows of `grades` with the teacher's manual points filled in (a written answer not graded yet keeps 0). */
export function withManual(grades: SubmissionGrade[], manual: ManualGrade[]): SubmissionGrade[] {
  return grades.map((g) => ({
    ...g,
    rows: g.rows.map((r) => {
      if (r.part !== 'written') return r;
      const m = manual.find((x) => x.student === r.student && x.notebook === r.notebook && x.exercise === r.exercise);
      return m && m.points !== '' ? { ...r, points: Math.min(r.max, Math.max(0, m.points)) } : r;
    }),
  }));
}

/** One student's line of the export. */
export interface ExportRow {
  id: string;
  name: string;
  submittedAt: string;
  late: boolean;
}

/**
 * The LMS export: one row per student of the roster (and any graded student not on it): id, name, points per
 * exercise part (`03.1`, `03.1 words`), total, max, submitted-at, late, and how many answers in words are not graded yet.
 */
export function exportCsv(grades: SubmissionGrade[], manual: ManualGrade[], students: ExportRow[]): string {
  const graded = withManual(grades, manual);
  const rows = graded.flatMap((g) => g.rows).filter((r) => r.exercise !== '');
  const keys = [
    ...new Set(rows.map((r) => `${r.notebook}.${r.exercise}${r.part === 'written' ? ' words' : ''}`)),
  ].sort();
  const ids = [
    ...students.map((s) => s.id),
    ...graded.map((g) => g.student).filter((id) => !students.some((s) => s.id === id)),
  ];
  const head = ['id', 'name', ...keys, 'total', 'max', 'submitted_at', 'late', 'ungraded_words'];
  const lines = [...new Set(ids)].map((id) => {
    const s = students.find((x) => x.id === id);
    const mine = graded.filter((g) => g.student === id).flatMap((g) => g.rows);
    const pts = keys.map((k) => {
      const r = mine.find((x) => `${x.notebook}.${x.exercise}${x.part === 'written' ? ' words' : ''}` === k);
      return r ? r.points : '';
    });
    const ungraded = mine.filter(
      (r) =>
        r.part === 'written' &&
        r.status === 'manual' &&
        !manual.some(
          (m) => m.student === id && m.notebook === r.notebook && m.exercise === r.exercise && m.points !== '',
        ),
    ).length;
    const max = sum(mine.length ? mine : exportMaxRows(grades, keys), (r) => r.max);
    return [
      id,
      s?.name ?? '',
      ...pts,
      sum(mine, (r) => r.points),
      max,
      s?.submittedAt ?? '',
      s?.late ? 'yes' : 'no',
      ungraded,
    ]
      .map(csvField)
      .join(',');
  });
  return [head.map(csvField).join(','), ...lines].join('\n') + '\n';
}

/** The rows of a full submission, for the max of a student who handed nothing in. */
function exportMaxRows(grades: SubmissionGrade[], keys: string[]): GradeRow[] {
  const first = new Map<string, GradeRow>();
  for (const r of grades.flatMap((g) => g.rows))
    first.set(`${r.notebook}.${r.exercise}${r.part === 'written' ? ' words' : ''}`, r);
  return keys.map((k) => first.get(k)).filter((r): r is GradeRow => !!r);
}
