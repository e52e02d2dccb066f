/** The report's solution blocks (scripts/report/solutions.ts): each solution cell closed in a <details>; idempotent. */
import { describe, expect, it } from 'vitest';
import { collapseSolutions } from '../../../../scripts/report/solutions.js';

describe('report: solution blocks', () => {
  const cell = (tags: string, body: string) => `<div class="jp-Cell jp-CodeCell jp-Notebook-cell   ${tags}">\n<div class="jp-Cell-inputWrapper"><div class="x">${body}</div></div>\n<div class="jp-Cell-outputWrapper"><div>out</div></div>\n</div>`;

  it('wraps each solution cell, input and output, in a closed <details>; other cells untouched; idempotent', () => {
    const html = `<body>${cell('', 'a')}\n${cell('celltag_solution', 'b')}\n${cell('celltag_solution celltag_x', 'c')}</body>`;
    const out = collapseSolutions(html);
    expect(out).toBe(
      `<body>${cell('', 'a')}\n<details class="study-solution"><summary>Show solution</summary>${cell('celltag_solution', 'b')}</details>\n` +
        `<details class="study-solution"><summary>Show solution</summary>${cell('celltag_solution celltag_x', 'c')}</details></body>`,
    );
    expect(collapseSolutions(out)).toBe(out);
    expect(out).not.toMatch(/<details[^>]*\bopen\b/);
  });
});
