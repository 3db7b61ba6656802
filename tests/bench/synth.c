/* synth.c — writes a synthetic mgi data directory of N communes, for benchmarks. */
/*
 * Usage: synth [--years Y] [--seed S] [--narratives] [--stagger] N OUTDIR
 *
 * Writes OUTDIR/domains.csv, indicators.csv, communes.csv and responses.csv
 * (README.md, "The data directory"): the six MiGOF domains, 80 scored indicators plus 11
 * COVID-19 annex questions, N communes S00001… and one response per commune ×
 * year × indicator. The output depends only on N, Y and S, and commune k's
 * rows do not depend on N, so smaller sets are prefixes of larger ones.
 *
 * Standalone on purpose (libc and POSIX only): the benchmark script compiles
 * it with a bare `cc` when no CMake build is at hand.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define NELEMS(a)    (sizeof(a) / sizeof((a)[0]))
#define LAST_YEAR    2022
#define MAX_YEARS    10
#define MAX_COMMUNES 99999 /* codes have five digits */
#define NSCORED      80
#define NCOVID       11
#define NINDICATORS  (NSCORED + NCOVID)
#define TEXT_MAX     1024 /* one finding or question, in bytes */

static const char *progname = "synth";
static int stagger; /* --stagger: commune i's last year is LAST_YEAR + 1 - i % 3 */

/* The last assessment year of commune i (1-based). */
static int last_year(unsigned i)
{
    return stagger ? LAST_YEAR + 1 - (int)(i % 3) : LAST_YEAR;
}

static void die(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", progname);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

/* ---- random numbers: splitmix64 seeds, xorshift64* streams ---- */

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

typedef struct rng {
    uint64_t s;
} rng;

/* A stream for one purpose (stream) of one seed; never in the all-zero state. */
static rng rng_make(uint64_t seed, uint64_t stream)
{
    uint64_t st = seed ^ (stream * 0xD1B54A32D192ED03u);
    rng r;
    r.s = splitmix64(&st);
    if (r.s == 0)
        r.s = 0x2545F4914F6CDD1Du;
    return r;
}

static uint64_t rng_next(rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 0x2545F4914F6CDD1Du;
}

/* Uniform in [0, 1). */
static double rng_unit(rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform in [0, n). */
static size_t rng_below(rng *r, size_t n)
{
    return (size_t)(rng_unit(r) * (double)n);
}

/* ---- output: one growing row buffer, one fwrite per row ---- */

typedef struct out {
    FILE *f;
    char path[PATH_MAX];
    char *buf;
    size_t len, cap;
} out;

static void out_reserve(out *o, size_t more)
{
    if (o->len + more <= o->cap)
        return;
    size_t cap = o->cap ? o->cap : 4096;
    while (cap < o->len + more)
        cap *= 2;
    char *p = realloc(o->buf, cap);
    if (!p)
        die("out of memory");
    o->buf = p;
    o->cap = cap;
}

static void out_raw(out *o, const char *s, size_t n)
{
    out_reserve(o, n);
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

/* Appends one CSV field (after a comma unless first), quoted when needed. */
static void out_field(out *o, const char *s, int first)
{
    size_t n = strlen(s);
    if (!first)
        out_raw(o, ",", 1);
    if (!strpbrk(s, ",\"\n\r")) {
        out_raw(o, s, n);
        return;
    }
    out_reserve(o, 2 * n + 2);
    o->buf[o->len++] = '"';
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            o->buf[o->len++] = '"';
        o->buf[o->len++] = s[i];
    }
    o->buf[o->len++] = '"';
}

static void out_str(out *o, const char *s)
{
    out_raw(o, s, strlen(s));
}

static void out_fieldf(out *o, int first, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp)
        die("internal error: field too long");
    out_field(o, tmp, first);
}

static void out_endrow(out *o)
{
    out_raw(o, "\n", 1);
    if (o->len >= 1 << 16) {
        if (fwrite(o->buf, 1, o->len, o->f) != o->len)
            die("cannot write %s: %s", o->path, strerror(errno));
        o->len = 0;
    }
}

static void out_open(out *o, const char *dir, const char *name)
{
    memset(o, 0, sizeof *o);
    int n = snprintf(o->path, sizeof o->path, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof o->path)
        die("path too long: %s/%s", dir, name);
    o->f = fopen(o->path, "wb");
    if (!o->f)
        die("cannot create %s: %s", o->path, strerror(errno));
    if (setvbuf(o->f, NULL, _IOFBF, 1 << 16) != 0)
        die("cannot buffer %s", o->path);
}

static void out_close(out *o)
{
    if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len)
        die("cannot write %s: %s", o->path, strerror(errno));
    if (fflush(o->f) != 0 || ferror(o->f))
        die("cannot write %s: %s", o->path, strerror(errno));
    if (fclose(o->f) != 0)
        die("cannot close %s: %s", o->path, strerror(errno));
    free(o->buf);
    o->f = NULL;
    o->buf = NULL;
}

