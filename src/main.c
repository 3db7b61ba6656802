/* main.c — the mgi command line: options, stages, messages, exit codes. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mgi/assess.h"
#include "mgi/build.h"
#include "mgi/canvas.h"
#include "mgi/dataset.h"
#include "mgi/diag.h"
#include "mgi/flow.h"
#include "mgi/init.h"
#include "mgi/practicesheet.h"
#include "mgi/xlsx.h"
#include "mgi/layout.h"
#include "mgi/error.h"
#include "mgi/feedback.h"
#include "mgi/resources.h"
#include "mgi/strings.h"
#include "mgi/uncertainty.h"

/* Exit statuses come from mgi_exit_status (error.h), the one table of sysexits codes. */
#define EX_USAGE mgi_exit_status(MGI_ERR_USAGE)

enum { MAX_COMMUNES = 64 };

typedef struct options {
    const char *data; /* data directory, "data" by default */
    const char *out;  /* output directory, "out" by default */
    const char *resources;
    const char *communes[MAX_COMMUNES]; /* --commune, repeatable */
    size_t ncommunes;
    int year;              /* --year, 0 when not given */
    bool lang[MGI_NLANGS]; /* --lang en|es|all */
    bool quiet;
    bool timings;        /* --timings: print how long each stage took */
    bool png;            /* --png: PNG charts as well as SVG */
    bool draft;          /* --draft: drafts for consultation */
    bool no_peers;       /* --no-peers: no "practice elsewhere" notes */
    bool uncertainty;    /* assess --uncertainty: the rank intervals */
    bool no_uncertainty; /* build --no-uncertainty: documents without rank intervals */
    mgi_date as_of;      /* --as-of: the Migrant Seal's calendar; MGI_NODATE: the build date */
    int jobs;            /* --jobs: 0 for the number of cores */
    bool dry_run;        /* --dry-run */
    const char *version_label; /* --version-label */
    const char *extra;         /* a second operand (feedback apply: the sheet) */
    bool takes_two;            /* the command takes DATA and a second operand */
    bool out_given;            /* -o was given */
    bool data_given;           /* DATA (or DIR) was given */
    const char *indicator;     /* practice --indicator */
    bool all;                  /* practice --all */
    bool practices;            /* build --practices: the practice sheets too */
} options;

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The progress line of mgi build on a terminal:
 * "mgi: build: 120/345 communes, 2.1 s, about 3.9 s left" */
/* "s" unless n is 1: "1 commune", "2 communes". */
static const char *plural_s(size_t n)
{
    return n == 1 ? "" : "s";
}

typedef struct progress_state {
    double start;
    size_t shown; /* communes done when the line was last drawn */
    size_t total; /* communes to write, for the closing summary */
    bool draw;    /* on a terminal, not --quiet: the progress line */
} progress_state;

/* Another build is writing to OUT: say why nothing happens yet. */
static void waiting(void *ctx, const char *out)
{
    (void)ctx;
    fprintf(stderr, "mgi: build: %s is in use by another mgi build; waiting for it to finish\n",
            out);
}

static void progress(void *ctx, size_t done, size_t total)
{
    progress_state *ps = ctx;
    ps->total = total;
    if (!ps->draw)
        return;
    double t = seconds() - ps->start;
    /* At most about a hundred redraws, and always the last one. */
    if (done < total && (done - ps->shown) * 100 < total)
        return;
    ps->shown = done;
    fprintf(stderr, "\rmgi: build: %zu/%zu commune%s, %.1f s", done, total, plural_s(total), t);
    if (done < total && done > 0)
        fprintf(stderr, ", about %.1f s left ", t / (double)done * (double)(total - done));
    else
        fputs("              \n", stderr);
    fflush(stderr);
}

/* --timings: "mgi: timings: load 0.131 s, assess 0.002 s, write 0.004 s" */
static void print_timings(const options *opt, const double *t, const char *const *stage, size_t n)
{
    if (!opt->timings)
        return;
    fprintf(stderr, "mgi: timings:");
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "%s %s %.4f s", i ? "," : "", stage[i], t[i + 1] - t[i]);
    fprintf(stderr, "\n");
}

/* What every command that reads the data gets. */
typedef struct input {
    mgi_diag *diag;
    mgi_dataset *ds;
    mgi_method method;
    mgi_uncertainty_config unc; /* method.ini's [uncertainty] and [report] */
    char *resources;            /* the directory of layouts/ and fonts/ */
    mgi_strings *strings;       /* layouts/strings.ini */
    mgi_layout layout;          /* layouts/profile.ini */
    double started;             /* when the command started loading */
} input;

/* The options, each once: what it sets is in parse_options. */
enum {
    OPT_OUTPUT = 1u << 0,
    OPT_RESOURCES = 1u << 1,
    OPT_YEAR = 1u << 2,
    OPT_COMMUNE = 1u << 3,
    OPT_LANG = 1u << 4,
    OPT_VERSION_LABEL = 1u << 5,
    OPT_AS_OF = 1u << 6,
    OPT_JOBS = 1u << 7,
    OPT_QUIET = 1u << 8,
    OPT_TIMINGS = 1u << 9,
    OPT_PNG = 1u << 10,
    OPT_DRAFT = 1u << 11,
    OPT_NO_PEERS = 1u << 12,
    OPT_UNCERTAINTY = 1u << 13,
    OPT_NO_UNCERTAINTY = 1u << 14,
    OPT_DRY_RUN = 1u << 15,
    OPT_INDICATOR = 1u << 16,
    OPT_ALL = 1u << 17,
    OPT_PRACTICES = 1u << 18,
};

static const struct option long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"resources", required_argument, NULL, 256 + 1},
    {"year", required_argument, NULL, 256 + 2},
    {"commune", required_argument, NULL, 256 + 3},
    {"lang", required_argument, NULL, 256 + 4},
    {"version-label", required_argument, NULL, 256 + 5},
    {"as-of", required_argument, NULL, 256 + 6},
    {"jobs", required_argument, NULL, 'j'},
    {"quiet", no_argument, NULL, 'q'},
    {"timings", no_argument, NULL, 256 + 9},
    {"png", no_argument, NULL, 256 + 10},
    {"draft", no_argument, NULL, 256 + 11},
    {"no-peers", no_argument, NULL, 256 + 12},
    {"uncertainty", no_argument, NULL, 256 + 13},
    {"no-uncertainty", no_argument, NULL, 256 + 14},
    {"dry-run", no_argument, NULL, 256 + 15},
    {"indicator", required_argument, NULL, 256 + 16},
    {"all", no_argument, NULL, 256 + 17},
    {"practices", no_argument, NULL, 256 + 18},
    {NULL, 0, NULL, 0},
};

