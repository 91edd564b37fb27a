/*
 * check_napi.c - run-time interrupt coalescing of guests' network queues:
 * a poll takes the ops that arrive while it runs; moderation timers bound
 * a queue's interrupt rate to one per interval; the closed forms of the
 * frames one poll takes; and, through the machine, the per-VM cost it
 * implies: N SR-IOV guests sharing a rate raise more interrupts, and cost
 * more CPU, than one guest at that rate.
 */
#include <math.h>

#include "models/catalog.h"
#include "models/machine.h"
#include "models/napi.h"
#include "tests/suites.h"

#define US(x) sim_time_from_sec((x) * 1e-6)

START_TEST(test_poll_absorbs)
{
    struct napi n;
    sim_time go;

    napi_init(&n, 1, 0, 0);
    ck_assert_int_eq(napi_rx_arrive(&n, 0, US(1), &go), NAPI_RAISE);
    ck_assert_uint_eq(go, US(1));
    /* Frames arriving while the poll holds an op ride on it. */
    ck_assert_int_eq(napi_rx_arrive(&n, 0, US(2), &go), NAPI_ABSORB);
    ck_assert_uint_eq(go, US(2));
    napi_rx_done(&n, 0);
    ck_assert_int_eq(napi_rx_arrive(&n, 0, US(3), &go), NAPI_ABSORB);
    napi_rx_done(&n, 0);
    napi_rx_done(&n, 0);
    /* The poll ended: the next frame interrupts again. */
    ck_assert_int_eq(napi_rx_arrive(&n, 0, US(4), &go), NAPI_RAISE);
    ck_assert_double_eq(n.irqs_rx, 2);
    napi_release(&n);
}
END_TEST

START_TEST(test_rx_moderation_holds_back)
{
    struct napi n;
    sim_time go;

    napi_init(&n, 1, US(20), 0);
    ck_assert_int_eq(napi_rx_arrive(&n, 0, US(100), &go), NAPI_RAISE);
    ck_assert_uint_eq(go, US(100));
    napi_rx_done(&n, 0);
    /* 5 us later the timer holds the interrupt until 120 us... */
    ck_assert_int_eq(napi_rx_arrive(&n, 0, US(105), &go), NAPI_RAISE);
    ck_assert_uint_eq(go, US(120));
    /* ...and frames arriving meanwhile wait for that poll with it. */
    ck_assert_int_eq(napi_rx_arrive(&n, 0, US(110), &go), NAPI_ABSORB);
    ck_assert_uint_eq(go, US(120));
    napi_release(&n);
}
END_TEST

/* Completions every `gap` for `span`: interrupts fired, as the machine does. */
static double tx_irqs(double interval_us, double gap_us, double span_us)
{
    struct napi n;
    sim_time go, armed = SIM_TIME_MAX, t;
    double irqs;

    napi_init(&n, 1, 0, US(interval_us));
    for (t = 0; t < US(span_us); t += US(gap_us)) {
        if (armed <= t) {
            napi_tx_fired(&n, 0, armed);
            armed = SIM_TIME_MAX;
        }
        if (napi_tx_complete(&n, 0, t, &go))
            armed = go;
    }
    if (armed != SIM_TIME_MAX)
        napi_tx_fired(&n, 0, armed);
    irqs = n.irqs_tx;
    napi_release(&n);
    return irqs;
}

START_TEST(test_tx_moderation_rate)
{
    /* Faster than the interval (64 us, ENA): one interrupt per interval,
     * at 0, 64, ..., 6336 us, and one at 6400 for the tail. */
    ck_assert_double_eq(tx_irqs(64, 4, 6400), 101);
    /* Slower: every completion interrupts on its own. */
    ck_assert_double_eq(tx_irqs(64, 100, 10000), 100);
    /* No moderation: one per completion whatever the rate. */
    ck_assert_double_eq(tx_irqs(0, 4, 400), 100);
}
END_TEST

START_TEST(test_queues_in_turn)
{
    struct napi n;

    napi_init(&n, 3, 0, 0);
    ck_assert_uint_eq(napi_rx_queue(&n), 0);
    ck_assert_uint_eq(napi_rx_queue(&n), 1);
    ck_assert_uint_eq(napi_rx_queue(&n), 2);
    ck_assert_uint_eq(napi_rx_queue(&n), 0);
    ck_assert_uint_eq(napi_tx_queue(&n), 0);
    napi_release(&n);
}
END_TEST

