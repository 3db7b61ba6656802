/* strings.c — layouts/strings.ini: the words of every output, checked when loaded. */
#include "mgi/strings.h"

#include <errno.h>
#include <ctype.h>
#include <stdbool.h>
#include <sys/types.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/arena.h"
#include "mgi/dataset.h"
#include "mgi/strmap.h"
#include "mgi/utf8.h"

const char *mgi_lang_code(int lang)
{
    static const char *const codes[MGI_NLANGS] = {"en", "es"};
    return lang >= 0 && lang < MGI_NLANGS ? codes[lang] : "?";
}

/* The keys mgi prints. Adding a printed word means adding its key here. The list is
 * packed by hand: clang-format would give each key a line of its own. */
/* clang-format off */
static const char *const required[] = {
    "title", "profile", "percent", "level.1", "level.2", "level.3", "level.4", "insufficient",
    "answer.yes", "answer.partial", "answer.no", "answer.na", "change.improved",
    "change.unchanged", "change.regressed", "change.new", "overall", "decimal", "chart.median",
    "chart.levels", "chart.score", "chart.insufficient_note", "alt.insufficient", "alt.see_table",
    "chart.trend_title", "chart.heatmap_title", "chart.wheel_title", "chart.domains_title",
    "chart.area_title", "cover.kicker", "cover.local", "cover.commune", "imprint.publisher",
    "imprint.municipality", "imprint.authors", "imprint.disclaimer", "imprint.citation",
    "imprint.rights", "imprint.licence", "imprint.date", "back.text", "date.words", "month.1",
    "month.2", "month.3", "month.4", "month.5", "month.6", "month.7", "month.8", "month.9",
    "month.10", "month.11", "month.12", "running.header", "running.footer", "page", "toc.title",
    "toc.missing", "toc.missing_and", "section.objectives", "section.introduction",
    "section.context", "section.findings", "section.change", "section.covid", "section.sources",
    "section.annexes", "objectives.1", "objectives.2", "objectives.3", "objectives.note",
    "intro.mgi.heading", "intro.mgi.1", "intro.mgi.2", "intro.attributes", "intro.attr.1",
    "intro.attr.2", "intro.attr.3", "intro.local.heading", "intro.local.1", "intro.local.2",
    "intro.local.3", "intro.commune.heading", "intro.commune.1", "intro.commune.2",
    "context.figures", "context.population", "context.foreign", "context.share", "context.stats",
    "findings.intro", "findings.overview", "findings.score", "findings.level", "findings.coverage",
    "findings.coverage_value", "findings.rank", "findings.well", "findings.gaps",
    "findings.none_well", "findings.none_gaps", "findings.insufficient", "findings.no_finding",
    "change.intro", "change.from_to", "change.heading.improved", "change.heading.regressed",
    "change.heading.new", "change.none", "covid.intro", "covid.questions", "sources.intro",
    "sources.findings", "annex.migof.heading", "annex.migof.1", "annex.migof.2",
    "annex.migof.principles", "annex.migof.p1", "annex.migof.p2", "annex.migof.p3",
    "annex.migof.objectives", "annex.migof.o1", "annex.migof.o2", "annex.migof.o3",
    "annex.migof.3", "annex.process.heading", "annex.process.1.title", "annex.process.1",
    "annex.process.2.title", "annex.process.2", "annex.process.3.title", "annex.process.3",
    "annex.process.4.title", "annex.process.4", "xlsx.indicators", "xlsx.domains", "xlsx.trend",
    "xlsx.about", "xlsx.communes", "xlsx.id", "xlsx.domain", "xlsx.area", "xlsx.question",
    "xlsx.answer", "xlsx.score", "xlsx.weight", "xlsx.covid", "xlsx.finding", "xlsx.source",
    "xlsx.weighted", "xlsx.answered", "xlsx.coverage", "xlsx.level", "xlsx.insufficient",
    "xlsx.rank", "xlsx.median", "xlsx.change", "xlsx.change_short", "xlsx.year", "xlsx.code",
    "xlsx.commune", "xlsx.region", "xlsx.country", "xlsx.population", "xlsx.foreign", "xlsx.stats",
    "xlsx.generated", "xlsx.method", "xlsx.value_yes", "xlsx.value_partial", "xlsx.value_no",
    "xlsx.threshold", "xlsx.cuts", "xlsx.note_formulas", "xlsx.note_answers", "xlsx.overall",
    "xlsx.sources", "draft.watermark", "draft.footer", "draft.note", "section.consultation",
    "consultation.intro", "consultation.answer", "consultation.finding", "consultation.by",
    "dash.title", "dash.intro", "dash.search", "dash.region", "dash.all", "dash.domain",
    "dash.level", "dash.any", "dash.commune", "dash.rank", "dash.links", "dash.profile",
    "dash.annex", "dash.compare", "dash.with", "dash.none", "dash.print", "dash.language",
    "dash.shown", "dash.title_latest", "dash.intro2", "dash.view", "dash.latest", "dash.year_only",
    "dash.compare_a", "dash.compare_b", "dash.filters", "dash.downloads", "dash.comparison_pdf",
    "dash.comparison_xlsx", "dash.practices_xlsx", "dash.print_practices", "dash.domain_note",
    "dash.due_key",
    "dash.select", "dash.wheel_label", "dash.no_ranges", "chart.heatmap_title_latest",
    "view.latest", "view.year", "view.no_ranges", "view.year_col", "view.ranks_note",
    "xlsx.previous_year", "xlsx.cmp_note", "xlsx.page_of", "cmp.title", "cmp.subtitle",
    "cmp.footer", "cmp.intro", "cmp.heatmap", "cmp.heatmap_note", "cmp.ranks", "cmp.ranks_note",
    "cmp.stats", "cmp.stats_note", "cmp.wheels", "cmp.wheels_note", "cmp.changes", "cmp.changes_note",
    "cmp.no_changes", "cmp.method", "cmp.method.1", "cmp.method.2", "cmp.method.3", "cmp.col.rank",
    "cmp.col.commune", "cmp.col.region", "cmp.col.coverage", "cmp.col.level", "cmp.col.domain",
    "cmp.col.n", "cmp.col.min", "cmp.col.q1", "cmp.col.median", "cmp.col.q3", "cmp.col.max",
    "cmp.col.previous", "init.readme.title", "init.readme.1", "init.readme.2", "init.readme.3",
    "init.readme.4", "init.readme.5", "init.readme.6", "template.entry", "template.commune",
    "template.help", "template.help.1", "template.help.2", "template.help.3", "template.help.4",
    "template.help.5", "practice.label", "practice.peer", "practice.and",
    "practice.no_finding_many", "practice.no_finding", "practice.intro", "gaps.title",
    "gaps.intro", "gaps.none", "gaps.col.indicator", "gaps.col.no", "gaps.col.partial",
    "gaps.col.answered", "gaps.col.improved", "gaps.improved_value", "practices.title",
    "practices.subtitle", "practices.sheet", "practices.gaps_sheet", "practices.col.domain",
    "practices.col.indicator", "practices.col.question", "practices.col.commune",
    "practices.col.region", "practices.col.year", "practices.col.finding", "practices.col.source",
    "practices.col.profile", "practices.search", "practices.indicator", "practices.shown",
    "seal.title", "seal.intro", "seal.status", "seal.status.unknown", "seal.status.none",
    "seal.status.candidate", "seal.status.granted", "seal.status.revalidated",
    "seal.status.lapsed", "seal.since", "seal.last_review", "seal.due", "seal.overdue",
    "seal.soon", "seal.as_of", "seal.readiness", "seal.readiness_note", "seal.dim.institutions",
    "seal.dim.training", "seal.dim.policies", "seal.dim.regular_status", "seal.dim.associativity",
    "seal.supports", "seal.blocks", "seal.none_mapped", "seal.col.status", "seal.col.due",
    "seal.cmp_intro", "seal.filter", "seal.due_filter", "gcm.obj.1", "gcm.obj.2", "gcm.obj.3",
    "gcm.obj.4", "gcm.obj.5", "gcm.obj.6", "gcm.obj.7", "gcm.obj.8", "gcm.obj.9", "gcm.obj.10",
    "gcm.obj.11", "gcm.obj.12", "gcm.obj.13", "gcm.obj.14", "gcm.obj.15", "gcm.obj.16",
    "gcm.obj.17", "gcm.obj.18", "gcm.obj.19", "gcm.obj.20", "gcm.obj.21", "gcm.obj.22",
    "gcm.obj.23", "gcm.principle.1", "gcm.principle.2", "gcm.principle.3", "gcm.principle.4",
    "gcm.principle.5", "gcm.principle.6", "gcm.principle.7", "gcm.principle.8", "gcm.principle.9",
    "gcm.principle.10", "gcm.why.rights", "gcm.why.wga", "gcm.why.partnerships",
    "gcm.why.wellbeing", "gcm.why.crises", "gcm.why.safe", "gcm.why.other", "gcm.objective",
    "gcm.target", "gcm.goal", "sdg.goal.1", "sdg.goal.2", "sdg.goal.3", "sdg.goal.4", "sdg.goal.5",
    "sdg.goal.6", "sdg.goal.7", "sdg.goal.8", "sdg.goal.9", "sdg.goal.10", "sdg.goal.11",
    "sdg.goal.12", "sdg.goal.13", "sdg.goal.14", "sdg.goal.15", "sdg.goal.16", "sdg.goal.17",
    "sheet.title", "sheet.kicker", "sheet.prepared", "sheet.blank", "sheet.confirm", "sheet.name",
    "sheet.h.title", "sheet.h.location", "sheet.country", "sheet.region", "sheet.commune",
    "sheet.h.dates", "sheet.start", "sheet.end", "sheet.in_place", "sheet.in_place_since",
    "sheet.h.type", "sheet.type_hint", "sheet.h.gcm", "sheet.gcm_none", "sheet.h.principles",
    "sheet.principles_note", "sheet.h.sdg", "sheet.sdg_none", "sheet.h.summary", "sheet.question",
    "sheet.other_lang", "sheet.no_finding", "sheet.h.organisation", "sheet.main_org",
    "sheet.org_from_source", "sheet.partners", "sheet.h.benefit", "sheet.h.lessons",
    "sheet.h.recommendations", "sheet.h.innovation", "sheet.h.evidence", "sheet.evidence_note",
    "sheet.no_source", "sheet.submitted", "sheet.disclaimer", "sheet.footer",
    "practices.sheet_link", "gcm.sheet", "gcm.title", "gcm.intro", "gcm.objectives", "gcm.targets",
    "gcm.cmp_intro", "sdg.sheet", "gcm.col.objective", "sdg.col.target", "gcm.col.indicators",
    "gcm.cmp_note", "xlsx.rank_median", "xlsx.rank_lo", "xlsx.rank_hi", "unc.sheet",
    "unc.col.ranking", "unc.col.ranked", "unc.col.top", "unc.col.bottom", "unc.col.first",
    "unc.col.total", "unc.all", "unc.sheet_note", "unc.input.weights", "unc.input.partial",
    "unc.input.threshold", "unc.input.cuts", "unc.input.na", "unc.input.aggregation", "unc.title",
    "unc.intro", "unc.chart_note", "unc.chart_title", "unc.axis", "unc.legend.nominal",
    "unc.legend.band", "unc.rarely_short", "unc.rarely", "unc.drivers", "unc.drivers_note",
    "unc.col.choice", "unc.col.alone", "unc.col.with", "unc.col.reading", "unc.reading.none",
    "unc.reading.small", "unc.reading.some", "unc.reading.main", "unc.reading.cuts",
    "unc.reading.off", "unc.still", "unc.rank_range", "unc.ranks_note", "unc.rank_line",
    "unc.rank_same", "unc.peer_line", "unc.peer.above", "unc.peer.within", "unc.peer.below",
    "unc.levels", "unc.cmp_intro", "unc.heatmap_note", "unc.levels_note", "unc.rank_wide",
    "unc.rank_rarely",
};
/* clang-format on */
enum { NREQUIRED = sizeof required / sizeof required[0] };

