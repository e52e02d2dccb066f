/**
 * Notebooks import one thing from the library: `import * as study from './lib/index.js'` (plus arquero and
 * danfojs where used); steps are reached as `study.<step>.…` or top-level names.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve('notebooks', 'src');
const ALLOWED = new Set(["import * as study from './lib/index.js';", "import * as aq from 'arquero';", "import * as dfd from 'danfojs-node';"]);

describe('notebook imports', () => {
  const files = fs.readdirSync(SRC).filter((f) => f.endsWith('.txt')).sort();
  it('there are ten notebook sources', () => expect(files).toHaveLength(10));
  for (const f of files) {
    it(`${f} imports only ./lib/index.js, arquero and danfojs-node`, () => {
      const text = fs.readFileSync(path.join(SRC, f), 'utf8');
      const imports = text.split('\n').filter((l) => /^import\s.+\sfrom\s/.test(l)).map((l) => l.trim());
      expect(imports).toContain("import * as study from './lib/index.js';");
      expect(imports.filter((l) => !ALLOWED.has(l))).toEqual([]);
      expect(text).not.toMatch(/require\(['"]\.\/lib\//);
    });
  }
});
