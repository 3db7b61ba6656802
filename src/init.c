/* init.c — mgi init: a data directory with the catalogue, empty tables and the method. */
#include "mgi/init.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "mgi/build.h"
#include "mgi/dataset.h"
#include "mgi/output.h"

static const char method_ini[] =
    "; method.ini — how mgi scores the answers. Every setting is optional: these are the\n"
    "; defaults. Change a value to change every score, level and chart.\n"
    "\n"
    "[scores]\n"
    "; the score of each answer; na (not applicable, no information) is left out\n"
    "yes = 1\n"
    "partial = 0.5\n"
    "no = 0\n"
    "\n"
    "[coverage]\n"
    "; a domain answered for less than this share of its indicators (by weight) has\n"
    "; insufficient data: no level, no rank, not in the overall score\n"
    "threshold = 0.6\n"
    "\n"
    "[levels]\n"
    "; cut points of the levels of SDG indicator 10.7.2; a score equal to a cut point\n"
    "; takes the higher level: requires further progress < partially_meets <= partially\n"
    "; meets < meets <= meets < fully_meets <= fully meets\n"
    "partially_meets = 0.40\n"
    "meets = 0.60\n"
    "fully_meets = 0.80\n"
    "\n"
    "[uncertainty]\n"
    "; how much each rank depends on the method: every commune is ranked again under\n"
    "; `draws` alternative methods (0: off), drawn from `seed`; each range may be narrowed\n"
    "; or switched off (off)\n"
    "draws = 1000\n"
    "seed = 1\n"
    "; each indicator's weight times a factor from this range\n"
    "weights = 0.5, 1.5\n"
    "; the score of partial, and the coverage threshold, from these ranges\n"
    "partial = 0.25, 0.75\n"
    "threshold = 0.5, 0.7\n"
    "; cut points shifted by up to this much (levels only: ranks come from scores)\n"
    "cuts = 0.05\n"
    "; the probability of counting na as no, and of a geometric mean of the domains\n"
    "na = 0.5\n"
    "aggregation = 0.5\n"
    "\n"
    "[report]\n"
    "; no: the documents compare communes by levels and quartiles and print no ranks\n"
    "ranks = yes\n";

static mgi_error write_text(const char *path, const char *text, mgi_diag *diag)
{
    mgi_output out;
    mgi_error err = mgi_output_open(&out, path, diag);
    if (err != MGI_OK)
        return err;
    fputs(text, out.f);
    return mgi_output_commit(&out, diag);
}

static mgi_error copy(const char *from, const char *to, mgi_diag *diag)
{
    FILE *in = fopen(from, "rb");
    if (!in) {
        mgi_diag_add(diag, MGI_ERROR, from, 0, 0, "the standard catalogue is missing: %s",
                     strerror(errno));
        return MGI_ERR_NOINPUT;
    }
    return mgi_output_copy(in, from, to, diag);
}

mgi_error mgi_init_dir(const char *dir, const char *resources, const mgi_strings *strings, int lang,
                       mgi_diag *diag)
{
    static const char *const files[] = {"domains.csv",   "indicators.csv", "communes.csv",
                                        "responses.csv", "method.ini",     "README.md",
                                        "LEEME.md"};
    char path[4096], from[4096];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        if (stat(path, &st) == 0) {
            mgi_diag_add(diag, MGI_ERROR, path, 0, 0,
                         "already exists: mgi init does not overwrite a data directory");
            return MGI_ERR_CANTCREAT;
        }
    }
    mgi_error err = mgi_build_mkdirs(dir, diag);
    for (int k = 0; k < 2 && err == MGI_OK; k++) {
        snprintf(from, sizeof from, "%s/data/%s", resources, files[k]);
        snprintf(path, sizeof path, "%s/%s", dir, files[k]);
        err = copy(from, path, diag);
    }
    snprintf(path, sizeof path, "%s/communes.csv", dir);
    if (err == MGI_OK)
        err = write_text(path,
                         "code,name,region,country,population,foreign_residents,stats_year,"
                         "stats_source\n",
                         diag);
    snprintf(path, sizeof path, "%s/responses.csv", dir);
    if (err == MGI_OK)
        err =
            write_text(path, "commune,year,indicator,answer,finding_en,finding_es,source\n", diag);
    snprintf(path, sizeof path, "%s/method.ini", dir);
    if (err == MGI_OK)
        err = write_text(path, method_ini, diag);
    char readme[8192] = "";
    static const char *const keys[] = {"init.readme.title", "init.readme.1", "init.readme.2",
                                       "init.readme.3",     "init.readme.4", "init.readme.5",
                                       "init.readme.6"};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        snprintf(readme + strlen(readme), sizeof readme - strlen(readme), "%s\n\n",
                 mgi_strings_get(strings, lang, keys[k]));
    snprintf(path, sizeof path, "%s/%s", dir, lang == MGI_LANG_ES ? "LEEME.md" : "README.md");
    if (err == MGI_OK)
        err = write_text(path, readme, diag);
    return err;
}
