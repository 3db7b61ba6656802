/* practicesheet.c — practice sheets for the UN Network on Migration's Repository of Practices
 * (Markdown and PDF). */
#include "mgi/practicesheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mgi/arena.h"
#include "mgi/build.h"
#include "mgi/document.h"
#include "mgi/gcm.h"
#include "mgi/markdown.h"
#include "mgi/output.h"
#include "mgi/pdf.h"
#include "mgi/pool.h"

static const mgi_round *latest(const mgi_commune *cm)
{
    return cm->nrounds ? &cm->rounds[cm->nrounds - 1] : NULL;
}

/* "MR-01, MR-02, … (12 in all)": up to eight ids of the indicators that
 * round answers yes, COVID-19 questions left out. */
static void practices_in_place(const mgi_dataset *ds, const mgi_round *rd, char *buf, size_t size)
{
    size_t o = 0, n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < ds->nindicators; i++) {
        if (ds->indicators[i].covid || rd->responses[i].answer != MGI_ANSWER_YES)
            continue;
        if (n < 8 && o < size)
            o += (size_t)snprintf(buf + o, size - o, "%s%s", n ? ", " : "", ds->indicators[i].id);
        n++;
    }
    if (n == 0)
        snprintf(buf, size, "none");
    else if (n > 8 && o < size)
        snprintf(buf + o, size - o, ", … (%zu in all)", n);
}

mgi_error mgi_practicesheet_find(const mgi_dataset *ds, const char *code, const char *id,
                                 mgi_practice *out, mgi_diag *diag)
{
    long c = mgi_dataset_commune(ds, code);
    if (c < 0) {
        char known[256] = "";
        size_t o = 0;
        for (size_t k = 0; k < ds->ncommunes && k < 6 && o < sizeof known; k++)
            o += (size_t)snprintf(known + o, sizeof known - o, "%s%s (%s)", k ? ", " : "",
                                  ds->communes[k].code, ds->communes[k].name);
        if (ds->ncommunes > 6 && o < sizeof known)
            snprintf(known + o, sizeof known - o, ", … (%zu in all)", ds->ncommunes);
        mgi_diag_add(diag, MGI_ERROR, ds->dir, 0, 0, "unknown commune \"%s\": communes.csv has %s",
                     code, ds->ncommunes ? known : "none");
        return MGI_ERR_DATA;
    }
    long i = mgi_dataset_indicator(ds, id);
    if (i < 0) {
        mgi_diag_add(diag, MGI_ERROR, ds->dir, 0, 0,
                     "unknown indicator \"%s\": the catalogue (indicators.csv) has %s to %s", id,
                     ds->nindicators ? ds->indicators[0].id : "none",
                     ds->nindicators ? ds->indicators[ds->nindicators - 1].id : "none");
        return MGI_ERR_DATA;
    }
    const mgi_commune *cm = &ds->communes[c];
    const mgi_indicator *ind = &ds->indicators[i];
    const mgi_round *rd = latest(cm);
    char list[256];
    if (ind->covid) {
        mgi_diag_add(diag, MGI_ERROR, ds->dir, 0, 0,
                     "%s is a COVID-19 annex question, not a practice: ask for a scored "
                     "indicator",
                     ind->id);
        return MGI_ERR_DATA;
    }
    if (!rd) {
        mgi_diag_add(diag, MGI_ERROR, ds->dir, 0, 0,
                     "commune %s (%s) has no assessment in responses.csv, so no practice", cm->code,
                     cm->name);
        return MGI_ERR_DATA;
    }
    mgi_answer ans = rd->responses[i].answer;
    if (ans != MGI_ANSWER_YES) {
        practices_in_place(ds, rd, list, sizeof list);
        mgi_diag_add(diag, MGI_ERROR, ds->dir, 0, 0,
                     "%s is not a practice in place in %s (%s): its latest assessment (%d) "
                     "answers %s%s; the practices in place there are %s",
                     ind->id, cm->name, cm->code, rd->year, mgi_answer_name(ans),
                     ans == MGI_ANSWER_MISSING ? " (no row)" : "", list);
        return MGI_ERR_DATA;
    }
    *out = (mgi_practice){(size_t)i, (size_t)c, rd, cm->name, cm->code};
    return MGI_OK;
}

