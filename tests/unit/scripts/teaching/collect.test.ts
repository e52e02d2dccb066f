/** Collecting submissions (scripts/teaching/collect.ts) and the zip files (scripts/teaching/zip.ts), without a kernel. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect, csvLine, matchStudent, nameKey, parseRoster } from '../../../../scripts/teaching/collect.js';
import { readZip, writeZip } from '../../../../scripts/teaching/zip.js';
import { tempDir } from '../../../helpers/temp.js';

const roster = parseRoster('id,name,lms_id\ns001,Jane Smith,1234\ns002,"García, José",\ns0021,Ann Lee,\n');

describe('collect', () => {
  it('a zip round-trips names (UTF-8), bytes and times to the 2 s of the format', () => {
    const t = new Date(2026, 1, 28, 23, 58, 30);
    const z = writeZip([
      { name: 'a/Smith, Jane_1234_5678_03-indices.ipynb', data: Buffer.from('{"x": 1}'), mtime: t },
      { name: 'é.txt', data: Buffer.alloc(0), mtime: t },
    ]);
    const back = readZip(z);
    expect(back.map((e) => [e.name, e.data.toString(), e.mtime.getTime()])).toEqual([
      ['a/Smith, Jane_1234_5678_03-indices.ipynb', '{"x": 1}', t.getTime()],
      ['é.txt', '', t.getTime()],
    ]);
    expect(() => readZip(Buffer.from('not a zip at all, not at all'))).toThrow('not a zip archive');
  });

  it('roster: quoted names, the columns required, ids unique', () => {
    expect(roster.map((s) => [s.id, s.name, s.lmsId])).toEqual([
      ['s001', 'Jane Smith', '1234'],
      ['s002', 'García, José', ''],
      ['s0021', 'Ann Lee', ''],
    ]);
    expect(csvLine('a,"b, ""c""",d')).toEqual(['a', 'b, "c"', 'd']);
    expect(() => parseRoster('student,name\nx,y\n')).toThrow('the roster needs the columns id and name');
    expect(() => parseRoster('id,name\nx,y\nx,z\n')).toThrow('id x appears twice');
  });

  it('file names: the LMS pattern by LMS id, else by name (any order, case, accents); an id in front or a folder; the longest id wins', () => {
    expect(nameKey('García, José')).toBe(nameKey('jose GARCIA'));
    const who = (f: string) => {
      const m = matchStudent(f, roster);
      return [m.student?.id, m.notebookFile];
    };
    expect(who('Smith, Jane_1234_5678_03-indices.ipynb')).toEqual(['s001', '03-indices.ipynb']);
    expect(who('Smith, Janet_1234_5678_03-indices.ipynb')).toEqual(['s001', '03-indices.ipynb']); // the LMS id decides
    expect(who('Garcia, Jose_999_1_03-indices.ipynb')).toEqual(['s002', '03-indices.ipynb']);
    expect(who('Garcia, Jose_LATE_999_1_03-indices.ipynb')).toEqual(['s002', '03-indices.ipynb']);
    expect(who('Doe, John_77_1_03-indices.ipynb')).toEqual([undefined, '03-indices.ipynb']);
    expect(who('s0021-03-indices.ipynb')).toEqual(['s0021', '03-indices.ipynb']);
    expect(who('s001/03-indices.ipynb')).toEqual(['s001', '03-indices.ipynb']);
    expect(who('someone.ipynb')).toEqual([undefined, 'someone.ipynb']);
  });

  it('a folder: one folder per id, the latest of a student’s copies, late against the deadline, the unmatched listed', () => {
    const src = tempDir('collect-src-');
    const out = path.join(tempDir('collect-out-'), 'subs');
    const put = (f: string, t: Date) => {
      fs.mkdirSync(path.dirname(path.join(src, f)), { recursive: true });
      fs.writeFileSync(path.join(src, f), f);
      fs.utimesSync(path.join(src, f), t, t);
    };
    put('s001-03-indices.ipynb', new Date('2026-03-01T10:00:00Z'));
    put('s001/03-indices.ipynb', new Date('2026-03-02T10:00:00Z'));
    put('stranger-03-indices.ipynb', new Date('2026-03-01T10:00:00Z'));
    put('notes.txt', new Date('2026-03-01T10:00:00Z'));
    const r = collect(src, roster, out, new Date('2026-03-01T23:59:00Z'));
    expect(r.collected.map((c) => [c.id, path.relative(out, c.file), c.original, c.late])).toEqual([
      ['s001', 's001/03-indices.ipynb', 's001/03-indices.ipynb', true],
    ]);
    expect(fs.readFileSync(path.join(out, 's001', '03-indices.ipynb'), 'utf8')).toBe('s001/03-indices.ipynb');
    expect(r.unmatched).toEqual(['stranger-03-indices.ipynb']);
    expect(r.missing.map((s) => s.id)).toEqual(['s002', 's0021']);
  });
});
