/* gcm.h — the Global Compact lens: GCM objectives and SDG targets per indicator, and readiness in
 * each. */
#ifndef MGI_GCM_H
#define MGI_GCM_H

#include <stddef.h>
#include <stdint.h>

#include "mgi/assess.h"
#include "mgi/dataset.h"

/*
 * The Local MGI exist to help local governments act on SDG target 10.7 and
 * the Global Compact for Safe, Orderly and Regular Migration (GCM, UN General
 * Assembly resolution 73/195: 23 objectives, 10 guiding principles).
 * indicators.csv maps each indicator to the GCM objectives it bears on
 * (`gcm`, numbers 1–23 separated by ';') and to SDG targets (`sdg`, such as
 * 10.7, 16.9 or 10.c, separated by ';').
 *
 * Readiness in an objective or a target is scored like a Migrant Seal
 * dimension (seal.h), that is like a domain (assess.h): weights, the
 * coverage threshold and the levels of method.ini, over the scored
 * indicators mapped to it (COVID-19 questions left out).
 */

enum {
    MGI_GCM_NOBJECTIVES = 23, /* objectives 1…23 */
    MGI_GCM_NPRINCIPLES = 10, /* guiding principles 1…10 (paragraph 15) */
    MGI_SDG_NGOALS = 17,
    MGI_SDG_NTARGETS = 169, /* in the 2030 Agenda: the most mgi_sdg_mapped can find */
};

/* mgi_sdg (an SDG target), mgi_gcm_set (a set of objectives) and MGI_SDG_MAX
 * (targets in one indicator's cell) are in dataset.h, with the indicator. */

/* A problem in one cell: where it is (bytes from the start of the cell text)
 * and what is wrong, as a complete message. */
typedef struct mgi_lens_problem {
    size_t offset;
    char message[160];
} mgi_lens_problem;

/* Parses a `gcm` cell ("" is no objective; spaces around items are
 * ignored). Sets *set to the objectives found and returns how many problems
 * there are, writing the first max of them to p: an item that is not a
 * number, an objective outside 1–23, an empty item (";;" or a trailing ';'),
 * an objective given twice in the cell. */
size_t mgi_gcm_parse(const char *cell, mgi_gcm_set *set, mgi_lens_problem *p, size_t max);

/* Parses an `sdg` cell likewise into targets[0 … *n), in the cell's order,
 * at most MGI_SDG_MAX: a malformed item (not GOAL.TARGET: "10", "10.x1",
 * "ten"), a goal outside 1–17, a target the goal does not have ("10.8",
 * "10.x", "17.a"), an empty item, a target given twice, more than
 * MGI_SDG_MAX targets. Letters are read in either case ("10.C" is 10.c). */
size_t mgi_sdg_parse(const char *cell, mgi_sdg targets[MGI_SDG_MAX], size_t *n, mgi_lens_problem *p,
                     size_t max);

/* Whether goal.target exists in the 2030 Agenda (169 targets); target as in
 * mgi_sdg. */
bool mgi_sdg_exists(int goal, int target);

/* "10.7", "10.c". Returns buf. */
char *mgi_sdg_format(mgi_sdg t, char buf[8]);

/* The objectives that some scored indicator of ds bears on. */
mgi_gcm_set mgi_gcm_mapped(const mgi_dataset *ds);

/* The distinct targets that scored indicators of ds name, sorted; writes at
 * most max to out and returns how many there are. */
size_t mgi_sdg_mapped(const mgi_dataset *ds, mgi_sdg *out, size_t max);

/* Readiness of result r in GCM objective k (1…23): the domain rule over the
 * scored indicators mapped to it. *nmapped gets their number (0: score NAN,
 * insufficient). Allocates nothing. */
void mgi_gcm_assess(const mgi_assessment *a, const mgi_result *r, int k, mgi_score *s,
                    size_t *nmapped);

/* The same for SDG target t. */
void mgi_sdg_assess(const mgi_assessment *a, const mgi_result *r, mgi_sdg t, mgi_score *s,
                    size_t *nmapped);

/* Whether indicator ind names target t. */
bool mgi_indicator_has_sdg(const mgi_indicator *ind, mgi_sdg t);

/* The guiding principles (1…10, as a bit set) that a practice of domain key
 * `domain` exemplifies by default, with the reason as a strings.ini key
 * ("gcm.why.<domain>"; "gcm.why.other" for a domain of no standard key):
 * rights → human rights, people-centred; wga → whole-of-government, rule of
 * law; partnerships → whole-of-society, international cooperation; wellbeing
 * → sustainable development, people-centred; crises → people-centred,
 * gender-responsive, child-sensitive; safe → rule of law, human rights;
 * other → people-centred. */
unsigned mgi_gcm_principles(const char *domain, const char **why_key);

#endif