/* ---- the output directory ---- */

/* Creates dir and its missing parents. */
static void make_dirs(const char *dir)
{
    char path[PATH_MAX];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof path)
        die("bad output directory \"%s\"", dir);
    memcpy(path, dir, n + 1);
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            die("cannot create %s: %s", path, strerror(errno));
        *p = '/';
    }
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        die("cannot create %s: %s", path, strerror(errno));
}

/* OUTDIR must be new or an empty directory. */
static void prepare_outdir(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (errno != ENOENT)
            die("cannot use %s: %s", dir, strerror(errno));
        make_dirs(dir);
        return;
    }
    if (!S_ISDIR(st.st_mode))
        die("%s exists and is not a directory", dir);
    DIR *d = opendir(dir);
    if (!d)
        die("cannot open %s: %s", dir, strerror(errno));
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            closedir(d);
            die("%s exists and is not empty", dir);
        }
    }
    closedir(d);
}

/* ---- text ---- */

typedef struct pair {
    const char *en, *es;
} pair;

/* Number of code points in UTF-8 s. */
static size_t utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void cat(char *dst, size_t *len, const char *s)
{
    size_t n = strlen(s);
    if (*len + n >= TEXT_MAX)
        die("internal error: text too long");
    memcpy(dst + *len, s, n + 1);
    *len += n;
}

/* ---- catalogue ---- */

typedef struct domain {
    const char *key, *prefix;
    int count; /* scored indicators */
    pair name, objective, description;
    const char *colour;
} domain;

static const domain domains[] = {
    {"rights",
     "MR",
     16,
     {"Migrants' rights", "Derechos de los migrantes"},
     {"Adhere to international standards and fulfil migrants' rights",
      "Adherir a las normas internacionales y hacer efectivos los derechos de los migrantes"},
     {"Access of migrants to health, education, housing and social protection, on an equal footing "
      "with nationals.",
      "Acceso de los migrantes a la salud, la educación, la vivienda y la protección social, en "
      "igualdad de condiciones con los nacionales."},
     "#0072B2"},
    {"wga",
     "WGA",
     15,
     {"Whole-of-government approach", "Enfoque de gobierno integral"},
     {"Formulate policy using evidence and whole-of-government approach",
      "Formular políticas con base empírica y un enfoque de gobierno integral"},
     {"Institutional frameworks, strategies, coordination and the use of data for local migration "
      "governance.",
      "Marcos institucionales, estrategias, coordinación y uso de datos para la gobernanza local "
      "de la migración."},
     "#E69F00"},
    {"partnerships",
     "PA",
     12,
     {"Partnerships", "Alianzas"},
     {"Engage with partners to address migration and related issues",
      "Colaborar con asociados para abordar la migración y las cuestiones conexas"},
     {"Cooperation with other levels of government, civil society, academia, the private sector "
      "and diasporas.",
      "Cooperación con otros niveles de gobierno, la sociedad civil, la academia, el sector "
      "privado y las diásporas."},
     "#009E73"},
    {"wellbeing",
     "WB",
     14,
     {"Well-being of migrants", "Bienestar de los migrantes"},
     {"Advance the socioeconomic well-being of migrants and society",
      "Promover el bienestar socioeconómico de los migrantes y de la sociedad"},
     {"Labour market access, recognition of skills, entrepreneurship and the inclusion of migrant "
      "students.",
      "Acceso al mercado laboral, reconocimiento de competencias, emprendimiento e inclusión de "
      "estudiantes migrantes."},
     "#CC79A7"},
    {"crises",
     "MC",
     11,
     {"Mobility dimension of crises", "Dimensión de movilidad de las crisis"},
     {"Effectively address the mobility dimensions of crises",
      "Abordar eficazmente las dimensiones de movilidad de las crisis"},
     {"Preparedness, emergency communication and assistance to migrants before, during and after "
      "crises.",
      "Preparación, comunicación de emergencia y asistencia a los migrantes antes, durante y "
      "después de las crisis."},
     "#D55E00"},
    {"safe",
     "SOR",
     12,
     {"Safe, orderly and regular migration", "Migración segura, ordenada y regular"},
     {"Ensure that migration takes place in a safe, orderly and regular manner",
      "Velar por que la migración se efectúe de manera segura, ordenada y regular"},
     {"Counter-trafficking, regularization support, safe return and the reintegration of "
      "returnees.",
      "Lucha contra la trata, apoyo a la regularización, retorno seguro y reintegración de los "
      "retornados."},
     "#56B4E9"},
};
#define NDOMAINS ((int)NELEMS(domains))