/* Commands share one skeleton (run_command): options parsed against what
 * they accept, operands checked, DATA loaded and checked with its
 * diagnostics printed, then the command's own work, whose error gives the
 * exit status. */
typedef struct command {
    const char *name;
    const char *synopsis;
    const char *summary;
    const char *help;
    /* The work, with DATA loaded (in is NULL for a command that reads none). */
    mgi_error (*run)(const options *opt, input *in);
    unsigned accepts; /* OPT_*: the options it takes; any other is a usage error */
    unsigned form;    /* FORM_*: its operands and defaults */
    /* Whether the operands and options fit together (NULL: always), and the
     * usage line said when they do not. */
    bool (*fits)(const options *opt);
    const char *usage;
    const char *unread; /* the summary's ending when DATA does not load */
} command;

enum {
    FORM_NO_DATA = 1u << 0, /* reads no data directory (init) */
    FORM_SHEET = 1u << 1,   /* [DATA] SHEET */
    FORM_APPLY = 1u << 2,   /* a verb first: feedback apply */
    FORM_ONE_LANG = 1u << 3 /* English unless --lang says otherwise */
};

/* What every command that reads the data takes. */
#define OPT_COMMON (OPT_RESOURCES | OPT_QUIET)

static mgi_error cmd_validate(const options *opt, input *in);
/* The layout's fonts and hyphenation dictionaries, as a build loads them. */
static mgi_error load_type(const input *in, mgi_diag *diag, mgi_fonts **fonts,
                           mgi_hyphenator **hyph)
{
    const char *files[MGI_NFONTS];
    for (int i = 0; i < MGI_NFONTS; i++)
        files[i] = in->layout.font[i];
    mgi_error err = mgi_fonts_load(in->resources, files, diag, fonts);
    if (err == MGI_OK && in->layout.hyphenate) {
        const char *dicts[MGI_NLANGS] = {in->layout.hyphen[0], in->layout.hyphen[1]};
        err = mgi_hyphenator_load(dicts, diag, hyph);
    }
    return err;
}

static mgi_error cmd_build(const options *opt, input *in);
static mgi_error cmd_assess(const options *opt, input *in);
static mgi_error cmd_feedback(const options *opt, input *in);
static mgi_error cmd_init(const options *opt, input *in);
static mgi_error cmd_template(const options *opt, input *in);
static mgi_error cmd_merge(const options *opt, input *in);
static mgi_error cmd_practice(const options *opt, input *in);
static bool practice_fits(const options *opt);
static bool template_fits(const options *opt);
static bool sheet_given(const options *opt);
static bool dir_given(const options *opt);

