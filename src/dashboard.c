/* dashboard.c — the comparison dashboard: one offline HTML page, escaped, sortable, filterable. */
#include "mgi/dashboard.h"
#include "mgi/robust.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/arena.h"
#include "mgi/charts.h"
#include "mgi/output.h"
#include "mgi/gcm.h"
#include "mgi/practice.h"
#include "mgi/seal.h"
#include "mgi/utf8.h"

/* Text for HTML content and attribute values: & < > " ' escaped. */
static void esc(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: putc(*s, f);
        }
    }
}

/* A word in both languages: <span data-en="…" data-es="…">English</span>. */
static void both(FILE *f, const mgi_strings *st, const char *key, const char *const *vars)
{
    char en[1024], es[1024];
    mgi_strings_format(st, MGI_LANG_EN, key, en, sizeof en, vars);
    mgi_strings_format(st, MGI_LANG_ES, key, es, sizeof es, vars);
    fputs("<span class=\"i18n\" data-en=\"", f);
    esc(f, en);
    fputs("\" data-es=\"", f);
    esc(f, es);
    fputs("\">", f);
    esc(f, en);
    fputs("</span>", f);
}

static void both_text(FILE *f, const char *en, const char *es)
{
    fputs("<span class=\"i18n\" data-en=\"", f);
    esc(f, en);
    fputs("\" data-es=\"", f);
    esc(f, es);
    fputs("\">", f);
    esc(f, en);
    fputs("</span>", f);
}

static const char css[] =
    "*{box-sizing:border-box}body{font-family:'Noto Sans','Open Sans',Arial,sans-serif;"
    "margin:0;color:#1f2328;background:#fff}header{background:#0a3a7e;color:#fff;padding:18px 24px}"
    "h1{margin:0 0 6px;font-size:22px}header p{margin:0;max-width:70em;font-size:14px}"
    ".controls{display:flex;flex-wrap:wrap;gap:12px;padding:12px 24px;background:#eef2f7;"
    "align-items:end;font-size:13px}.controls label{display:flex;flex-direction:column;gap:3px}"
    "input,select,button{font:inherit;padding:4px 6px}select{max-width:22em}main{padding:12px 24px;"
    "display:grid;grid-template-columns:minmax(0,1fr) 420px;gap:20px}.wrap{overflow-x:auto}"
    ".links{white-space:nowrap}"
    "table{border-collapse:collapse;width:100%;font-size:13px}th{text-align:left;vertical-align:"
    "bottom;border-bottom:2px solid #0a3a7e;padding:4px}th button{background:none;border:0;padding:0;"
    "font-weight:bold;cursor:pointer;text-align:left;color:inherit}th button:focus,tr:focus{outline:"
    "2px solid #e69f00}td{padding:3px 4px;border-bottom:1px solid #e1e4e8}tbody tr{cursor:pointer}"
    "tbody tr:hover{background:#f6f8fa}tr.sel{background:#fff4d6}td.s{text-align:right;"
    "font-variant-numeric:tabular-nums;white-space:nowrap}.sw{display:inline-block;width:10px;"
    "height:10px;margin-right:4px;border:1px solid #999;vertical-align:middle}.ins{color:#888;"
    "font-style:italic}#detail h2{font-size:16px;margin:4px 0}#detail svg{width:100%;height:auto}"
    ".pair{display:grid;grid-template-columns:1fr 1fr;gap:8px}.muted{color:#5f6b76;font-size:12px}"
    "a{color:#0a3a7e}[aria-sort=ascending] button::after{content:' \\25B2'}"
    "[aria-sort=descending] button::after{content:' \\25BC'}"
    "#practices{padding:8px 24px 24px}#practices h2{font-size:18px;margin:8px 0 2px;color:#0a3a7e}"
    "#practices>p{margin:0 0 8px}#practices .controls{padding:10px 12px;margin-bottom:8px}"
    "#pt tbody tr{cursor:auto}#pt tr.ph th{background:#f3f6fa;border-bottom:1px solid #c9d3df;"
    "padding:10px 4px 4px;font-weight:normal;vertical-align:top}#pt .pid{font-weight:bold;"
    "margin-right:6px;white-space:nowrap}#pt td{vertical-align:top}#pt .c{width:16em}"
    "#pt .y{width:4em}#pt td.f{max-width:60em}#pt .dn{color:#5f6b76;font-size:12px}"
    ".controls label.chk{flex-direction:row;align-items:center;gap:6px;max-width:18em}"
    "td.seal{min-width:9em}.due{display:table;margin-top:2px;padding:0 5px;"
    "border-radius:8px;font-size:11px}.due.late{background:#ffc7ce;color:#9c0006}"
    ".due.soon{background:#ffeb9c;color:#7f4f00}tr.late td:first-child{box-shadow:inset 4px 0 #c0392b}"
    "tr.soon td:first-child{box-shadow:inset 4px 0 #e69f00}"
    "@media print{.controls,#detail,.links{display:none}main{display:block}header{background:none;"
    "color:#000}tr{break-inside:avoid}}"
    "@media (max-width:1500px){main{grid-template-columns:1fr}}";

