/*
 * check_opt.c - tests for cli/opt.c, the option parser every command uses:
 * long options with a separate or an attached value, short options and
 * bundles, "--" and "-", options after arguments, the errors (unknown,
 * missing value, value given to a flag) and did-you-mean only when near.
 */
#include <string.h>

#include "cli/opt.h"
#include "tests/suites.h"

enum { K_FORMAT = OPT_LONG_ONLY, K_CHART };

static const struct opt_def defs[] = {
    {"jobs", 'j', OPT_VALUE},
    {"quiet", 'q', OPT_FLAG},
    {"output", 'o', OPT_VALUE},
    {"format", K_FORMAT, OPT_VALUE},
    {"chart-format", K_CHART, OPT_VALUE},
};
#define NDEFS (sizeof(defs) / sizeof(defs[0]))

/* Splits line on spaces into argv (at most 15 words) inside buf. */
static int split(const char *line, char *buf, size_t cap, char **argv)
{
    int argc = 0;
    char *w;

    snprintf(buf, cap, "%s", line);
    for (w = strtok(buf, " "); w && argc < 15; w = strtok(NULL, " "))
        argv[argc++] = w;
    argv[argc] = NULL;
    return argc;
}

/*
 * Parses the words of line (the first is the command) and writes each
 * result into out as "--name=value" words separated by spaces ("A=x" for
 * an argument, "H" for help, "E" for an error, with the message in dg).
 */
static void parse(const char *line, char *out, size_t cap, struct diag *dg)
{
    struct opt_parser p;
    char buf[256], *argv[16];
    const char *v;
    int argc = split(line, buf, sizeof(buf), argv), k;

    out[0] = '\0';
    diag_init(dg, "t");
    opt_parser_init(&p, argc, argv, defs, NDEFS);
    while ((k = opt_next(&p, &v, dg)) != OPT_END) {
        char word[64];

        if (k == OPT_ERROR) {
            strncat(out, "E ", cap - strlen(out) - 1);
            break;
        }
        if (k == OPT_ARG)
            snprintf(word, sizeof(word), "A=%s ", v);
        else if (k == OPT_HELP)
            snprintf(word, sizeof(word), "H ");
        else
            snprintf(word, sizeof(word), "%s=%s ", opt_name(defs, NDEFS, k),
                     v ? v : "");
        strncat(out, word, cap - strlen(out) - 1);
    }
}

/* opt_wants_help over the words of line. */
static bool wants_help(const char *line)
{
    char buf[256], *argv[16];
    int argc = split(line, buf, sizeof(buf), argv);

    return opt_wants_help(argc, argv, defs, NDEFS);
}

START_TEST(test_long_forms)
{
    const char *argv = "run --jobs 4 --format=json x.json --quiet";
    char out[256];
    struct diag dg;

    parse(argv, out, sizeof(out), &dg);
    ck_assert_str_eq(out, "--jobs=4 --format=json A=x.json --quiet= ");
    ck_assert_int_eq(dg.count, 0);
}
END_TEST

START_TEST(test_short_and_bundles)
{
    const char *argv = "run -j2 -qo dir -qj 3 -o-";
    char out[256];
    struct diag dg;

    parse(argv, out, sizeof(out), &dg);
    ck_assert_str_eq(out, "--jobs=2 --quiet= --output=dir --quiet= "
                     "--jobs=3 --output=- ");
}
END_TEST

START_TEST(test_dash_and_double_dash)
{
    const char *argv = "run -o - - -- --quiet -j";
    char out[256];
    struct diag dg;

    parse(argv, out, sizeof(out), &dg);
    ck_assert_str_eq(out, "--output=- A=- A=--quiet A=-j ");
}
END_TEST

START_TEST(test_help)
{
    const char *a1 = "run x.json --help";
    const char *a2 = "run -qh";
    const char *a3 = "run --output --help";
    const char *a4 = "run -- --help";
    char out[256];
    struct diag dg;

    parse(a1, out, sizeof(out), &dg);
    ck_assert_str_eq(out, "A=x.json H ");
    parse(a2, out, sizeof(out), &dg);
    ck_assert_str_eq(out, "--quiet= H ");
    ck_assert(wants_help(a1));
    ck_assert(wants_help(a2));
    /* the value of --output, and an argument after "--", are not help */
    ck_assert(!wants_help(a3));
    ck_assert(!wants_help(a4));
}
END_TEST

START_TEST(test_errors)
{
    const char *a1 = "run --jobs";
    const char *a2 = "run --quiet=1";
    const char *a3 = "run -x";
    const char *a4 = "run -qj";
    char out[256];
    struct diag dg;

    parse(a1, out, sizeof(out), &dg);
    ck_assert_str_eq(out, "E ");
    ck_assert_str_eq(dg.e[0].msg, "--jobs needs a value");
    parse(a2, out, sizeof(out), &dg);
    ck_assert_str_eq(dg.e[0].msg, "--quiet takes no value, got '1'");
    parse(a3, out, sizeof(out), &dg);
    ck_assert_str_eq(dg.e[0].msg, "unknown option '-x'");
    parse(a4, out, sizeof(out), &dg);
    ck_assert_str_eq(out, "--quiet= E ");
    ck_assert_str_eq(dg.e[0].msg, "-j (--jobs) needs a value");
}
END_TEST

START_TEST(test_near_miss)
{
    const char *a1 = "run --bogus";
    const char *a2 = "run --jbos=2";
    const char *a3 = "run --chart-fromat svg";
    const char *a4 = "run --x";
    char out[256];
    struct diag dg;

    parse(a1, out, sizeof(out), &dg);
    ck_assert_str_eq(dg.e[0].msg, "unknown option '--bogus'");
    parse(a2, out, sizeof(out), &dg);
    ck_assert_str_eq(dg.e[0].msg,
                     "unknown option '--jbos' (did you mean '--jobs'?)");
    parse(a3, out, sizeof(out), &dg);
    ck_assert_str_eq(dg.e[0].msg, "unknown option '--chart-fromat' "
                     "(did you mean '--chart-format'?)");
    parse(a4, out, sizeof(out), &dg);
    ck_assert_str_eq(dg.e[0].msg, "unknown option '--x'");
}
END_TEST

START_TEST(test_exact_names_only)
{
    /* no prefix abbreviations: "--out" is not "--output" */
    const char *argv = "run --out d";
    char out[256];
    struct diag dg;

    parse(argv, out, sizeof(out), &dg);
    ck_assert_str_eq(out, "E ");
}
END_TEST

Suite *opt_suite(void)
{
    Suite *s = suite_create("opt");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_long_forms);
    tcase_add_test(tc, test_short_and_bundles);
    tcase_add_test(tc, test_dash_and_double_dash);
    tcase_add_test(tc, test_help);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_near_miss);
    tcase_add_test(tc, test_exact_names_only);
    suite_add_tcase(s, tc);
    return s;
}