static const command commands[] = {
    {"build",
     "mgi build [DATA] [-o OUT] [--commune CODE]... [--year Y] [--lang en|es|all] [--png]\n"
     "                 [--draft [--version-label LABEL]] [--no-peers] [--as-of DATE]\n"
     "                 [--jobs N] [--quiet] [--no-uncertainty] [--practices]",
     "check the data, then write every output to OUT",
     "Checks every input first (the same messages and exit status as 'mgi validate'); when\n"
     "there is any error nothing is written, not even OUT. Otherwise writes to OUT\n"
     "(default: out), for each commune's latest year (or --year) and the selected\n"
     "communes (default: all), in English and Spanish (or --lang):\n"
     "  OUT/assessment.csv                  the assessment (see 'mgi help assess')\n"
     "  OUT/CODE-YEAR/charts/*.svg          domain wheel, domain bars, area bars per\n"
     "                                      domain, trend (with an earlier year); Spanish\n"
     "                                      versions as NAME.es.svg when both languages\n"
     "  OUT/comparison/heatmap.svg          the communes compared side by side\n"
     "The comparisons (comparison.pdf, comparison.xlsx, the heatmap, dashboard/index.html)\n"
     "compare every commune at its latest assessment, whatever its year, with the year in\n"
     "a column, ranked and summarised over the communes shown; with --year Y, the communes\n"
     "assessed in Y. Rank ranges are given for a comparison of one year.\n"
     "With --png, every chart also as a 1200-pixel PNG (slower: about 5 ms a chart).\n"
     "With --practices, the practice sheet of every practice in place, for the UN Network on\n"
     "Migration's Repository of Practices, into OUT/practices/ (as mgi practice --all\n"
     "writes them; the dashboard's practice directory then links to them). Slower: about\n"
     "1.5 ms a sheet, some 30 a commune.\n"
     "With --draft, drafts for consultation: a DRAFT watermark, the version (--version-label,\n"
     "else a hash of the inputs) and date in the footer, numbered lines, findings tagged\n"
     "with their indicator, and OUT/CODE-YEAR/feedback.csv to collect comments.\n"
     "Under each gap, a profile names up to three communes whose latest assessment has the\n"
     "practice in place (same region first, then the nearest share of foreign residents,\n"
     "then the latest assessment); --no-peers leaves these notes out. OUT/practices.xlsx\n"
     "lists every practice in place, with the findings.\n"
     "The Migrant Seal (Sello Migrante) page of a profile, and the seal tables of the\n"
     "comparisons, show revalidations due as of --as-of YYYY-MM-DD (default: the build\n"
     "date, SOURCE_DATE_EPOCH when set).\n"
     "Communes are rendered by --jobs processes (default: one per core); the files are the\n"
     "same with any number. On a terminal a progress line shows communes done, time and\n"
     "time left; --quiet hides it.\n"
     "Every file is written to a temporary name and renamed when complete; the temporaries\n"
     "of a killed build (NAME.tmp-XXXXXX) are removed by the next build into OUT. Builds\n"
     "into the same OUT take turns (the one that waits says so, unless --quiet).\n"
     "Ranks are printed with the range they take under other reasonable methods (see\n"
     "'mgi help assess'): the comparison's chapter \"How robust are the ranks?\", the\n"
     "workbook's interval columns and Rank sensitivity sheet. --no-uncertainty (or\n"
     "draws = 0 in method.ini) leaves them out.\n",
     cmd_build,
     OPT_COMMON | OPT_TIMINGS | OPT_OUTPUT | OPT_COMMUNE | OPT_YEAR | OPT_LANG | OPT_PNG |
         OPT_DRAFT | OPT_VERSION_LABEL | OPT_NO_PEERS | OPT_NO_UNCERTAINTY | OPT_AS_OF | OPT_JOBS |
         OPT_PRACTICES,
     0, NULL, NULL, "; nothing written"},
    {"assess", "mgi assess [DATA] [--year Y] [--commune CODE]... [--uncertainty]",
     "print the assessment (assessment.csv) on standard output",
     "Checks the data like 'mgi validate', then prints one row per commune, year and domain,\n"
     "plus an 'overall' row:\n"
     "  commune,name,year,domain,score,coverage,level,insufficient,rank,of,median,change\n"
     "score: weighted mean of the answered indicators (yes 1, partial 0.5, no 0; na left\n"
     "out), coverage: answered weight / total weight, insufficient: 1 when coverage is below\n"
     "the threshold (0.6), level: from the cut points 0.40 / 0.60 / 0.80, rank and of: among\n"
     "the communes of the same year, median: of that year, change: against the commune's\n"
     "previous year. Method parameters come from DATA/method.ini when it exists. Numbers\n"
     "are printed in the shortest form that reads back exactly. --year and --commune only\n"
     "select rows; ranks and medians always cover every commune.\n"
     "With --uncertainty, four more columns say how much each rank depends on the method:\n"
     "  ...,change,rank_median,rank_lo,rank_hi,ranked\n"
     "the median rank and the 5th-95th percentile interval over DRAWS alternative methods\n"
     "(empty when the row is not ranked, or ranked in fewer than half of them), and the\n"
     "share of them in which it is ranked. Each alternative multiplies every indicator's\n"
     "weight by a factor from [0.5, 1.5], scores partial from [0.25, 0.75], sets the\n"
     "coverage threshold in [0.5, 0.7], shifts the cut points by up to 0.05, counts na as\n"
     "no (half of the time) and averages domains geometrically (half of the time).\n"
     "DATA/method.ini narrows or switches these off ('off' or a zero range):\n"
     "  [uncertainty]  draws = 1000 (0-100000; 0: off), seed = 1, weights = 0.5, 1.5,\n"
     "                 partial = 0.25, 0.75, threshold = 0.5, 0.7, cuts = 0.05, na = 0.5,\n"
     "                 aggregation = 0.5\n"
     "  [report]       ranks = yes | no (no: documents show levels and quartiles, not ranks)\n"
     "The same seed gives the same numbers. 'mgi build' puts the intervals in the documents\n"
     "unless --no-uncertainty or draws = 0.\n",
     cmd_assess, OPT_COMMON | OPT_TIMINGS | OPT_YEAR | OPT_COMMUNE | OPT_UNCERTAINTY, 0, NULL, NULL,
     ""},
    {"init", "mgi init DIR [--lang es|en]",
     "start a new data directory with the standard catalogue",
     "Creates DIR with domains.csv and the standard indicator catalogue (indicators.csv),\n"
     "communes.csv and responses.csv with their headers only, method.ini with the default\n"
     "method spelled out, and README.md (LEEME.md with --lang es) on what to fill in.\n"
     "Refuses to overwrite any existing file (exit 73).\n",
     cmd_init, OPT_RESOURCES | OPT_QUIET | OPT_LANG, FORM_NO_DATA | FORM_ONE_LANG, dir_given,
     "usage: mgi init DIR [--lang es|en]", NULL},
    {"practice",
     "mgi practice [DATA] --commune CODE --indicator ID [--lang en|es|all] [-o FILE]\n"
     "       mgi practice [DATA] --all [-o DIR] [--lang en|es|all] [--jobs N]",
     "practice sheets for the UN Network on Migration's Repository of Practices",
     "Writes the sheet of one practice in place (an indicator that the commune's latest\n"
     "assessment answers yes) in the structure of the Repository of Practices, as Markdown\n"
     "that the municipality can edit and as PDF: title, country, region and commune,\n"
     "dates, type of practice, GCM objectives and the guiding principles it exemplifies\n"
     "(a default from its domain, with the reason), SDG targets, summary (the finding),\n"
     "implementing organisation (from the source) and evidence (every source cited for\n"
     "the indicator). What only the municipality knows is left as [[to be completed by\n"
     "the municipality]]. -o FILE names the sheet (FILE.md and FILE.pdf; a .md or .pdf\n"
     "ending is dropped first); by default CODE-YEAR-ID.LANG in the current folder.\n"
     "--lang defaults to en.\n"
     "--all writes every practice in place of every commune into DIR (default: practices),\n"
     "one CODE-YEAR-ID.LANG.md and .pdf per commune-year and indicator, with --jobs\n"
     "processes. 'mgi build --practices' writes them into OUT/practices/.\n"
     "An unknown commune or indicator, a COVID-19 question or an indicator not answered\n"
     "yes is an error naming what was asked and what exists (exit 65).\n",
     cmd_practice,
     OPT_COMMON | OPT_COMMUNE | OPT_INDICATOR | OPT_ALL | OPT_LANG | OPT_OUTPUT | OPT_JOBS,
     FORM_ONE_LANG, practice_fits,
     "usage: mgi practice [DATA] --commune CODE --indicator ID [-o FILE] | --all [-o DIR]",
     "; nothing written"},
    {"template", "mgi template [DATA] --commune CODE --year Y [-o entry.xlsx] [--lang en|es]",
     "a data-entry workbook for one commune and year",
     "Writes a workbook (default: entry.xlsx) whose Entry sheet has one row per indicator:\n"
     "commune, year, indicator, domain, area, question_en, question_es, answer (a list:\n"
     "yes, partial, no, na), finding_en, finding_es, source, pre-filled with what DATA\n"
     "already holds; the commune's figures and instructions on their own sheets. Fill it\n"
     "in, save it (.xlsx or .ods), and bring it back with 'mgi merge'.\n",
     cmd_template, OPT_COMMON | OPT_COMMUNE | OPT_YEAR | OPT_OUTPUT | OPT_LANG, 0, template_fits,
     "usage: mgi template [DATA] --commune CODE --year Y [-o entry.xlsx]", "; nothing written"},
    {"merge", "mgi merge [DATA] ENTRY.xlsx|ENTRY.ods|ENTRY.csv [--dry-run]",
     "bring a filled data-entry sheet into the data",
     "Reads the Entry sheet (or Ingreso) of the workbook of 'mgi template' as it was saved\n"
     "(.xlsx or .ods; the sheet found by its name, the columns by their header, the cells\n"
     "as they show; rows above the header and empty rows skipped), or that sheet saved as\n"
     "CSV (',' or ';', BOM and CRLF as spreadsheets write them). Checks every row\n"
     "(unknown commune or indicator, bad year or answer, an indicator twice: at\n"
     "FILE:Entry!H12 for a workbook, FILE:LINE:COL for CSV), and writes the answers,\n"
     "findings and sources into DATA/responses.csv atomically, keeping responses.csv.bak.\n"
     "Rows with no answer are skipped. Merging the same sheet again changes nothing. A\n"
     "password-protected workbook, an .xls, a damaged or hostile one is refused (exit 65).\n",
     cmd_merge, OPT_COMMON | OPT_DRY_RUN, FORM_SHEET, sheet_given,
     "usage: mgi merge [DATA] ENTRY.xlsx|.ods|.csv [--dry-run]", "; nothing changed"},
    {"feedback", "mgi feedback apply [DATA] FEEDBACK.xlsx|FEEDBACK.ods|FEEDBACK.csv [--dry-run]",
     "apply a consultation's comment sheet to the data",
     "Checks the filled comment sheet of a draft: the Feedback sheet of the draft's annex\n"
     "(or of any workbook, .xlsx or .ods, read as for 'mgi merge'), or feedback.csv from\n"
     "'mgi build --draft': unknown communes, years or indicators, answers other than\n"
     "yes/partial/no/na and two different proposals for the same answer or finding are\n"
     "reported as FILE:Feedback!H12 (FILE:LINE:COL for CSV) and nothing is changed.\n"
     "Otherwise writes the proposed answers and findings into DATA/responses.csv (the\n"
     "previous file kept as responses.csv.bak) and logs each change in\n"
     "DATA/changelog.csv; the next build lists them in the profile. Proposals equal to\n"
     "the data change nothing, so applying a sheet twice is harmless. --dry-run only\n"
     "prints the changes.\n",
     cmd_feedback, OPT_COMMON | OPT_DRY_RUN, FORM_SHEET | FORM_APPLY, sheet_given,
     "usage: mgi feedback apply [DATA] FEEDBACK.xlsx|.ods|.csv [--dry-run]", "; nothing changed"},
    {"validate", "mgi validate [DATA]", "check the data directory, listing every problem",
     "Reads DATA (default: data) and prints every problem as\n"
     "  FILE:LINE:COLUMN: error|warning: MESSAGE\n"
     "then a summary. Exit status 0 when there are no errors (warnings allowed), 65 when\n"
     "the data has errors, 66 when the directory or a required file is missing.\n",
     cmd_validate, OPT_COMMON, 0, NULL, NULL, ""},
};
enum { NCOMMANDS = sizeof commands / sizeof commands[0] };

