/* build.c — writing every output of a checked data set. */
#include "mgi/build.h"
#include "mgi/uncertainty.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mgi/charts.h"
#include "mgi/output.h"
#include "mgi/pool.h"
#include "mgi/comparison.h"
#include "mgi/practicesheet.h"
#include "mgi/profile.h"
#include "mgi/xlsx.h"
#include "mgi/feedback.h"
#include "mgi/dashboard.h"
#include "mgi/view.h"

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
            int e = errno;
            mgi_diag_add(diag, MGI_ERROR, buf, 0, 0, "cannot create directory: %s", strerror(e));
            /* A full disk is an I/O error (74), as for files (output.h). */
            return e == ENOSPC || e == EDQUOT || e == EIO ? MGI_ERR_IO : MGI_ERR_CANTCREAT;
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
    if (mgi_assess_write_csv(a, out.f, NULL, 0, 0) != MGI_OK)
        return mgi_output_fail(&out, 0, diag);
    return mgi_output_commit(&out, diag);
}

/* OUT/CODE-YEAR: a commune code as dataset.c accepts it (letters, digits, '-' and '_',
 * at most 64), '-', a four-digit year. */
static bool commune_folder(const char *name)
{
    size_t n = strlen(name);
    if (n < 6 || n > 64 + 5 || name[n - 5] != '-')
        return false;
    for (size_t i = n - 4; i < n; i++)
        if (!isdigit((unsigned char)name[i]))
            return false;
    for (size_t i = 0; i < n - 5; i++)
        if (!isalnum((unsigned char)name[i]) && name[i] != '-' && name[i] != '_')
            return false;
    return true;
}

/* Sweeps OUT/name, and its charts/ for a commune's folder, when they are real
 * directories (not symbolic links out of OUT). */
static void sweep_folder(const char *out, int dfd, const char *name, bool remove, size_t *found)
{
    char path[4096];
    struct stat st;
    if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode))
        return;
    int n = snprintf(path, sizeof path, "%s/%s", out, name);
    if (n < 0 || (size_t)n + sizeof "/charts" > sizeof path)
        return;
    mgi_output_sweep(path, remove, found);
    memcpy(path + n, "/charts", sizeof "/charts");
    if (commune_folder(name) && lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
        mgi_output_sweep(path, remove, found);
}

/*
 * Takes OUT for this build: an exclusive lock on the directory (flock; a second
 * build into the same OUT waits for the first, and the workers share the lock),
 * then removes the temporaries that killed builds left in the folders mgi writes
 * (OUT, OUT/comparison, OUT/dashboard, OUT/practices, OUT/CODE-YEAR, OUT/CODE-YEAR/charts) and
 * says how many in a warning. Without the lock (a file system without flock)
 * another build may be writing them: they are only counted. Returns the lock's
 * descriptor, to close when done, or -1.
 */
