#!/usr/bin/env node
// A warm spare kernel (started in the background by scripts/jupyter/kernel.cjs).
//
// Most of a fresh tslab kernel's start-up (≈ 1.8 s of CPU here) goes into loading TypeScript and parsing the
// standard library's and Node's declarations before the first cell can be compiled. A spare does that work ahead
// of time, for one compiled library build (its <hash>), then waits, listening on a Unix socket in a folder only
// this user can open. The next kernel Jupyter launches claims it: the launcher sends the connection file and its
// environment; the spare takes them over, binds Jupyter's sockets and is the kernel from then on (the launcher
// stays as the process Jupyter knows: it forwards interrupts and output, and when it dies the spare dies too).
// A spare serves one kernel, holds no user state before it is claimed, and exits after `idleMs` unclaimed, or
// within 2 s of the end of its owner (the Jupyter server whose kernel started it), so no spare outlives Jupyter
// however Jupyter was started (`npm run notebook`, or a plain `jupyter lab`).
//
// Usage (by spares.cjs only): node kernel-spare.cjs <project root> <build dir> <socket path> <idle ms> [<owner pid>]
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { onFirstLine } = require('./spares.cjs');

const [root, buildDir, sock, idleArg, ownerArg] = process.argv.slice(2);
if (!root || !buildDir || !sock) {
  console.error('kernel-spare.cjs: usage: <project root> <build dir> <socket path> <idle ms>');
  process.exit(2);
}
const pidFile = sock.replace(/\.sock$/, '.pid');
const tslabDist = path.join(root, 'node_modules', 'tslab', 'dist');
process.chdir(buildDir);

const { createConverter } = require(path.join(tslabDist, 'converter.js'));
const { createExecutor } = require(path.join(tslabDist, 'executor.js'));
const { ZmqServer, JupyterHandlerImpl } = require(path.join(tslabDist, 'jupyter.js'));
require(require.resolve('zeromq', { paths: [tslabDist] }));

// what tslab's startKernel builds, warmed now: TypeScript loaded, the lib and @types declarations parsed
let nodeConv;
let browserConv;
const convs = {
  get node() {
    return (nodeConv ??= createConverter({ isJS: false, isBrowser: false }));
  },
  get browser() {
    return (browserConv ??= createConverter({ isJS: false, isBrowser: true }));
  },
  close() {
    nodeConv?.close();
    browserConv?.close();
  },
};
convs.node;

const cleanup = () => {
  fs.rmSync(sock, { force: true });
  fs.rmSync(pidFile, { force: true });
};
const server = net.createServer();
const idle = setTimeout(() => {
  server.close();
  cleanup();
  process.exit(0);
}, Number(idleArg) || 600_000);
let claimed = false;
const owner = Number(ownerArg);
const ownerWatch =
  owner > 1
    ? setInterval(() => {
        if (claimed) return clearInterval(ownerWatch);
        try {
          process.kill(owner, 0);
        } catch (e) {
          if (e.code === 'EPERM') return; // alive, another user's
          server.close();
          cleanup();
          process.exit(0);
        }
      }, 2000)
    : undefined;
ownerWatch?.unref();

server.on('connection', (conn) => {
  if (claimed) return conn.destroy();
  claimed = true;
  clearTimeout(idle);
  if (ownerWatch) clearInterval(ownerWatch);
  server.close();
  cleanup();
  onFirstLine(conn, (line) => {
    let req;
    try {
      req = JSON.parse(line);
    } catch {
      process.exit(1);
    }
    becomeKernel(req, conn);
  });
  // the launcher is the kernel as Jupyter sees it: when it goes (shutdown, kill, crash), this process goes
  conn.on('close', () => process.exit(0));
  conn.on('error', () => process.exit(0));
});

function becomeKernel(req, conn) {
  for (const k of Object.keys(process.env)) if (!(k in req.env)) delete process.env[k];
  Object.assign(process.env, req.env);
  conn.write(`${JSON.stringify({ ok: true, pid: process.pid })}\n`);
  // from here on everything this process prints goes to the launcher, which prints it where Jupyter logs it
  const forward = (chunk, encoding, cb) => {
    const done = typeof encoding === 'function' ? encoding : cb;
    conn.write(chunk, typeof encoding === 'string' ? encoding : undefined, done);
    return true;
  };
  process.stdout.write = forward;
  process.stderr.write = forward;
  const executor = createExecutor(process.cwd(), convs, { log: console.log, error: console.error });
  const zmq = new ZmqServer(new JupyterHandlerImpl(executor, false), req.config);
  const close = zmq.close.bind(zmq);
  zmq.close = () => {
    close();
    conn.end();
  };
  process.on('SIGINT', () => executor.interrupt());
  process.on('uncaughtException', (err) => console.error('UncaughtException:', err));
  process.on('unhandledRejection', (reason) => console.error('UnhandledPromiseRejection:', reason));
  zmq.init();
}

server.on('error', () => {
  cleanup();
  process.exit(1);
});
process.on('SIGTERM', () => {
  if (!claimed) cleanup();
  process.exit(0);
});
server.listen(sock);
