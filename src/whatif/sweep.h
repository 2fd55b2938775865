/* The CPU sweep: one request per CPU target of a range, run on a small pool
 * of threads, each with its own connection, with bounded concurrency that
 * halves when the service pushes back (throttling, retries) and creeps back
 * up when it does not.  Cancellable; failed points keep their error and the
 * rest are kept; results in CPU order.  Knows nothing of curses. */
#ifndef SAGESCALE_WHATIF_SWEEP_H
#define SAGESCALE_WHATIF_SWEEP_H
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include "whatif/run.h"

#define SWEEP_CPU_MIN 1
#define SWEEP_CPU_MAX 100
#define SWEEP_DEFAULT_CONCURRENCY 4
#define SWEEP_MAX_CONCURRENCY 16

struct sweep_range {
	int from, to, step;
};

/* Parses "FROM:TO:STEP" (integers, 1 <= FROM <= TO <= 100, STEP >= 1).
 * Returns 0, or -1 with *err a translated message naming the bad part. */
int sweep_range_parse(const char *text, struct sweep_range *r, char **err);
/* The same checks on numbers (for the sweep screen's fields). */
int sweep_range_check(const struct sweep_range *r, char **err);
size_t sweep_range_count(const struct sweep_range *r);
/* Parses a --concurrency value (1..SWEEP_MAX_CONCURRENCY). */
int sweep_concurrency_parse(const char *text, int *n, char **err);

enum sweep_point_state {
	SWEEP_PENDING,
	SWEEP_RUNNING,
	SWEEP_DONE,    /* run.ok tells success or failure */
	SWEEP_SKIPPED, /* cancelled before it was sent */
};

struct sweep_point {
	int cpu;
	enum sweep_point_state state;
	struct whatif_run run;
};

struct sweep_ops {
	void *arg;
	/* Each pool thread's own connection; NULL with *err on failure. */
	void *(*conn_new)(void *arg, char **err);
	void (*conn_free)(void *arg, void *conn);
	/* Runs one point and fills run (success or error).  Returns true when
	 * the call met throttling or needed retries: the pool then slows down. */
	bool (*run_point)(void *arg, void *conn, int cpu, atomic_bool *cancel,
			  struct whatif_run *run);
	/* After each point finishes, from the pool thread (may be NULL): e.g.
	 * wake the TUI's main loop.  Also called once when the sweep ends. */
	void (*notify)(void *arg);
};

struct sweep;

/* Starts the pool (concurrency clamped to 1..SWEEP_MAX_CONCURRENCY and to
 * the number of points).  Never NULL. */
struct sweep *sweep_start(const struct sweep_range *r, int concurrency,
			  const struct sweep_ops *ops);
/* Asks every thread to stop: in-flight calls are aborted, the rest skipped. */
void sweep_cancel(struct sweep *s);
bool sweep_cancelled(struct sweep *s);
bool sweep_finished(struct sweep *s);
void sweep_wait(struct sweep *s);
/* Cancels, waits and frees. */
void sweep_free(struct sweep *s);

size_t sweep_count(const struct sweep *s);
/* A copy of point i taken under the lock (free out->run after). */
void sweep_get(struct sweep *s, size_t i, struct sweep_point *out);
struct sweep_progress {
	size_t total, done, failed, skipped, running;
	int concurrency; /* the pool's current limit */
	int max_concurrency;
};
void sweep_progress(struct sweep *s, struct sweep_progress *p);

/* Ops for the real call: GetScalingConfigurationRecommendation with base's
 * inputs and TargetCpuUtilizationPerCore replaced.  The clients are made
 * from client_opts (its cfg borrowed; it must outlive the sweep). */
struct sweep_call {
	const struct scaling_request *base;
	const struct aws_client_options *client_opts;
	void (*notify)(void *arg);
	void *notify_arg;
};
void sweep_call_ops(struct sweep_call *call, struct sweep_ops *ops);

#endif