char *mgi_practicesheet_name(const mgi_dataset *ds, const mgi_practice *p, int lang, char *buf,
                             size_t size)
{
    snprintf(buf, size, "%s-%d-%s.%s", ds->communes[p->commune].code, p->round->year,
             ds->indicators[p->indicator].id, mgi_lang_code(lang));
    return buf;
}

/* ------------------------------------------------------------ Markdown */

typedef struct sheet {
    const mgi_practicesheet_ctx *c;
    const mgi_practice *p;
    const mgi_commune *cm;
    const mgi_indicator *ind;
    FILE *f;
    mgi_arena *texts;
    char year[16];
} sheet;

static const char *S(const sheet *s, const char *key)
{
    return mgi_strings_get(s->c->strings, s->c->lang, key);
}

static const char *F(const sheet *s, const char *key, char *buf, size_t size,
                     const char *const *vars)
{
    return mgi_strings_format(s->c->strings, s->c->lang, key, buf, size, vars);
}

/* Text from the data, as Markdown that prints it as written: characters that
 * Markdown would read as markup are escaped. */
static void plain(FILE *f, const char *t)
{
    for (; *t; t++) {
        if (strchr("\\`*_[]<>#|", *t))
            fputc('\\', f);
        fputc(*t == '\n' ? ' ' : *t, f);
    }
}

static void blank(const sheet *s, const char *hint)
{
    fprintf(s->f, "[[%s%s%s]]", S(s, "sheet.blank"), hint ? ": " : "", hint ? hint : "");
}

static void heading(const sheet *s, const char *key)
{
    fprintf(s->f, "\n## %s\n\n", S(s, key));
}

/* The organisation a source names: the words before its first comma. */
static void source_org(const char *source, char *buf, size_t size)
{
    size_t n = strcspn(source, ",");
    if (n >= size)
        n = size - 1;
    memcpy(buf, source, n);
    buf[n] = '\0';
}

static bool municipal(const char *org, const mgi_commune *cm)
{
    return strncasecmp(org, "Municipality", 12) == 0 ||
           strncasecmp(org, "Municipalidad", 13) == 0 ||
           strncasecmp(org, "Ilustre Municipalidad", 21) == 0 || strstr(org, cm->name) != NULL;
}

static void head(sheet *s)
{
    char buf[1024];
    const char *label = mgi_indicator_label(s->ind, s->c->lang);
    const char *v[] = {"label", label, "commune",  s->cm->name, "year",
                       s->year, "id",  s->ind->id, NULL};
    fprintf(s->f, "# ");
    plain(s->f, F(s, "sheet.name", buf, sizeof buf, v));
    fprintf(s->f, "\n\n**%s** · %s\n\n", S(s, "sheet.title"), S(s, "sheet.kicker"));
    fprintf(s->f, "> %s\n", F(s, "sheet.prepared", buf, sizeof buf, v));
    heading(s, "sheet.h.location");
    fprintf(s->f, "- **%s:** ", S(s, "sheet.country"));
    plain(s->f, s->cm->country);
    fprintf(s->f, "\n- **%s:** ", S(s, "sheet.region"));
    plain(s->f, s->cm->region);
    fprintf(s->f, "\n- **%s:** ", S(s, "sheet.commune"));
    plain(s->f, s->cm->name);
    fprintf(s->f, " (%s)\n", s->cm->code);
}

/* The dates: the start is the municipality's to give; the data says since
 * when the practice has been in place without a break. */
