/**
 * The report's static server serves its folder and nothing outside it: not `..`, not an encoded `..`,
 * not a sibling folder whose name starts with the root's name, not a symlink leading out.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInside, serveDir } from '../../../../scripts/report/serve.js';
import { tempDir } from '../../../helpers/temp.js';

const tmp = tempDir('serve-');
const root = path.join(tmp, 'report');
let server: http.Server;
let port: number;

/** A raw GET with the path sent exactly as written (no client-side normalisation). */
function get(rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  fs.mkdirSync(path.join(root, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<p>report</p>');
  fs.writeFileSync(path.join(root, 'sub', 'a.csv'), 'x\n1\n');
  fs.mkdirSync(path.join(tmp, 'report-old'));
  fs.writeFileSync(path.join(tmp, 'report-old', 'secret.txt'), 'SECRET-SIBLING');
  fs.writeFileSync(path.join(tmp, 'outside.txt'), 'SECRET-PARENT');
  fs.symlinkSync(path.join(tmp, 'outside.txt'), path.join(root, 'link.txt'));
  const s = await serveDir(root);
  server = s.server;
  port = (server.address() as { port: number }).port;
  expect(s.url).toBe(`http://127.0.0.1:${port}/`);
});
afterAll(() => {
  server?.close();
});

describe('serveDir', () => {
  it('serves files inside the folder, index.html for a folder, 404 for a missing file', async () => {
    expect(await get('/')).toEqual({ status: 200, body: '<p>report</p>' });
    expect(await get('/sub/a.csv')).toEqual({ status: 200, body: 'x\n1\n' });
    expect((await get('/nothing.html')).status).toBe(404);
  });
  it('answers the browser\u2019s /favicon.ico request with 204 (no content) when the folder has no icon, and serves one that is there', async () => {
    expect(await get('/favicon.ico')).toEqual({ status: 204, body: '' });
    expect((await get('/sub/favicon.ico')).status).toBe(404); // only the browser's request at the root
    fs.writeFileSync(path.join(root, 'favicon.ico'), 'ICON');
    try {
      expect(await get('/favicon.ico')).toEqual({ status: 200, body: 'ICON' });
    } finally {
      fs.rmSync(path.join(root, 'favicon.ico'));
    }
  });
  it('refuses a sibling folder that shares the root name as prefix', async () => {
    for (const p of ['/../report-old/secret.txt', '/%2e%2e/report-old/secret.txt', '/..%2freport-old%2fsecret.txt']) {
      const r = await get(p);
      expect(r.body).not.toContain('SECRET');
      expect([403, 404]).toContain(r.status);
    }
  });
  it('refuses the parent folder and a symlink leading out', async () => {
    // a literal '/../' is removed by URL parsing ('/outside.txt' inside the root: not there → 404);
    // an encoded one reaches the path check (403); a symlink out is caught by the real-path check (403)
    const cases: [string, number][] = [['/../outside.txt', 404], ['/%2e%2e%2foutside.txt', 403], ['/link.txt', 403]];
    for (const [p, status] of cases) {
      const r = await get(p);
      expect(r.body).not.toContain('SECRET');
      expect(r.status, p).toBe(status);
    }
  });
  it('a malformed escape is a 400, not a crash', async () => {
    expect((await get('/%E0%A4%A')).status).toBe(400);
    expect((await get('/')).status).toBe(200);
  });
});

describe('isInside', () => {
  it('is a path test, not a prefix test', () => {
    expect(isInside('/srv/report', '/srv/report')).toBe(true);
    expect(isInside('/srv/report', '/srv/report/a/b.html')).toBe(true);
    expect(isInside('/srv/report', '/srv/report-old/x')).toBe(false);
    expect(isInside('/srv/report', '/srv/x')).toBe(false);
    expect(isInside('/srv/report', '/srv/report/../report-old')).toBe(false);
  });
});

describe('revalidated caching', () => {
  function getWith(rawPath: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; etag?: string; cache?: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET', headers }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, etag: res.headers.etag, cache: res.headers['cache-control'] }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('sends an ETag with no-cache, answers 304 while the file is unchanged and 200 with the new bytes after a change', async () => {
    const file = path.join(root, 'sub', 'cached.css');
    fs.writeFileSync(file, 'body{color:red}');
    const first = await getWith('/sub/cached.css');
    expect(first).toMatchObject({ status: 200, body: 'body{color:red}', cache: 'no-cache' });
    expect(first.etag).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/);
    const again = await getWith('/sub/cached.css', { 'if-none-match': first.etag! });
    expect([again.status, again.body]).toEqual([304, '']);
    fs.writeFileSync(file, 'body{color:blue;}');
    const changed = await getWith('/sub/cached.css', { 'if-none-match': first.etag! });
    expect(changed.status).toBe(200);
    expect(changed.body).toBe('body{color:blue;}');
    expect(changed.etag).not.toBe(first.etag);
  });
});
