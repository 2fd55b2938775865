/* Sweep range parsing and the pool that runs the points.  The pool is plain
 * pthreads: a shared "next point" index and a concurrency limit under one
 * mutex; threads past the limit wait on a condition variable. */
#include "config.h"
#include "whatif/sweep.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- ranges ---- */

static bool parse_int(const char *s, size_t n, int *out)
{
	char *tmp = xstrndup(s, n), *end;
	errno = 0;
	long v = strtol(tmp, &end, 10);
	bool ok = n > 0 && *end == '\0' && errno == 0 && v >= INT_MIN && v <= INT_MAX &&
		  (tmp[0] == '-' || tmp[0] == '+' || (tmp[0] >= '0' && tmp[0] <= '9'));
	free(tmp);
	*out = (int)v;
	return ok;
}

int sweep_range_check(const struct sweep_range *r, char **err)
{
	if (r->from < SWEEP_CPU_MIN || r->from > SWEEP_CPU_MAX) {
		*err = xasprintf(_("FROM (%d) is outside the CPU target range %d-%d"), r->from,
				 SWEEP_CPU_MIN, SWEEP_CPU_MAX);
		return -1;
	}
	if (r->to < SWEEP_CPU_MIN || r->to > SWEEP_CPU_MAX) {
		*err = xasprintf(_("TO (%d) is outside the CPU target range %d-%d"), r->to,
				 SWEEP_CPU_MIN, SWEEP_CPU_MAX);
		return -1;
	}
	if (r->from > r->to) {
		*err = xasprintf(_("FROM (%d) is greater than TO (%d)"), r->from, r->to);
		return -1;
	}
	if (r->step <= 0) {
		*err = xasprintf(_("STEP (%d) must be at least 1"), r->step);
		return -1;
	}
	return 0;
}

int sweep_range_parse(const char *text, struct sweep_range *r, char **err)
{
	const char *c1 = text ? strchr(text, ':') : NULL;
	const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	char *why = NULL, *shown;

	/* The text is the user's: it goes to a terminal, so sanitise it. */
	if (!c1 || !c2 || strchr(c2 + 1, ':')) {
		shown = sanitize_str(text);
		*err = xasprintf(
			_("invalid CPU range \"%s\": expected FROM:TO:STEP, e.g. 10:100:10"),
			shown);
		free(shown);
		return -1;
	}
	if (!parse_int(text, (size_t)(c1 - text), &r->from))
		why = xasprintf(_("FROM \"%.*s\" is not a whole number"), (int)(c1 - text), text);
	else if (!parse_int(c1 + 1, (size_t)(c2 - c1 - 1), &r->to))
		why = xasprintf(_("TO \"%.*s\" is not a whole number"), (int)(c2 - c1 - 1), c1 + 1);
	else if (!parse_int(c2 + 1, strlen(c2 + 1), &r->step))
		why = xasprintf(_("STEP \"%s\" is not a whole number"), c2 + 1);
	else if (sweep_range_check(r, &why) == 0)
		return 0;
	shown = sanitize_str(text);
	char *why_shown = sanitize_str(why);
	*err = xasprintf(_("invalid CPU range \"%s\": %s"), shown, why_shown);
	free(shown);
	free(why_shown);
	free(why);
	return -1;
}

size_t sweep_range_count(const struct sweep_range *r)
{
	if (r->step <= 0 || r->from > r->to)
		return 0;
	return (size_t)((r->to - r->from) / r->step) + 1;
}

int sweep_concurrency_parse(const char *text, int *n, char **err)
{
	if (!text || !parse_int(text, strlen(text), n) || *n < 1 || *n > SWEEP_MAX_CONCURRENCY) {
		char *shown = sanitize_str(text);
		*err = xasprintf(_("invalid --concurrency \"%s\": expected a number from 1 to %d"),
				 shown, SWEEP_MAX_CONCURRENCY);
		free(shown);
		return -1;
	}
	return 0;
}

/* ---- the pool ---- */

struct sweep {
	struct sweep_ops ops;
	struct sweep_point *points;
	size_t n;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t next, active, live_threads, done, failed, skipped;
	int limit, max_limit, calm;
	char *conn_error; /* the last pool thread's connection failure */
	atomic_bool cancel;
	bool finished;
	pthread_t *threads;
	size_t nthreads;
	bool joined;
};

static void sweep_notify(struct sweep *s)
{
	if (s->ops.notify)
		s->ops.notify(s->ops.arg);
}

/* Called with the lock held: a point's outcome steers the pool's limit.
 * Pushback halves it (AIMD, like TCP); a run of calm answers adds one. */
static void adjust_limit(struct sweep *s, bool pushback)
{
	if (pushback) {
		s->limit = s->limit > 1 ? s->limit / 2 : 1;
		s->calm = 0;
	} else if (s->limit < s->max_limit && ++s->calm >= 2 * s->limit) {
		s->limit++;
		s->calm = 0;
	}
}

/* Marks the points no thread will run (cancelled, or no connection). */
static void skip_rest(struct sweep *s)
{
	for (size_t i = s->next; i < s->n; i++) {
		struct sweep_point *p = &s->points[i];
		if (atomic_load(&s->cancel) || !s->conn_error) {
			p->state = SWEEP_SKIPPED;
			whatif_run_set_error(&p->run, "cancelled", NULL,
					     _("cancelled before it was sent"));
			s->skipped++;
		} else {
			p->state = SWEEP_DONE;
			whatif_run_set_error(&p->run, "config", NULL, s->conn_error);
			s->done++;
			s->failed++;
		}
	}
	s->next = s->n;
}