static const char script[] =
    "(function(){'use strict';\n"
    "var tbody=document.querySelector('#t tbody');\n"
    "var rows=Array.prototype.slice.call(tbody.rows);\n"
    "var lang='en',sortKey='rank',sortDir=1,selected=null;\n"
    "function fold(s){return s.normalize('NFD').replace(/[\\u0300-\\u036f]/g,'').toLowerCase();}\n"
    "function setLang(l){lang=l;document.documentElement.lang=l;robust();\n"
    " document.querySelectorAll('.i18n').forEach(function(e){e.textContent=e.getAttribute('data-'+l);});\n"
    " document.querySelectorAll('[data-ph-'+l+']').forEach(function(e){e.placeholder=e.getAttribute('data-ph-'+l);});\n"
    " if(selected)show(selected);compare();pfilter();}\n"
    "function val(r,k){var v=r.getAttribute('data-'+k);if(k==='name')return fold(v);\n"
    " return v===''?null:parseFloat(v);}\n"
    "function sort(k){if(sortKey===k)sortDir=-sortDir;else{sortKey=k;sortDir=(k==='name'||k==='rank'||k==='median'||k==='seal')?1:-1;}\n"
    " rows.sort(function(a,b){var x=val(a,k),y=val(b,k);\n"
    "  if(x===null&&y===null)return 0;if(x===null)return 1;if(y===null)return -1;\n"
    "  return x<y?-sortDir:x>y?sortDir:0;});\n"
    " rows.forEach(function(r){tbody.appendChild(r);});\n"
    " document.querySelectorAll('#t th').forEach(function(th){\n"
    "  var b=th.querySelector('button');th.removeAttribute('aria-sort');\n"
    "  if(b&&b.getAttribute('data-k')===k)th.setAttribute('aria-sort',sortDir>0?'ascending':'descending');});}\n"
    "function filter(){var q=fold(document.getElementById('q').value.trim());\n"
    " var reg=document.getElementById('region').value,dom=document.getElementById('dom').value,\n"
    "  lvl=document.getElementById('lvl').value,n=0;\n"
    " var se=document.getElementById('seal'),du=document.getElementById('due'),\n"
    "  st=se?se.value:'',dd=du?du.checked:false;\n"
    " rows.forEach(function(r){var ok=(!q||fold(r.getAttribute('data-name')).indexOf(q)>=0)\n"
    "  &&(!reg||r.getAttribute('data-region')===reg)\n"
    "  &&(!lvl||r.getAttribute('data-level-'+dom)===lvl)\n"
    "  &&(!st||r.getAttribute('data-seal-status')===st)&&(!dd||r.hasAttribute('data-due'));\n"
    "  r.hidden=!ok;if(ok)n++;});\n"
    " document.getElementById('shown').textContent=n;}\n"
    "function wheel(code){var t=document.getElementById('w-'+code+'-'+lang);\n"
    " return t?t.innerHTML:'';}\n"
    "function show(r){selected=r;rows.forEach(function(x){x.classList.toggle('sel',x===r);});\n"
    " var d=document.getElementById('one');d.innerHTML='';var h=document.createElement('h2');\n"
    " h.textContent=r.getAttribute('data-name');d.appendChild(h);\n"
    " var w=document.createElement('div');w.innerHTML=wheel(r.getAttribute('data-code'));d.appendChild(w);}\n"
    "function compare(){var a=document.getElementById('ca').value,b=document.getElementById('cb').value;\n"
    " var p=document.getElementById('pair');p.innerHTML='';if(!a||!b)return;\n"
    " [a,b].forEach(function(c){var w=document.createElement('div');w.innerHTML=wheel(c);p.appendChild(w);});}\n"
    "document.querySelectorAll('#t th button').forEach(function(b){\n"
    " b.addEventListener('click',function(){sort(b.getAttribute('data-k'));});});\n"
    "rows.forEach(function(r){r.addEventListener('click',function(e){if(e.target.tagName!=='A')show(r);});\n"
    " r.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();show(r);}});});\n"
    "['q','region','dom','lvl','seal','due'].forEach(function(id){var e=document.getElementById(id);\n"
    " if(e){e.addEventListener('input',filter);e.addEventListener('change',filter);}});\n"
    "document.getElementById('lang').addEventListener('change',function(e){setLang(e.target.value);});\n"
    "document.getElementById('ca').addEventListener('change',compare);\n"
    "document.getElementById('cb').addEventListener('change',compare);\n"
    "document.getElementById('print').addEventListener('click',function(){window.print();});\n"
    /* The caterpillar view of the rank intervals, in the page's language. */
    "function robust(){var d=document.getElementById('cat'),t=document.getElementById('cat-'+lang);\n"
    " if(d&&t)d.innerHTML=t.innerHTML;}\n"
    "robust();\n"
    ;

/* The practice directory: filters by domain, region and indicator, and a
 * search over names, questions and findings in both languages. It continues
 * the function above (fold, lang), in a string of its own because ISO C
 * compilers need not take string literals over 4095 characters. */
