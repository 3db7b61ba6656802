/* test_seal.c — dates and the Migrant Seal's revalidation calendar against tests/seal/calendar.txt.
 */
#include <stdio.h>
#include <string.h>

#include "mgi/date.h"
#include "mgi/seal.h"

static int checks, failures;

static void expect(int line, const char *what, const char *want, const char *got)
{
    checks++;
    if (strcmp(want, got) != 0) {
        failures++;
        printf("FAIL: line %d: %s: expected %s, got %s\n", line, what, want, got);
    }
}

static mgi_date date_or_none(const char *s, int line)
{
    mgi_date d = MGI_NODATE;
    if (strcmp(s, "-") != 0 && !mgi_date_parse(s, &d)) {
        failures++;
        printf("FAIL: line %d: cannot parse %s\n", line, s);
    }
    return d;
}

static void dates(void)
{
    static const char *const bad[] = {"2023-02-29", "2022-13-01", "2022-00-10", "2022-04-31",
                                      "22-04-01",   "2022-4-01",  "2022/04/01", "1899-12-31",
                                      "",           "2022-04-01x"};
    mgi_date d;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        checks++;
        if (mgi_date_parse(bad[i], &d)) {
            failures++;
            printf("FAIL: \"%s\" parsed as a date\n", bad[i]);
        }
    }
    static const struct {
        const char *from;
        int months;
        const char *want;
    } add[] = {{"1970-01-01", 0, "1970-01-01"},  {"2000-02-29", 12, "2001-02-28"},
               {"2000-02-29", 48, "2004-02-29"}, {"2100-01-31", 1, "2100-02-28"},
               {"2024-03-31", -1, "2024-02-29"}, {"2024-01-15", -13, "2022-12-15"},
               {"1969-12-31", 1, "1970-01-31"}};
    for (size_t i = 0; i < sizeof add / sizeof add[0]; i++) {
        char buf[16], what[64];
        if (!mgi_date_parse(add[i].from, &d)) {
            failures++;
            printf("FAIL: cannot parse %s\n", add[i].from);
            continue;
        }
        snprintf(what, sizeof what, "%s %+d months", add[i].from, add[i].months);
        expect(0, what, add[i].want,
               mgi_date_format(mgi_date_add_months(d, add[i].months), buf, sizeof buf));
    }
    char buf[16];
    mgi_date_parse("1970-01-02", &d);
    expect(0, "1970-01-02 as a day number", "1", (snprintf(buf, sizeof buf, "%ld", d), buf));
    expect(0, "SOURCE_DATE_EPOCH 1700000000", "2023-11-14",
           mgi_date_format(mgi_date_from_time(1700000000), buf, sizeof buf));
}

int main(int argc, char **argv)
{
    dates();
    FILE *f = argc > 1 ? fopen(argv[1], "r") : NULL;
    if (!f) {
        perror(argc > 1 ? argv[1] : "usage: test_seal calendar.txt");
        return 2;
    }
    char line[512];
    int n = 0, rows = 0;
    while (fgets(line, sizeof line, f)) {
        n++;
        char st[32], since[16], review[16], asof[16], due[16], over[8], soon[8];
        if (line[0] == '#' || sscanf(line, "%31s %15s %15s %15s %15s %7s %7s", st, since, review,
                                     asof, due, over, soon) != 7)
            continue;
        rows++;
        mgi_commune cm = {0};
        cm.seal = MGI_SEAL_UNKNOWN;
        for (int k = 1; k < MGI_SEAL_NSTATUS; k++)
            if (strcmp(st, mgi_seal_status_key((mgi_seal_status)k)) == 0)
                cm.seal = (mgi_seal_status)k;
        cm.seal_since = date_or_none(since, n);
        cm.seal_last_review = date_or_none(review, n);
        mgi_date d;
        bool is_over, is_soon;
        mgi_seal_calendar(&cm, date_or_none(asof, n), &d, &is_over, &is_soon);
        char buf[16];
        expect(n, "due", strcmp(due, "-") == 0 ? "" : due, mgi_date_format(d, buf, sizeof buf));
        expect(n, "overdue", over, is_over ? "yes" : "no");
        expect(n, "soon", soon, is_soon ? "yes" : "no");
    }
    fclose(f);
    printf("%d calendar rows, %d checks, %d failed\n", rows, checks, failures);
    return failures != 0 || rows == 0;
}
