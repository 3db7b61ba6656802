/* main.c — the mgi command line: options, stages, messages, exit codes. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mgi/dataset.h"
#include "mgi/diag.h"
#include "mgi/error.h"
#include "mgi/resources.h"

#define EX_USAGE 64

typedef struct options {
    const char *data;   /* data directory, "data" by default */
    const char *out;    /* output directory, "out" by default */
    const char *resources;
    bool quiet;
} options;

typedef struct command {
    const char *name;
    const char *synopsis;
    const char *summary;
    const char *help;
    int (*run)(const options *opt);
} command;

static int cmd_validate(const options *opt);
static int cmd_build(const options *opt);

static const command commands[] = {
    {"build", "mgi build [DATA] [-o OUT]", "check the data, then write every output to OUT",
     "Checks every input first (the same messages and exit status as 'mgi validate'); when\n"
     "there is any error nothing is written, not even OUT. Otherwise writes the outputs\n"
     "to OUT (default: out).\n",
     cmd_build},
    {"validate", "mgi validate [DATA]", "check the data directory, listing every problem",
     "Reads DATA (default: data) and prints every problem as\n"
     "  FILE:LINE:COLUMN: error|warning: MESSAGE\n"
     "then a summary. Exit status 0 when there are no errors (warnings allowed), 65 when\n"
     "the data has errors, 66 when the directory or a required file is missing.\n",
     cmd_validate},
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
    fprintf(f, "\noptions: --help, --version\n"
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

/* Prints every diagnostic: FILE:LINE:COL: SEVERITY: MESSAGE. */
static void print_diagnostics(const mgi_diag *diag)
{
    for (size_t i = 0; i < mgi_diag_size(diag); i++) {
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
        fprintf(stderr, "mgi: %zu more problems not shown\n", all - shown);
}

static void print_summary(const char *stage, const char *dir, const mgi_diag *diag,
                          const char *tail)
{
    size_t e = mgi_diag_count(diag, MGI_ERROR), w = mgi_diag_count(diag, MGI_WARNING);
    fprintf(stderr, "mgi: %s: %s: %zu error%s, %zu warning%s%s\n", stage, dir, e,
            e == 1 ? "" : "s", w, w == 1 ? "" : "s", tail);
}

/* Loads and checks the data; prints the diagnostics. */
static mgi_error load(const char *stage, const options *opt, mgi_diag *diag, mgi_dataset **ds)
{
    mgi_error err = mgi_dataset_load(opt->data, diag, ds);
    print_diagnostics(diag);
    if (err == MGI_ERR_NOMEM)
        fprintf(stderr, "mgi: %s: %s\n", stage, mgi_strerror(err));
    return err;
}

static int cmd_validate(const options *opt)
{
    mgi_diag *diag = mgi_diag_new();
    mgi_dataset *ds = NULL;
    if (!diag)
        return mgi_exit_status(MGI_ERR_NOMEM);
    mgi_error err = load("validate", opt, diag, &ds);
    if (ds) {
        size_t rounds = 0;
        for (size_t i = 0; i < ds->ncommunes; i++)
            rounds += ds->communes[i].nrounds;
        char tail[160];
        snprintf(tail, sizeof tail,
                 " (%zu domains, %zu indicators, %zu communes, %zu assessments)", ds->ndomains,
                 ds->nindicators, ds->ncommunes, rounds);
        if (!opt->quiet || mgi_diag_size(diag))
            print_summary("validate", opt->data, diag, tail);
    } else {
        print_summary("validate", opt->data, diag, "");
    }
    mgi_dataset_free(ds);
    mgi_diag_free(diag);
    return mgi_exit_status(err);
}

/* mkdir -p; returns 0 or errno. */
static int make_dirs(const char *path)
{
    char buf[4096];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
        return ENAMETOOLONG;
    for (char *p = buf + 1;; p++) {
        if (*p == '/' || *p == '\0') {
            char c = *p;
            *p = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST)
                return errno;
            struct stat st;
            if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))
                return ENOTDIR;
            if (!c)
                return 0;
            *p = c;
        }
    }
}

static int cmd_build(const options *opt)
{
    mgi_diag *diag = mgi_diag_new();
    mgi_dataset *ds = NULL;
    if (!diag)
        return mgi_exit_status(MGI_ERR_NOMEM);
    mgi_error err = load("build", opt, diag, &ds);
    if (err != MGI_OK) {
        print_summary("build", opt->data, diag, "; nothing written");
        goto cleanup;
    }
    int e = make_dirs(opt->out);
    if (e) {
        fprintf(stderr, "mgi: build: %s: %s\n", opt->out, strerror(e));
        err = MGI_ERR_CANTCREAT;
        goto cleanup;
    }
cleanup:
    mgi_dataset_free(ds);
    mgi_diag_free(diag);
    return mgi_exit_status(err);
}

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

/* Parses the arguments after the command name. Returns 0 or an exit status. */
static int parse_options(int argc, char **argv, options *opt)
{
    bool have_data = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *value = NULL;
        const char *eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
        char name[64];
        if (eq) {
            snprintf(name, sizeof name, "%.*s", (int)(eq - a), a);
            value = eq + 1;
        } else {
            snprintf(name, sizeof name, "%s", a);
        }
        bool takes_value = strcmp(name, "-o") == 0 || strcmp(name, "--output") == 0 ||
                           strcmp(name, "--resources") == 0;
        if (takes_value && !value) {
            if (i + 1 >= argc)
                return usage_error("option %s needs a value", name);
            value = argv[++i];
        }
        if (strcmp(name, "-o") == 0 || strcmp(name, "--output") == 0)
            opt->out = value;
        else if (strcmp(name, "--resources") == 0)
            opt->resources = value;
        else if (strcmp(name, "-q") == 0 || strcmp(name, "--quiet") == 0)
            opt->quiet = true;
        else if (a[0] == '-' && a[1] != '\0')
            return usage_error("unknown option \"%s\"", a);
        else if (have_data)
            return usage_error("unexpected argument \"%s\" (one data directory only)", a);
        else {
            opt->data = a;
            have_data = true;
        }
        if (opt->out && !*opt->out)
            return usage_error("%s", "empty output directory");
    }
    return 0;
}

int main(int argc, char **argv)
{
    options opt = {.data = "data", .out = "out"};
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
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: %s\n\n%s", c->synopsis, c->help);
            goto flush;
        }
    int status = parse_options(argc - 2, argv + 2, &opt);
    if (status)
        return status;
    status = c->run(&opt);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "mgi: %s: writing to standard output failed\n", name);
        return status ? status : 74;
    }
    return status;
flush:
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "mgi: writing to standard output failed\n");
        return 74;
    }
    return 0;
}
