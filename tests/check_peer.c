/*
 * check_peer.c - a workload's peer across the network: each request ends
 * with the peer's reply, rtt_us after its last op, received by the guest.
 * On a machine that is nearly idle the mean latency grows by the round
 * trip plus the reply's receive path, and no more; bad peer objects are
 * refused with the key named.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "api/virtsim.h"
#include "tests/suites.h"

#define HEAD "{\"name\": \"peer\", \"seed\": 3, \"duration_s\": 0.2, " \
             "\"replications\": 2, \"instances\": [\"c5n.large\"], " \
             "\"generations\": [\"nitro\"], \"workload\": " \
             "{\"generator\": \"hft\", \"rate_rps\": 2000"

static int load(const char *peer, struct virtsim_scenario **sc, char **err)
{
    char text[1024];

    snprintf(text, sizeof(text), HEAD "%s%s}}", peer[0] ? ", " : "", peer);
    return virtsim_scenario_load_string(text, strlen(text), "peer.json", ".",
                                        sc, err);
}

static double mean_latency(const char *peer, double *ci)
{
    struct virtsim_scenario *sc = NULL;
    struct virtsim_results *r = NULL;
    struct virtsim_cell c;
    char *err = NULL;

    ck_assert_msg(load(peer, &sc, &err) == VIRTSIM_OK, "%s", err ? err : "?");
    ck_assert_int_eq(virtsim_run(sc, NULL, &r, &err), VIRTSIM_OK);
    ck_assert_int_eq(virtsim_results_cell(r, 0, &c), VIRTSIM_OK);
    *ci = c.latency_mean_us_ci95;
    virtsim_results_free(r);
    virtsim_scenario_free(sc);
    return c.latency_mean_us;
}

/*
 * With common random numbers the two runs see the same requests; at 2k
 * requests/s the guest is nearly idle, so the difference is the round
 * trip plus one 64-byte receive (a few us on Nitro).
 */
START_TEST(test_reply_adds_round_trip)
{
    double ci0, ci1, base, with;

    base = mean_latency("", &ci0);
    with = mean_latency("\"peer\": {\"rtt_us\": 100}", &ci1);
    ck_assert_msg(with - base >= 100 && with - base < 100 + 10,
                  "mean %.2f us with a 100 us peer, %.2f without", with, base);
    with = mean_latency("\"peer\": {\"rtt_us\": 0, \"reply_bytes\": 9000}",
                        &ci1);
    ck_assert_double_gt(with, base);
}
END_TEST

START_TEST(test_bad_peer)
{
    static const struct {
        const char *peer, *want;
    } cases[] = {
        {"\"peer\": 5", "'peer' must be an object"},
        {"\"peer\": {}", "rtt_us"},
        {"\"peer\": {\"rtt_us\": -1}", "rtt_us"},
        {"\"peer\": {\"rtt_us\": 10, \"reply_byte\": 5}", "reply_bytes"},
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct virtsim_scenario *sc = NULL;
        char *err = NULL;

        ck_assert_int_ne(load(cases[i].peer, &sc, &err), VIRTSIM_OK);
        ck_assert_msg(err && strstr(err, cases[i].want),
                      "%s: got '%s'", cases[i].peer, err ? err : "");
        virtsim_free(err);
    }
}
END_TEST

Suite *peer_suite(void)
{
    Suite *s = suite_create("peer");
    TCase *tc = tcase_create("reply");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_reply_adds_round_trip);
    tcase_add_test(tc, test_bad_peer);
    suite_add_tcase(s, tc);
    return s;
}
