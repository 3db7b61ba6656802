// policy.mjs — the dashboard as a policymaker uses it (issues 24 and 18), in Debian's Chromium:
// every commune compared with its year; the wheel of a selected commune in view at 1366×900;
// both names on the comparison wheels; printing (A4: every column header and the selected
// wheel, at most MAX_PAGES pages); a phone (390×844: filters behind a button, the commune
// column pinned, 24-pixel targets); Spanish without English words and with decimal commas;
// axe-core (WCAG 2.0/2.1 A and AA) with no violation in both languages; the keyboard path;
// a finding's Markdown as the PDF shows it (only http, https and mailto links).
// usage: node policy.mjs PLAYWRIGHT_DIR INDEX_HTML EXPECTED_ROWS OUT_PREFIX MAX_PAGES [MARKDOWN]
//   EXPECTED_ROWS: a file of "code,year" lines, the latest assessment of every commune
import { createRequire } from 'module';
import { readFileSync, statSync } from 'fs';
import { execFileSync } from 'child_process';
const [dir, html, expected_rows, out, max_pages, markdown] = process.argv.slice(2);
const require = createRequire(dir + '/');
const { chromium } = require('playwright-core');
const axePath = require.resolve('axe-core/axe.min.js');

let failures = 0;
const fail = (m) => { console.log('FAIL: ' + m); failures++; };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const open = async (width, height) => {
  const page = await browser.newPage({ viewport: { width, height } });
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('dialog', async (d) => { fail('a dialog opened: ' + d.message()); await d.dismiss(); });
  const t0 = Date.now();
  await page.goto('file://' + html);
  page.loadMs = Date.now() - t0;
  await page.waitForSelector('#t[data-complete]', { state: 'attached' }); // the rows after the first screen
  page.completeMs = Date.now() - t0;
  return page;
};
const axe = async (page, what) => {
  await page.addScriptTag({ path: axePath });
  const r = await page.evaluate(() => window.axe.run(document,
    { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  for (const v of r.violations)
    fail(`axe (${what}): ${v.id}: ${v.help} — ${v.nodes.length} nodes, e.g. ${v.nodes[0].target.join(' ')}`);
  return r.violations.length;
};

const size = statSync(html).size;
console.log(`dashboard: ${(size / 1e6).toFixed(2)} MB`);

// 1. Every commune, with the year of its latest assessment.
let page = await open(1366, 900);
console.log(`opened in ${page.loadMs} ms, every row in ${page.completeMs} ms`);
const want = readFileSync(expected_rows, 'utf8').trim().split('\n').sort();
const got = (await page.$$eval('#t tbody tr', (rs) => rs.map((r) => r.dataset.code + ',' + r.cells[2].textContent))).sort();
if (JSON.stringify(got) !== JSON.stringify(want))
  fail(`rows: ${got.length} shown, ${want.length} expected; first differences: ` +
       JSON.stringify(got.filter((x) => !want.includes(x)).slice(0, 3)) + ' / ' +
       JSON.stringify(want.filter((x) => !got.includes(x)).slice(0, 3)));
const years = new Set(want.map((w) => w.split(',')[1]));
const note = await page.textContent('#viewnote');
if (!note.includes(String(want.length)) || !note.includes('latest'))
  fail('the page does not say what it compares: ' + note);
if (years.size > 1 && !note.includes([...years].sort()[0] + '–' + [...years].sort().pop()))
  fail('the page does not give the years compared: ' + note);
if (years.size > 1) {
  // One year only: that year's communes, ranked among themselves.
  const y = [...years].sort().pop();
  await page.selectOption('#view', y);
  const ys = await page.$$eval('#t tbody tr', (rs) => rs.map((r) => r.cells[2].textContent));
  const n = want.filter((w) => w.endsWith(',' + y)).length;
  if (ys.some((x) => x !== y) || ys.length < n) fail(`the ${y} view shows ${ys.length} rows of years ${[...new Set(ys)]}`);
  const ranks = await page.$$eval('#t tbody tr', (rs) => rs.map((r) => +r.dataset.rank).filter((x) => x));
  if (Math.max(...ranks) > ys.length) fail(`the ${y} view ranks beyond its ${ys.length} communes`);
  if (!(await page.textContent('#viewnote')).includes(y)) fail('the year view does not say its year');
  await page.selectOption('#view', 'default');
}

// 2. Selecting a row far down the table puts its wheel in the viewport.
const rows = await page.$$('#t tbody tr');
const far = rows[Math.min(rows.length - 1, 40)];
await far.scrollIntoViewIfNeeded();
const farName = await far.getAttribute('data-name');
await far.$eval('td.nm button', (b) => b.click());
const box = await page.$eval('#one svg', (s) => { const r = s.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, h: innerHeight }; });
if (box.top < 0 || box.bottom > box.h) fail('the selected wheel is out of view at 1366×900: ' + JSON.stringify(box));
if (!(await page.textContent('#one h3')).startsWith(farName)) fail('the wheel is not named ' + farName);
const label = await page.getAttribute('#one svg', 'aria-label');
if (!label || !label.includes(farName) || !label.includes('Overall')) fail('the wheel has no text alternative: ' + label);

// 3. The comparison: both wheels carry their commune's name; the selectors are labelled in words.
const codes = await page.$$eval('#ca option', (os) => os.map((o) => [o.value, o.textContent]).filter((v) => v[0]));
await page.selectOption('#ca', codes[0][0]);
await page.selectOption('#cb', codes[1][0]);
const heads = await page.$$eval('#pair h3', (hs) => hs.map((h) => h.textContent));
if (heads.length !== 2 || !heads[0].startsWith(codes[0][1]) || !heads[1].startsWith(codes[1][1]))
  fail('the comparison wheels are not named: ' + JSON.stringify(heads));
const caLabel = await page.$eval('#ca', (s) => s.labels[0].textContent.trim());
if (caLabel === 'A' || caLabel.length < 5) fail('the first comparison selector is labelled ' + caLabel);
// The domain selector sorts by that domain and highlights its column.
await page.selectOption('#dom', '3');
const d3 = await page.$$eval('#t tbody tr', (rs) => rs.map((r) => r.dataset.d3 === '' ? -1 : +r.dataset.d3));
for (let i = 1; i < d3.length; i++) if (d3[i] > d3[i - 1]) { fail('the domain selector does not sort by it'); break; }
if (!(await page.$('#t thead th.hl button[data-k="d3"]'))) fail('the domain chosen is not highlighted');
// The header stays in view when the table scrolls.
await page.$eval('#t', (t) => { t.closest('.wrap').scrollTop = 600; });
const th = await page.$eval('#t thead th', (h) => { const r = h.getBoundingClientRect(), w = h.closest('.wrap').getBoundingClientRect(); return r.top - w.top; });
if (rows.length > 30 && Math.abs(th) > 2) fail('the table header scrolls away: ' + th);
await page.$eval('#t', (t) => { t.closest('.wrap').scrollTop = 0; });
await page.selectOption('#dom', String(await page.$$eval('#dom option', (o) => o.length - 1)));

// 4. Print: A4, every column header, the selected commune's wheel and the comparison.
const selName = farName;
await page.emulateMedia({ media: 'print' });
const pdf = out + '-print.pdf';
await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true });
await page.emulateMedia({ media: 'screen' });
const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 }).replace(/\s+/g, ' ');
const pages = +/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1];
const headers = await page.$$eval('#t thead th', (hs) => hs.filter((h) => !h.classList.contains('links')).map((h) => h.textContent.trim()));
// Headers wrap over lines, which text extraction may take apart: each word must be there.
for (const h of headers) if (h.split(/\s+/).some((w) => !text.includes(w))) fail('the print has no column "' + h + '"');
if (!text.includes(selName + ' (')) fail('the print has no wheel of ' + selName);
if (!text.includes(codes[1][1] + ' (')) fail('the print has no comparison');
if (text.includes('Practice directory') && !text.includes('Include the practice')) fail('the practice directory printed unasked');
if (pages > +max_pages) fail(`the print has ${pages} pages (at most ${max_pages})`);
console.log(`print: ${pages} pages`);
execFileSync('pdftoppm', ['-r', '50', '-f', '1', '-l', '2', '-png', pdf, out + '-print']);
// With the box ticked, the practice directory prints too (on the demo: at 345 communes it
// is hundreds of pages).
if (+max_pages <= 50) {
await page.check('#pprint');
await page.emulateMedia({ media: 'print' });
await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
const pdf2 = out + '-print-practices.pdf';
await page.pdf({ path: pdf2, format: 'A4', preferCSSPageSize: true });
await page.emulateMedia({ media: 'screen' });
const text2 = execFileSync('pdftotext', [pdf2, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
if (!text2.includes('Practice directory') || !text2.includes('See the plan'))
  fail('the practice directory does not print when asked for');
await page.uncheck('#pprint');
}

// 5. axe-core and the screenshot, English then Spanish (with the practice directory shown).
await page.locator('#practices').scrollIntoViewIfNeeded();
await page.waitForSelector('#pt tr[data-ind]', { state: 'attached', timeout: 10000 });
// At 345 communes the directory holds thousands of rows: axe reads one indicator's.
if (+max_pages > 50) await page.selectOption('#pind', await page.$eval('#pind option:nth-child(2)', (o) => o.value));
await page.evaluate(() => window.scrollTo(0, 0));
await page.screenshot({ path: out + '-1366.png' });
await axe(page, 'English');
await page.selectOption('#lang', 'es');
await axe(page, 'Spanish');
// 6. Spanish: no English word left, decimal commas, the title and lang follow.
if ((await page.getAttribute('html', 'lang')) !== 'es') fail('lang does not follow the switch');
if (!(await page.title()).startsWith('IGM Locales')) fail('the page title stays English: ' + (await page.title()));
const shown = await page.evaluate(() => [document.querySelector('header').innerText,
  document.querySelector('#filters').innerText, document.querySelector('#t thead').innerText,
  document.querySelector('#detail').innerText, document.querySelector('#practices .controls').innerText,
  [...document.querySelectorAll('select:not(#ca):not(#cb):not(#region):not(#preg) option')].map((o) => o.textContent).join(' ')]
  .join(' ').replace(/\S*Synthetic Commune \d+/g, ''));
for (const w of ['Overall', 'Rank', 'Commune', 'Region', 'Domain', 'Print', 'Documents', 'Latest', 'All',
                 'Compare', 'Search', 'Year', 'Profile', 'Downloads', 'Migrants\' rights', 'Meets', 'Insufficient'])
  if (new RegExp('\\b' + w + '\\b').test(shown)) fail('English in the Spanish page: "' + w + '"');
const nums = await page.$$eval('#t tbody tr:not([hidden]) td.s', (ts) => ts.map((t) => t.textContent));
if (nums.some((x) => /\d\.\d\d/.test(x)) || !nums.some((x) => /\d,\d\d/.test(x))) fail('Spanish numbers: ' + nums.slice(0, 8));
const wheelEs = await page.textContent('#one');
if (/\d\.\d\d/.test(wheelEs) || !/\d,\d\d/.test(wheelEs)) fail('the wheel does not use decimal commas in Spanish');
const annex = await page.$eval('#t tbody tr td.links a:last-child', (a) => a.getAttribute('href')).catch(() => null);
if (annex !== null && !annex.endsWith('annex.es.xlsx')) fail('the Spanish annex link goes to ' + annex);
const dl = await page.$$eval('#downloads a', (as) => as.map((a) => a.getAttribute('href')));
for (const f of ['comparison.es.pdf', 'comparison.es.xlsx', 'practices.es.xlsx'])
  if (!dl.some((h) => h.endsWith(f))) fail('no link to ' + f + ': ' + dl);
await page.screenshot({ path: out + '-es.png' });
if (page.errors.length) fail('console errors: ' + page.errors.join(' | '));
await page.close();

// 7. The keyboard path: sort, select, compare, language, filters; focus visible.
page = await open(1366, 900);
const tabTo = async (pred, max = 80) => {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(pred)) return true;
  }
  return false;
};
if (!(await tabTo(() => document.activeElement.id === 'q'))) fail('keyboard: no way to the search field');
await page.keyboard.type('zzzz');
if ((await page.$$eval('#t tbody tr:not([hidden])', (r) => r.length)) !== 0) fail('keyboard: the search does not filter');
await page.keyboard.press('Control+A'); await page.keyboard.press('Backspace');
if (!(await tabTo(() => document.activeElement.dataset.k === 'overall'))) fail('keyboard: no way to the Overall column');
const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
if (outline === 'none') fail('keyboard: no visible focus');
await page.keyboard.press('Enter');
const sortState = await page.$eval('button[data-k="overall"]', (b) => b.parentElement.getAttribute('aria-sort'));
if (sortState !== 'descending') fail('keyboard: sorting by Overall gives aria-sort ' + sortState);
if (!(await tabTo(() => document.activeElement.closest && !!document.activeElement.closest('td.nm')))) fail('keyboard: no way to a commune');
const kname = await page.evaluate(() => document.activeElement.textContent);
await page.keyboard.press('Enter');
if (!(await page.textContent('#one h3')).startsWith(kname)) fail('keyboard: Enter on a commune does not show its wheel');
if (!(await page.evaluate(() => document.activeElement.id === 'detail'))) fail('keyboard: focus does not move to the wheel');
if (!(await tabTo(() => document.activeElement.id === 'ca'))) fail('keyboard: no way to the comparison');
await page.keyboard.press('ArrowDown');
await page.keyboard.press('Tab');
await page.keyboard.press('ArrowDown'); await page.keyboard.press('ArrowDown');
if ((await page.$$('#pair svg')).length !== 2) fail('keyboard: the comparison does not show two wheels');
await page.focus('#lang');
await page.keyboard.press('ArrowDown');
if ((await page.getAttribute('html', 'lang')) !== 'es') fail('keyboard: the language switch does not work');
await page.close();

