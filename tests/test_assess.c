/* test_assess.c — checks the assessment against the hand-computed tables in tests/assess/. */
#define _XOPEN_SOURCE 700
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mgi/assess.h"
#include "mgi/practice.h"
#include "mgi/seal.h"

/* Case file format (see tests/assess/README.md):
 *
 *   === name
 *   method: threshold=0.6 cuts=0.4,0.6,0.8 yes=1 partial=0.5 no=0   (optional)
 *   indicators: MR-01 MR-02*2 WGA-01@Strategy COV-01!                 (*weight, @area, ! covid)
 *   answers:
 *   A 2022 yes partial no na - yes                                    (- : no row)
 *   expect:
 *   A 2022 rights score=2/3 coverage=1 level=meets insufficient=0 rank=1/2 median=2/3 change=-
 *   A 2022 well rights MR-01 MR-03          A 2022 gaps rights -
 *   A 2022 trend MR-01 improved             A 2022 area Strategy score=1/2 coverage=1
 *   year 2022 rights n=2 min=0 q1=1/4 median=1/2 q3=3/4 max=1
 *
 * Numbers may be fractions; they must agree to 1e-12. '-' is "none". */

#define MAXIND 64
#define MAXTOK 128

static const struct {
    const char *prefix, *domain;
} prefixes[] = {{"MR", "rights"}, {"WGA", "wga"},  {"PA", "partnerships"}, {"WB", "wellbeing"},
                {"MC", "crises"}, {"SOR", "safe"}, {"COV", "rights"}};

static int failures, checks;
static char case_name[256];

static void fail(const char *fmt, const char *a, const char *b, const char *c)
{
    printf("FAIL: %s: ", case_name);
    printf(fmt, a, b, c);
    printf("\n");
    failures++;
}

static int tokens(char *line, char **tok)
{
    int n = 0;
    for (char *t = strtok(line, " \t\n"); t && n < MAXTOK; t = strtok(NULL, " \t\n"))
        tok[n++] = t;
    return n;
}

/* "2/3", "0.5", "-" (NAN) */
static double number(const char *s)
{
    if (strcmp(s, "-") == 0 || !*s)
        return NAN;
    const char *slash = strchr(s, '/');
    if (slash)
        return strtod(s, NULL) / strtod(slash + 1, NULL);
    return strtod(s, NULL);
}

static void check_number(const char *what, const char *want, const char *got)
{
    checks++;
    double w = number(want), g = number(got);
    if ((isnan(w) != isnan(g)) || (!isnan(w) && fabs(w - g) > 1e-12))
        fail("%s: expected %s, got \"%s\"", what, want, got);
}

static void check_text(const char *what, const char *want, const char *got)
{
    checks++;
    char w[128];
    snprintf(w, sizeof w, "%s", strcmp(want, "-") == 0 ? "" : want);
    for (char *p = w; *p; p++)
        if (*p == '-')
            *p = ' ';
    if (strcmp(w, got) != 0)
        fail("%s: expected \"%s\", got \"%s\"", what, w, got);
}

typedef struct spec {
    char ids[MAXIND][16];
    double weight[MAXIND];
    char area[MAXIND][32];
    int covid[MAXIND];
    char seal[MAXIND][24];
    int n;
    char method[256];
    char answers[64][MAXIND + 2][16]; /* commune, year, answers */
    int nanswers[64];
    int rows;
    char expect[128][512];
    int nexpect;
    char commune[64][3][32]; /* code, region, foreign/population or "-" */
    int ncommunes;
} spec;

static const char *domain_of(const char *id)
{
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t n = strlen(prefixes[i].prefix);
        if (strncmp(id, prefixes[i].prefix, n) == 0 && id[n] == '-')
            return prefixes[i].domain;
    }
    return "unknown";
}

