/* dashboard.c — the comparison dashboard: one offline HTML page whose data is one JSON block. */
#include "mgi/dashboard.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/arena.h"
#include "mgi/charts.h"
#include "mgi/collate.h"
#include "mgi/gcm.h"
#include "mgi/mdhtml.h"
#include "mgi/output.h"
#include "mgi/practice.h"
#include "mgi/robust.h"
#include "mgi/seal.h"
#include "mgi/strmap.h"
#include "mgi/uncertainty.h"

/* The page's script and stylesheet, src/dashboard/page.js and page.css
 * (embedded by cmake/embed.cmake). */
extern const unsigned char mgi_dashboard_js[], mgi_dashboard_css[];

/* The words the script uses, in both languages (layouts/strings.ini). */
static const char *const words[] = {"dash.title",
                                    "dash.title_latest",
                                    "dash.intro2",
                                    "dash.view",
                                    "dash.latest",
                                    "dash.year_only",
                                    "dash.search",
                                    "dash.region",
                                    "dash.all",
                                    "dash.domain",
                                    "dash.level",
                                    "dash.any",
                                    "dash.commune",
                                    "dash.rank",
                                    "dash.links",
                                    "dash.profile",
                                    "dash.annex",
                                    "dash.compare",
                                    "dash.compare_a",
                                    "dash.compare_b",
                                    "dash.none",
                                    "dash.print",
                                    "dash.language",
                                    "dash.shown",
                                    "dash.filters",
                                    "dash.downloads",
                                    "dash.comparison_pdf",
                                    "dash.comparison_xlsx",
                                    "dash.practices_xlsx",
                                    "dash.print_practices",
                                    "dash.domain_note",
                                    "dash.due_key",
                                    "dash.select",
                                    "dash.wheel_label",
                                    "dash.no_ranges",
                                    "view.latest",
                                    "view.year",
                                    "view.year_col",
                                    "overall",
                                    "insufficient",
                                    "level.1",
                                    "level.2",
                                    "level.3",
                                    "level.4",
                                    "xlsx.rank_median",
                                    "seal.col.status",
                                    "seal.filter",
                                    "seal.due_filter",
                                    "seal.as_of",
                                    "seal.overdue",
                                    "seal.soon",
                                    "seal.status.unknown",
                                    "seal.status.none",
                                    "seal.status.candidate",
                                    "seal.status.granted",
                                    "seal.status.revalidated",
                                    "seal.status.lapsed",
                                    "unc.title",
                                    "unc.chart_note",
                                    "unc.rank_range",
                                    "practices.title",
                                    "practices.subtitle",
                                    "practices.search",
                                    "practices.indicator",
                                    "practices.shown",
                                    "practices.col.commune",
                                    "practices.col.region",
                                    "practices.col.year",
                                    "practices.col.finding",
                                    "practices.col.profile",
                                    "practices.sheet_link",
                                    "gcm.col.objective",
                                    "sdg.col.target"};

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

/* A JSON string that is safe inside <script>: quotes, backslashes and
 * control characters escaped, and < > & as \u escapes, so that no "</script>"
 * or "<!--" from the data can end the block. */
static void js(FILE *f, const char *s)
{
    putc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20 || c == '<' || c == '>' || c == '&')
            fprintf(f, "\\u%04x", c);
        else
            putc(c, f);
    }
    putc('"', f);
}

static void jnum(FILE *f, double x)
{
    char buf[32];
    if (isnan(x))
        fputs("null", f);
    else
        fputs(mgi_format_double(x, buf), f);
}

/* n strings, or n numbers, each after a comma but the first. */
static void js_list(FILE *f, const char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            putc(',', f);
        js(f, v[i]);
    }
}

static void jnum_list(FILE *f, const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            putc(',', f);
        jnum(f, v[i]);
    }
}

/* The index of result r in a->results. */
static size_t result_index(const mgi_assessment *a, const mgi_result *r)
{
    return (size_t)(r - a->results);
}

/* ------------------------------------------------------------- the data */

static void data_words(FILE *f, const mgi_strings *st)
{
    fputs("\"t\":{", f);
    for (int l = 0; l < MGI_NLANGS; l++) {
        fprintf(f, "%s\"%s\":{", l ? "," : "", mgi_lang_code(l));
        for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
            fprintf(f, "%s\"%s\":", k ? "," : "", words[k]);
            js(f, mgi_strings_get(st, l, words[k]));
        }
        putc('}', f);
    }
    putc('}', f);
}