static void print_usage(FILE *f)
{
    fprintf(f, "usage: mgi COMMAND [ARGS]\n\n"
               "mgi turns Local Migration Governance Indicators data into profiles, annexes\n"
               "and comparisons of communes.\n\ncommands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "  %-10s %s\n", "help", "describe a command: mgi help COMMAND");
    fprintf(f, "\noptions: --help, --version; --timings prints how long each stage took\n"
               "exit status: 0 ok, 64 usage, 65 data errors, 66 missing input,\n"
               "             73 cannot create output, 74 I/O error, 70 internal error\n");
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "mgi: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'mgi --help'.\n");
    return EX_USAGE;
}

/* Prints the diagnostics from index `from` on, every one in one format, the one
 * compilers use and editors jump to: FILE:LINE:COL: SEVERITY: MESSAGE, or
 * FILE: SEVERITY: MESSAGE when there is no place in the file (an output that
 * cannot be written). What a command says of itself begins "mgi: COMMAND: ". */
static void print_diagnostics_from(const mgi_diag *diag, size_t from)
{
    for (size_t i = from; i < mgi_diag_size(diag); i++) {
        const mgi_diagnostic *d = mgi_diag_get(diag, i);
        const char *sev = d->severity == MGI_ERROR ? "error" : "warning";
        if (d->line)
            fprintf(stderr, "%s:%u:%u: %s: %s\n", d->file, d->line, d->col, sev, d->message);
        else
            fprintf(stderr, "%s: %s: %s\n", d->file, sev, d->message);
    }
    size_t shown = mgi_diag_size(diag);
    size_t all = mgi_diag_count(diag, MGI_ERROR) + mgi_diag_count(diag, MGI_WARNING);
    if (all > shown)
        fprintf(stderr, "mgi: %zu more problem%s not shown\n", all - shown, plural_s(all - shown));
}

/* Prints every diagnostic. */
static void print_diagnostics(const mgi_diag *diag)
{
    print_diagnostics_from(diag, 0);
}

static void print_summary(const char *stage, const char *dir, const mgi_diag *diag,
                          const char *tail)
{
    size_t e = mgi_diag_count(diag, MGI_ERROR), w = mgi_diag_count(diag, MGI_WARNING);
    fprintf(stderr, "mgi: %s: %s: %zu error%s, %zu warning%s%s\n", stage, dir, e, e == 1 ? "" : "s",
            w, w == 1 ? "" : "s", tail);
}

