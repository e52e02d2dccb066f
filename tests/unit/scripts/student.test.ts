/** `npm run student`'s command line (scripts/student.ts parseStudentArgs, and main's exit code for a mistake), and the command's effect. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/jupyter/env.js';
import { main, parseStudentArgs } from '../../../scripts/student.js';
import { tempDir } from '../../helpers/temp.js';

describe('parseStudentArgs', () => {
  it('--out (resolved; default student/, or student-solved/ with --solved)', () => {
    expect(parseStudentArgs([])).toEqual({
      help: false,
      solved: false,
      force: false,
      outDir: path.join(ROOT, 'student'),
    });
    expect(parseStudentArgs(['--solved'])).toEqual({
      help: false,
      solved: true,
      force: false,
      outDir: path.join(ROOT, 'student-solved'),
    });
    expect(parseStudentArgs(['--out', 'dir', '--solved'])).toEqual({
      help: false,
      solved: true,
      force: false,
      outDir: path.resolve('dir'),
    });
    expect(parseStudentArgs(['--out=dir', '--force'])).toEqual({
      help: false,
      solved: false,
      force: true,
      outDir: path.resolve('dir'),
    });
    expect(parseStudentArgs(['--bogus', '-h'])).toEqual({ help: true });
  });

  it('an unknown option, a missing value, a positional', () => {
    expect(() => parseStudentArgs(['--bogus'])).toThrow('unknown option --bogus (see npm run student -- --help)');
    expect(() => parseStudentArgs(['--out'])).toThrow('--out needs a value (see npm run student -- --help)');
    expect(() => parseStudentArgs(['dir'])).toThrow('unexpected argument dir');
  });

  it('main: a missing value exits 2 with the message, printing nothing else (before: the default folder was written)', () => {
    const out: string[] = [];
    const err: string[] = [];
    expect(
      main(
        ['--solved', '--out'],
        (s) => out.push(s),
        (s) => err.push(s),
      ),
    ).toBe(2);
    expect(err).toEqual(['npm run student: --out needs a value (see npm run student -- --help)']);
    expect(out).toEqual([]);
  });
});

describe('npm run student (the command)', () => {
  it('--help prints the usage and writes nothing; an unknown option is refused (exit 2) and writes nothing; --out writes the edition there', () => {
    const cwd = tempDir('student-cli-');
    const x = path.join(cwd, 'x');
    const out: string[] = [];
    const err: string[] = [];
    const run = (args: string[]) =>
      main(
        args,
        (s) => out.push(s),
        (s) => err.push(s),
      );
    expect(run(['--help', '--out', x])).toBe(0);
    expect(out.join('\n')).toContain('npm run student -- --solved');
    expect(run(['--out', x, '--bogus'])).toBe(2);
    expect(err.join('\n')).toContain('unknown option --bogus');
    expect(fs.readdirSync(cwd)).toEqual([]);
    expect(run(['--out', x])).toBe(0);
    expect(fs.readdirSync(x).filter((f) => f.endsWith('.ipynb'))).toHaveLength(10);
  });

  it('a notebook changed since it was written (saved work) is not overwritten: exit 1, the files named, nothing written; --force overwrites (before: silently overwritten)', () => {
    const x = path.join(tempDir('student-keep-'), 'x');
    const err: string[] = [];
    const run = (args: string[]) =>
      main(
        args,
        () => undefined,
        (s) => err.push(s),
      );
    expect(run(['--out', x])).toBe(0);
    expect(run(['--out', x])).toBe(0); // unchanged files: written again
    const f = path.join(x, '03-indices.ipynb');
    const work = fs.readFileSync(f, 'utf8').replace('| undefined = undefined;', '| undefined = { G: 0.43, V: 0.26 };');
    fs.writeFileSync(f, work);
    const other = path.join(x, '04-partition.ipynb');
    fs.rmSync(other);
    expect(run(['--out', x])).toBe(1);
    expect(err.join('\n')).toContain(
      'holds 1 notebook changed since it was written (03-indices.ipynb): not overwritten',
    );
    expect(fs.readFileSync(f, 'utf8')).toBe(work);
    expect(fs.existsSync(other)).toBe(false);
    expect(run(['--out', x, '--force'])).toBe(0);
    expect(fs.readFileSync(f, 'utf8')).not.toBe(work);
  });
});