static void dates(sheet *s)
{
    char buf[512], first[16];
    int from = s->p->round->year;
    for (size_t k = s->cm->nrounds; k-- > 0;) {
        if (s->cm->rounds[k].year > s->p->round->year)
            continue;
        if (s->cm->rounds[k].responses[s->p->indicator].answer != MGI_ANSWER_YES)
            break;
        from = s->cm->rounds[k].year;
    }
    snprintf(first, sizeof first, "%d", from);
    const char *v[] = {"year", s->year, "first", first, NULL};
    heading(s, "sheet.h.dates");
    fprintf(s->f, "- **%s:** ", S(s, "sheet.start"));
    blank(s, NULL);
    fprintf(s->f, " (%s)\n- **%s:** ",
            F(s, from == s->p->round->year ? "sheet.in_place" : "sheet.in_place_since", buf,
              sizeof buf, v),
            S(s, "sheet.end"));
    blank(s, NULL);
    fprintf(s->f, "\n");
    heading(s, "sheet.h.type");
    blank(s, S(s, "sheet.type_hint"));
    fprintf(s->f, "\n");
}

static void lens(sheet *s)
{
    char key[32], buf[1024], n[16];
    heading(s, "sheet.h.gcm");
    if (!s->ind->gcm)
        fprintf(s->f, "%s\n", S(s, "sheet.gcm_none"));
    for (int k = 1; k <= MGI_GCM_NOBJECTIVES; k++) {
        if (!(s->ind->gcm & (1u << k)))
            continue;
        snprintf(n, sizeof n, "%d", k);
        const char *v[] = {"n", n, NULL};
        snprintf(key, sizeof key, "gcm.obj.%d", k);
        fprintf(s->f, "- **%s.** %s\n", F(s, "gcm.objective", buf, sizeof buf, v), S(s, key));
    }
    const char *why;
    unsigned principles = mgi_gcm_principles(s->c->ds->domains[s->ind->domain].key, &why);
    const char *v[] = {"why", S(s, why), NULL};
    heading(s, "sheet.h.principles");
    fprintf(s->f, "%s\n\n", F(s, "sheet.principles_note", buf, sizeof buf, v));
    for (int k = 1; k <= MGI_GCM_NPRINCIPLES; k++)
        if (principles & (1u << k)) {
            snprintf(key, sizeof key, "gcm.principle.%d", k);
            fprintf(s->f, "- %s\n", S(s, key));
        }
    fprintf(s->f, "\n[[%s]]\n", S(s, "sheet.confirm"));
    heading(s, "sheet.h.sdg");
    if (!s->ind->nsdg)
        fprintf(s->f, "%s\n", S(s, "sheet.sdg_none"));
    for (unsigned k = 0; k < s->ind->nsdg; k++) {
        char t[8];
        const char *vt[] = {"t", mgi_sdg_format(s->ind->sdg[k], t), NULL};
        char goal[256], g[8];
        snprintf(g, sizeof g, "%d", s->ind->sdg[k] >> 8);
        snprintf(key, sizeof key, "sdg.goal.%d", s->ind->sdg[k] >> 8);
        const char *vg[] = {"n", g, "name", S(s, key), NULL};
        F(s, "gcm.goal", goal, sizeof goal, vg);
        fprintf(s->f, "- **%s** (%s)\n", F(s, "gcm.target", buf, sizeof buf, vt), goal);
    }
}

static void summary(sheet *s)
{
    const mgi_dataset *ds = s->c->ds;
    const mgi_response *r = &s->p->round->responses[s->p->indicator];
    int lang = s->c->lang, other = lang == MGI_LANG_EN ? MGI_LANG_ES : MGI_LANG_EN;
    const char *own = mgi_response_text(ds, r, lang, s->texts);
    heading(s, "sheet.h.summary");
    if (*own) {
        fprintf(s->f, "%s\n\n", own);
    } else {
        const char *theirs = mgi_response_text(ds, r, other, s->texts);
        if (*theirs) {
            /* Tagged as the other language's words (markdown.h), for screen
             * readers and hyphenation. */
            fprintf(s->f, "%s\n\n> <span lang=\"%s\">%s</span>\n\n", S(s, "sheet.other_lang"),
                    mgi_lang_code(other), theirs);
        } else {
            blank(s, S(s, "sheet.no_finding"));
            fprintf(s->f, "\n\n");
        }
    }
    char buf[2048];
    const char *v[] = {"question", s->ind->question[lang], "year", s->year, NULL};
    fprintf(s->f, "%s\n", F(s, "sheet.question", buf, sizeof buf, v));
}

