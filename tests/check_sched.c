/*
 * check_sched.c - physical cores under a scheduler (models/sched.c) against
 * what the rules imply: CPU-bound threads of equal weight on one core get
 * half each, weights 2:1 give 2/3 and 1/3 (credit and fair), a cap holds
 * its share on an otherwise idle core, a waking thread waits at most one
 * slice, steal is exactly runnable-but-not-running time, with a core per
 * thread nothing is stolen and a group behaves as a c-server FCFS queue
 * job for job, and with small slices one core serves as processor
 * sharing: E[T/S] = 1/(1 - rho) (infinite under FCFS for exponential S).
 */
#include <math.h>
#include <string.h>

#include "models/sched.h"
#include "sim/cqueue.h"
#include "sim/rng.h"
#include "tests/suites.h"

#define SEC SIM_PS_PER_S

/* Two CPU-bound groups of one thread on one core, for `secs` seconds. */
static void two_hogs(const struct sched_policy_ops *pol, double w0, double w1,
                     double secs, double *share0, double *share1)
{
    struct sim sim;
    struct sched s;
    unsigned g0, g1;

    sim_init(&sim);
    sched_init(&s, &sim, 1, pol, NULL);
    g0 = sched_add_group(&s, 1, w0, 0);
    g1 = sched_add_group(&s, 1, w1, 0);
    sched_start(&s);
    sched_submit(&s, g0, 1000 * SEC, NULL, NULL, 0);
    sched_submit(&s, g1, 1000 * SEC, NULL, NULL, 0);
    sim_run(&sim, (sim_time)(secs * SEC));
    *share0 = (double)sched_run_ps(&s, 0) / (secs * SEC);
    *share1 = (double)sched_run_ps(&s, 1) / (secs * SEC);
    /* One thread runs, the other waits, at every instant. */
    ck_assert_uint_eq(sched_run_ps(&s, 0) + sched_run_ps(&s, 1),
                      (sim_time)(secs * SEC));
    ck_assert_uint_eq(sched_steal_ps(&s, 0) + sched_steal_ps(&s, 1),
                      (sim_time)(secs * SEC));
    ck_assert_uint_eq(sched_run_ps(&s, 0) + sched_steal_ps(&s, 0),
                      (sim_time)(secs * SEC));
    ck_assert(fabs(sched_utilization(&s) - 1) < 1e-12);
    sched_release(&s);
    sim_release(&sim);
}

START_TEST(test_equal_weights_half_each)
{
    const struct sched_policy_ops *pols[] = {&sched_credit_policy,
                                             &sched_fair_policy};
    double a, b;
    int i;

    for (i = 0; i < 2; i++) {
        two_hogs(pols[i], 256, 256, 10, &a, &b);
        ck_assert_msg(fabs(a - 0.5) < 0.01 && fabs(b - 0.5) < 0.01,
                      "%s: %.4f / %.4f", pols[i]->name, a, b);
    }
}
END_TEST

START_TEST(test_weights_two_to_one)
{
    const struct sched_policy_ops *pols[] = {&sched_credit_policy,
                                             &sched_fair_policy};
    double a, b;
    int i;

    for (i = 0; i < 2; i++) {
        two_hogs(pols[i], 512, 256, 30, &a, &b);
        ck_assert_msg(fabs(a - 2.0 / 3) < 0.01 && fabs(b - 1.0 / 3) < 0.01,
                      "%s: %.4f / %.4f", pols[i]->name, a, b);
    }
}
END_TEST

START_TEST(test_cap_holds_on_an_idle_core)
{
    struct sim sim;
    struct sched s;
    unsigned g;
    double share;

    sim_init(&sim);
    sched_init(&s, &sim, 2, &sched_credit_policy, NULL);
    g = sched_add_group(&s, 1, 256, 0.25);
    sched_start(&s);
    sched_submit(&s, g, 1000 * SEC, NULL, NULL, 0);
    sim_run(&sim, 30 * SEC);
    share = (double)sched_run_ps(&s, 0) / (30.0 * SEC);
    ck_assert_msg(fabs(share - 0.25) < 0.01, "capped share %.4f", share);
    /* Held back by its cap, not by another thread: that wait is steal. */
    ck_assert_uint_eq(sched_run_ps(&s, 0) + sched_steal_ps(&s, 0), 30 * SEC);
    sched_release(&s);
    sim_release(&sim);
}
END_TEST

