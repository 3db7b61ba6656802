/* test_uncertainty.c — the rank analysis: Ishigami, method.ini errors, and the hand-checked tables
 * of tests/uncertainty/. */
#define _XOPEN_SOURCE 700
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mgi/assess.h"
#include "mgi/uncertainty.h"

/* Case file format (tests/uncertainty/cases.txt):
 *
 *   === name
 *   uncertainty: draws=200 weights=off partial=0.25,0.75       (method.ini [uncertainty])
 *   indicators: MR-01 MR-02 WGA-01 ...                           (domain from the prefix)
 *   answers:
 *   A 2022 yes partial no na - yes                               (- : no row)
 *   expect:
 *   A 2022 overall interval=1-1 median=1 nominal=1 top=1
 *   A 2022 rights dominant=partial first.partial>0.5 total.weights<0.5
 *   B 2022 overall same=C            B's band equals C's (median and interval)
 *   C 2022 safe rarely=1
 *   all collapse                     every band's interval is its nominal rank
 *
 * A failing case prints what it expected and what it got. */

#define MAXIND 64
#define MAXTOK 128

static int failures, checks;
static char case_name[256];

static void fail(const char *fmt, const char *a, const char *b)
{
    printf("FAIL: %s: ", case_name);
    printf(fmt, a, b);
    printf("\n");
    failures++;
}

static void expect(int ok, const char *what, const char *got)
{
    checks++;
    if (!ok)
        fail("%s (got %s)", what, got);
}

/* ------------------------------------------------------------ Ishigami */

/* f = sin x1 + a sin² x2 + b x3⁴ sin x1 on [−π, π]³, a = 7, b = 0.1: the
 * test function of sensitivity analysis with known indices (Ishigami and
 * Homma 1990; Saltelli et al. 2008, Global Sensitivity Analysis, §4.9). */
static double ishigami(const double *u)
{
    double x[3];
    for (int i = 0; i < 3; i++)
        x[i] = -M_PI + 2 * M_PI * u[i];
    return sin(x[0]) + 7 * sin(x[1]) * sin(x[1]) + 0.1 * pow(x[2], 4) * sin(x[0]);
}

static void ishigami_check(size_t n)
{
    snprintf(case_name, sizeof case_name, "Ishigami at %zu draws", n);
    const double a = 7, b = 0.1, pi4 = pow(M_PI, 4), pi8 = pow(M_PI, 8);
    double v1 = 0.5 * pow(1 + b * pi4 / 5, 2), v2 = a * a / 8,
           v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50);
    double v = v1 + v2 + v13;
    double want_first[3] = {v1 / v, v2 / v, 0}, want_total[3] = {(v1 + v13) / v, v2 / v, v13 / v};
    /* the sampling of the analysis: A and B as two halves of a Sobol' sequence */
    double *d = malloc(n * 6 * sizeof *d), *da = malloc(n * 3 * sizeof *da),
           *db = malloc(n * 3 * sizeof *db);
    mgi_design_sobol(1, n, 6, d);
    for (size_t j = 0; j < n; j++) {
        memcpy(da + j * 3, d + j * 6, 3 * sizeof *da);
        memcpy(db + j * 3, d + j * 6 + 3, 3 * sizeof *db);
    }
    mgi_sobol_sums s = {.k = 3};
    for (size_t j = 0; j < n; j++) {
        double fab[3];
        for (int i = 0; i < 3; i++) {
            double row[3];
            memcpy(row, da + j * 3, sizeof row);
            row[i] = db[j * 3 + i];
            fab[i] = ishigami(row);
        }
        mgi_sobol_add(&s, ishigami(da + j * 3), ishigami(db + j * 3), fab);
    }
    double first[3], total[3];
    mgi_sobol_indices(&s, first, total);
    for (int i = 0; i < 3; i++) {
        char what[96], got[64];
        snprintf(what, sizeof what, "S%d within 0.05 of %.4f", i + 1, want_first[i]);
        snprintf(got, sizeof got, "%.4f", first[i]);
        expect(fabs(first[i] - want_first[i]) <= 0.05, what, got);
        snprintf(what, sizeof what, "ST%d within 0.05 of %.4f", i + 1, want_total[i]);
        snprintf(got, sizeof got, "%.4f", total[i]);
        expect(fabs(total[i] - want_total[i]) <= 0.05, what, got);
    }
    printf("Ishigami, %zu draws: S = %.3f %.3f %.3f, ST = %.3f %.3f %.3f\n", n, first[0], first[1],
           first[2], total[0], total[1], total[2]);
    free(d);
    free(da);
    free(db);
}