/* A commune's name or region with what breaks ties, for the reader's order. */
typedef struct named {
    const char *key, *code;
    size_t c;
} named;

static int by_named(const void *x, const void *y)
{
    const named *a = x, *b = y;
    int k = mgi_collate(a->key, b->key);
    return k ? k : strcmp(a->code, b->code);
}

/* Where each commune comes in the reader's order (collate.h) of the names
 * (ties: the code) and of the regions (equal regions, equal places), so
 * that the page sorts by numbers rather than by its own rules. */
static mgi_error name_order(const mgi_dataset *ds, size_t *name, size_t *region)
{
    mgi_error err = mgi_collate_open();
    named *k = malloc((ds->ncommunes + 1) * sizeof *k);
    if (err != MGI_OK || !k) {
        free(k);
        return err != MGI_OK ? err : MGI_ERR_NOMEM;
    }
    for (int pass = 0; pass < 2; pass++) {
        for (size_t c = 0; c < ds->ncommunes; c++) {
            const mgi_commune *cm = &ds->communes[c];
            k[c] = (named){pass ? cm->region : cm->name, pass ? "" : cm->code, c};
        }
        qsort(k, ds->ncommunes, sizeof *k, by_named);
        for (size_t i = 0, place = 0; i < ds->ncommunes; i++) {
            if (pass && i > 0 && strcmp(k[i].key, k[i - 1].key) != 0)
                place++;
            (pass ? region : name)[k[i].c] = pass ? place : i;
        }
    }
    free(k);
    return MGI_OK;
}

/* Communes: [code, name, region, seal key, seal order, due date, 1 overdue | 2 soon | 0,
 * place in the order of names, place in the order of regions]. */
static mgi_error data_communes(FILE *f, const mgi_dataset *ds, mgi_date as_of)
{
    size_t *name = malloc((ds->ncommunes + 1) * sizeof *name);
    size_t *region = malloc((ds->ncommunes + 1) * sizeof *region);
    mgi_error err = name && region ? name_order(ds, name, region) : MGI_ERR_NOMEM;
    if (err != MGI_OK)
        goto cleanup;
    fputs(",\"c\":[", f);
    for (size_t c = 0; c < ds->ncommunes; c++) {
        const mgi_commune *cm = &ds->communes[c];
        mgi_date due;
        bool overdue, soon;
        char iso[16];
        mgi_seal_calendar(cm, as_of, &due, &overdue, &soon);
        fputs(c ? ",[" : "[", f);
        js_list(
            f, (const char *const[]){cm->code, cm->name, cm->region, mgi_seal_status_key(cm->seal)},
            4);
        if (cm->seal != MGI_SEAL_UNKNOWN)
            fprintf(f, ",%d,", (int)cm->seal);
        else
            fputs(",null,", f);
        js(f, overdue || soon ? mgi_date_format(due, iso, sizeof iso) : "");
        fprintf(f, ",%d,%zu,%zu]", overdue ? 1 : soon ? 2 : 0, name[c], region[c]);
    }
    putc(']', f);
cleanup:
    free(name);
    free(region);
    return err;
}

/* Results: [commune, year, previous year, scores[7], insufficient bits, levels[7],
 * ranks in their year[7], overall change, [median, lo, hi] of the overall rank or 0]. */
