/**
 * The explorer's "Each group" table: a row per group (written once), whose G, V, cell,
 * pattern, published cell and change since the starting choices each update rewrites; the
 * row's `data-growth`, `data-volatility` and `data-pattern` carry the cell for the tests.
 *
 * @module present/explore/groups-table
 */
import { PATTERN_LABELS } from '../palette.js';
import { cellLabel } from '../../steps/partition.js';
import type { PartitionMove } from '../../steps/partition-teaching.js';
import type { ExploreData, ExploreResult } from '../explore-model.js';
import { esc, fmt3, patternClass } from './format.js';
import { publishedText, samePublished, sinceText } from './texts.js';

/** Write a row per group into `tbody`; returns the function that fills the rows for a result. */
export function createGroupsTable(
  tbody: HTMLElement,
  groups: ExploreData['groups'],
): (r: ExploreResult, changed: ReadonlyMap<number, PartitionMove>) => void {
  const rows = new Map<number, HTMLTableRowElement>();
  for (const g of groups) {
    const tr = document.createElement('tr');
    tr.dataset.groupId = String(g.group_id);
    tr.innerHTML = `<td class="num">${g.group_id}</td><th scope="row">${esc(g.group)}${g.semiconductor ? ' <abbr title="semiconductor-related (Table 1)">semi</abbr>' : ''}</th><td class="num g"></td><td class="num v"></td><td class="cell"></td><td class="pattern"></td><td class="pub"></td><td class="since"></td>`;
    tbody.appendChild(tr);
    rows.set(g.group_id, tr);
  }
  return (r, changed) => {
    const byGroup = new Map(r.rows.map((x) => [x.group_id, x] as const));
    for (const [id, tr] of rows) {
      const x = byGroup.get(id);
      const m = changed.get(id);
      const cells = tr.children;
      if (!x) {
        tr.dataset.growth = tr.dataset.volatility = tr.dataset.pattern = '';
        cells[2].textContent = cells[3].textContent = '–';
        cells[4].textContent = cells[5].textContent = 'no indices (skipped)';
        continue;
      }
      tr.dataset.growth = x.growth;
      tr.dataset.volatility = x.volatility;
      tr.dataset.pattern = x.pattern;
      tr.classList.toggle('moved', !!m);
      cells[2].textContent = fmt3(x.G);
      cells[3].textContent = fmt3(x.V);
      cells[4].textContent = cellLabel(x.growth, x.volatility);
      cells[5].innerHTML = `<span class="${patternClass(x.pattern)}">${esc(PATTERN_LABELS[x.pattern])}</span>`;
      cells[6].textContent = publishedText(x);
      cells[6].classList.toggle('differs', !samePublished(x));
      cells[7].textContent = sinceText(m);
    }
  };
}