static void write_files(const char *dir, const spec *s)
{
    char path[512];
    FILE *f;
    snprintf(path, sizeof path, "%s/domains.csv", dir);
    f = fopen(path, "w");
    fputs("key,number,name_en,name_es,objective_en,objective_es\n"
          "rights,1,R,R,R,R\nwga,2,W,W,W,W\npartnerships,3,P,P,P,P\n"
          "wellbeing,4,B,B,B,B\ncrises,5,C,C,C,C\nsafe,6,S,S,S,S\n",
          f);
    fclose(f);
    snprintf(path, sizeof path, "%s/indicators.csv", dir);
    f = fopen(path, "w");
    fputs("id,domain,area,question_en,question_es,weight,covid,seal_dimension\n", f);
    for (int i = 0; i < s->n; i++)
        fprintf(f, "%s,%s,%s,Q?,¿P?,%.17g,%d,%s\n", s->ids[i], domain_of(s->ids[i]), s->area[i],
                s->weight[i], s->covid[i], s->seal[i]);
    fclose(f);
    snprintf(path, sizeof path, "%s/communes.csv", dir);
    f = fopen(path, "w");
    fputs("code,name,region,country,population,foreign_residents\n", f);
    for (int c = 0; c < s->ncommunes; c++) {
        long foreign = -1, population = -1;
        sscanf(s->commune[c][2], "%ld/%ld", &foreign, &population);
        fprintf(f, "%s,%s,%s,Chile,", s->commune[c][0], s->commune[c][0], s->commune[c][1]);
        if (population >= 0)
            fprintf(f, "%ld,%ld\n", population, foreign);
        else
            fputs(",\n", f);
    }
    for (int r = 0; r < s->rows; r++) {
        int seen = 0;
        for (int k = 0; k < r; k++)
            seen |= strcmp(s->answers[k][0], s->answers[r][0]) == 0;
        for (int c = 0; c < s->ncommunes; c++)
            seen |= strcmp(s->commune[c][0], s->answers[r][0]) == 0;
        if (!seen)
            fprintf(f, "%s,%s,X,Chile,,\n", s->answers[r][0], s->answers[r][0]);
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
    if (*s->method) {
        char m[256], *tok[MAXTOK];
        snprintf(m, sizeof m, "%s", s->method);
        int n = tokens(m, tok);
        snprintf(path, sizeof path, "%s/method.ini", dir);
        f = fopen(path, "w");
        for (int i = 0; i < n; i++) {
            char *eq = strchr(tok[i], '=');
            if (!eq)
                continue;
            *eq = '\0';
            const char *v = eq + 1;
            if (strcmp(tok[i], "threshold") == 0)
                fprintf(f, "[coverage]\nthreshold = %s\n", v);
            else if (strcmp(tok[i], "cuts") == 0) {
                double a, b, c;
                sscanf(v, "%lf,%lf,%lf", &a, &b, &c);
                fprintf(f,
                        "[levels]\npartially_meets = %.17g\nmeets = %.17g\nfully_meets = %.17g\n",
                        a, b, c);
            } else
                fprintf(f, "[scores]\n%s = %s\n", tok[i], v);
        }
        fclose(f);
    }
}

/* The assessment.csv row of (commune, year, domain), split into fields. */
static int csv_row(char *csv, const char *commune, const char *year, const char *domain,
                   char **field)
{
    char want[128];
    snprintf(want, sizeof want, "\n%s,%s,%s,", commune, commune, year);
    for (char *p = strstr(csv, want); p; p = strstr(p + 1, want)) {
        char *line = p + 1, *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        static char copy[512];
        snprintf(copy, sizeof copy, "%.*s", (int)len, line);
        int n = 0;
        char *s = copy;
        for (;;) {
            field[n++] = s;
            char *comma = strchr(s, ',');
            if (!comma || n == 12)
                break;
            *comma = '\0';
            s = comma + 1;
        }
        if (n == 12 && strcmp(field[3], domain) == 0)
            return 1;
    }
    return 0;
}

static const char *ids_of(const mgi_dataset *ds, const size_t *idx, size_t n, char *buf,
                          size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", i ? " " : "",
                 ds->indicators[idx[i]].id);
    return n ? buf : "-";
}

/* Like check_text, for lists of codes and ids, which contain '-'. */
static void check_exact(const char *what, const char *want, const char *got)
{
    checks++;
    if (strcmp(want, got) != 0)
        fail("%s: expected \"%s\", got \"%s\"", what, want, got);
}

