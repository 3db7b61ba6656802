/* page.js — the dashboard's script: renders the communes compared, the wheels and the practice
 * directory from the page's one JSON block (#data, written by src/dashboard.c), in the language
 * chosen. No network, no library. */
(function () {
'use strict';
var D = JSON.parse(document.getElementById('data').textContent);
var lang = 'en', L = 0, view = null, sortKey = D.ranks ? 'rank' : 'name', sortDir = 1;
var selected = null, dom = D.dom.length, rowsEl = [];
var $ = function (id) { return document.getElementById(id); };
var NS = 'http://www.w3.org/2000/svg';

/* ---- words and numbers ---- */
function T(key, vars) {
  var s = (D.t[lang] && D.t[lang][key]) || D.t.en[key] || key;
  vars = vars || {};
  s = s.replace(/\{(\w+):([^|}]*)\|([^}]*)\}/g, function (m, k, one, many) {
    return String(vars[k]) === '1' ? one : many; });
  return s.replace(/\{(\w+)\}/g, function (m, k) { return k in vars ? vars[k] : m; });
}
function num(x) { if (x === null || x === undefined) return '–';
  var s = x.toFixed(2); return lang === 'es' ? s.replace('.', ',') : s; }
function fold(s) { return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); }
function el(tag, attrs, text) { var e = document.createElement(tag);
  if (attrs) for (var k in attrs) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text; return e; }
function dkey(d) { return d < D.dom.length ? 'd' + d : 'overall'; }
function domName(d) { return d < D.dom.length ? D.dom[d][2 + L] : T('overall'); }
function level(r, d) { var l = r[5][d]; return l && !((r[4] >> d) & 1) ? T('level.' + l) : T('insufficient'); }
function colour(x) { /* the heatmap's scale (charts.c), sampled at every hundredth */
  return '#' + D.viridis[Math.round(Math.max(0, Math.min(1, x)) * 100)]; }

/* ---- views: the latest assessment of each commune (or the build's year), or one year ---- */
function makeView(key) {
  var v = { key: key, rows: [], st: null, one: true };
  if (key === 'default') {
    v.year = D.v.year; v.first = D.v.first; v.last = D.v.last; v.st = D.v.st;
    D.v.rows.forEach(function (x) { v.rows.push({ ri: x[0], rank: x.slice(1) }); });
  } else {
    var y = +key; v.year = v.first = v.last = y; v.st = D.st['y' + y];
    D.r.forEach(function (r, i) { if (r[1] === y) v.rows.push({ ri: i, rank: r[6] }); });
    v.rows.sort(function (a, b) { var x = a.rank[6] || 1e9, z = b.rank[6] || 1e9;
      return x !== z ? x - z : D.r[a.ri][0] - D.r[b.ri][0]; });
    if (!D.ranks) v.rows.sort(function (a, b) { return byName(a.ri, b.ri); });
  }
  v.one = v.first === v.last;
  return v;
}
/* Names and regions in the reader's order, as mgi sorts them (ICU's Spanish collator: Ñ after N). */
function byName(a, b) { return D.c[D.r[a][0]][7] - D.c[D.r[b][0]][7]; }
var regionPlace = {};
D.c.forEach(function (c) { regionPlace[c[2]] = c[8]; });
function yearsText(v) { return v.first === v.last ? String(v.first) : v.first + '–' + v.last; }
function band(row) { var b = D.r[row.ri][8]; return view.one && b ? b : null; }

