// check.mjs — the dashboard in a real browser (Debian's Chromium through playwright-core):
// no console errors, no network, sorting, filters, accent-insensitive search, escaping,
// the wheel of a selected commune, comparison, Spanish, the practice directory's filters
// and count, the Migrant Seal's column and filters (as of 2026-11-23); saves a screenshot.
// usage: node check.mjs PLAYWRIGHT_DIR INDEX_HTML SCREENSHOT_PNG COMMUNES_CSV
import { createRequire } from 'module';
import { readFileSync } from 'fs';
const [dir, page_path, shot, communes_csv] = process.argv.slice(2);
const require = createRequire(dir + '/');
const { chromium } = require('playwright-core');

let failures = 0;
const fail = (m) => { console.log('FAIL: ' + m); failures++; };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const errors = [], requests = [];
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
page.on('pageerror', (e) => errors.push(String(e)));
page.on('dialog', async (d) => { fail('a dialog opened: ' + d.message()); await d.dismiss(); });
page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url()); });
await page.goto('file://' + page_path);
await page.waitForSelector('#t[data-complete]', { state: 'attached' }); // the rows after the first screen

const visible = () => page.$$eval('#t tbody tr', (rs) => rs.filter((r) => !r.hidden)
  .map((r) => ({ name: r.dataset.name, region: r.dataset.region, overall: r.dataset.overall })));

let rows = await visible();
if (rows.length < 5) fail('only ' + rows.length + ' rows');
// Sort by overall score: highest first, then lowest first on a second click.
await page.click('button[data-k="overall"]');
rows = await visible();
const num = (r) => (r.overall === '' ? -1 : parseFloat(r.overall));
for (let i = 1; i < rows.length; i++)
  if (num(rows[i]) > num(rows[i - 1])) { fail('not sorted by overall, descending'); break; }
await page.click('button[data-k="overall"]');
rows = await visible();
for (let i = 1; i < rows.length; i++)
  if (num(rows[i]) < num(rows[i - 1]) && num(rows[i]) >= 0) { fail('not sorted by overall, ascending'); break; }
// Sort by name.
// Sort by median rank (the rank analysis, on by default): ascending, communes without one last.
await page.click('button[data-k="median"]');
const medians = await page.$$eval('#t tbody tr', (rs) => rs.map((r) => r.dataset.median));
for (let i = 1; i < medians.length; i++)
  if (medians[i] !== '' && (medians[i - 1] === '' || +medians[i] < +medians[i - 1])) { fail('not sorted by median rank: ' + medians); break; }
if (!medians.some((m) => m !== '')) fail('no median ranks in the dashboard');
// Each rank with its interval under other reasonable methods, as the PDF prints it.
const qrank = await page.$eval('#t tbody tr[data-code="13125"]', (r) => r.cells[0].textContent);
if (qrank !== '1 (1–1)') fail('Quilicura\'s rank: ' + qrank);
// The caterpillar view opens in the page's language.
await page.click('#robust summary');
if (!(await page.$('#cat svg g.row'))) fail('the caterpillar view shows no rows');
await page.click('#robust summary');
await page.click('button[data-k="name"]');
rows = await visible();
// In Spanish order (ICU's collator, as mgi's): Nogales, then Ñiquén and Ñuñoa; a fold to
// ASCII would put Ñiquén before Nogales.
const es = new Intl.Collator('es');
for (let i = 1; i < rows.length; i++)
  if (es.compare(rows[i].name, rows[i - 1].name) < 0) { fail('not sorted by name: ' + rows.map((r) => r.name).join(', ')); break; }
