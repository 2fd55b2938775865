/* The background thread: runs jobs (signed requests) one at a time from a
 * queue and hands finished jobs back to the main thread, waking it through
 * a pipe that the main loop poll()s.  Knows nothing of curses or AWS.
 *
 * A job type is a struct worker_job_ops; a job embeds struct worker_job as
 * its FIRST member so that the ops can cast back to the full struct:
 *
 *	struct my_job { struct worker_job base; int input; int output; };
 *	static void my_run(struct worker_job *j, void *ctx)	// worker thread
 *	{ struct my_job *m = (struct my_job *)j; ... honour j->cancel ... }
 *	static void my_free(struct worker_job *j) { free(j); }
 *	const struct worker_job_ops my_job_ops = { "my-job", my_run, my_free };
 *
 *	struct my_job *m = xcalloc(1, sizeof(*m));
 *	worker_job_init(&m->base, &my_job_ops);
 *	worker_submit(w, &m->base, true);	// true: supersede older ones of this type
 *
 * run() must not touch curses nor any main-thread state; it reads its input
 * and writes its output inside its own job struct. */
#ifndef SAGESCALE_WORKER_H
#define SAGESCALE_WORKER_H
#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>

struct worker;
struct worker_job;

struct worker_job_ops {
	const char *name;
	/* Runs in the worker thread; ctx is the one given to worker_new(). */
	void (*run)(struct worker_job *job, void *ctx);
	void (*free)(struct worker_job *job);
};

enum worker_job_state {
	WORKER_QUEUED,
	WORKER_RUNNING,
	WORKER_DONE,    /* run() returned; its output is in the job */
	WORKER_DROPPED, /* cancelled or superseded before it ran */
};

struct worker_job {
	const struct worker_job_ops *ops;
	unsigned long id;            /* set by worker_submit, increasing */
	atomic_bool cancel;          /* pass to aws_call(); set by worker_cancel* */
	bool superseded;             /* a newer job of the same type replaced it */
	enum worker_job_state state; /* read by the main thread only once the job is back */
	struct timespec submitted, started, finished; /* CLOCK_MONOTONIC */
	struct worker_job *next;                      /* queue link, owned by the worker */
};

void worker_job_init(struct worker_job *job, const struct worker_job_ops *ops);
void worker_job_free(struct worker_job *job);
double worker_job_seconds(const struct worker_job *job); /* started..finished */

/* Starts the thread.  ctx is passed to every run() (e.g. the AWS session). */
struct worker *worker_new(void *ctx);
/* The read end of the wake-up pipe: readable when finished jobs wait. */
int worker_fd(const struct worker *w);
/* Queues job (ownership passes to the worker until it comes back from
 * worker_take).  With supersede, every queued or running job with the same
 * ops is cancelled and marked superseded.  Returns the job's id. */
unsigned long worker_submit(struct worker *w, struct worker_job *job, bool supersede);
/* Cancels the job with this id (queued: dropped; running: its cancel flag set). */
void worker_cancel(struct worker *w, unsigned long id);
void worker_cancel_all(struct worker *w);
/* Number of jobs queued or running (main thread's view). */
unsigned worker_busy(struct worker *w);
/* The oldest job that came back (done or dropped), or NULL; drains the
 * pipe.  The caller owns it and frees it with worker_job_free(). */
struct worker_job *worker_take(struct worker *w);
/* The running job's start time, if any (for the spinner). */
bool worker_running_since(struct worker *w, struct timespec *since, unsigned long *id);
/* Cancels everything, waits up to timeout_ms for the thread (a stuck
 * request must not keep the program from exiting), frees what it can. */
bool worker_free(struct worker *w, int timeout_ms); /* false: the thread was left running */

#endif
