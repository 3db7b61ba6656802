// structtree.mjs — each PDF's structure as pdf.js (Firefox's PDF engine, npm pdfjs-dist) reads
// it: every page's structure tree loads, every Figure has alt text, and the roles a reader
// needs are there (headings, paragraphs; tables with header cells when asked).
// usage: node structtree.mjs PDFJS_DIR [--table] FILE.pdf...
import { createRequire } from 'module';
import { readFileSync } from 'fs';
import { pathToFileURL } from 'url';
const [dir, ...rest] = process.argv.slice(2);
const require = createRequire(dir + '/');
const pdfjs = await import(pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href);
const wantTable = rest.includes('--table');
const files = rest.filter((a) => !a.startsWith('--'));

let failures = 0;
const fail = (m) => { console.log('FAIL: ' + m); failures++; };

for (const file of files) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
  const roles = new Map();
  let figures = 0, noalt = 0, pages = 0;
  const walk = (node) => {
    if (!node || typeof node !== 'object') return;
    if (node.role) roles.set(node.role, (roles.get(node.role) || 0) + 1);
    if (node.role === 'Figure') {
      figures++;
      if (!node.alt || !node.alt.trim()) noalt++;
    }
    for (const c of node.children || []) walk(c);
  };
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const tree = await page.getStructTree();
    if (!tree) { fail(`${file}: page ${p} has no structure tree`); continue; }
    pages++;
    walk(tree);
  }
  if (pages !== doc.numPages) fail(`${file}: ${pages} of ${doc.numPages} pages have a structure tree`);
  if (noalt) fail(`${file}: ${noalt} of ${figures} figures without alt text`);
  for (const r of ['H1', 'P', 'Sect']) if (!roles.get(r)) fail(`${file}: no ${r} in the structure`);
  if (wantTable && !(roles.get('Table') && roles.get('TH') && roles.get('TD')))
    fail(`${file}: no table with header cells in the structure`);
  console.log(`${file}: ${doc.numPages} pages, ${figures} figures with alt text, ` +
              [...roles].map(([r, n]) => `${r} ${n}`).join(', '));
  await doc.destroy();
}
process.exit(failures ? 1 : 0);