struct waits {
    struct sched *s;
    unsigned g;
    sim_time max_wait, period, work;
    uint64_t n;
    sim_time last_submit;
};

/* A job of `work` every `period`: how long each waits beyond its work. */
static void periodic(struct sim *sim, void *ctx, uint64_t arg);

static void periodic_done(struct sim *sim, void *ctx, uint64_t arg,
                          sim_time wait_ps, sim_time service_ps)
{
    struct waits *w = ctx;
    sim_time resp = sim->now - w->last_submit;

    (void)arg;
    (void)wait_ps;
    if (resp - service_ps > w->max_wait)
        w->max_wait = resp - service_ps;
    w->n++;
}

static void periodic(struct sim *sim, void *ctx, uint64_t arg)
{
    struct waits *w = ctx;

    w->last_submit = sim->now;
    sched_submit(w->s, w->g, w->work, periodic_done, w, arg);
    sim_after(sim, w->period, periodic, w, arg + 1);
}

START_TEST(test_waking_thread_waits_at_most_a_slice)
{
    const struct sched_policy_ops *pols[] = {&sched_credit_policy,
                                             &sched_fair_policy};
    int i;

    for (i = 0; i < 2; i++) {
        struct sim sim;
        struct sched s;
        struct waits w = {.period = 7 * SIM_PS_PER_MS,
                          .work = SIM_PS_PER_MS / 10};
        unsigned hog;

        sim_init(&sim);
        sched_init(&s, &sim, 1, pols[i], NULL);
        hog = sched_add_group(&s, 1, 256, 0);
        w.g = sched_add_group(&s, 1, 256, 0);
        w.s = &s;
        sched_start(&s);
        sched_submit(&s, hog, 1000 * SEC, NULL, NULL, 0);
        sim_at(&sim, SIM_PS_PER_MS / 3, periodic, &w, 0);
        sim_run(&sim, 5 * SEC);
        ck_assert_uint_gt(w.n, 700);
        ck_assert_msg(w.max_wait <= s.ops->slice(&s, &s.t[0]),
                      "%s: waited %.3f ms", pols[i]->name,
                      (double)w.max_wait / SIM_PS_PER_MS);
        sched_release(&s);
        sim_release(&sim);
    }
}
END_TEST

struct trace {
    sim_time at[512];
    int n;
};

static void log_sched(struct sim *sim, void *ctx, uint64_t arg,
                      sim_time wait_ps, sim_time service_ps)
{
    struct trace *t = ctx;

    (void)wait_ps;
    (void)service_ps;
    t->at[arg] = sim->now;
    t->n++;
}

static void log_cq(struct sim *sim, void *ctx, uint64_t arg, sim_time wait_ps,
                   sim_time service_ps)
{
    log_sched(sim, ctx, arg, wait_ps, service_ps);
}

struct feeder {
    struct sched *s;
    struct cqueue *q;
    struct rng_stream st;
    struct trace *ts, *tq;
    uint64_t i;
};

static void feed(struct sim *sim, void *ctx, uint64_t arg)
{
    struct feeder *f = ctx;
    sim_time service = rng_exponential_ps(&f->st, 2.0 * SIM_PS_PER_MS);

    (void)arg;
    sched_submit(f->s, 0, service, log_sched, f->ts, f->i);
    cqueue_submit(f->q, service, log_cq, f->tq, f->i);
    if (++f->i < 512)
        sim_after(sim, rng_exponential_ps(&f->st, 0.6 * SIM_PS_PER_MS), feed,
                  f, 0);
}

START_TEST(test_a_core_per_thread_is_a_cqueue)
{
    const struct sched_policy_ops *pols[] = {&sched_credit_policy,
                                             &sched_fair_policy};
    int p, i;

    for (p = 0; p < 2; p++) {
        static struct trace ts, tq;
        struct sim sim;
        struct sched s;
        struct cqueue q;
        struct feeder f = {.s = &s, .q = &q, .ts = &ts, .tq = &tq};

        ts.n = tq.n = 0;
        sim_init(&sim);
        sched_init(&s, &sim, 4, pols[p], NULL);
        sched_add_group(&s, 4, 256, 0);
        sched_start(&s);
        cqueue_init(&q, &sim, 4, 0);
        ck_assert_int_eq(rng_stream_init(&f.st, 1, 0, 0, 9), 0);
        sim_at(&sim, 0, feed, &f, 0);
        sim_run(&sim, 60 * SEC);
        ck_assert_int_eq(ts.n, 512);
        ck_assert_int_eq(tq.n, 512);
        for (i = 0; i < 512; i++)
            ck_assert_uint_eq(ts.at[i], tq.at[i]);
        for (i = 0; i < 4; i++)
            ck_assert_uint_eq(sched_steal_ps(&s, (unsigned)i), 0);
        rng_stream_release(&f.st);
        cqueue_release(&q);
        sched_release(&s);
        sim_release(&sim);
    }
}
END_TEST

