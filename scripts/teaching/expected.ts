/**
 * The expected answers, computed by the grader, never in a submission's kernel: the untouched student edition of a
 * notebook runs once per grading run in the grader's own kernel (its library HAS the expected answers; the
 * submissions' copies do not: sandbox.ts stripAnswers), with STUDY_CHECK_EXPECTED=1, so each check's marker carries
 * the expected answer computed from that notebook's context (its parameters as released, its data). A submission's
 * check only hands its answer over ("submitted"); the grader compares it with these ({@link judgeAnswer}).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CheckResult } from '../../lib/teaching/check.js';
import { ROOT } from '../jupyter/env.js';
import { studentEdition, type Nb } from './edition.js';
import { makeWorkFolder, runExecutor } from './sandbox.js';

/** Per exercise number: the expected answer of the grader's own run (absent when it could not be computed). */
export type ExpectedAnswers = Map<number, unknown>;

/** The grader's run of one notebook's student edition: its expected answers. */
export async function expectedAnswers(
  notebook: string,
  python: string,
  env: NodeJS.ProcessEnv,
  limit = 600,
): Promise<{ answers: ExpectedAnswers; detail: string }> {
  const file = fs.readdirSync(path.join(ROOT, 'notebooks')).find((f) => f.startsWith(`${notebook}-`));
  if (!file) return { answers: new Map(), detail: `no notebook ${notebook}` };
  const nb = studentEdition(JSON.parse(fs.readFileSync(path.join(ROOT, 'notebooks', file), 'utf8')) as Nb, notebook);
  const work = makeWorkFolder(undefined, undefined, [], { strip: false });
  try {
    const src = path.join(work, 'teacher.ipynb');
    const out = path.join(work, 'teacher-executed.ipynb');
    fs.writeFileSync(src, JSON.stringify(nb));
    const exec = await runExecutor(python, src, out, work, limit, {
      ...env,
      JUPYTER_PATH: [path.join(work, 'jupyter'), env.JUPYTER_PATH].filter(Boolean).join(path.delimiter),
      STUDY_CHECK_EXPECTED: '1',
    });
    const answers: ExpectedAnswers = new Map();
    if (fs.existsSync(out))
      for (const c of (JSON.parse(fs.readFileSync(out, 'utf8')) as Nb).cells)
        for (const o of (c.outputs ?? []) as { data?: Record<string, unknown> }[]) {
          const r = o.data?.['application/vnd.study.check+json'] as CheckResult | undefined;
          if (r && r.notebook === notebook && 'expected' in r) answers.set(r.exercise, r.expected);
        }
    return { answers, detail: exec.outcome === 'ok' ? '' : exec.detail };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
