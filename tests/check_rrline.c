/*
 * check_rrline.c - the round-robin line: alone it is the serial line;
 * backlogged tenants get their weighted shares of frames (closed form);
 * a late tenant's frames move the others' ends by exactly its own work;
 * the caller's not_before rides on the same single event.
 */
#include "sim/rrline.h"
#include "sim/serial.h"
#include "tests/suites.h"

struct ends {
    sim_time at[2000];
    sim_time others[2000];
    int n;
};

static void ended(struct sim *s, void *ctx, sim_time others_ps)
{
    struct ends *e = ctx;

    e->others[e->n] = others_ps;
    e->at[e->n++] = s->now;
}

/* One tenant: the same ends and busy time as the FCFS serial line. */
START_TEST(test_alone_is_serial)
{
    static struct ends got;
    static sim_time want[2000];
    struct sim s;
    struct rrline l;
    struct serial ref;
    sim_time t = 0;
    uint64_t x = 88172645463325252u;
    int i;

    sim_init(&s);
    rrline_init(&l, &s, 3);
    serial_init(&ref, &s);
    got.n = 0;
    for (i = 0; i < 2000; i++) {
        sim_time service;
        double frames;

        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        t += x % 1000;
        service = 1 + (x >> 20) % 1200;
        frames = 1 + (double)((x >> 40) % 64);
        sim_run(&s, t);
        want[i] = serial_submit(&ref, service);
        rrline_submit(&l, 1, frames, service, 0, ended, &got);
    }
    sim_run(&s, SIM_TIME_MAX);
    ck_assert_int_eq(got.n, 2000);
    for (i = 0; i < 2000; i++) {
        ck_assert_uint_eq(got.at[i], want[i]);
        ck_assert_uint_eq(got.others[i], 0);
    }
    ck_assert_uint_eq(s.events, 2000);      /* one event per burst */
    ck_assert_uint_eq(l.moved, 0);
    ck_assert_double_eq_tol(rrline_utilization(&l), serial_utilization(&ref),
                            1e-9);
    rrline_release(&l);
    sim_release(&s);
}
END_TEST

/*
 * Tenants 0..k-1 with weights w, all backlogged with frames of one length
 * t: by time T tenant i has sent T/t * w_i / sum(w) frames.
 */
START_TEST(test_weighted_shares)
{
    static const double w[4] = {1, 3, 2, 0.5};
    const double t = 1000, horizon = 1e6;
    struct sim s;
    struct rrline l;
    double sumw = 0;
    int i;

    sim_init(&s);
    rrline_init(&l, &s, 4);
    for (i = 0; i < 4; i++) {
        rrline_set_weight(&l, (unsigned)i, w[i]);
        sumw += w[i];
        rrline_submit(&l, (unsigned)i, 1e4, (sim_time)(1e4 * t), 0, NULL,
                      NULL);
    }
    sim_run(&s, (sim_time)horizon);
    for (i = 0; i < 4; i++)
        ck_assert_double_eq_tol(rrline_frames_done(&l, (unsigned)i),
                                horizon / t * w[i] / sumw, 1e-6);
    ck_assert_double_eq_tol(rrline_utilization(&l), 1, 1e-12);
    rrline_release(&l);
    sim_release(&s);
}
END_TEST

/*
 * Two tenants, equal weights, bursts of a and b frames (a < b) of lengths
 * ta and tb submitted together: the first ends at a (ta + tb), having
 * waited a tb behind the other; the second at a ta + b tb, having waited
 * a ta.
 */
START_TEST(test_two_bursts_closed_form)
{
    const double a = 30, b = 100, ta = 1230, tb = 800;
    struct ends got = {.n = 0};
    struct sim s;
    struct rrline l;

    sim_init(&s);
    rrline_init(&l, &s, 2);
    rrline_submit(&l, 0, b, (sim_time)(b * tb), 0, ended, &got);
    rrline_submit(&l, 1, a, (sim_time)(a * ta), 0, ended, &got);
    sim_run(&s, SIM_TIME_MAX);
    ck_assert_int_eq(got.n, 2);
    ck_assert_uint_eq(got.at[0], (sim_time)(a * (ta + tb)));
    ck_assert_uint_eq(got.others[0], (sim_time)(a * tb));
    ck_assert_uint_eq(got.at[1], (sim_time)(a * ta + b * tb));
    ck_assert_uint_eq(got.others[1], (sim_time)(a * ta));
    rrline_release(&l);
    sim_release(&s);
}
END_TEST

/*
 * A burst of 100 frames alone from 0 (end 100 t); at 10 t another tenant
 * sends 10 frames: they share, so the newcomer ends at 10 t + 2 * 10 t,
 * and the first ends 10 t later than planned, its event moved once.
 */