static const pair q_stems[] = {
    {"Does the municipality have", "¿Cuenta la municipalidad con"},
    {"Has the municipal government adopted", "¿Ha adoptado el gobierno municipal"},
    {"Is there", "¿Existe"},
    {"Does the local administration implement", "¿Implementa la administración local"},
    {"Does the commune offer", "¿Ofrece la comuna"},
    {"Has the municipality established", "¿Ha establecido la municipalidad"},
};

static const pair q_objects[] = {
    {"a dedicated office that provides information to migrants",
     "una oficina dedicada que brinda información a los migrantes"},
    {"a local strategy on migration and the integration of migrants",
     "una estrategia local sobre migración e integración de los migrantes"},
    {"a programme that facilitates access to primary health care",
     "un programa que facilita el acceso a la atención primaria de salud"},
    {"a mechanism to collect data on the migrant population",
     "un mecanismo para recopilar datos sobre la población migrante"},
    {"language courses for newly arrived migrants",
     "cursos de idioma para migrantes recién llegados"},
    {"a formal agreement with civil society organizations",
     "un acuerdo formal con organizaciones de la sociedad civil"},
    {"measures to recognize the skills and qualifications of migrants",
     "medidas para reconocer las competencias y calificaciones de los migrantes"},
    {"an emergency plan that takes migrants into account",
     "un plan de emergencia que tenga en cuenta a los migrantes"},
    {"training for municipal staff on the rights of migrants",
     "capacitación del personal municipal sobre los derechos de los migrantes"},
    {"support for migrants in the regularization of their status",
     "apoyo a los migrantes en la regularización de su situación"},
    {"a campaign against discrimination and xenophobia",
     "una campaña contra la discriminación y la xenofobia"},
    {"access to social housing programmes for migrant families",
     "acceso a programas de vivienda social para familias migrantes"},
};

static const pair q_qualifiers[] = {
    {"regardless of their migration status", "independientemente de su situación migratoria"},
    {"in coordination with the national migration service",
     "en coordinación con el Servicio Nacional de Migraciones"},
    {"with a specific budget allocation", "con una asignación presupuestaria específica"},
    {"that is publicly available", "que esté disponible públicamente"},
    {"including migrant women and children", "incluidos las mujeres y los niños migrantes"},
    {"in Spanish and in other languages", "en español y en otros idiomas"},
    {"with regular monitoring and evaluation", "con seguimiento y evaluación periódicos"},
};

/* A question of 80–160 code points in both languages. */
static void make_question(rng *r, int covid, char *en, char *es)
{
    for (;;) {
        size_t ne = 0, ns = 0;
        en[0] = es[0] = '\0';
        const pair *st = &q_stems[rng_below(r, NELEMS(q_stems))];
        const pair *ob = &q_objects[rng_below(r, NELEMS(q_objects))];
        if (covid) {
            cat(en, &ne, "During the COVID-19 pandemic, did the municipality provide ");
            cat(es, &ns, "Durante la pandemia de COVID-19, ¿brindó la municipalidad ");
        } else {
            cat(en, &ne, st->en);
            cat(en, &ne, " ");
            cat(es, &ns, st->es);
            cat(es, &ns, " ");
        }
        cat(en, &ne, ob->en);
        cat(es, &ns, ob->es);
        if (rng_unit(r) < 0.85) {
            const pair *q = &q_qualifiers[rng_below(r, NELEMS(q_qualifiers))];
            cat(en, &ne, ", ");
            cat(en, &ne, q->en);
            cat(es, &ns, ", ");
            cat(es, &ns, q->es);
        }
        cat(en, &ne, "?");
        cat(es, &ns, "?");
        size_t le = utf8_len(en), ls = utf8_len(es);
        if (le >= 80 && le <= 160 && ls >= 80 && ls <= 160)
            return;
    }
}

typedef struct indicator {
    char id[16];
    int domain;
    int area;   /* 1…3 */
    int weight; /* 0: the default */
    int covid;
    double ease; /* added to a commune's chance of "yes" */
} indicator;

static indicator indicators[NINDICATORS];

