/* dataset.h — the data directory in memory: catalogue, communes, answers, narratives. */
#ifndef MGI_DATASET_H
#define MGI_DATASET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mgi/date.h"
#include "mgi/diag.h"
#include "mgi/error.h"
#include "mgi/sealterms.h" /* mgi_seal_status, MGI_SEAL_NDIMS */
#include "mgi/strings.h"   /* MGI_LANG_* */

/*
 * mgi_dataset_load reads DATA/domains.csv, indicators.csv, communes.csv,
 * responses.csv and the Markdown files in DATA/profiles/<code>-<year>/ (see
 * README.md, "The data directory"), checks them, and returns one structure that owns all of its
 * memory (one arena, one mgi_dataset_free). It keeps responses.csv open: the
 * findings and sources stay in the file and are read back when printed
 * (mgi_response_text), so memory does not grow with them.
 *
 * Columns are found by header name; missing required columns are errors,
 * unknown columns warnings. Checks of meaning, each reported at the cell's
 * file:line:col: empty required cells; duplicate domain keys and numbers,
 * indicator ids, commune codes and commune×year×indicator rows (reported at
 * the second occurrence, naming the line of the first); unknown domain,
 * indicator or commune references; answers other than yes, partial, no, na
 * (case-insensitive, surrounding spaces ignored); weights that are not
 * positive numbers ("1.5" and "1,5" both read); years that are not four
 * digits; commune codes that are not safe as file names (only letters,
 * digits, '-' and '_'); malformed numbers and colours; indicators.csv's gcm
 * and sdg lists (gcm.h: an objective outside 1–23, a target the 2030 Agenda
 * does not have, an empty item, an item twice), each problem at its column
 * inside the cell. A commune×year that
 * lacks some indicators is a warning, and those indicators count as na.
 * DATA/changelog.csv, written by `mgi feedback apply`, is read when present
 * (when,reviewer,commune,year,indicator,field,old,new,comment).
 * References into a file that could not be read are not checked, so one
 * broken file does not cause a cascade of messages. The checks of single
 * cells, with their messages, are in cells.h; a row's messages come in a
 * fixed order (tests/dataset/cases.txt pins it).
 */

typedef enum mgi_answer {
    MGI_ANSWER_MISSING = 0, /* no row in responses.csv: counts as na */
    MGI_ANSWER_YES,
    MGI_ANSWER_PARTIAL,
    MGI_ANSWER_NO,
    MGI_ANSWER_NA,
} mgi_answer;

/* "yes", "partial", "no", "na" ("na" for MGI_ANSWER_MISSING too). */
const char *mgi_answer_name(mgi_answer answer);

/* Parses an answer (ASCII case-insensitive, surrounding white space ignored);
 * MGI_ANSWER_MISSING when s is none of the four words. */
mgi_answer mgi_answer_parse(const char *s);

typedef struct mgi_domain {
    const char *key; /* "rights", "wga", … */
    int number;      /* 1…6, the order of the profile */
    const char *name[MGI_NLANGS];
    const char *objective[MGI_NLANGS];   /* MiGOF principle or objective */
    const char *description[MGI_NLANGS]; /* "" when absent */
    unsigned colour;                     /* 0xRRGGBB */
    bool has_colour;
} mgi_domain;

enum { MGI_LABEL_MAX = 60 }; /* characters of an indicator's short label */

/* The Global Compact lens (gcm.h). An SDG target: goal << 8 | target, where
 * target is 1…19 for a numbered target and 'a'…'d' for a lettered one, so
 * that sorting the numbers sorts them as the 2030 Agenda lists them (10.1 …
 * 10.7, 10.a … 10.c). A set of GCM objectives: bit k for objective k (1…23). */
typedef uint16_t mgi_sdg;
typedef uint32_t mgi_gcm_set;
enum { MGI_SDG_MAX = 8 }; /* SDG targets in one indicator's cell */

typedef struct mgi_indicator {
    const char *id;               /* "MR-01" */
    size_t domain;                /* index into dataset->domains */
    const char *area[MGI_NLANGS]; /* sub-area; area[ES] falls back to area[EN] */
    const char *question[MGI_NLANGS];
    /* a short label (at most MGI_LABEL_MAX characters) for where space is
     * short: the seal page, tables, narrow columns; "" when indicators.csv has
     * none (mgi_indicator_label then gives the question) */
    const char *label[MGI_NLANGS];
    double weight;            /* > 0, default 1 */
    bool covid;               /* a COVID-19 annex question: not in domain scores */
    int seal_dimension;       /* 0…MGI_SEAL_NDIMS-1, or -1 when it bears on none */
    mgi_gcm_set gcm;          /* the GCM objectives it bears on (indicators.csv's gcm) */
    mgi_sdg sdg[MGI_SDG_MAX]; /* its SDG targets (sdg), in the cell's order */
    unsigned nsdg;
} mgi_indicator;

/* The indicator's short label in lang, or its question when it has none. */
const char *mgi_indicator_label(const mgi_indicator *ind, int lang);

/* The texts of a response: its finding in each language (MGI_LANG_EN,
 * MGI_LANG_ES; inline Markdown) and its source. */
enum { MGI_TEXT_SOURCE = MGI_NLANGS, MGI_NTEXTS };

/* One answer. Its texts are not held in memory, which would then grow with
 * every finding of every commune: mgi_response_text reads them back from
 * responses.csv when a document needs them. */