/* Loads and checks the data and DATA/method.ini, prints the diagnostics. */
static mgi_error load(const options *opt, input *in)
{
    memset(in, 0, sizeof *in);
    in->started = seconds();
    mgi_method_default(&in->method);
    if (!(in->diag = mgi_diag_new()))
        return MGI_ERR_NOMEM;
    mgi_error err = mgi_dataset_load(opt->data, in->diag, &in->ds);
    if (err != MGI_ERR_NOINPUT || in->ds) {
        char path[4096];
        snprintf(path, sizeof path, "%s/method.ini", opt->data);
        mgi_error merr = mgi_method_load(path, in->diag, &in->method);
        if (merr != MGI_OK && err == MGI_OK)
            err = merr;
        merr = mgi_uncertainty_load(path, in->diag, &in->unc);
        if (merr != MGI_OK && err == MGI_OK)
            err = merr;
    }
    /* The wording is checked with the data: a user edits both. */
    mgi_error rerr = mgi_resources_find(opt->resources, in->diag, &in->resources);
    if (rerr == MGI_OK) {
        char path[4096];
        snprintf(path, sizeof path, "%s/layouts/strings.ini", in->resources);
        rerr = mgi_strings_load(path, in->diag, &in->strings);
        snprintf(path, sizeof path, "%s/layouts/profile.ini", in->resources);
        mgi_error lerr = mgi_layout_load(path, in->diag, &in->layout);
        if (rerr == MGI_OK)
            rerr = lerr;
    }
    if (rerr != MGI_OK && (err == MGI_OK || rerr == MGI_ERR_NOMEM))
        err = rerr;
    if (err != MGI_OK) {
        mgi_dataset_free(in->ds);
        in->ds = NULL;
    }
    print_diagnostics(in->diag);
    if (err == MGI_ERR_NOMEM)
        fprintf(stderr, "mgi: %s\n", mgi_strerror(err));
    return err;
}

static void unload(input *in)
{
    mgi_dataset_free(in->ds);
    mgi_strings_free(in->strings);
    free(in->resources);
    mgi_diag_free(in->diag);
}

/* The selected communes and year exist in the data; prints what does not. */
static mgi_error check_selection(const char *stage, const options *opt, const mgi_dataset *ds)
{
    for (size_t i = 0; i < opt->ncommunes; i++)
        if (mgi_dataset_commune(ds, opt->communes[i]) < 0) {
            fprintf(stderr, "mgi: %s: no commune \"%s\" in %s/communes.csv\n", stage,
                    opt->communes[i], opt->data);
            return MGI_ERR_USAGE;
        }
    if (opt->year) {
        for (size_t c = 0; c < ds->ncommunes; c++)
            if (mgi_commune_round(&ds->communes[c], opt->year))
                return MGI_OK;
        fprintf(stderr, "mgi: %s: no answers for the year %d in %s/responses.csv\n", stage,
                opt->year, opt->data);
        return MGI_ERR_USAGE;
    }
    return MGI_OK;
}

static mgi_error cmd_validate(const options *opt, input *in)
{
    const mgi_dataset *ds = in->ds;
    char tail[160] = "";
    {
        size_t rounds = 0;
        for (size_t i = 0; i < ds->ncommunes; i++)
            rounds += ds->communes[i].nrounds;
        snprintf(tail, sizeof tail,
                 " (%zu domain%s, %zu indicator%s, %zu commune%s, %zu assessment%s)", ds->ndomains,
                 plural_s(ds->ndomains), ds->nindicators, plural_s(ds->nindicators), ds->ncommunes,
                 plural_s(ds->ncommunes), rounds, plural_s(rounds));
    }
    if (!opt->quiet || mgi_diag_size(in->diag))
        print_summary("validate", opt->data, in->diag, tail);
    return MGI_OK;
}

static mgi_error cmd_assess(const options *opt, input *in)
{
    mgi_assessment *a = NULL;
    mgi_uncertainty *u = NULL;
    double t[5] = {in->started, seconds()};
    mgi_error err;
    if ((err = check_selection("assess", opt, in->ds)) != MGI_OK)
        goto cleanup;
    if ((err = mgi_assess_dataset(in->ds, &in->method, &a)) != MGI_OK) {
        fprintf(stderr, "mgi: assess: %s\n", mgi_strerror(err));
        goto cleanup;
    }
    t[2] = seconds();
    if (opt->uncertainty && in->unc.draws &&
        (err = mgi_uncertainty_run(a, &in->unc, &u)) != MGI_OK) {
        fprintf(stderr, "mgi: assess: %s\n", mgi_strerror(err));
        goto cleanup;
    }
    t[3] = seconds();
    err = opt->uncertainty
              ? mgi_uncertainty_write_csv(a, u, stdout, opt->communes, opt->ncommunes, opt->year)
              : mgi_assess_write_csv(a, stdout, opt->communes, opt->ncommunes, opt->year);
    t[4] = seconds();
    print_timings(opt, t, (const char *const[]){"load", "assess", "uncertainty", "write"}, 4);
cleanup:
    mgi_uncertainty_free(u);
    mgi_assess_free(a);
    return err;
}

/* The date written into documents: SOURCE_DATE_EPOCH when set (reproducible
 * builds), else now. */
static time_t build_date(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (s && *s) {
        char *end;
        long long v = strtoll(s, &end, 10);
        if (!*end && v >= 0)
            return (time_t)v;
    }
    return time(NULL);
}

/* "mgi: build: 8 communes, 16 profiles, 16 annexes, comparisons and dashboard of 2022
 * in out/ (0.4 s)" */
static void build_summary(const options *opt, const mgi_assessment *a, size_t n, double t)
{
    size_t langs = 0;
    for (int l = 0; l < MGI_NLANGS; l++)
        langs += opt->lang[l];
    /* What the comparisons compare (view.h): one year's communes, or each
     * commune's latest assessment, whose years may differ. */
    int first = opt->year, last = opt->year;
    for (size_t i = 0; i < a->nresults && !opt->year; i++) {
        const mgi_result *r = &a->results[i];
        if (i + 1 < a->nresults && a->results[i + 1].commune == r->commune)
            continue;
        if (!first || r->round->year < first)
            first = r->round->year;
        if (r->round->year > last)
            last = r->round->year;
    }
    char what[64];
    if (first == last)
        snprintf(what, sizeof what, "of %d", first);
    else
        snprintf(what, sizeof what, "of the latest assessments, %d-%d", first, last);
    fprintf(stderr,
            "mgi: build: %zu commune%s, %zu %sprofile%s, %zu annex%s, comparisons and dashboard "
            "%s in %s/ (%.1f s)\n",
            n, n == 1 ? "" : "s", n * langs, opt->draft ? "draft " : "", n * langs == 1 ? "" : "s",
            n * langs, n * langs == 1 ? "" : "es", what, opt->out, t);
}

