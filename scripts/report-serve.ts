/** `npm run report:serve [-- --port 8765]`: serve report/ on 127.0.0.1. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './jupyter/env.js';
import { serveDir } from './report/serve.js';

const i = process.argv.indexOf('--port');
const port = i > 0 ? Number(process.argv[i + 1]) : 8765;
const dir = path.join(ROOT, 'report');
if (!fs.existsSync(path.join(dir, 'index.html'))) {
  console.error('report/index.html does not exist yet: run `npm start` first.');
  process.exit(1);
}
serveDir(dir, port).then(({ url }) => console.log(`Serving report/ at ${url} (127.0.0.1 only; Ctrl-C to stop)`));
