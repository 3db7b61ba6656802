/* build.c — writing every output of a checked data set. */
#include "mgi/build.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "mgi/charts.h"
#include "mgi/output.h"
#include "mgi/profile.h"
#include "mgi/xlsx.h"
#include "mgi/feedback.h"
#include "mgi/dashboard.h"

mgi_error mgi_build_mkdirs(const char *path, mgi_diag *diag)
{
    char buf[4096];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "path too long");
        return MGI_ERR_CANTCREAT;
    }
    for (char *p = buf + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        struct stat st;
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
            mgi_diag_add(diag, MGI_ERROR, buf, 0, 0, "cannot create directory: %s",
                         strerror(errno));
            return MGI_ERR_CANTCREAT;
        }
        if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode)) {
            mgi_diag_add(diag, MGI_ERROR, buf, 0, 0, "not a directory");
            return MGI_ERR_CANTCREAT;
        }
        if (!c)
            return MGI_OK;
        *p = c;
    }
}

static mgi_error write_assessment(const mgi_build_options *opt, const mgi_assessment *a,
                                  mgi_diag *diag)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/assessment.csv", opt->out);
    mgi_output out;
    mgi_error err = mgi_output_open(&out, path, diag);
    if (err != MGI_OK)
        return err;
    if (mgi_assess_write_csv(a, out.f, NULL, 0, 0) != MGI_OK) {
        mgi_output_abort(&out);
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "cannot write");
        return MGI_ERR_IO;
    }
    return mgi_output_commit(&out, diag);
}

static bool selected(const mgi_build_options *opt, const char *code)
{
    for (size_t i = 0; i < opt->ncommunes; i++)
        if (strcmp(opt->communes[i], code) == 0)
            return true;
    return opt->ncommunes == 0;
}

/* The languages to write, the first one giving the plain file names. */
static int languages(const mgi_build_options *opt, int *langs)
{
    int n = 0;
    for (int l = 0; l < MGI_NLANGS; l++)
        if (opt->lang[l])
            langs[n++] = l;
    return n;
}

static mgi_error write_chart(const mgi_build_options *opt, mgi_chart *ch, const mgi_fonts *fonts,
                             const char *dir, int lang, bool plain, mgi_diag *diag)
{
    char name[128], base[4096];
    ch->lang = lang;
    mgi_chart_name(ch, name, sizeof name);
    if (plain)
        snprintf(base, sizeof base, "%s/%s", dir, name);
    else
        snprintf(base, sizeof base, "%s/%s.%s", dir, name, mgi_lang_code(lang));
    return mgi_chart_write(ch, fonts, base, opt->png ? opt->png_width : 0, diag);
}

static mgi_error commune_profiles(const mgi_build_options *opt, const mgi_build_inputs *in,
                                  const mgi_result *r, mgi_diag *diag)
{
    const mgi_dataset *ds = in->a->ds;
    int langs[MGI_NLANGS], nl = languages(opt, langs);
    mgi_error err = MGI_OK;
    for (int i = 0; i < nl && err == MGI_OK; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s-%d/profile-%s.pdf", opt->out,
                 ds->communes[r->commune].code, r->round->year, mgi_lang_code(langs[i]));
        mgi_profile p = {in->a, r, in->strings, in->layout, in->fonts, in->hyph, langs[i],
                         opt->date, opt->draft, opt->version, !opt->no_peers, opt->as_of};
        err = mgi_profile_write(&p, path, diag, NULL);
        if (err != MGI_OK)
            break;
        if (i == 0)
            snprintf(path, sizeof path, "%s/%s-%d/annex.xlsx", opt->out,
                     ds->communes[r->commune].code, r->round->year);
        else
            snprintf(path, sizeof path, "%s/%s-%d/annex.%s.xlsx", opt->out,
                     ds->communes[r->commune].code, r->round->year, mgi_lang_code(langs[i]));
        err = opt->draft ? mgi_xlsx_annex_draft(path, in->a, r, in->strings, langs[i], opt->date,
                                                opt->version, diag)
                         : mgi_xlsx_annex(path, in->a, r, in->strings, langs[i], opt->date, diag);
        if (err == MGI_OK && opt->draft && i == 0) {
            snprintf(path, sizeof path, "%s/%s-%d/feedback.csv", opt->out,
                     ds->communes[r->commune].code, r->round->year);
            err = mgi_feedback_write(path, ds, &ds->communes[r->commune], r->round, langs[i],
                                     diag);
        }
    }
    return err;
}