/* "A 2022 seal institutions score=1/2 coverage=2/3 level=meets insufficient=0 mapped=3" */
static void check_seal(const mgi_assessment *a, const char *code, int year, char **tok, int n)
{
    const mgi_result *r = mgi_assess_find(a, code, year);
    int d = 0;
    while (d < MGI_SEAL_NDIMS && strcmp(mgi_seal_dimension_key(d), tok[0]) != 0)
        d++;
    if (!r || d == MGI_SEAL_NDIMS) {
        fail("no result %s or dimension %s%s", code, tok[0], "");
        return;
    }
    mgi_seal s;
    mgi_seal_assess(a, r, 0, &s);
    for (int i = 1; i < n; i++) {
        char *eq = strchr(tok[i], '=');
        *eq = '\0';
        char what[128], got[32];
        snprintf(what, sizeof what, "%s %d seal %s %s", code, year, tok[0], tok[i]);
        if (strcmp(tok[i], "level") == 0) {
            check_text(what, eq + 1, mgi_level_name(s.dim[d].level));
        } else if (strcmp(tok[i], "insufficient") == 0) {
            check_exact(what, eq + 1, s.dim[d].insufficient ? "1" : "0");
        } else if (strcmp(tok[i], "mapped") == 0) {
            snprintf(got, sizeof got, "%zu", s.nmapped[d]);
            check_exact(what, eq + 1, got);
        } else {
            check_number(
                what, eq + 1,
                mgi_format_double(strcmp(tok[i], "score") == 0 ? s.dim[d].score : s.dim[d].coverage,
                                  got));
        }
    }
}

/* "A practice MR-01 B C": the peers chosen for A's MR-01, best first ("-": none). */
static void check_practice(const mgi_assessment *a, const char *code, char **tok, int n)
{
    const mgi_dataset *ds = a->ds;
    long c = mgi_dataset_commune(ds, code), i = mgi_dataset_indicator(ds, tok[0]);
    if (c < 0 || i < 0) {
        fail("no commune %s or indicator %s%s", code, tok[0], "");
        return;
    }
    mgi_peer peers[MGI_PEERS_MAX];
    size_t np = mgi_practice_peers(ds, (size_t)c, (size_t)i, peers);
    char want[256] = "", got[256] = "", what[128];
    for (int k = 1; k < n; k++)
        snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s", k > 1 ? " " : "", tok[k]);
    for (size_t k = 0; k < np; k++)
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", k ? " " : "",
                 ds->communes[peers[k].commune].code);
    snprintf(what, sizeof what, "%s practice %s", code, tok[0]);
    check_exact(what, strcmp(want, "-") == 0 ? "" : want, got);
}

/* "year 2022 gap MR-01 no=2 partial=1 answered=3 had_gap=1 improved=1" */
static void check_gap(const mgi_assessment *a, int year, char **tok, int n)
{
    mgi_gap *g = NULL;
    size_t ng = 0, k = 0;
    if (mgi_practice_gaps(a, year, &g, &ng) != MGI_OK) {
        fail("mgi_practice_gaps failed%s%s%s", "", "", "");
        return;
    }
    while (k < ng && strcmp(a->ds->indicators[g[k].indicator].id, tok[0]) != 0)
        k++;
    for (int i = 1; i < n; i++) {
        char *eq = strchr(tok[i], '=');
        *eq = '\0';
        char what[128], got[32] = "-";
        snprintf(what, sizeof what, "year %d gap %s %s", year, tok[0], tok[i]);
        if (k < ng) {
            unsigned v = strcmp(tok[i], "no") == 0         ? g[k].no
                         : strcmp(tok[i], "partial") == 0  ? g[k].partial
                         : strcmp(tok[i], "answered") == 0 ? g[k].answered
                         : strcmp(tok[i], "had_gap") == 0  ? g[k].had_gap
                                                           : g[k].improved;
            snprintf(got, sizeof got, "%u", v);
        }
        check_text(what, eq + 1, got);
    }
    free(g);
}