/* ---- the header, the controls and every fixed word ---- */
function words() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-t]').forEach(function (e) { e.textContent = T(e.getAttribute('data-t')); });
  document.querySelectorAll('[data-ph]').forEach(function (e) { e.placeholder = T(e.getAttribute('data-ph')); });
  var yt = view.year ? String(view.year) : yearsText(view);
  var title = T(view.key === 'default' && !D.v.year ? 'dash.title_latest' : 'dash.title', { year: yt });
  $('title').textContent = title; document.title = title;
  var n = String(view.rows.length);
  $('viewnote').textContent = view.year ? T('view.year', { n: n, year: String(view.year) })
    : T('view.latest', { n: n, years: yearsText(view) });
  $('asof') && ($('asof').textContent = T('seal.as_of', { date: D.asof }));
  /* Selects: the view, the region (All), the domain, the level, the seal statuses. */
  var vs = $('view'), cur = vs.value || 'default'; vs.textContent = '';
  vs.appendChild(el('option', { value: 'default' }, D.v.year ? T('dash.year_only', { year: String(D.v.year) }) : T('dash.latest')));
  D.yrs.forEach(function (y) { if (y !== D.v.year) vs.appendChild(el('option', { value: String(y) }, T('dash.year_only', { year: String(y) }))); });
  vs.value = cur;
  var rs = $('region'), rc = rs.value; rs.textContent = '';
  rs.appendChild(el('option', { value: '' }, T('dash.all')));
  regions(view.rows.map(function (x) { return D.c[D.r[x.ri][0]][2]; })).forEach(function (g) {
    rs.appendChild(el('option', { value: g }, g)); });
  rs.value = rc;
  var ds = $('dom'); ds.textContent = '';
  for (var d = 0; d <= D.dom.length; d++)
    ds.appendChild(el('option', { value: String(d) }, d < D.dom.length ? D.dom[d][0] + '. ' + domName(d) : T('overall')));
  ds.value = String(dom);
  var ls = $('lvl'), lc = ls.value; ls.textContent = '';
  ls.appendChild(el('option', { value: '' }, T('dash.any')));
  for (var l = 1; l <= 4; l++) ls.appendChild(el('option', { value: String(l) }, T('level.' + l)));
  ls.appendChild(el('option', { value: '0' }, T('insufficient')));
  ls.value = lc;
  if (D.seal) { var ss = $('seal'), sc = ss.value; ss.textContent = '';
    ss.appendChild(el('option', { value: '' }, T('dash.all')));
    D.sealKeys.forEach(function (k) { ss.appendChild(el('option', { value: k }, T('seal.status.' + k))); });
    ss.value = sc; }
  ['ca', 'cb'].forEach(function (id) { var s = $(id), c = s.value; s.textContent = '';
    s.appendChild(el('option', { value: '' }, '–'));
    view.rows.slice().sort(function (a, b) { return byName(a.ri, b.ri); }).forEach(function (x) {
      s.appendChild(el('option', { value: D.c[D.r[x.ri][0]][0] }, D.c[D.r[x.ri][0]][1])); });
    s.value = c; });
  var dl = $('downloads'); dl.textContent = '';
  dl.appendChild(el('span', null, T('dash.downloads') + ':'));
  var li = D.docs.langs.indexOf(lang), sfx = li > 0 ? '.' + lang : '';
  if (li >= 0) {
    dl.appendChild(el('a', { href: '../comparison' + sfx + '.pdf' }, T('dash.comparison_pdf')));
    dl.appendChild(el('a', { href: '../comparison' + sfx + '.xlsx' }, T('dash.comparison_xlsx')));
    dl.appendChild(el('a', { href: '../practices' + sfx + '.xlsx' }, T('dash.practices_xlsx')));
  }
}
function regions(list) { var seen = {}, out = [];
  list.forEach(function (g) { if (g && !seen[g]) { seen[g] = 1; out.push(g); } });
  return out.sort(function (a, b) { return regionPlace[a] - regionPlace[b]; }); }