static void organisations(sheet *s)
{
    const mgi_dataset *ds = s->c->ds;
    const char *source =
        mgi_response_text(ds, &s->p->round->responses[s->p->indicator], MGI_TEXT_SOURCE, s->texts);
    char org[512];
    source_org(source, org, sizeof org);
    heading(s, "sheet.h.organisation");
    fprintf(s->f, "- **%s:** ", S(s, "sheet.main_org"));
    if (*org && municipal(org, s->cm)) {
        plain(s->f, org);
        fprintf(s->f, " (%s) [[%s]]\n", S(s, "sheet.org_from_source"), S(s, "sheet.confirm"));
        fprintf(s->f, "- **%s:** ", S(s, "sheet.partners"));
        blank(s, NULL);
    } else {
        blank(s, NULL);
        fprintf(s->f, "\n- **%s:** ", S(s, "sheet.partners"));
        if (*org) {
            plain(s->f, org);
            fprintf(s->f, " (%s) [[%s]]", S(s, "sheet.org_from_source"), S(s, "sheet.confirm"));
        } else {
            blank(s, NULL);
        }
    }
    fprintf(s->f, "\n");
}

/* Every source the commune's assessments cite for the indicator, up to the
 * practice's year, newest first, each once. */
static void evidence(sheet *s)
{
    const mgi_dataset *ds = s->c->ds;
    heading(s, "sheet.h.evidence");
    const char *seen[64];
    size_t nseen = 0;
    for (size_t k = s->cm->nrounds; k-- > 0;) {
        const mgi_round *rd = &s->cm->rounds[k];
        if (rd->year > s->p->round->year)
            continue;
        const char *src =
            mgi_response_text(ds, &rd->responses[s->p->indicator], MGI_TEXT_SOURCE, s->texts);
        bool dup = !*src;
        for (size_t j = 0; j < nseen && !dup; j++)
            dup = strcmp(seen[j], src) == 0;
        if (dup)
            continue;
        if (nseen == 0)
            fprintf(s->f, "%s\n\n", S(s, "sheet.evidence_note"));
        if (nseen < sizeof seen / sizeof seen[0])
            seen[nseen] = src;
        nseen++;
        fprintf(s->f, "- %d: ", rd->year);
        plain(s->f, src);
        fprintf(s->f, "\n");
    }
    if (!nseen) {
        blank(s, S(s, "sheet.no_source"));
        fprintf(s->f, "\n");
    }
}

mgi_error mgi_practicesheet_markdown(const mgi_practicesheet_ctx *c, const mgi_practice *p,
                                     char **out, size_t *len)
{
    sheet s = {c,    p, &c->ds->communes[p->commune], &c->ds->indicators[p->indicator], NULL,
               NULL, ""};
    snprintf(s.year, sizeof s.year, "%d", p->round->year);
    *out = NULL;
    *len = 0;
    char *buf = NULL;
    size_t size = 0;
    mgi_error err = MGI_OK;
    s.texts = mgi_arena_new();
    s.f = open_memstream(&buf, &size);
    if (!s.texts || !s.f) {
        err = MGI_ERR_NOMEM;
        goto cleanup;
    }
    head(&s);
    dates(&s);
    lens(&s);
    summary(&s);
    organisations(&s);
    static const char *const later[] = {"sheet.h.benefit", "sheet.h.lessons",
                                        "sheet.h.recommendations", "sheet.h.innovation"};
    for (size_t k = 0; k < sizeof later / sizeof later[0]; k++) {
        heading(&s, later[k]);
        blank(&s, NULL);
        fprintf(s.f, "\n");
    }
    evidence(&s);
    heading(&s, "sheet.submitted");
    blank(&s, NULL);
    fprintf(s.f, "\n\n---\n\n%s\n", S(&s, "sheet.disclaimer"));
    if (fclose(s.f) != 0)
        err = MGI_ERR_NOMEM;
    s.f = NULL;
    if (err == MGI_OK) {
        *out = buf;
        *len = size;
        buf = NULL;
    }
cleanup:
    if (s.f)
        fclose(s.f);
    free(buf);
    mgi_arena_free(s.texts);
    return err;
}

