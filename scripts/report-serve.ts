/** `npm run report:serve [-- --port 8765]`: serve report/ on 127.0.0.1. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { numberOption, parseCli, parsedOrExit, scriptHelp } from './cli.js';
import { ROOT } from './jupyter/env.js';
import { serveDir } from './report/serve.js';

const COMMAND = 'npm run report:serve';

/**
 * The command line of `npm run report:serve`: `--port N` (default 8765; 0 picks a free port).
 * @throws {UsageError} for an unknown option, a missing value or a port that is not a whole number from 0 to 65535
 */
export function parseServeArgs(argv: string[]): { help: true } | { help: false; port: number } {
  const cli = parseCli(COMMAND, argv, { options: { port: { type: 'string' } } });
  if (cli.help) return cli;
  const { port } = cli.values;
  return {
    help: false,
    port: port === undefined ? 8765 : numberOption(COMMAND, 'port', port, { integer: true, min: 0, max: 65535 }),
  };
}

function main(): void {
  const args = parsedOrExit(() => parseServeArgs(process.argv.slice(2)));
  if (args.help) {
    console.log(scriptHelp(__filename));
    return;
  }
  const dir = path.join(ROOT, 'report');
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    console.error('report/index.html does not exist yet: run `npm start` first.');
    process.exit(1);
  }
  serveDir(dir, args.port).then(({ url }) => console.log(`Serving report/ at ${url} (127.0.0.1 only; Ctrl-C to stop)`));
}

if (require.main === module) main();