/* ---- the table ---- */
function head() {
  var tr = el('tr'), cols = [];
  if (D.ranks) cols.push(['rank', T('dash.rank'), 's']);
  cols.push(['name', T('dash.commune'), 'nm']);
  cols.push(['year', T('view.year_col'), 's']);
  cols.push(['region', T('dash.region'), '']);
  /* the overall score and its median rank first, where a narrow screen still shows them */
  cols.push([dkey(D.dom.length), domName(D.dom.length), 's']);
  if (D.unc && D.ranks && view.one) cols.push(['median', T('xlsx.rank_median'), 's']);
  for (var d = 0; d < D.dom.length; d++) cols.push([dkey(d), domName(d), 's']);
  if (D.seal) cols.push(['seal', T('seal.col.status'), '']);
  cols.push([null, T('dash.links'), 'links']);
  cols.forEach(function (c) {
    var th = el('th', { scope: 'col' }); if (c[2]) th.className = c[2];
    if (c[0] === dkey(dom)) th.classList.add('hl');
    if (c[0]) { var b = el('button', { type: 'button', 'data-k': c[0] }, c[1]);
      b.addEventListener('click', function () { sort(c[0], true); }); th.appendChild(b);
      if (c[0] === sortKey) th.setAttribute('aria-sort', sortDir > 0 ? 'ascending' : 'descending');
    } else th.textContent = c[1];
    tr.appendChild(th); });
  var h = $('t').tHead; h.textContent = ''; h.appendChild(tr);
}
/* The table's rows are written as one string (escaped) and wired by delegation: at 1000
 * communes this is several times faster than building them node by node. */
function scoreHTML(r, d) {
  var x = r[3][d], ins = (r[4] >> d) & 1, cls = 's' + (ins ? ' ins' : '') + (d === dom ? ' hl' : '');
  if (x === null) return '<td class="' + cls + '">–<span class="sr"> ' + esc(T('insufficient')) + '</span></td>';
  var lv = esc(level(r, d));
  return '<td class="' + cls + '" title="' + lv + '"><span class="sw" aria-hidden="true" style="background:' +
    colour(x) + '"></span>' + num(x) + (ins ? '*' : '') + '<span class="sr"> (' + lv + ')</span></td>';
}
function linksHTML(ri) {
  var r = D.r[ri], c = D.c[r[0]];
  if (!D.docs.built || !D.docs.built[ri]) return '–';
  var li = D.docs.langs.indexOf(lang), l = li >= 0 ? lang : D.docs.langs[0], dir = '../' + c[0] + '-' + r[1] + '/';
  return '<a href="' + esc(dir) + 'profile-' + l + '.pdf">' + esc(T('dash.profile')) + '</a> <a href="' + esc(dir) +
    'annex' + (D.docs.langs.indexOf(l) > 0 ? '.' + l : '') + '.xlsx">' + esc(T('dash.annex')) + '</a>';
}
function rowHTML(row, i) {
  var r = D.r[row.ri], c = D.c[r[0]], b = band(row), h = '<tr data-i="' + i + '" data-code="' + esc(c[0]) +
    '" data-name="' + esc(c[1]) + '" data-region="' + esc(c[2]) + '" data-year="' + r[1] + '" data-rank="' + (row.rank[6] || '') + '"';
  for (var d = 0; d <= D.dom.length; d++)
    h += ' data-' + dkey(d) + '="' + (r[3][d] === null ? '' : r[3][d]) + '" data-level-' + (d < D.dom.length ? d : 'overall') +
      '="' + ((r[4] >> d) & 1 ? 0 : r[5][d]) + '"';
  if (D.unc && D.ranks && view.one) h += ' data-median="' + (b && b[0] ? b[0] : '') + '"';
  var cls = selected && selected.ri === row.ri ? 'sel' : '';
  if (D.seal) { h += ' data-seal="' + (c[4] === null ? '' : c[4]) + '" data-seal-status="' + (c[3] || 'unknown') + '"';
    if (c[6]) { cls += (cls ? ' ' : '') + (c[6] === 1 ? 'late' : 'soon'); h += ' data-due="' + c[5] + '"'; } }
  h += (cls ? ' class="' + cls + '"' : '') + '>';
  if (D.ranks) { var rk = row.rank[6] ? String(row.rank[6]) : '–';
    if (b && b[0] && row.rank[6]) rk = T('unc.rank_range', { n: rk, lo: String(b[1]), hi: String(b[2]) });
    h += '<td class="s">' + rk + '</td>'; }
  h += '<td class="nm"><button type="button" aria-label="' + esc(T('dash.select', { commune: c[1] })) + '">' + esc(c[1]) +
    '</button></td><td class="s">' + r[1] + '</td><td>' + esc(c[2]) + '</td>';
  h += scoreHTML(r, D.dom.length);
  if (D.unc && D.ranks && view.one) h += '<td class="s">' + (b && b[0] ? b[0] : '–') + '</td>';
  for (d = 0; d < D.dom.length; d++) h += scoreHTML(r, d);
  if (D.seal) { h += '<td class="seal">' + esc(T('seal.status.' + (c[3] || 'unknown')));
    if (c[6]) h += '<span class="due ' + (c[6] === 1 ? 'late' : 'soon') + '">' +
      esc(T(c[6] === 1 ? 'seal.overdue' : 'seal.soon', { date: c[5] })) + '</span>';
    h += '</td>'; }
  return h + '<td class="links">' + linksHTML(row.ri) + '</td></tr>';
}
/* first: how many rows to write now (the page opens with its first screen; complete()
 * writes the rest, from a timer or before anything reads the rows); all when 0. */