/* ----------------------------------------------------------------- PDF */

/* The output intent's colour profile, as the profiles' (document.c). */
#define SHEET_ICC "/usr/share/color/icc/sRGB.icc"

/* The running footer of a sheet's page: commune, indicator and page number. */
static void footer(const mgi_practicesheet_ctx *c, const mgi_practice *p, mgi_pdf_page *page,
                   size_t n)
{
    const mgi_layout *l = c->layout;
    char left[512], num[24], pg[64];
    const char *v[] = {"commune", c->ds->communes[p->commune].name, "id",
                       c->ds->indicators[p->indicator].id, NULL};
    mgi_strings_format(c->strings, c->lang, "sheet.footer", left, sizeof left, v);
    snprintf(num, sizeof num, "%zu", n);
    const char *vp[] = {"page", num, NULL};
    mgi_strings_format(c->strings, c->lang, "page", pg, sizeof pg, vp);
    double y = l->margin_bottom - 34, x1 = l->page_width - l->margin_right;
    mgi_pdf_artifact(page, "/Type /Pagination /Subtype /Footer");
    mgi_pdf_fill_rgb(page, l->muted);
    mgi_pdf_text(page, MGI_FONT_REGULAR, l->small, l->margin_left, y, left, strlen(left));
    double w = mgi_font_width(mgi_fonts_get(c->fonts, MGI_FONT_REGULAR), pg, strlen(pg), l->small);
    mgi_pdf_text(page, MGI_FONT_REGULAR, l->small, x1 - w, y, pg, strlen(pg));
    mgi_pdf_untag(page);
}

/* The words (tagged, document.h's tagger) and rules the flow set on page fp. */
static void draw_page(const mgi_practicesheet_ctx *c, const mgi_flow *flow, size_t fp,
                      mgi_pdf_page *page, mgi_doc_tagger *g)
{
    const mgi_layout *l = c->layout;
    double left = l->margin_left, top = l->page_height - l->margin_top;
    size_t n;
    const mgi_flow_item *it = mgi_flow_items(flow, fp, &n);
    g->open = -1;
    for (size_t i = 0; i < n; i++) {
        const mgi_flow_item *t = &it[i];
        if (t->kind == MGI_ITEM_TEXT) {
            mgi_doc_word(g, page, it, n, i, left, top, l->accent);
        } else if (t->kind == MGI_ITEM_RULE) {
            mgi_doc_rule(g, page, t, left, top, l->rule);
        }
    }
    if (g->open > 0)
        mgi_pdf_untag(page);
    g->open = -1;
}

/* The sheet's Markdown into a flow, in the profile's type: body text ragged
 * right and not hyphenated (a form to fill in, whose words are copied out of
 * it, not running prose), headings in the accent colour. */
