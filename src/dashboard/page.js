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
function byName(a, b) { var x = D.c[D.r[a][0]], y = D.c[D.r[b][0]];
  return x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0; }
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
  return out.sort(function (a, b) { return fold(a) < fold(b) ? -1 : fold(a) > fold(b) ? 1 : 0; }); }

/* ---- the table ---- */
function head() {
  var tr = el('tr'), cols = [];
  if (D.ranks) cols.push(['rank', T('dash.rank'), 's']);
  cols.push(['name', T('dash.commune'), 'nm']);
  cols.push(['year', T('view.year_col'), 's']);
  cols.push(['region', T('dash.region'), '']);
  for (var d = 0; d <= D.dom.length; d++) cols.push([dkey(d), domName(d), 's']);
  if (D.unc && D.ranks && view.one) cols.push(['median', T('xlsx.rank_median'), 's']);
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
function scoreCell(r, d) {
  var td = el('td'), x = r[3][d], ins = (r[4] >> d) & 1;
  td.className = 's' + (ins ? ' ins' : '') + (d === dom ? ' hl' : '');
  if (x === null) { td.textContent = '–'; td.appendChild(el('span', { class: 'sr' }, ' ' + T('insufficient'))); return td; }
  var sw = el('span', { class: 'sw', 'aria-hidden': 'true' }); sw.style.background = colour(x);
  td.appendChild(sw); td.appendChild(document.createTextNode(num(x) + (ins ? '*' : '')));
  td.appendChild(el('span', { class: 'sr' }, ' (' + level(r, d) + ')'));
  td.title = level(r, d);
  return td;
}
function docLinks(td, ri) {
  var r = D.r[ri], c = D.c[r[0]];
  if (!D.docs.built || !D.docs.built[ri]) { td.textContent = '–'; return; }
  var li = D.docs.langs.indexOf(lang), l = li >= 0 ? lang : D.docs.langs[0], dir = '../' + c[0] + '-' + r[1] + '/';
  var a = el('a', { href: dir + 'profile-' + l + '.pdf' }, T('dash.profile')); td.appendChild(a);
  td.appendChild(document.createTextNode(' · '));
  td.appendChild(el('a', { href: dir + 'annex' + (D.docs.langs.indexOf(l) > 0 ? '.' + l : '') + '.xlsx' }, T('dash.annex')));
}
function body() {
  var tb = $('t').tBodies[0]; tb.textContent = ''; rowsEl = [];
  view.rows.forEach(function (row) {
    var r = D.r[row.ri], c = D.c[r[0]], tr = el('tr');
    tr._row = row;
    tr.dataset.code = c[0]; tr.dataset.name = c[1]; tr.dataset.region = c[2]; tr.dataset.year = r[1];
    tr.dataset.rank = row.rank[6] || '';
    for (var d = 0; d <= D.dom.length; d++) {
      tr.setAttribute('data-' + (d < D.dom.length ? 'd' + d : 'overall'), r[3][d] === null ? '' : r[3][d]);
      tr.setAttribute('data-level-' + (d < D.dom.length ? d : 'overall'), (r[4] >> d) & 1 ? 0 : r[5][d]);
    }
    var b = band(row);
    if (D.unc && D.ranks && view.one) tr.dataset.median = b && b[0] ? b[0] : '';
    if (D.seal) { tr.dataset.seal = c[4] === null ? '' : c[4]; tr.dataset.sealStatus = c[3] || 'unknown';
      if (c[6]) { tr.classList.add(c[6] === 1 ? 'late' : 'soon'); tr.dataset.due = c[5]; } }
    if (D.ranks) { var rk = row.rank[6] ? String(row.rank[6]) : '–';
      if (b && b[0] && row.rank[6] && b[1] !== b[2]) rk = T('unc.rank_range', { n: rk, lo: String(b[1]), hi: String(b[2]) });
      tr.appendChild(el('td', { class: 's' }, rk)); }
    var nm = el('td', { class: 'nm' }), btn = el('button', { type: 'button', 'aria-label': T('dash.select', { commune: c[1] }) }, c[1]);
    btn.addEventListener('click', function (e) { e.stopPropagation(); show(tr, true); });
    nm.appendChild(btn); tr.appendChild(nm);
    tr.appendChild(el('td', { class: 's' }, String(r[1])));
    tr.appendChild(el('td', null, c[2]));
    for (d = 0; d <= D.dom.length; d++) tr.appendChild(scoreCell(r, d));
    if (D.unc && D.ranks && view.one) tr.appendChild(el('td', { class: 's' }, b && b[0] ? String(b[0]) : '–'));
    if (D.seal) { var sc = el('td', { class: 'seal' }, T('seal.status.' + (c[3] || 'unknown')));
      if (c[6]) sc.appendChild(el('span', { class: 'due ' + (c[6] === 1 ? 'late' : 'soon') },
        T(c[6] === 1 ? 'seal.overdue' : 'seal.soon', { date: c[5] })));
      tr.appendChild(sc); }
    var lk = el('td', { class: 'links' }); docLinks(lk, row.ri); tr.appendChild(lk);
    tr.addEventListener('click', function (e) { if (e.target.tagName !== 'A') show(tr, true); });
    if (selected && selected.ri === row.ri) tr.classList.add('sel');
    rowsEl.push(tr); tb.appendChild(tr);
  });
  $('t').querySelector('caption').textContent = $('title').textContent;
}
function val(tr, k) {
  var row = tr._row, r = D.r[row.ri];
  if (k === 'name') return fold(tr.dataset.name);
  if (k === 'region') return fold(tr.dataset.region);
  if (k === 'rank') return row.rank[6] || null;
  if (k === 'year') return r[1];
  if (k === 'median') { var b = band(row); return b && b[0] ? b[0] : null; }
  if (k === 'seal') return D.c[r[0]][4];
  return r[3][k === 'overall' ? D.dom.length : +k.slice(1)];
}
function sort(k, clicked) {
  if (clicked && sortKey === k) sortDir = -sortDir;
  else if (clicked || k !== sortKey) { sortKey = k; sortDir = /^(name|rank|median|seal|region)$/.test(k) ? 1 : -1; }
  rowsEl.sort(function (a, b) { var x = val(a, k), y = val(b, k);
    if (x === null && y === null) return 0; if (x === null) return 1; if (y === null) return -1;
    return x < y ? -sortDir : x > y ? sortDir : 0; });
  var tb = $('t').tBodies[0]; rowsEl.forEach(function (r) { tb.appendChild(r); });
  $('t').querySelectorAll('thead th').forEach(function (th) {
    var b = th.querySelector('button'); th.removeAttribute('aria-sort');
    if (b && b.getAttribute('data-k') === k) th.setAttribute('aria-sort', sortDir > 0 ? 'ascending' : 'descending'); });
}
function filter() {
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
function render() {
  words(); head(); body(); sort(sortKey, false); filter(); robust();
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
  if (pdone) { ptable(); }
}
function ptable() {
  var t = $('pt'), last = -1, tb = null; t.textContent = ''; prows = []; pkeys = [];
  var th = el('thead'), tr = el('tr');
  [['c', 'practices.col.commune'], ['c', 'practices.col.region'], ['y', 'practices.col.year'],
   ['', 'practices.col.finding'], ['links', 'practices.col.profile']].forEach(function (h) {
    var x = el('th', { scope: 'col' }, T(h[1])); if (h[0]) x.className = h[0]; tr.appendChild(x); });
  th.appendChild(tr); t.appendChild(th);
  D.p.forEach(function (p) {
    var ind = D.ind[p[0]], r = D.r[p[1]], c = D.c[r[0]];
    if (p[0] !== last) { last = p[0]; tb = el('tbody'); var h = el('tr', { class: 'ph' }), hc = el('th', { colspan: '5', scope: 'rowgroup' });
      hc.appendChild(el('span', { class: 'pid' }, ind[0])); hc.appendChild(document.createTextNode(ind[1 + L] + ' '));
      hc.appendChild(el('span', { class: 'dn' }, domName(ind[3]))); h.appendChild(hc); tb.appendChild(h); t.appendChild(tb); }
    var row = el('tr', { 'data-ind': ind[0], 'data-dom': String(ind[3]), 'data-name': c[1], 'data-region': c[2] });
    row.appendChild(el('td', null, c[1])); row.appendChild(el('td', null, c[2]));
    row.appendChild(el('td', null, String(r[1])));
    var f = el('td', { class: 'f' }), html = D.tx[p[2 + L]];
    if (html) f.innerHTML = html; /* written by mdhtml.c: escaped, links http(s) and mailto only */
    else f.appendChild(el('span', { class: 'ins' }, '–'));
    row.appendChild(f);
    var lk = el('td', { class: 'links' }); docLinks(lk, p[1]); row.appendChild(lk);
    tb.appendChild(row); prows.push(row);
    pkeys.push(fold([c[1], c[2], ind[0], ind[1], ind[2], D.tx[p[2]], D.tx[p[3]]].join(' ')));
  });
}
function pready() { if (pdone) return; pdone = true; ptable(); }
function pcount(n) { $('pshown').textContent = T('practices.shown', { shown: String(n), total: String(D.p.length) }); }
function pfilter() {
  if (!pdone) { pcount(D.p.length); return; }
  var q = fold($('pq').value.trim()), d = $('pdom').value, g = $('preg').value, i = $('pind').value, n = 0;
  prows.forEach(function (r, k) { var ok = (!q || pkeys[k].indexOf(q) >= 0) && (!d || r.getAttribute('data-dom') === d)
    && (!g || r.getAttribute('data-region') === g) && (!i || r.getAttribute('data-ind') === i); r.hidden = !ok; if (ok) n++; });
  Array.prototype.forEach.call($('pt').tBodies, function (b) { b.hidden = !b.querySelector('tr[data-ind]:not([hidden])'); });
  pcount(n);
}
function pshow() { pready(); pfilter(); }

/* ---- wiring ---- */
view = makeView('default');
['q', 'region', 'lvl', 'seal', 'due'].forEach(function (id) { var e = $(id);
  if (e) { e.addEventListener('input', filter); e.addEventListener('change', filter); } });
/* The domain chosen sorts the table (highest first), is highlighted and feeds the level filter. */
$('dom').addEventListener('change', function () { dom = +$('dom').value; sortKey = dkey(dom); sortDir = -1;
  head(); body(); sort(sortKey, false); filter(); if (selected) show(rowsEl.filter(function (x) {
    return x._row.ri === selected.ri; })[0] || null, false); });
$('lang').addEventListener('change', function (e) { setLang(e.target.value); });
$('view').addEventListener('change', function (e) { setView(e.target.value); });
$('ca').addEventListener('change', compare);
$('cb').addEventListener('change', compare);
$('print').addEventListener('click', function () { window.print(); });
$('ftoggle').addEventListener('click', function () { var c = $('filters'), o = !c.classList.contains('open');
  c.classList.toggle('open', o); this.setAttribute('aria-expanded', String(o)); });
$('pprint').addEventListener('change', function () { document.body.classList.toggle('pp', this.checked); });
['pq', 'pdom', 'preg', 'pind'].forEach(function (id) { var e = $(id);
  e.addEventListener('input', pshow); e.addEventListener('change', pshow); });
window.addEventListener('beforeprint', function () { if ($('pprint').checked) pshow(); });
if ('IntersectionObserver' in window) { var po = new IntersectionObserver(function (es) {
  if (es.some(function (e) { return e.isIntersecting; })) { po.disconnect(); pshow(); } }, { rootMargin: '300px' });
  po.observe($('practices')); } else pshow();
render();
})();
