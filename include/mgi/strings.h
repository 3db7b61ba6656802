/* strings.h — the printed words, in English and Spanish, from layouts/strings.ini. */
#ifndef MGI_STRINGS_H
#define MGI_STRINGS_H

#include <stddef.h>

#include "mgi/diag.h"
#include "mgi/error.h"

/* The languages of the documents. */
enum { MGI_LANG_EN, MGI_LANG_ES, MGI_NLANGS };

/* Two-letter code of a language ("en", "es"). */
const char *mgi_lang_code(int lang);

/*
 * strings.ini has a section per language, [en] and [es], of key = value
 * lines. Every key that mgi prints must be present in both sections: a
 * missing one is an error naming it, found when the file is loaded rather
 * than when a document is half written. Unknown keys are warnings (a typo
 * would otherwise go unnoticed). In values, {name} placeholders are replaced
 * by mgi_strings_format.
 */

typedef struct mgi_strings mgi_strings;

/* Loads path. Errors (reported in diag at their line): MGI_ERR_NOINPUT,
 * MGI_ERR_IO, MGI_ERR_DATA (syntax, a section other than [en]/[es], a
 * missing key), MGI_ERR_NOMEM. */
mgi_error mgi_strings_load(const char *path, mgi_diag *diag, mgi_strings **out);

void mgi_strings_free(mgi_strings *s);

/* The value of key in lang (MGI_LANG_EN or MGI_LANG_ES); never NULL: a key
 * that is not in the file gives the key itself. */
const char *mgi_strings_get(const mgi_strings *s, int lang, const char *key);

/* Formats the value of key into buf (of size bytes, always terminated),
 * replacing each {name} by the value paired with name in vars, a NULL-
 * terminated list of name, value, name, value, …; and each {name:one|many}
 * by the form that agrees with the value of name in number ("one" when it is
 * 1, "many" otherwise), so that "{n} {n:commune|communes}" reads "1 commune".
 * Unknown placeholders are left as they are. Returns buf. */
char *mgi_strings_format(const mgi_strings *s, int lang, const char *key, char *buf, size_t size,
                         const char *const *vars);

/* x with two decimals and the language's decimal separator ("0.66", "0,66");
 * "–" for NAN. Returns buf. */
char *mgi_strings_number(const mgi_strings *s, int lang, double x, char buf[32]);

/* pct (0–100) as a percentage with the given decimals (0–3) in the language's
 * style, from the "percent" string: "54.4%" in English, "54,4 %" in Spanish
 * (a no-break space, as the RAE recommends); "–" for NAN. Returns buf. */
char *mgi_strings_percent(const mgi_strings *s, int lang, double pct, int decimals, char buf[32]);

#endif
