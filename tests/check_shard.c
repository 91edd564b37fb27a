/*
 * check_shard.c - tests for run/shard.c, run/merge.c, run/journal.c and
 * the runner's task subsets: shard specs, every task in exactly one shard,
 * a shard's cells equal to the whole run's, shards written and merged back
 * to the whole run's results.json, the journal written, cut short and
 * resumed, refusals of another seed, and pool backends.
 */
#define _DEFAULT_SOURCE         /* mkdtemp, open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run/journal.h"
#include "run/merge.h"
#include "run/pool.h"
#include "run/runner.h"
#include "run/shard.h"
#include "reports/format.h"
#include "tests/suites.h"

static volatile sig_atomic_t no_stop;
static const char *const sweep = "tests/shard/sweep.json";

/* ---- shard specs ---- */

static const struct {
    const char *spec;
    int ok;
    unsigned k, n;
} specs[] = {
    { "1/1", 1, 1, 1 }, { "2/3", 1, 2, 3 }, { "3/3", 1, 3, 3 },
    { "100000/100000", 1, 100000, 100000 },
    { "0/2", 0, 0, 0 }, { "3/2", 0, 0, 0 }, { "2", 0, 0, 0 },
    { "1/0", 0, 0, 0 }, { "a/b", 0, 0, 0 }, { "-1/2", 0, 0, 0 },
    { "1/2x", 0, 0, 0 }, { "", 0, 0, 0 }, { "1/100001", 0, 0, 0 },
    { " 1/2", 0, 0, 0 }, { "1//2", 0, 0, 0 },
};

START_TEST(test_parse)
{
    struct shard s = {0, 0};
    struct diag dg;
    int rc;

    diag_init(&dg, "test");
    rc = shard_parse(specs[_i].spec, &s, &dg);
    if (specs[_i].ok) {
        ck_assert_int_eq(rc, 0);
        ck_assert_uint_eq(s.k, specs[_i].k);
        ck_assert_uint_eq(s.n, specs[_i].n);
    } else {
        ck_assert_int_eq(rc, -1);
        ck_assert_ptr_nonnull(strstr(dg.e[0].msg, "--shard must be K/N"));
        ck_assert_ptr_nonnull(strstr(dg.e[0].msg, specs[_i].spec));
        ck_assert_uint_eq(s.n, 0);      /* untouched */
    }
}
END_TEST

/* Over n tasks and N shards, each task is in exactly one shard. */
START_TEST(test_partition)
{
    size_t n, i, total;
    unsigned N, k, owners;

    for (n = 0; n <= 20; n++) {
        for (N = 1; N <= 7; N++) {
            total = 0;
            for (k = 1; k <= N; k++) {
                struct shard s = {k, N};
                char *m = shard_mask(&s, n);
                size_t c = 0;

                for (i = 0; i < n; i++)
                    c += m[i] != 0;
                ck_assert_uint_eq(c, shard_count(&s, n));
                total += c;
                free(m);
            }
            ck_assert_uint_eq(total, n);
            for (i = 0; i < n; i++) {
                owners = 0;
                for (k = 1; k <= N; k++) {
                    struct shard s = {k, N};

                    owners += shard_has(&s, i);
                }
                ck_assert_uint_eq(owners, 1);
            }
        }
    }
    {
        struct shard whole = {0, 0};

        ck_assert_ptr_null(shard_mask(&whole, 5));
        ck_assert(shard_has(&whole, 4));
        ck_assert_uint_eq(shard_count(&whole, 5), 5);
    }
}
END_TEST

START_TEST(test_paths)
{
    struct strbuf sb = STRBUF_INIT;
    struct shard s = {2, 7}, whole = {0, 0};

    ck_assert_str_eq(shard_path(&sb, "out", &s, "json"),
                     "out/shard-2-of-7.json");
    ck_assert_str_eq(shard_path(&sb, "out", &whole, "journal"),
                     "out/cells.journal");
    strbuf_release(&sb);
}
END_TEST

/* ---- fixtures: the sweep, run whole once ---- */

static struct scenario sc;
static struct results whole;
static char tmpdir[64];