static void make_catalogue(uint64_t seed)
{
    rng r = rng_make(seed, 1);
    int k = 0;
    for (int d = 0; d < NDOMAINS; d++) {
        for (int i = 0; i < domains[d].count; i++, k++) {
            indicator *ind = &indicators[k];
            snprintf(ind->id, sizeof ind->id, "%s-%02d", domains[d].prefix, i + 1);
            ind->domain = d;
            ind->area = 1 + i * 3 / domains[d].count;
            ind->weight = (k + 1) % 7 == 0 ? 2 : 0;
            ind->covid = 0;
            ind->ease = 0.24 * (rng_unit(&r) - 0.5);
        }
    }
    for (int i = 0; i < NCOVID; i++, k++) {
        indicator *ind = &indicators[k];
        snprintf(ind->id, sizeof ind->id, "COV-%02d", i + 1);
        ind->domain = i % NDOMAINS;
        ind->area = 0;
        ind->weight = 0;
        ind->covid = 1;
        ind->ease = 0.24 * (rng_unit(&r) - 0.5);
    }
}

static void write_domains(const char *dir)
{
    out o;
    out_open(&o, dir, "domains.csv");
    out_str(&o, "key,number,name_en,name_es,objective_en,objective_es,"
                "description_en,description_es,colour\n");
    for (int d = 0; d < NDOMAINS; d++) {
        const domain *dm = &domains[d];
        out_field(&o, dm->key, 1);
        out_fieldf(&o, 0, "%d", d + 1);
        out_field(&o, dm->name.en, 0);
        out_field(&o, dm->name.es, 0);
        out_field(&o, dm->objective.en, 0);
        out_field(&o, dm->objective.es, 0);
        out_field(&o, dm->description.en, 0);
        out_field(&o, dm->description.es, 0);
        out_field(&o, dm->colour, 0);
        out_endrow(&o);
    }
    out_close(&o);
}

static void write_indicators(const char *dir, uint64_t seed)
{
    rng r = rng_make(seed, 2);
    char en[TEXT_MAX], es[TEXT_MAX];
    out o;
    out_open(&o, dir, "indicators.csv");
    out_str(&o, "id,domain,area,area_es,question_en,question_es,weight,covid,gcm,sdg\n");
    for (int k = 0; k < NINDICATORS; k++) {
        const indicator *ind = &indicators[k];
        make_question(&r, ind->covid, en, es);
        out_field(&o, ind->id, 1);
        out_field(&o, domains[ind->domain].key, 0);
        if (ind->covid) {
            out_field(&o, "COVID-19", 0);
            out_field(&o, "COVID-19", 0);
        } else {
            out_fieldf(&o, 0, "Area %d.%d", ind->domain + 1, ind->area);
            out_fieldf(&o, 0, "Área %d.%d", ind->domain + 1, ind->area);
        }
        out_field(&o, en, 0);
        out_field(&o, es, 0);
        out_field(&o, ind->weight ? "2" : "", 0);
        out_field(&o, ind->covid ? "1" : "", 0);
        /* The Global Compact lens: two objectives and two targets a scored
         * indicator, from its place in the catalogue (not the random stream,
         * so that the rest of the data is as before). */
        if (ind->covid) {
            out_field(&o, "", 0);
            out_field(&o, "", 0);
        } else {
            out_fieldf(&o, 0, "%d;%d", 1 + k * 7 % 23, 1 + (k * 7 + 5) % 23);
            out_fieldf(&o, 0, "10.7;16.%d", 1 + k % 10);
        }
        out_endrow(&o);
    }
    out_close(&o);
}

/* ---- communes ---- */

static const char *const accented_names[] = {
    "Ñuñoa Sintética",   "Peñalolén Sintética", "Concepción Sintética",  "Valparaíso Sintética",
    "Chillán Sintética", "Maipú Sintética",     "Los Ángeles Sintética", "Curacaví Sintética",
};

/* The streams of commune i (1-based), for its attributes and for its answers:
 * commune i's data does not depend on how many communes there are. */
static rng commune_rng(uint64_t seed, unsigned i)
{
    return rng_make(seed, 1000 + 2 * (uint64_t)i);
}

static rng response_rng(uint64_t seed, unsigned i)
{
    return rng_make(seed, 1001 + 2 * (uint64_t)i);
}

