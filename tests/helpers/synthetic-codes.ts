/**
 * The generator's small test inputs (tests/unit/synthetic/generate.test.ts and tests/study/synthetic/generate.test.ts):
 * a curated-codes table of a few codes per group, and group sums read back from a panel's CSV text.
 */
import { TEACHING_PERIOD } from '../../lib/synthetic/generate.js';
import type { SyntheticCodeRow } from '../../lib/synthetic/inputs.js';
import { syntheticMonths } from '../../lib/synthetic/paths.js';

const MONTHS = syntheticMonths(...TEACHING_PERIOD);

/** A small curated-codes table: the fields of data/study/codes.csv the generator reads. */
export function fixtureRows(): SyntheticCodeRow[] {
  const rows: SyntheticCodeRow[] = [];
  const row = (batch: 1 | 2 | 3, code: string, group_id: number, first_year: number, last_year: number) =>
    rows.push({ batch, code, group_id, first_year, last_year });
  // ICs: the 2017 split of 85423100 etc.
  for (const [c, a, b] of [
    ['85423100', 2015, 2016],
    ['85423200', 2015, 2016],
    ['85423900', 2015, 2016],
    ['85423111', 2017, 2025],
    ['85423119', 2017, 2025],
    ['85423190', 2017, 2025],
    ['85423210', 2017, 2025],
    ['85423910', 2017, 2025],
  ] as const)
    row(1, c, 2, a, b);
  for (let g = 1; g <= 17; g++) {
    if (g === 2) continue;
    const batch = g === 17 ? 3 : 1; // Medicaments come only with the tariff-exemption list
    for (let k = 0; k < 3; k++) row(batch, String(99000000 + g * 100 + k), g, 2015, 2025);
  }
  // a batch-2 bridged pair, a code listed twice (batches 1 and 3), a batch-2 code valid all period
  row(2, '84561000', 5, 2015, 2016);
  row(2, '84561100', 5, 2017, 2025);
  row(3, '85423111', 2, 2017, 2025);
  row(2, '84141000', 8, 2015, 2025);
  return rows;
}
/** The batch whose list defines a group of {@link fixtureRows} (Medicaments: the tariff-exemption list). */
export const primaryBatch = (g: number): number => (g === 17 ? 3 : 1);

/** Monthly group sums over the distinct codes a batch lists in a group, read from the CSV text. */
export function groupSumsFromCsv(csv: string, codes: SyntheticCodeRow[], batch: number, groupId: number): number[] {
  const listed = new Set(codes.filter((c) => c.batch === batch && c.group_id === groupId).map((c) => c.code));
  const sum = new Array<number>(MONTHS.length).fill(0);
  const idx = new Map(MONTHS.map((m, i) => [m, i]));
  for (const line of csv.split('\n').slice(2)) {
    if (!line) continue;
    const [code, , month, value] = line.split(',');
    if (listed.has(code)) sum[idx.get(month) as number] += Number(value);
  }
  return sum;
}