static mgi_error typeset(const mgi_practicesheet_ctx *c, const char *md, mgi_flow *flow)
{
    const mgi_layout *l = c->layout;
    int lang = c->lang;
    mgi_style body = {
        MGI_FONT_REGULAR, l->size, l->leading, l->text, 0,     l->paragraph_space, 0, 0,
        MGI_FLOW_LEFT,    false,   false,      lang,    false, MGI_ROLE_P};
    mgi_style h1 = mgi_doc_heading_style(l, 1, l->accent, 0, 10, lang);
    mgi_style h2 = mgi_doc_heading_style(l, 2, l->accent, 12, 4, lang);
    mgi_style h3 = mgi_doc_heading_style(l, 3, l->accent, 12, 4, lang);
    mgi_style item = body;
    item.indent = 14;
    item.space_after = 2;
    item.role = MGI_ROLE_LI;
    mgi_md_styles st = {&body, {&h1, &h2, &h3}, &item};
    mgi_md_notes notes = {.next = 1};
    mgi_error err = mgi_markdown_blocks(flow, md, &st, &notes);
    mgi_md_notes_clear(&notes);
    return err == MGI_OK ? mgi_flow_layout(flow) : err;
}

/* A flow for the sheets' text frame. */
static mgi_flow *sheet_flow(const mgi_practicesheet_ctx *c)
{
    const mgi_layout *l = c->layout;
    return mgi_flow_new(c->fonts, c->hyph, l->page_width - l->margin_left - l->margin_right,
                        l->page_height - l->margin_top - l->margin_bottom);
}

/* The PDF of the sheet md of practice p at path, set in flow (emptied first:
 * a commune's sheets share one). */
static mgi_error sheet_pdf(const mgi_practicesheet_ctx *c, const mgi_practice *p, const char *md,
                           mgi_flow *flow, const char *path, mgi_diag *diag)
{
    const mgi_layout *l = c->layout;
    mgi_output out = {0};
    mgi_pdf *doc = NULL;
    mgi_error err = MGI_OK;
    mgi_flow_reset(flow);
    if ((err = typeset(c, md, flow)) != MGI_OK)
        goto cleanup;
    const mgi_font *fonts[MGI_NFONTS];
    for (int i = 0; i < MGI_NFONTS; i++)
        fonts[i] = mgi_fonts_get(c->fonts, i);
    if (!(doc = mgi_pdf_new(fonts, MGI_NFONTS, mgi_fonts_pdf_cache(c->fonts)))) {
        err = MGI_ERR_NOMEM;
        goto cleanup;
    }
    mgi_doc_tagger g = mgi_doc_tagger_new(doc, c->lang);
    for (size_t i = 0; i < mgi_flow_npages(flow); i++) {
        mgi_pdf_page *page = mgi_pdf_page_add(doc, l->page_width, l->page_height);
        if (!page) {
            err = MGI_ERR_NOMEM;
            goto cleanup;
        }
        draw_page(c, flow, i, page, &g);
        footer(c, p, page, i + 1);
    }
    char title[512];
    const char *v[] = {"label", mgi_indicator_label(&c->ds->indicators[p->indicator], c->lang),
                       "commune", c->ds->communes[p->commune].name, NULL};
    mgi_strings_format(c->strings, c->lang, "sheet.name", title, sizeof title, v);
    mgi_pdf_info info = {title,
                         "mgi",
                         mgi_strings_get(c->strings, c->lang, "sheet.kicker"),
                         "mgi " MGI_VERSION,
                         mgi_lang_code(c->lang),
                         c->date,
                         SHEET_ICC};
    if ((err = mgi_doc_glyphs_check(c->fonts, c->ds, "the sheet uses", diag)) != MGI_OK ||
        (err = mgi_output_open(&out, path, diag)) != MGI_OK)
        goto cleanup;
    if ((err = mgi_pdf_write(doc, &info, out.f)) != MGI_OK) {
        if (err == MGI_ERR_NOINPUT)
            mgi_diag_add(diag, MGI_ERROR, SHEET_ICC, 0, 0,
                         "no sRGB colour profile for the PDF/A output intent: "
                         "apt-get install icc-profiles-free");
        if (err == MGI_ERR_IO)
            err = mgi_output_fail(&out, 0, diag);
        goto cleanup;
    }
    err = mgi_output_commit(&out, diag);
cleanup:
    mgi_output_abort(&out);
    mgi_pdf_free(doc);
    return err;
}

/* ------------------------------------------------------------- files */