static void data_results(FILE *f, const mgi_assessment *a)
{
    fputs(",\"r\":[", f);
    for (size_t i = 0; i < a->nresults; i++) {
        const mgi_result *r = &a->results[i];
        fprintf(f, "%s[%zu,%d,%d,[", i ? "," : "", r->commune, r->round->year,
                r->previous ? r->previous->year : 0);
        unsigned ins = 0;
        for (size_t d = 0; d <= MGI_NDOMAINS; d++) {
            const mgi_score *s = d < MGI_NDOMAINS ? &r->domain[d] : &r->overall;
            if (d)
                putc(',', f);
            jnum(f, s->score);
            ins |= (unsigned)s->insufficient << d;
        }
        fprintf(f, "],%u,[", ins);
        for (size_t d = 0; d <= MGI_NDOMAINS; d++)
            fprintf(f, "%s%d", d ? "," : "",
                    (int)(d < MGI_NDOMAINS ? r->domain[d].level : r->overall.level));
        fputs("],[", f);
        for (size_t d = 0; d <= MGI_NDOMAINS; d++)
            fprintf(f, "%s%u", d ? "," : "",
                    d < MGI_NDOMAINS ? r->domain[d].rank : r->overall.rank);
        fputs("],", f);
        jnum(f, r->overall.change);
        const mgi_rank_band *b =
            a->hide_ranks ? NULL : mgi_uncertainty_band(a->uncertainty, r, MGI_NDOMAINS);
        if (b && !b->rarely && b->median)
            fprintf(f, ",[%u,%u,%u]]", b->median, b->lo, b->hi);
        else
            fputs(",0]", f);
    }
    putc(']', f);
}

static void stats(FILE *f, const mgi_stats *s)
{
    fprintf(f, "[%zu,", s->n);
    jnum_list(f, (const double[]){s->min, s->q1, s->median, s->q3, s->max}, 5);
    putc(']', f);
}

/* The build's view (view.h) with its own ranks, and every year's statistics. */
static void data_views(FILE *f, const mgi_view *v)
{
    const mgi_assessment *a = v->a;
    fprintf(f, ",\"v\":{\"year\":%d,\"first\":%d,\"last\":%d,\"rows\":[", v->year, v->first,
            v->last);
    for (size_t i = 0; i < v->n; i++) {
        fprintf(f, "%s[%zu", i ? "," : "", result_index(a, v->rows[i]));
        for (size_t d = 0; d <= MGI_NDOMAINS; d++)
            fprintf(f, ",%u", v->rank[i][d]);
        putc(']', f);
    }
    fputs("],\"st\":[", f);
    for (size_t d = 0; d <= MGI_NDOMAINS; d++) {
        if (d)
            putc(',', f);
        stats(f, mgi_view_stats(v, d));
    }
    fputs("]},\"yrs\":[", f);
    for (size_t y = 0; y < a->nyears; y++)
        fprintf(f, "%s%d", y ? "," : "", a->years[y].year);
    fputs("],\"st\":{", f);
    for (size_t y = 0; y < a->nyears; y++) {
        fprintf(f, "%s\"y%d\":[", y ? "," : "", a->years[y].year);
        for (size_t d = 0; d <= MGI_NDOMAINS; d++) {
            if (d)
                putc(',', f);
            stats(f, d < MGI_NDOMAINS ? &a->years[y].domain[d] : &a->years[y].overall);
        }
        putc(']', f);
    }
    putc('}', f);
}

/* A text of the practice directory, once: its index in "tx". */
typedef struct texts {
    mgi_strmap *index;
    mgi_arena *arena;
    size_t n;
    FILE *f;
} texts;

static mgi_error text_id(texts *t, const char *html, size_t *id)
{
    if (mgi_strmap_get(t->index, html, id))
        return MGI_OK;
    char *key = mgi_arena_strdup(t->arena, html);
    if (!key || mgi_strmap_put(t->index, key, t->n, NULL) < 0)
        return MGI_ERR_NOMEM;
    if (t->n)
        putc(',', t->f);
    js(t->f, html);
    *id = t->n++;
    return MGI_OK;
}

/* The objectives and targets the catalogue maps, with their titles in both
 * languages, for the practice directory's filters: "gcm":[[k, en, es]…],
 * "sdg":[["10.7", goal en, goal es]…]. */