/* "year 2022 gaps MR-02 MR-01": the gaps, most common first. */
static void check_gap_order(const mgi_assessment *a, int year, char **tok, int n)
{
    mgi_gap *g = NULL;
    size_t ng = 0;
    if (mgi_practice_gaps(a, year, &g, &ng) != MGI_OK) {
        fail("mgi_practice_gaps failed%s%s%s", "", "", "");
        return;
    }
    char want[512] = "", got[512] = "", what[64];
    for (int k = 0; k < n; k++)
        snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s", k ? " " : "", tok[k]);
    for (size_t k = 0; k < ng; k++)
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", k ? " " : "",
                 a->ds->indicators[g[k].indicator].id);
    snprintf(what, sizeof what, "year %d gaps", year);
    check_exact(what, strcmp(want, "-") == 0 ? "" : want, got);
    free(g);
}

/* "year Y DOMAIN|overall n=… min=… q1=… median=… q3=… max=…" */
static void check_year_stats(const mgi_assessment *a, char **tok, int n)
{
    char what[160];
    const mgi_year_stats *ys = mgi_assess_year(a, atoi(tok[1]));
    long d = strcmp(tok[2], "overall") == 0 ? -2 : mgi_dataset_domain(a->ds, tok[2]);
    if (!ys || d == -1) {
        fail("no statistics for %s %s%s", tok[1], tok[2], "");
        return;
    }
    const mgi_stats *st = d == -2 ? &ys->overall : &ys->domain[d];
    for (int i = 3; i < n; i++) {
        char *eq = strchr(tok[i], '=');
        *eq = '\0';
        char got[32];
        double v = strcmp(tok[i], "n") == 0        ? (double)st->n
                   : strcmp(tok[i], "min") == 0    ? st->min
                   : strcmp(tok[i], "q1") == 0     ? st->q1
                   : strcmp(tok[i], "median") == 0 ? st->median
                   : strcmp(tok[i], "q3") == 0     ? st->q3
                                                   : st->max;
        snprintf(what, sizeof what, "year %s %s %s", tok[1], tok[2], tok[i]);
        check_number(what, eq + 1, mgi_format_double(v, got));
    }
}

/* "CODE YEAR area NAME score=… coverage=…" */
static void check_area(const mgi_result *r, char **tok, int n)
{
    char what[160];
    size_t k = 0;
    while (k < r->nareas && strcmp(r->areas[k].name[MGI_LANG_EN], tok[3]) != 0)
        k++;
    if (k == r->nareas) {
        fail("no area %s%s%s", tok[3], "", "");
        return;
    }
    for (int i = 4; i < n; i++) {
        char *eq = strchr(tok[i], '=');
        *eq = '\0';
        char got[32];
        snprintf(what, sizeof what, "%s %s area %s %s", tok[0], tok[1], tok[3], tok[i]);
        check_number(what, eq + 1,
                     mgi_format_double(strcmp(tok[i], "score") == 0 ? r->areas[k].score
                                                                    : r->areas[k].coverage,
                                       got));
    }
}