static void write_communes(const char *dir, uint64_t seed, unsigned n)
{
    out o;
    out_open(&o, dir, "communes.csv");
    out_str(&o, "code,name,region,country,population,foreign_residents,stats_year,"
                "stats_source,note\n");
    for (unsigned i = 1; i <= n; i++) {
        rng r = commune_rng(seed, i);
        /* Population in [5 000, 600 000], mostly small; foreigners 1–40 %, mostly few. */
        double u = rng_unit(&r);
        double pop = 5000.0 + 595000.0 * u * u * u;
        u = rng_unit(&r);
        double share = (1.0 + 39.0 * u * u) / 100.0;
        long long population = (long long)pop;
        long long foreign = (long long)((double)population * share) + 1;
        if (foreign > population * 40 / 100)
            foreign = population * 40 / 100;
        unsigned region = 1 + (unsigned)rng_below(&r, 16);

        out_fieldf(&o, 1, "S%05u", i);
        if (i % 5 == 0)
            out_fieldf(&o, 0, "%s %u", accented_names[(i / 5) % NELEMS(accented_names)], i);
        else
            out_fieldf(&o, 0, "Synthetic Commune %u", i);
        out_fieldf(&o, 0, "Región %u", region);
        out_field(&o, "Chile", 0);
        out_fieldf(&o, 0, "%lld", population);
        out_fieldf(&o, 0, "%lld", foreign);
        out_field(&o, "2021", 0);
        out_field(&o, "Synthetic", 0);
        out_field(&o, "Synthetic data for benchmarks", 0);
        out_endrow(&o);
    }
    out_close(&o);
}

/* ---- findings ---- */

enum { ANS_YES, ANS_PARTIAL, ANS_NO, ANS_NA };
static const char *const answer_names[] = {"yes", "partial", "no", "na"};

static const pair f_open_yes[] = {
    {"The municipality has", "La municipalidad cuenta con"},
    {"Since 2019 the commune has run", "Desde 2019 la comuna mantiene"},
    {"The local government consolidated", "El gobierno local consolidó"},
    {"The Migrant Office coordinates", "La Oficina del Migrante coordina"},
};
static const pair f_open_partial[] = {
    {"The municipality has started", "La municipalidad ha iniciado"},
    {"A pilot project established", "Un proyecto piloto estableció"},
    {"There is an informal practice of", "Existe una práctica informal de"},
    {"The commune is preparing", "La comuna está preparando"},
};
static const pair f_open_no[] = {
    {"The municipality does not yet have", "La municipalidad aún no cuenta con"},
    {"No evidence was found of", "No se encontró evidencia de"},
    {"The commune has not adopted", "La comuna no ha adoptado"},
    {"Officials reported the absence of", "Los funcionarios informaron la ausencia de"},
};
static const pair f_subjects[] = {
    {"a \"Migrant Desk\" that answers questions on visas, work permits and schooling",
     "una \"Ventanilla Migrante\" que responde consultas sobre visas, permisos de trabajo y "
     "matrícula escolar"},
    {"a *municipal migration plan* with clear goals",
     "un *plan municipal de migración* con metas claras"},
    {"free Spanish courses, offered in two neighbourhood centres",
     "cursos gratuitos de español, ofrecidos en dos centros vecinales"},
    {"a register of migrant-led organizations",
     "un registro de organizaciones lideradas por migrantes"},
    {"health information in Spanish, Creole and English",
     "información de salud en español, creole e inglés"},
    {"an agreement with the [National Migration Service](https://serviciomigraciones.cl)",
     "un convenio con el [Servicio Nacional de Migraciones](https://serviciomigraciones.cl)"},
    {"training on \"intercultural attention\" for front-line staff",
     "capacitación en \"atención intercultural\" para el personal de atención"},
    {"a job fair, held twice a year, open to migrant workers",
     "una feria laboral, realizada dos veces al año, abierta a trabajadores migrantes"},
    {"emergency shelters that do not ask for documents",
     "albergues de emergencia que no exigen documentos"},
    {"a census of foreign residents carried out with the university",
     "un censo de residentes extranjeros realizado con la universidad"},
};
static const pair f_details[] = {
    {"according to the 2021 public account", "según la cuenta pública de 2021"},
    {"in coordination with the regional government", "en coordinación con el gobierno regional"},
    {"although resources remain limited", "aunque los recursos siguen siendo limitados"},
    {"which reached more than 300 people last year",
     "que llegó a más de 300 personas el año pasado"},
    {"with the support of civil society organizations",
     "con el apoyo de organizaciones de la sociedad civil"},
    {"as stated by the head of the Social Development Department",
     "según lo señalado por la jefatura de la Dirección de Desarrollo Comunitario"},
    {"as part of the Migrant Seal (\"Sello Migrante\") process",
     "como parte del proceso del \"Sello Migrante\""},
    {"and its information is published on the municipal website",
     "y su información se publica en el sitio web municipal"},
};
static const pair f_closers[] = {
    {"Further follow-up is planned for the next assessment",
     "Se prevé un seguimiento en la próxima evaluación"},
    {"Interviewees highlighted the role of migrant leaders",
     "Las personas entrevistadas destacaron el papel de los líderes migrantes"},
    {"The practice could be extended to other neighbourhoods",
     "La práctica podría extenderse a otros barrios"},
    {"Data on its results are not yet systematized",
     "Los datos sobre sus resultados aún no están sistematizados"},
    {"This was confirmed during the validation workshop",
     "Esto se confirmó durante el taller de validación"},
};