static mgi_error cmd_build(const options *opt, input *in)
{
    mgi_assessment *a = NULL;
    mgi_fonts *fonts = NULL;
    mgi_hyphenator *hyph = NULL;
    mgi_diag *out_diag = mgi_diag_new();
    double t[3] = {in->started};
    mgi_error err = MGI_OK;
    if (!out_diag) {
        err = MGI_ERR_NOMEM;
        goto cleanup;
    }
    if ((err = check_selection("build", opt, in->ds)) != MGI_OK)
        goto cleanup;
    if ((err = load_type(in, out_diag, &fonts, &hyph)) != MGI_OK)
        goto report;
    if ((err = mgi_assess_dataset(in->ds, &in->method, &a)) != MGI_OK)
        goto report;
    if (a->nresults == 0) { /* a fresh 'mgi init': OUT would hold an empty assessment.csv */
        fprintf(stderr,
                "mgi: build: %s: nothing to build: no commune has answers in "
                "%s/responses.csv; nothing written\n",
                opt->data, opt->data);
        err = MGI_ERR_DATA;
        goto cleanup;
    }
    a->hide_ranks = !in->unc.ranks;
    t[1] = seconds();
    mgi_build_options bo = {.out = opt->out,
                            .communes = opt->communes,
                            .ncommunes = opt->ncommunes,
                            .year = opt->year,
                            .png = opt->png,
                            .practices = opt->practices,
                            .png_width = 1200};
    memcpy(bo.lang, opt->lang, sizeof bo.lang);
    bo.date = build_date();
    char version[32];
    snprintf(version, sizeof version, "%016llx", in->ds->hash);
    version[8] = '\0';
    bo.draft = opt->draft;
    bo.no_peers = opt->no_peers;
    bo.as_of = opt->as_of != MGI_NODATE ? opt->as_of : mgi_date_from_time(bo.date);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    bo.jobs = opt->jobs ? opt->jobs : cores > 0 ? (int)(cores < 64 ? cores : 64) : 1;
    progress_state ps = {seconds(), 0, 0, !opt->quiet && isatty(STDERR_FILENO)};
    bo.progress_ctx = &ps;
    bo.progress = progress;
    if (!opt->quiet)
        bo.waiting = waiting;
    bo.version = opt->version_label ? opt->version_label : version;
    mgi_build_inputs bi = {a,     in->strings, &in->layout,
                           fonts, hyph,        opt->no_uncertainty ? NULL : &in->unc,
                           NULL,  NULL};
    err = mgi_build_run(&bo, &bi, out_diag);
    t[2] = seconds();
    print_timings(opt, t, (const char *const[]){"load", "build"}, 2);
    if (err == MGI_OK && !opt->quiet)
        build_summary(opt, a, ps.total, seconds() - t[0]);
report:
    print_diagnostics(out_diag);
    if (err != MGI_OK && !mgi_diag_size(out_diag))
        fprintf(stderr, "mgi: build: %s\n", mgi_strerror(err));
cleanup:
    mgi_assess_free(a);
    mgi_fonts_free(fonts);
    mgi_hyphenator_free(hyph);
    mgi_diag_free(out_diag);
    return err;
}

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static mgi_error cmd_feedback(const options *opt, input *in)
{
    size_t n = 0, before = mgi_diag_size(in->diag);
    mgi_error err =
        mgi_feedback_apply(in->ds, opt->extra, opt->dry_run, build_date(), stdout, in->diag, &n);
    print_diagnostics_from(in->diag, before); /* feedback and merge report errors only */
    if (err != MGI_OK)
        fprintf(stderr, "mgi: feedback: %s: %s; nothing changed\n", opt->extra, mgi_strerror(err));
    else if (opt->dry_run)
        fprintf(stderr, "mgi: feedback: %zu change%s (dry run: nothing written)\n", n,
                n == 1 ? "" : "s");
    else if (n == 0)
        fprintf(stderr, "mgi: feedback: no changes: the data already says this\n");
    else
        fprintf(stderr,
                "mgi: feedback: %zu change%s written to %s/responses.csv (previous file: "
                "responses.csv.bak), logged in %s/changelog.csv\n",
                n, n == 1 ? "" : "s", opt->data, opt->data);
    return err;
}

static mgi_error cmd_init(const options *opt, input *unused)
{
    (void)unused;
    mgi_diag *diag = mgi_diag_new();
    char *res = NULL;
    mgi_strings *strings = NULL;
    if (!diag)
        return MGI_ERR_NOMEM;
    int lang = opt->lang[MGI_LANG_EN] ? MGI_LANG_EN : MGI_LANG_ES;
    mgi_error err = mgi_resources_find(opt->resources, diag, &res);
    if (err == MGI_OK) {
        char path[4096];
        snprintf(path, sizeof path, "%s/layouts/strings.ini", res);
        err = mgi_strings_load(path, diag, &strings);
    }
    if (err == MGI_OK)
        err = mgi_init_dir(opt->data, res, strings, lang, diag);
    print_diagnostics(diag);
    if (err == MGI_OK)
        fprintf(stderr, "mgi: init: %s: a new data directory; read %s/%s\n", opt->data, opt->data,
                lang == MGI_LANG_ES ? "LEEME.md" : "README.md");
    mgi_strings_free(strings);
    free(res);
    mgi_diag_free(diag);
    return err;
}

static bool template_fits(const options *opt)
{
    return opt->ncommunes == 1 && opt->year;
}