static void lens_json(FILE *f, const mgi_dataset *ds, const mgi_strings *st)
{
    char key[32], code[8];
    mgi_gcm_set set = mgi_gcm_mapped(ds);
    fputs("],\"gcm\":[", f);
    for (int k = 1, n = 0; k <= MGI_GCM_NOBJECTIVES; k++) {
        if (!(set & (1u << k)))
            continue;
        snprintf(key, sizeof key, "gcm.obj.%d", k);
        fprintf(f, "%s[%d,", n++ ? "," : "", k);
        js_list(f,
                (const char *const[]){mgi_strings_get(st, MGI_LANG_EN, key),
                                      mgi_strings_get(st, MGI_LANG_ES, key)},
                2);
        putc(']', f);
    }
    fputs("],\"sdg\":[", f);
    mgi_sdg t[MGI_SDG_NTARGETS];
    size_t nt = mgi_sdg_mapped(ds, t, MGI_SDG_NTARGETS);
    for (size_t k = 0; k < nt; k++) {
        snprintf(key, sizeof key, "sdg.goal.%d", t[k] >> 8);
        fputs(k ? ",[" : "[", f);
        js_list(f,
                (const char *const[]){mgi_sdg_format(t[k], code),
                                      mgi_strings_get(st, MGI_LANG_EN, key),
                                      mgi_strings_get(st, MGI_LANG_ES, key)},
                3);
        putc(']', f);
    }
    putc(']', f);
}

/* The practice directory (practice.h): indicators, rows [indicator, result,
 * text en, text es], and the texts, each once (first sentences of findings as
 * HTML, mdhtml.h). */
static mgi_error data_practices(FILE *f, const mgi_assessment *a, const mgi_strings *st)
{
    const mgi_dataset *ds = a->ds;
    mgi_practice *rows = NULL;
    size_t n = 0, nind = 0;
    size_t *indpos = calloc(ds->nindicators + 1, sizeof *indpos);
    char *txbuf = NULL;
    size_t txsize = 0;
    texts t = {mgi_strmap_new(1024), mgi_arena_new(), 0, open_memstream(&txbuf, &txsize)};
    mgi_arena *scratch = mgi_arena_new();
    mgi_error err = MGI_ERR_NOMEM;
    if (!indpos || !t.index || !t.arena || !t.f || !scratch)
        goto cleanup;
    if ((err = mgi_practice_list(ds, &rows, &n)) != MGI_OK)
        goto cleanup;
    fputs(",\"ind\":[", f);
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && rows[k - 1].indicator == rows[k].indicator)
            continue;
        const mgi_indicator *ind = &ds->indicators[rows[k].indicator];
        indpos[rows[k].indicator] = nind++;
        fputs(nind > 1 ? ",[" : "[", f);
        js_list(
            f,
            (const char *const[]){ind->id, ind->question[MGI_LANG_EN], ind->question[MGI_LANG_ES]},
            3);
        fprintf(f, ",%zu,", ind->domain);
        js_list(f,
                (const char *const[]){mgi_indicator_label(ind, MGI_LANG_EN),
                                      mgi_indicator_label(ind, MGI_LANG_ES)},
                2);
        /* the Global Compact lens (gcm.h): its GCM objectives and SDG targets */
        fputs(",[", f);
        for (int g = 1, first = 1; g <= MGI_GCM_NOBJECTIVES; g++)
            if (ind->gcm & (1u << g)) {
                fprintf(f, first ? "%d" : ",%d", g);
                first = 0;
            }
        fputs("],[", f);
        for (unsigned s = 0; s < ind->nsdg; s++) {
            char code[8];
            if (s)
                putc(',', f);
            js(f, mgi_sdg_format(ind->sdg[s], code));
        }
        fputs("]]", f);
    }
    lens_json(f, ds, st);
    fputs(",\"p\":[", f);
    size_t ri = 0;
    for (size_t k = 0; k < n && err == MGI_OK; k++) {
        const mgi_practice *p = &rows[k];
        /* The result of the practice's round (results go commune by commune). */
        for (ri = 0; ri < a->nresults && a->results[ri].round != p->round; ri++)
            ;
        size_t id[MGI_NLANGS] = {0};
        for (int l = 0; l < MGI_NLANGS && err == MGI_OK; l++) {
            const mgi_response *resp = &p->round->responses[p->indicator];
            char *html = NULL;
            err = mgi_markdown_html_excerpt(mgi_response_finding(ds, resp, l, scratch), 240, &html);
            if (err == MGI_OK)
                err = text_id(&t, html, &id[l]);
            free(html);
        }
        mgi_arena_reset(scratch);
        fprintf(f, "%s[%zu,%zu,%zu,%zu]", k ? "," : "", indpos[p->indicator], ri, id[0], id[1]);
    }
    if (err != MGI_OK)
        goto cleanup;
    if (fclose(t.f) != 0) {
        t.f = NULL;
        err = MGI_ERR_NOMEM;
        goto cleanup;
    }
    t.f = NULL;
    fputs("],\"tx\":[", f);
    fwrite(txbuf, 1, txsize, f);
    putc(']', f);