static const char *const sources[] = {
    "Cuenta Pública Municipal 2021",
    "Municipal ordinance No. 214/2020",
    "Interview with the Migrant Office, March 2022",
    "PLADECO 2020–2024, p. 37",
    "Servicio Nacional de Migraciones, \"Sello Migrante\" report",
    "Decreto Alcaldicio 1.532, 2021",
    "Local migration survey, 2021",
};

static void add_sentence(char *en, size_t *ne, char *es, size_t *ns, const pair *p, int first)
{
    if (!first) {
        cat(en, ne, " ");
        cat(es, ns, " ");
    }
    cat(en, ne, p->en);
    cat(es, ns, p->es);
}

/* A finding of 150–600 code points in both languages. */
static void make_finding(rng *r, int answer, char *en, char *es)
{
    const pair *opens = answer == ANS_YES       ? f_open_yes
                        : answer == ANS_PARTIAL ? f_open_partial
                                                : f_open_no;
    size_t target = 150 + rng_below(r, 331); /* 150…480 in English */
    size_t ne = 0, ns = 0;
    en[0] = es[0] = '\0';
    for (;;) {
        size_t ne0 = ne, ns0 = ns;
        add_sentence(en, &ne, es, &ns, &opens[rng_below(r, 4)], ne == 0);
        cat(en, &ne, " ");
        cat(es, &ns, " ");
        add_sentence(en, &ne, es, &ns, &f_subjects[rng_below(r, NELEMS(f_subjects))], 1);
        if (rng_unit(r) < 0.7) {
            cat(en, &ne, ", ");
            cat(es, &ns, ", ");
            add_sentence(en, &ne, es, &ns, &f_details[rng_below(r, NELEMS(f_details))], 1);
        }
        cat(en, &ne, ".");
        cat(es, &ns, ".");
        if (rng_unit(r) < 0.3) {
            add_sentence(en, &ne, es, &ns, &f_closers[rng_below(r, NELEMS(f_closers))], 0);
            cat(en, &ne, ".");
            cat(es, &ns, ".");
        }
        size_t le = utf8_len(en), ls = utf8_len(es);
        if (le > 600 || ls > 600) { /* too long: drop the last sentences */
            en[ne = ne0] = '\0';
            es[ns = ns0] = '\0';
            le = utf8_len(en);
            ls = utf8_len(es);
            if (le >= 150 && ls >= 150)
                break;
        } else if (le >= target && ls >= 150) {
            break;
        }
    }
}

/* ---- responses ---- */

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

static void write_responses(const char *dir, uint64_t seed, unsigned n, int nyears)
{
    char en[TEXT_MAX], es[TEXT_MAX];
    double keep_na[NINDICATORS], keep_q[NINDICATORS];
    out o;
    out_open(&o, dir, "responses.csv");
    out_str(&o, "commune,year,indicator,answer,finding_en,finding_es,source\n");
    for (unsigned i = 1; i <= n; i++) {
        rng r = response_rng(seed, i);
        /* Per-commune propensities: na 4–16 % (mean 10 %); the share of "yes"
         * among the answered has mean 4/9, partial and no split the rest. */
        double p_na = 0.04 + 0.12 * rng_unit(&r);
        double p_yes = 0.46 + 0.5 * (rng_unit(&r) + rng_unit(&r) - 1.0) * 0.6;
        /* An indicator mostly keeps its state from one round to the next. */
        for (int k = 0; k < NINDICATORS; k++) {
            keep_na[k] = rng_unit(&r);
            keep_q[k] = rng_unit(&r);
        }
        char code[8];
        snprintf(code, sizeof code, "S%05u", i);
        for (int y = 0; y < nyears; y++) {
            int year = last_year(i) - 2 * (nyears - 1 - y);
            double progress = -0.06 * (nyears - 1 - y);
            for (int k = 0; k < NINDICATORS; k++) {
                const indicator *ind = &indicators[k];
                double u_na = rng_unit(&r) < 0.85 ? keep_na[k] : rng_unit(&r);
                double u_q = rng_unit(&r) < 0.8 ? keep_q[k] : rng_unit(&r);
                double s = clamp(p_yes + ind->ease + progress, 0.03, 0.97);
                int answer = u_na < p_na         ? ANS_NA
                             : u_q < s           ? ANS_YES
                             : u_q < (1 + s) / 2 ? ANS_PARTIAL
                                                 : ANS_NO;
                out_field(&o, code, 1);
                out_fieldf(&o, 0, "%d", year);
                out_field(&o, ind->id, 0);
                out_field(&o, answer_names[answer], 0);
                if (answer == ANS_NA) {
                    out_raw(&o, ",,", 2);
                } else {
                    make_finding(&r, answer, en, es);
                    out_field(&o, en, 0);
                    out_field(&o, es, 0);
                }
                if (answer != ANS_NA && rng_unit(&r) < 0.55)
                    out_field(&o, sources[rng_below(&r, NELEMS(sources))], 0);
                else
                    out_raw(&o, ",", 1);
                out_endrow(&o);
            }
        }
    }
    out_close(&o);
}

