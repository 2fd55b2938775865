/* Key replay with timings (see bench.h).  Key names: Up Down PgUp PgDn
 * Home End Left Right Enter Tab Esc F6, or one character; "KEY xN" repeats.
 * "TIMED KEY xN" times each key to its answer painted: the key, then every
 * job it started taken back and drawn (a what-if key's new answer). */
#include "config.h"
#include "tui/bench.h"
#include "tui/tui-int.h"
#include "util/xalloc.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Takes jobs back and draws until the worker is idle (30 s at most). */
static void settle(struct tui *t, tui_draw_fn draw, tui_job_fn job_back)
{
	double w0 = now_ms();
	bool busy;

	do {
		struct pollfd p = { worker_fd(t->worker), POLLIN, 0 };
		struct worker_job *job;

		busy = worker_busy(t->worker) > 0;
		poll(&p, 1, busy ? 1000 : 0);
		while ((job = worker_take(t->worker)) != NULL) {
			job_back(t, job);
			draw(t);
		}
	} while (busy && now_ms() - w0 < 30000);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* TIMED KEY xN: each key to its answer painted; figures on out. */
static void timed(struct tui *t, FILE *out, int key, bool func, unsigned long reps,
		  tui_draw_fn draw, tui_dispatch_fn dispatch, tui_job_fn job_back)
{
	double *d = xcalloc(reps + 1, sizeof(*d));

	for (unsigned long i = 0; i < reps; i++) {
		double a = now_ms();

		dispatch(t, key, func);
		draw(t);
		settle(t, draw, job_back);
		d[i] = now_ms() - a;
	}
	qsort(d, reps, sizeof(*d), cmp_double);
	if (reps > 0)
		fprintf(out,
			"timed_n %lu\ntimed_median_ms %.3f\ntimed_p99_ms %.3f\n"
			"timed_max_ms %.3f\n",
			reps, d[reps / 2], d[(size_t)((double)(reps - 1) * 0.99 + 0.5)],
			d[reps - 1]);
	free(d);
}

static bool parse_key(const char *name, int *key, bool *func)
{
	return keymap_parse_name(name, key, func) == 0;
}

int tui_bench_run(struct tui *t, const char *file, tui_draw_fn draw, tui_dispatch_fn dispatch,
		  tui_job_fn job_back)
{
	FILE *in = fopen(file, "r"), *out;
	char *outname = xasprintf("%s.out", file);
	char line[256];
	double total = 0, max = 0, start;
	unsigned long n = 0, over = 0;
	char max_name[96] = "";

	out = fopen(outname, "w");
	free(outname);
	if (in == NULL || out == NULL)
		xfatal("--bench-keys: cannot open %s or its .out", file);
	/* Wait for the first request to finish (30 s at most). */
	draw(t);
	start = now_ms();
	while (worker_busy(t->worker) > 0 && now_ms() - start < 30000) {
		struct pollfd p = { worker_fd(t->worker), POLLIN, 0 };
		struct worker_job *job;

		poll(&p, 1, 1000);
		while ((job = worker_take(t->worker)) != NULL)
			job_back(t, job);
	}
	fprintf(out, "load_ms %.3f\n", now_ms() - start);
	draw(t);
	while (fgets(line, sizeof(line), in) != NULL) {
		char name[64];
		unsigned long reps = 1;
		int key;
		bool func;

		if (sscanf(line, "%63s x%lu", name, &reps) < 1 || name[0] == '#')
			continue;
		/* WAIT: until the worker is idle; each job that comes back is
		 * timed as one "key": its job_done hooks (the Replay view
		 * replays an answer there) and the redraw. */
		if (strcmp(name, "WAIT") == 0) {
			double w0 = now_ms();
			bool busy;
			/* A job may have finished already: take before asking. */
			do {
				struct pollfd p = { worker_fd(t->worker), POLLIN, 0 };
				struct worker_job *job;

				busy = worker_busy(t->worker) > 0;
				poll(&p, 1, busy ? 1000 : 0);
				while ((job = worker_take(t->worker)) != NULL) {
					double a = now_ms(), d;
					job_back(t, job);
					draw(t);
					d = now_ms() - a;
					fprintf(out, "answer_ms %.3f\n", d);
				}
			} while (busy && now_ms() - w0 < 30000);
			continue;
		}
		if (strcmp(name, "TIMED") == 0) {
			char k[64];

			reps = 1;
			if (sscanf(line, "TIMED %63s x%lu", k, &reps) >= 1 &&
			    parse_key(k, &key, &func))
				timed(t, out, key, func, reps, draw, dispatch, job_back);
			continue;
		}
		if (!parse_key(name, &key, &func))
			continue;
		for (unsigned long i = 0; i < reps; i++) {
			double a = now_ms(), d;

			dispatch(t, key, func);
			draw(t);
			d = now_ms() - a;
			total += d;
			if (d > max) {
				max = d;
				snprintf(max_name, sizeof(max_name), "%s#%lu", name, i + 1);
			}
			if (d > 10.0)
				over++;
			n++;
		}
		if (term_take_signal() != 0)
			break;
	}
	fprintf(out, "keys %lu\nmean_ms %.3f\nmax_ms %.3f\nmax_key %s\nover_10ms %lu\n", n,
		n ? total / (double)n : 0.0, max, max_name, over);
	fclose(out);
	fclose(in);
	return 0;
}