START_TEST(test_late_tenant_moves_end)
{
    const sim_time t = 1000;
    struct ends got = {.n = 0};
    struct sim s;
    struct rrline l;

    sim_init(&s);
    rrline_init(&l, &s, 2);
    rrline_submit(&l, 0, 100, 100 * t, 0, ended, &got);
    sim_run(&s, 10 * t);
    rrline_submit(&l, 1, 10, 10 * t, 0, ended, &got);
    sim_run(&s, SIM_TIME_MAX);
    ck_assert_int_eq(got.n, 2);
    ck_assert_uint_eq(got.at[0], 30 * t);
    ck_assert_uint_eq(got.others[0], 10 * t);
    ck_assert_uint_eq(got.at[1], 110 * t);
    ck_assert_uint_eq(got.others[1], 10 * t);
    ck_assert_uint_eq(l.moved, 1);
    ck_assert_uint_eq(s.events, 2);
    rrline_release(&l);
    sim_release(&s);
}
END_TEST

/*
 * not_before delays the callback, not the line: the tenant's next burst
 * starts when the first is across, and both ends cost one event each.
 */
START_TEST(test_not_before)
{
    struct ends got = {.n = 0};
    struct sim s;
    struct rrline l;

    sim_init(&s);
    rrline_init(&l, &s, 1);
    rrline_submit(&l, 0, 1, 100, 5000, ended, &got);
    rrline_submit(&l, 0, 1, 100, 0, ended, &got);
    sim_run(&s, SIM_TIME_MAX);
    ck_assert_int_eq(got.n, 2);
    ck_assert_uint_eq(got.at[0], 200);      /* the second, at its end */
    ck_assert_uint_eq(got.at[1], 5000);     /* the first, held to 5000 */
    ck_assert_uint_eq(s.events, 2);
    rrline_release(&l);
    sim_release(&s);
}
END_TEST

/*
 * One frame arriving while n other tenants are backlogged with frames of
 * the same length t waits n t behind them: with hardware round robin a
 * small op's delay grows by one frame per busy neighbor, not by a turn.
 */
START_TEST(test_one_frame_behind_neighbors)
{
    const sim_time t = 123;
    struct ends got = {.n = 0};
    struct sim s;
    struct rrline l;
    unsigned i, n = 8;

    sim_init(&s);
    rrline_init(&l, &s, n + 1);
    for (i = 1; i <= n; i++)
        rrline_submit(&l, i, 700, 700 * t, 0, NULL, NULL);
    sim_run(&s, 50 * t);
    rrline_submit(&l, 0, 1, t, 0, ended, &got);
    sim_run(&s, SIM_TIME_MAX);
    ck_assert_int_eq(got.n, 1);
    ck_assert_uint_eq(got.at[0], 50 * t + (n + 1) * t);
    ck_assert_uint_eq(got.others[0], n * t);
    rrline_release(&l);
    sim_release(&s);
}
END_TEST

/*
 * Work conservation: whatever the tenants and weights, the line is busy
 * exactly while work is queued, so its busy time and the end of its last
 * burst equal a FCFS serial line's fed the same bursts (to the
 * picosecond the ends are rounded up to). Utilization is
 * read in mid-run to split the line's steps (rounding must not lose or
 * double a burst).
 */
START_TEST(test_work_conserving)
{
    static struct ends got;
    struct sim s;
    struct rrline l;
    struct serial ref;
    sim_time t = 0, last = 0, want_end = 0;
    uint64_t x = 0x9e3779b97f4a7c15u;
    int i;

    sim_init(&s);
    rrline_init(&l, &s, 3);
    rrline_set_weight(&l, 0, 1);
    rrline_set_weight(&l, 1, 2.5);
    rrline_set_weight(&l, 2, 0.7);
    serial_init(&ref, &s);
    got.n = 0;
    for (i = 0; i < 2000; i++) {
        sim_time service;
        double frames;

        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        t += x % 3000;
        service = 1 + (x >> 20) % 4000;
        frames = 1 + (double)((x >> 40) % 50);
        sim_run(&s, t);
        if (i % 7 == 0)
            (void)rrline_utilization(&l);
        want_end = serial_submit(&ref, service);
        rrline_submit(&l, (unsigned)((x >> 50) % 3), frames, service, 0,
                      ended, &got);
    }
    sim_run(&s, SIM_TIME_MAX);
    ck_assert_int_eq(got.n, 2000);
    for (i = 0; i < got.n; i++)
        if (got.at[i] > last)
            last = got.at[i];
    /* Ends are rounded up to the next picosecond. */
    ck_assert_uint_ge(last, want_end);
    ck_assert_uint_le(last, want_end + 1);
    ck_assert_double_eq_tol(rrline_utilization(&l), serial_utilization(&ref),
                            1e-9);
    rrline_release(&l);
    sim_release(&s);
}
END_TEST

Suite *rrline_suite(void)
{
    Suite *s = suite_create("rrline");
    TCase *c = tcase_create("core");

    tcase_add_test(c, test_alone_is_serial);
    tcase_add_test(c, test_weighted_shares);
    tcase_add_test(c, test_two_bursts_closed_form);
    tcase_add_test(c, test_late_tenant_moves_end);
    tcase_add_test(c, test_not_before);
    tcase_add_test(c, test_one_frame_behind_neighbors);
    tcase_add_test(c, test_work_conserving);
    suite_add_tcase(s, c);
    return s;
}
