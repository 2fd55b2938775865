/* The worker thread and its queue (src/worker.c): order, wake-up pipe,
 * cancellation, superseding, and a bounded shutdown. */
#include "config.h"
#include "../lib/unit.h"
#include "tui/worker.h"
#include "util/xalloc.h"

#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct test_job {
	struct worker_job base;
	int input, output;
	int sleep_ms; /* how long run() works, polling cancel */
	bool saw_cancel;
};

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void test_run(struct worker_job *job, void *ctx)
{
	struct test_job *j = (struct test_job *)job;

	for (int i = 0; i < j->sleep_ms; i++) {
		if (atomic_load(&job->cancel)) {
			j->saw_cancel = true;
			return;
		}
		sleep_ms(1);
	}
	j->output = j->input * *(int *)ctx;
}

static void tjob_free(struct worker_job *job)
{
	free(job);
}

static const struct worker_job_ops ops = { "test", test_run, tjob_free };
static const struct worker_job_ops other_ops = { "other", test_run, tjob_free };

static struct test_job *job(const struct worker_job_ops *o, int input, int ms)
{
	struct test_job *j = xcalloc(1, sizeof(*j));

	worker_job_init(&j->base, o);
	j->input = input;
	j->sleep_ms = ms;
	return j;
}

/* Waits (bounded) for the next job back through the pipe. */
static struct test_job *next(struct worker *w)
{
	for (int i = 0; i < 100; i++) {
		struct worker_job *j = worker_take(w);

		if (j != NULL)
			return (struct test_job *)j;
		struct pollfd p = { worker_fd(w), POLLIN, 0 };

		poll(&p, 1, 100);
	}
	return NULL;
}

static void test_order_and_result(void **state)
{
	int factor = 3;
	struct worker *w = worker_new(&factor);
	unsigned long a, b;
	struct test_job *j;

	(void)state;
	a = worker_submit(w, &job(&ops, 1, 0)->base, false);
	b = worker_submit(w, &job(&ops, 2, 0)->base, false);
	assert_true(b > a);
	j = next(w);
	assert_non_null(j);
	assert_int_equal(j->base.id, a);
	assert_int_equal(j->base.state, WORKER_DONE);
	assert_int_equal(j->output, 3);
	worker_job_free(&j->base);
	j = next(w);
	assert_non_null(j);
	assert_int_equal(j->output, 6);
	worker_job_free(&j->base);
	assert_int_equal(worker_busy(w), 0);
	assert_null(worker_take(w));
	assert_true(worker_free(w, 1000));
}

static void test_pipe_wakes(void **state)
{
	int factor = 1;
	struct worker *w = worker_new(&factor);
	struct pollfd p = { worker_fd(w), POLLIN, 0 };
	struct test_job *j;

	(void)state;
	/* Nothing pending: the pipe is quiet. */
	assert_int_equal(poll(&p, 1, 0), 0);
	worker_submit(w, &job(&ops, 5, 20)->base, false);
	assert_int_equal(poll(&p, 1, 5000), 1);
	j = (struct test_job *)worker_take(w);
	assert_non_null(j);
	worker_job_free(&j->base);
	/* Drained: quiet again. */
	assert_int_equal(poll(&p, 1, 0), 0);
	assert_true(worker_free(w, 1000));
}

static void test_cancel_running(void **state)
{
	int factor = 1;
	struct worker *w = worker_new(&factor);
	struct timespec since;
	unsigned long id, rid = 0;
	struct test_job *j;

	(void)state;
	id = worker_submit(w, &job(&ops, 1, 5000)->base, false);
	for (int i = 0; i < 200 && !worker_running_since(w, &since, &rid); i++)
		sleep_ms(5);
	assert_int_equal(rid, id);
	worker_cancel(w, id);
	j = next(w);
	assert_non_null(j);
	assert_true(j->saw_cancel);
	assert_true(atomic_load(&j->base.cancel));
	worker_job_free(&j->base);
	assert_true(worker_free(w, 1000));
}

static void test_supersede(void **state)
{
	int factor = 1;
	struct worker *w = worker_new(&factor);
	struct test_job *j, *got[4];
	struct timespec since;

	(void)state;
	worker_submit(w, &job(&ops, 1, 5000)->base, false); /* running */
	for (int i = 0; i < 200 && !worker_running_since(w, &since, NULL); i++)
		sleep_ms(5);
	worker_submit(w, &job(&other_ops, 2, 0)->base, false); /* another type: kept */
	worker_submit(w, &job(&ops, 3, 5000)->base, false);    /* queued: dropped */
	worker_submit(w, &job(&ops, 4, 0)->base, true);        /* supersedes both */
	for (int i = 0; i < 4; i++) {
		got[i] = next(w);
		assert_non_null(got[i]);
	}
	for (int i = 0; i < 4; i++) {
		j = got[i];
		switch (j->input) {
		case 1:
			assert_true(j->base.superseded);
			assert_true(j->saw_cancel);
			break;
		case 2:
			assert_false(j->base.superseded);
			assert_int_equal(j->output, 2);
			break;
		case 3:
			assert_true(j->base.superseded);
			assert_int_equal(j->base.state, WORKER_DROPPED);
			break;
		case 4:
			assert_false(j->base.superseded);
			assert_int_equal(j->output, 4);
			break;
		default: fail();
		}
		worker_job_free(&j->base);
	}
	assert_int_equal(worker_busy(w), 0);
	assert_true(worker_free(w, 1000));
}

static void test_cancel_all(void **state)
{
	int factor = 1;
	struct worker *w = worker_new(&factor);
	struct timespec since;
	int back = 0;

	(void)state;
	worker_submit(w, &job(&ops, 1, 5000)->base, false);
	for (int i = 0; i < 200 && !worker_running_since(w, &since, NULL); i++)
		sleep_ms(5);
	worker_submit(w, &job(&ops, 2, 5000)->base, false);
	worker_submit(w, &job(&ops, 3, 5000)->base, false);
	worker_cancel_all(w);
	for (int i = 0; i < 3; i++) {
		struct test_job *j = next(w);

		assert_non_null(j);
		assert_true(j->base.state == WORKER_DROPPED || j->saw_cancel);
		worker_job_free(&j->base);
		back++;
	}
	assert_int_equal(back, 3);
	assert_true(worker_free(w, 1000));
}

/* A job that ignores cancellation must not hold shutdown beyond the timeout. */
static void stubborn_run(struct worker_job *job, void *ctx)
{
	(void)job;
	(void)ctx;
	sleep_ms(1500);
}

static const struct worker_job_ops stubborn_ops = { "stubborn", stubborn_run, tjob_free };

static void test_bounded_shutdown(void **state)
{
	int factor = 1;
	struct worker *w = worker_new(&factor);
	struct timespec a, b, since;
	double ms;

	(void)state;
	worker_submit(w, &job(&stubborn_ops, 1, 0)->base, false);
	for (int i = 0; i < 200 && !worker_running_since(w, &since, NULL); i++)
		sleep_ms(5);
	clock_gettime(CLOCK_MONOTONIC, &a);
	assert_false(worker_free(w, 200));
	clock_gettime(CLOCK_MONOTONIC, &b);
	ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
	assert_true(ms < 1000);
	sleep_ms(1600); /* let the detached thread finish before the next test */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_and_result), cmocka_unit_test(test_pipe_wakes),
		cmocka_unit_test(test_cancel_running),   cmocka_unit_test(test_supersede),
		cmocka_unit_test(test_cancel_all),       cmocka_unit_test(test_bounded_shutdown),
	};
	return cmocka_run_group_tests_name("worker", tests, NULL, NULL);
}
