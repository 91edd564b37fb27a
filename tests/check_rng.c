/*
 * check_rng.c - random streams: same coordinates give the same stream,
 * any changed coordinate gives an unrelated one, and the draws have the
 * moments they should.
 */
#include <math.h>

#include "sim/rng.h"
#include "tests/suites.h"

START_TEST(test_reproducible)
{
    struct rng_stream a, b;
    int i;

    ck_assert_int_eq(rng_stream_init(&a, 42, 3, 1, 7), 0);
    ck_assert_int_eq(rng_stream_init(&b, 42, 3, 1, 7), 0);
    ck_assert_uint_eq(a.seed, b.seed);
    for (i = 0; i < 1000; i++)
        ck_assert_double_eq(rng_uniform_pos(&a), rng_uniform_pos(&b));
    rng_stream_release(&a);
    rng_stream_release(&b);
    ck_assert_ptr_null(a.r);
}
END_TEST

/* Sample correlation of two streams' uniforms over n draws. */
static double correlation(struct rng_stream *x, struct rng_stream *y, int n)
{
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    int i;

    for (i = 0; i < n; i++) {
        double u = rng_uniform_pos(x), v = rng_uniform_pos(y);

        sx += u;
        sy += v;
        sxx += u * u;
        syy += v * v;
        sxy += u * v;
    }
    return (n * sxy - sx * sy) /
           sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
}

START_TEST(test_coordinates_independent)
{
    /* Base stream, then one coordinate changed at a time. */
    static const uint64_t c[][4] = {
        {42, 0, 0, 0}, {43, 0, 0, 0}, {42, 1, 0, 0},
        {42, 0, 1, 0}, {42, 0, 0, 1}, {42, 0, 0, 2},
    };
    enum { K = sizeof(c) / sizeof(c[0]), N = 100000 };
    struct rng_stream s[K], t[K];
    int i, j;

    for (i = 0; i < K; i++) {
        ck_assert_int_eq(rng_stream_init(&s[i], c[i][0], c[i][1], c[i][2],
                                         c[i][3]), 0);
        for (j = 0; j < i; j++)
            ck_assert_uint_ne(s[i].seed, s[j].seed);
    }
    /*
     * |r| of independent uniforms over N draws has sd 1/sqrt(N) ~ 0.003;
     * 0.02 is over six standard deviations.
     */
    for (i = 0; i < K; i++) {
        for (j = i + 1; j < K; j++) {
            double r;

            rng_stream_init(&t[0], c[i][0], c[i][1], c[i][2], c[i][3]);
            rng_stream_init(&t[1], c[j][0], c[j][1], c[j][2], c[j][3]);
            r = correlation(&t[0], &t[1], N);
            ck_assert_msg(fabs(r) < 0.02, "streams %d and %d correlate: %g",
                          i, j, r);
            rng_stream_release(&t[0]);
            rng_stream_release(&t[1]);
        }
    }
    for (i = 0; i < K; i++)
        rng_stream_release(&s[i]);
}
END_TEST

START_TEST(test_mix_and_fold)
{
    ck_assert_uint_ne(rng_mix(1, 2, 3, 4), rng_mix(1, 2, 4, 3));
    ck_assert_uint_ne(rng_mix(0, 0, 0, 0), rng_mix(0, 0, 0, 1));
    ck_assert_uint_ne(rng_fold32(0), 0);
    ck_assert_uint_ne(rng_fold32(UINT64_C(0x0000000100000001)), 0);
    ck_assert_uint_eq(rng_fold32(UINT64_C(0x00000000deadbeef)), 0xdeadbeef);
}
END_TEST

START_TEST(test_exponential_moments)
{
    enum { N = 200000 };
    struct rng_stream st;
    double sum = 0, sumsq = 0, mean, var;
    int i;

    rng_stream_init(&st, 5, 0, 0, 0);
    for (i = 0; i < N; i++) {
        double x = (double)rng_exponential_ps(&st, 1e6);

        sum += x;
        sumsq += x * x;
    }
    mean = sum / N;
    var = sumsq / N - mean * mean;
    /* Standard error of the mean is 1e6/sqrt(N) ~ 2236 ps: allow 5 of them. */
    ck_assert_msg(fabs(mean - 1e6) < 5 * 2236, "seed 5: mean %g", mean);
    ck_assert_msg(fabs(sqrt(var) / 1e6 - 1) < 0.02, "seed 5: sd %g",
                  sqrt(var));
    rng_stream_release(&st);
}
END_TEST

Suite *rng_suite(void)
{
    Suite *s = suite_create("rng");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_reproducible);
    tcase_add_test(tc, test_coordinates_independent);
    tcase_add_test(tc, test_mix_and_fold);
    tcase_add_test(tc, test_exponential_moments);
    suite_add_tcase(s, tc);
    return s;
}
