// Registers the project's TypeScript kernel (tslab) for this project only.
// Writes <root>/jupyter/kernels/tslab-study/kernel.json; Jupyter finds it through
// JUPYTER_PATH=<root>/jupyter, which `npm run notebook` and `npm start` set.
// The user's global Jupyter configuration is never touched.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const kernelDir = path.join(root, 'jupyter', 'kernels', 'tslab-study');
fs.mkdirSync(kernelDir, { recursive: true });
const spec = {
  argv: [process.execPath, path.join(root, 'scripts', 'jupyter', 'kernel.cjs'), '{connection_file}'],
  display_name: 'TypeScript (study)',
  language: 'typescript',
};
fs.writeFileSync(path.join(kernelDir, 'kernel.json'), JSON.stringify(spec, null, 2) + '\n');
console.log(`study kernel registered: ${path.relative(root, kernelDir)}/kernel.json (project-local; use JUPYTER_PATH=${path.join(root, 'jupyter')})`);