/* ---- narratives (--narratives): long Markdown texts, to test the page flow ---- */

static const pair n_words[] = {
    {"the municipality", "el municipio"},
    {"migrant families", "las familias migrantes"},
    {"the regional government", "el gobierno regional"},
    {"civil society organizations", "las organizaciones de la sociedad civil"},
    {"the national migration service", "el servicio nacional de migraciones"},
    {"public health centres", "los centros de salud públicos"},
    {"local schools", "las escuelas locales"},
    {"the labour intermediation office", "la oficina de intermediación laboral"},
    {"neighbourhood councils", "las juntas de vecinos"},
    {"the statistics institute", "el instituto de estadísticas"},
};
static const pair n_verbs[] = {
    {"coordinates with", "se coordina con"},   {"reports on", "informa sobre"},
    {"works alongside", "trabaja junto a"},    {"depends on", "depende de"},
    {"was surveyed by", "fue encuestado por"}, {"receives support from", "recibe apoyo de"},
};

/* One sentence of a few clauses, appended to buf. */
static void n_sentence(rng *r, int es, char *buf, size_t size)
{
    size_t clauses = 1 + rng_below(r, 3);
    for (size_t c = 0; c < clauses; c++) {
        const pair *a = &n_words[rng_below(r, NELEMS(n_words))];
        const pair *v = &n_verbs[rng_below(r, NELEMS(n_verbs))];
        const pair *b = &n_words[rng_below(r, NELEMS(n_words))];
        char piece[512];
        snprintf(piece, sizeof piece, "%s%s %s %s", c ? (es ? ", mientras " : ", while ") : "",
                 es ? a->es : a->en, es ? v->es : v->en, es ? b->es : b->en);
        if (c == 0 && piece[0] >= 'a' && piece[0] <= 'z')
            piece[0] = (char)(piece[0] - 32);
        strncat(buf, piece, size - strlen(buf) - 1);
    }
    strncat(buf, rng_unit(r) < 0.3 ? (es ? " en 2021." : " in 2021.") : ".",
            size - strlen(buf) - 1);
}

static void n_paragraph(FILE *f, rng *r, int es, size_t sentences, int *note)
{
    for (size_t i = 0; i < sentences; i++) {
        char buf[2048] = "";
        n_sentence(r, es, buf, sizeof buf);
        if (note && rng_unit(r) < 0.12) {
            size_t n = strlen(buf);
            buf[n - 1] = '\0'; /* the reference before the full stop */
            fprintf(f, "%s%s[^n%d].", i ? " " : "", buf, (*note)++);
        } else {
            fprintf(f, "%s%s", i ? " " : "", buf);
        }
    }
    fputs("\n\n", f);
}

static FILE *n_open(const char *dir, const char *name)
{
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        die("cannot create %s: %s", path, strerror(errno));
    return f;
}