/* Each column of a Latin hypercube has one value per stratum. */
static void lhs_check(void)
{
    snprintf(case_name, sizeof case_name, "Latin hypercube");
    enum { N = 50, D = 4 };
    double x[N * D], y[N * D];
    mgi_design_lhs(3, 0, N, D, x);
    mgi_design_lhs(3, 0, N, D, y);
    expect(memcmp(x, y, sizeof x) == 0, "the same seed gives the same design", "another");
    for (int d = 0; d < D; d++) {
        int seen[N] = {0}, ok = 1;
        for (int i = 0; i < N; i++) {
            double u = x[i * D + d];
            ok &= u >= 0 && u < 1;
            seen[(int)(u * N)]++;
        }
        for (int k = 0; k < N; k++)
            ok &= seen[k] == 1;
        expect(ok, "one value in each stratum", "a stratum empty or twice");
    }
    mgi_design_lhs(4, 0, N, D, y);
    expect(memcmp(x, y, sizeof x) != 0, "another seed gives another design", "the same");
}

/* -------------------------------------------------- method.ini settings */

static void config_check(const char *ini, int want_ok, unsigned line, unsigned col,
                         const char *message)
{
    const char *setting = strchr(ini, '\n') + 1;
    snprintf(case_name, sizeof case_name, "method.ini \"%.*s\"", (int)strcspn(setting, "\n"),
             setting);
    char path[] = "/tmp/mgi-unc-ini-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    fputs(ini, f);
    fclose(f);
    mgi_diag *diag = mgi_diag_new();
    mgi_uncertainty_config c;
    mgi_error err = mgi_uncertainty_load(path, diag, &c);
    char got[512] = "no message";
    if (mgi_diag_size(diag)) {
        const mgi_diagnostic *d = mgi_diag_get(diag, 0);
        snprintf(got, sizeof got, "%u:%u: %s", d->line, d->col, d->message);
    }
    if (want_ok) {
        expect(err == MGI_OK, "accepted", got);
    } else {
        char want[256];
        snprintf(want, sizeof want, "%u:%u: ", line, col);
        expect(err == MGI_ERR_DATA && strncmp(got, want, strlen(want)) == 0 &&
                   strstr(got, message) != NULL,
               message, got);
        mgi_uncertainty_config def;
        mgi_uncertainty_default(&def);
        int same = c.draws == def.draws && c.seed == def.seed && c.ranks == def.ranks;
        for (int i = 0; i < MGI_NINPUTS; i++)
            same &= c.on[i] == def.on[i] && c.lo[i] == def.lo[i] && c.hi[i] == def.hi[i];
        expect(same, "the defaults left on error", "changed");
    }
    unlink(path);
    mgi_diag_free(diag);
}

static void configs(void)
{
    config_check("[uncertainty]\npartial = 0.25, 1.5\n", 0, 2, 11, "partial 1.5 is outside [0, 1]");
    config_check("[uncertainty]\nthreshold = -0.1, 0.5\n", 0, 2, 13, "outside [0, 1]");
    config_check("[uncertainty]\nthreshold = 0.7, 0.5\n", 0, 2, 13, "range is inverted");
    config_check("[uncertainty]\ndraws = 100001\n", 0, 2, 9, "at most 100000");
    config_check("[uncertainty]\ndraws = many\n", 0, 2, 9, "whole number");
    config_check("[uncertainty]\nbogus = 1\n", 0, 2, 1, "unknown setting \"bogus\"");
    config_check("[uncertainty]\nweights = 0, 1.5\n", 0, 2, 11, "outside (0, 2]");
    config_check("[uncertainty]\npartial = 0.5\n", 0, 2, 11, "must be a range");
    config_check("[uncertainty]\nna = 0.2, 0.4\n", 0, 2, 6, "one number");
    config_check("[uncertainty]\ncuts = 0.3\n", 0, 2, 8, "outside [0, 0.2]");
    config_check("[report]\n\nranks = maybe\n", 0, 3, 9, "yes or no");
    config_check("[uncertainty]\ndraws = 0\nweights = off\nna = 0\npartial = 0.4, 0.6\n"
                 "[report]\nranks = no\n",
                 1, 0, 0, "");
    /* what was accepted is what is used */
    char path[] = "/tmp/mgi-unc-ini-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    fputs("[scores]\nyes = 1\n[uncertainty]\ndraws = 0\nseed = 18446744073709551615\n"
          "weights = off\nna = 0\npartial = 0.4, 0.6\n[report]\nranks = no\n",
          f);
    fclose(f);
    mgi_diag *diag = mgi_diag_new();
    mgi_uncertainty_config c;
    snprintf(case_name, sizeof case_name, "method.ini read back");
    expect(mgi_uncertainty_load(path, diag, &c) == MGI_OK, "accepted", "refused");
    expect(c.draws == 0 && c.seed == UINT64_MAX && !c.on[MGI_INPUT_WEIGHTS] &&
               !c.on[MGI_INPUT_NA] && c.on[MGI_INPUT_PARTIAL] && c.lo[MGI_INPUT_PARTIAL] == 0.4 &&
               c.hi[MGI_INPUT_PARTIAL] == 0.6 && !c.ranks && c.on[MGI_INPUT_AGGREGATION],
           "the settings as written", "others");
    mgi_method m;
    expect(mgi_method_load(path, diag, &m) == MGI_OK, "mgi_method_load skips [uncertainty]",
           "refused");
    unlink(path);
    mgi_diag_free(diag);
}