const ns = rows.map((r) => r.name).filter((n) => /^[NÑ]/.test(n)).join(', ');
if (ns !== 'Nogales, Ñiquén, Ñuñoa') fail('the N names in the order ' + ns);
// Filter by region.
await page.selectOption('#region', 'Antofagasta');
rows = await visible();
if (rows.length !== 1 || rows[0].region !== 'Antofagasta') fail('region filter: ' + JSON.stringify(rows));
await page.selectOption('#region', '');
// Search without accents.
await page.fill('#q', 'nunoa');
rows = await visible();
if (rows.length !== 1 || rows[0].name !== 'Ñuñoa') fail('"nunoa" does not find Ñuñoa: ' + JSON.stringify(rows));
await page.fill('#q', '');
// A name with markup is text.
const evil = await page.$$eval('#t tbody tr', (rs) => rs.map((r) => r.cells[1].textContent));
if (!evil.includes('<script>alert(1)</script>')) fail('the <script> name is not shown as text');
if (await page.$('#t tbody script')) fail('a script element came from the data');
// Level filter: communes whose first domain "meets".
await page.selectOption('#dom', '0');
await page.selectOption('#lvl', '3');
rows = await visible();
const lv = await page.$$eval('#t tbody tr', (rs) => rs.filter((r) => !r.hidden).map((r) => r.dataset['level-0']));
if (rows.length === 0 || lv.some((l) => l !== '3')) fail('level filter');
await page.selectOption('#lvl', '');
// The Migrant Seal. Expected statuses come from the test's communes.csv (names may be renamed).
const csvRows = (() => {
  const text = readFileSync(communes_csv, 'utf8'), out = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); out.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length) { row.push(field); out.push(row); }
  const head = out.shift();
  return out.map((r) => Object.fromEntries(head.map((h, k) => [h, r[k] ?? ''])));
})();
const shownCodes = async () => (await page.$$eval('#t tbody tr', (rs) => rs.filter((r) => !r.hidden)
  .map((r) => r.dataset.code))).sort();
const allCodes = await shownCodes();
const candidates = csvRows.filter((r) => r.seal_status === 'candidate' && allCodes.includes(r.code))
  .map((r) => r.code).sort();
if (candidates.length < 2) fail('the test data has ' + candidates.length + ' candidates');
await page.selectOption('#seal', 'candidate');
let codesShown = await shownCodes();
if (JSON.stringify(codesShown) !== JSON.stringify(candidates))
  fail('seal filter "candidate": ' + JSON.stringify(codesShown) + ', expected ' + JSON.stringify(candidates));
const cnames = await page.$$eval('#t tbody tr', (rs) => rs.filter((r) => !r.hidden).map((r) => r.dataset.name));
const expectedNames = csvRows.filter((r) => candidates.includes(r.code)).map((r) => r.name);
if (cnames.some((nm) => !expectedNames.includes(nm))) fail('candidate names: ' + JSON.stringify(cnames));
await page.selectOption('#seal', '');
// Every status present is an option, and only those.
const sealOpts = await page.$$eval('#seal option', (os) => os.map((o) => o.value).filter((v) => v));
const present = [...new Set(csvRows.filter((r) => allCodes.includes(r.code)).map((r) => r.seal_status || 'unknown'))];
if (sealOpts.length !== present.length || present.some((p) => !sealOpts.includes(p)))
  fail('seal options ' + JSON.stringify(sealOpts) + ', statuses ' + JSON.stringify(present));
// Due within six months of 2026-11-23, or overdue: Quilicura (2026-12-10), San Miguel (2023-06-30),
// Estación Central (2026-02-28) and Santiago (2025-03-15); no other commune.
await page.check('#due');
codesShown = await shownCodes();
const dueCodes = ['13101', '13106', '13125', '13130'];
if (JSON.stringify(codesShown) !== JSON.stringify(dueCodes))
  fail('due filter: ' + JSON.stringify(codesShown) + ', expected ' + JSON.stringify(dueCodes));
const badges = await page.$$eval('#t tbody tr', (rs) => Object.fromEntries(rs.filter((r) => !r.hidden)
  .map((r) => [r.dataset.code, (r.querySelector('.due') || {}).textContent || ''])));
