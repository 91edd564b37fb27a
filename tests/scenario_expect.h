/*
 * scenario_expect.h - the tests' check that a scenario text is refused:
 * scenario_load_text fails, some problem's message holds `want`, and the
 * first problem has a line.
 */
#ifndef VIRTSIM_TESTS_SCENARIO_EXPECT_H
#define VIRTSIM_TESTS_SCENARIO_EXPECT_H

/* Check assertions: text (named file) is refused with a message holding want. */
void expect_scenario_refused(const char *text, const char *file,
                             const char *want);

#endif