cleanup:
    if (t.f)
        fclose(t.f);
    free(txbuf);
    free(rows);
    free(indpos);
    mgi_strmap_free(t.index);
    mgi_arena_free(t.arena);
    mgi_arena_free(scratch);
    return err;
}

static void data_rest(FILE *f, const mgi_view *v, const mgi_dashboard_docs *docs, mgi_date as_of)
{
    const mgi_assessment *a = v->a;
    const mgi_dataset *ds = a->ds;
    char iso[16];
    fputs(",\"dom\":[", f);
    for (size_t d = 0; d < ds->ndomains; d++) {
        fprintf(f, "%s[%d,", d ? "," : "", ds->domains[d].number);
        js_list(f,
                (const char *const[]){ds->domains[d].key, ds->domains[d].name[MGI_LANG_EN],
                                      ds->domains[d].name[MGI_LANG_ES]},
                3);
        fprintf(f, ",\"#%06x\"]", mgi_domain_colour(ds, d));
    }
    fprintf(f, "],\"cut\":[");
    jnum_list(f, a->method.cut, 3);
    fputs("],\"viridis\":[", f);
    for (int k = 0; k <= 100; k++)
        fprintf(f, "%s\"%06x\"", k ? "," : "", mgi_score_colour(k / 100.0));
    bool seal = false;
    for (size_t i = 0; i < v->n && !seal; i++)
        seal = mgi_seal_relevant(ds, &ds->communes[v->rows[i]->commune]);
    fprintf(f, "],\"ranks\":%s,\"unc\":%s,\"seal\":%s,\"asof\":", a->hide_ranks ? "false" : "true",
            a->uncertainty && !a->hide_ranks ? "true" : "false", seal ? "true" : "false");
    js(f, mgi_date_format(as_of, iso, sizeof iso));
    /* The seal statuses present, in their order; no data last. */
    fputs(",\"sealKeys\":[", f);
    bool present[MGI_SEAL_NSTATUS] = {false}, first = true;
    for (size_t c = 0; c < ds->ncommunes; c++)
        if (ds->communes[c].nrounds)
            present[ds->communes[c].seal] = true;
    for (int s = MGI_SEAL_UNKNOWN + 1; s <= MGI_SEAL_NSTATUS; s++) {
        mgi_seal_status status = s < MGI_SEAL_NSTATUS ? (mgi_seal_status)s : MGI_SEAL_UNKNOWN;
        if (!present[status])
            continue;
        const char *k = mgi_seal_status_key(status);
        fprintf(f, "%s\"%s\"", first ? "" : ",", *k ? k : "unknown");
        first = false;
    }
    fputs("],\"docs\":{\"langs\":[", f);
    for (int l = 0; l < docs->nlangs; l++)
        fprintf(f, "%s\"%s\"", l ? "," : "", mgi_lang_code(docs->langs[l]));
    fputs("],\"built\":", f);
    if (!docs->built) {
        fputs("null", f);
    } else {
        putc('[', f);
        for (size_t i = 0; i < a->nresults; i++)
            fprintf(f, "%s%d", i ? "," : "", docs->built[i] ? 1 : 0);
        putc(']', f);
    }
    fprintf(f, ",\"sheets\":%s}", docs->sheets ? "true" : "false");
}

/* ------------------------------------------------------------- the page */

/* A label whose words the script fills in (data-t), around a control. */
static void label(FILE *f, const mgi_strings *st, const char *key, const char *control)
{
    fprintf(f, "<label><span data-t=\"%s\">", key);
    esc(f, mgi_strings_get(st, MGI_LANG_EN, key));
    fprintf(f, "</span>%s</label>\n", control);
}

static void words_span(FILE *f, const mgi_strings *st, const char *tag, const char *attrs,
                       const char *key)
{
    fprintf(f, "<%s%s data-t=\"%s\">", tag, attrs, key);
    esc(f, mgi_strings_get(st, MGI_LANG_EN, key));
    fprintf(f, "</%s>", tag);
}

