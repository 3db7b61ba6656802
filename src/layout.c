/* layout.c — layouts/profile.ini: page, fonts, sizes, colours, section order. */
#include "mgi/layout.h"

#include "mgi/dataset.h"
#include "mgi/inipos.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const section_names[MGI_NSECTIONS] = {
    "objectives", "introduction", "context", "findings",     "change",
    "seal",       "covid",        "sources", "consultation", "annexes"};

const char *mgi_section_name(mgi_section s)
{
    return (unsigned)s < MGI_NSECTIONS ? section_names[s] : "";
}

void mgi_layout_default(mgi_layout *l)
{
    memset(l, 0, sizeof *l);
    l->page_width = 595.276;
    l->page_height = 841.89;
    l->margin_top = 72;
    l->margin_bottom = 68;
    l->margin_left = 88;
    l->margin_right = 88;
    snprintf(l->font[MGI_FONT_REGULAR], sizeof l->font[0], "NotoSans-Regular-Latin.ttf");
    snprintf(l->font[MGI_FONT_BOLD], sizeof l->font[0], "NotoSans-Bold-Latin.ttf");
    snprintf(l->font[MGI_FONT_ITALIC], sizeof l->font[0], "NotoSans-Italic-Latin.ttf");
    l->size = 10;
    l->leading = 14.4;
    l->paragraph_space = 6;
    l->heading[0] = 22;
    l->heading[1] = 13.5;
    l->heading[2] = 10.5;
    l->small = 8;
    l->hyphenate = true;
    snprintf(l->hyphen[0], sizeof l->hyphen[0], "/usr/share/hyphen/hyph_en_GB.dic");
    snprintf(l->hyphen[1], sizeof l->hyphen[1], "/usr/share/hyphen/hyph_es_CL.dic");
    l->text = 0x1F2328;
    l->accent = 0x0A3A7E;
    l->muted = 0x5F6B76;
    l->rule = 0xC9D1D9;
    for (int i = 0; i < MGI_NSECTIONS; i++)
        l->order[i] = (mgi_section)i;
    l->nsections = MGI_NSECTIONS;
}

typedef struct state {
    mgi_ini_pos pos; /* the line inih is working on */
    const char *path;
    mgi_diag *diag;
    mgi_layout *l;
    int errors;
} state;

static void bad(state *st, const char *fmt, const char *a, const char *b)
{
    char msg[512];
    snprintf(msg, sizeof msg, fmt, a, b);
    mgi_diag_add(st->diag, MGI_ERROR, st->path, st->pos.line, 1, "%s", msg);
    st->errors++;
}

static bool number(state *st, const char *name, const char *v, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    while (isspace((unsigned char)*end))
        end++;
    if (end == v || *end || errno || !isfinite(x) || x < lo || x > hi) {
        char range[64];
        snprintf(range, sizeof range, "%g to %g", lo, hi);
        bad(st, "%s must be a number from %s", name, range);
        return false;
    }
    *out = x;
    return true;
}

static bool colour(state *st, const char *name, const char *v, unsigned *out)
{
    unsigned x;
    if (strlen(v) != 7 || v[0] != '#' || strspn(v + 1, "0123456789abcdefABCDEF") != 6 ||
        sscanf(v + 1, "%x", &x) != 1) {
        bad(st, "%s must be a colour #RRGGBB, not \"%s\"", name, v);
        return false;
    }
    *out = x;
    return true;
}

/* [page]: size and margins. Returns false when name is not one of its settings. */
static bool page_value(state *st, mgi_layout *l, const char *name, const char *v)
{
    if (strcmp(name, "size") == 0) {
        if (strcasecmp(v, "A4") == 0)
            l->page_width = 595.276, l->page_height = 841.89;
        else if (strcasecmp(v, "Letter") == 0)
            l->page_width = 612, l->page_height = 792;
        else
            bad(st, "page size must be A4 or Letter, not \"%s\"%s", v, "");
        return true;
    }
    static const char *const margins[] = {"margin_top", "margin_bottom", "margin_left",
                                          "margin_right"};
    double *slots[] = {&l->margin_top, &l->margin_bottom, &l->margin_left, &l->margin_right};
    for (int i = 0; i < 4; i++)
        if (strcmp(name, margins[i]) == 0) {
            number(st, name, v, 18, 200, slots[i]);
            return true;
        }
    return false;
}

/* [fonts]: the font files. Returns false when name is not one of its settings. */
static bool fonts_value(state *st, mgi_layout *l, const char *name, const char *v)
{
    static const char *const keys[MGI_NFONTS] = {"regular", "bold", "italic"};
    for (int i = 0; i < MGI_NFONTS; i++)
        if (strcmp(name, keys[i]) == 0) {
            if (!*v || strchr(v, '/') || strlen(v) >= sizeof l->font[i])
                bad(st, "%s must be a file name in fonts/, not \"%s\"", name, v);
            else
                snprintf(l->font[i], sizeof l->font[i], "%s", v);
            return true;
        }
    return false;
}

/* [text]: sizes, hyphenation, figure descriptions. Returns false when name is not one of its
 * settings. */