struct mgi_strings {
    mgi_arena *arena;
    mgi_strmap *map[MGI_NLANGS]; /* key → index into value[lang] */
    const char **value[MGI_NLANGS];
    size_t n[MGI_NLANGS], cap[MGI_NLANGS];
};

typedef struct state {
    mgi_strings *s;
    const char *path;
    mgi_diag *diag;
    unsigned line;
    int errors, nomem;
} state;

static int on_value(state *st, const char *section, const char *name, const char *value)
{
    mgi_strings *s = st->s;
    int lang = strcmp(section, "en") == 0   ? MGI_LANG_EN
               : strcmp(section, "es") == 0 ? MGI_LANG_ES
                                            : -1;
    if (lang < 0) {
        mgi_diag_add(st->diag, MGI_ERROR, st->path, st->line, 1,
                     "section [%s] is not a language: use [en] or [es]", section);
        st->errors++;
        return 1;
    }
    char *key = mgi_arena_strdup(s->arena, name);
    char *val = mgi_arena_strdup(s->arena, value);
    if (!key || !val) {
        st->nomem = 1;
        return 0;
    }
    size_t i;
    if (mgi_strmap_get(s->map[lang], key, &i)) {
        s->value[lang][i] = val; /* the last one wins, like in every ini reader */
        return 1;
    }
    if (s->n[lang] == s->cap[lang]) {
        size_t cap = s->cap[lang] ? 2 * s->cap[lang] : 64;
        const char **v = realloc(s->value[lang], cap * sizeof *v);
        if (!v) {
            st->nomem = 1;
            return 0;
        }
        s->value[lang] = v;
        s->cap[lang] = cap;
    }
    if (mgi_strmap_put(s->map[lang], key, s->n[lang], NULL) < 0) {
        st->nomem = 1;
        return 0;
    }
    s->value[lang][s->n[lang]++] = val;
    bool known = false;
    for (size_t k = 0; k < NREQUIRED && !known; k++)
        known = strcmp(required[k], key) == 0;
    if (!known)
        mgi_diag_add(st->diag, MGI_WARNING, st->path, st->line, 1,
                     "\"%s\" is not a word mgi prints (ignored)", key);
    return 1;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

/* strings.ini is read line by line here rather than with inih: Debian builds
 * inih with INI_MAX_LINE 200, and paragraphs are longer than that. The
 * format is the same subset: [section], key = value, ';' or '#' comments on
 * their own lines (a ';' inside a value is text). */
static void parse(state *st, FILE *f)
{
    char *line = NULL, section[64] = "";
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) >= 0 && !st->nomem) {
        st->line++;
        char *t = line;
        if (st->line == 1 && strncmp(t, "\xEF\xBB\xBF", 3) == 0)
            t += 3;
        t = trim(t);
        if (!*t || *t == ';' || *t == '#')
            continue;
        if (*t == '[') {
            char *close = strchr(t, ']');
            if (!close || close[1] != '\0' || close - t - 1 >= (long)sizeof section) {
                mgi_diag_add(st->diag, MGI_ERROR, st->path, st->line, 1, "malformed [section]");
                st->errors++;
                continue;
            }
            snprintf(section, sizeof section, "%.*s", (int)(close - t - 1), t + 1);
            continue;
        }
        char *eq = strchr(t, '=');
        if (!eq || eq == t) {
            mgi_diag_add(st->diag, MGI_ERROR, st->path, st->line, 1,
                         "not a [section] or a key = value line");
            st->errors++;
            continue;
        }
        *eq = '\0';
        if (!*section) {
            mgi_diag_add(st->diag, MGI_ERROR, st->path, st->line, 1,
                         "a value before any [en] or [es] section");
            st->errors++;
            continue;
        }
        size_t bad;
        char *value = trim(eq + 1);
        if (mgi_utf8_check(value, strlen(value), &bad) != MGI_UTF8_OK) {
            mgi_diag_add(st->diag, MGI_ERROR, st->path, st->line, 1, "not UTF-8");
            st->errors++;
            continue;
        }
        on_value(st, section, trim(t), value);
    }
    free(line);
}