static const char script_practices[] =
    "var ptab=document.getElementById('pt'),prows=[],pkeys=[],pdone=false;\n"
    "function pready(){if(pdone)return;pdone=true;\n"
    " ptab.appendChild(document.getElementById('ptt').content);\n"
    " if(lang!=='en')ptab.querySelectorAll('.i18n').forEach(function(e){e.textContent=e.getAttribute('data-'+lang);});\n"
    " prows=Array.prototype.slice.call(ptab.querySelectorAll('tr[data-ind]'));\n"
    " pkeys=prows.map(function(r){var t=[r.getAttribute('data-name'),r.getAttribute('data-region'),r.getAttribute('data-ind')];\n"
    "  [r.parentNode.rows[0],r].forEach(function(x){x.querySelectorAll('.i18n').forEach(function(e){\n"
    "   t.push(e.getAttribute('data-en'),e.getAttribute('data-es'));});});return fold(t.join(' '));});}\n"
    "var ptotal=+document.getElementById('pshown').getAttribute('data-total');\n"
    "function pcount(n){var s=document.getElementById('pshown');\n"
    " s.textContent=s.getAttribute('data-'+lang).replace('{shown}',n).replace('{total}',ptotal);}\n"
    "function pfilter(){if(!pdone){pcount(ptotal);return;}\n"
    " var q=fold(document.getElementById('pq').value.trim()),\n"
    " d=document.getElementById('pdom').value,g=document.getElementById('preg').value,\n"
    " i=document.getElementById('pind').value,n=0;\n"
    " var o=document.getElementById('pgcm').value,t=document.getElementById('psdg').value;\n"
    " prows.forEach(function(r,k){var ok=(!q||pkeys[k].indexOf(q)>=0)&&(!d||r.getAttribute('data-dom')===d)\n"
    "  &&(!g||r.getAttribute('data-region')===g)&&(!i||r.getAttribute('data-ind')===i)\n"
    "  &&(!o||r.getAttribute('data-gcm').indexOf(' '+o+' ')>=0)&&(!t||r.getAttribute('data-sdg').indexOf(' '+t+' ')>=0);\n"
    "  r.hidden=!ok;if(ok)n++;});\n"
    " Array.prototype.forEach.call(ptab.tBodies,function(b){b.hidden=!b.querySelector('tr[data-ind]:not([hidden])');});\n"
    " pcount(n);}\n"
    "function pshow(){pready();pfilter();}\n"
    "['pq','pdom','preg','pind','pgcm','psdg'].forEach(function(id){var e=document.getElementById(id);\n"
    " e.addEventListener('input',pshow);e.addEventListener('change',pshow);});\n"
    "window.addEventListener('beforeprint',pshow);\n"
    "if('IntersectionObserver' in window){var po=new IntersectionObserver(function(es){\n"
    " if(es.some(function(e){return e.isIntersecting;})){po.disconnect();pshow();}},{rootMargin:'300px'});\n"
    " po.observe(document.getElementById('practices'));}else pshow();\n"
    "filter();pfilter();\n"
    "})();\n";

/* ------------------------------------------------------- practice directory */

static int by_region(const void *x, const void *y)
{
    return mgi_utf8_collate(*(const char *const *)x, *(const char *const *)y);
}

/* The words of key, then a search field with id whose placeholder follows the
 * language switch; closes the label and opens the next one. */
static void search_box(FILE *f, const mgi_strings *st, const char *id, const char *key)
{
    both(f, st, key, NULL);
    char ph_en[128], ph_es[128];
    mgi_strings_format(st, MGI_LANG_EN, key, ph_en, sizeof ph_en, NULL);
    mgi_strings_format(st, MGI_LANG_ES, key, ph_es, sizeof ph_es, NULL);
    fputs("<input id=\"", f);
    fputs(id, f);
    fputs("\" type=\"search\" data-ph-en=\"", f);
    esc(f, ph_en);
    fputs("\" data-ph-es=\"", f);
    esc(f, ph_es);
    fputs("\" placeholder=\"", f);
    esc(f, ph_en);
    fputs("\"></label>\n<label>", f);
}

/* A text as an <option> whose words follow the language switch. */
static void option_both(FILE *f, const char *value, const char *en, const char *es)
{
    fputs("<option value=\"", f);
    esc(f, value);
    fputs("\" class=\"i18n\" data-en=\"", f);
    esc(f, en);
    fputs("\" data-es=\"", f);
    esc(f, es);
    fputs("\">", f);
    esc(f, en);
    fputs("</option>", f);
}

static void option_key(FILE *f, const mgi_strings *st, const char *value, const char *key)
{
    char en[256], es[256];
    mgi_strings_format(st, MGI_LANG_EN, key, en, sizeof en, NULL);
    mgi_strings_format(st, MGI_LANG_ES, key, es, sizeof es, NULL);
    option_both(f, value, en, es);
}

/* The Global Compact lens (gcm.h): the GCM objectives and SDG targets of a
 * practice's indicator, as data-gcm=" 3 15 " and data-sdg=" 3.8 16.10 " for
 * the directory's filters (the attribute is closed by the caller). */
static void lens_attributes(FILE *f, const mgi_indicator *ind)
{
    fputs("\" data-gcm=\" ", f);
    for (int k = 1; k <= MGI_GCM_NOBJECTIVES; k++)
        if (ind->gcm & (1u << k))
            fprintf(f, "%d ", k);
    fputs("\" data-sdg=\" ", f);
    for (unsigned k = 0; k < ind->nsdg; k++) {
        char t[8];
        fprintf(f, "%s ", mgi_sdg_format(ind->sdg[k], t));
    }
}

/* The directory's filters by GCM objective and by SDG target: the ones the
 * catalogue maps, each with its title or goal. */
