/* Unit tests of src/whatif/sweep.c: range parsing and validation, and the
 * pool (order, bounded concurrency, backing off under pushback, failed
 * points kept, cancellation, connection failures) with a fake point runner. */
#include "config.h"
#include "../lib/unit.h"
#include "whatif/sweep.h"
#include "util/xalloc.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void expect_range(const char *text, int from, int to, int step, size_t count)
{
	struct sweep_range r;
	char *err = NULL;

	assert_int_equal(sweep_range_parse(text, &r, &err), 0);
	assert_null(err);
	assert_int_equal(r.from, from);
	assert_int_equal(r.to, to);
	assert_int_equal(r.step, step);
	assert_int_equal(sweep_range_count(&r), count);
}

/* Rejected, with a message that holds each of the needles. */
static void expect_bad(const char *text, const char *needle, const char *needle2)
{
	struct sweep_range r;
	char *err = NULL;

	assert_int_equal(sweep_range_parse(text, &r, &err), -1);
	assert_non_null(err);
	print_message("# %s -> %s\n", text, err);
	assert_non_null(strstr(err, needle));
	if (needle2)
		assert_non_null(strstr(err, needle2));
	free(err);
}

static void test_range_parse(void **state)
{
	expect_range("10:100:10", 10, 100, 10, 10);
	expect_range("10:100:1", 10, 100, 1, 91);
	expect_range("1:100:1", 1, 100, 1, 100);
	expect_range("50:50:5", 50, 50, 5, 1);
	expect_range("10:95:10", 10, 95, 10, 9); /* the last point is 90 */
	expect_range("10:100:200", 10, 100, 200, 1);
}

static void test_range_invalid(void **state)
{
	expect_bad("90:10:10", "FROM (90) is greater than TO (10)", "90:10:10");
	expect_bad("10:100:0", "STEP (0) must be at least 1", NULL);
	expect_bad("10:100:-5", "STEP (-5)", NULL);
	expect_bad("0:100:10", "FROM (0) is outside", "1-100");
	expect_bad("10:101:10", "TO (101) is outside", "1-100");
	expect_bad("-5:10:1", "FROM (-5)", NULL);
	expect_bad("10:100", "FROM:TO:STEP", NULL);
	expect_bad("10", "FROM:TO:STEP", NULL);
	expect_bad("", "FROM:TO:STEP", NULL);
	expect_bad("10:100:10:1", "FROM:TO:STEP", NULL);
	expect_bad("a:100:10", "FROM \"a\" is not a whole number", NULL);
	expect_bad("10:1e2:10", "TO \"1e2\"", NULL);
	expect_bad("10:100:", "STEP \"\"", NULL);
	expect_bad("10: 100:10", "TO \" 100\"", NULL);
	expect_bad("99999999999:100:1", "FROM", NULL);
}

static void test_concurrency_parse(void **state)
{
	int n;
	char *err = NULL;

	assert_int_equal(sweep_concurrency_parse("4", &n, &err), 0);
	assert_int_equal(n, 4);
	assert_int_equal(sweep_concurrency_parse("1", &n, &err), 0);
	assert_int_equal(sweep_concurrency_parse("0", &n, &err), -1);
	assert_non_null(strstr(err, "--concurrency"));
	free(err);
	assert_int_equal(sweep_concurrency_parse("17", &n, &err), -1);
	free(err);
	assert_int_equal(sweep_concurrency_parse("x", &n, &err), -1);
	free(err);
}

/* ---- a fake runner ---- */

struct fake {
	pthread_mutex_t mu;
	int active, peak;
	int conns, conns_freed;
	int delay_ms;
	int fail_every;     /* cpu % fail_every == 0 fails (0: none) */
	int pushback_first; /* the first N points report pushback */
	int calls;
	int fail_conn; /* conn_new fails */
	int notified;
	int blocking; /* wait for cancel inside run_point */
};

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static void *fake_conn_new(void *arg, char **err)
{
	struct fake *f = arg;

	pthread_mutex_lock(&f->mu);
	f->conns++;
	pthread_mutex_unlock(&f->mu);
	if (f->fail_conn) {
		*err = xstrdup("no route to the simulator");
		return NULL;
	}
	return f;
}

static void fake_conn_free(void *arg, void *conn)
{
	struct fake *f = arg;

	pthread_mutex_lock(&f->mu);
	f->conns_freed++;
	pthread_mutex_unlock(&f->mu);
}

static bool fake_run(void *arg, void *conn, int cpu, atomic_bool *cancel, struct whatif_run *run)
{
	struct fake *f = arg;
	bool pushback;

	pthread_mutex_lock(&f->mu);
	f->active++;
	if (f->active > f->peak)
		f->peak = f->active;
	pushback = f->calls++ < f->pushback_first;
	pthread_mutex_unlock(&f->mu);
	if (f->blocking) {
		for (int i = 0; i < 500 && !atomic_load(cancel); i++)
			sleep_ms(2);
	} else {
		sleep_ms(f->delay_ms);
	}
	run->req.cpu = (struct opt_int){ true, cpu };
	if (atomic_load(cancel)) {
		whatif_run_set_error(run, "cancelled", NULL, "cancelled");
	} else if (f->fail_every && cpu % f->fail_every == 0) {
		whatif_run_set_error(run, "service", "InternalFailure", "injected");
	} else {
		run->ok = true;
		run->invocations_per_instance = (struct opt_int){ true, cpu * 10 };
	}
	pthread_mutex_lock(&f->mu);
	f->active--;
	pthread_mutex_unlock(&f->mu);
	return pushback;
}

static void fake_notify(void *arg)
{
	struct fake *f = arg;

	pthread_mutex_lock(&f->mu);
	f->notified++;
	pthread_mutex_unlock(&f->mu);
}

