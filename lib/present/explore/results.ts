/**
 * The explorer's results section: the scatter, our matrix beside the published one, the
 * table of groups, the agreement line and the last change. Built once for the data; each
 * result then redraws them, comparing it with the result at the starting choices (the
 * baseline: what moved) and with the previous result (what the last change moved).
 *
 * @module present/explore/results
 */
import { partitionMoves } from '../../steps/partition-teaching.js';
import type { ControlIndexRow } from '../../steps/controls.js';
import type { ExploreData, ExploreResult } from '../explore-model.js';
import { byId } from './dom.js';
import { createGroupsTable } from './groups-table.js';
import { ourMatrixHtml, publishedMatrixHtml } from './matrix.js';
import { createScatter } from './scatter.js';
import { agreementHtml, lastChangeText } from './texts.js';

/**
 * Build the results for the data (the published matrix is drawn now); returns the function that shows a result
 * (with the control economies' rows when they are shown: grey points in the scatter).
 * `baseline`: the result at the starting choices, undefined when they do not fit the data (nothing to compare with).
 */
export function createResults(
  data: ExploreData,
  baseline: ExploreResult | undefined,
): (r: ExploreResult, controls?: readonly ControlIndexRow[]) => void {
  const drawScatter = createScatter(
    byId('scatter') as unknown as SVGSVGElement,
    data.groups,
    data.controls?.kind === 'synthetic',
  );
  byId('matrix-published').innerHTML = publishedMatrixHtml(data);
  const fillTable = createGroupsTable(byId('groups-body'), data.groups);
  const ours = byId('matrix-ours');
  const summary = byId('summary');
  const lastChange = byId('last-change');
  let previous: ExploreResult | undefined;
  return (r, controls = []) => {
    const changed = new Map(
      (baseline ? partitionMoves(baseline.rows, r.rows) : []).map((m) => [m.group_id, m] as const),
    );
    drawScatter(r, changed, controls);
    ours.innerHTML = ourMatrixHtml(r, changed);
    fillTable(r, changed);
    summary.innerHTML = agreementHtml(r.comparison, [...changed.values()], baseline !== undefined);
    lastChange.textContent = lastChangeText(
      previous ? partitionMoves(previous.rows, r.rows) : [],
      previous !== undefined,
    );
    previous = r;
  };
}