static void check_expectations(const spec *s, const mgi_assessment *a, char *csv)
{
    const mgi_dataset *ds = a->ds;
    for (int e = 0; e < s->nexpect; e++) {
        char line[512], *tok[MAXTOK];
        snprintf(line, sizeof line, "%s", s->expect[e]);
        int n = tokens(line, tok);
        if (n < 3)
            continue;
        char what[160];
        if (strcmp(tok[0], "year") == 0 && strcmp(tok[2], "gap") == 0) {
            check_gap(a, atoi(tok[1]), tok + 3, n - 3);
            continue;
        }
        if (strcmp(tok[0], "year") == 0 && strcmp(tok[2], "gaps") == 0) {
            check_gap_order(a, atoi(tok[1]), tok + 3, n - 3);
            continue;
        }
        if (strcmp(tok[0], "year") == 0) {
            check_year_stats(a, tok, n);
            continue;
        }
        const mgi_result *r = mgi_assess_find(a, tok[0], atoi(tok[1]));
        if (!r) {
            fail("no result for %s %s%s", tok[0], tok[1], "");
            continue;
        }
        char buf[512];
        if (n > 3 && strcmp(tok[2], "seal") == 0) {
            check_seal(a, tok[0], atoi(tok[1]), tok + 3, n - 3);
            continue;
        }
        if (strcmp(tok[1], "practice") == 0) {
            check_practice(a, tok[0], tok + 2, n - 2);
            continue;
        }
        if (strcmp(tok[2], "well") == 0 || strcmp(tok[2], "gaps") == 0) {
            long d = mgi_dataset_domain(ds, tok[3]);
            char want[512] = "";
            for (int i = 4; i < n; i++)
                snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s", i > 4 ? " " : "",
                         tok[i]);
            const char *got = tok[2][0] == 'w'
                                  ? ids_of(ds, r->well[d], r->nwell[d], buf, sizeof buf)
                                  : ids_of(ds, r->gaps[d], r->ngaps[d], buf, sizeof buf);
            checks++;
            if (strcmp(want, got) != 0)
                fail("%s: expected \"%s\", got \"%s\"", tok[2], want, got);
        } else if (strcmp(tok[2], "trend") == 0) {
            long i = mgi_dataset_indicator(ds, tok[3]);
            snprintf(what, sizeof what, "%s %s trend %s", tok[0], tok[1], tok[3]);
            check_text(what, tok[4], mgi_change_name(r->indicator_change[i]));
        } else if (strcmp(tok[2], "area") == 0) {
            check_area(r, tok, n);
        } else {
            char *field[12];
            if (!csv_row(csv, tok[0], tok[1], tok[2], field)) {
                fail("no assessment.csv row for %s %s %s", tok[0], tok[1], tok[2]);
                continue;
            }
            static const char *const names[] = {"score", "coverage", "level", "insufficient",
                                                "rank",  "median",   "change"};
            static const int cols[] = {4, 5, 6, 7, 8, 10, 11};
            for (int i = 3; i < n; i++) {
                char *eq = strchr(tok[i], '=');
                *eq = '\0';
                snprintf(what, sizeof what, "%s %s %s %s", tok[0], tok[1], tok[2], tok[i]);
                int k = 0;
                while (k < 7 && strcmp(names[k], tok[i]) != 0)
                    k++;
                if (k == 7) {
                    fail("unknown key %s%s%s", tok[i], "", "");
                } else if (k == 2) {
                    check_text(what, eq + 1, field[6]);
                } else if (k == 4) {
                    char got[32];
                    snprintf(got, sizeof got, "%s/%s", field[8], field[9]);
                    check_text(what, strcmp(eq + 1, "-") == 0 ? "/" : eq + 1, got);
                } else if (k == 3) {
                    check_text(what, eq + 1, field[7]);
                } else {
                    check_number(what, eq + 1, field[cols[k]]);
                }
            }
        }
    }
}

static void run(spec *s)
{
    char dir[] = "/tmp/mgi-assess-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        exit(2);
    }
    write_files(dir, s);
    mgi_diag *diag = mgi_diag_new();
    mgi_dataset *ds = NULL;
    mgi_method method;
    mgi_assessment *a = NULL;
    char path[512];
    snprintf(path, sizeof path, "%s/method.ini", dir);
    mgi_error err = mgi_dataset_load(dir, diag, &ds);
    if (err == MGI_OK)
        err = mgi_method_load(path, diag, &method);
    if (err == MGI_OK)
        err = mgi_assess_dataset(ds, &method, &a);
    if (err != MGI_OK) {
        fail("loading failed: %s%s%s", mgi_strerror(err), "", "");
        for (size_t i = 0; i < mgi_diag_size(diag); i++)
            printf("  %s:%u:%u: %s\n", mgi_diag_get(diag, i)->file, mgi_diag_get(diag, i)->line,
                   mgi_diag_get(diag, i)->col, mgi_diag_get(diag, i)->message);
    } else {
        char *csv = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&csv, &len);
        mgi_assess_write_csv(a, f, NULL, 0, 0);
        fclose(f);
        check_expectations(s, a, csv);
        free(csv);
    }
    mgi_assess_free(a);
    mgi_dataset_free(ds);
    mgi_diag_free(diag);
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    if (system(path) != 0)
        printf("cannot remove %s\n", dir);
}