static void lens_filters(FILE *f, const mgi_dataset *ds, const mgi_strings *st)
{
    char en[512], es[512], v[16], key[32];
    mgi_gcm_set set = mgi_gcm_mapped(ds);
    fputs("<label>", f);
    both(f, st, "gcm.col.objective", NULL);
    fputs("<select id=\"pgcm\">", f);
    option_key(f, st, "", "dash.all");
    for (int k = 1; k <= MGI_GCM_NOBJECTIVES; k++) {
        if (!(set & (1u << k)))
            continue;
        snprintf(v, sizeof v, "%d", k);
        snprintf(key, sizeof key, "gcm.obj.%d", k);
        snprintf(en, sizeof en, "%d. %s", k, mgi_strings_get(st, MGI_LANG_EN, key));
        snprintf(es, sizeof es, "%d. %s", k, mgi_strings_get(st, MGI_LANG_ES, key));
        option_both(f, v, en, es);
    }
    fputs("</select></label>\n<label>", f);
    both(f, st, "sdg.col.target", NULL);
    fputs("<select id=\"psdg\">", f);
    option_key(f, st, "", "dash.all");
    mgi_sdg t[MGI_SDG_NTARGETS];
    size_t nt = mgi_sdg_mapped(ds, t, MGI_SDG_NTARGETS);
    for (size_t k = 0; k < nt; k++) {
        mgi_sdg_format(t[k], v);
        snprintf(key, sizeof key, "sdg.goal.%d", t[k] >> 8);
        snprintf(en, sizeof en, "%s · %s", v, mgi_strings_get(st, MGI_LANG_EN, key));
        snprintf(es, sizeof es, "%s · %s", v, mgi_strings_get(st, MGI_LANG_ES, key));
        option_both(f, v, en, es);
    }
    fputs("</select></label>\n", f);
}

/* The links to a practice's sheets, which mgi build writes into OUT/practices
 * (practicesheet.h). */
static void practice_links(FILE *f, const mgi_strings *st, const mgi_commune *cm, int year,
                           const char *id)
{
    fputs("<br>", f);
    both(f, st, "practices.sheet_link", NULL);
    for (int l = 0; l < MGI_NLANGS; l++) {
        fprintf(f, "%s<a href=\"../practices/", l ? " · " : " ");
        esc(f, cm->code);
        fprintf(f, "-%d-", year);
        esc(f, id);
        fprintf(f, ".%s.pdf\">%s</a>", mgi_lang_code(l), l ? "ES" : "EN");
    }
}

/* The "Practice directory" section: the practices grouped by indicator (its
 * question once, then a row per commune), with its own filters and count. */