static struct sweep *start(struct fake *f, const char *range, int conc)
{
	struct sweep_range r;
	char *err = NULL;
	struct sweep_ops ops = { f, fake_conn_new, fake_conn_free, fake_run, fake_notify };

	pthread_mutex_init(&f->mu, NULL);
	assert_int_equal(sweep_range_parse(range, &r, &err), 0);
	return sweep_start(&r, conc, &ops);
}

static void test_pool_order_and_bound(void **state)
{
	struct fake f = { .delay_ms = 3, .fail_every = 0 };
	struct sweep *s = start(&f, "10:100:1", 4);

	sweep_wait(s);
	assert_true(sweep_finished(s));
	assert_int_equal(sweep_count(s), 91);
	for (size_t i = 0; i < 91; i++) {
		struct sweep_point p;
		sweep_get(s, i, &p);
		assert_int_equal(p.cpu, 10 + (int)i);
		assert_int_equal(p.state, SWEEP_DONE);
		assert_true(p.run.ok);
		assert_int_equal(p.run.invocations_per_instance.v, p.cpu * 10);
		whatif_run_free(&p.run);
	}
	struct sweep_progress pr;
	sweep_progress(s, &pr);
	assert_int_equal(pr.done, 91);
	assert_int_equal(pr.failed, 0);
	assert_true(f.peak <= 4);
	assert_true(f.peak >= 2);     /* it did run in parallel */
	assert_int_equal(f.conns, 4); /* one connection per thread, reused */
	assert_int_equal(f.conns_freed, 4);
	assert_int_equal(f.notified, 91 + 1);
	sweep_free(s);
}

static void test_pool_failures_kept(void **state)
{
	struct fake f = { .delay_ms = 1, .fail_every = 30 };
	struct sweep *s = start(&f, "10:100:10", 3);

	sweep_wait(s);
	struct sweep_progress pr;
	sweep_progress(s, &pr);
	assert_int_equal(pr.total, 10);
	assert_int_equal(pr.done, 10);
	assert_int_equal(pr.failed, 3); /* 30, 60, 90 */
	for (size_t i = 0; i < 10; i++) {
		struct sweep_point p;
		sweep_get(s, i, &p);
		if (p.cpu % 30 == 0) {
			assert_false(p.run.ok);
			assert_string_equal(p.run.error_code, "InternalFailure");
		} else {
			assert_true(p.run.ok);
		}
		whatif_run_free(&p.run);
	}
	sweep_free(s);
}

static void test_pool_backs_off(void **state)
{
	/* Every answer pushes back: the pool must drop to one at a time. */
	struct fake f = { .delay_ms = 4, .pushback_first = 1000 };
	struct sweep *s = start(&f, "1:40:1", 8);

	sweep_wait(s);
	struct sweep_progress pr;
	sweep_progress(s, &pr);
	assert_int_equal(pr.concurrency, 1);
	assert_int_equal(pr.max_concurrency, 8);
	assert_int_equal(pr.done, 40);
	sweep_free(s);

	/* Pushback only at first: the limit halves, then climbs back. */
	struct fake g = { .delay_ms = 1, .pushback_first = 3 };
	s = start(&g, "1:100:1", 4);
	sweep_wait(s);
	sweep_progress(s, &pr);
	assert_int_equal(pr.concurrency, 4);
	sweep_free(s);
}

static void test_pool_cancel(void **state)
{
	struct fake f = { .blocking = 1 };
	struct sweep *s = start(&f, "10:100:1", 2);

	sleep_ms(30);
	assert_false(sweep_finished(s));
	sweep_cancel(s);
	sweep_wait(s);
	assert_true(sweep_finished(s));
	assert_true(sweep_cancelled(s));
	struct sweep_progress pr;
	sweep_progress(s, &pr);
	assert_int_equal(pr.skipped, 91); /* two aborted in flight, the rest never sent */
	assert_true(f.calls <= 2);
	struct sweep_point p;
	sweep_get(s, 90, &p);
	assert_int_equal(p.state, SWEEP_SKIPPED);
	assert_false(p.run.ok);
	assert_string_equal(p.run.error_kind, "cancelled");
	whatif_run_free(&p.run);
	sweep_free(s);
}

static void test_pool_no_connection(void **state)
{
	struct fake f = { .fail_conn = 1 };
	struct sweep *s = start(&f, "10:50:10", 2);

	sweep_wait(s);
	struct sweep_progress pr;
	sweep_progress(s, &pr);
	assert_int_equal(pr.failed, 5);
	struct sweep_point p;
	sweep_get(s, 0, &p);
	assert_string_equal(p.run.error_message, "no route to the simulator");
	whatif_run_free(&p.run);
	assert_int_equal(f.calls, 0);
	sweep_free(s);
}

static void test_pool_free_while_running(void **state)
{
	struct fake f = { .blocking = 1 };
	struct sweep *s = start(&f, "1:100:1", 4);

	sleep_ms(10);
	sweep_free(s); /* cancels and joins; nothing leaks (valgrind) */
	assert_int_equal(f.conns, f.conns_freed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_range_parse),
		cmocka_unit_test(test_range_invalid),
		cmocka_unit_test(test_concurrency_parse),
		cmocka_unit_test(test_pool_order_and_bound),
		cmocka_unit_test(test_pool_failures_kept),
		cmocka_unit_test(test_pool_backs_off),
		cmocka_unit_test(test_pool_cancel),
		cmocka_unit_test(test_pool_no_connection),
		cmocka_unit_test(test_pool_free_while_running),
	};
	return cmocka_run_group_tests_name("sweep", tests, NULL, NULL);
}