struct ps_run {
    struct sched *s;
    struct rng_stream st;
    double lambda_ps, mean_ps;
    double sum_ratio;
    uint64_t n, submitted;
    sim_time measure_from;
};

static void ps_done(struct sim *sim, void *ctx, uint64_t arg, sim_time wait_ps,
                    sim_time service_ps)
{
    struct ps_run *r = ctx;
    sim_time arrived = (sim_time)arg;

    (void)wait_ps;
    if (arrived >= r->measure_from) {
        r->sum_ratio += (double)(sim->now - arrived) / (double)service_ps;
        r->n++;
    }
}

static void ps_arrive(struct sim *sim, void *ctx, uint64_t arg)
{
    struct ps_run *r = ctx;
    sim_time service = rng_exponential_ps(&r->st, r->mean_ps);

    (void)arg;
    if (service == 0)
        service = 1;
    sched_submit(r->s, 0, service, ps_done, r, sim->now);
    r->submitted++;
    sim_after(sim, rng_exponential_ps(&r->st, 1 / r->lambda_ps), ps_arrive, r,
              0);
}

START_TEST(test_small_slices_are_processor_sharing)
{
    struct sim sim;
    struct sched s;
    struct sched_params p;
    struct ps_run r = {.s = &s, .mean_ps = 1.0 * SIM_PS_PER_MS};
    double rho = 0.5, got;

    sched_params_defaults(&p, 1);
    p.latency_ps = 20 * SIM_PS_PER_US;
    p.min_granularity_ps = 20 * SIM_PS_PER_US;
    p.wakeup_granularity_ps = 0;
    r.lambda_ps = rho / r.mean_ps;
    r.measure_from = 2 * SEC;
    sim_init(&sim);
    sched_init(&s, &sim, 1, &sched_fair_policy, &p);
    /* A thread per job in the system (more than are ever present). */
    sched_add_group(&s, 256, 256, 0);
    sched_start(&s);
    ck_assert_int_eq(rng_stream_init(&r.st, 3, 0, 0, 1), 0);
    sim_at(&sim, 0, ps_arrive, &r, 0);
    sim_run(&sim, 22 * SEC);
    got = r.sum_ratio / (double)r.n;
    ck_assert_uint_gt(r.n, 8000);
    /* E[T | S = s] = s / (1 - rho) under PS: E[T/S] = 2 at rho 0.5. */
    ck_assert_msg(fabs(got - 1 / (1 - rho)) < 0.08, "E[T/S] = %.4f", got);
    rng_stream_release(&r.st);
    sched_release(&s);
    sim_release(&sim);
}
END_TEST

START_TEST(test_policy_names)
{
    struct diag dg;

    diag_init(&dg, NULL);
    ck_assert_ptr_eq(sched_policy_find("credit", &dg), &sched_credit_policy);
    ck_assert_ptr_eq(sched_policy_find("fair", &dg), &sched_fair_policy);
    ck_assert_ptr_null(sched_policy_find("credits", &dg));
    ck_assert_int_eq(dg.count, 1);
    ck_assert_ptr_nonnull(strstr(dg.e[0].msg, "did you mean 'credit'"));
}
END_TEST

Suite *sched_suite(void)
{
    Suite *s = suite_create("sched");
    TCase *tc = tcase_create("sched");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_equal_weights_half_each);
    tcase_add_test(tc, test_weights_two_to_one);
    tcase_add_test(tc, test_cap_holds_on_an_idle_core);
    tcase_add_test(tc, test_waking_thread_waits_at_most_a_slice);
    tcase_add_test(tc, test_a_core_per_thread_is_a_cqueue);
    tcase_add_test(tc, test_small_slices_are_processor_sharing);
    tcase_add_test(tc, test_policy_names);
    suite_add_tcase(s, tc);
    return s;
}