static mgi_error practices_section(FILE *f, const mgi_dataset *ds, const mgi_strings *st)
{
    mgi_practice *rows = NULL;
    const char **regions = NULL;
    size_t n = 0, nreg = 0;
    mgi_arena *texts = NULL; /* one row's findings at a time */
    mgi_error err = mgi_practice_list(ds, &rows, &n);
    if (err != MGI_OK)
        goto cleanup;
    regions = malloc((n + 1) * sizeof *regions);
    texts = mgi_arena_new();
    if (!regions || !texts) {
        err = MGI_ERR_NOMEM;
        goto cleanup;
    }
    for (size_t c = 0; c < ds->ncommunes; c++) {
        const char *region = ds->communes[c].region;
        bool seen = !*region;
        for (size_t k = 0; k < nreg && !seen; k++)
            seen = strcmp(regions[k], region) == 0;
        for (size_t k = 0; k < n && !seen; k++)
            if (rows[k].commune == c) {
                regions[nreg++] = region;
                break;
            }
    }
    qsort(regions, nreg, sizeof *regions, by_region);

    fputs("<section id=\"practices\" aria-labelledby=\"ptitle\">\n<h2 id=\"ptitle\">", f);
    both(f, st, "practices.title", NULL);
    fputs("</h2>\n<p class=\"muted\">", f);
    both(f, st, "practices.subtitle", NULL);
    fputs("</p>\n<div class=\"controls\">\n<label>", f);
    search_box(f, st, "pq", "practices.search");
    both(f, st, "dash.domain", NULL);
    fputs("<select id=\"pdom\">", f);
    option_key(f, st, "", "dash.all");
    for (size_t d = 0; d < ds->ndomains; d++) {
        char v[24], en[300], es[300];
        snprintf(v, sizeof v, "%zu", d);
        snprintf(en, sizeof en, "%d. %s", ds->domains[d].number, ds->domains[d].name[MGI_LANG_EN]);
        snprintf(es, sizeof es, "%d. %s", ds->domains[d].number, ds->domains[d].name[MGI_LANG_ES]);
        option_both(f, v, en, es);
    }
    fputs("</select></label>\n<label>", f);
    both(f, st, "dash.region", NULL);
    fputs("<select id=\"preg\">", f);
    option_key(f, st, "", "dash.all");
    for (size_t k = 0; k < nreg; k++) {
        fputs("<option value=\"", f);
        esc(f, regions[k]);
        fputs("\">", f);
        esc(f, regions[k]);
        fputs("</option>", f);
    }
    fputs("</select></label>\n<label>", f);
    both(f, st, "practices.indicator", NULL);
    fputs("<select id=\"pind\">", f);
    option_key(f, st, "", "dash.all");
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && rows[k - 1].indicator == rows[k].indicator)
            continue;
        const mgi_indicator *ind = &ds->indicators[rows[k].indicator];
        char en[400], es[400];
        /* The short label keeps the list narrow; the table shows the question whole. */
        snprintf(en, sizeof en, "%s · %s", ind->id, mgi_indicator_label(ind, MGI_LANG_EN));
        snprintf(es, sizeof es, "%s · %s", ind->id, mgi_indicator_label(ind, MGI_LANG_ES));
        option_both(f, ind->id, en, es);
    }
    fputs("</select></label>\n", f);
    lens_filters(f, ds, st);
    /* The count's templates keep {shown} and {total}: the script fills them in. */
    char tpl[2][256], total[24], now[256];
    snprintf(total, sizeof total, "%zu", n);
    mgi_strings_format(st, MGI_LANG_EN, "practices.shown", tpl[MGI_LANG_EN], sizeof tpl[0], NULL);
    mgi_strings_format(st, MGI_LANG_ES, "practices.shown", tpl[MGI_LANG_ES], sizeof tpl[1], NULL);
    const char *vars[] = {"shown", total, "total", total, NULL};
    mgi_strings_format(st, MGI_LANG_EN, "practices.shown", now, sizeof now, vars);
    fprintf(f, "<span id=\"pshown\" class=\"muted\" aria-live=\"polite\" data-total=\"%zu\" data-en=\"", n);
    esc(f, tpl[MGI_LANG_EN]);
    fputs("\" data-es=\"", f);
    esc(f, tpl[MGI_LANG_ES]);
    fputs("\">", f);
    esc(f, now);
    /* The rows wait in a template until the directory is scrolled to, used
     * or printed (script_practices): at 345 communes they were two thirds
     * of the time the page took to open. */
    fputs("</span>\n</div>\n<div class=\"wrap\">\n<table id=\"pt\"></table>\n"
          "<template id=\"ptt\">\n<thead><tr><th class=\"c\">",
          f);
    both(f, st, "practices.col.commune", NULL);
    fputs("</th><th class=\"c\">", f);
    both(f, st, "practices.col.region", NULL);
    fputs("</th><th class=\"y\">", f);
    both(f, st, "practices.col.year", NULL);
    fputs("</th><th>", f);
    both(f, st, "practices.col.finding", NULL);
    fputs("</th><th class=\"links\">", f);
    both(f, st, "practices.col.profile", NULL);
    fputs("</th></tr></thead>\n", f);
    for (size_t k = 0; k < n; k++) {
        const mgi_practice *p = &rows[k];
        const mgi_commune *pcm = &ds->communes[p->commune];
        const mgi_indicator *ind = &ds->indicators[p->indicator];
        char dom[24];
        snprintf(dom, sizeof dom, "%zu", ind->domain);
        if (k == 0 || rows[k - 1].indicator != p->indicator) {
            if (k > 0)
                fputs("</tbody>\n", f);
            fputs("<tbody><tr class=\"ph\"><th colspan=\"5\"><span class=\"pid\">", f);
            esc(f, ind->id);
            fputs("</span>", f);
            both_text(f, ind->question[MGI_LANG_EN], ind->question[MGI_LANG_ES]);
            fputs(" <span class=\"dn\">", f);
            both_text(f, ds->domains[ind->domain].name[MGI_LANG_EN],
                      ds->domains[ind->domain].name[MGI_LANG_ES]);
            fputs("</span></th></tr>\n", f);
        }
        const mgi_response *resp = &p->round->responses[p->indicator];
        /* The first sentence, plain: the profile holds the whole finding. */
        char ex[2][1024];
        for (int l = 0; l < MGI_NLANGS; l++)
            mgi_practice_excerpt(mgi_response_finding(ds, resp, l, texts), 240, ex[l], sizeof ex[l]);
        mgi_arena_reset(texts);
        fputs("<tr data-ind=\"", f);
        esc(f, ind->id);
        fprintf(f, "\" data-dom=\"%s\" data-name=\"", dom);
        esc(f, pcm->name);
        fputs("\" data-region=\"", f);
        esc(f, pcm->region);
        lens_attributes(f, ind);
        fputs("\"><td>", f);
        esc(f, pcm->name);
        fputs("</td><td>", f);
        esc(f, pcm->region);
        fprintf(f, "</td><td>%d</td><td class=\"f\">", p->round->year);
        if (*ex[MGI_LANG_EN])
            both_text(f, ex[MGI_LANG_EN], ex[MGI_LANG_ES]);
        else
            fputs("<span class=\"ins\">–</span>", f);
        /* The commune's own profile folder, beside this page's folder in OUT. */
        char dir[256];
        snprintf(dir, sizeof dir, "../%s-%d/", pcm->code, p->round->year);
        fputs("</td><td class=\"links\"><a href=\"", f);
        esc(f, dir);
        fputs("profile-en.pdf\">EN</a> · <a href=\"", f);
        esc(f, dir);
        fputs("profile-es.pdf\">ES</a>", f);
        practice_links(f, st, pcm, p->round->year, ind->id);
        fputs("</td></tr>\n", f);
    }
    if (n > 0)
        fputs("</tbody>\n", f);
    fputs("</template>\n</div>\n</section>\n", f);
cleanup:
    free(rows);
    free(regions);
    mgi_arena_free(texts);
    return err;
}

static void score_cell(FILE *f, const mgi_score *s)
{
    char num[32];
    if (isnan(s->score)) {
        fputs("<td class=\"s ins\">–</td>", f);
        return;
    }
    snprintf(num, sizeof num, "%.2f", s->score);
    fprintf(f, "<td class=\"s%s\"><span class=\"sw\" style=\"background:#%06x\"></span>",
            s->insufficient ? " ins" : "", mgi_score_colour(s->score));
    fputs(num, f);
    if (s->insufficient)
        fputs("*", f);
    fputs("</td>", f);
}

/* The key of the words of a seal status ("seal.status.candidate"). */
static void seal_status_key(mgi_seal_status status, char *key, size_t size)
{
    const char *k = mgi_seal_status_key(status);
    snprintf(key, size, "seal.status.%s", *k ? k : "unknown");
}

/* The seal controls: a select of the statuses present, in their order, and
 * the "due within six months or overdue" box, with the day it is read on. */
