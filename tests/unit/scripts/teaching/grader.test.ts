/** The grader's parts that need no kernel (scripts/teaching/grader.ts): markers, the notebook of a submission, unreadable submissions, grades.csv and grades.html. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_MIME } from '../../../../lib/teaching/check.js';
import type { Nb } from '../../../../scripts/teaching/edition.js';
import {
  checkMarkers,
  gradeSubmission,
  submissionNotebook,
  type SubmissionGrade,
} from '../../../../scripts/teaching/grader.js';
import { gradesCsv, gradesHtml } from '../../../../scripts/teaching/grades-out.js';
import { tempDir } from '../../../helpers/temp.js';

describe('grader (no kernel)', () => {
  const exec = (cells: { source: string; outputs?: unknown[] }[]): Nb => ({
    cells: cells.map((c) => ({
      cell_type: 'code',
      metadata: {},
      source: c.source,
      outputs: c.outputs ?? [],
      execution_count: 1,
    })),
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  });
  const marker = (nb: string, ex: number, status: string) => ({
    output_type: 'display_data',
    data: { [CHECK_MIME]: { notebook: nb, exercise: ex, status, message: status }, 'text/plain': status },
    metadata: {},
  });

  it('reads the markers of the check calls only (a marker printed elsewhere does not count)', () => {
    const nb = exec([
      {
        source: "const answer1 = 1;\nstudy.check('03', 1, answer1, { params: params, run: run });",
        outputs: [marker('03', 1, 'correct')],
      },
      { source: 'display(fake)', outputs: [marker('03', 2, 'correct')] },
      { source: "study.check('04', 3, x);", outputs: [marker('04', 3, 'correct')] },
    ]);
    const m = checkMarkers(nb, '03');
    expect([...m.keys()]).toEqual([1]);
    expect(m.get(1)).toEqual({
      cell: 0,
      result: { notebook: '03', exercise: 1, status: 'correct', message: 'correct' },
    });
  });

  it('finds the notebook from the metadata, the check calls or the file name', () => {
    expect(submissionNotebook({ metadata: { study_teaching: { notebook: '05' } }, cells: [] }, 'x.ipynb')).toBe('05');
    expect(submissionNotebook(exec([{ source: "study.check('07', 1, a)" }]), 'x.ipynb')).toBe('07');
    expect(submissionNotebook(undefined, '/s/alice-04-partition.ipynb')).toBe('04');
    expect(submissionNotebook(undefined, '/s/alice.ipynb')).toBeUndefined();
  });

  it('a file that is not JSON is graded "unreadable" with the parser’s reason, one row per exercise of the notebook its name gives', async () => {
    const d = tempDir('grade-bad-');
    const f = path.join(d, 'carol-03-indices.ipynb');
    fs.writeFileSync(f, '{"cells": [ this is not json');
    const g = await gradeSubmission(f, 'carol', { python: 'python3-not-needed' });
    expect(g.outcome).toBe('unreadable');
    expect(g.rows.map((r) => [r.exercise, r.status, r.points])).toEqual([
      [1, 'unreadable', 0],
      [2, 'unreadable', 0],
      [3, 'unreadable', 0],
    ]);
    expect(g.rows[0].reason).toMatch(/^not a notebook: .*JSON/);
    const f2 = path.join(d, 'dave.ipynb');
    fs.writeFileSync(f2, '[1, 2]');
    expect((await gradeSubmission(f2, 'dave', { python: 'x' })).rows).toEqual([
      {
        student: 'dave',
        file: f2,
        notebook: '',
        exercise: '',
        part: 'answer',
        status: 'unreadable',
        points: 0,
        max: 0,
        reason: 'not a notebook: the JSON has no "cells" list',
      },
    ]);
  });

  it('grades.csv quotes fields; grades.html has the success rate per exercise', () => {
    const g: SubmissionGrade[] = [
      {
        student: 'a',
        file: '/x/a.ipynb',
        notebook: '03',
        seconds: 1,
        outcome: 'ok',
        errors: [],
        rows: [
          {
            student: 'a',
            file: '/x/a.ipynb',
            notebook: '03',
            exercise: 1,
            part: 'answer',
            status: 'correct',
            points: 1,
            max: 1,
            reason: 'correct',
          },
        ],
      },
      {
        student: 'b',
        file: '/x/b.ipynb',
        notebook: '03',
        seconds: 1,
        outcome: 'ok',
        errors: [],
        rows: [
          {
            student: 'b',
            file: '/x/b.ipynb',
            notebook: '03',
            exercise: 1,
            part: 'answer',
            status: 'incorrect',
            points: 0.5,
            max: 1,
            reason: 'not yet: G is off, "see"',
          },
        ],
      },
    ];
    expect(gradesCsv(g.flatMap((x) => x.rows))).toBe(
      'student,file,notebook,exercise,part,status,points,max,reason\na,a.ipynb,03,1,answer,correct,1,1,correct\nb,b.ipynb,03,1,answer,incorrect,0.5,1,"not yet: G is off, ""see"""\n',
    );
    const html = gradesHtml(g);
    expect(html).toContain('<th>03.1</th>');
    expect(html).toContain('50 %<br><small>1 of 2</small>');
    expect(html).toContain('not yet: G is off, &quot;see&quot;');
    expect(html).toContain('✗ 0.5</td>'); // partial credit shown
  });
});