static mgi_error cmd_template(const options *opt, input *in)
{
    long c = mgi_dataset_commune(in->ds, opt->communes[0]);
    if (c < 0) {
        fprintf(stderr, "mgi: template: no commune \"%s\" in %s/communes.csv: add it there first\n",
                opt->communes[0], opt->data);
        return MGI_ERR_USAGE;
    }
    const char *path = opt->out_given ? opt->out : "entry.xlsx";
    int lang = opt->lang[MGI_LANG_EN] ? MGI_LANG_EN : MGI_LANG_ES;
    size_t before = mgi_diag_size(in->diag);
    mgi_error err = mgi_xlsx_template(path, in->ds, (size_t)c, opt->year, in->strings, lang,
                                      build_date(), in->diag);
    print_diagnostics_from(in->diag, before);
    if (err == MGI_OK)
        fprintf(stderr,
                "mgi: template: %s written: fill in the Entry sheet, save it, "
                "then run mgi merge %s %s\n",
                path, opt->data, path);
    return err;
}

static mgi_error cmd_merge(const options *opt, input *in)
{
    size_t n = 0, before = mgi_diag_size(in->diag);
    mgi_error err = mgi_feedback_merge(in->ds, opt->extra, opt->dry_run, stdout, in->diag, &n);
    print_diagnostics_from(in->diag, before); /* feedback and merge report errors only */
    if (err != MGI_OK)
        fprintf(stderr, "mgi: merge: %s: %s; nothing changed\n", opt->extra, mgi_strerror(err));
    else if (opt->dry_run)
        fprintf(stderr, "mgi: merge: %zu change%s (dry run: nothing written)\n", n,
                n == 1 ? "" : "s");
    else if (n == 0)
        fprintf(stderr, "mgi: merge: no changes: the data already says this\n");
    else
        fprintf(stderr,
                "mgi: merge: %zu change%s written to %s/responses.csv (previous file: "
                "responses.csv.bak)\n",
                n, n == 1 ? "" : "s", opt->data);
    return err;
}

/* FILE without a .md or .pdf ending. */
static void sheet_stem(const char *file, char *stem, size_t size)
{
    snprintf(stem, size, "%s", file);
    size_t n = strlen(stem);
    if (n > 3 && strcmp(stem + n - 3, ".md") == 0)
        stem[n - 3] = '\0';
    else if (n > 4 && strcmp(stem + n - 4, ".pdf") == 0)
        stem[n - 4] = '\0';
}

static bool practice_fits(const options *opt)
{
    return opt->all ? !opt->ncommunes && !opt->indicator : opt->ncommunes == 1 && opt->indicator;
}

static mgi_error cmd_practice(const options *opt, input *in)
{
    mgi_fonts *fonts = NULL;
    mgi_hyphenator *hyph = NULL;
    mgi_error err;
    size_t before = mgi_diag_size(in->diag), n = 0;
    mgi_practicesheet_ctx c = {in->ds, in->strings, MGI_LANG_EN, &in->layout,
                               NULL,   NULL,        build_date()};
    mgi_practice p;
    if (!opt->all && (err = mgi_practicesheet_find(in->ds, opt->communes[0], opt->indicator, &p,
                                                   in->diag)) != MGI_OK)
        goto report;
    if ((err = load_type(in, in->diag, &fonts, &hyph)) != MGI_OK)
        goto report;
    c.fonts = fonts;
    c.hyph = hyph;
    char stem[4096];
    if (opt->all) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        int jobs = opt->jobs ? opt->jobs : cores > 0 ? (int)(cores < 64 ? cores : 64) : 1;
        const char *dir = opt->out_given ? opt->out : "practices";
        err = mgi_practicesheet_all(&c, opt->lang, dir, jobs, in->diag, &n);
        if (err == MGI_OK)
            fprintf(stderr, "mgi: practice: %zu practice%s in place: sheets in %s/\n", n,
                    plural_s(n), dir);
    } else {
        for (int l = 0; l < MGI_NLANGS && err == MGI_OK; l++) {
            if (!opt->lang[l])
                continue;
            c.lang = l;
            if (opt->out_given && opt->lang[MGI_LANG_EN] + opt->lang[MGI_LANG_ES] == 1)
                sheet_stem(opt->out, stem, sizeof stem);
            else if (opt->out_given)
                snprintf(stem, sizeof stem, "%.4000s.%s", opt->out, mgi_lang_code(l));
            else
                mgi_practicesheet_name(in->ds, &p, l, stem, sizeof stem);
            err = mgi_practicesheet_write(&c, &p, stem, in->diag);
            if (err == MGI_OK)
                fprintf(stderr, "mgi: practice: %s.md and %s.pdf written\n", stem, stem);
        }
    }
report:
    print_diagnostics_from(in->diag, before);
    if (err != MGI_OK && mgi_diag_size(in->diag) == before)
        fprintf(stderr, "mgi: practice: %s\n", mgi_strerror(err));
    mgi_fonts_free(fonts);
    mgi_hyphenator_free(hyph);
    return err;
}

static bool sheet_given(const options *opt)
{
    return opt->extra != NULL;
}
static bool dir_given(const options *opt)
{
    return opt->data_given;
}

/* The skeleton of every command (see struct command), after its options. */
static int run_command(const command *c, const options *opt)
{
    if (c->fits && !c->fits(opt))
        return usage_error("%s", c->usage);
    if (c->form & FORM_NO_DATA)
        return mgi_exit_status(c->run(opt, NULL));
    input in;
    mgi_error err = load(opt, &in);
    if (err != MGI_OK && in.diag)
        print_summary(c->name, opt->data, in.diag, c->unread);
    else if (err == MGI_OK)
        err = c->run(opt, &in);
    unload(&in);
    return mgi_exit_status(err);
}

/* Parses the arguments after the command name (argv[0]) against the options
 * command c takes. Returns 0 or an exit status (a usage error). */
