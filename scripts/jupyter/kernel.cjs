#!/usr/bin/env node
// The project kernel's launcher. Jupyter passes the connection file as the only argument.
//
// 1. Makes sure the compiled library for the current lib/ sources exists
//    (scripts/jupyter/kernel-build.cjs: .kernel-root/builds/<hash>/lib, CommonJS
//    .js + .d.ts; compiled now if lib/ changed since the last build, so a kernel
//    never runs a stale library).
// 2. Interactive kernels (Jupyter, not the headless runs of npm start, the tests
//    and the grader, which set STUDY_HEADLESS=1) claim a warm spare when one is
//    ready for this build (scripts/jupyter/kernel-spare.cjs: TypeScript already
//    loaded and the declarations parsed, so the kernel answers in a fraction of
//    a second), and leave one warm spare behind for the next kernel, started 3 s
//    later (after this kernel's own start and first import). This process then forwards interrupts and output, and its end
//    ends the spare. STUDY_KERNEL_SPARE=0 turns spares off; unclaimed spares exit
//    after 10 minutes (STUDY_KERNEL_SPARE_IDLE_MS).
// 3. Otherwise it runs tslab in this process (no second Node.js start) with its
//    working directory in that build, so the notebooks'
//    `import * as study from './lib/index.js'` reads declarations instead of
//    type-checking the library's sources in every fresh kernel. The build has no
//    package.json: projectRoot() finds the real project above it (data/,
//    notebooks/, node_modules/).
// If the build fails (e.g. a syntax error in lib/), tslab runs at the project
// root on the sources, as before, so the notebook shows the compiler's error.
'use strict';
const path = require('node:path');
const { ensureBuild } = require('./kernel-build.cjs');
const spares = require('./spares.cjs');

const root = path.resolve(__dirname, '..', '..');
const connectionFile = process.argv[2];
if (!connectionFile) {
  console.error('kernel.cjs: missing connection file argument');
  process.exit(2);
}
let build;
if (process.env.STUDY_KERNEL_SOURCES !== '1') {
  try {
    build = ensureBuild(root, { log: (s) => console.error(s) });
  } catch (e) {
    console.error(`${e.message}\nkernel.cjs: running tslab on the library's sources instead.`);
  }
}
const cwd = build ? build.dir : root;
const SPARE_DELAY_MS = 3000;
const config = path.resolve(connectionFile);
process.env.STUDY_PROJECT_ROOT = root;
process.env.STUDY_KERNEL_LIB = path.join(cwd, 'lib');

function runInProcess() {
  const tslab = path.join(root, 'node_modules', 'tslab', 'bin', 'tslab');
  // tslab reads its working directory (the compiler's root, the cells' require()) and its arguments at start;
  // Jupyter's interrupt (SIGINT) and shutdown reach tslab directly
  process.chdir(cwd);
  process.argv = [process.execPath, tslab, 'kernel', '--config-path', config];
  require(path.join(root, 'node_modules', 'tslab', 'dist', 'main.js')).main();
}

if (!build || !spares.enabled(process.env)) {
  runInProcess();
} else {
  spares
    .claim(root, build.hash, config, process.env)
    .then((spare) => {
      // the next kernel's spare warms up once this kernel has started and read the library (not beside it)
      setTimeout(() => spares.ensureOne(root, build, process.env), SPARE_DELAY_MS).unref();
      if (!spare) return runInProcess();
      // the spare is the kernel now: its output is ours, our signals are its, our end is its end
      spare.conn.on('data', (d) => process.stderr.write(d));
      spare.conn.on('close', () => process.exit(0));
      for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
        process.on(sig, () => {
          try {
            process.kill(spare.pid, sig);
          } catch {
            /* already gone */
          }
          if (sig !== 'SIGINT') process.exit(0);
        });
      }
    })
    .catch((e) => {
      console.error(`kernel.cjs: no spare (${e.message}); starting tslab here.`);
      runInProcess();
    });
}