/* ------------------------------------------------------------ the tables */

typedef struct spec {
    char ids[MAXIND][16];
    int n;
    char settings[512];
    char answers[64][MAXIND + 2][16];
    int nanswers[64];
    int rows;
    char expect[64][256];
    int nexpect;
} spec;

static int tokens(char *line, char **tok)
{
    int n = 0;
    for (char *t = strtok(line, " \t\n"); t && n < MAXTOK; t = strtok(NULL, " \t\n"))
        tok[n++] = t;
    return n;
}

static const char *domain_of(const char *id)
{
    static const char *const map[][2] = {{"MR-", "rights"},       {"WGA-", "wga"},
                                         {"PA-", "partnerships"}, {"WB-", "wellbeing"},
                                         {"MC-", "crises"},       {"SOR-", "safe"}};
    for (int i = 0; i < 6; i++)
        if (strncmp(id, map[i][0], strlen(map[i][0])) == 0)
            return map[i][1];
    return "unknown";
}

static void write_files(const char *dir, const spec *s)
{
    char path[512];
    snprintf(path, sizeof path, "%s/domains.csv", dir);
    FILE *f = fopen(path, "w");
    fputs("key,number,name_en,name_es,objective_en,objective_es\n"
          "rights,1,R,R,R,R\nwga,2,W,W,W,W\npartnerships,3,P,P,P,P\n"
          "wellbeing,4,B,B,B,B\ncrises,5,C,C,C,C\nsafe,6,S,S,S,S\n",
          f);
    fclose(f);
    snprintf(path, sizeof path, "%s/indicators.csv", dir);
    f = fopen(path, "w");
    fputs("id,domain,area,question_en,question_es\n", f);
    for (int i = 0; i < s->n; i++)
        fprintf(f, "%s,%s,A,Q?,P?\n", s->ids[i], domain_of(s->ids[i]));
    fclose(f);
    snprintf(path, sizeof path, "%s/communes.csv", dir);
    f = fopen(path, "w");
    fputs("code,name,region,country\n", f);
    for (int r = 0; r < s->rows; r++) {
        int seen = 0;
        for (int k = 0; k < r; k++)
            seen |= strcmp(s->answers[k][0], s->answers[r][0]) == 0;
        if (!seen)
            fprintf(f, "%s,%s,X,Chile\n", s->answers[r][0], s->answers[r][0]);
    }
    fclose(f);
    snprintf(path, sizeof path, "%s/responses.csv", dir);
    f = fopen(path, "w");
    fputs("commune,year,indicator,answer\n", f);
    for (int r = 0; r < s->rows; r++)
        for (int i = 0; i + 2 < s->nanswers[r] && i < s->n; i++)
            if (strcmp(s->answers[r][i + 2], "-") != 0)
                fprintf(f, "%s,%s,%s,%s\n", s->answers[r][0], s->answers[r][1], s->ids[i],
                        s->answers[r][i + 2]);
    fclose(f);
    snprintf(path, sizeof path, "%s/method.ini", dir);
    f = fopen(path, "w");
    fputs("[uncertainty]\n", f);
    char settings[512], *tok[MAXTOK];
    snprintf(settings, sizeof settings, "%s", s->settings);
    int n = tokens(settings, tok);
    for (int i = 0; i < n; i++) {
        char *eq = strchr(tok[i], '=');
        if (eq) {
            *eq = '\0';
            fprintf(f, "%s = %s\n", tok[i], eq + 1);
        }
    }
    fclose(f);
}

