/** The UN Comtrade reporter list (lib/io/reporters.ts): the shipped file, codes that differ from M49, names, ISO3 and the errors. */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importedDir } from '../../../lib/io/paths.js';
import {
  loadReporters,
  parseReporters,
  reporterDir,
  reporterLabel,
  resolveReporter,
  resolveReporters,
} from '../../../lib/io/reporters.js';

describe('the shipped reporter list (data/reference/un-comtrade/Reporters.json)', () => {
  it('has the API file’s 255 entries; Comtrade codes that differ from M49 are the API’s', () => {
    const list = loadReporters();
    expect(list.length).toBe(255);
    const code = (iso3: string) => list.find((r) => r.iso3 === iso3 && !r.to)!.code;
    expect(list.find((r) => r.code === '280')!.to).toBe('1990-12-31'); // West Germany's entry, expired
    expect(['USA', 'CHE', 'IND', 'FRA', 'NOR', 'CHN', 'KOR', 'JPN', 'DEU', 'VNM'].map(code)).toEqual([
      '842',
      '757',
      '699',
      '251',
      '579',
      '156',
      '410',
      '392',
      '276',
      '704',
    ]);
    const taiwan = list.find((r) => r.code === '490')!;
    expect([taiwan.name, taiwan.iso3, taiwan.isGroup]).toEqual(['Other Asia, nes', 'S19', true]);
  });
});

describe('resolveReporter / resolveReporters', () => {
  it('takes Comtrade codes, ISO3 codes (any case) and names', () => {
    expect(resolveReporters('KOR,jpn,842,Germany, Viet Nam ,IND,490').map((r) => r.code)).toEqual([
      '410',
      '392',
      '842',
      '276',
      '704',
      '699',
      '490',
    ]);
    expect(resolveReporter('Republic of Korea').code).toBe('410');
    expect(resolveReporter('0156').code).toBe('156');
    expect(resolveReporters('KOR,410,kor').map((r) => r.code)).toEqual(['410']);
  });
  it('names the unknown one and close matches; Taiwan points to 490', () => {
    expect(() => resolveReporter('KORR')).toThrow(/close matches: KOR 410 Rep\. of Korea.*\(got "KORR"\)/);
    expect(() => resolveReporter('Japn')).toThrow(/JPN 392 Japan/);
    expect(() => resolveReporter('TWN')).toThrow(/Other Asia, nes": give 490/);
    expect(() => resolveReporter('9999')).toThrow(/unknown reporter/);
    expect(() => resolveReporters(' , ')).toThrow(/no reporter given/);
    expect(() => resolveReporters('KOR,XYZQ')).toThrow(/"XYZQ"/);
  });
  it('labels and folders: China in the imported folder, the others side by side under reporters/', () => {
    expect(reporterLabel(resolveReporter('KOR'))).toBe('Rep. of Korea (KOR, 410)');
    expect(reporterDir('156')).toBe(importedDir());
    expect(reporterDir('842', '/x')).toBe(path.join('/x', 'reporters', '842'));
    expect(() => reporterDir('../x')).toThrow(/digits/);
  });
  it('parseReporters rejects a wrong shape', () => {
    expect(() => parseReporters('[]')).toThrow(/results/);
    expect(() => parseReporters('{"results":[{"reporterCode":"x","reporterDesc":"A"}]}')).toThrow(/reporterCode/);
    expect(() => parseReporters('nope')).toThrow(/not JSON/);
    expect(
      parseReporters(
        '{"results":[{"reporterCode":200,"reporterDesc":"Czechoslovakia","isGroup":false,"entryEffectiveDate":"1900-01-01T00:00:00","entryExpiredDate":"1992-12-31T00:00:00"}]}',
      )[0].to,
    ).toBe('1992-12-31');
  });
});