var rest = null;
function body(first) {
  var tb = $('t').tBodies[0], html = view.rows.map(rowHTML);
  first = first && first < html.length ? first : html.length;
  tb.innerHTML = html.slice(0, first).join('');
  rest = first < html.length ? html.slice(first).join('') : null;
  $('t').toggleAttribute('data-complete', !rest);
  wire();
  $('t').querySelector('caption').textContent = $('title').textContent;
}
function wire() {
  rowsEl = Array.prototype.slice.call($('t').tBodies[0].rows);
  rowsEl.forEach(function (tr) { tr._row = view.rows[+tr.getAttribute('data-i')]; });
}
function complete() {
  if (rest === null) return;
  $('t').tBodies[0].insertAdjacentHTML('beforeend', rest);
  rest = null; wire(); sort(sortKey, false); filter(); $('t').setAttribute('data-complete', '');
}
function val(tr, k) {
  var row = tr._row, r = D.r[row.ri];
  if (k === 'name') return D.c[r[0]][7];
  if (k === 'region') return D.c[r[0]][8];
  if (k === 'rank') return row.rank[6] || null;
  if (k === 'year') return r[1];
  if (k === 'median') { var b = band(row); return b && b[0] ? b[0] : null; }
  if (k === 'seal') return D.c[r[0]][4];
  return r[3][k === 'overall' ? D.dom.length : +k.slice(1)];
}
function sort(k, clicked) {
  complete();
  if (clicked && sortKey === k) sortDir = -sortDir;
  else if (clicked || k !== sortKey) { sortKey = k; sortDir = /^(name|rank|median|seal|region)$/.test(k) ? 1 : -1; }
  /* Keys once per row, then a stable sort of the rows by them. */
  var keyed = rowsEl.map(function (tr, i) { return { tr: tr, v: val(tr, k), i: i }; });
  keyed.sort(function (a, b) { var x = a.v, y = b.v;
    if (x === null || y === null) return x === y ? a.i - b.i : x === null ? 1 : -1;
    return x < y ? -sortDir : x > y ? sortDir : a.i - b.i; });
  rowsEl = keyed.map(function (e) { return e.tr; });
  var tb = $('t').tBodies[0], frag = document.createDocumentFragment();
  rowsEl.forEach(function (r) { frag.appendChild(r); });
  tb.appendChild(frag);
  $('t').querySelectorAll('thead th').forEach(function (th) {
    var b = th.querySelector('button'); th.removeAttribute('aria-sort');
    if (b && b.getAttribute('data-k') === k) th.setAttribute('aria-sort', sortDir > 0 ? 'ascending' : 'descending'); });
}
function filter() {
  if (rest !== null) { $('shown').textContent = T('dash.shown', { shown: String(view.rows.length), total: String(view.rows.length) }); return; }
  var q = fold($('q').value.trim()), reg = $('region').value, lvl = $('lvl').value, n = 0;
  var st = D.seal ? $('seal').value : '', dd = D.seal ? $('due').checked : false;
  rowsEl.forEach(function (tr) { var r = D.r[tr._row.ri], c = D.c[r[0]];
    var lv = (r[4] >> dom) & 1 ? 0 : r[5][dom];
    var ok = (!q || fold(c[1]).indexOf(q) >= 0) && (!reg || c[2] === reg) && (lvl === '' || String(lv) === lvl)
      && (!st || (c[3] || 'unknown') === st) && (!dd || c[6]);
    tr.hidden = !ok; if (ok) n++; });
  $('shown').textContent = T('dash.shown', { shown: String(n), total: String(rowsEl.length) });
}