/* The one-line excerpts of findings shown beside another commune's gap. */
static void excerpt_checks(void)
{
    static const struct {
        const char *finding;
        size_t max;
        const char *want;
    } cases[] = {
        {"The **municipal** office opened in 2015. It has three staff.", 80,
         "The municipal office opened in 2015."},
        {"See [the plan](https://example.org/plan). More.", 80, "See the plan."},
        {"_Escuela_ Somos Todos teaches Spanish to newcomers", 30,
         "Escuela Somos Todos teaches\xE2\x80\xA6"},
        /* cut at the end of a clause when that keeps half the room, not mid-clause */
        {"Oficina de migración, con atención en creole y español", 28,
         "Oficina de migración\xE2\x80\xA6"},
        {"The office, opened in 2015 with three staff members who speak Creole", 40,
         "The office, opened in 2015 with three\xE2\x80\xA6"},
        {"Supercalifragilisticexpialidocious", 10, "Supercali\xE2\x80\xA6"},
        {"snake_case_name stays", 80, "snake_case_name stays"},
        {"", 80, ""},
        /* a word that ends at the limit leaves no room for the ellipsis: break before it;
         * and not after "of the", which would leave the reader hanging */
        {"the work of the different departments", 25, "the work\xE2\x80\xA6"},
        {"The municipality helps migrants apply for housing through the municipality on its "
         "website",
         70, "The municipality helps migrants apply for housing\xE2\x80\xA6"},
        {"El municipio abrió una oficina para la atención de los migrantes recién llegados", 58,
         "El municipio abrió una oficina para la atención\xE2\x80\xA6"},
    };
    snprintf(case_name, sizeof case_name, "excerpts");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[256];
        check_exact(cases[i].finding, cases[i].want,
                    mgi_practice_excerpt(cases[i].finding, cases[i].max, buf, sizeof buf));
    }
}

int main(int argc, char **argv)
{
    int cases = 0;
    excerpt_checks();
    for (int k = 1; k < argc; k++) {
        FILE *in = fopen(argv[k], "r");
        if (!in) {
            perror(argv[k]);
            return 2;
        }
        static spec s;
        char line[1024];
        int section = 0; /* 1 answers, 2 expect */
        int have = 0;
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
            if (strncmp(line, "method:", 7) == 0) {
                snprintf(s.method, sizeof s.method, "%s", line + 7);
            } else if (strncmp(line, "indicators:", 11) == 0) {
                int n = tokens(line + 11, tok);
                for (int i = 0; i < n && s.n < MAXIND; i++) {
                    char *t = tok[i];
                    s.weight[s.n] = 1;
                    snprintf(s.area[s.n], sizeof s.area[0], "A");
                    char *pct = strchr(t, '%');
                    if (pct) {
                        snprintf(s.seal[s.n], sizeof s.seal[0], "%s", pct + 1);
                        *pct = '\0';
                    }
                    char *bang = strchr(t, '!');
                    if (bang) {
                        s.covid[s.n] = 1;
                        *bang = '\0';
                    }
                    char *star = strchr(t, '*');
                    if (star) {
                        s.weight[s.n] = strtod(star + 1, NULL);
                        *star = '\0';
                    }
                    char *at = strchr(t, '@');
                    if (at) {
                        snprintf(s.area[s.n], sizeof s.area[0], "%s", at + 1);
                        *at = '\0';
                    }
                    snprintf(s.ids[s.n++], sizeof s.ids[0], "%s", t);
                }
            } else if (strncmp(line, "communes:", 9) == 0) {
                int n = tokens(line + 9, tok);
                for (int i = 0; i + 2 < n && s.ncommunes < 64; i += 3, s.ncommunes++)
                    for (int k = 0; k < 3; k++)
                        snprintf(s.commune[s.ncommunes][k], sizeof s.commune[0][0], "%s",
                                 tok[i + k]);
            } else if (strncmp(line, "answers:", 8) == 0) {
                section = 1;
            } else if (strncmp(line, "expect:", 7) == 0) {
                section = 2;
            } else if (section == 1 && s.rows < 64) {
                int n = tokens(line, tok);
                for (int i = 0; i < n && i < MAXIND + 2; i++)
                    snprintf(s.answers[s.rows][i], sizeof s.answers[0][0], "%s", tok[i]);
                s.nanswers[s.rows++] = n;
            } else if (section == 2 && s.nexpect < 128) {
                snprintf(s.expect[s.nexpect++], sizeof s.expect[0], "%s", line);
            }
        }
        fclose(in);
    }
    printf("%d cases, %d checks, %d failed\n", cases, checks, failures);
    return failures != 0;
}
