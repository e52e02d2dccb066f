import { it } from 'vitest';
import { launchChromium } from './helpers/browser.js';
import { serveDir } from '../scripts/report/serve.js';
it('t', async () => {
  const b = await launchChromium();
  const { server, url } = await serveDir('tests/.artifacts/report');
  const c = await b.newContext({ viewport: { width: 1200, height: 900 } });
  for (const p of ['04-partition.html', '03-indices.html', '05-macro-adjustment.html', '06-validation.html', '07-sensitivity.html', '04-partition.html']) {
    const page = await c.newPage();
    const t0 = performance.now();
    await page.goto(url + p, { waitUntil: 'load' });
    console.log(p, (performance.now() - t0).toFixed(0));
    await page.close();
  }
  await b.close(); server.close();
}, 120000);
