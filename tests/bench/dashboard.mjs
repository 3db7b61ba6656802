// dashboard.mjs — times the dashboard in Chromium: opening (the load event: the first screen
// of rows), every row in, sorts by four columns, a search.
// usage: node dashboard.mjs INDEX_HTML PLAYWRIGHT_DIR
import { createRequire } from 'module';
const require = createRequire(process.argv[3] + '/');
const { chromium } = require('playwright-core');
const b = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const p = await b.newPage();
const t0 = Date.now();
await p.goto('file://' + process.argv[2]);
const load = Date.now() - t0;
await p.waitForSelector('#t[data-complete]', { state: 'attached' }); // the rows after the first screen
const all = Date.now() - t0;
const ms = [];
for (const k of ['d0', 'overall', 'name', 'd3'])
  ms.push(await p.evaluate((k) => { const t = performance.now();
    document.querySelector(`button[data-k="${k}"]`).click(); return performance.now() - t; }, k));
const f = await p.evaluate(() => { const t = performance.now(); const q = document.getElementById('q');
  q.value = 'nunoa'; q.dispatchEvent(new Event('input')); return performance.now() - t; });
console.log(`${(await p.$$('#t tbody tr')).length} communes: open ${load} ms, every row ${all} ms; sorts ` +
  `${ms.map((x) => x.toFixed(1)).join(', ')} ms; search ${f.toFixed(1)} ms (target: sort < 100 ms)`);
await b.close();