static int input_of(const char *name)
{
    for (int i = 0; i < MGI_NINPUTS; i++)
        if (strcmp(name, mgi_input_name((mgi_input)i)) == 0)
            return i;
    return -1;
}

/* "first.partial>0.5", "total.weights<0.2" */
static void check_index(const mgi_rank_band *b, const char *what, const char *key, char op,
                        const char *value)
{
    const char *dot = strchr(key, '.');
    int i = dot ? input_of(dot + 1) : -1;
    if (i < 0) {
        fail("unknown index %s%s", key, "");
        return;
    }
    double x = key[0] == 'f' ? b->first[i] : b->total[i], want = strtod(value, NULL);
    char got[32];
    snprintf(got, sizeof got, "%.4f", x);
    expect(op == '>' ? x > want : x < want, what, got);
}

static const mgi_rank_band *band_of(const mgi_uncertainty *u, const char *code, const char *year,
                                    const char *domain)
{
    const mgi_assessment *a = u->a;
    const mgi_result *r = mgi_assess_find(a, code, atoi(year));
    long d = strcmp(domain, "overall") == 0 ? MGI_NDOMAINS : mgi_dataset_domain(a->ds, domain);
    return r && d >= 0 ? mgi_uncertainty_band(u, r, (size_t)d) : NULL;
}

static void check_collapse(const mgi_uncertainty *u)
{
    for (size_t r = 0; r < u->a->nresults; r++)
        for (size_t d = 0; d <= MGI_NDOMAINS; d++) {
            const mgi_rank_band *b = &u->band[r][d];
            char got[64];
            snprintf(got, sizeof got, "%u: %u (%u-%u)", b->nominal, b->median, b->lo, b->hi);
            if (d < u->a->ds->ndomains || d == MGI_NDOMAINS)
                expect(!b->nominal || (b->median == b->nominal && b->lo == b->nominal &&
                                       b->hi == b->nominal && b->ranked == 1),
                       "interval collapsed on the nominal rank", got);
        }
}

static void check_expectations(const spec *s, const mgi_uncertainty *u)
{
    for (int e = 0; e < s->nexpect; e++) {
        char line[256], *tok[MAXTOK];
        snprintf(line, sizeof line, "%s", s->expect[e]);
        int n = tokens(line, tok);
        if (n == 2 && strcmp(tok[0], "all") == 0 && strcmp(tok[1], "collapse") == 0) {
            check_collapse(u);
            continue;
        }
        const mgi_rank_band *b = n >= 3 ? band_of(u, tok[0], tok[1], tok[2]) : NULL;
        if (!b) {
            fail("no band for \"%s\"%s", s->expect[e], "");
            continue;
        }
        for (int i = 3; i < n; i++) {
            char what[320], got[64], key[64];
            snprintf(what, sizeof what, "%s %s %s %s", tok[0], tok[1], tok[2], tok[i]);
            size_t klen = strcspn(tok[i], "=<>");
            snprintf(key, sizeof key, "%.*s", (int)klen, tok[i]);
            char op = tok[i][klen];
            const char *value = tok[i] + klen + (op ? 1 : 0);
            if (op == '<' || op == '>') {
                check_index(b, what, key, op, value);
            } else if (strcmp(key, "interval") == 0) {
                snprintf(got, sizeof got, "%u-%u", b->lo, b->hi);
                expect(strcmp(got, value) == 0, what, got);
            } else if (strcmp(key, "median") == 0 || strcmp(key, "nominal") == 0) {
                unsigned x = key[0] == 'm' ? b->median : b->nominal;
                snprintf(got, sizeof got, "%u", x);
                expect(strcmp(got, value) == 0, what, got);
            } else if (strcmp(key, "rarely") == 0) {
                snprintf(got, sizeof got, "%d", b->rarely);
                expect(strcmp(got, value) == 0, what, got);
            } else if (strcmp(key, "top") == 0 || strcmp(key, "bottom") == 0) {
                double x = key[0] == 't' ? b->top : b->bottom;
                snprintf(got, sizeof got, "%g", x);
                expect(fabs(x - strtod(value, NULL)) < 1e-12, what, got);
            } else if (strcmp(key, "dominant") == 0) {
                mgi_input d = mgi_uncertainty_dominant(b->total);
                snprintf(got, sizeof got, "%s", d == MGI_NINPUTS ? "none" : mgi_input_name(d));
                expect(strcmp(got, value) == 0, what, got);
            } else if (strcmp(key, "same") == 0) {
                const mgi_rank_band *o = band_of(u, value, tok[1], tok[2]);
                snprintf(got, sizeof got, "%u (%u-%u) vs %u (%u-%u)", b->median, b->lo, b->hi,
                         o ? o->median : 0, o ? o->lo : 0, o ? o->hi : 0);
                expect(o && o->median == b->median && o->lo == b->lo && o->hi == b->hi &&
                           o->top == b->top && o->bottom == b->bottom,
                       what, got);
            } else {
                fail("unknown key %s%s", tok[i], "");
            }
        }
    }
}

