/**
 * README's "Teaching with this project" walk-through, end to end with the real kernel on notebook 03: release (a
 * folder and an LMS zip) → a student answers (one exercise, half of another, one answer in words) → validate →
 * collect an LMS "download all" zip with a roster (one unmatched name, one student without a file, one late) →
 * grade → the teacher fills manual.csv → feedback → export. Two submissions graded at once (study project).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findExercise } from '../../../lib/teaching/registry.js';
import { ensurePython } from '../../../scripts/jupyter/env.js';
import { release } from '../../../scripts/release.js';
import { collect, parseRoster, readCsv, type CollectResult } from '../../../scripts/teaching/collect.js';
import { sourceOf, WRITTEN_PLACEHOLDER, type Nb } from '../../../scripts/teaching/edition.js';
import { writeFeedback } from '../../../scripts/teaching/feedback.js';
import { gradeFolder, gradeSubmission, type SubmissionGrade } from '../../../scripts/teaching/grader.js';
import { exportCsv, readManual, writeGrades } from '../../../scripts/teaching/grades-out.js';
import { exportStudents } from '../../../scripts/export.js';
import { validationReport } from '../../../scripts/validate.js';
import { readZip, writeZip } from '../../../scripts/teaching/zip.js';
import { tempDir } from '../../helpers/temp.js';

const python = ensurePython();
const ROSTER = 'id,name,lms_id\ns001,Alice Smith,1001\ns002,"Jones, Bob",\ns003,Carol Doe,1003\n';
const DEADLINE = new Date('2026-03-01T23:59:00Z');

describe('class workflow: release → answer → validate → collect → grade → manual → feedback → export', () => {
  const root = tempDir('class-');
  let zips: string[];
  let alice: Nb;
  let validated: SubmissionGrade;
  let collected: CollectResult;
  let grades: SubmissionGrade[];
  const subs = path.join(root, 'submissions');

  beforeAll(async () => {
    zips = release(['03'], path.join(root, 'release'));
    const released = readZip(fs.readFileSync(zips[0])).find((e) => e.name.endsWith('.ipynb'))!;
    // Alice: exercise 2 right, exercise 1 half right (largest V right, lowest G wrong), exercise 1 in words
    alice = JSON.parse(released.data.toString('utf8')) as Nb;
    for (const c of alice.cells) {
      const ex = c.metadata.study_exercise?.number;
      if (ex === 2) c.source = sourceOf(c).replace('= undefined;', `= ${findExercise('03', 2).solutionExpr};`);
      if (ex === 1)
        c.source = sourceOf(c).replace(
          '= undefined;',
          "= { largestV: [...indexRows].sort((a, b) => b.V - a.V)[0].group, lowestG: 'not a group' };",
        );
      if (c.metadata.study_written?.number === 1)
        c.source = sourceOf(c).replace(WRITTEN_PLACEHOLDER, 'Imports fell over the window, on the weighted average.');
    }
    const aliceFile = path.join(root, 'alice-03-indices.ipynb');
    fs.writeFileSync(aliceFile, JSON.stringify(alice));
    const bob = released.data; // handed in untouched
    const lms = path.join(root, 'submissions-download.zip');
    fs.writeFileSync(
      lms,
      writeZip([
        {
          name: 'Smith, Alice_1001_9001_03-indices.ipynb',
          data: Buffer.from(JSON.stringify(alice)),
          mtime: new Date(2026, 2, 1, 12, 0),
        },
        { name: 'Jones, Bob_2002_9002_03-indices.ipynb', data: bob, mtime: new Date(2026, 2, 3, 9, 30) },
        { name: 'Nobody, Xavier_1999_9003_03-indices.ipynb', data: bob, mtime: new Date(2026, 2, 1, 8, 0) },
      ]),
    );
    collected = collect(lms, parseRoster(ROSTER), subs, DEADLINE);
    [validated, grades] = await Promise.all([
      gradeSubmission(aliceFile, 'you', { python, limit: 180 }),
      gradeFolder(subs, { python, jobs: 2, limit: 180, keepExecuted: path.join(subs, 'executed') }),
    ]);
    writeGrades(grades, subs);
  }, 400_000);

  it('release: the student edition as a folder and a zip (notebook and how-to), no solutions', () => {
    expect(zips.map((z) => path.basename(z))).toEqual(['03-indices.zip']);
    expect(readZip(fs.readFileSync(zips[0])).map((e) => e.name)).toEqual([
      '03-indices/03-indices.ipynb',
      '03-indices/HOW-TO.txt',
    ]);
    expect(fs.existsSync(path.join(root, 'release', '03-indices', '03-indices.ipynb'))).toBe(true);
    const text = fs.readFileSync(path.join(root, 'release', '03-indices', '03-indices.ipynb'), 'utf8');
    expect(text).not.toContain('"solution"');
  });

  it('validate: each check listed; the notebook can be handed in', () => {
    const { lines, ok } = validationReport(validated);
    expect(ok).toBe(true);
    expect(lines[0]).toMatch(/^· Exercise 03\.1 — incorrect: not yet: lowestG is not the right one — /);
    expect(lines[1]).toBe('✓ Exercise 03.2 — correct: correct');
    expect(lines).toContain('· Exercise 03.1 in words — answered (1 point, graded by your teacher)');
  });

  it('collect: LMS names mapped through the roster (LMS id, else the name), the unmatched and the missing listed, late flagged', () => {
    expect(collected.collected.map((c) => [c.id, path.relative(subs, c.file), c.late])).toEqual([
      ['s001', 's001/03-indices.ipynb', false],
      ['s002', 's002/03-indices.ipynb', true],
    ]);
    expect(collected.unmatched).toEqual(['Nobody, Xavier_1999_9003_03-indices.ipynb']);
    expect(collected.missing.map((s) => s.id)).toEqual(['s003']);
    expect(readCsv(fs.readFileSync(path.join(subs, 'collected.csv'), 'utf8')).map((r) => [r.id, r.late])).toEqual([
      ['s001', 'no'],
      ['s002', 'yes'],
    ]);
  });

  it('grade: points per exercise, partial credit, the answer in words left for the teacher in manual.csv', () => {
    const a = grades.find((g) => g.student === 's001')!;
    expect(a.rows.map((r) => [r.exercise, r.part, r.status, r.points, r.max])).toEqual([
      [1, 'answer', 'incorrect', 0.5, 1],
      [2, 'answer', 'correct', 1, 1],
      [3, 'answer', 'unanswered', 0, 1],
      [1, 'written', 'manual', 0, 1],
    ]);
    const manual = fs.readFileSync(path.join(subs, 'manual.csv'), 'utf8').trim().split('\n');
    expect(manual[0]).toBe('student,notebook,exercise,max,answer,points,comment');
    expect(manual).toContain('s001,03,1,1,"Imports fell over the window, on the weighted average.",,');
    expect(manual).toContain('s002,03,1,1,,0,not answered');
  });

  it('manual grading, feedback and export: the teacher’s points and comment reach the student’s page and the gradebook', () => {
    const file = path.join(subs, 'manual.csv');
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace('weighted average.",,', 'weighted average.",1,Right: a fall.'),
    );
    writeGrades(grades, subs); // grading again keeps the teacher's points and comments
    expect(fs.readFileSync(file, 'utf8')).toContain('weighted average.",1,Right: a fall.');
    const manual = readManual(file);
    const pages = writeFeedback(grades, manual, path.join(subs, 'executed'), path.join(subs, 'feedback'));
    expect(pages.map((p) => path.relative(subs, p))).toEqual([
      'feedback/s001/03-indices.html',
      'feedback/s002/03-indices.html',
    ]);
    const page = fs.readFileSync(pages[0], 'utf8');
    expect(page).toContain('<b>2.5 of 4 points</b>');
    expect(page).toContain('<b>Teacher:</b> Right: a fall.');
    expect(page).toContain(findExercise('03', 1).hint.replace(/'/g, '&#39;').slice(0, 30));
    expect(page).toContain('Your notebook, as it ran');
    const csv = exportCsv(
      grades,
      manual,
      exportStudents(ROSTER, fs.readFileSync(path.join(subs, 'collected.csv'), 'utf8')),
    );
    expect(csv.trim().split('\n')).toEqual([
      'id,name,03.1,03.1 words,03.2,03.3,total,max,submitted_at,late,ungraded_words',
      `s001,Alice Smith,0.5,1,1,0,2.5,4,${new Date(2026, 2, 1, 12, 0).toISOString()},no,0`,
      `s002,"Jones, Bob",0,0,0,0,0,4,${new Date(2026, 2, 3, 9, 30).toISOString()},yes,0`,
      's003,Carol Doe,,,,,0,4,,no,0',
    ]);
  });
});