/* ---- the wheel: six sectors filled to their scores, level rings, the overall score ---- */
function arc(cx, cy, r1, r2, a0, a1) {
  var p = function (r, a) { return (cx + r * Math.cos(a)).toFixed(1) + ' ' + (cy + r * Math.sin(a)).toFixed(1); };
  return 'M' + p(r1, a0) + 'L' + p(r2, a0) + 'A' + r2 + ' ' + r2 + ' 0 0 1 ' + p(r2, a1) +
    'L' + p(r1, a1) + 'A' + r1 + ' ' + r1 + ' 0 0 0 ' + p(r1, a0) + 'Z';
}
function wheelLabel(ri) { var r = D.r[ri], parts = [];
  for (var d = 0; d <= D.dom.length; d++)
    parts.push(domName(d) + ' ' + num(r[3][d]) + ' (' + level(r, d) + ')');
  return T('dash.wheel_label', { commune: D.c[r[0]][1], year: String(r[1]), scores: parts.join('; ') }); }
function wheel(ri) {
  var r = D.r[ri], n = D.dom.length, cx = 150, cy = 150, R = 112, r0 = 34, step = 2 * Math.PI / n, st = -Math.PI / 2;
  var svg = document.createElementNS(NS, 'svg'); svg.setAttribute('viewBox', '0 0 300 300');
  svg.setAttribute('role', 'img'); svg.setAttribute('aria-label', wheelLabel(ri));
  var s = '';
  for (var d = 0; d < n; d++) {
    var a0 = st + step * d, a1 = a0 + step, col = D.dom[d][4], x = r[3][d];
    if ((r[4] >> d) & 1 || x === null) s += '<path d="' + arc(cx, cy, r0, R, a0, a1) + '" fill="url(#hatch)" stroke="#fff"/>';
    else { s += '<path d="' + arc(cx, cy, r0, R, a0, a1) + '" fill="' + col + '" fill-opacity="0.18" stroke="#fff"/>';
      if (x > 0) s += '<path d="' + arc(cx, cy, r0, r0 + (R - r0) * x, a0, a1) + '" fill="' + col + '"/>'; }
    var m = (a0 + a1) / 2;
    s += '<text x="' + (cx + (R + 16) * Math.cos(m)).toFixed(1) + '" y="' + (cy + (R + 16) * Math.sin(m) + 4).toFixed(1) +
      '" text-anchor="middle" font-size="12" font-weight="bold" fill="#1f2328">' + D.dom[d][0] + '</text>';
  }
  D.cut.forEach(function (c) { s += '<circle cx="150" cy="150" r="' + (r0 + (R - r0) * c).toFixed(1) +
    '" fill="none" stroke="#57606a" stroke-width="0.6" stroke-dasharray="3 3"/>'; });
  s += '<text x="150" y="150" text-anchor="middle" font-size="20" font-weight="bold" fill="#1f2328">' + num(r[3][n]) +
    '</text><text x="150" y="166" text-anchor="middle" font-size="10" fill="#57606a">' + esc(T('overall')) + '</text>';
  svg.innerHTML = s;
  var f = el('div'); f.appendChild(svg);
  var key = el('ul', { class: 'key' });
  for (d = 0; d <= n; d++) { var li = el('li');
    li.appendChild(el('span', { class: 'n' }, d < n ? String(D.dom[d][0]) : ''));
    li.appendChild(document.createTextNode(domName(d) + ': ' + num(r[3][d]) + ((r[4] >> d) & 1 ? '*' : '') + ' — ' + level(r, d)));
    key.appendChild(li); }
  f.appendChild(key);
  return f;
}
function esc(s) { return s.replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
function show(tr, move) {
  selected = tr ? tr._row : null;
  rowsEl.forEach(function (x) { x.classList.toggle('sel', x === tr); });
  var d = $('one'); d.textContent = '';
  $('detail').classList.toggle('empty', !tr);
  if (!tr) { d.appendChild(el('p', { class: 'muted' }, T('dash.none'))); return; }
  var r = D.r[selected.ri];
  d.appendChild(el('h3', { id: 'onetitle' }, D.c[r[0]][1] + ' (' + r[1] + ')'));
  d.appendChild(wheel(selected.ri));
  if (move) { var box = $('detail'), rc = box.getBoundingClientRect();
    if (rc.top < 0 || rc.top > window.innerHeight - 200) box.scrollIntoView({ block: 'start' });
    box.focus({ preventScroll: true }); }
}
function compare() {
  var p = $('pair'); p.textContent = '';
  [$('ca').value, $('cb').value].forEach(function (code) {
    if (!code) return;
    var row = view.rows.filter(function (x) { return D.c[D.r[x.ri][0]][0] === code; })[0];
    if (!row) return;
    var box = el('div'); box.appendChild(el('h3', null, D.c[D.r[row.ri][0]][1] + ' (' + D.r[row.ri][1] + ')'));
    box.appendChild(wheel(row.ri)); p.appendChild(box); });
}
function robust() {
  var det = $('robust'); if (!det) return;
  var on = view.key === 'default' && view.one; det.hidden = !on;
  var nr = $('noranges'); if (nr) nr.hidden = on || !D.ranks;
  var t = $('cat-' + lang); if (on && t) $('cat').innerHTML = t.innerHTML;
}

/* ---- everything, after a change of language or view ---- */
function render(first) {
  complete();
  words(); head(); body(first); if (!first) sort(sortKey, false); filter(); robust();
  if (selected) { var tr = rowsEl.filter(function (x) { return x._row.ri === selected.ri; })[0];
    show(tr || null, false); } else show(null, false);
  compare(); pwords(); pfilter();
}
function setLang(l) { lang = l; L = l === 'es' ? 1 : 0; render(); }
function setView(k) { view = makeView(k);
  if (!D.ranks || (sortKey === 'median' && !view.one)) sortKey = D.ranks ? 'rank' : 'name';
  render(); }

/* ---- the practice directory, rendered when it is scrolled to, used or printed ---- */
var pdone = false, prows = [], pkeys = [];
function pwords() {
  var ds = $('pdom'), dc = ds.value; ds.textContent = '';
  ds.appendChild(el('option', { value: '' }, T('dash.all')));
  D.dom.forEach(function (x, d) { ds.appendChild(el('option', { value: String(d) }, x[0] + '. ' + domName(d))); });
  ds.value = dc;
  var rs = $('preg'), rc = rs.value; rs.textContent = '';
  rs.appendChild(el('option', { value: '' }, T('dash.all')));
  regions(D.p.map(function (p) { return D.c[D.r[p[1]][0]][2]; })).forEach(function (g) {
    rs.appendChild(el('option', { value: g }, g)); });
  rs.value = rc;
  var is = $('pind'), ic = is.value; is.textContent = '';
  is.appendChild(el('option', { value: '' }, T('dash.all')));
  D.ind.forEach(function (x) { is.appendChild(el('option', { value: x[0] }, x[0] + ' · ' + x[4 + L])); });
  is.value = ic;
  /* the Global Compact lens: the GCM objectives and SDG targets the catalogue maps */
  var gs = $('pgcm'), gc = gs.value; gs.textContent = '';
  gs.appendChild(el('option', { value: '' }, T('dash.all')));
  (D.gcm || []).forEach(function (x) { gs.appendChild(el('option', { value: String(x[0]) }, x[0] + '. ' + x[1 + L])); });
  gs.value = gc;
  var ss = $('psdg'), sc = ss.value; ss.textContent = '';
  ss.appendChild(el('option', { value: '' }, T('dash.all')));
  (D.sdg || []).forEach(function (x) { ss.appendChild(el('option', { value: x[0] }, x[0] + ' · ' + x[1 + L])); });
  ss.value = sc;
  if (pdone) { ptable(); }
}
function ptable() {
  var t = $('pt'), last = -1, h = '<thead><tr>';
  [['c', 'practices.col.commune'], ['c', 'practices.col.region'], ['y', 'practices.col.year'],
   ['', 'practices.col.finding'], ['links', 'practices.col.profile']].forEach(function (x) {
    h += '<th scope="col"' + (x[0] ? ' class="' + x[0] + '"' : '') + '>' + esc(T(x[1])) + '</th>'; });
  h += '</tr></thead>';
  pkeys = null; /* the search keys, made at the first search */
  D.p.forEach(function (p) {
    var ind = D.ind[p[0]], r = D.r[p[1]], c = D.c[r[0]], html = D.tx[p[2 + L]];
    if (p[0] !== last) { h += (last >= 0 ? '</tbody>' : '') + '<tbody><tr class="ph"><th colspan="5" scope="rowgroup"><span class="pid">' +
      esc(ind[0]) + '</span>' + esc(ind[1 + L]) + ' <span class="dn">' + esc(domName(ind[3])) + '</span></th></tr>'; last = p[0]; }
    /* The finding, written by mdhtml.c: escaped, links http(s) and mailto only. */
    h += '<tr data-ind="' + esc(ind[0]) + '" data-dom="' + ind[3] + '" data-name="' + esc(c[1]) + '" data-region="' + esc(c[2]) +
      '" data-gcm=" ' + (ind[6] || []).join(' ') + ' " data-sdg=" ' + esc((ind[7] || []).join(' ')) +
      ' "><td>' + esc(c[1]) + '</td><td>' + esc(c[2]) + '</td><td>' + r[1] + '</td><td class="f">' +
      (html || '<span class="ins">–</span>') + '</td><td class="links">' + linksHTML(p[1]) + sheetHTML(c, r, ind) + '</td></tr>';
  });
  t.innerHTML = h + (last >= 0 ? '</tbody>' : '');
  prows = Array.prototype.slice.call(t.querySelectorAll('tr[data-ind]'));
}
/* The practice's sheets for the Repository of Practices, which mgi build writes into practices/. */
function sheetHTML(c, r, ind) {
  if (!D.docs.sheets) return '';
  var stem = '../practices/' + c[0] + '-' + r[1] + '-' + ind[0];
  return '<br>' + esc(T('practices.sheet_link')) + ' <a href="' + esc(stem) + '.en.pdf" lang="en">EN</a> · <a href="' +
    esc(stem) + '.es.pdf" lang="es">ES</a>';
}
function pready() { if (pdone) return; pdone = true; ptable(); }
function pcount(n) { $('pshown').textContent = T('practices.shown', { shown: String(n), total: String(D.p.length) }); }
function pfilter() {
  if (!pdone) { pcount(D.p.length); return; }
  var q = fold($('pq').value.trim()), d = $('pdom').value, g = $('preg').value, i = $('pind').value, n = 0,
    o = $('pgcm').value, t = $('psdg').value;
  if (q && !pkeys) { var tf = D.tx.map(function (x) { return fold(x.replace(/<[^>]*>/g, '')); });
    pkeys = D.p.map(function (p) { var ind = D.ind[p[0]], c = D.c[D.r[p[1]][0]];
      return fold(c[1] + ' ' + c[2] + ' ' + ind[0] + ' ' + ind[1] + ' ' + ind[2]) + ' ' + tf[p[2]] + ' ' + tf[p[3]]; }); }
  prows.forEach(function (r, k) { var ok = (!q || pkeys[k].indexOf(q) >= 0) && (!d || r.getAttribute('data-dom') === d)
    && (!g || r.getAttribute('data-region') === g) && (!i || r.getAttribute('data-ind') === i)
    && (!o || r.getAttribute('data-gcm').indexOf(' ' + o + ' ') >= 0) && (!t || r.getAttribute('data-sdg').indexOf(' ' + t + ' ') >= 0);
    r.hidden = !ok; if (ok) n++; });
  Array.prototype.forEach.call($('pt').tBodies, function (b) { b.hidden = !b.querySelector('tr[data-ind]:not([hidden])'); });
  pcount(n);
}
function pshow() { pready(); pfilter(); }

/* ---- wiring ---- */
view = makeView('default');
['q', 'region', 'lvl', 'seal', 'due'].forEach(function (id) { var e = $(id);
  var f = function () { complete(); filter(); };
  if (e) { e.addEventListener('input', f); e.addEventListener('change', f); } });
/* The domain chosen sorts the table (highest first), is highlighted and feeds the level filter. */
$('dom').addEventListener('change', function () { dom = +$('dom').value; sortKey = dkey(dom); sortDir = -1;
  head(); body(); sort(sortKey, false); filter(); if (selected) show(rowsEl.filter(function (x) {
    return x._row.ri === selected.ri; })[0] || null, false); });
$('lang').addEventListener('change', function (e) { setLang(e.target.value); });
$('view').addEventListener('change', function (e) { setView(e.target.value); });
$('t').tBodies[0].addEventListener('click', function (e) {
  var tr = e.target.closest('tr'); if (!tr || e.target.closest('a')) return;
  show(tr, true); });
$('ca').addEventListener('change', compare);
$('cb').addEventListener('change', compare);
$('print').addEventListener('click', function () { window.print(); });
$('ftoggle').addEventListener('click', function () { var c = $('filters'), o = !c.classList.contains('open');
  c.classList.toggle('open', o); this.setAttribute('aria-expanded', String(o)); });
$('pprint').addEventListener('change', function () { document.body.classList.toggle('pp', this.checked); });
['pq', 'pdom', 'preg', 'pind', 'pgcm', 'psdg'].forEach(function (id) { var e = $(id);
  e.addEventListener('input', pshow); e.addEventListener('change', pshow); });
window.addEventListener('beforeprint', function () { if ($('pprint').checked) pshow(); });
if ('IntersectionObserver' in window) { var po = new IntersectionObserver(function (es) {
  if (es.some(function (e) { return e.isIntersecting; })) { po.disconnect(); pshow(); } }, { rootMargin: '0px' });
  po.observe($('practices')); } else pshow();
/* The first screen at once, in the view's own order (rank, or name); the other rows right
 * after the page has opened: at 1000 communes their layout is most of the time it takes. */
render(sortKey === 'rank' || sortKey === 'name' ? 80 : 0);
window.addEventListener('load', function () { setTimeout(complete, 0); });
})();