if (badges['13125'] !== '2026-12-10, within six months') fail('Quilicura badge: ' + badges['13125']);
if (badges['13130'] !== '2023-06-30, overdue') fail('San Miguel badge: ' + badges['13130']);
if (badges['13106'] !== '2026-02-28, overdue') fail('Estación Central badge: ' + badges['13106']);
if (badges['13101'] !== '2025-03-15, overdue') fail('Santiago badge: ' + badges['13101']);
// Both filters together: nobody is a candidate with a revalidation due.
await page.selectOption('#seal', 'candidate');
if ((await shownCodes()).length !== 0) fail('candidate and due filters together');
await page.selectOption('#seal', '');
await page.uncheck('#due');
if ((await shownCodes()).length !== allCodes.length) fail('clearing the seal filters does not show every commune');
// Sorting by seal status: statuses in their order (none, candidate, granted, …), no data last.
await page.click('button[data-k="seal"]');
const order = await page.$$eval('#t tbody tr', (rs) => rs.map((r) => r.dataset.seal));
for (let i = 1; i < order.length; i++)
  if (order[i] !== '' && (order[i - 1] === '' || +order[i] < +order[i - 1])) { fail('not sorted by seal status: ' + order); break; }
const statusOf = async (code) => (await page.$eval('#t tbody tr[data-code="' + code + '"] td.seal', (td) => td.firstChild.textContent)).trim();
if (await statusOf('13122') !== 'Candidate') fail('Peñalolén status in English: ' + (await statusOf('13122')));
await page.selectOption('#lang', 'es');
if (await statusOf('13122') !== 'Candidato') fail('Peñalolén status in Spanish: ' + (await statusOf('13122')));
if (await statusOf('13130') !== 'Sello otorgado') fail('San Miguel status in Spanish: ' + (await statusOf('13130')));
const badgeEs = (await page.textContent('#t tbody tr[data-code="13125"] .due')).trim();
if (badgeEs !== '2026-12-10, dentro de seis meses') fail('Quilicura badge in Spanish: ' + badgeEs);
const optEs = await page.$eval('#seal option[value="candidate"]', (o) => o.textContent);
if (optEs !== 'Candidato') fail('seal option in Spanish: ' + optEs);
await page.selectOption('#lang', 'en');
await page.click('button[data-k="rank"]');
// Select a row: its wheel appears; keyboard works too (the commune's name is a button).
await page.focus('#t tbody tr td.nm button');
await page.keyboard.press('Enter');
if ((await page.$$('#one svg')).length !== 1) fail('no wheel for the selected commune');
// Compare two communes.
const codes = await page.$$eval('#ca option', (os) => os.map((o) => o.value).filter((v) => v));
await page.selectOption('#ca', codes[0]);
await page.selectOption('#cb', codes[1]);
if ((await page.$$('#pair svg')).length !== 2) fail('comparison does not show two wheels');
// Spanish.
await page.selectOption('#lang', 'es');
const h1 = await page.textContent('h1');
if (!h1.includes('comparación de comunas')) fail('no Spanish title: ' + h1);
const svgText = await page.textContent('#pair');
if (!svgText.includes('Derechos de los migrantes')) fail('the wheels are not in Spanish');
// The practice directory: its own filters, search and count.
await page.selectOption('#lang', 'en');
const prows = () => page.$$eval('#pt tr[data-ind]', (rs) => rs.filter((r) => !r.hidden && r.offsetParent !== null)
  .map((r) => ({ ind: r.dataset.ind, dom: r.dataset.dom, name: r.dataset.name, region: r.dataset.region })));
