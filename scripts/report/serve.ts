/**
 * A static file server for report/, bound to 127.0.0.1 only. Used by
 * `npm run report:serve` and the browser tests.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ipynb': 'application/x-ipynb+json',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * Whether `file` is `root` or inside it. A plain prefix test is not enough: `/srv/report-old/x`
 * starts with `/srv/report` but is outside it.
 */
export function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Serve `dir` on 127.0.0.1:`port` (0 = any free port); resolves with the server and its base URL. */
export function serveDir(dir: string, port = 0): Promise<{ server: http.Server; url: string }> {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    let file = path.resolve(root, '.' + urlPath);
    if (!isInside(root, file) || (fs.existsSync(file) && !isInside(fs.realpathSync(root), fs.realpathSync(file)))) {
      res.writeHead(403).end('forbidden');
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      // the report has no icon: answer the browser's automatic /favicon.ico request with "no content" instead of a
      // 404, which Chromium logs as a console error on whichever page is open when the answer arrives
      if (urlPath === '/favicon.ico') res.writeHead(204).end();
      else res.writeHead(404).end('not found');
      return;
    }
    // revalidated caching: the browser keeps what it loaded (and V8 its compiled scripts: the vega bundles are
    // 1.3 MB that every notebook page loads) and asks again each time, so a rebuilt report shows at once
    const st = fs.statSync(file);
    const etag = `"${st.size.toString(36)}-${Math.floor(st.mtimeMs).toString(36)}"`;
    const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', etag, 'last-modified': st.mtime.toUTCString() };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const addr = server.address() as { port: number };
      resolve({ server, url: `http://127.0.0.1:${addr.port}/` });
    });
  });
}