mgi_error mgi_strings_load(const char *path, mgi_diag *diag, mgi_strings **out)
{
    *out = NULL;
    mgi_error err = MGI_OK;
    mgi_strings *s = calloc(1, sizeof *s);
    if (!s || !(s->arena = mgi_arena_new()) || !(s->map[0] = mgi_strmap_new(64)) ||
        !(s->map[1] = mgi_strmap_new(64))) {
        mgi_strings_free(s);
        return MGI_ERR_NOMEM;
    }
    state st = {.s = s, .path = path, .diag = diag};
    FILE *f = fopen(path, "r");
    if (!f) {
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "%s", strerror(errno));
        err = errno == ENOENT ? MGI_ERR_NOINPUT : MGI_ERR_IO;
        goto cleanup;
    }
    parse(&st, f);
    fclose(f);
    if (st.nomem) {
        err = MGI_ERR_NOMEM;
        goto cleanup;
    }
    for (int lang = 0; lang < MGI_NLANGS; lang++)
        for (size_t k = 0; k < NREQUIRED; k++)
            if (!mgi_strmap_get(s->map[lang], required[k], NULL)) {
                mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "missing \"%s\" in [%s]", required[k],
                             mgi_lang_code(lang));
                st.errors++;
            }
    if (st.errors)
        err = MGI_ERR_DATA;