static void page_top(FILE *f, const mgi_view *v, const mgi_strings *st, bool seal)
{
    char title[512], years[32];
    const char *vars[] = {"year", v->year ? "" : mgi_view_years(v, years, sizeof years), NULL};
    if (v->year)
        snprintf(years, sizeof years, "%d", v->year);
    vars[1] = years;
    mgi_strings_format(st, MGI_LANG_EN, v->year ? "dash.title" : "dash.title_latest", title,
                       sizeof title, vars);
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"mgi " MGI_VERSION "\">\n<title>",
          f);
    esc(f, title);
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", (const char *)mgi_dashboard_css);
    /* The hatching of insufficient data in the wheels, defined once. */
    fputs("<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\"><defs>"
          "<pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
          "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f2f2f2\"/>"
          "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#9a9a9a\" stroke-width=\"2\"/>"
          "</pattern></defs></svg>\n<header>\n<h1 id=\"title\">",
          f);
    esc(f, title);
    fputs("</h1>\n<p id=\"viewnote\"></p>\n", f);
    words_span(f, st, "p", "", "dash.intro2");
    fputs("\n<nav id=\"downloads\" aria-label=\"Downloads\"></nav>\n</header>\n", f);
    fputs(
        "<button id=\"ftoggle\" type=\"button\" aria-expanded=\"false\" aria-controls=\"filters\" "
        "data-t=\"dash.filters\">Filters</button>\n"
        "<div class=\"controls collapsible\" id=\"filters\">\n",
        f);
    label(f, st, "dash.language",
          "<select id=\"lang\"><option value=\"en\" lang=\"en\">English</option>"
          "<option value=\"es\" lang=\"es\">Español</option></select>");
    label(f, st, "dash.view", "<select id=\"view\"></select>");
    label(f, st, "dash.search", "<input id=\"q\" type=\"search\">");
    label(f, st, "dash.region", "<select id=\"region\"></select>");
    label(f, st, "dash.domain", "<select id=\"dom\" aria-describedby=\"domnote\"></select>");
    label(f, st, "dash.level", "<select id=\"lvl\"></select>");
    if (seal) {
        label(f, st, "seal.filter", "<select id=\"seal\"></select>");
        fputs("<label class=\"chk\"><input id=\"due\" type=\"checkbox\">", f);
        words_span(f, st, "span", "", "seal.due_filter");
        fputs("</label>\n<span class=\"muted\" id=\"asof\"></span>\n", f);
    }
    fputs("<button id=\"print\" type=\"button\" data-t=\"dash.print\">Print</button>\n"
          "<span class=\"muted\" id=\"shown\" role=\"status\"></span>\n",
          f);
    words_span(f, st, "span", " class=\"muted\" id=\"domnote\"", "dash.domain_note");
    fputs("\n</div>\n", f);
}