static int claim_out(const mgi_build_options *opt, mgi_diag *diag)
{
    const char *out = opt->out;
    int fd = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int locked = -1, why = 0;
    if (fd >= 0 && (locked = flock(fd, LOCK_EX | LOCK_NB)) != 0 && errno == EWOULDBLOCK) {
        if (opt->waiting) /* so that a second build does not just seem to hang */
            opt->waiting(opt->progress_ctx, out);
        while ((locked = flock(fd, LOCK_EX)) != 0 && errno == EINTR)
            ;
    }
    if (locked != 0)
        why = errno;
    size_t found = 0;
    mgi_output_sweep(out, locked == 0, &found);
    DIR *d = opendir(out);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (strcmp(e->d_name, "comparison") == 0 || strcmp(e->d_name, "dashboard") == 0 ||
            strcmp(e->d_name, "practices") == 0 || commune_folder(e->d_name))
            sweep_folder(out, dirfd(d), e->d_name, locked == 0, &found);
    if (d)
        closedir(d);
    if (found && locked == 0)
        mgi_diag_add(diag, MGI_WARNING, out, 0, 0,
                     "removed %zu temporary file%s left by an interrupted build", found,
                     found == 1 ? "" : "s");
    else if (found)
        mgi_diag_add(diag, MGI_WARNING, out, 0, 0,
                     "%zu temporary file%s of an interrupted build left in place (cannot lock "
                     "the directory: %s)",
                     found, found == 1 ? "" : "s", strerror(why));
    return fd;
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
    int len = plain ? snprintf(base, sizeof base, "%s/%s", dir, name)
                    : snprintf(base, sizeof base, "%s/%s.%s", dir, name, mgi_lang_code(lang));
    if (len < 0 || (size_t)len >= sizeof base - 8) { /* room for ".es.svg" */
        mgi_diag_add(diag, MGI_ERROR, dir, 0, 0, "output path too long");
        return MGI_ERR_CANTCREAT;
    }
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
        mgi_profile p = {in->a,          r,         in->strings, in->layout, in->fonts,
                         in->hyph,       langs[i],  opt->date,   opt->draft, opt->version,
                         !opt->no_peers, opt->as_of};
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
            err = mgi_feedback_write(path, ds, &ds->communes[r->commune], r->round, langs[i], diag);
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

/* The practice sheets of the commune (practicesheet.h) into OUT/practices/,
 * when asked (--practices: two files a practice in place, some 30 a commune,
 * would quadruple a build's time) and r is its latest assessment, the one its
 * practices are read from. */
static mgi_error commune_practices(const mgi_build_options *opt, const mgi_build_inputs *in,
                                   const mgi_result *r, mgi_diag *diag)
{
    const mgi_commune *cm = &in->a->ds->communes[r->commune];
    if (!opt->practices || r->round != &cm->rounds[cm->nrounds - 1])
        return MGI_OK;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/practices", opt->out);
    mgi_practicesheet_ctx c = {in->a->ds, in->strings, MGI_LANG_EN, in->layout,
                               in->fonts, in->hyph,    opt->date};
    mgi_error err = mgi_build_mkdirs(dir, diag);
    return err == MGI_OK ? mgi_practicesheet_commune(&c, opt->lang, r->commune, dir, diag, NULL)
                         : err;
}

/* Every output of one commune and year: charts, then profiles and annexes,
 * then its practice sheets. */
static mgi_error commune(const mgi_build_options *opt, const mgi_build_inputs *in,
                         const mgi_result *r, mgi_diag *diag)
{
    mgi_dataset_focus(in->a->ds, r->commune); /* its findings, in one read */
    mgi_error err = commune_charts(opt, in->a, r, in->strings, in->fonts, diag);
    if (err == MGI_OK)
        err = commune_profiles(opt, in, r, diag);
    return err == MGI_OK ? commune_practices(opt, in, r, diag) : err;
}

/* The charts, profiles and annexes of todo[0..n), in this process, with
 * opt->progress after each commune. */
static mgi_error comparisons(const mgi_build_options *opt, const mgi_build_inputs *in, int year,
                             mgi_diag *diag);

/* The units of a build: the communes todo[] in order, and the comparison
 * outputs of year when year is not 0. These take longest, so with several
 * jobs they are unit 0; with one they come last, as they always did. */
typedef struct units {
    const mgi_build_options *opt;
    const mgi_build_inputs *in;
    const mgi_result **todo;
    size_t n;
    int year;
    size_t cmp; /* the unit of the comparison outputs */
} units;

static mgi_error unit(void *ctx, size_t u, mgi_diag *diag, size_t *count)
{
    const units *w = ctx;
    if (w->year && u == w->cmp)
        return comparisons(w->opt, w->in, w->year, diag);
    ++*count;
    return commune(w->opt, w->in, w->todo[u - (w->year && u > w->cmp)], diag);
}

static void progress(void *ctx, size_t done)
{
    const units *w = ctx;
    if (w->opt->progress)
        w->opt->progress(w->opt->progress_ctx, done, w->n);
}

/* The comparison outputs of year: heatmap, workbooks, report, practices, dashboard. */
static mgi_error comparisons(const mgi_build_options *opt, const mgi_build_inputs *in, int year,
                             mgi_diag *diag)
{
    const mgi_assessment *a = in->a;
    const mgi_strings *strings = in->strings;
    const mgi_fonts *fonts = in->fonts;
    mgi_error err = MGI_OK;
    {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/comparison", opt->out);
        err = mgi_build_mkdirs(dir, diag);
        int langs[MGI_NLANGS], nl = languages(opt, langs);
        for (int i = 0; i < nl && err == MGI_OK; i++) {
            mgi_chart ch = {.kind = MGI_CHART_HEATMAP,
                            .a = a,
                            .strings = strings,
                            .year = year,
                            .view = in->view,
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
            err =
                mgi_xlsx_comparison(path, in->view, strings, langs[i], opt->date, opt->as_of, diag);
            if (err != MGI_OK)
                break;
            snprintf(path, sizeof path, i == 0 ? "%s/comparison.pdf" : "%s/comparison.%s.pdf",
                     opt->out, mgi_lang_code(langs[i]));
            mgi_comparison cmp = {a,        year,     strings,   in->layout, fonts,
                                  in->hyph, langs[i], opt->date, opt->as_of, in->view};
            err = mgi_comparison_write(&cmp, path, diag, NULL);
            if (err != MGI_OK)
                break;
            snprintf(path, sizeof path, i == 0 ? "%s/practices.xlsx" : "%s/practices.%s.xlsx",
                     opt->out, mgi_lang_code(langs[i]));
            err = mgi_xlsx_practices(path, in->view, strings, langs[i], opt->date, diag);
        }
        snprintf(dir, sizeof dir, "%s/dashboard", opt->out);
        if (err == MGI_OK)
            err = mgi_build_mkdirs(dir, diag);
        if (err == MGI_OK) {
            char path[4200];
            snprintf(path, sizeof path, "%s/index.html", dir);
            mgi_dashboard_docs docs = {in->built, {0}, nl, opt->practices};
            memcpy(docs.langs, langs, sizeof langs);
            err = mgi_dashboard_write(path, in->view, strings, fonts, opt->as_of, &docs, diag);
        }
    }
    return err;
}

mgi_error mgi_build_run(const mgi_build_options *opt, const mgi_build_inputs *given, mgi_diag *diag)
{
    mgi_build_inputs run = *given, *in = &run;
    mgi_assessment with_ranges = *given->a; /* shallow: shares the results */
    mgi_uncertainty *u = NULL;
    const mgi_assessment *a = in->a;
    const mgi_dataset *ds = a->ds;
    mgi_error err = mgi_build_mkdirs(opt->out, diag);
    int lock = err == MGI_OK ? claim_out(opt, diag) : -1;
    /* The rank analysis once OUT is ours, so that a build waiting for another
     * says so at once; before the workers fork, which all read it. */
    if (err == MGI_OK && in->uncertainty && in->uncertainty->draws) {
        if ((err = mgi_uncertainty_run(given->a, in->uncertainty, &u)) != MGI_OK)
            mgi_diag_add(diag, MGI_ERROR, opt->out, 0, 0, "rank analysis: %s", mgi_strerror(err));
        with_ranges.uncertainty = u;
        run.a = a = &with_ranges;
    }
    if (err == MGI_OK)
        err = write_assessment(opt, a, diag);
    const mgi_result **todo = NULL;
    size_t ntodo = 0;
    bool *built = NULL; /* per result: its documents are written (the dashboard's links) */
    mgi_view *view = NULL;
    if (err == MGI_OK && (!(todo = malloc((ds->ncommunes + 1) * sizeof *todo)) ||
                          !(built = calloc(a->nresults + 1, sizeof *built))))
        err = MGI_ERR_NOMEM;
    for (size_t c = 0; c < ds->ncommunes && err == MGI_OK; c++) {
        const mgi_commune *cm = &ds->communes[c];
        if (!selected(opt, cm->code) || cm->nrounds == 0)
            continue;
        const mgi_result *r = mgi_assess_find(a, cm->code, opt->year);
        if (r) {
            todo[ntodo++] = r;
            built[r - a->results] = true;
        }
    }
    /* The communes compared, once for every comparison output (view.h). */
    if (err == MGI_OK && (err = mgi_view_build(a, opt->year, &view)) != MGI_OK)
        mgi_diag_add(diag, MGI_ERROR, opt->out, 0, 0, "comparison: %s", mgi_strerror(err));
    run.view = view;
    run.built = built;
    int year = opt->year ? opt->year : a->nyears ? a->years[a->nyears - 1].year : 0;
    units w = {opt, in, todo, ntodo, year, opt->jobs > 1 ? 0 : ntodo};
    mgi_pool_task t = {ntodo + (year != 0), opt->jobs, unit, &w, progress, opt->out};
    size_t done = 0;
    if (err == MGI_OK)
        err = mgi_pool_run(&t, diag, &done);
    free(todo);
    mgi_view_free(view);
    free(built);
    if (lock >= 0)
        close(lock);
    mgi_uncertainty_free(u);
    return err;
}