cleanup:
    if (err != MGI_OK) {
        mgi_strings_free(s);
        return err;
    }
    *out = s;
    return MGI_OK;
}

void mgi_strings_free(mgi_strings *s)
{
    if (!s)
        return;
    for (int lang = 0; lang < MGI_NLANGS; lang++) {
        mgi_strmap_free(s->map[lang]);
        free(s->value[lang]);
    }
    mgi_arena_free(s->arena);
    free(s);
}

const char *mgi_strings_get(const mgi_strings *s, int lang, const char *key)
{
    size_t i;
    if (lang < 0 || lang >= MGI_NLANGS || !mgi_strmap_get(s->map[lang], key, &i))
        return key;
    return s->value[lang][i];
}

/* "{n:commune|communes}": the first form when variable n is 1, else the
 * second; NULL when p..end is not that. */
static const char *plural(const char *p, const char *end, const char *const *vars, size_t *len)
{
    const char *colon = memchr(p, ':', (size_t)(end - p));
    const char *bar = colon ? memchr(colon, '|', (size_t)(end - colon)) : NULL;
    if (!bar)
        return NULL;
    for (size_t i = 0; vars && vars[i]; i += 2)
        if (strlen(vars[i]) == (size_t)(colon - p) &&
            strncmp(vars[i], p, (size_t)(colon - p)) == 0) {
            bool one = strcmp(vars[i + 1], "1") == 0;
            *len = one ? (size_t)(bar - colon - 1) : (size_t)(end - bar - 1);
            return one ? colon + 1 : bar + 1;
        }
    return NULL;
}