static bool text_value(state *st, mgi_layout *l, const char *name, const char *v)
{
    struct {
        const char *key;
        double *slot, lo, hi;
    } nums[] = {{"size", &l->size, 6, 20},
                {"leading", &l->leading, 6, 40},
                {"paragraph_space", &l->paragraph_space, 0, 40},
                {"heading1", &l->heading[0], 8, 60},
                {"heading2", &l->heading[1], 8, 40},
                {"heading3", &l->heading[2], 6, 30},
                {"small", &l->small, 5, 14}};
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
        if (strcmp(name, nums[i].key) == 0) {
            number(st, name, v, nums[i].lo, nums[i].hi, nums[i].slot);
            return true;
        }
    if (strcmp(name, "hyphenate") == 0 || strcmp(name, "describe_figures") == 0) {
        bool *slot = name[0] == 'h' ? &l->hyphenate : &l->describe_figures;
        if (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0)
            *slot = strcmp(v, "yes") == 0;
        else
            bad(st, "%s must be yes or no, not \"%s\"", name, v);
        return true;
    }
    if (strcmp(name, "hyphen_en") == 0 || strcmp(name, "hyphen_es") == 0) {
        /* "hyphen_en" or "hyphen_es": the language is the last letter (name[7]
         * is the 'e' of both, which gave English the Spanish patterns) */
        int lang = strcmp(name, "hyphen_es") == 0 ? MGI_LANG_ES : MGI_LANG_EN;
        snprintf(l->hyphen[lang], sizeof l->hyphen[0], "%s", v);
        return true;
    }
    return false;
}

/* [colours]. Returns false when name is not one of its settings. */
static bool colours_value(state *st, mgi_layout *l, const char *name, const char *v)
{
    static const char *const keys[] = {"text", "accent", "muted", "rule"};
    unsigned *slots[] = {&l->text, &l->accent, &l->muted, &l->rule};
    for (int i = 0; i < 4; i++)
        if (strcmp(name, keys[i]) == 0) {
            colour(st, name, v, slots[i]);
            return true;
        }
    return false;
}

/* [publication]: the imprint. Returns false when name is not one of its settings. */
static bool publication_value(state *st, mgi_layout *l, const char *name, const char *v)
{
    mgi_publication *pb = &l->publication;
    struct {
        const char *key;
        char *slot;
        size_t size;
    } keys[] = {{"publisher", pb->publisher[0], sizeof pb->publisher[0]},
                {"publisher_es", pb->publisher[1], sizeof pb->publisher[1]},
                {"place", pb->place, sizeof pb->place},
                {"url", pb->url, sizeof pb->url},
                {"licence", pb->licence, sizeof pb->licence},
                {"licence_url", pb->licence_url, sizeof pb->licence_url},
                {"isbn", pb->isbn, sizeof pb->isbn}};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(name, keys[i].key) == 0) {
            if (strlen(v) >= keys[i].size)
                bad(st, "%s is too long (%s)", name, "at most 127 bytes for place and licence");
            else
                snprintf(keys[i].slot, keys[i].size, "%s", v);
            return true;
        }
    return false;
}

/* [sections] order: the chapters, in order, each once. */
static bool sections_value(state *st, mgi_layout *l, const char *name, const char *v)
{
    if (strcmp(name, "order") != 0)
        return false;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", v);
    int n = 0;
    bool seen[MGI_NSECTIONS] = {false};
    for (char *t = strtok(buf, ", \t"); t; t = strtok(NULL, ", \t")) {
        int k = 0;
        while (k < MGI_NSECTIONS && strcmp(section_names[k], t) != 0)
            k++;
        if (k == MGI_NSECTIONS) {
            bad(st, "unknown section \"%s\" in order (%s)", t,
                "objectives, introduction, context, findings, change, seal, covid, sources, "
                "consultation, annexes");
            return true;
        }
        if (seen[k]) {
            bad(st, "section \"%s\" listed twice in order%s", t, "");
            return true;
        }
        seen[k] = true;
        l->order[n++] = (mgi_section)k;
    }
    l->nsections = n;
    return true;
}

static int on_value(void *user, const char *section, const char *name, const char *v)
{
    static const struct {
        const char *name;
        bool (*value)(state *st, mgi_layout *l, const char *name, const char *v);
    } sections[] = {{"page", page_value},
                    {"fonts", fonts_value},
                    {"text", text_value},
                    {"colours", colours_value},
                    {"publication", publication_value},
                    {"sections", sections_value}};
    state *st = user;
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
        if (strcmp(section, sections[i].name) == 0 && sections[i].value(st, st->l, name, v))
            return true;
    char what[300];
    snprintf(what, sizeof what, "[%s] %s", section, name);
    bad(st, "unknown setting %s%s", what, "");
    return true;
}

mgi_error mgi_layout_load(const char *path, mgi_diag *diag, mgi_layout *layout)
{
    mgi_layout_default(layout);
    state st = {.path = path, .diag = diag, .l = layout};
    st.pos.f = fopen(path, "r");
    if (!st.pos.f) {
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "%s", strerror(errno));
        return errno == ENOENT ? MGI_ERR_NOINPUT : MGI_ERR_IO;
    }
    int line = ini_parse_stream(mgi_ini_read_line, &st.pos, on_value, &st);
    fclose(st.pos.f);
    if (line > 0) {
        mgi_diag_add(diag, MGI_ERROR, path, (unsigned)line, 1,
                     "not a [section] or a name = value line");
        st.errors++;
    }
    if (!st.errors && layout->leading < layout->size) {
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "[text] leading is smaller than size");
        st.errors++;
    }
    if (!st.errors && layout->page_width - layout->margin_left - layout->margin_right < 200) {
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "the margins leave less than 200 pt of text");
        st.errors++;
    }
    return st.errors ? MGI_ERR_DATA : MGI_OK;
}