/* The sheet of p to stem.md and stem.pdf, the PDF set in flow. */
static mgi_error sheet_write(const mgi_practicesheet_ctx *c, const mgi_practice *p,
                             const char *stem, mgi_flow *flow, mgi_diag *diag)
{
    char *md = NULL, path[4096];
    size_t len;
    mgi_output out = {0};
    mgi_error err = mgi_practicesheet_markdown(c, p, &md, &len);
    if (err == MGI_OK)
        err = mgi_dataset_check(c->ds, diag);
    if (err == MGI_OK) {
        snprintf(path, sizeof path, "%s.md", stem);
        err = mgi_output_open(&out, path, diag);
    }
    if (err == MGI_OK) {
        fwrite(md, 1, len, out.f);
        err = mgi_output_commit(&out, diag);
    }
    if (err == MGI_OK && flow) {
        snprintf(path, sizeof path, "%s.pdf", stem);
        err = sheet_pdf(c, p, md, flow, path, diag);
    }
    mgi_output_abort(&out);
    free(md);
    return err;
}

mgi_error mgi_practicesheet_write(const mgi_practicesheet_ctx *c, const mgi_practice *p,
                                  const char *stem, mgi_diag *diag)
{
    mgi_flow *flow = NULL;
    if (c->fonts && !(flow = sheet_flow(c)))
        return MGI_ERR_NOMEM;
    mgi_error err = sheet_write(c, p, stem, flow, diag);
    mgi_flow_free(flow);
    return err;
}

mgi_error mgi_practicesheet_commune(const mgi_practicesheet_ctx *c, const bool langs[MGI_NLANGS],
                                    size_t commune, const char *dir, mgi_diag *diag, size_t *count)
{
    const mgi_dataset *ds = c->ds;
    const mgi_commune *cm = &ds->communes[commune];
    const mgi_round *rd = latest(cm);
    mgi_error err = MGI_OK;
    if (!rd)
        return MGI_OK;
    mgi_flow *flow = NULL;
    if (c->fonts && !(flow = sheet_flow(c)))
        return MGI_ERR_NOMEM;
    mgi_dataset_focus(ds, commune); /* its findings, in one read */
    for (size_t i = 0; i < ds->nindicators && err == MGI_OK; i++) {
        if (ds->indicators[i].covid || rd->responses[i].answer != MGI_ANSWER_YES)
            continue;
        mgi_practice p = {i, commune, rd, cm->name, cm->code};
        for (int l = 0; l < MGI_NLANGS && err == MGI_OK; l++) {
            if (!langs[l])
                continue;
            mgi_practicesheet_ctx cl = *c;
            cl.lang = l;
            char name[256], stem[4096];
            snprintf(stem, sizeof stem, "%s/%s", dir,
                     mgi_practicesheet_name(ds, &p, l, name, sizeof name));
            err = sheet_write(&cl, &p, stem, flow, diag);
        }
        if (count && err == MGI_OK)
            (*count)++;
    }
    mgi_flow_free(flow);
    return err;
}

/* The sheets of commune u, in each language asked. */
typedef struct sheets {
    const mgi_practicesheet_ctx *c;
    const bool *langs;
    const char *dir;
} sheets;

static mgi_error unit(void *ctx, size_t u, mgi_diag *diag, size_t *count)
{
    const sheets *s = ctx;
    return mgi_practicesheet_commune(s->c, s->langs, u, s->dir, diag, count);
}

mgi_error mgi_practicesheet_all(const mgi_practicesheet_ctx *c, const bool langs[MGI_NLANGS],
                                const char *dir, int jobs, mgi_diag *diag, size_t *count)
{
    *count = 0;
    mgi_error err = mgi_build_mkdirs(dir, diag);
    if (err != MGI_OK)
        return err;
    sheets s = {c, langs, dir};
    mgi_pool_task t = {c->ds->ncommunes, jobs, unit, &s, NULL, dir};
    return mgi_pool_run(&t, diag, count);
}