static void seal_controls(FILE *f, const mgi_strings *st, const mgi_dataset *ds,
                          const mgi_result *const *rows, size_t n, mgi_date as_of)
{
    bool present[MGI_SEAL_NSTATUS] = {false};
    for (size_t i = 0; i < n; i++)
        present[ds->communes[rows[i]->commune].seal] = true;
    fputs("<label>", f);
    both(f, st, "seal.filter", NULL);
    fputs("<select id=\"seal\">", f);
    option_key(f, st, "", "dash.all");
    for (int s = MGI_SEAL_UNKNOWN + 1; s <= MGI_SEAL_NSTATUS; s++) {
        /* Communes without seal data come last, as in the sort. */
        mgi_seal_status status = s < MGI_SEAL_NSTATUS ? (mgi_seal_status)s : MGI_SEAL_UNKNOWN;
        if (!present[status])
            continue;
        char key[48];
        const char *k = mgi_seal_status_key(status);
        seal_status_key(status, key, sizeof key);
        option_key(f, st, *k ? k : "unknown", key);
    }
    fputs("</select></label>\n<label class=\"chk\"><input id=\"due\" type=\"checkbox\">", f);
    both(f, st, "seal.due_filter", NULL);
    char iso[16];
    const char *vars[] = {"date", mgi_date_format(as_of, iso, sizeof iso), NULL};
    fputs("</label>\n<span class=\"muted\">", f);
    both(f, st, "seal.as_of", vars);
    fputs("</span>\n", f);
}

/* The seal cell of commune cm: its status in words and, when its
 * revalidation is due within six months of as_of or overdue, a badge with
 * the date. */
static void seal_cell(FILE *f, const mgi_strings *st, const mgi_commune *cm, mgi_date due,
                      bool overdue, bool soon)
{
    char key[48];
    seal_status_key(cm->seal, key, sizeof key);
    fputs("<td class=\"seal\">", f);
    both(f, st, key, NULL);
    if (overdue || soon) {
        char iso[16];
        const char *vars[] = {"date", mgi_date_format(due, iso, sizeof iso), NULL};
        fprintf(f, "<span class=\"due %s\">", overdue ? "late" : "soon");
        both(f, st, overdue ? "seal.overdue" : "seal.soon", vars);
        fputs("</span>", f);
    }
    fputs("</td>", f);
}

static int by_rank(const void *x, const void *y)
{
    const mgi_result *a = *(const mgi_result *const *)x, *b = *(const mgi_result *const *)y;
    unsigned ra = a->overall.rank ? a->overall.rank : 1000000, rb = b->overall.rank ? b->overall.rank : 1000000;
    if (ra != rb)
        return ra < rb ? -1 : 1;
    return (a->commune > b->commune) - (a->commune < b->commune);
}