const pcount = async () => (await page.textContent('#pshown')).trim();
// The directory's rows come in when it is scrolled to (or used, or printed).
await page.locator('#practices').scrollIntoViewIfNeeded();
await page.waitForSelector('#pt tr[data-ind]', { state: 'attached', timeout: 5000 });
const all = await prows();
const total = (await page.$$('#pt tr[data-ind]')).length;
if (all.length < 20 || all.length !== total) fail('practice directory: ' + all.length + ' of ' + total + ' rows shown');
if (await pcount() !== total + ' of ' + total + ' practices shown') fail('practice count: ' + (await pcount()));
// In catalogue order, then by name (Spanish order) within an indicator.
const catalogue = await page.$$eval('#pind option', (os) => os.map((o) => o.value).filter((v) => v));
for (let i = 1; i < all.length; i++) {
  const a = catalogue.indexOf(all[i - 1].ind), b = catalogue.indexOf(all[i].ind);
  if (b < a || (a === b && es.compare(all[i].name, all[i - 1].name) < 0)) { fail('practices out of order at ' + i); break; }
}
// By indicator: only its rows, under its question.
await page.selectOption('#pind', 'MR-02');
let pr = await prows();
if (pr.length === 0 || pr.some((r) => r.ind !== 'MR-02')) fail('indicator filter: ' + JSON.stringify(pr));
if (await pcount() !== pr.length + ' of ' + total + ' practices shown') fail('count after the indicator filter: ' + (await pcount()));
const heads = await page.$$eval('#pt tbody', (bs) => bs.filter((b) => !b.hidden).map((b) => b.rows[0].textContent));
if (heads.length !== 1 || !heads[0].includes('MR-02')) fail('indicator filter: headings ' + JSON.stringify(heads));
await page.selectOption('#pind', '');
// By region: only Antofagasta's practices.
await page.selectOption('#preg', 'Antofagasta');
pr = await prows();
if (pr.length === 0 || pr.some((r) => r.region !== 'Antofagasta')) fail('practice region filter: ' + JSON.stringify(pr.slice(0, 3)));
// Region and domain together.
await page.selectOption('#pdom', '1');
const both = await prows();
if (both.some((r) => r.region !== 'Antofagasta' || r.dom !== '1') || both.length > pr.length) fail('region and domain filters together');
await page.selectOption('#pdom', '');
await page.selectOption('#preg', '');
// By GCM objective (15, basic services: MR-01 among them, WGA-10 not) and by SDG target
// (10.c, remittance costs: WB-14 alone in the catalogue); the count follows.
const lens = () => page.$$eval('#pt tr[data-ind]', (rs) => rs.filter((r) => !r.hidden && r.offsetParent !== null)
  .map((r) => ({ ind: r.dataset.ind, gcm: r.dataset.gcm, sdg: r.dataset.sdg })));
await page.selectOption('#pgcm', '15');
pr = await lens();
if (pr.length === 0 || pr.length >= total || pr.some((r) => !r.gcm.includes(' 15 ')) || !pr.some((r) => r.ind === 'MR-01') ||
    pr.some((r) => r.ind === 'WGA-10')) fail('GCM objective filter: ' + JSON.stringify(pr.slice(0, 3)));
if (await pcount() !== pr.length + ' of ' + total + ' practices shown') fail('count after the GCM filter: ' + (await pcount()));
await page.selectOption('#pgcm', '');
await page.selectOption('#psdg', '10.c');
pr = await lens();
if (pr.length === 0 || pr.some((r) => r.ind !== 'WB-14')) fail('SDG target filter: ' + JSON.stringify(pr.slice(0, 3)));
await page.selectOption('#psdg', '');
if ((await prows()).length !== total) fail('clearing the GCM and SDG filters does not show every practice');
// Search without accents finds Ñuñoa's practices, and only those.
await page.fill('#pq', 'nunoa');
pr = await prows();
if (pr.length === 0 || pr.some((r) => r.name !== 'Ñuñoa')) fail('"nunoa" in the practices: ' + JSON.stringify(pr.slice(0, 3)));
if (await pcount() !== pr.length + ' of ' + total + ' practices shown') fail('count after the search: ' + (await pcount()));
// Searching a finding's words works too.
await page.fill('#pq', 'INTERNAL PROTOCOL OF THE MUNICIPAL');
pr = await prows();
if (pr.length !== 1 || pr[0].ind !== 'MR-02') fail('search in findings: ' + JSON.stringify(pr));
await page.fill('#pq', '');
if ((await prows()).length !== total) fail('clearing the search does not show every practice');
// The name that is markup is text here too.
const pnames = await page.$$eval('#pt tr[data-ind]', (rs) => rs.map((r) => r.cells[0].textContent));
if (!pnames.includes('<script>alert(1)</script>')) fail('the <script> name is not shown as text in the practices');
if (await page.$('#pt script')) fail('a script element in the practices came from the data');
// Time a search (the page must stay usable with many practices).
const pms = await page.evaluate(() => { const t = performance.now(); const q = document.getElementById('pq');
  q.value = 'migr'; q.dispatchEvent(new Event('input')); q.value = ''; q.dispatchEvent(new Event('input'));
  return performance.now() - t; });