/* context, covid and sources in both languages for commune i's last round. */
static void write_narratives(const char *dir, uint64_t seed, unsigned i)
{
    char sub[PATH_MAX];
    snprintf(sub, sizeof sub, "%s/profiles/S%05u-%d", dir, i + 1, last_year(i + 1));
    make_dirs(sub);
    static const char *const lang[] = {"en", "es"};
    for (int es = 0; es < 2; es++) {
        char name[64];
        /* context: headings, long paragraphs with footnotes (some of several lines), a list */
        rng r = rng_make(seed, 0x4E00000000u + i);
        snprintf(name, sizeof name, "context.%s.md", lang[es]);
        FILE *f = n_open(sub, name);
        int note = 1;
        size_t sections = 3 + rng_below(&r, 4);
        for (size_t s = 0; s < sections; s++) {
            fprintf(f, "## %s %zu\n\n", es ? "Apartado" : "Section", s + 1);
            for (size_t p = 1 + rng_below(&r, 4); p > 0; p--)
                n_paragraph(f, &r, es, 3 + rng_below(&r, 9), &note);
            if (rng_unit(&r) < 0.5)
                for (size_t k = 3 + rng_below(&r, 12); k > 0; k--) {
                    char buf[2048] = "";
                    n_sentence(&r, es, buf, sizeof buf);
                    fprintf(f, "- %s\n", buf);
                }
            fputs("\n", f);
        }
        for (int k = 1; k < note; k++) {
            char buf[4096] = "";
            for (size_t m = 1 + (k % 3 == 0 ? 6 + rng_below(&r, 6) : rng_below(&r, 2)); m > 0;
                 m--) {
                n_sentence(&r, es, buf, sizeof buf);
                strncat(buf, " ", sizeof buf - strlen(buf) - 1);
            }
            fprintf(f, "[^n%d]: %s\n", k, buf);
        }
        fclose(f);
        /* covid: a few paragraphs */
        snprintf(name, sizeof name, "covid.%s.md", lang[es]);
        f = n_open(sub, name);
        for (size_t p = 1 + rng_below(&r, 3); p > 0; p--)
            n_paragraph(f, &r, es, 3 + rng_below(&r, 6), NULL);
        fclose(f);
        /* sources: groups under bold headings, 10 to 80 items in all */
        snprintf(name, sizeof name, "sources.%s.md", lang[es]);
        f = n_open(sub, name);
        size_t groups = 2 + rng_below(&r, 8);
        for (size_t g = 0; g < groups; g++) {
            const pair *who = &n_words[rng_below(&r, NELEMS(n_words))];
            fprintf(f, "**%s %zu**\n\n", es ? who->es : who->en, g + 1);
            for (size_t k = 1 + rng_below(&r, 10); k > 0; k--) {
                char buf[2048] = "";
                n_sentence(&r, es, buf, sizeof buf);
                fprintf(f, "- Author %zu-%zu (%u). *%s*\n", g + 1, k,
                        2000 + (unsigned)rng_below(&r, 23), buf);
            }
            fputs("\n", f);
        }
        fclose(f);
    }
}

/* ---- command line ---- */

static void usage(void)
{
    fprintf(stderr,
            "usage: %s [--years Y] [--seed S] [--narratives] [--stagger] N OUTDIR\n"
            "  writes a synthetic mgi data directory of N communes (1-%d)\n"
            "  with Y assessment rounds (1-%d, default 1) ending in %d;\n"
            "  --narratives adds long Markdown narratives (context, covid, sources) to each;\n"
            "  --stagger ends commune i's rounds in %d + 1 - i %% 3 (mixed latest years)\n",
            progname, MAX_COMMUNES, MAX_YEARS, LAST_YEAR, LAST_YEAR);
    exit(1);
}

static unsigned long long parse_number(const char *s, const char *what, unsigned long long max)
{
    char *end;
    errno = 0;
    if (!*s || *s == '-' || *s == '+')
        die("%s must be a number, not \"%s\"", what, s);
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v > max)
        die("%s must be a number up to %llu, not \"%s\"", what, max, s);
    return v;
}

int main(int argc, char **argv)
{
    int nyears = 1, narratives = 0;
    uint64_t seed = 42;
    const char *pos[2];
    int npos = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        if (strcmp(a, "--years") == 0 || strcmp(a, "--seed") == 0) {
            if (i + 1 >= argc)
                usage();
            val = argv[++i];
        } else if (strncmp(a, "--years=", 8) == 0 || strncmp(a, "--seed=", 7) == 0) {
            val = strchr(a, '=') + 1;
        } else if (strcmp(a, "--narratives") == 0) {
            narratives = 1;
            continue;
        } else if (strcmp(a, "--stagger") == 0) {
            stagger = 1;
            continue;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage();
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "%s: unknown option %s\n", progname, a);
            usage();
        } else {
            if (npos == 2)
                usage();
            pos[npos++] = a;
            continue;
        }
        if (strncmp(a, "--years", 7) == 0)
            nyears = (int)parse_number(val, "--years", MAX_YEARS);
        else
            seed = parse_number(val, "--seed", UINT64_MAX);
    }
    if (npos != 2)
        usage();
    if (nyears < 1)
        die("--years must be at least 1");
    unsigned n = (unsigned)parse_number(pos[0], "N", MAX_COMMUNES);
    if (n < 1)
        die("N must be at least 1");
    const char *dir = pos[1];

    prepare_outdir(dir);
    make_catalogue(seed);
    write_domains(dir);
    write_indicators(dir, seed);
    write_communes(dir, seed, n);
    write_responses(dir, seed, n, nyears);
    for (unsigned i = 0; narratives && i < n; i++)
        write_narratives(dir, seed, i);
    return 0;
}
