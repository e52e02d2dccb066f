#!/usr/bin/env node
// The project kernel's launcher: runs tslab with the working directory at the
// project root, so notebooks import the library as './lib/index.js' and tslab's
// rootDir covers lib/. Jupyter passes the connection file as the only argument.
'use strict';
const path = require('node:path');
const { spawn } = require('node:child_process');

const root = path.resolve(__dirname, '..', '..');
const connectionFile = process.argv[2];
if (!connectionFile) {
  console.error('kernel.cjs: missing connection file argument');
  process.exit(2);
}
const tslab = path.join(root, 'node_modules', 'tslab', 'bin', 'tslab');
const child = spawn(process.execPath, [tslab, 'kernel', '--config-path', path.resolve(connectionFile)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, STUDY_PROJECT_ROOT: root },
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