static void page_main(FILE *f, const mgi_view *v, const mgi_strings *st, bool seal)
{
    const mgi_assessment *a = v->a;
    fputs("<main>\n<div>\n<div class=\"wrap\" tabindex=\"0\" role=\"region\" "
          "aria-labelledby=\"tcap\">\n<table id=\"t\"><caption id=\"tcap\" class=\"sr\"></caption>"
          "<thead></thead><tbody></tbody></table>\n</div>\n<p class=\"muted\">* ",
          f);
    words_span(f, st, "span", "", "insufficient");
    fputs("</p>\n", f);
    if (seal) { /* the key to the bars beside the names */
        fputs(
            "<p class=\"muted\"><span class=\"bar late\"></span><span class=\"bar soon\"></span> ",
            f);
        words_span(f, st, "span", "", "dash.due_key");
        fputs("</p>\n", f);
    }
    if (a->uncertainty && !a->hide_ranks) {
        /* The caterpillar view (robust.h) of the build's view, when it is one
         * year's: the intervals are computed within a year. */
        fputs("<details id=\"robust\"><summary data-t=\"unc.title\"></summary>\n"
              "<p class=\"muted\" data-t=\"unc.chart_note\"></p>\n<div id=\"cat\"></div>\n"
              "</details>\n<p class=\"muted\" id=\"noranges\" data-t=\"dash.no_ranges\" "
              "hidden></p>\n",
              f);
    }
    fputs("</div>\n<section id=\"detail\" tabindex=\"-1\" aria-labelledby=\"dtitle\" "
          "aria-live=\"polite\" class=\"empty\">\n",
          f);
    words_span(f, st, "h2", " id=\"dtitle\" class=\"sr\"", "dash.commune");
    fputs("\n<div id=\"one\"></div>\n", f);
    words_span(f, st, "h2", "", "dash.compare");
    fputs("\n<div class=\"pairsel\">\n", f);
    label(f, st, "dash.compare_a", "<select id=\"ca\"></select>");
    label(f, st, "dash.compare_b", "<select id=\"cb\"></select>");
    fputs("</div>\n<div id=\"pair\" class=\"pair\"></div>\n</section>\n</main>\n", f);
    /* The practice directory, filled by the script when it is scrolled to,
     * used, or printed with it. */
    fputs("<section id=\"practices\" aria-labelledby=\"ptitle\">\n", f);
    words_span(f, st, "h2", " id=\"ptitle\"", "practices.title");
    fputs("\n", f);
    words_span(f, st, "p", " class=\"muted\"", "practices.subtitle");
    fputs("\n<div class=\"controls\">\n", f);
    static const char *const filters[][2] = {
        {"practices.search", "<input id=\"pq\" type=\"search\">"},
        {"dash.domain", "<select id=\"pdom\"></select>"},
        {"dash.region", "<select id=\"preg\"></select>"},
        {"practices.indicator", "<select id=\"pind\"></select>"},
        {"gcm.col.objective", "<select id=\"pgcm\"></select>"},
        {"sdg.col.target", "<select id=\"psdg\"></select>"}};
    for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++)
        label(f, st, filters[i][0], filters[i][1]);
    fputs("<label class=\"chk\"><input id=\"pprint\" type=\"checkbox\">", f);
    words_span(f, st, "span", "", "dash.print_practices");
    fputs("</label>\n<span id=\"pshown\" class=\"muted\" role=\"status\"></span>\n</div>\n"
          "<div class=\"wrap\">\n<table id=\"pt\"></table>\n</div>\n</section>\n",
          f);
}

/* The caterpillar chart of the view's year in each language, in templates. */
static mgi_error caterpillars(FILE *f, const mgi_view *v, const mgi_strings *st,
                              const mgi_fonts *fonts)
{
    const mgi_assessment *a = v->a;
    if (!a->uncertainty || a->hide_ranks || !v->n || !mgi_view_one_year(v))
        return MGI_OK;
    mgi_error err = MGI_OK;
    for (int lang = 0; lang < MGI_NLANGS && err == MGI_OK; lang++) {
        mgi_chart ch = {
            .kind = MGI_CHART_CATERPILLAR, .a = a, .strings = st, .lang = lang, .year = v->first};
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
    return err;
}

mgi_error mgi_dashboard_write(const char *path, const mgi_view *v, const mgi_strings *st,
                              const mgi_fonts *fonts, mgi_date as_of,
                              const mgi_dashboard_docs *docs, mgi_diag *diag)
{
    const mgi_assessment *a = v->a;
    const mgi_dataset *ds = a->ds;
    mgi_dashboard_docs none = {NULL, {MGI_LANG_EN, MGI_LANG_ES}, MGI_NLANGS, false};
    if (!docs)
        docs = &none;
    bool seal = false;
    for (size_t i = 0; i < v->n && !seal; i++)
        seal = mgi_seal_relevant(ds, &ds->communes[v->rows[i]->commune]);
    mgi_output out;
    mgi_error err = mgi_output_open(&out, path, diag);
    if (err != MGI_OK)
        return err;
    FILE *f = out.f;
    page_top(f, v, st, seal);
    page_main(f, v, st, seal);
    fputs("<script type=\"application/json\" id=\"data\">{", f);
    data_words(f, st);
    err = data_communes(f, ds, as_of);
    data_results(f, a);
    data_views(f, v);
    data_rest(f, v, docs, as_of);
    if (err == MGI_OK)
        err = data_practices(f, a, st);
    fputs("}</script>\n", f);
    if (err == MGI_OK)
        err = caterpillars(f, v, st, fonts);
    fprintf(f, "<script>\n%s</script>\n</body>\n</html>\n", (const char *)mgi_dashboard_js);
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