char *mgi_strings_format(const mgi_strings *s, int lang, const char *key, char *buf, size_t size,
                         const char *const *vars)
{
    const char *t = mgi_strings_get(s, lang, key);
    size_t o = 0;
    while (*t && o + 1 < size) {
        if (*t == '{') {
            const char *end = strchr(t, '}');
            const char *val = NULL;
            for (size_t i = 0; end && vars && vars[i]; i += 2)
                if (strlen(vars[i]) == (size_t)(end - t - 1) &&
                    strncmp(vars[i], t + 1, (size_t)(end - t - 1)) == 0)
                    val = vars[i + 1];
            if (val) {
                while (*val && o + 1 < size)
                    buf[o++] = *val++;
                t = end + 1;
                continue;
            }
            size_t form_len;
            const char *form = end ? plural(t + 1, end, vars, &form_len) : NULL;
            if (form) {
                for (size_t k = 0; k < form_len && o + 1 < size; k++)
                    buf[o++] = form[k];
                t = end + 1;
                continue;
            }
        }
        buf[o++] = *t++;
    }
    buf[o] = '\0';
    return buf;
}

char *mgi_strings_number(const mgi_strings *s, int lang, double x, char buf[32])
{
    if (isnan(x)) {
        snprintf(buf, 32, "–");
        return buf;
    }
    snprintf(buf, 32, "%.2f", x);
    const char *sep = mgi_strings_get(s, lang, "decimal");
    char *dot = strchr(buf, '.');
    if (dot && strcmp(sep, ".") != 0 && strlen(sep) == 1)
        *dot = sep[0];
    return buf;
}

char *mgi_strings_percent(const mgi_strings *s, int lang, double pct, int decimals, char buf[32])
{
    if (isnan(pct)) {
        snprintf(buf, 32, "–");
        return buf;
    }
    char num[32];
    snprintf(num, sizeof num, "%.*f", decimals < 0 ? 0 : decimals > 3 ? 3 : decimals, pct);
    const char *sep = mgi_strings_get(s, lang, "decimal");
    char *dot = strchr(num, '.');
    if (dot && strcmp(sep, ".") != 0 && strlen(sep) == 1)
        *dot = sep[0];
    const char *vars[] = {"n", num, NULL};
    return mgi_strings_format(s, lang, "percent", buf, 32, vars);
}