typedef struct mgi_response {
    mgi_answer answer;
    unsigned line; /* in responses.csv; 0 when missing */
    /* private: where each text is in responses.csv; length 0 when empty */
    uint32_t text_off[MGI_NTEXTS], text_len[MGI_NTEXTS];
} mgi_response;

/* A change made to the data by `mgi feedback apply`, from DATA/changelog.csv. */
typedef struct mgi_logentry {
    const char *when, *reviewer;
    size_t indicator;  /* index into dataset->indicators */
    const char *field; /* "answer", "finding_en" or "finding_es" */
    const char *before, *after, *comment;
} mgi_logentry;

/* One assessment of one commune in one year. */
typedef struct mgi_round {
    int year;
    mgi_response *responses; /* [dataset->nindicators], in catalogue order */
    /* Markdown narratives from profiles/<code>-<year>/, NULL when absent. */
    const char *context[MGI_NLANGS];
    const char *covid[MGI_NLANGS];
    const char *sources[MGI_NLANGS];
    mgi_logentry *changes; /* from changelog.csv, in file order */
    size_t nchanges;
} mgi_round;

typedef struct mgi_commune {
    const char *code, *name, *region, *country;
    long long population;                  /* -1 when absent */
    long long foreign_residents;           /* -1 when absent */
    int stats_year;                        /* 0 when absent */
    const char *stats_source, *note;       /* "" when absent */
    mgi_seal_status seal;                  /* MGI_SEAL_UNKNOWN when not given */
    mgi_date seal_since, seal_last_review; /* MGI_NODATE when not given */
    mgi_round *rounds;                     /* by year, ascending; may be empty */
    size_t nrounds;
} mgi_commune;

typedef struct mgi_dataset {
    const char *dir;
    mgi_domain *domains; /* sorted by number */
    size_t ndomains;
    mgi_indicator *indicators; /* in file order (the catalogue order) */
    size_t nindicators;
    mgi_commune *communes; /* in file order */
    size_t ncommunes;
    unsigned long long hash; /* of every input file's bytes: a version of the data */
    /* private */
    struct mgi_arena *arena;
    struct mgi_strmap *domain_map, *indicator_map, *commune_map;
    struct mgi_csv *tables[8]; /* the parsed files the strings point into */
    size_t ntables;
    struct mgi_textfile *texts; /* responses.csv, open, for mgi_response_text */
} mgi_dataset;

/* Loads and checks the data directory dir, appending every problem to diag.
 * Returns MGI_OK and *out (free with mgi_dataset_free) when there are no
 * errors (warnings allowed). Otherwise *out is NULL and the result is
 * MGI_ERR_NOINPUT when the directory or a required file is missing (the
 * other files are still checked), MGI_ERR_DATA when the data has errors,
 * MGI_ERR_IO or MGI_ERR_NOMEM. */
mgi_error mgi_dataset_load(const char *dir, mgi_diag *diag, mgi_dataset **out);

/* Frees the dataset and everything it owns, and closes responses.csv.
 * Accepts NULL. */
void mgi_dataset_free(mgi_dataset *ds);

/* Index of the domain, indicator or commune with that key, id or code, or -1. */
long mgi_dataset_domain(const mgi_dataset *ds, const char *key);
long mgi_dataset_indicator(const mgi_dataset *ds, const char *id);
long mgi_dataset_commune(const mgi_dataset *ds, const char *code);

/* Text `text` of response r (MGI_LANG_EN or MGI_LANG_ES for the finding in
 * that language, MGI_TEXT_SOURCE for the source), read back from
 * responses.csv: trimmed, NUL-terminated, allocated in arena a (a static ""
 * when the cell is empty or the response missing). Never NULL: on failure
 * it returns "" and the data set remembers the error for mgi_dataset_check.
 * A text of the focused commune (mgi_dataset_focus) is read from memory;
 * any other costs a read of the file (the text and the 2 KiB after it),
 * unless that last read already holds it.
 * Not thread-safe (processes are fine). */
const char *mgi_response_text(const mgi_dataset *ds, const mgi_response *r, int text,
                              struct mgi_arena *a);

/* Reads every text of the commune's responses, in all its years, in one go
 * and keeps them until another commune is focused: for a writer about to
 * print one commune's findings. A hint: without it the same texts come back,
 * slower; a failure shows at mgi_dataset_check. */
void mgi_dataset_focus(const mgi_dataset *ds, size_t commune);

/* The finding in language lang, or in the other language when that one is
 * empty: what documents print. As mgi_response_text. */
const char *mgi_response_finding(const mgi_dataset *ds, const mgi_response *r, int lang,
                                 struct mgi_arena *a);

/* MGI_OK when every mgi_response_text so far has succeeded. Otherwise adds
 * the first failure to diag (naming responses.csv: it could not be read, or
 * it changed after loading, so the texts read may not match the answers)
 * and returns MGI_ERR_IO or MGI_ERR_NOMEM. A document that prints texts
 * calls it before putting its file in place. */
mgi_error mgi_dataset_check(const mgi_dataset *ds, mgi_diag *diag);

/* Where the UTF-8 text needle first occurs in the data directory's files,
 * read again from disk: the CSV files, then the narratives
 * (profiles/<code>-<year>/NAME.md), each in name order. On true, *path
 * (malloc'd, the caller frees it), *line and *col (1-based; the column in
 * characters) say where. For error messages: it is slow. */
bool mgi_dataset_find(const mgi_dataset *ds, const char *needle, char **path, unsigned *line,
                      unsigned *col);

/* The commune's round of that year, or NULL. */
const mgi_round *mgi_commune_round(const mgi_commune *commune, int year);

#endif