console.log('practice search: ' + pms.toFixed(1) + ' ms for ' + total + ' rows');
// Spanish: headings, questions and the count follow the switch.
await page.selectOption('#pind', 'MR-02');
await page.selectOption('#lang', 'es');
if (!(await page.textContent('#ptitle')).includes('Directorio de prácticas')) fail('no Spanish practice title');
const pes = await page.textContent('#pt tbody:not([hidden]) tr.ph');
if (!pes.includes('¿Explica el municipio')) fail('the question is not in Spanish: ' + pes);
if (!/^\d+ de \d+ prácticas$/.test(await pcount())) fail('the count is not in Spanish: ' + (await pcount()));
// No label shows its strings.ini key instead of its words (a key the page was not given).
const rawKeys = () => page.evaluate(() => {
  const out = [], w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode())
    if (/^\s*[a-z]+(\.[a-z0-9_]+)+\s*$/.test(n.textContent)) out.push(n.textContent.trim());
  return out; });
for (const l of ['es', 'en']) {
  await page.selectOption('#lang', l);
  const raw = await rawKeys();
  if (raw.length) fail('keys shown instead of words (' + l + '): ' + raw.join(', '));
}
await page.selectOption('#lang', 'en');
if (!/ of \d+ practices shown$/.test(await pcount())) fail('the count is not back in English: ' + (await pcount()));
await page.selectOption('#pind', '');
await page.selectOption('#lang', 'es');
// Time a sort (the page must stay usable with many communes).
const ms = await page.evaluate(() => { const t = performance.now();
  document.querySelector('button[data-k="d0"]').click(); return performance.now() - t; });
console.log('sort: ' + ms.toFixed(1) + ' ms for ' + (await page.$$('#t tbody tr')).length + ' rows');
await page.selectOption('#lang', 'en');
// On a 1280-pixel screen the overall score, which sorts the table, shows without scrolling
// it sideways; and the red and amber bars beside names have their key under the table.
await page.setViewportSize({ width: 1280, height: 900 });
const clip = await page.evaluate(() => {
  const wrap = document.querySelector('#t').parentElement.getBoundingClientRect();
  const th = document.querySelector('#t thead button[data-k="overall"]').closest('th').getBoundingClientRect();
  return th.right - wrap.right; });
if (clip > 0) fail('at 1280 pixels the Overall column is cut by ' + clip.toFixed(0) + ' px');
if (await page.$$eval('#t tr.late, #t tr.soon', (rs) => rs.length) &&
    !/Migrant Seal's revalidation is overdue/.test(await page.textContent('main')))
  fail('bars beside names without their key');
await page.setViewportSize({ width: 1400, height: 1000 });
await page.screenshot({ path: shot, fullPage: true });
if (errors.length) fail('console errors: ' + errors.join(' | '));
if (requests.length) fail('network requests: ' + requests.join(' '));
await browser.close();
console.log('dashboard: ' + failures + ' failures');
process.exit(failures ? 1 : 0);