static void run(spec *s)
{
    char dir[] = "/tmp/mgi-unc-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        exit(2);
    }
    write_files(dir, s);
    mgi_diag *diag = mgi_diag_new();
    mgi_dataset *ds = NULL;
    mgi_method method;
    mgi_uncertainty_config c;
    mgi_assessment *a = NULL;
    mgi_uncertainty *u = NULL;
    char path[512];
    snprintf(path, sizeof path, "%s/method.ini", dir);
    mgi_error err = mgi_dataset_load(dir, diag, &ds);
    if (err == MGI_OK)
        err = mgi_method_load(path, diag, &method);
    if (err == MGI_OK)
        err = mgi_uncertainty_load(path, diag, &c);
    if (err == MGI_OK)
        err = mgi_assess_dataset(ds, &method, &a);
    if (err == MGI_OK)
        err = mgi_uncertainty_run(a, &c, &u);
    if (err != MGI_OK) {
        fail("loading failed: %s%s", mgi_strerror(err), "");
        for (size_t i = 0; i < mgi_diag_size(diag); i++)
            printf("  %s:%u:%u: %s\n", mgi_diag_get(diag, i)->file, mgi_diag_get(diag, i)->line,
                   mgi_diag_get(diag, i)->col, mgi_diag_get(diag, i)->message);
    } else {
        check_expectations(s, u);
    }
    mgi_uncertainty_free(u);
    mgi_assess_free(a);
    mgi_dataset_free(ds);
    mgi_diag_free(diag);
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    if (system(path) != 0)
        printf("cannot remove %s\n", dir);
}

static int read_cases(const char *file)
{
    FILE *in = fopen(file, "r");
    if (!in) {
        perror(file);
        exit(2);
    }
    static spec s;
    char line[1024];
    int section = 0, have = 0, cases = 0;
    for (int more = 1; more;) {
        more = fgets(line, sizeof line, in) != NULL;
        if (!more || strncmp(line, "=== ", 4) == 0) {
            if (have) {
                cases++;
                run(&s);
            }
            if (!more)
                break;
            memset(&s, 0, sizeof s);
            snprintf(case_name, sizeof case_name, "%s", line + 4);
            case_name[strcspn(case_name, "\n")] = '\0';
            section = 0;
            have = 1;
            continue;
        }
        if (line[0] == '#' || strspn(line, " \t\n") == strlen(line))
            continue;
        char *tok[MAXTOK];
        if (strncmp(line, "uncertainty:", 12) == 0) {
            snprintf(s.settings, sizeof s.settings, "%s", line + 12);
        } else if (strncmp(line, "indicators:", 11) == 0) {
            int n = tokens(line + 11, tok);
            for (int i = 0; i < n && s.n < MAXIND; i++)
                snprintf(s.ids[s.n++], sizeof s.ids[0], "%s", tok[i]);
        } else if (strncmp(line, "answers:", 8) == 0) {
            section = 1;
        } else if (strncmp(line, "expect:", 7) == 0) {
            section = 2;
        } else if (section == 1 && s.rows < 64) {
            int n = tokens(line, tok);
            for (int i = 0; i < n && i < MAXIND + 2; i++)
                snprintf(s.answers[s.rows][i], sizeof s.answers[0][0], "%s", tok[i]);
            s.nanswers[s.rows++] = n;
        } else if (section == 2 && s.nexpect < 64) {
            snprintf(s.expect[s.nexpect++], sizeof s.expect[0], "%s", line);
        }
    }
    fclose(in);
    return cases;
}

int main(int argc, char **argv)
{
    int cases = 0;
    lhs_check();
    ishigami_check(1000);
    configs();
    for (int k = 1; k < argc; k++)
        cases += read_cases(argv[k]);
    printf("%d cases, %d checks, %d failed\n", cases, checks, failures);
    return failures != 0;
}
