#!/usr/bin/env node
// The project kernel's launcher. Jupyter passes the connection file as the only argument.
//
// 1. Makes sure the compiled library for the current lib/ sources exists
//    (scripts/jupyter/kernel-build.cjs: .kernel-root/builds/<hash>/lib, CommonJS
//    .js + .d.ts; compiled now if lib/ changed since the last build, so a kernel
//    never runs a stale library).
// 2. Runs tslab in this process (no second Node.js start: 0.3 s less per kernel)
//    with its working directory in that build, so the notebooks'
//    `import * as study from './lib/index.js'` reads declarations instead of
//    type-checking the library's sources in every fresh kernel. The build has no
//    package.json: projectRoot() finds the real project above it (data/,
//    notebooks/, node_modules/).
// If the build fails (e.g. a syntax error in lib/), tslab runs at the project
// root on the sources, as before, so the notebook shows the compiler's error.
'use strict';
const path = require('node:path');
const { ensureBuild } = require('./kernel-build.cjs');

const root = path.resolve(__dirname, '..', '..');
const connectionFile = process.argv[2];
if (!connectionFile) {
  console.error('kernel.cjs: missing connection file argument');
  process.exit(2);
}
let cwd = root;
if (process.env.STUDY_KERNEL_SOURCES !== '1') {
  try {
    cwd = ensureBuild(root, { log: (s) => console.error(s) }).dir;
  } catch (e) {
    console.error(`${e.message}\nkernel.cjs: running tslab on the library's sources instead.`);
  }
}
const tslab = path.join(root, 'node_modules', 'tslab', 'bin', 'tslab');
const config = path.resolve(connectionFile);
process.env.STUDY_PROJECT_ROOT = root;
process.env.STUDY_KERNEL_LIB = path.join(cwd, 'lib');
// tslab reads its working directory (the compiler's root, the cells' require()) and its arguments at start;
// Jupyter's interrupt (SIGINT) and shutdown now reach tslab directly
process.chdir(cwd);
process.argv = [process.execPath, tslab, 'kernel', '--config-path', config];
require(path.join(root, 'node_modules', 'tslab', 'dist', 'main.js')).main();