static int parse_options(int argc, char **argv, const command *c, options *opt)
{
    /* argv[0] is the command's name: getopt_long starts after it, takes the
     * options wherever they are and leaves the operands at the end. */
    opterr = 0;
    optind = 1;
    int ch, index;
    while ((ch = getopt_long(argc, argv, ":o:j:q", long_options, &index)) != -1) {
        const char *given = argv[optind - 1];
        if (ch == '?')
            return usage_error("unknown option \"%s\"", given);
        if (ch == ':')
            return usage_error("option %s needs a value", given);
        unsigned bit = ch == 'o'   ? OPT_OUTPUT
                       : ch == 'j' ? OPT_JOBS
                       : ch == 'q' ? OPT_QUIET
                                   : 1u << (ch - 256);
        const char *name = ch == 'o' ? "-o" : ch == 'j' ? "--jobs" : ch == 'q' ? "--quiet" : NULL;
        for (const struct option *o = long_options; !name && o->name; o++)
            if (o->val == ch)
                name = o->name;
        if (!(c->accepts & bit)) {
            char what[96];
            snprintf(what, sizeof what, "%s%s", ch < 256 ? "" : "--", name);
            fprintf(stderr, "mgi: %s does not take %s\nTry 'mgi help %s'.\n", c->name, what,
                    c->name);
            return EX_USAGE;
        }
        const char *value = optarg;
        switch (bit) {
        case OPT_OUTPUT:
            if (!*value)
                return usage_error("%s", "empty output directory");
            opt->out = value;
            opt->out_given = true;
            break;
        case OPT_RESOURCES: opt->resources = value; break;
        case OPT_JOBS: {
            char *end;
            long j = strtol(value, &end, 10);
            if (end == value || *end || j < 1 || j > 256)
                return usage_error("--jobs needs a number from 1 to 256, not \"%s\"", value);
            opt->jobs = (int)j;
            break;
        }
        case OPT_AS_OF:
            if (!mgi_date_parse(value, &opt->as_of))
                return usage_error("--as-of needs a date as YYYY-MM-DD, not \"%s\"", value);
            break;
        case OPT_YEAR:
            if (strlen(value) != 4 || strspn(value, "0123456789") != 4)
                return usage_error("--year needs a 4-digit year, not \"%s\"", value);
            opt->year = atoi(value);
            break;
        case OPT_LANG: {
            bool all = strcmp(value, "all") == 0;
            opt->lang[MGI_LANG_EN] = all || strcmp(value, "en") == 0;
            opt->lang[MGI_LANG_ES] = all || strcmp(value, "es") == 0;
            if (!opt->lang[MGI_LANG_EN] && !opt->lang[MGI_LANG_ES])
                return usage_error("--lang must be en, es or all, not \"%s\"", value);
            break;
        }
        case OPT_COMMUNE:
            if (opt->ncommunes == MAX_COMMUNES)
                return usage_error("%s", "too many --commune options");
            opt->communes[opt->ncommunes++] = value;
            break;
        case OPT_VERSION_LABEL: opt->version_label = value; break;
        case OPT_QUIET: opt->quiet = true; break;
        case OPT_TIMINGS: opt->timings = true; break;
        case OPT_PNG: opt->png = true; break;
        case OPT_DRAFT: opt->draft = true; break;
        case OPT_NO_PEERS: opt->no_peers = true; break;
        case OPT_UNCERTAINTY: opt->uncertainty = true; break;
        case OPT_NO_UNCERTAINTY: opt->no_uncertainty = true; break;
        case OPT_DRY_RUN: opt->dry_run = true; break;
        case OPT_INDICATOR: opt->indicator = value; break;
        case OPT_ALL: opt->all = true; break;
        case OPT_PRACTICES: opt->practices = true; break;
        default: break;
        }
    }
    /* The operands: DATA, or (merge, feedback apply) [DATA] SHEET. */
    int nops = argc - optind;
    if (nops > (opt->takes_two ? 2 : 1))
        return usage_error("unexpected argument \"%s\"", argv[optind + (opt->takes_two ? 2 : 1)]);
    if (opt->takes_two && nops == 1)
        opt->extra = argv[optind];
    else if (opt->takes_two && nops == 2)
        opt->data = argv[optind], opt->extra = argv[optind + 1];
    else if (nops == 1)
        opt->data = argv[optind];
    opt->data_given = nops > 0;
    return 0;
}

/* Flushes standard output; a write that failed, now or before, is reported
 * with its reason when there is a fresh one ("mgi: assess: writing to
 * standard output failed: No space left on device"). */
static bool stdout_failed(const char *cmd)
{
    errno = 0;
    bool flushed = fflush(stdout) == 0;
    int e = errno;
    if (flushed && !ferror(stdout))
        return false;
    fprintf(stderr, "mgi: %s%swriting to standard output failed%s%s\n", cmd ? cmd : "",
            cmd ? ": " : "", !flushed && e ? ": " : "", !flushed && e ? strerror(e) : "");
    return true;
}

int main(int argc, char **argv)
{
    options opt = {.data = "data", .out = "out", .lang = {true, true}, .as_of = MGI_NODATE};
    if (argc < 2) {
        print_usage(stderr);
        return EX_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        print_usage(stdout);
        goto flush;
    }
    if (strcmp(name, "--version") == 0) {
        mgi_diag *diag = mgi_diag_new();
        char *res = NULL;
        if (diag)
            mgi_resources_find(NULL, diag, &res);
        printf("mgi %s\nlayouts and fonts: %s\n", MGI_VERSION, res ? res : "(not found)");
        free(res);
        mgi_diag_free(diag);
        goto flush;
    }
    if (strcmp(name, "help") == 0) {
        if (argc < 3) {
            print_usage(stdout);
            goto flush;
        }
        const command *c = find_command(argv[2]);
        if (!c)
            return usage_error("no command \"%s\"", argv[2]);
        printf("usage: %s\n\n%s", c->synopsis, c->help);
        goto flush;
    }
    const command *c = find_command(name);
    if (!c)
        return usage_error("unknown command \"%s\"", name);
    int first = 2;
    opt.takes_two = c->form & FORM_SHEET;
    if (c->form & FORM_ONE_LANG)
        opt.lang[MGI_LANG_ES] = false;
    if (c->form & FORM_APPLY) {
        if (argc < 3 || strcmp(argv[2], "apply") != 0)
            return usage_error("%s", c->usage);
        first = 3;
    }
    for (int i = first; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: %s\n\n%s", c->synopsis, c->help);
            goto flush;
        }
    int status = parse_options(argc - first + 1, argv + first - 1, c, &opt);
    if (status)
        return status;
    status = run_command(c, &opt);
    if (stdout_failed(name))
        return status ? status : mgi_exit_status(MGI_ERR_IO);
    return status;
flush:
    return stdout_failed(NULL) ? mgi_exit_status(MGI_ERR_IO) : 0;
}