static void setup(void)
{
    struct runner_opts ro = {.jobs = 1, .progress = PROGRESS_NEVER};
    struct diag dg;

    diag_init(&dg, sweep);
    ck_assert_msg(scenario_load(sweep, &sc, &dg) == 0, "%s", dg.e[0].msg);
    results_init(&whole, sc.name, sc.effective);
    snprintf(whole.version, sizeof(whole.version), "test");
    ck_assert_int_eq(runner_run(&sc, &ro, &whole, &no_stop, &dg), RUN_OK);
    ck_assert_uint_eq(whole.ncells, 12);
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/check_shard.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
    char cmd[128];

    results_release(&whole);
    scenario_release(&sc);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

static char *render_json(const struct results *r)
{
    struct diag dg;
    char *buf = NULL;
    size_t size = 0;
    FILE *fp = open_memstream(&buf, &size);

    ck_assert_ptr_nonnull(fp);
    diag_init(&dg, NULL);
    ck_assert_int_eq(json_format.write(r, fp, &dg), 0);
    ck_assert_int_eq(fclose(fp), 0);
    return buf;
}

static void run_into(struct results *r, const struct runner_opts *ro)
{
    struct diag dg;

    diag_init(&dg, sweep);
    results_init(r, sc.name, sc.effective);
    snprintf(r->version, sizeof(r->version), "test");
    ck_assert_int_eq(runner_run(&sc, ro, r, &no_stop, &dg), RUN_OK);
}

/* ---- runner subsets ---- */

struct seen {
    size_t n;
    size_t task[16];
};

static void note_task(void *ctx, size_t task, const struct cell_result *c)
{
    struct seen *s = ctx;

    (void)c;
    ck_assert_uint_lt(s->n, 16);
    s->task[s->n++] = task;
}

START_TEST(test_runner_shard_cells)
{
    struct shard s = {2, 3};
    char *m = shard_mask(&s, 12);
    struct seen seen = {0};
    struct runner_opts ro = {.jobs = 2, .progress = PROGRESS_NEVER,
                             .only = m, .on_task = note_task,
                             .on_task_ctx = &seen};
    struct results r;
    size_t i;

    run_into(&r, &ro);
    ck_assert_uint_eq(r.ncells, 4);
    ck_assert_uint_eq(seen.n, 4);
    for (i = 0; i < 4; i++) {
        /* Shard 2 of 3 holds tasks 1, 4, 7, 10, bit for bit. */
        ck_assert_int_eq(memcmp(&r.cells[i], &whole.cells[1 + 3 * i],
                                sizeof(r.cells[i])), 0);
    }
    results_release(&r);
    free(m);
}
END_TEST

START_TEST(test_runner_given_cells)
{
    char given[12] = {1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1};
    struct seen seen = {0};
    struct runner_opts ro = {.jobs = 1, .progress = PROGRESS_NEVER,
                             .given = given, .given_cells = whole.cells,
                             .on_task = note_task, .on_task_ctx = &seen};
    struct results r;
    size_t i;

    run_into(&r, &ro);
    ck_assert_uint_eq(r.ncells, 12);
    ck_assert_uint_eq(seen.n, 5);       /* only those not given ran */
    for (i = 0; i < seen.n; i++)
        ck_assert(!given[seen.task[i]]);
    for (i = 0; i < 12; i++)
        ck_assert_int_eq(memcmp(&r.cells[i], &whole.cells[i],
                                sizeof(r.cells[i])), 0);
    results_release(&r);
}
END_TEST

/* ---- shard files and merge ---- */

static void write_shard(unsigned k, unsigned n, const char *dir)
{
    struct shard s = {k, n};
    char *m = shard_mask(&s, 12);
    struct runner_opts ro = {.jobs = 1, .progress = PROGRESS_NEVER,
                             .only = m};
    struct results r;
    struct diag dg;

    run_into(&r, &ro);
    diag_init(&dg, NULL);
    ck_assert_int_eq(shard_write(dir, &s, 12, &r, &dg), 0);
    results_release(&r);
    free(m);
}

START_TEST(test_merge_round_trip)
{
    const char *paths[1] = {tmpdir};
    struct results merged;
    struct diag dg;
    char *a, *b;
    unsigned k;

    for (k = 1; k <= 5; k++)
        write_shard(k, 5, tmpdir);
    diag_init(&dg, "merge");
    ck_assert_msg(merge_shards(paths, 1, &merged, &dg) == 0, "%s",
                  dg.e[0].msg);
    ck_assert_uint_eq(merged.ncells, 12);
    ck_assert_str_eq(merged.version, "test");
    a = render_json(&whole);
    b = render_json(&merged);
    ck_assert_str_eq(a, b);
    free(a);
    free(b);
    results_release(&merged);
}
END_TEST

START_TEST(test_merge_missing)
{
    const char *paths[1] = {tmpdir};
    struct results merged;
    struct diag dg;

    write_shard(1, 3, tmpdir);
    write_shard(3, 3, tmpdir);
    diag_init(&dg, "merge");
    ck_assert_int_eq(merge_shards(paths, 1, &merged, &dg), -1);
    ck_assert_ptr_nonnull(strstr(dg.e[0].msg, "shard 2 of 3 is missing"));
    ck_assert_uint_eq(merged.ncells, 0);
    ck_assert_ptr_null(merged.cells);
}
END_TEST

/* ---- the journal ---- */

START_TEST(test_journal_resume)
{
    struct shard whole_run = {0, 0};
    struct journal j;
    struct diag dg;
    char given[12] = {0};
    struct cell_result back[12];
    struct strbuf path = STRBUF_INIT;
    size_t ndone;
    FILE *fp;

    journal_init(&j, tmpdir, &whole_run, 12, sc.effective, "test");
    journal_add(&j, 5, &whole.cells[5]);
    journal_add(&j, 0, &whole.cells[0]);
    journal_add(&j, 11, &whole.cells[11]);
    diag_init(&dg, NULL);
    ck_assert_int_eq(journal_release(&j, false, &dg), 0);
    /* A crash in the middle of a line. */
    fp = fopen(shard_path(&path, tmpdir, &whole_run, "journal"), "a");
    ck_assert_ptr_nonnull(fp);
    fputs("{\"task\": 3, \"cell\": {\"instance\": \"c5", fp);
    ck_assert_int_eq(fclose(fp), 0);

    memset(back, 0, sizeof(back));
    journal_init(&j, tmpdir, &whole_run, 12, sc.effective, "test");
    diag_init(&dg, NULL);
    ck_assert_msg(journal_resume(&j, given, back, &ndone, &dg) == 0, "%s",
                  dg.e[0].msg);
    ck_assert_uint_eq(ndone, 3);
    ck_assert(given[0] && given[5] && given[11] && !given[3]);
    /* Exact doubles: the cells come back as they went in, JSON fields. */
    ck_assert_double_eq(back[5].lat_p99.mean, whole.cells[5].lat_p99.mean);
    ck_assert_double_eq(back[11].throughput_rps.ci95,
                        whole.cells[11].throughput_rps.ci95);
    ck_assert_double_eq(back[0].spectrum_us[7], whole.cells[0].spectrum_us[7]);
    ck_assert_double_eq(back[0].util_backend.mean,
                        whole.cells[0].util_backend.mean);
    /* The rewritten journal takes appends after whole lines. */
    journal_add(&j, 3, &whole.cells[3]);
    ck_assert_int_eq(journal_release(&j, false, &dg), 0);
    memset(given, 0, sizeof(given));
    journal_init(&j, tmpdir, &whole_run, 12, sc.effective, "test");
    ck_assert_int_eq(journal_resume(&j, given, back, &ndone, &dg), 0);
    ck_assert_uint_eq(ndone, 4);
    ck_assert(given[3]);
    ck_assert_int_eq(journal_release(&j, true, &dg), 0);
    ck_assert_int_eq(access(path.buf, F_OK), -1);
    strbuf_release(&path);
}
END_TEST

START_TEST(test_journal_other_seed)
{
    struct shard whole_run = {0, 0};
    struct journal j;
    struct diag dg;
    char given[12] = {0};
    struct cell_result back[12];
    json_t *other = json_deep_copy(sc.effective);
    size_t ndone;

    journal_init(&j, tmpdir, &whole_run, 12, sc.effective, "test");
    journal_add(&j, 1, &whole.cells[1]);
    journal_add(&j, 2, &whole.cells[2]);
    diag_init(&dg, NULL);
    ck_assert_int_eq(journal_release(&j, false, &dg), 0);
    json_object_set_new(other, "seed", json_integer(12345));
    journal_init(&j, tmpdir, &whole_run, 12, other, "test");
    ck_assert_int_eq(journal_resume(&j, given, back, &ndone, &dg), -1);
    ck_assert_ptr_nonnull(strstr(dg.e[0].msg, "of a different seed"));
    ck_assert_int_eq(dg.e[0].line, 1);
    journal_release(&j, false, &dg);
    json_decref(other);
}
END_TEST

START_TEST(test_journal_nothing_written_without_cells)
{
    struct shard s = {1, 2};
    struct journal j;
    struct diag dg;
    char sub[128];

    snprintf(sub, sizeof(sub), "%s/never", tmpdir);
    journal_init(&j, sub, &s, 12, sc.effective, "test");
    diag_init(&dg, NULL);
    ck_assert_int_eq(journal_release(&j, true, &dg), 0);
    ck_assert_int_eq(access(sub, F_OK), -1);
}
END_TEST

/* ---- pool backends ---- */

static int fake_calls;

static enum run_status fake_run(size_t n, const struct pool_opts *o,
                                size_t rec_size, pool_task_fn *fn,
                                const void *ctx, void *recs,
                                volatile sig_atomic_t *stop, struct diag *dg)
{
    size_t i;

    fake_calls++;
    /* Backwards, to show that order does not matter to the caller. */
    for (i = n; i-- > 0;) {
        enum run_status st = fn(i, (char *)recs + i * rec_size, ctx, stop, dg);

        if (st != RUN_OK)
            return st;
        if (o->have)
            o->have[i] = 1;
    }
    return RUN_OK;
}

static int fake_leader(void)
{
    return 0;
}

static void fake_share(void *p, size_t n)
{
    memset(p, 0x5a, n);
}

static const struct pool_backend_ops fake_backend = {
    .name = "fake", .run = fake_run, .is_leader = fake_leader,
    .share = fake_share,
};

START_TEST(test_pool_backend)
{
    struct runner_opts ro = {.jobs = 1, .progress = PROGRESS_NEVER};
    struct results r;
    char *a, *b;

    char shared[3] = {1, 2, 3};

    ck_assert_ptr_null(pool_backend());
    ck_assert_int_eq(pool_is_leader(), 1);
    pool_share(shared, sizeof(shared));         /* no backend: untouched */
    ck_assert_int_eq(shared[2], 3);
    pool_set_backend(&fake_backend);
    ck_assert_int_eq(pool_is_leader(), 0);
    pool_share(shared, sizeof(shared));
    ck_assert_int_eq(shared[0], 0x5a);
    fake_calls = 0;
    run_into(&r, &ro);
    pool_set_backend(NULL);
    ck_assert_int_eq(fake_calls, 1);
    ck_assert_int_eq(pool_is_leader(), 1);
    a = render_json(&whole);
    b = render_json(&r);
    ck_assert_str_eq(a, b);
    free(a);
    free(b);
    results_release(&r);
}
END_TEST

Suite *shard_suite(void)
{
    Suite *s = suite_create("shard");
    TCase *spec = tcase_create("spec");
    TCase *run = tcase_create("run");
    TCase *files = tcase_create("files");

    tcase_add_loop_test(spec, test_parse, 0,
                        (int)(sizeof(specs) / sizeof(specs[0])));
    tcase_add_test(spec, test_partition);
    tcase_add_test(spec, test_paths);
    tcase_add_checked_fixture(run, setup, teardown);
    tcase_add_test(run, test_runner_shard_cells);
    tcase_add_test(run, test_runner_given_cells);
    tcase_add_test(run, test_pool_backend);
    tcase_add_checked_fixture(files, setup, teardown);
    tcase_add_test(files, test_merge_round_trip);
    tcase_add_test(files, test_merge_missing);
    tcase_add_test(files, test_journal_resume);
    tcase_add_test(files, test_journal_other_seed);
    tcase_add_test(files, test_journal_nothing_written_without_cells);
    tcase_set_timeout(run, 60);
    tcase_set_timeout(files, 60);
    suite_add_tcase(s, spec);
    suite_add_tcase(s, run);
    suite_add_tcase(s, files);
    return s;
}
