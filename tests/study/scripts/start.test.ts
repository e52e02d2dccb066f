/**
 * `npm start` run as a process (scripts/start.ts): --help prints its opening comment, and an unknown option or a bad
 * number stops it before any notebook runs. (In the study project because it starts Node.js and tsx three times.)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/jupyter/env.js';

describe('npm start (the script)', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

  it('--help prints the opening comment; --bogus and --jobs x exit 1 with the message, before running anything', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toBe(`${fs.readFileSync(path.join(ROOT, 'scripts', 'start.ts'), 'utf8').split('*/')[0]}\n`);
    const bogus = run(['--bogus']);
    expect([bogus.status, bogus.stdout, bogus.stderr]).toEqual([
      1,
      '',
      'npm start: unknown option --bogus (see npm start -- --help)\n',
    ]);
    const jobs = run(['--jobs', 'x', '--out', '/nonexistent/never-written']);
    expect([jobs.status, jobs.stdout, jobs.stderr]).toEqual([
      1,
      '',
      'npm start: --jobs must be a whole number ≥ 1 (got "x") (see npm start -- --help)\n',
    ]);
  });
});