START_TEST(test_extra_irqs_closed_forms)
{
    /* One frame, or a poll slower than the frames: no more interrupts. */
    ck_assert_double_eq(napi_extra_irqs(1, 1e-3, 0, 1e-6, 0), 0);
    ck_assert_double_eq(napi_extra_irqs(101, 100e-6, 2e-6, 1e-6, 0), 0);
    /* Frames 1 us apart, poll 0.2 us each, interrupt 0.4 us: a poll takes
     * 0.4 / (1 - 0.2) = 0.5 -> at least 1 frame: every frame interrupts. */
    ck_assert_double_eq_tol(napi_extra_irqs(101, 100e-6, 0.2e-6, 0.4e-6, 0),
                            100, 1e-9);
    /* Interrupt 1.6 us: 1.6 / 0.8 = 2 frames a poll. */
    ck_assert_double_eq_tol(napi_extra_irqs(101, 100e-6, 0.2e-6, 1.6e-6, 0),
                            50, 1e-9);
    /* A 10 us moderation interval: 10 frames an interrupt. */
    ck_assert_double_eq_tol(napi_extra_irqs(101, 100e-6, 0.2e-6, 0.4e-6, 10e-6),
                            10, 1e-9);
}
END_TEST

struct pacer {
    struct machine *m;
    unsigned guest;
    struct op op;
    sim_time period;
};

static void pace(struct sim *s, void *ctx, uint64_t arg)
{
    struct pacer *pc = ctx;

    (void)arg;
    machine_run_op(pc->m, pc->guest, &pc->op, NULL, NULL);
    sim_after(s, pc->period, pace, pc, 0);
}

/*
 * guests SR-IOV guests (generation gen) on one host, together sending
 * total_rate one-frame messages a second for 20 ms; returns their
 * interrupts and, in *cpu, the CPU seconds of interrupt delivery
 * (vmexit category) and guest kernel.
 */
static double shared_rate(const char *gen, unsigned guests, double total_rate,
                          double *cpu)
{
    struct sim s;
    struct machine m;
    struct param_set p;
    struct pacer pc[8];
    double irqs = 0;
    unsigned i;

    ck_assert_uint_le(guests, 8);
    param_set_defaults(&p);
    param_set_value(&p, "guest.hz", 0, NULL);
    sim_init(&s);
    ck_assert_int_eq(machine_init(&m, &s, catalog_find("c5n.4xlarge", NULL),
                                  generation_find(gen, NULL), &p, guests,
                                  NULL), 0);
    for (i = 0; i < guests; i++) {
        pc[i] = (struct pacer){
            .m = &m, .guest = i,
            .op = {.kind = OP_NET_TX, .bytes = 1000},
            .period = sim_time_from_sec(guests / total_rate)};
        sim_after(&s, US(0.1 * i), pace, &pc[i], 0);
    }
    sim_run(&s, sim_time_from_sec(0.02));
    *cpu = 0;
    for (i = 0; i < guests; i++) {
        irqs += m.g[i].napi.irqs_tx;
        *cpu += (m.g[i].st.cpu_ps[CAT_VMEXIT] +
                 m.g[i].st.cpu_ps[CAT_GUEST_KERNEL]) / 1e12;
    }
    machine_release(&m);
    sim_release(&s);
    return irqs;
}

/*
 * 800k messages/s from one 16-vCPU guest spread over its 8 queues: 100k/s
 * a queue, above the 64 us moderation rate, so 8 / 64 us = 125k
 * interrupts/s. Spread over 4 guests each queue sees 25k/s, still above:
 * 4 x 125k. Over 8 guests 12.5k/s a queue, below it: every message
 * interrupts, 800k/s. The per-VM cost: interrupts, and the CPU spent on
 * them, grow with the number of guests sharing the rate.
 */
START_TEST(test_guests_sharing_a_rate_cost_more)
{
    const char *gens[] = {"nitro", "xen-sriov-net"};
    double cpu1, cpu4, cpu8, irq1, irq4, irq8;
    size_t k;

    for (k = 0; k < sizeof(gens) / sizeof(gens[0]); k++) {
        irq1 = shared_rate(gens[k], 1, 8e5, &cpu1);
        irq4 = shared_rate(gens[k], 4, 8e5, &cpu4);
        irq8 = shared_rate(gens[k], 8, 8e5, &cpu8);
        ck_assert_msg(fabs(irq1 / (0.02 * 8 / 64e-6) - 1) < 0.02,
                      "%s: %g interrupts from one guest", gens[k], irq1);
        ck_assert_msg(fabs(irq4 / (4 * 0.02 * 8 / 64e-6) - 1) < 0.02,
                      "%s: %g interrupts from four guests", gens[k], irq4);
        ck_assert_msg(fabs(irq8 / (0.02 * 8e5) - 1) < 0.02,
                      "%s: %g interrupts from eight guests", gens[k], irq8);
        ck_assert_double_gt(cpu4, cpu1);
        ck_assert_double_gt(cpu8, cpu4);
    }
}
END_TEST

Suite *napi_suite(void)
{
    Suite *s = suite_create("napi");
    TCase *tc = tcase_create("coalescing");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_poll_absorbs);
    tcase_add_test(tc, test_rx_moderation_holds_back);
    tcase_add_test(tc, test_tx_moderation_rate);
    tcase_add_test(tc, test_queues_in_turn);
    tcase_add_test(tc, test_extra_irqs_closed_forms);
    tcase_add_test(tc, test_guests_sharing_a_rate_cost_more);
    suite_add_tcase(s, tc);
    return s;
}