static mgi_error commune_charts(const mgi_build_options *opt, const mgi_assessment *a,
                                const mgi_result *r, const mgi_strings *strings,
                                const mgi_fonts *fonts, mgi_diag *diag)
{
    const mgi_dataset *ds = a->ds;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/%s-%d/charts", opt->out, ds->communes[r->commune].code,
             r->round->year);
    mgi_error err = mgi_build_mkdirs(dir, diag);
    int langs[MGI_NLANGS], nl = languages(opt, langs);
    for (int i = 0; i < nl && err == MGI_OK; i++) {
        mgi_chart ch = {.a = a, .strings = strings, .result = r, .title = true};
        ch.kind = MGI_CHART_WHEEL;
        err = write_chart(opt, &ch, fonts, dir, langs[i], i == 0, diag);
        ch.kind = MGI_CHART_DOMAINS;
        if (err == MGI_OK)
            err = write_chart(opt, &ch, fonts, dir, langs[i], i == 0, diag);
        ch.kind = MGI_CHART_AREAS;
        for (size_t d = 0; d < ds->ndomains && err == MGI_OK; d++) {
            ch.domain = d;
            err = write_chart(opt, &ch, fonts, dir, langs[i], i == 0, diag);
        }
        ch.kind = MGI_CHART_TREND;
        if (err == MGI_OK && r->previous)
            err = write_chart(opt, &ch, fonts, dir, langs[i], i == 0, diag);
    }
    return err;
}

mgi_error mgi_build_run(const mgi_build_options *opt, const mgi_build_inputs *in, mgi_diag *diag)
{
    const mgi_assessment *a = in->a;
    const mgi_strings *strings = in->strings;
    const mgi_fonts *fonts = in->fonts;
    const mgi_dataset *ds = a->ds;
    mgi_error err = mgi_build_mkdirs(opt->out, diag);
    if (err == MGI_OK)
        err = write_assessment(opt, a, diag);
    for (size_t c = 0; c < ds->ncommunes && err == MGI_OK; c++) {
        const mgi_commune *cm = &ds->communes[c];
        if (!selected(opt, cm->code) || cm->nrounds == 0)
            continue;
        const mgi_result *r = mgi_assess_find(a, cm->code, opt->year);
        if (r)
            err = commune_charts(opt, a, r, strings, fonts, diag);
        if (r && err == MGI_OK)
            err = commune_profiles(opt, in, r, diag);
    }
    int year = opt->year ? opt->year : a->nyears ? a->years[a->nyears - 1].year : 0;
    if (err == MGI_OK && year) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/comparison", opt->out);
        err = mgi_build_mkdirs(dir, diag);
        int langs[MGI_NLANGS], nl = languages(opt, langs);
        for (int i = 0; i < nl && err == MGI_OK; i++) {
            mgi_chart ch = {.kind = MGI_CHART_HEATMAP, .a = a, .strings = strings, .year = year,
                            .title = true};
            err = write_chart(opt, &ch, fonts, dir, langs[i], i == 0, diag);
        }
        for (int i = 0; i < nl && err == MGI_OK; i++) {
            char path[4096];
            if (i == 0)
                snprintf(path, sizeof path, "%s/comparison.xlsx", opt->out);
            else
                snprintf(path, sizeof path, "%s/comparison.%s.xlsx", opt->out,
                         mgi_lang_code(langs[i]));
            err = mgi_xlsx_comparison(path, a, year, strings, langs[i], opt->date, opt->as_of,
                                      diag);
            if (err != MGI_OK)
                break;
            snprintf(path, sizeof path, i == 0 ? "%s/comparison.pdf" : "%s/comparison.%s.pdf",
                     opt->out, mgi_lang_code(langs[i]));
            mgi_comparison cmp = {a,         year,     strings,   in->layout, fonts,
                                  in->hyph,  langs[i], opt->date, opt->as_of};
            err = mgi_comparison_write(&cmp, path, diag, NULL);
            if (err != MGI_OK)
                break;
            snprintf(path, sizeof path, i == 0 ? "%s/practices.xlsx" : "%s/practices.%s.xlsx",
                     opt->out, mgi_lang_code(langs[i]));
            err = mgi_xlsx_practices(path, a, year, strings, langs[i], opt->date, diag);
        }
        snprintf(dir, sizeof dir, "%s/dashboard", opt->out);
        if (err == MGI_OK)
            err = mgi_build_mkdirs(dir, diag);
        if (err == MGI_OK) {
            char path[4200];
            snprintf(path, sizeof path, "%s/index.html", dir);
            err = mgi_dashboard_write(path, a, year, strings, fonts, opt->date, opt->as_of, diag);
        }
    }
    return err;
}