mgi_error mgi_dashboard_write(const char *path, const mgi_assessment *a, int year,
                              const mgi_strings *st, const mgi_fonts *fonts, time_t date,
                              mgi_date as_of, mgi_diag *diag)
{
    const mgi_dataset *ds = a->ds;
    (void)date;
    const mgi_result **rows = malloc((a->nresults + 1) * sizeof *rows);
    if (!rows)
        return MGI_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < a->nresults; i++)
        if (a->results[i].round->year == year)
            rows[n++] = &a->results[i];
    qsort(rows, n, sizeof *rows, by_rank);
    if (a->hide_ranks) /* [report] ranks = no: no rank column, alphabetical order */
        mgi_robust_order_by_name(ds, rows, n);
    /* The seal column and its filters, when the data has anything to say about the seal. */
    bool seal = false;
    for (size_t i = 0; i < n && !seal; i++)
        seal = mgi_seal_relevant(ds, &ds->communes[rows[i]->commune]);
    mgi_output out;
    mgi_error err = mgi_output_open(&out, path, diag);
    if (err != MGI_OK) {
        free(rows);
        return err;
    }
    FILE *f = out.f;
    char y[16], nn[24];
    snprintf(y, sizeof y, "%d", year);
    snprintf(nn, sizeof nn, "%zu", n);
    const char *vars[] = {"year", y, "n", nn, NULL};
    char title[512];
    mgi_strings_format(st, MGI_LANG_EN, "dash.title", title, sizeof title, vars);
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"mgi " MGI_VERSION "\">\n<title>",
          f);
    esc(f, title);
    fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n<h1>", css);
    both(f, st, "dash.title", vars);
    fputs("</h1>\n<p>", f);
    both(f, st, "dash.intro", vars);
    fputs("</p>\n</header>\n<div class=\"controls\">\n", f);
    /* Controls. */
    fputs("<label>", f);
    both(f, st, "dash.language", NULL);
    fputs("<select id=\"lang\"><option value=\"en\">English</option><option value=\"es\">Español"
          "</option></select></label>\n<label>",
          f);
    search_box(f, st, "q", "dash.search");
    both(f, st, "dash.region", NULL);
    fputs("<select id=\"region\"><option value=\"\">", f);
    {
        char e[64], s2[64];
        mgi_strings_format(st, MGI_LANG_EN, "dash.all", e, sizeof e, NULL);
        mgi_strings_format(st, MGI_LANG_ES, "dash.all", s2, sizeof s2, NULL);
        esc(f, e);
        fputs(" / ", f);
        esc(f, s2);
    }
    fputs("</option>", f);
    for (size_t i = 0; i < n; i++) {
        const char *region = ds->communes[rows[i]->commune].region;
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++)
            seen = strcmp(ds->communes[rows[k]->commune].region, region) == 0;
        if (seen)
            continue;
        fputs("<option value=\"", f);
        esc(f, region);
        fputs("\">", f);
        esc(f, region);
        fputs("</option>", f);
    }
    fputs("</select></label>\n<label>", f);
    both(f, st, "dash.domain", NULL);
    fputs("<select id=\"dom\">", f);
    for (size_t d = 0; d < ds->ndomains; d++) {
        fprintf(f, "<option value=\"%zu\">%d. ", d, ds->domains[d].number);
        esc(f, ds->domains[d].name[MGI_LANG_EN]);
        fputs(" / ", f);
        esc(f, ds->domains[d].name[MGI_LANG_ES]);
        fputs("</option>", f);
    }
    fputs("<option value=\"overall\">Overall / General</option></select></label>\n<label>", f);
    both(f, st, "dash.level", NULL);
    fputs("<select id=\"lvl\"><option value=\"\">–</option>", f);
    for (int l = 1; l <= 4; l++) {
        char key[16], e[128], s2[128];
        snprintf(key, sizeof key, "level.%d", l);
        mgi_strings_format(st, MGI_LANG_EN, key, e, sizeof e, NULL);
        mgi_strings_format(st, MGI_LANG_ES, key, s2, sizeof s2, NULL);
        fprintf(f, "<option value=\"%d\">", l);
        esc(f, e);
        fputs(" / ", f);
        esc(f, s2);
        fputs("</option>", f);
    }
    fputs("</select></label>\n", f);
    if (seal)
        seal_controls(f, st, ds, rows, n, as_of);
    fputs("<button id=\"print\" type=\"button\">", f);
    both(f, st, "dash.print", NULL);
    fputs("</button>\n<span class=\"muted\"><span id=\"shown\">", f);
    fprintf(f, "%zu</span> / %zu</span>\n</div>\n<main>\n<div class=\"wrap\">\n<table id=\"t\">\n<thead><tr>",
            n, n);
    if (!a->hide_ranks) {
        fputs("<th aria-sort=\"ascending\"><button type=\"button\" data-k=\"rank\">", f);
        both(f, st, "dash.rank", NULL);
        fputs("</button></th>", f);
    }
    fputs("<th><button type=\"button\" data-k=\"name\">", f);
    both(f, st, "dash.commune", NULL);
    fputs("</button></th><th>", f);
    both(f, st, "dash.region", NULL);
    fputs("</th>", f);
    for (size_t d = 0; d < ds->ndomains; d++) {
        fprintf(f, "<th><button type=\"button\" data-k=\"d%zu\">", d);
        both_text(f, ds->domains[d].name[MGI_LANG_EN], ds->domains[d].name[MGI_LANG_ES]);
        fputs("</button></th>", f);
    }
    fputs("<th><button type=\"button\" data-k=\"overall\">", f);
    both(f, st, "overall", NULL);
    fputs("</button></th>", f);
    if (a->uncertainty && !a->hide_ranks) { /* beside the overall score that it ranks */
        fputs("<th><button type=\"button\" data-k=\"median\">", f);
        both(f, st, "xlsx.rank_median", NULL);
        fputs("</button></th>", f);
    }
    if (seal) {
        fputs("<th><button type=\"button\" data-k=\"seal\">", f);
        both(f, st, "seal.col.status", NULL);
        fputs("</button></th>", f);
    }
    fputs("<th class=\"links\">", f);
    both(f, st, "dash.links", NULL);
    fputs("</th></tr></thead>\n<tbody>\n", f);
    for (size_t i = 0; i < n; i++) {
        const mgi_result *r = rows[i];
        const mgi_commune *cm = &ds->communes[r->commune];
        mgi_date due;
        bool overdue, soon;
        mgi_seal_calendar(cm, as_of, &due, &overdue, &soon);
        fputs("<tr tabindex=\"0\"", f);
        if (seal) {
            /* data-seal sorts (statuses in their order, no data last), data-seal-status
             * filters, data-due marks the revalidations the due filter keeps. */
            const char *k = mgi_seal_status_key(cm->seal);
            if (cm->seal != MGI_SEAL_UNKNOWN)
                fprintf(f, " data-seal=\"%d\"", (int)cm->seal);
            else
                fputs(" data-seal=\"\"", f);
            fprintf(f, " data-seal-status=\"%s\"", *k ? k : "unknown");
            if (overdue || soon) {
                char iso[16];
                fprintf(f, " class=\"%s\" data-due=\"%s\"", overdue ? "late" : "soon",
                        mgi_date_format(due, iso, sizeof iso));
            }
        }
        fputs(" data-code=\"", f);
        esc(f, cm->code);
        fputs("\" data-name=\"", f);
        esc(f, cm->name);
        fputs("\" data-region=\"", f);
        esc(f, cm->region);
        fputs("\"", f);
        if (r->overall.rank)
            fprintf(f, " data-rank=\"%u\"", r->overall.rank);
        else
            fputs(" data-rank=\"\"", f);
        const mgi_rank_band *band = mgi_uncertainty_band(a->uncertainty, r, MGI_NDOMAINS);
        if (band && !band->rarely && band->median)
            fprintf(f, " data-median=\"%u\"", band->median);
        else if (band)
            fputs(" data-median=\"\"", f);
        for (size_t d = 0; d <= ds->ndomains; d++) {
            const mgi_score *s = d < ds->ndomains ? &r->domain[d] : &r->overall;
            char key[32], num[32];
            if (d < ds->ndomains)
                snprintf(key, sizeof key, "d%zu", d);
            else
                snprintf(key, sizeof key, "overall");
            fprintf(f, " data-%s=\"%s\" data-level-%s=\"%d\"", key,
                    isnan(s->score) ? "" : mgi_format_double(s->score, num),
                    d < ds->ndomains ? key + 1 : "overall", s->insufficient ? 0 : (int)s->level);
        }
        fputs(">", f);
        char rank[64];
        if (!a->hide_ranks)
            fprintf(f, "<td class=\"s\">%s</td>",
                    mgi_robust_rank_text(st, MGI_LANG_EN, a, r, MGI_NDOMAINS, rank, sizeof rank));
        fputs("<td>", f);
        esc(f, cm->name);
        fputs("</td><td>", f);
        esc(f, cm->region);
        fputs("</td>", f);
        for (size_t d = 0; d < ds->ndomains; d++)
            score_cell(f, &r->domain[d]);
        score_cell(f, &r->overall);
        if (band && !band->rarely && band->median && !a->hide_ranks)
            fprintf(f, "<td class=\"s\">%u</td>", band->median);
        else if (band && !a->hide_ranks)
            fputs("<td class=\"s\">–</td>", f);
        if (seal)
            seal_cell(f, st, cm, due, overdue, soon);
        /* Relative links to the commune's documents, beside this page in OUT. */
        char dir[256];
        snprintf(dir, sizeof dir, "../%s-%d/", cm->code, year);
        fputs("<td class=\"links\"><a href=\"", f);
        esc(f, dir);
        fputs("profile-en.pdf\">EN</a> · <a href=\"", f);
        esc(f, dir);
        fputs("profile-es.pdf\">ES</a> · <a href=\"", f);
        esc(f, dir);
        fputs("annex.xlsx\">XLSX</a></td></tr>\n", f);
    }
    fputs("</tbody>\n</table>\n<p class=\"muted\">* ", f);
    both(f, st, "insufficient", NULL);
    fputs("</p>\n", f);
    if (a->uncertainty && !a->hide_ranks) {
        /* The caterpillar view (robust.h), filled in the page's language by robust(). */
        fputs("<details id=\"robust\"><summary>", f);
        both(f, st, "unc.title", NULL);
        fputs("</summary>\n<p class=\"muted\">", f);
        both(f, st, "unc.chart_note", NULL);
        fputs("</p>\n<div id=\"cat\"></div>\n</details>\n", f);
    }
    fputs("</div>\n<section id=\"detail\" aria-live=\"polite\">\n<div id=\"one\">"
          "<p class=\"muted\">",
          f);
    both(f, st, "dash.none", NULL);
    fputs("</p></div>\n<h2>", f);
    both(f, st, "dash.compare", NULL);
    fputs("</h2>\n<p><select id=\"ca\" aria-label=\"A\"><option value=\"\">–</option>", f);
    for (int k = 0; k < 2; k++) {
        if (k == 1) {
            fputs("</select> ", f);
            both(f, st, "dash.with", NULL);
            fputs(" <select id=\"cb\" aria-label=\"B\"><option value=\"\">–</option>", f);
        }
        for (size_t i = 0; i < n; i++) {
            const mgi_commune *cm = &ds->communes[rows[i]->commune];
            fputs("<option value=\"", f);
            esc(f, cm->code);
            fputs("\">", f);
            esc(f, cm->name);
            fputs("</option>", f);
        }
    }
    fputs("</select></p>\n<div id=\"pair\" class=\"pair\"></div>\n</section>\n</main>\n", f);
    err = practices_section(f, ds, st);
    /* Each commune's wheel, in both languages, as inline SVG kept in templates. */
    for (size_t i = 0; i < n && err == MGI_OK; i++) {
        for (int lang = 0; lang < MGI_NLANGS; lang++) {
            mgi_chart ch = {.kind = MGI_CHART_WHEEL, .a = a, .strings = st, .lang = lang,
                            .result = rows[i]};
            double w, h;
            mgi_chart_size(&ch, &w, &h);
            mgi_canvas *c = NULL;
            char t[512];
            mgi_chart_title(&ch, t, sizeof t);
            if ((err = mgi_canvas_svg(fonts, w, h, t, &c)) != MGI_OK)
                break;
            mgi_chart_draw(&ch, c);
            fputs("<template id=\"w-", f);
            esc(f, ds->communes[rows[i]->commune].code);
            fprintf(f, "-%s\">", mgi_lang_code(lang));
            err = mgi_canvas_write_svg(c, f);
            fputs("</template>\n", f);
            mgi_canvas_free(c);
        }
    }
    for (int lang = 0; lang < MGI_NLANGS && err == MGI_OK && a->uncertainty && !a->hide_ranks;
         lang++) {
        mgi_chart ch = {.kind = MGI_CHART_CATERPILLAR, .a = a, .strings = st, .lang = lang,
                        .year = year};
        double w, h;
        mgi_chart_size(&ch, &w, &h);
        mgi_canvas *c = NULL;
        char t[512];
        mgi_chart_title(&ch, t, sizeof t);
        if ((err = mgi_canvas_svg(fonts, w, h, t, &c)) != MGI_OK)
            break;
        mgi_chart_draw(&ch, c);
        fprintf(f, "<template id=\"cat-%s\">", mgi_lang_code(lang));
        err = mgi_canvas_write_svg(c, f);
        fputs("</template>\n", f);
        mgi_canvas_free(c);
    }
    fprintf(f, "<script>\n%s%s</script>\n</body>\n</html>\n", script, script_practices);
    free(rows);
    if (err == MGI_ERR_IO) /* an embedded chart could not be written */
        return mgi_output_fail(&out, 0, diag);
    if (err == MGI_OK)
        err = mgi_dataset_check(ds, diag);
    if (err != MGI_OK) {
        mgi_output_abort(&out);
        return err;
    }
    return mgi_output_commit(&out, diag);
}