static void *pool_thread(void *arg)
{
	struct sweep *s = arg;
	char *err = NULL;
	void *conn = s->ops.conn_new ? s->ops.conn_new(s->ops.arg, &err) : NULL;

	pthread_mutex_lock(&s->mu);
	if (s->ops.conn_new && !conn) {
		free(s->conn_error);
		s->conn_error = err ? err : xstrdup(_("cannot create a connection"));
		err = NULL;
	} else {
		for (;;) {
			while (!atomic_load(&s->cancel) && s->next < s->n &&
			       s->active >= (size_t)s->limit)
				pthread_cond_wait(&s->cv, &s->mu);
			if (atomic_load(&s->cancel) || s->next >= s->n)
				break;
			size_t i = s->next++;
			struct sweep_point *p = &s->points[i];
			struct whatif_run run;
			memset(&run, 0, sizeof(run));
			p->state = SWEEP_RUNNING;
			s->active++;
			pthread_mutex_unlock(&s->mu);

			bool pushback =
				s->ops.run_point(s->ops.arg, conn, p->cpu, &s->cancel, &run);

			pthread_mutex_lock(&s->mu);
			s->active--;
			whatif_run_free(&p->run);
			p->run = run;
			if (!run.ok && run.error_kind && strcmp(run.error_kind, "cancelled") == 0) {
				p->state = SWEEP_SKIPPED; /* aborted in flight */
				s->skipped++;
			} else {
				p->state = SWEEP_DONE;
				s->done++;
				if (!run.ok)
					s->failed++;
			}
			adjust_limit(s, pushback);
			pthread_cond_broadcast(&s->cv);
			pthread_mutex_unlock(&s->mu);
			sweep_notify(s);
			pthread_mutex_lock(&s->mu);
		}
	}
	bool last = --s->live_threads == 0;
	if (last) {
		skip_rest(s);
		s->finished = true;
	}
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	free(err);
	if (conn && s->ops.conn_free)
		s->ops.conn_free(s->ops.arg, conn);
	if (last)
		sweep_notify(s);
	return NULL;
}

struct sweep *sweep_start(const struct sweep_range *r, int concurrency, const struct sweep_ops *ops)
{
	struct sweep *s = xcalloc(1, sizeof(*s));

	s->ops = *ops;
	s->n = sweep_range_count(r);
	s->points = s->n ? xcalloc(s->n, sizeof(*s->points)) : NULL;
	for (size_t i = 0; i < s->n; i++)
		s->points[i].cpu = r->from + (int)i * r->step;
	if (concurrency < 1)
		concurrency = 1;
	if (concurrency > SWEEP_MAX_CONCURRENCY)
		concurrency = SWEEP_MAX_CONCURRENCY;
	s->limit = s->max_limit = concurrency;
	atomic_init(&s->cancel, false);
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->nthreads = s->n < (size_t)concurrency ? s->n : (size_t)concurrency;
	if (s->nthreads == 0) {
		s->finished = true;
		return s;
	}
	s->threads = xcalloc(s->nthreads, sizeof(pthread_t));
	pthread_mutex_lock(&s->mu);
	for (size_t i = 0; i < s->nthreads; i++) {
		if (pthread_create(&s->threads[i], NULL, pool_thread, s) != 0)
			break;
		s->live_threads++;
	}
	s->nthreads = s->live_threads;
	if (s->nthreads == 0) {
		s->conn_error = xstrdup(_("cannot start a thread"));
		skip_rest(s);
		s->finished = true;
	}
	pthread_mutex_unlock(&s->mu);
	return s;
}

void sweep_cancel(struct sweep *s)
{
	pthread_mutex_lock(&s->mu);
	atomic_store(&s->cancel, true);
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

bool sweep_cancelled(struct sweep *s)
{
	return atomic_load(&s->cancel);
}

bool sweep_finished(struct sweep *s)
{
	pthread_mutex_lock(&s->mu);
	bool f = s->finished;
	pthread_mutex_unlock(&s->mu);
	return f;
}

void sweep_wait(struct sweep *s)
{
	if (s->joined)
		return;
	for (size_t i = 0; i < s->nthreads; i++)
		pthread_join(s->threads[i], NULL);
	s->joined = true;
}

void sweep_free(struct sweep *s)
{
	if (!s)
		return;
	sweep_cancel(s);
	sweep_wait(s);
	for (size_t i = 0; i < s->n; i++)
		whatif_run_free(&s->points[i].run);
	free(s->points);
	free(s->threads);
	free(s->conn_error);
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	free(s);
}

size_t sweep_count(const struct sweep *s)
{
	return s->n;
}

void sweep_get(struct sweep *s, size_t i, struct sweep_point *out)
{
	pthread_mutex_lock(&s->mu);
	out->cpu = s->points[i].cpu;
	out->state = s->points[i].state;
	whatif_run_copy(&out->run, &s->points[i].run);
	pthread_mutex_unlock(&s->mu);
}

void sweep_progress(struct sweep *s, struct sweep_progress *p)
{
	pthread_mutex_lock(&s->mu);
	p->total = s->n;
	p->done = s->done;
	p->failed = s->failed;
	p->skipped = s->skipped;
	p->running = s->active;
	p->concurrency = s->limit;
	p->max_concurrency = s->max_limit;
	pthread_mutex_unlock(&s->mu);
}
