/*
 * scenario_expect.c - a scenario text refused with a given message, for
 * the suites that test the loader's errors.
 */
#include "tests/scenario_expect.h"

#include <check.h>
#include <string.h>

#include "run/scenario.h"

void expect_scenario_refused(const char *text, const char *file,
                             const char *want)
{
    struct scenario sc;
    struct diag dg;
    int k, found = 0;

    diag_init(&dg, file);
    ck_assert_int_eq(scenario_load_text(text, strlen(text), file, NULL, &sc,
                                        &dg), -1);
    for (k = 0; k < dg.count; k++)
        found |= strstr(dg.e[k].msg, want) != NULL;
    ck_assert_msg(found, "%s: got '%s'", text, dg.e[0].msg);
    ck_assert_int_gt(dg.e[0].line, 0);
}