// 8. A phone: the filters behind a button, the commune column pinned, 24-pixel targets.
page = await open(390, 844);
if (await page.isVisible('#q')) fail('phone: the filters fill the first screen');
await page.click('#ftoggle');
if (!(await page.isVisible('#q'))) fail('phone: the filter button does not open them');
if ((await page.getAttribute('#ftoggle', 'aria-expanded')) !== 'true') fail('phone: the button does not say it is open');
const small = await page.$$eval('#t tbody tr:first-child a, #downloads a, #lang, #view, #q, #ftoggle, #t thead button, #t td.nm button', (es) =>
  es.map((e) => [e.textContent.trim(), e.getBoundingClientRect().height]).filter((x) => x[1] < 24));
if (small.length) fail('phone: targets under 24 px: ' + JSON.stringify(small.slice(0, 4)));
await page.screenshot({ path: out + '-390-filters.png' });
await page.click('#ftoggle');
await page.$eval('#t', (t) => { t.closest('.wrap').scrollLeft = 600; });
const pinned = await page.$eval('#t tbody tr td.nm', (td) => {
  const r = td.getBoundingClientRect(), w = td.closest('.wrap').getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + 10, r.top + r.height / 2);
  return { left: r.left - w.left, shown: td.contains(hit), text: td.textContent };
});
if (Math.abs(pinned.left) > 2 || !pinned.shown) fail('phone: the commune column is not pinned: ' + JSON.stringify(pinned));
await page.screenshot({ path: out + '-390.png' });
await page.close();

// 9. A finding's Markdown, as the PDF shows it: emphasis, an https link; a javascript: link is only words.
if (markdown) {
  page = await open(1366, 900);
  await page.locator('#practices').scrollIntoViewIfNeeded();
  await page.waitForSelector('#pt tr[data-ind]', { state: 'attached', timeout: 10000 });
  const cell = await page.$$eval('#pt td.f', (ts, w) => ts.filter((t) => t.textContent.includes(w)).map((t) => t.innerHTML), 'See the plan');
  if (cell.length !== 1) fail('the finding with Markdown: ' + JSON.stringify(cell));
  else {
    if (!cell[0].startsWith('See the plan and <em>Escuela Somos Todos</em> at <a href="https://example.org/plan">the site</a>.'))
      fail('the finding\'s Markdown: ' + cell[0]);
    if (/javascript|cookie|\)/.test(cell[0])) fail('the javascript: link left a trace: ' + cell[0]);
  }
  const bad = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')).filter((h) => !/^(https?:|mailto:|\.\.\/)/.test(h)));
  if (bad.length) fail('links that are not http, https or mailto: ' + bad);
  await page.close();
}

await browser.close();
console.log('policy: ' + failures + ' failures');
process.exit(failures ? 1 : 0);
